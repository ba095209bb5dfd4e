// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/ApplyRecipe.h"
#include "change/ApplyRun.h"
#include "change/Backup.h"

#include <QCoreApplication>
#include <QStringList>

namespace bp {

class AemSession;

// The content-package backup of an apply (ApplyRun::setPackageBackup): a package named after the backup
// (group backupPackageGroup) with a filter of the paths the plan touches, created (cmd=create), given its
// filter (update.jsp), built (cmd=build), downloaded and kept in the backup folder as package.zip. It stays
// on the instance under /etc/packages too, where Package Manager can reinstall it.
class PackageBackup
{
    Q_DECLARE_TR_FUNCTIONS(PackageBackup)
public:
    // The filter roots of a backup's records: the existing OSGi configuration files, the content nodes and
    // the agent folders (objects that do not exist yet have nothing to keep; package records are skipped).
    static QStringList filterRoots(const Backup &backup);
    // The filter as update.jsp takes it: [{"root": "/a", "rules": []}, ...].
    static QString filterJson(const QStringList &roots);

    // session must outlive the runs the factory is given to. The task is null when nothing existing is
    // touched.
    static PackageBackupFactory factory(AemSession &session, ApplyRecipe recipe, BackupStore store);
};

} // namespace bp
