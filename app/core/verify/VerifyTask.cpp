// SPDX-License-Identifier: Apache-2.0
#include "verify/VerifyTask.h"

#include "aem/InstanceDetector.h"
#include "apply/AemSession.h"
#include "apply/AgentTests.h"
#include "apply/ApplyTasks.h"
#include "apply/CreateSteps.h"
#include "i18n/DisplayFormat.h"
#include "tasks/CompositeTasks.h"
#include "time/Clock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::VerifyTask)
};

QString pidSuffix(const QString &pid)
{
    return pid.section(QLatin1Char('.'), -1);
}

// The same reference rule as detection: a cloud configuration names its IMS configuration by PID (or by
// the PID's factory suffix).
bool refersTo(const QString &reference, const ImsConfigInfo &ims)
{
    const QString suffix = pidSuffix(ims.pid);
    return !reference.isEmpty() && (pidSuffix(reference) == suffix || reference.endsWith(suffix));
}

QList<CloudConfigInfo> modernCloudConfigs(const AemInstance &instance)
{
    QList<CloudConfigInfo> out;
    for (const CloudConfigInfo &c : instance.cloudConfigs) {
        if (!c.legacy)
            out << c;
    }
    return out;
}

// The IMS configuration the chain uses: the one a cloud configuration names, else the first one found.
const ImsConfigInfo *usedImsConfig(const AemInstance &instance)
{
    for (const CloudConfigInfo &c : instance.cloudConfigs) {
        for (const ImsConfigInfo &i : instance.imsConfigs) {
            if (!c.legacy && refersTo(c.imsConfigPid, i))
                return &i;
        }
    }
    return instance.imsConfigs.isEmpty() ? nullptr : &instance.imsConfigs.first();
}

QString notReadableOnCloud()
{
    return Text::tr("not readable on Cloud Service");
}

QString notTestedText()
{
    return Text::tr("Test Connection was not run: it sends a test package through the agent, so it runs only "
                    "when asked (--run-tests).");
}

QString activateRemedy()
{
    return Text::tr("Activate Brand Portal in Cloud Manager (the checklist above), wait until it shows "
                    "'Activated', then run bpsetup verify again.");
}

} // namespace

QString verifyStatusId(VerifyCheck::Status status)
{
    switch (status) {
    case VerifyCheck::Pass:
        return QStringLiteral("pass");
    case VerifyCheck::Fail:
        return QStringLiteral("fail");
    case VerifyCheck::Warn:
        return QStringLiteral("warn");
    case VerifyCheck::Skip:
        return QStringLiteral("skip");
    }
    return QStringLiteral("skip");
}

QStringList VerifyChecklist::cloudServiceActivation()
{
    // Domain notes 1.2 [D]: Cloud Manager › Environments › the environment entitled to Brand Portal ›
    // Activate Brand Portal; the status becomes Activated after a few minutes.
    return {
        tr("Open Cloud Manager (experience.adobe.com › Cloud Manager)."),
        tr("Choose the program, then its production environment (the one entitled to Brand Portal) under "
           "Environments."),
        tr("Choose Activate Brand Portal. Adobe currently notes that while Brand Portal is in maintenance "
           "mode, activation goes through your Adobe representative: contact them to activate it."),
        tr("Wait until the status shows 'Activated' (a few minutes)."),
        tr("Run bpsetup verify: it checks from the AEM side what activation creates (the Brand Portal "
           "cloud configuration, the distribution agent bpdistributionagent0, its queues and its Test "
           "Connection). bpsetup writes no configuration on Cloud Service.")};
}

bool VerifyReport::ok() const
{
    return firstFailure() == nullptr;
}

const VerifyCheck *VerifyReport::firstFailure() const
{
    for (const VerifyCheck &c : checks) {
        if (c.status == VerifyCheck::Fail)
            return &c;
    }
    return nullptr;
}

