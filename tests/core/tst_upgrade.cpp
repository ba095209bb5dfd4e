// SPDX-License-Identifier: Apache-2.0
// The delete-and-recreate upgrades (Legacy OAuth Gateway, broken configuration) against the simulator: the
// plan names every deletion, idle queues gate the first write (with and without --wait-for-idle, and again
// right before apply), the end state has only the new objects, and plan and dry run write nothing.
#include "aem/InstanceDetector.h"
#include "apply/CreateSession.h"
#include "apply/UpgradeSteps.h"
#include "ManualClock.h"
#include "sim/SimContentBuilder.h"
#include "sim/Simulator.h"
#include "sim/SimUsers.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

CreateInputs inputsFor(const sim::Simulator &s)
{
    CreateInputs in;
    in.connection.baseUrl = s.aemUrl();
    in.connection.user = QStringLiteral("admin");
    in.connection.password = SecretString(QStringLiteral("admin"));
    in.imsUrl = s.imsUrl();
    in.credential.kind = CredentialKind::OAuthServerToServer;
    in.credential.clientId = s.imsClientId();
    in.credential.orgId = s.imsOrgId();
    in.credential.scopes = sim::SimContentBuilder::oauthScopes().split(QLatin1Char(','));
    in.credential.clientSecrets = {SecretString(s.clientSecretsForTests().first())};
    return in; // no tenant: read from the existing configuration
}

bool runTask(Task *task)
{
    QSignalSpy finished(task, &Task::finished);
    task->start();
    if (task->isFinished())
        return true;
    return finished.wait(30000);
}

// The node at path in a simulator snapshot (empty when absent).
QJsonObject nodeAt(const QJsonObject &snapshot, const QString &path)
{
    QJsonObject node = snapshot;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (!node.value(part).isObject())
            return {};
        node = node.value(part).toObject();
    }
    return node;
}

QStringList childNames(const QJsonObject &node)
{
    QStringList out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.value().isObject())
            out.append(it.key());
    }
    return out;
}

int queueReads(const sim::Simulator &s)
{
    int n = 0;
    for (const sim::SimRequestRecord &r : s.requests()) {
        if (r.path.contains("jcr:content.queue.json"))
            ++n;
    }
    return n;
}

ConfigState detectedState(const sim::Simulator &s, test::ManualClock &clock)
{
    InstanceDetector detector(inputsFor(s).connection, clock);
    if (!runTask(&detector) || !detector.succeeded())
        return ConfigState::Unknown;
    return detector.result().value().state;
}

// The first blocking prerequisite's message ("" when none blocks).
QString blockingText(const Plan &plan)
{
    const QList<Prerequisite> b = plan.blockingPrerequisites();
    return b.isEmpty() ? QString() : b.first().id + QStringLiteral(": ") + b.first().message;
}

const QStringList LegacyAgents = {QStringLiteral("mp_replication"), QStringLiteral("mp_replication-1"),
                                  QStringLiteral("mp_replication-2"), QStringLiteral("mp_replication-3")};

} // namespace

class TestUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void legacyGatewayEndsWithOnlyTheNewObjects_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("hotfix");
        QTest::newRow("6.5.22.0") << "6.5.22.0" << false;
        QTest::newRow("6.6.3 LTS") << "6.6.3" << false;
        QTest::newRow("6.5.17.0 with hotfix") << "6.5.17.0" << true;
    }
    void legacyGatewayEndsWithOnlyTheNewObjects()
    {
        QFETCH(QString, version);
        QFETCH(bool, hotfix);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.imsHotfixInstalled = hotfix;
        o.state = sim::SimState::LegacyGateway;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY2(!session.plan().blocking(), qPrintable(blockingText(session.plan())));
        QCOMPARE(session.plan().route, QStringLiteral("upgrade-configuration"));
        QCOMPARE(simulator->writeRequestCount(), 0);

        // The plan shows every deletion before anything is deleted: four agents, the legacy cloud service
        // and the replication user, after the queue check and before the create steps.
        QStringList deleted;
        int firstCreate = -1;
        int lastDelete = -1;
        const QList<StepDescription> &steps = session.plan().steps;
        for (int i = 0; i < steps.size(); ++i) {
            if (steps[i].action == ChangeAction::Delete) {
                deleted.append(steps[i].target);
                lastDelete = i;
                QVERIFY2(!steps[i].reason.isEmpty(), qPrintable(steps[i].id));
            } else if (steps[i].action == ChangeAction::Create && firstCreate < 0) {
                firstCreate = i;
            }
        }
        QCOMPARE(steps.first().id, QStringLiteral("agent-queues-idle"));
        QCOMPARE(deleted.size(), 6);
        for (const QString &agent : LegacyAgents)
            QVERIFY2(deleted.contains(QStringLiteral("/etc/replication/agents.author/") + agent),
                     qPrintable(deleted.join(QLatin1Char(' '))));
        QVERIFY(deleted.contains(QStringLiteral("/etc/cloudservices/mediaportal/bpdemo")));
        QVERIFY(std::any_of(deleted.begin(), deleted.end(), [](const QString &p) {
            return p.startsWith(QLatin1String("/home/users/mac/"));
        }));
        QVERIFY(firstCreate > lastDelete);

        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        for (const TestOutcome &t : run->tests())
            QVERIFY2(t.passed, qPrintable(t.message));
        QCOMPARE(run->tests().size(), 8);
        // The deleted objects are in a content package of the backup, also when not asked for.
        QVERIFY(!run->backup().packageFile.isEmpty());

        const QJsonObject after = simulator->snapshot();
        QVERIFY(nodeAt(after, QStringLiteral("/etc/cloudservices/mediaportal/bpdemo")).isEmpty());
        QVERIFY(!QJsonDocument(after).toJson(QJsonDocument::Compact).contains("mac-bpdemo-replication"));
        const QStringList agents =
            childNames(nodeAt(after, QStringLiteral("/etc/replication/agents.author")));
        for (const QString &agent : LegacyAgents)
            QVERIFY2(!agents.contains(agent), qPrintable(agents.join(QLatin1Char(' '))));
        QCOMPARE(
            int(std::count_if(agents.begin(), agents.end(),
                              [](const QString &a) { return a.startsWith(QLatin1String("bp_bpdemo_")); })),
            4);
        QVERIFY(!nodeAt(after, QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/bpdemo"))
                     .isEmpty());
        QCOMPARE(detectedState(*simulator, clock), ConfigState::OAuthS2S);
    }

    // What admins did by hand before: the user spelled the other documented way, already deleted, or the
    // agents renamed. Found by authorizable id and transport URI, so the upgrade still removes exactly them.
    void legacyVariants_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<QStringList>("agentNames");
        QTest::addColumn<int>("deletions");
        QTest::addColumn<QString>("userId");
        QTest::newRow("user without the hyphen")
            << int(sim::SimLegacyUser::WithoutHyphen) << QStringList() << 6 << "mac-bpdemoreplication";
        QTest::newRow("user already deleted") << int(sim::SimLegacyUser::Missing) << QStringList() << 5 << "";
        QTest::newRow("agents renamed by hand")
            << int(sim::SimLegacyUser::WithHyphen)
            << QStringList{QStringLiteral("bp-prod"), QStringLiteral("bp_two"),
                           QStringLiteral("brandportal3"), QStringLiteral("x4")}
            << 6 << "mac-bpdemo-replication";
    }
    void legacyVariants()
    {
        QFETCH(int, user);
        QFETCH(QStringList, agentNames);
        QFETCH(int, deletions);
        QFETCH(QString, userId);
        sim::SimulatorOptions o;
        o.state = sim::SimState::LegacyGateway;
        o.legacyUser = sim::SimLegacyUser(user);
        o.legacyAgentNames = agentNames;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY2(!session.plan().blocking(), qPrintable(blockingText(session.plan())));
        int deleted = 0;
        bool userShown = userId.isEmpty();
        for (const StepDescription &step : session.plan().steps) {
            if (step.action != ChangeAction::Delete)
                continue;
            ++deleted;
            if (!userId.isEmpty() && step.title.contains(userId))
                userShown = true;
        }
        QCOMPARE(deleted, deletions);
        QVERIFY(userShown);
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        const QStringList agents =
            childNames(nodeAt(simulator->snapshot(), QStringLiteral("/etc/replication/agents.author")));
        for (const QString &old : agentNames.isEmpty() ? LegacyAgents : agentNames)
            QVERIFY2(!agents.contains(old), qPrintable(agents.join(QLatin1Char(' '))));
        QVERIFY(childNames(nodeAt(simulator->snapshot(), QStringLiteral("/home/users/mac"))).isEmpty());
        QCOMPARE(detectedState(*simulator, clock), ConfigState::OAuthS2S);
    }

    void busyQueueRefusesWithNoWrite()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::LegacyGateway;
        o.queueItems = 3;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        QTemporaryDir backups;
        test::ManualClock clock;
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY(session.plan().blocking());
        const Prerequisite blocking = session.plan().blockingPrerequisites().first();
        QCOMPARE(blocking.id, QStringLiteral("queue-busy"));
        // Count, oldest and paths, and what to do.
        QVERIFY2(blocking.message.contains(QLatin1String("12 items")), qPrintable(blocking.message));
        QVERIFY2(blocking.message.contains(QLatin1String("/content/dam/")), qPrintable(blocking.message));
        QVERIFY2(blocking.message.contains(QLatin1String("since 20")), qPrintable(blocking.message));
        QVERIFY(blocking.remedy.contains(QLatin1String("--wait-for-idle")));
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(simulator->snapshot(), before);
    }

    void waitForIdle_data()
    {
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("drainPerRead");
        QTest::addColumn<int>("waitSeconds");
        QTest::addColumn<bool>("drains");
        QTest::newRow("drains in time") << 3 << 1 << 600 << true;
        QTest::newRow("stuck queue times out") << 2 << 0 << 60 << false;
        QTest::newRow("drains too slowly") << 40 << 1 << 30 << false;
    }
    void waitForIdle()
    {
        QFETCH(int, items);
        QFETCH(int, drainPerRead);
        QFETCH(int, waitSeconds);
        QFETCH(bool, drains);
        sim::SimulatorOptions o;
        o.state = sim::SimState::LegacyGateway;
        o.queueItems = items;
        o.queueDrain = drainPerRead;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateInputs in = inputsFor(*simulator);
        in.waitForIdleSeconds = waitSeconds;
        CreateSession session(in, WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY2(queueReads(*simulator) > 4, "the queues were polled more than once");
        QVERIFY(clock.waitedMs() <= qint64(waitSeconds) * 1000 + 5000);
        QCOMPARE(simulator->writeRequestCount(), 0);
        if (!drains) {
            QVERIFY(session.plan().blocking());
            QCOMPARE(session.plan().blockingPrerequisites().first().id, QStringLiteral("queue-busy"));
            return;
        }
        QVERIFY2(!session.plan().blocking(), qPrintable(blockingText(session.plan())));
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
    }

    // An item queued after the plan was made: apply re-reads the queues before its first write and refuses.
    void queueFillsBetweenPlanAndApply()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::LegacyGateway;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY(plan->succeeded());
        QVERIFY(!session.plan().blocking());
        simulator->addQueueItems(2);
        const QJsonObject before = simulator->snapshot();
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY(!run->succeeded());
        QCOMPARE(run->error().id, QStringLiteral("queue-busy"));
        QVERIFY(run->error().remedy.contains(QLatin1String("Nothing was changed")));
        QVERIFY(!run->backupSaved());
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(simulator->snapshot(), before);
    }

    void planAndDryRunWriteNothing_data()
    {
        QTest::addColumn<QString>("state");
        QTest::newRow("legacy-gateway") << "legacy-gateway";
        QTest::newRow("broken") << "broken";
    }
    void planAndDryRunWriteNothing()
    {
        QFETCH(QString, state);
        sim::SimulatorOptions o;
        o.state = sim::Simulator::parseState(state).value();
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY(!session.plan().blocking());
        ApplyRun *run = session.makeApplyRun(true, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(session.writeCount(), 0);
        QVERIFY(!run->backupSaved());
    }

    // A broken configuration (cloud configuration pointing at a missing IMS configuration, no agents):
    // recreated, the plan saying what is inconsistent; the end state passes its tests and detects as OAuth.
    void brokenIsRecreated()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::Broken;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY2(!session.plan().blocking(), qPrintable(blockingText(session.plan())));
        QCOMPARE(session.plan().route, QStringLiteral("upgrade-configuration"));
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        QCOMPARE(run->tests().size(), 8);
        QCOMPARE(detectedState(*simulator, clock), ConfigState::OAuthS2S);
    }

    // A JWT upgrade with an OAuth credential of another client id: Adobe's conversion keeps the client id,
    // so the plan refuses and says it is probably another project's credential.
    void jwtUpgradeWithAnotherClientId()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::DevConsoleJwt;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateInputs in = inputsFor(*simulator);
        in.credential.clientId = QStringLiteral("0123456789abcdef0123456789abcdef");
        CreateSession session(in, WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        const QList<Prerequisite> blocking = session.plan().blockingPrerequisites();
        const auto it = std::find_if(blocking.begin(), blocking.end(), [](const Prerequisite &p) {
            return p.id == QLatin1String("jwt-client-id-differs");
        });
        QVERIFY2(it != blocking.end(), qPrintable(blockingText(session.plan())));
        QVERIFY(it->message.contains(simulator->imsClientId()));
        QVERIFY(it->message.contains(QLatin1String("another Developer Console project")));
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    // The JWT key alias left in the service user's keystore: offered (a non-blocking note), removed when
    // asked (the last step, after the backup kept the keystore in a content package), or reported as
    // unchecked when the user lookup is blocked, without stopping the upgrade.
    void jwtKeyAlias_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::addColumn<bool>("lookupBlocked");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QStringList>("aliasesAfter");
        QTest::newRow("offered") << false << false << "jwt-key-alias-left"
                                 << QStringList{QStringLiteral("brandportal")};
        QTest::newRow("removed") << true << false << "" << QStringList();
        QTest::newRow("lookup blocked")
            << false << true << "jwt-key-alias-unchecked" << QStringList{QStringLiteral("brandportal")};
    }
    void jwtKeyAlias()
    {
        QFETCH(bool, remove);
        QFETCH(bool, lookupBlocked);
        QFETCH(QString, note);
        QFETCH(QStringList, aliasesAfter);
        sim::SimulatorOptions o;
        o.state = sim::SimState::DevConsoleJwt;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateInputs in = inputsFor(*simulator);
        in.removeJwtKeyAlias = remove;
        if (lookupBlocked) {
            // What a dispatcher rule denying /bin/querybuilder looks like to bpsetup: a 404.
            const QJsonObject over{
                {QStringLiteral("authorizableQuery"),
                 QJsonObject{{QStringLiteral("value"), QStringLiteral("/bin/blocked.json?id={id}")},
                             {QStringLiteral("confidence"), QStringLiteral("I")}}}};
            Result<ApplyRecipe> recipe = ApplyRecipe::fromJson(over, ApplyRecipe::builtIn());
            QVERIFY(recipe.ok());
            in.recipe = recipe.value();
        }
        CreateSession session(in, WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY2(plan->succeeded(), qPrintable(plan->error().fullText()));
        QVERIFY2(!session.plan().blocking(), qPrintable(blockingText(session.plan())));
        QCOMPARE(simulator->writeRequestCount(), 0);
        QStringList notes;
        for (const Prerequisite &p : session.plan().prerequisites)
            notes.append(p.id);
        QCOMPARE(notes.contains(QStringLiteral("jwt-key-alias-left")),
                 note == QLatin1String("jwt-key-alias-left"));
        QCOMPARE(notes.contains(QStringLiteral("jwt-key-alias-unchecked")),
                 note == QLatin1String("jwt-key-alias-unchecked"));
        const QList<StepDescription> &steps = session.plan().steps;
        const auto aliasStep = std::find_if(steps.begin(), steps.end(), [](const StepDescription &d) {
            return d.id == QLatin1String("remove-jwt-key-alias");
        });
        QCOMPARE(aliasStep != steps.end(), remove);
        if (remove) {
            QCOMPARE(aliasStep->action, ChangeAction::Delete);
            QCOMPARE(aliasStep->target, sim::SimUsers::ServiceUserPath + QStringLiteral("/keystore"));
            QCOMPARE(&*aliasStep, &steps.last()); // after the configuration is switched
        }

        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        QCOMPARE(run->tests().size(), 8);
        for (const TestOutcome &t : run->tests())
            QVERIFY2(t.passed, qPrintable(t.message));
        // The keystore is in a content package of the backup whenever the alias goes.
        QCOMPARE(!run->backup().packageFile.isEmpty(), remove);
        const QJsonObject keystore =
            nodeAt(simulator->snapshot(), sim::SimUsers::ServiceUserPath + QStringLiteral("/keystore"));
        QStringList aliases;
        for (const QJsonValue &v : keystore.value(QStringLiteral("sim:aliases")).toArray())
            aliases.append(v.toString());
        QCOMPARE(aliases, aliasesAfter);
        QCOMPARE(detectedState(*simulator, clock), ConfigState::OAuthS2S);
    }

    void keystoreAliasParsing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("aliases");
        QTest::newRow("objects") << QByteArray(R"({"exists":true,"aliases":[{"alias":"a"},{"alias":"b"}]})")
                                 << true << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("strings") << QByteArray(R"({"aliases":["brandportal"]})") << true
                                 << QStringList{QStringLiteral("brandportal")};
        QTest::newRow("no keystore") << QByteArray(R"({"exists":false})") << true << QStringList();
        QTest::newRow("login page") << QByteArray("<html>login</html>") << false << QStringList();
        QTest::newRow("aliases not a list") << QByteArray(R"({"aliases":"a"})") << false << QStringList();
    }
    void keystoreAliasParsing()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QStringList, aliases);
        bool parsed = !ok;
        QCOMPARE(RemoveKeyAliasStep::parseAliases(json, &parsed), aliases);
        QCOMPARE(parsed, ok);
    }

    void queueParsing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("firstPath");
        QTest::addColumn<bool>("timed");
        QTest::newRow("empty") << QByteArray(R"({"metaData":{"queueStatus":{}},"queue":[]})") << 0 << ""
                               << false;
        QTest::newRow("one item, epoch ms")
            << QByteArray(R"({"queue":[{"id":"a1","path":"/content/dam/x.jpg","time":1764579600000}]})") << 1
            << "/content/dam/x.jpg" << true;
        QTest::newRow("paths array, no time")
            << QByteArray(R"({"queue":[{"id":"a2","path":["/content/dam/a","/content/dam/b"]}]})") << 1
            << "/content/dam/a, /content/dam/b" << false;
        QTest::newRow("not a queue") << QByteArray("<html>login</html>") << 0 << "" << false;
    }
    void queueParsing()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, count);
        QFETCH(QString, firstPath);
        QFETCH(bool, timed);
        const QList<QueueItem> items = QueuesIdleStep::parseQueue(QStringLiteral("agent"), json);
        QCOMPARE(items.size(), count);
        if (count > 0) {
            QCOMPARE(items.first().path, firstPath);
            QCOMPARE(items.first().time.isValid(), timed);
            QCOMPARE(items.first().agent, QStringLiteral("agent"));
        }
    }
};

QTEST_GUILESS_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
