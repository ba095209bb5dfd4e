// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/AemInstance.h"
#include "aem/AemVersion.h"
#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "apply/ContentPackage.h"
#include "apply/TenantUrl.h"
#include "change/ApplyRun.h"
#include "change/Backup.h"
#include "change/Plan.h"
#include "credentials/Credential.h"

#include <memory>
#include <optional>
#include <QObject>
#include <QUrl>
#include <vector>

namespace bp {

class AemSession;
class ChangeStep;
class QueuesIdleStep;
class RemoveKeyAliasStep;
class Clock;
struct CreateContext;

struct CreateInputs
{
    AemConnection connection;
    Credential credential;
    QUrl imsUrl;
    QString tenant; // a tenant URL or a bare tenant name
    ApplyRecipe recipe = ApplyRecipe::builtIn();
    DetectionRecipe detect = DetectionRecipe::builtIn();
    AemVersion manualVersion;
    // The OAuth compatibility hotfix package file (--hotfix-package, the wizard's file chooser); empty: none.
    QString hotfixPackagePath;
    bool hotfixPackageGiven() const { return !hotfixPackagePath.isEmpty(); }
    // Apply also keeps a content package of the touched objects in the backup (PackageBackup).
    bool contentPackageBackup = false;
    // Replace the stored client secret with the credential's second one (Developer Console holds up to two
    // for rotation), validated with IMS first, even when the stored one still works.
    bool rotateSecret = false;
    // Legacy OAuth Gateway upgrade: how long to wait for the old agents' queues to drain (0: refuse at once
    // when an item is queued).
    int waitForIdleSeconds = 0;
    // JWT upgrade: also remove the key alias the JWT configuration used from the service user's keystore
    // (offered in the plan as jwt-key-alias-left otherwise).
    bool removeJwtKeyAlias = false;
};

// The create path of one instance, shared by the CLI and the wizard: makes the plan (detection, IMS
// validation and the run modes concurrently, then the prerequisites, then every step's read, concurrently)
// and the apply run of that plan.
class CreateSession : public QObject
{
    Q_OBJECT
public:
    // writes: WritePolicy::Refuse for plan and dry runs (the HTTP client then refuses any write outright).
    CreateSession(CreateInputs inputs, WritePolicy writes, Clock &clock, BackupStore store,
                  QObject *parent = nullptr);
    ~CreateSession() override;

    // The plain inputs, before anything is read: the tenant URL and the hotfix package file (InvalidInput
    // otherwise: see ContentPackage::readHotfix).
    static Result<TenantUrl> checkInputs(const CreateInputs &inputs);

    // Fails when AEM or IMS cannot be read (transport, auth); a refused prerequisite is not a failure: it is
    // in plan().blocking().
    Task *makePlanTask();
    const Plan &plan() const { return m_plan; }
    const AemInstance &instance() const { return m_instance; }

    // After a plan task succeeded with a plan that does not block.
    ApplyRun *makeApplyRun(bool dryRun, const QString &expectedFingerprint = QString());

    int requestCount() const;
    int writeCount() const;

private:
    void buildSteps();
    void addDeleteSteps(const QString &keptCloudPath);
    void addKeyAliasStep();

    CreateInputs m_inputs;
    WritePolicy m_writes;
    Clock &m_clock;
    BackupStore m_store;
    TenantUrl m_tenant;
    std::optional<ContentPackage> m_hotfix;
    AemInstance m_instance;
    Plan m_plan;
    std::unique_ptr<AemSession> m_session;
    std::shared_ptr<CreateContext> m_ctx;
    std::vector<std::unique_ptr<ChangeStep>> m_steps;
    QueuesIdleStep *m_queues = nullptr;       // in m_steps, when the plan deletes agents
    bool m_deletes = false;                   // the plan deletes objects: a content package backup is forced
    RemoveKeyAliasStep *m_keyAlias = nullptr; // in m_steps, when asked to remove the JWT key alias
    std::unique_ptr<RemoveKeyAliasStep> m_keyAliasOffer; // read only, when the removal is only offered
    Error m_setupError;
    int m_secretIndex = 0; // the client secret IMS accepted
};

} // namespace bp
