// SPDX-License-Identifier: Apache-2.0
#include "io/ActivityLog.h"

#include "io/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bp {

QString ActivityLog::defaultPath()
{
    return AppPaths::dataDir() + QStringLiteral("/logs/bpsetup.log");
}

ActivityLog::ActivityLog(QString path, qint64 maxBytes)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path)), m_maxBytes(maxBytes)
{
}

Result<bool> ActivityLog::append(const QDateTime &whenUtc, const QString &topic, const QString &text) const
{
    const auto failed = [this](const QString &why) {
        return Error(ErrorCode::Storage,
                     QCoreApplication::translate("bp::ActivityLog", "Cannot write the activity log %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), why))
            .withId(QStringLiteral("activity-log-write"));
    };
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return failed(QCoreApplication::translate("bp::ActivityLog", "its folder cannot be created"));
    if (info.exists() && info.size() >= m_maxBytes) {
        const QString previous = m_path + QStringLiteral(".1");
        QFile::remove(previous);
        if (!QFile::rename(m_path, previous))
            return failed(
                QCoreApplication::translate("bp::ActivityLog", "it is full and cannot be moved to %1")
                    .arg(QDir::toNativeSeparators(previous)));
    }
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return failed(file.errorString());
    QString line = text;
    line.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray bytes =
        QStringLiteral("%1 %2: %3\n").arg(whenUtc.toUTC().toString(Qt::ISODate), topic, line).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush())
        return failed(file.errorString());
    return true;
}

} // namespace bp
