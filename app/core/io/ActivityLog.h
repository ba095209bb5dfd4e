// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QDateTime>
#include <QString>

namespace bp {

// The activity log: what a desktop user needs to find later, in one plain-text file under the data folder
// (<AppPaths::dataDir()>/logs/bpsetup.log), for example why validation was skipped and what IMS had said.
// Lines are "<UTC time> <topic>: <text>". Callers pass text without secrets (reasons, ids, host names,
// IMS answers); the log is never a place for a credential. The file is kept below maxBytes by moving it to
// bpsetup.log.1 (the one before is dropped), so it cannot fill a disk.
class ActivityLog
{
public:
    static QString defaultPath();
    static constexpr qint64 kDefaultMaxBytes = 1024 * 1024;

    explicit ActivityLog(QString path = QString(), qint64 maxBytes = kDefaultMaxBytes);

    QString path() const { return m_path; }
    // Appends one line (line breaks in text become spaces). An error says which file and why.
    Result<bool> append(const QDateTime &whenUtc, const QString &topic, const QString &text) const;

private:
    QString m_path;
    qint64 m_maxBytes;
};

} // namespace bp
