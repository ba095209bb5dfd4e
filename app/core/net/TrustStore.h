// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "errors/Result.h"

#include <QHash>
#include <QString>

namespace bp {

class Clock;

// Certificates the user explicitly trusted, pinned per host:port. Fingerprints are public data, so a JSON
// file under AppPaths::configDir() is fine; writes are atomic. Like the profiles file, a damaged file is
// moved aside under a unique name before anything is saved, and a file that can be neither read nor moved
// aside is never written over.
class TrustStore
{
    Q_DECLARE_TR_FUNCTIONS(TrustStore)

public:
    explicit TrustStore(QString filePath = defaultPath());
    TrustStore(QString filePath, Clock &clock);
    static QString defaultPath();

    // A missing file is an empty store. Errors: Parse "trust-store-damaged" (moved aside; the store is empty
    // and writable), Parse "trust-store-damaged-kept" / Storage "trust-store-unreadable" (not writable),
    // Unsupported "trust-store-newer" (written by a newer bpsetup: pins used, never written).
    Result<bool> load();
    Result<bool> save() const;
    void pin(const QString &hostPort, const QString &sha256);
    void unpin(const QString &hostPort);
    QString pinFor(const QString &hostPort) const;
    const QString &path() const { return m_path; }
    const QString &movedAsidePath() const { return m_movedAside; }
    const QHash<QString, QString> &pins() const { return m_pins; }
    bool isWritable() const { return m_loaded && m_writeBlock.code == ErrorCode::None; }

    // A SHA-256 fingerprint as users give it (with or without colons, any case), normalised to the pin form
    // (64 lower-case hex digits); empty when it is not one.
    static QString normaliseFingerprint(const QString &text);

private:
    Result<bool> keepAside(const QString &why);

    QString m_path;
    Clock *m_clock;
    QHash<QString, QString> m_pins;
    Error m_writeBlock;
    QString m_movedAside;
    bool m_loaded = false;
};

} // namespace bp
