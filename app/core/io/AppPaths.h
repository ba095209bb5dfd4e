// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace bp::AppPaths {

// Where bpsetup keeps its files, one folder per kind, named "bpsetup" under the platform's generic location
// (not Qt's <organisation>/<application> pair, which gave ~/.config/bpsetup/bpsetup):
// - settings (profiles.json, trusted-certificates.json): ~/.config/bpsetup on Linux, or $BPSETUP_CONFIG_DIR;
// - data (backups, the activity log): ~/.local/share/bpsetup on Linux, or $BPSETUP_DATA_DIR.
QString configDir();
QString dataDir();

// The folders earlier versions used (Qt's AppConfigLocation / AppDataLocation with organisation and
// application both "bpsetup").
QString legacyConfigDir();
QString legacyDataDir();

// Moves what an earlier version left in the legacy folders to the current ones, once and without losing
// anything: an entry moves only when the current folder has none of that name (otherwise both stay, and
// the legacy one is named in the result's second list). Folders given by the environment are left alone.
struct Migration
{
    QStringList moved;   // current paths that were moved in
    QStringList skipped; // legacy paths left where they were, because the current folder had the name
};
Migration migrateLegacy();
// The same for explicit folders (tests).
Migration migrate(const QString &from, const QString &to);

} // namespace bp::AppPaths
