// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/DetectionRecipe.h"
#include "apply/AemSession.h"
#include "apply/ApplyRecipe.h"
#include "apply/ApplyTasks.h"
#include "change/ChangeStep.h"
#include "secrets/SecretString.h"

#include <memory>
#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QString>
#include <QVariant>

namespace bp {

class Clock;

// What the create steps share: the target, the credential, the recipe, and what earlier steps found or
// wrote (the PID of the IMS configuration the cloud configuration must name).
struct CreateContext
{
    AemSession *session = nullptr;
    Clock *clock = nullptr;
    ApplyRecipe recipe;
    DetectionRecipe detect;
    QString clientId;
    QString orgId;
    QString scope; // verbatim from the credential, comma-separated
    SecretString clientSecret;
    QString imsUrl; // origin IMS tokens come from, no trailing slash (https://ims-na1.adobelogin.com)
    QString tenant;
    QString tenantUrl;
    bool cryptoAvailable = true; // /system/console/crypto reachable: store the secret in AEM's protected form
    bool replaceSecret = false;  // rotation: write clientSecret even when the stored one works

    QString newCustomizerType; // generated once per plan
    QString providerPid;       // the IMS configuration in use: read, or created by apply
    QString cloudConfigPath;   // where the cloud configuration is (or will be)
    // Agents an earlier step of the plan deletes (an upgrade): not the tenant's agents the plan keeps, so
    // the plan-time reads leave them out (AEM creates new ones when the cloud configuration is saved).
    QStringList agentsBeingDeleted;

    QHash<QString, QString> vars() const;
};

// One OSGi configuration as read from its .config file.
struct OsgiConfigFile
{
    QString fileName;
    QString pid;
    QByteArray text;
    QHash<QString, QVariant> values; // QString or QStringList
    QString value(const QString &name) const;
};

// The IMS configuration files of the instance, and the ones this credential uses.
struct ImsFiles
{
    QList<OsgiConfigFile> providers;
    QList<OsgiConfigFile> customizers;
    const OsgiConfigFile *providerFor(const QString &clientId, const QString &preferredPid) const;
    const OsgiConfigFile *customizerFor(const QString &customizerType, const QString &typeProperty) const;
    const OsgiConfigFile *byPid(const QString &pid) const;
    static ImsFiles fromFiles(const QMap<QString, QByteArray> &files, const ApplyRecipe &recipe);
};

// POST target of Felix configMgr for pid.
QString configMgrPathFor(const ApplyRecipe &recipe, const QString &pid);
// AEM writes configurations back to the repository, and creates agents, asynchronously: repeats check until
// it holds, within the recipe's wait.
PollTask *readBackPoll(CreateContext &context, PollTask::Factory check);

QString pidFromConfigFileName(const QString &fileName, const QString &factoryPid);
// Two PIDs name the same factory configuration (dot, dash and tilde forms).
bool samePid(const QString &a, const QString &b);
// Whether a value is AEM's protected (encrypted) form, "{...}".
bool isProtectedValue(const QString &value);

// The access-token provider of the IMS configuration (Cloud Solution Brand Portal, OAuth): created through
// Felix configMgr, or updated in place when a configuration for the same client id exists (always with the
// full property set: configMgr drops what propertylist does not name).
class ImsProviderStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(ImsProviderStep)
public:
    explicit ImsProviderStep(std::shared_ptr<CreateContext> context, QString preferredPid = QString());
    QString id() const override { return QStringLiteral("ims-provider"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

private:
    QList<QPair<QString, QString>> desired() const;
    // Properties of the existing configuration only the JWT flow uses (recipe jwtOnlyProperties).
    QStringList jwtLeftovers() const;
    std::shared_ptr<CreateContext> m_ctx;
    QString m_preferredPid;
    std::optional<OsgiConfigFile> m_existing;
    QMap<QString, QByteArray> m_files;
};

// The request customizer holding the client secret (in AEM's protected form where /system/console/crypto
// is reachable). An existing secret is kept when the instance's own agent test shows that it works.
class ImsCustomizerStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(ImsCustomizerStep)
public:
    explicit ImsCustomizerStep(std::shared_ptr<CreateContext> context);
    QString id() const override { return QStringLiteral("ims-customizer"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

private:
    QString customizerType() const;
    std::shared_ptr<CreateContext> m_ctx;
    std::optional<OsgiConfigFile> m_provider;
    std::optional<OsgiConfigFile> m_existing;
    bool m_secretWorks = false;
    QString m_written; // the secret value as written (protected form), for verify
};

// Removes another Brand Portal IMS configuration (provider or customizer), keeping exactly one (§0.6).
class DeleteOsgiConfigStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(DeleteOsgiConfigStep)
public:
    DeleteOsgiConfigStep(std::shared_ptr<CreateContext> context, QString pid, QString filePath,
                         QString reason);
    QString id() const override;
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

private:
    std::shared_ptr<CreateContext> m_ctx;
    QString m_pid;
    QString m_filePath;
    QString m_reason;
    QByteArray m_text;
    bool m_exists = false;
};

// The Brand Portal cloud configuration (title, IMS configuration, tenant URL) through the Sling POST
// servlet. Saving it makes AEM create the replication agents.
class CloudConfigStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(CloudConfigStep)
public:
    CloudConfigStep(std::shared_ptr<CreateContext> context, QString path);
    QString id() const override { return QStringLiteral("cloud-config"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

    // The fields a save sends (all for a create, the changed ones otherwise); used for the re-save nudge.
    FormFields fields(bool all) const;

private:
    QString plannedImsConfig() const;
    std::shared_ptr<CreateContext> m_ctx;
    QString m_path;
    bool m_exists = false;
    QJsonObject m_content;      // jcr:content as read
    QStringList m_agentsBefore; // the tenant's agents before any save
    bool m_parentExists = true;
};

// The replication agents AEM creates for the tenant (found by transport URI, never by name): waits for them
// (re-saving the cloud configuration once, the documented fix when they do not appear) and sets
// Extended › Close Connection on each.
class AgentsStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(AgentsStep)
public:
    AgentsStep(std::shared_ptr<CreateContext> context, CloudConfigStep *cloudConfig);
    QString id() const override { return QStringLiteral("replication-agents"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

    struct Agent
    {
        QString name;
        QString path;
        QJsonObject content;
    };
    // The tenant's agents in an agents listing (<root>.2.json).
    static QList<Agent> tenantAgents(const QJsonObject &listing, const CreateContext &context);
    // Reads the listing and hands the tenant's agents to sink. A missing agents folder (404) is no agents;
    // any other unexpected answer fails the task, unless optional (then sink is not called).
    enum class ListMode
    {
        Required,
        Optional
    };
    static Task *readTenantAgents(std::shared_ptr<CreateContext> context,
                                  std::function<void(QList<Agent>)> sink, ListMode mode = ListMode::Required);
    static QString closeProperty(const Agent &agent, const ApplyRecipe &recipe);
    static bool closeSet(const Agent &agent, const ApplyRecipe &recipe);

private:
    Task *readInto(QList<Agent> *agents);
    std::shared_ptr<CreateContext> m_ctx;
    CloudConfigStep *m_cloudConfig;
    QList<Agent> m_agents;
};

} // namespace bp
