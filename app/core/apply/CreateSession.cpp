// SPDX-License-Identifier: Apache-2.0
#include "apply/CreateSession.h"

#include "apply/AemReads.h"

#include "aem/InstanceDetector.h"
#include "apply/AgentTests.h"
#include "apply/ApplyTasks.h"
#include "apply/CreatePrerequisites.h"
#include "apply/CreateSteps.h"
#include "apply/HotfixStep.h"
#include "apply/PackageBackup.h"
#include "apply/UpgradeSteps.h"
#include "ims/ImsValidator.h"
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"
#include "time/Clock.h"

#include <QRegularExpression>
#include <QUuid>

namespace bp {

CreateSession::CreateSession(CreateInputs inputs, WritePolicy writes, Clock &clock, BackupStore store,
                             QObject *parent)
    : QObject(parent), m_inputs(std::move(inputs)), m_writes(writes), m_clock(clock),
      m_store(std::move(store))
{
    Result<std::unique_ptr<HttpClient>> client = makeAemClient(m_inputs.connection, writes, clock);
    if (client) {
        m_session = std::make_unique<AemSession>(std::move(client.value()), m_inputs.connection.baseUrl);
        m_session->setCsrfPath(m_inputs.recipe.text(QStringLiteral("csrfPath")));
    } else {
        m_setupError = client.error();
    }
    if (Result<TenantUrl> t = parseTenantUrl(m_inputs.tenant))
        m_tenant = t.value();
    if (m_inputs.rotateSecret && !m_setupError.isError()) {
        // Only the other secret is validated and written: the one in use must not be what passes.
        if (m_inputs.credential.clientSecrets.size() < 2)
            m_setupError = Error(ErrorCode::InvalidInput,
                                 tr("The credential file holds one client secret; rotating needs a second."))
                               .withId(QStringLiteral("rotate-one-secret"))
                               .withRemedy(tr("Generate a second client secret on the credential's page in "
                                              "Adobe Developer Console, download the credential again and "
                                              "give that file."));
        else
            m_inputs.credential.clientSecrets = {m_inputs.credential.clientSecrets.at(1)};
    }
    // The package file is read once, before anything is sent: a wrong file fails the plan at once.
    if (m_inputs.hotfixPackageGiven() && !m_setupError.isError()) {
        Result<ContentPackage> p = ContentPackage::readHotfix(m_inputs.hotfixPackagePath, m_inputs.recipe);
        if (p)
            m_hotfix = p.value();
        else
            m_setupError = p.error();
    }
}

CreateSession::~CreateSession()
{
    m_steps.clear();
}

Result<TenantUrl> CreateSession::checkInputs(const CreateInputs &inputs)
{
    // No tenant: the plan reads it from the existing configuration (tenant-required when there is none).
    Result<TenantUrl> tenant =
        inputs.tenant.trimmed().isEmpty() ? Result<TenantUrl>(TenantUrl()) : parseTenantUrl(inputs.tenant);
    if (tenant && inputs.hotfixPackageGiven()) {
        if (Result<ContentPackage> p = ContentPackage::readHotfix(inputs.hotfixPackagePath, inputs.recipe);
            !p)
            return p.error();
    }
    return tenant;
}

int CreateSession::requestCount() const
{
    return m_session ? m_session->client().requestCount() : 0;
}

int CreateSession::writeCount() const
{
    return m_session ? m_session->client().writeCount() : 0;
}

Task *CreateSession::makePlanTask()
{
    if (m_setupError.isError()) {
        const Error e = m_setupError;
        return new FunctionTask([e]() -> Result<bool> { return e; });
    }
    auto *seq = new SequentialTask;
    auto *first = new ConcurrentTask(ConcurrentTask::Mode::CollectResults);
    auto *detector = new InstanceDetector(m_inputs.connection, m_clock);
    detector->setRecipe(m_inputs.detect);
    detector->setManualVersion(m_inputs.manualVersion);
    first->addTask(detector);
    ImsValidator *validator = nullptr;
    if (m_inputs.credential.kind == CredentialKind::OAuthServerToServer) {
        validator = new ImsValidator(m_clock);
        validator->setNetworkSettings(m_inputs.connection.network);
        validator->setCredential(m_inputs.credential, nullptr, m_inputs.imsUrl);
        first->addTask(validator);
    }
    auto runModes = std::make_shared<QStringList>();
    auto runModesReadable = std::make_shared<bool>(false);
    const ApplyRecipe recipe = m_inputs.recipe;
    AemSession *session = m_session.get();
    first->addTask(
        new CallTask([session, recipe] { return session->get(recipe.text(QStringLiteral("runModesPath"))); },
                     [runModes, runModesReadable, recipe](const AemCall &call) -> Result<bool> {
                         *runModes = AemReads::runModes(recipe, call.status(), call.response().body,
                                                        runModesReadable.get());
                         return true;
                     }));
    // The Felix console routes apply writes through: a blocked one refuses the plan before any write.
    auto consoleBlocked = std::make_shared<QString>();
    for (const QString &key : {QStringLiteral("configMgrPath"), QStringLiteral("cryptoProbePath")}) {
        const QString path = recipe.text(key);
        first->addTask(new CallTask([session, path] { return session->get(path); },
                                    [consoleBlocked, path](const AemCall &call) -> Result<bool> {
                                        if ((call.status() == 404 || call.status() == 403) &&
                                            consoleBlocked->isEmpty())
                                            *consoleBlocked = path;
                                        return true;
                                    }));
    }
    seq->addTask(first);
    seq->addTask(
        new LazyTask([this, detector, validator, runModes, runModesReadable, consoleBlocked]() -> Task * {
            if (!detector->succeeded()) {
                const Error e = detector->error();
                return new FunctionTask([e]() -> Result<bool> { return e; });
            }
            m_instance = detector->result().value();
            if (validator && !validator->succeeded() && validator->error().code != ErrorCode::Rejected) {
                const Error e = validator->error(); // IMS unreachable: not a verdict on the credential
                return new FunctionTask([e]() -> Result<bool> { return e; });
            }
            CreateFacts facts;
            facts.credentialKind = m_inputs.credential.kind;
            facts.credentialValidated = validator && validator->succeeded();
            if (facts.credentialValidated)
                m_secretIndex = qMax(0, validator->outcome().secretIndexUsed);
            facts.hotfixPackageGiven = m_hotfix.has_value();
            facts.runModes = *runModes;
            facts.runModesReadable = *runModesReadable;
            if (m_instance.deployment() != Deployment::CloudService)
                facts.consoleBlockedPath = *consoleBlocked;
            m_plan = Plan();
            m_plan.aemUrl = m_inputs.connection.baseUrl.toString();
            m_plan.aemVersion = m_instance.version.isValid() ? m_instance.version.toString() : QString();
            // An existing configuration is upgraded in place (same plan, backup and rollback machinery).
            m_plan.route = m_instance.state == ConfigState::None ? QStringLiteral("create-configuration")
                                                                 : QStringLiteral("upgrade-configuration");
            m_plan.createdUtc = m_clock.nowUtc();
            m_plan.backupRoot = m_store.root();
            m_plan.prerequisites = createPrerequisites(m_instance, facts, m_clock.today());
            if (validator && validator->error().code == ErrorCode::Rejected) {
                Prerequisite &p = m_plan.prerequisites.last();
                if (p.id == QLatin1String("credential-not-validated")) {
                    p.message = validator->error().userMessage;
                    p.remedy = validator->error().remedy;
                }
            }
            m_plan.prerequisites += tenantPrerequisites(m_instance, m_tenant.tenant);
            m_plan.prerequisites += upgradeCredentialPrerequisites(m_instance, m_inputs.credential.clientId);
            if (m_plan.blocking())
                return nullptr;
            if (m_tenant.tenant.isEmpty()) {
                Result<TenantUrl> detected = parseTenantUrl(m_instance.tenant);
                if (!detected)
                    return new FunctionTask([e = detected.error()]() -> Result<bool> { return e; });
                m_tenant = detected.value();
            }
            buildSteps();
            auto *reads = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
            for (const auto &s : m_steps) {
                if (Task *t = s->makeRead())
                    reads->addTask(t);
            }
            if (m_keyAliasOffer)
                reads->addTask(m_keyAliasOffer->makeRead());
            return reads;
        }));
    seq->addTask(new FunctionTask([this]() -> Result<bool> {
        if (m_plan.blocking())
            return true;
        if (m_queues)
            m_plan.prerequisites += m_queues->prerequisites();
        if (m_keyAliasOffer)
            m_plan.prerequisites += m_keyAliasOffer->prerequisites();
        QList<ChangeStep *> steps;
        for (const auto &s : m_steps) {
            steps.append(s.get());
            m_plan.steps.append(s->describe());
        }
        m_plan.fingerprint = planFingerprint(steps);
        return true;
    }));
    return seq;
}

void CreateSession::addDeleteSteps(const QString &keptCloudPath)
{
    m_queues = nullptr;
    m_deletes = false;
    const bool legacy = m_instance.state == ConfigState::LegacyGateway;
    if (!legacy && m_instance.state != ConfigState::Broken)
        return;
    // Legacy OAuth Gateway → OAuth Server-to-Server, in Adobe's order (domain notes 3.1): queues idle, then
    // the old agents, the legacy cloud service and the replication user go; the create steps follow. A
    // broken configuration gets Adobe's remedy, delete and recreate (notes 0, 6): its agents and any other
    // cloud configuration go, the IMS and cloud configurations the plan keeps are rewritten in full by the
    // create steps. Agents are found by transport URI (renamed ones included), the user by authorizable id
    // (both documented spellings, DetectionRecipe::legacyUserPattern).
    QString reason;
    if (legacy) {
        reason = QCoreApplication::translate(
            "CreateSession",
            "Part of the Legacy OAuth Gateway setup; Adobe's upgrade deletes it before the new "
            "configuration is created (the gateway it used is gone).");
    } else {
        QStringList problems;
        for (const Finding &f : std::as_const(m_instance.findings)) {
            if (f.severity == Severity::Error)
                problems.append(FindingText::message(f));
        }
        reason = QCoreApplication::translate("CreateSession",
                                             "The configuration is inconsistent (%1); Adobe's remedy is to "
                                             "delete it and create it again.")
                     .arg(problems.join(QStringLiteral("; ")));
    }
    CreateContext &c = *m_ctx;
    for (const ReplicationAgentInfo &a : std::as_const(m_instance.brandPortalAgents))
        c.agentsBeingDeleted.append(a.path);
    if (!m_instance.brandPortalAgents.isEmpty()) {
        auto queues = std::make_unique<QueuesIdleStep>(m_ctx, m_instance.brandPortalAgents,
                                                       m_inputs.waitForIdleSeconds);
        m_queues = queues.get();
        m_steps.push_back(std::move(queues));
    }
    for (const ReplicationAgentInfo &a : std::as_const(m_instance.brandPortalAgents))
        m_steps.push_back(
            std::make_unique<DeleteNodeStep>(m_ctx, DeleteNodeStep::Kind::ReplicationAgent, a.path, reason));
    for (const CloudConfigInfo &cc : std::as_const(m_instance.cloudConfigs)) {
        if (cc.path != keptCloudPath)
            m_steps.push_back(
                std::make_unique<DeleteNodeStep>(m_ctx, DeleteNodeStep::Kind::CloudConfig, cc.path, reason));
    }
    for (const QString &path : std::as_const(m_instance.legacyUserPaths))
        m_steps.push_back(
            std::make_unique<DeleteNodeStep>(m_ctx, DeleteNodeStep::Kind::ReplicationUser, path, reason));
    m_deletes = std::any_of(m_steps.cbegin(), m_steps.cend(), [](const std::unique_ptr<ChangeStep> &s) {
        return dynamic_cast<const DeleteNodeStep *>(s.get()) != nullptr;
    });
}

void CreateSession::buildSteps()
{
    m_steps.clear();
    m_ctx = std::make_shared<CreateContext>();
    CreateContext &c = *m_ctx;
    c.session = m_session.get();
    c.clock = &m_clock;
    c.recipe = m_inputs.recipe;
    c.detect = m_inputs.detect;
    c.clientId = m_inputs.credential.clientId;
    c.orgId = m_inputs.credential.orgId;
    c.scope = m_inputs.credential.scopes.join(QLatin1Char(','));
    c.clientSecret = m_inputs.credential.clientSecrets.value(m_secretIndex);
    c.replaceSecret = m_inputs.rotateSecret;
    QString ims = m_inputs.imsUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
    c.imsUrl = ims;
    c.tenant = m_tenant.tenant;
    c.tenantUrl = m_tenant.url;
    c.newCustomizerType =
        ApplyRecipe::expand(m_inputs.recipe.text(QStringLiteral("customizerTypePattern")),
                            {{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
    QString cloudPath;
    QString preferredPid;
    for (const CloudConfigInfo &cc : std::as_const(m_instance.cloudConfigs)) {
        if (!cc.legacy && cc.tenantUrl.contains(QStringLiteral("//") + c.tenant + QLatin1Char('.'))) {
            cloudPath = cc.path;
            preferredPid = cc.imsConfigPid;
        }
    }
    if (cloudPath.isEmpty())
        cloudPath = m_inputs.recipe.text(QStringLiteral("cloudConfigRoot")) + QLatin1Char('/') +
                    ApplyRecipe::expand(m_inputs.recipe.text(QStringLiteral("cloudConfigName")),
                                        {{QStringLiteral("tenant"), c.tenant}});
    // The prerequisites let a 6.5.11-6.5.20 author through when the hotfix file was given: install it first.
    const bool installHotfix =
        m_hotfix &&
        std::any_of(m_plan.prerequisites.cbegin(), m_plan.prerequisites.cend(),
                    [](const Prerequisite &p) { return p.id == QLatin1String("hotfix-install"); });
    if (installHotfix)
        m_steps.push_back(std::make_unique<HotfixStep>(*m_session, m_clock, m_inputs.recipe, *m_hotfix));
    addDeleteSteps(cloudPath);
    m_steps.push_back(std::make_unique<ImsProviderStep>(m_ctx, preferredPid));
    m_steps.push_back(std::make_unique<ImsCustomizerStep>(m_ctx));
    // Exactly one Brand Portal IMS configuration (§0.6): any other one is removed, shown in the plan.
    for (const ImsConfigInfo &other : std::as_const(m_instance.imsConfigs)) {
        if (other.clientId == c.clientId)
            continue;
        m_steps.push_back(std::make_unique<DeleteOsgiConfigStep>(
            m_ctx, other.pid, other.filePath,
            QCoreApplication::translate(
                "CreateSession", "Another Brand Portal IMS configuration (client %1); Adobe allows only one.")
                .arg(other.clientId)));
    }
    auto cloud = std::make_unique<CloudConfigStep>(m_ctx, cloudPath);
    CloudConfigStep *cloudStep = cloud.get();
    m_steps.push_back(std::move(cloud));
    m_steps.push_back(std::make_unique<AgentsStep>(m_ctx, cloudStep));
    addKeyAliasStep();
}

void CreateSession::addKeyAliasStep()
{
    m_keyAlias = nullptr;
    m_keyAliasOffer.reset();
    if (m_instance.state != ConfigState::DevConsoleJwt)
        return;
    // The alias the JWT configuration being switched used (same client id after Adobe's conversion).
    QString alias;
    for (const ImsConfigInfo &ims : std::as_const(m_instance.imsConfigs)) {
        if (ims.jwtMode && !ims.keypairAlias.isEmpty() &&
            (alias.isEmpty() || ims.clientId == m_ctx->clientId))
            alias = ims.keypairAlias;
    }
    if (alias.isEmpty())
        return;
    // Last, after the configuration is switched and backed up: nothing uses the key any more by then.
    auto step = std::make_unique<RemoveKeyAliasStep>(m_ctx, alias, m_inputs.removeJwtKeyAlias);
    if (m_inputs.removeJwtKeyAlias) {
        m_keyAlias = step.get();
        m_steps.push_back(std::move(step));
    } else {
        m_keyAliasOffer = std::move(step);
    }
}

ApplyRun *CreateSession::makeApplyRun(bool dryRun, const QString &expectedFingerprint)
{
    QList<ChangeStep *> steps;
    for (const auto &s : m_steps)
        steps.append(s.get());
    ApplyRun::Options o;
    o.dryRun = dryRun;
    o.expectedFingerprint = expectedFingerprint;
    o.aemUrl = m_plan.aemUrl;
    o.aemVersion = m_plan.aemVersion;
    o.toolVersion = QStringLiteral(BPSETUP_VERSION);
    // Apply re-reads every step first: a queue that filled since the plan refuses before any write.
    if (m_queues)
        m_queues->setRefuseWhenBusy(true);
    auto *run = new ApplyRun(steps, o, m_store, m_clock, this);
    if (!dryRun) {
        // A dry run sends no write, and a Test Connection replicates a test package: no tests then.
        std::shared_ptr<CreateContext> ctx = m_ctx;
        run->setTests([ctx](QList<TestOutcome> *outcomes) { return new AgentTestsTask(ctx, outcomes); });
    }
    // Deleted objects (a user with its keystore, a keystore's alias) come back only from a content package:
    // always kept then.
    const bool removesAlias = m_keyAlias && m_keyAlias->present();
    if ((m_inputs.contentPackageBackup || m_deletes || removesAlias) && m_session)
        run->setPackageBackup(PackageBackup::factory(*m_session, m_inputs.recipe, m_store));
    return run;
}

} // namespace bp
