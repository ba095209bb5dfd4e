// SPDX-License-Identifier: Apache-2.0
#include "io/AppPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bp::AppPaths {

namespace {

const QString Folder = QStringLiteral("bpsetup");

QString underGeneric(QStandardPaths::StandardLocation location)
{
    return QStandardPaths::writableLocation(location) + QLatin1Char('/') + Folder;
}

// Qt's per-application folder for the name pair bpsetup/bpsetup, whatever the running application's names.
QString legacyUnder(QStandardPaths::StandardLocation generic)
{
    return underGeneric(generic) + QLatin1Char('/') + Folder;
}

} // namespace

QString configDir()
{
    const QString override = qEnvironmentVariable("BPSETUP_CONFIG_DIR");
    return override.isEmpty() ? underGeneric(QStandardPaths::GenericConfigLocation) : override;
}

QString dataDir()
{
    const QString override = qEnvironmentVariable("BPSETUP_DATA_DIR");
    return override.isEmpty() ? underGeneric(QStandardPaths::GenericDataLocation) : override;
}

QString legacyConfigDir()
{
    return legacyUnder(QStandardPaths::GenericConfigLocation);
}

QString legacyDataDir()
{
    return legacyUnder(QStandardPaths::GenericDataLocation);
}

Migration migrate(const QString &from, const QString &to)
{
    Migration m;
    const QDir source(from);
    if (from.isEmpty() || QFileInfo(from) == QFileInfo(to) || !source.exists())
        return m;
    if (!QDir().mkpath(to))
        return m;
    const QFileInfoList entries =
        source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        // The legacy folder sits inside the current one on Linux (~/.config/bpsetup/bpsetup): never move a
        // folder into itself.
        if (QFileInfo::exists(target) || QFileInfo(target) == QFileInfo(from)) {
            m.skipped << entry.filePath();
            continue;
        }
        // A rename within one file system: the entry is either here or there, never half copied.
        if (QDir().rename(entry.filePath(), target))
            m.moved << target;
        else
            m.skipped << entry.filePath();
    }
    if (m.skipped.isEmpty())
        QDir().rmdir(from);
    return m;
}

Migration migrateLegacy()
{
    Migration out;
    if (qEnvironmentVariableIsEmpty("BPSETUP_CONFIG_DIR")) {
        const Migration c = migrate(legacyConfigDir(), configDir());
        out.moved << c.moved;
        out.skipped << c.skipped;
    }
    if (qEnvironmentVariableIsEmpty("BPSETUP_DATA_DIR")) {
        const Migration d = migrate(legacyDataDir(), dataDir());
        out.moved << d.moved;
        out.skipped << d.skipped;
    }
    return out;
}

} // namespace bp::AppPaths
