// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "errors/Result.h"

#include <QHash>
#include <QString>

namespace bp {

// Certificates the user explicitly trusted, pinned per host:port. Fingerprints are public data, so a JSON
// file under AppConfigLocation is fine; writes are atomic.
class TrustStore
{
    Q_DECLARE_TR_FUNCTIONS(TrustStore)

public:
    explicit TrustStore(QString filePath = defaultPath());
    static QString defaultPath();

    Result<bool> load(); // a missing file is an empty store
    Result<bool> save() const;
    void pin(const QString &hostPort, const QString &sha256);
    void unpin(const QString &hostPort);
    QString pinFor(const QString &hostPort) const;
    const QString &path() const { return m_path; }
    const QHash<QString, QString> &pins() const { return m_pins; }

private:
    QString m_path;
    QHash<QString, QString> m_pins;
};

} // namespace bp