const VerifyCheck *VerifyReport::check(const QString &id) const
{
    for (const VerifyCheck &c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

VerifyTask::VerifyTask(AemConnection connection, Clock &clock, QObject *parent)
    : Task(parent), m_connection(std::move(connection)), m_clock(clock)
{
}

VerifyTask::~VerifyTask()
{
    if (m_current)
        m_current->cancel();
    m_ctx.reset();
}

int VerifyTask::requestCount() const
{
    return m_session ? m_session->client().requestCount() : 0;
}

int VerifyTask::writeCount() const
{
    return m_session ? m_session->client().writeCount() : 0;
}

QList<VerifyTask::DistributionQueue> VerifyTask::parseDistributionQueues(const QByteArray &json)
{
    QList<DistributionQueue> out;
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return out;
    const QJsonArray names = root.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &n : names) {
        DistributionQueue q;
        q.name = n.toString();
        const QJsonObject queue = root.value(q.name).toObject();
        q.readable = !queue.isEmpty();
        q.state = queue.value(QStringLiteral("state")).toString();
        q.items = queue.value(QStringLiteral("itemsCount")).toInt();
        for (const QJsonValue &idValue : queue.value(QStringLiteral("items")).toArray()) {
            const QString id = idValue.toString();
            const QJsonObject item = queue.value(id).toObject();
            const QJsonValue t = item.value(QStringLiteral("time"));
            qint64 time = t.isString() ? QDateTime::fromString(t.toString(), Qt::ISODate).toMSecsSinceEpoch()
                                       : qint64(t.toDouble());
            if (time < 0)
                time = 0;
            if (q.oldestId.isEmpty() || (time > 0 && (q.oldestTimeMs == 0 || time < q.oldestTimeMs))) {
                q.oldestId = id;
                q.oldestTimeMs = time;
                q.oldestPath = item.value(QStringLiteral("paths")).toArray().first().toString();
                q.oldestError = item.value(QStringLiteral("errorMessage")).toString();
            }
        }
        if (q.items == 0 && !q.oldestId.isEmpty())
            q.items = int(queue.value(QStringLiteral("items")).toArray().size());
        out << q;
    }
    return out;
}

QString VerifyTask::ageText(qint64 ageMs)
{
    const qint64 minutes = qMax<qint64>(0, ageMs / 60000);
    if (minutes < 120)
        return Text::tr("%n minute(s)", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return Text::tr("%n hour(s)", nullptr, int(hours));
    return Text::tr("%n day(s)", nullptr, int(hours / 24));
}

void VerifyTask::run()
{
    m_detector = std::make_unique<InstanceDetector>(m_connection, m_clock);
    m_detector->setRecipe(m_detect);
    m_detector->setManualVersion(m_manualVersion);
    connect(m_detector.get(), &Task::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &label) { setProgress(done, total, label); });
    connect(m_detector.get(), &Task::finished, this, &VerifyTask::onDetected);
    m_current = m_detector.get();
    m_detector->start();
}

bool VerifyTask::abort()
{
    if (m_current)
        m_current->cancel();
    return false;
}

void VerifyTask::onDetected()
{
    m_current.clear();
    if (!isRunning())
        return;
    if (!m_detector->succeeded()) {
        fail(m_detector->error());
        return;
    }
    const AemInstance &instance = m_detector->result().value();
    m_report.deployment = instance.deployment();
    m_report.tenant = instance.tenant;
    m_report.state = instance.state;
    addStaticChecks(instance);
    if (m_report.deployment == Deployment::CloudService)
        runDistributionChecks();
    else
        runAgentTests();
}

void VerifyTask::add(VerifyCheck check)
{
    m_report.checks << std::move(check);
}

VerifyCheck VerifyTask::skipped(const QString &id, const QString &title, const QString &because) const
{
    VerifyCheck c;
    c.id = id;
    c.title = title;
    c.status = VerifyCheck::Skip;
    c.evidence = tr("Skipped because %1 failed.").arg(because);
    return c;
}

bool VerifyTask::passedOrWarned(const QString &id) const
{
    const VerifyCheck *c = m_report.check(id);
    return c && (c->status == VerifyCheck::Pass || c->status == VerifyCheck::Warn);
}

void VerifyTask::addStaticChecks(const AemInstance &instance)
{
    if (instance.deployment() == Deployment::CloudService) {
        m_report.checklist = VerifyChecklist::cloudServiceActivation();
        addCloudChecks(instance);
    } else {
        addOnPremChecks(instance);
    }
}

void VerifyTask::addOnPremChecks(const AemInstance &instance)
{
    const QList<CloudConfigInfo> modern = modernCloudConfigs(instance);
    const ImsConfigInfo *ims = usedImsConfig(instance);
    const QString osgiRoot = m_detect.osgiConfigRoot;
    const QString cloudRoot = m_detect.bpCloudConfigRoot;

    VerifyCheck imsCheck;
    imsCheck.id = QStringLiteral("ims-config");
    imsCheck.title = tr("IMS configuration (OAuth Server-to-Server)");
    bool nothingConfigured = false;
    if (!ims && modern.isEmpty()) {
        nothingConfigured = true;
        imsCheck.status = VerifyCheck::Fail;
        if (instance.state == ConfigState::LegacyGateway) {
            QStringList paths;
            for (const CloudConfigInfo &c : instance.cloudConfigs)
                paths << c.path;
            paths << instance.legacyUserPaths;
            imsCheck.evidence =
                tr("Only a Legacy OAuth Gateway configuration was found (%1); there is no IMS "
                   "configuration in %2.")
                    .arg(paths.join(QStringLiteral(", ")), osgiRoot);
            imsCheck.remedy =
                tr("Create the OAuth Server-to-Server configuration: bpsetup plan, then bpsetup "
                   "apply, with an OAuth Server-to-Server credential from Adobe Developer "
                   "Console.");
        } else {
            imsCheck.evidence = tr("No configuration: no Brand Portal IMS configuration in %1 and no Brand "
                                   "Portal cloud configuration under %2.")
                                    .arg(osgiRoot, cloudRoot);
            imsCheck.remedy = tr("Create the configuration with bpsetup apply (bpsetup plan shows what it "
                                 "writes first), using an OAuth Server-to-Server credential from Adobe "
                                 "Developer Console.");
        }
    } else if (!ims) {
        imsCheck.status = VerifyCheck::Fail;
        QStringList refs;
        for (const CloudConfigInfo &c : modern)
            refs << tr("%1 names %2")
                        .arg(c.path, c.imsConfigPid.isEmpty() ? tr("no IMS configuration") : c.imsConfigPid);
        imsCheck.evidence = tr("No Brand Portal IMS configuration in %1 (%2).")
                                .arg(osgiRoot, refs.join(QStringLiteral("; ")));
        imsCheck.remedy =
            tr("Run bpsetup apply with the OAuth Server-to-Server credential: it creates the IMS "
               "configuration and points the cloud configuration at it.");
    } else if (ims->jwtMode) {
        imsCheck.status = VerifyCheck::Fail;
        imsCheck.evidence = tr("%1 (%2) is in JWT (Service Account) mode, not OAuth: JWT credentials reached "
                               "end of life.")
                                .arg(ims->pid, ims->filePath);
        imsCheck.remedy =
            tr("Upgrade it to OAuth Server-to-Server: in Adobe Developer Console, download the "
               "OAuth Server-to-Server credential of the same project (Adobe's conversion keeps "
               "the client id), then run bpsetup plan and bpsetup apply --credentials FILE; they "
               "switch this IMS configuration to OAuth in place (6.5.21.0+, 6.5 LTS, or "
               "6.5.11.0-6.5.20.0 with --hotfix-package).");
    } else if (!ims->oauthMode) {
        imsCheck.status = VerifyCheck::Fail;
        imsCheck.evidence = tr("%1 (%2) is neither in OAuth nor in JWT mode (grants or token URL missing).")
                                .arg(ims->pid, ims->filePath);
        imsCheck.remedy =
            tr("Run bpsetup apply with the OAuth Server-to-Server credential: it writes the full "
               "OAuth property set.");
    } else {
        imsCheck.status = VerifyCheck::Pass;
        imsCheck.evidence = tr("%1 (%2): OAuth mode (client_credentials, %3).")
                                .arg(ims->pid, ims->filePath, ims->tokenRequestUrl);
    }
    add(imsCheck);

    const QString cloudTitle = tr("Brand Portal cloud configuration");
    if (nothingConfigured) {
        add(skipped(QStringLiteral("cloud-config"), cloudTitle, QStringLiteral("ims-config")));
    } else {
        VerifyCheck c;
        c.id = QStringLiteral("cloud-config");
        c.title = cloudTitle;
        const CloudConfigInfo *pointing = nullptr;
        for (const CloudConfigInfo &cc : modern) {
            if (ims && refersTo(cc.imsConfigPid, *ims)) {
                pointing = &cc;
                break;
            }
        }
        if (modern.isEmpty()) {
            c.status = VerifyCheck::Fail;
            c.evidence = tr("No Brand Portal cloud configuration under %1.").arg(cloudRoot);
            c.remedy = tr("Run bpsetup apply: it creates the cloud configuration pointing at the IMS "
                          "configuration.");
        } else if (!pointing) {
            c.status = VerifyCheck::Fail;
            c.evidence = tr("%1 names the IMS configuration %2, which does not exist in %3.")
                             .arg(modern.first().path, modern.first().imsConfigPid, osgiRoot);
            c.remedy = tr("Run bpsetup apply: it points the cloud configuration at the IMS configuration.");
        } else {
            c.status = modern.size() > 1 ? VerifyCheck::Warn : VerifyCheck::Pass;
            c.evidence = tr("%1: tenant %2, IMS configuration %3.")
                             .arg(pointing->path, pointing->tenantUrl, pointing->imsConfigPid);
            if (modern.size() > 1) {
                c.evidence +=
                    QLatin1Char(' ') + tr("%n cloud configurations exist.", nullptr, int(modern.size()));
                c.remedy = tr("Keep one Brand Portal cloud configuration per tenant.");
            }
        }
        add(c);
    }
}

void VerifyTask::addCloudChecks(const AemInstance &instance)
{
    const QList<CloudConfigInfo> modern = modernCloudConfigs(instance);
    VerifyCheck ims;
    ims.id = QStringLiteral("ims-config");
    ims.title = tr("IMS configuration");
    const ImsConfigInfo *readable = usedImsConfig(instance);
    if (readable && readable->oauthMode) {
        ims.status = VerifyCheck::Pass;
        ims.evidence = tr("%1 (%2): OAuth mode.").arg(readable->pid, readable->filePath);
    } else if (readable && readable->jwtMode) {
        ims.status = VerifyCheck::Fail;
        ims.evidence = tr("%1 (%2) is in JWT (Service Account) mode.").arg(readable->pid, readable->filePath);
        ims.remedy = tr("Deactivate and activate Brand Portal again in Cloud Manager, or ask your Adobe "
                        "representative; Cloud Service configurations made by activation use OAuth.");
    } else {
        // Activation's IMS configuration is not where AEM lets anyone read it (domain notes 4.6): never
        // reported as missing.
        ims.status = VerifyCheck::Skip;
        ims.evidence = modern.isEmpty()
                           ? tr("IMS configurations made by activation are %1.").arg(notReadableOnCloud())
                           : tr("%1 names %2; IMS configurations made by activation are %3.")
                                 .arg(modern.first().path, modern.first().imsConfigPid, notReadableOnCloud());
    }
    add(ims);

    VerifyCheck cloud;
    cloud.id = QStringLiteral("cloud-config");
    cloud.title = tr("Brand Portal cloud configuration");
    if (modern.isEmpty()) {
        cloud.status = VerifyCheck::Fail;
        cloud.evidence = tr("Not activated: no Brand Portal cloud configuration under %1.")
                             .arg(m_detect.bpCloudConfigRoot);
        cloud.remedy = activateRemedy();
    } else {
        cloud.status = VerifyCheck::Pass;
        cloud.evidence = tr("%1: tenant %2, IMS configuration %3.")
                             .arg(modern.first().path, modern.first().tenantUrl, modern.first().imsConfigPid);
    }
    add(cloud);
    m_distributionAgentPath = m_recipe.text(QStringLiteral("distributionAgentsRoot")) + QLatin1Char('/') +
                              m_recipe.text(QStringLiteral("distributionAgentName"));
}

bool VerifyTask::ensureSession()
{
    if (m_session)
        return true;
    // Without tests nothing but reads is sent: the client refuses any write outright.
    Result<std::unique_ptr<HttpClient>> client =
        makeAemClient(m_connection, m_runTests ? WritePolicy::Allow : WritePolicy::Refuse, m_clock);
    if (!client) {
        fail(client.error());
        return false;
    }
    m_session = std::make_unique<AemSession>(std::move(client.value()), m_connection.baseUrl);
    m_session->setCsrfPath(m_recipe.text(QStringLiteral("csrfPath")));
    m_ctx = std::make_shared<CreateContext>();
    m_ctx->session = m_session.get();
    m_ctx->clock = &m_clock;
    m_ctx->recipe = m_recipe;
    m_ctx->detect = m_detect;
    m_ctx->tenant = m_report.tenant;
    return true;
}

void VerifyTask::runAgentTests()
{
    const QString agentsTitle = tr("Replication agents (Test Connection)");
    const QString queuesTitle = tr("Replication queues");
    if (!passedOrWarned(QStringLiteral("cloud-config"))) {
        const VerifyCheck *cc = m_report.check(QStringLiteral("cloud-config"));
        const QString because = cc && cc->status == VerifyCheck::Skip ? QStringLiteral("ims-config")
                                                                      : QStringLiteral("cloud-config");
        add(skipped(QStringLiteral("agents"), agentsTitle, because));
        add(skipped(QStringLiteral("queues"), queuesTitle, because));
        succeed();
        return;
    }
    if (!ensureSession())
        return;
    setProgress(0, 0, tr("Testing the Brand Portal replication agents"));
    auto *tests = new AgentTestsTask(m_ctx, &m_outcomes, this);
    tests->setRunTests(m_runTests);
    m_current = tests;
    connect(tests, &Task::finished, this, [this, tests] {
        m_current.clear();
        tests->deleteLater();
        if (!isRunning())
            return;
        if (!tests->succeeded()) {
            // The listing itself could not be read: the agents check fails with that reason.
            VerifyCheck a;
            a.id = QStringLiteral("agents");
            a.title = tr("Replication agents (Test Connection)");
            a.status = VerifyCheck::Fail;
            a.evidence = tests->error().userMessage;
            a.remedy = tests->error().remedy.isEmpty()
                           ? tr("Open Tools › Deployment › Replication › Agents on author and check the "
                                "Brand Portal agents.")
                           : tests->error().remedy;
            add(a);
            add(skipped(QStringLiteral("queues"), tr("Replication queues"), QStringLiteral("agents")));
            succeed();
            return;
        }
        onAgentTestsFinished();
    });
    tests->start();
}

void VerifyTask::onAgentTestsFinished()
{
    const QString agentsRoot = m_recipe.text(QStringLiteral("agentsRoot"));
    VerifyCheck agents;
    agents.id = QStringLiteral("agents");
    agents.title = tr("Replication agents (Test Connection)");
    VerifyCheck queues;
    queues.id = QStringLiteral("queues");
    queues.title = tr("Replication queues");

    QStringList tested, failedTests, queueLines, failedQueues;
    QString testRemedy, queueRemedy;
    bool noAgents = false;
    for (const TestOutcome &o : std::as_const(m_outcomes)) {
        if (o.id == QLatin1String("agents-present")) {
            noAgents = true;
            agents.evidence = tr("%1 (in %2)").arg(o.message, o.target);
            agents.remedy = o.remedy;
        } else if (o.id.startsWith(QLatin1String("agent-test:"))) {
            tested << o.target;
            if (!o.passed) {
                failedTests << o.message;
                testRemedy = o.remedy;
            }
        } else if (o.id.startsWith(QLatin1String("agent-queue:"))) {
            QString line = o.message;
            if (o.oldestTimeMs > 0)
                line += QLatin1Char(' ') +
                        tr("Oldest item waits for %1.")
                            .arg(ageText(m_clock.nowUtc().toMSecsSinceEpoch() - o.oldestTimeMs));
            if (!o.passed) {
                failedQueues << line;
                queueRemedy = o.remedy;
            }
            queueLines << line;
        }
    }
    if (noAgents) {
        agents.status = VerifyCheck::Fail;
        add(agents);
        add(skipped(QStringLiteral("queues"), queues.title, QStringLiteral("agents")));
        succeed();
        return;
    }
    if (!m_runTests) {
        agents.status = VerifyCheck::Skip;
        agents.evidence = notTestedText();
    } else if (failedTests.isEmpty()) {
        agents.status = VerifyCheck::Pass;
        agents.evidence =
            tr("Test Connection succeeded for %n agent(s) in %1: %2.", nullptr, int(tested.size()))
                .arg(agentsRoot, tested.join(QStringLiteral(", ")));
        QStringList disabled;
        const AemInstance &instance = m_detector->result().value();
        for (const ReplicationAgentInfo &a : instance.brandPortalAgents) {
            if (!a.enabled)
                disabled << a.path;
        }
        if (!disabled.isEmpty()) {
            agents.status = VerifyCheck::Warn;
            agents.evidence +=
                QLatin1Char(' ') + tr("Disabled: %1.").arg(disabled.join(QStringLiteral(", ")));
            agents.remedy = tr("Enable every Brand Portal agent: they share the publishing jobs, and queued "
                               "assets can fail on a disabled one.");
        }
    } else {
        agents.status = VerifyCheck::Fail;
        agents.evidence = failedTests.join(QLatin1Char(' '));
        agents.remedy = testRemedy;
    }
    add(agents);
    if (failedQueues.isEmpty()) {
        queues.status = VerifyCheck::Pass;
        queues.evidence = queueLines.join(QLatin1Char(' '));
    } else {
        queues.status = VerifyCheck::Fail;
        queues.evidence = failedQueues.join(QLatin1Char(' '));
        queues.remedy = queueRemedy;
    }
    add(queues);
    succeed();
}

void VerifyTask::runDistributionChecks()
{
    const QString agentTitle =
        tr("Distribution agent %1").arg(m_recipe.text(QStringLiteral("distributionAgentName")));
    const QString queuesTitle = tr("Distribution queues");
    const QString testTitle = tr("Distribution Test Connection");
    if (!ensureSession())
        return;
    setProgress(0, 0, tr("Reading the Brand Portal distribution agent"));
    const QString infoPath =
        m_distributionAgentPath + m_recipe.text(QStringLiteral("distributionInfoSuffix"));
    auto info = std::make_shared<QPair<int, QByteArray>>();
    AemSession *session = m_session.get();
    auto *read = new CallTask([session, infoPath] { return session->get(infoPath); },
                              [info](const AemCall &call) -> Result<bool> {
                                  *info = {call.status(), call.response().body};
                                  return true;
                              },
                              this);
    m_current = read;
    connect(read, &Task::finished, this, [=] {
        m_current.clear();
        read->deleteLater();
        if (!isRunning())
            return;
        VerifyCheck agent;
        agent.id = QStringLiteral("distribution-agent");
        agent.title = agentTitle;
        if (!read->succeeded()) {
            agent.status = VerifyCheck::Fail;
            agent.evidence = tr("GET %1: %2").arg(infoPath, read->error().userMessage);
            agent.remedy = read->error().remedy;
        } else if (info->first == 200) {
            const QJsonObject root = QJsonDocument::fromJson(info->second).object();
            const QString state =
                root.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString();
            const bool stopped = state == QLatin1String("PAUSED") || state == QLatin1String("BLOCKED");
            agent.status = stopped ? VerifyCheck::Fail : VerifyCheck::Pass;
            agent.evidence = tr("%1: state %2.")
                                 .arg(m_distributionAgentPath, state.isEmpty() ? tr("not reported") : state);
            if (stopped)
                agent.remedy = tr("Open Tools › Deployment › Distribution › Publish to Brand Portal › %1 and "
                                  "resume it; do not disable the agent.")
                                   .arg(m_recipe.text(QStringLiteral("distributionAgentName")));
        } else if (info->first == 404) {
            agent.status = VerifyCheck::Fail;
            agent.evidence = tr("Not activated: the distribution agent %1 does not exist (%2).")
                                 .arg(m_distributionAgentPath, httpStatusText(404));
            agent.remedy = activateRemedy();
        } else {
            agent.status = VerifyCheck::Skip;
            agent.evidence = tr("GET %1 answered %2: %3.")
                                 .arg(infoPath, httpStatusText(info->first), notReadableOnCloud());
        }
        add(agent);
        if (agent.status != VerifyCheck::Pass) {
            const QString because =
                agent.status == VerifyCheck::Skip
                    ? tr("Skipped: the distribution agent is %1.").arg(notReadableOnCloud())
                    : QString();
            VerifyCheck q = skipped(QStringLiteral("distribution-queues"), queuesTitle, agent.id);
            VerifyCheck t = skipped(QStringLiteral("distribution-test"), testTitle, agent.id);
            if (!because.isEmpty()) {
                q.evidence = because;
                t.evidence = because;
            }
            add(q);
            add(t);
            succeed();
            return;
        }
        const bool testable = m_runTests && passedOrWarned(QStringLiteral("cloud-config"));
        const QString queuesPath =
            m_distributionAgentPath + m_recipe.text(QStringLiteral("distributionQueuesSuffix"));
        FormFields fields;
        for (const auto &[name, value] : m_recipe.properties(QStringLiteral("distributionTestFields")))
            fields.append({name, value});
        auto queues = std::make_shared<QPair<int, QByteArray>>();
        auto test = std::make_shared<QPair<int, QByteArray>>();
        auto *both = new ConcurrentTask(ConcurrentTask::Mode::CollectResults, 0, this);
        auto *queueRead = new CallTask([session, queuesPath] { return session->get(queuesPath); },
                                       [queues](const AemCall &call) -> Result<bool> {
                                           *queues = {call.status(), call.response().body};
                                           return true;
                                       });
        both->addTask(queueRead);
        CallTask *testCall = nullptr;
        if (testable) {
            const QString agentPath = m_distributionAgentPath;
            testCall = new CallTask([session, agentPath, fields] { return session->post(agentPath, fields); },
                                    [test](const AemCall &call) -> Result<bool> {
                                        *test = {call.status(), call.response().body};
                                        return true;
                                    });
            both->addTask(testCall);
        }
        setProgress(0, 0, tr("Testing the Brand Portal distribution agent"));
        m_current = both;
        connect(both, &Task::finished, this, [=] {
            m_current.clear();
            both->deleteLater();
            if (!isRunning())
                return;
            VerifyCheck q;
            q.id = QStringLiteral("distribution-queues");
            q.title = queuesTitle;
            const QList<DistributionQueue> parsed =
                queues->first == 200 ? parseDistributionQueues(queues->second) : QList<DistributionQueue>();
            if (!queueRead->succeeded()) {
                q.status = VerifyCheck::Fail;
                q.evidence = tr("GET %1: %2").arg(queuesPath, queueRead->error().userMessage);
                q.remedy = queueRead->error().remedy;
            } else if (parsed.isEmpty()) {
                q.status = VerifyCheck::Skip;
                q.evidence = tr("GET %1 answered %2 without queues: %3.")
                                 .arg(queuesPath, httpStatusText(queues->first), notReadableOnCloud());
            } else {
                QStringList lines;
                bool busy = false;
                const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
                for (const DistributionQueue &dq : parsed) {
                    if (dq.items == 0) {
                        lines << tr("%1: empty").arg(dq.name);
                        continue;
                    }
                    busy = true;
                    QString line = tr("%1: %n item(s)", nullptr, dq.items).arg(dq.name);
                    if (!dq.oldestId.isEmpty()) {
                        line += QLatin1Char(' ') +
                                tr("(oldest %1, %2%3)")
                                    .arg(dq.oldestId, dq.oldestPath.isEmpty() ? tr("no path") : dq.oldestPath,
                                         dq.oldestTimeMs > 0
                                             ? tr(", waiting for %1").arg(ageText(now - dq.oldestTimeMs))
                                             : QString());
                        if (!dq.oldestError.isEmpty())
                            line += QStringLiteral(": ") + dq.oldestError.left(200);
                    }
                    lines << line;
                }
                q.status = busy ? VerifyCheck::Fail : VerifyCheck::Pass;
                q.evidence = tr("%1: %2.").arg(queuesPath, lines.join(QStringLiteral("; ")));
                if (busy)
                    q.remedy =
                        tr("Open Tools › Deployment › Distribution › %1 › Status, read the error of the "
                           "oldest item (and the Logs tab), fix the cause, then retry or clear the "
                           "error queue; do not disable the agent.")
                            .arg(m_recipe.text(QStringLiteral("distributionAgentName")));
            }
            add(q);

            if (!testCall && !m_runTests) {
                VerifyCheck t;
                t.id = QStringLiteral("distribution-test");
                t.title = testTitle;
                t.evidence = notTestedText();
                add(t);
                succeed();
                return;
            }
            if (!testCall) {
                add(skipped(QStringLiteral("distribution-test"), testTitle, QStringLiteral("cloud-config")));
                succeed();
                return;
            }
            VerifyCheck t;
            t.id = QStringLiteral("distribution-test");
            t.title = testTitle;
            const QJsonObject answer = QJsonDocument::fromJson(test->second).object();
            const QString state = answer.value(QStringLiteral("state")).toString();
            const QString message = answer.value(QStringLiteral("message")).toString().left(300);
            const QString success = m_recipe.text(QStringLiteral("distributionTestSuccessState"));
            if (!testCall->succeeded()) {
                const Error &e = testCall->error();
                // A customer administrator may not be allowed to run it on Cloud Service [I].
                if (e.code == ErrorCode::Auth || e.httpStatus == 403) {
                    t.status = VerifyCheck::Skip;
                    t.evidence =
                        tr("POST %1 was refused: %2.").arg(m_distributionAgentPath, notReadableOnCloud());
                } else {
                    t.status = VerifyCheck::Fail;
                    t.evidence = tr("POST %1: %2").arg(m_distributionAgentPath, e.userMessage);
                    t.remedy = e.remedy;
                }
            } else if (test->first == 200 && state == success) {
                t.status = VerifyCheck::Pass;
                t.evidence = tr("POST %1 (action=TEST): %2, state %3%4.")
                                 .arg(m_distributionAgentPath, httpStatusText(200), state,
                                      message.isEmpty() ? QString() : QStringLiteral(", ") + message);
            } else if (test->first == 403) {
                t.status = VerifyCheck::Skip;
                t.evidence = tr("POST %1 answered %2: %3.")
                                 .arg(m_distributionAgentPath, httpStatusText(403), notReadableOnCloud());
            } else {
                t.status = VerifyCheck::Fail;
                t.evidence = tr("POST %1 (action=TEST): %2, state %3%4.")
                                 .arg(m_distributionAgentPath, httpStatusText(test->first),
                                      state.isEmpty() ? tr("(no state)") : state,
                                      message.isEmpty() ? QString() : QStringLiteral(", ") + message);
                t.remedy = tr("Open Tools › Deployment › Distribution › %1, run Test Connection and read the "
                              "Logs tab (the test is DSTRQ1); if the package is not delivered, ask Adobe "
                              "support or your Adobe representative to check the Brand Portal activation.")
                               .arg(m_recipe.text(QStringLiteral("distributionAgentName")));
            }
            add(t);
            succeed();
        });
        both->start();
    });
    read->start();
}

} // namespace bp
