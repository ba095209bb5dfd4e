// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "change/ApplyRun.h"
#include "change/Backup.h"

#include <optional>
#include <QCoreApplication>

namespace bp {

class AemSession;
class Clock;

// Brings back what one apply changed on an author, one backup record at a time, by the same documented
// routes apply used:
// - "osgi-config" that existed: the .config file as read is uploaded again into its folder (the JCR
//   installer hands it to Configuration Admin); one apply created: removed through configMgr.
// - "content": the properties as read are written back (absent ones deleted); nodes apply created are
//   deleted, and so are the tenant's replication agents that AEM created when the cloud configuration was
//   saved (those not in the record's list of agents before).
// - "agents": the Close Connection values as read are written back; agents AEM created are deleted.
// - "package": a hotfix apply installed is uninstalled, and deleted when it was not there before.
// - "deleted": an object apply deleted (old agents, a legacy cloud service, a replication user with its
//   keystore) comes back from the backup's content package: reinstalled once per rollback (uploaded again
//   from the backup folder when it is no longer on the instance), then removed from Package Manager so the
//   instance is as it was.
// Every restore is safe to repeat: what is already gone stays gone.
class AemRestorer : public Restorer
{
    Q_DECLARE_TR_FUNCTIONS(AemRestorer)
public:
    AemRestorer(AemSession &session, Clock &clock, ApplyRecipe recipe, DetectionRecipe detect);
    Task *makeRestore(const BackupRecord &record, const Backup &backup) override;
    // The backup's content package is removed from Package Manager when no restore reinstalled (and so
    // removed) it: the instance is then as before apply, and the package stays in the backup folder.
    Task *makeFinish(const Backup &backup) override;
    // Where the backup's package.zip is, for a "deleted" record whose package is gone from the instance.
    void setStore(BackupStore store) { m_store = std::move(store); }

private:
    Task *restoreOsgiConfig(const BackupRecord &record);
    Task *restoreContent(const BackupRecord &record);
    Task *restoreAgents(const BackupRecord &record);
    Task *restoreDeleted(const BackupRecord &record, const Backup &backup);
    Task *deleteNodes(const QStringList &paths);
    Task *writeProperties(const QString &path, const QJsonObject &properties);
    Task *deleteNewTenantAgents(const QString &tenant, const QStringList &before);

    AemSession &m_session;
    Clock &m_clock;
    ApplyRecipe m_recipe;
    DetectionRecipe m_detect;
    std::optional<BackupStore> m_store;
    bool m_packageReinstalled = false;
};

} // namespace bp
