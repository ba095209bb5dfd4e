// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "change/ApplyRun.h"

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
// Every restore is safe to repeat: what is already gone stays gone.
class AemRestorer : public Restorer
{
    Q_DECLARE_TR_FUNCTIONS(AemRestorer)
public:
    AemRestorer(AemSession &session, Clock &clock, ApplyRecipe recipe, DetectionRecipe detect);
    Task *makeRestore(const BackupRecord &record, const Backup &backup) override;

private:
    Task *restoreOsgiConfig(const BackupRecord &record);
    Task *restoreContent(const BackupRecord &record);
    Task *restoreAgents(const BackupRecord &record);
    Task *deleteNodes(const QStringList &paths);
    Task *writeProperties(const QString &path, const QJsonObject &properties);
    Task *deleteNewTenantAgents(const QString &tenant, const QStringList &before);

    AemSession &m_session;
    Clock &m_clock;
    ApplyRecipe m_recipe;
    DetectionRecipe m_detect;
};

} // namespace bp
