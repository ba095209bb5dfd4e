// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/ApplyRecipe.h"
#include "apply/ContentPackage.h"
#include "change/ChangeStep.h"

#include <QCoreApplication>

namespace bp {

class AemCall;
class AemSession;
class Clock;

// Installs the OAuth compatibility hotfix (a content package the user downloaded) with Package Manager:
// upload, then install; verified by the package list showing it installed. Unchanged when a package of the
// hotfix's name is installed already. Endpoints and field names come from the apply recipe.
class HotfixStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(HotfixStep)
public:
    // session and clock must outlive the step.
    HotfixStep(AemSession &session, Clock &clock, ApplyRecipe recipe, ContentPackage package);
    QString id() const override { return QStringLiteral("hotfix-package"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

    // "/crx/packmgr/service/.json<packagePath>?cmd=<command>", command a key of packageCommands.
    static QString commandPath(const ApplyRecipe &recipe, const QString &packagePath, const QString &command);
    // A Package Manager .json answer ({"success": true, "msg": ...}): true, or an error saying what failed.
    static Result<bool> checkAnswer(const AemCall &call, const QString &what);

private:
    AemSession &m_session;
    Clock &m_clock;
    ApplyRecipe m_recipe;
    ContentPackage m_package;
    bool m_listed = false;    // the package (same group, name, version) is on the instance
    bool m_installed = false; // it, or another package of the hotfix's name, is installed
    QString m_installedAs;    // the installed hotfix package, when there is one
    QByteArray m_readDigest;  // what the list showed of it
    QString m_packagePath;    // where the upload put it
};

// Undoes what HotfixStep applied, from its backup record (kind "package"): uninstalls the package when
// apply installed it, then deletes it when apply uploaded it and it was not there before. Null when the
// record shows nothing applied. For the rollback code.
Task *makePackageRestore(AemSession &session, const ApplyRecipe &recipe, const BackupRecord &record);

} // namespace bp
