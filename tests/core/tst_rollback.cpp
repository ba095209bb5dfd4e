// SPDX-License-Identifier: Apache-2.0
// Apply with a failure injected at each step, then rollback: the simulator's whole repository is exactly as
// it was before apply. The same failure followed by a second apply converges to a configuration that works.
#include "apply/AgentTests.h"
#include "apply/CreateSession.h"
#include "apply/RollbackSession.h"
#include "ManualClock.h"
#include "sim/SimContentBuilder.h"
#include "sim/Simulator.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

CreateInputs inputsFor(const sim::Simulator &s, const QString &hotfixPackage = QString(),
                       bool removeAlias = false)
{
    CreateInputs in;
    in.removeJwtKeyAlias = removeAlias;
    in.hotfixPackagePath = hotfixPackage;
    in.connection.baseUrl = s.aemUrl();
    in.connection.user = QStringLiteral("admin");
    in.connection.password = SecretString(QStringLiteral("admin"));
    in.imsUrl = s.imsUrl();
    in.tenant = QStringLiteral("bpdemo");
    in.credential.kind = CredentialKind::OAuthServerToServer;
    in.credential.clientId = s.imsClientId();
    in.credential.orgId = s.imsOrgId();
    in.credential.scopes = sim::SimContentBuilder::oauthScopes().split(QLatin1Char(','));
    in.credential.clientSecrets = {SecretString(s.clientSecretsForTests().first())};
    return in;
}

bool runTask(Task *task)
{
    QSignalSpy finished(task, &Task::finished);
    task->start();
    if (task->isFinished())
        return true;
    return finished.wait(30000);
}

// The first difference between two snapshots, as a path ("" when equal).
QString firstDifference(const QJsonObject &a, const QJsonObject &b, const QString &path = QString())
{
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    for (const QString &k : std::as_const(keys)) {
        const QString here = path + QLatin1Char('/') + k;
        if (!a.contains(k))
            return here + QStringLiteral(" (added)");
        if (!b.contains(k))
            return here + QStringLiteral(" (removed)");
        const QJsonValue va = a.value(k);
        const QJsonValue vb = b.value(k);
        if (va.isObject() && vb.isObject()) {
            const QString d = firstDifference(va.toObject(), vb.toObject(), here);
            if (!d.isEmpty())
                return d;
        } else if (va != vb) {
            return here + QStringLiteral(": ") +
                   QString::fromUtf8(QJsonDocument(QJsonArray{va}).toJson(QJsonDocument::Compact)) +
                   QStringLiteral(" -> ") +
                   QString::fromUtf8(QJsonDocument(QJsonArray{vb}).toJson(QJsonDocument::Compact));
        }
    }
    return QString();
}

struct Applied
{
    std::unique_ptr<CreateSession> session;
    ApplyRun *run = nullptr;
};

Applied planAndApply(const sim::Simulator &simulator, test::ManualClock &clock, const QString &backups,
                     const QString &hotfixPackage = QString(), bool removeAlias = false)
{
    Applied a;
    a.session = std::make_unique<CreateSession>(inputsFor(simulator, hotfixPackage, removeAlias),
                                                WritePolicy::Allow, clock, BackupStore(backups));
    std::unique_ptr<Task> plan(a.session->makePlanTask());
    if (!runTask(plan.get()) || !plan->succeeded() || a.session->plan().blocking())
        return a;
    a.run = a.session->makeApplyRun(false, a.session->plan().fingerprint);
    runTask(a.run);
    return a;
}

} // namespace

class TestRollback : public QObject
{
    Q_OBJECT

private slots:
    void failureThenRollbackRestoresExactly_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("failStep");
        QTest::addColumn<QString>("failedId"); // the apply error id ("" when apply recovers by itself)
        QTest::addColumn<QString>("failedStep");
        QTest::addColumn<bool>("removeAlias");   // JWT upgrade with --remove-jwt-key-alias
        QTest::addColumn<QStringList>("faults"); // simulator faults
        const QList<std::tuple<const char *, const char *, const char *, const char *>> rows = {
            {"ims-provider", "apply-step-failed", "ims-provider", "6.5.22.0"},
            {"ims-customizer", "apply-step-failed", "ims-customizer", "6.5.22.0"},
            {"crypto", "apply-step-failed", "ims-customizer", "6.6.3"},
            {"cloud-config", "apply-step-failed", "cloud-config", "6.5.22.0"},
            {"agent-update", "apply-step-failed", "replication-agents", "6.6.3"},
            {"agent-test", "tests-failed", "", "6.5.22.0"},
            // The first save creates no agents; the documented re-save makes AEM create them.
            {"agents", "", "", "6.5.22.0"},
        };
        for (const auto &[step, id, failed, version] : rows)
            QTest::addRow("%s on %s", step, version)
                << version << "none" << step << id << failed << false << QStringList();
        // An OAuth configuration whose stored secret does not work: apply replaces the secret, then fails
        // on the agents, and rollback must bring the old configuration file back byte for byte.
        // JWT -> OAuth in place: the JWT configuration file (its key-pair alias and claims included) and
        // the old customizer come back byte for byte.
        for (const auto &[step, failed, version] :
             QList<std::tuple<const char *, const char *, const char *>>{
                 {"ims-provider", "ims-provider", "6.5.22.0"},
                 {"ims-customizer", "ims-customizer", "6.6.3"},
                 {"crypto", "ims-customizer", "6.5.22.0"},
                 {"agent-update", "replication-agents", "6.5.22.0"}})
            QTest::addRow("%s over devconsole-jwt on %s", step, version)
                << version << "devconsole-jwt" << step << "apply-step-failed" << failed << false
                << QStringList();
        // Legacy OAuth Gateway -> OAuth: the deleted agents, legacy cloud service and replication user (its
        // keystore included) come back from the backup's content package; the new objects go.
        for (const auto &[step, failed, version] :
             QList<std::tuple<const char *, const char *, const char *>>{
                 {"delete-agent", "delete:/etc/replication/agents.author/", "6.5.22.0"},
                 {"delete-cloud-service", "delete:/etc/cloudservices/mediaportal/bpdemo", "6.6.3"},
                 {"delete-user", "delete:/home/users/mac/", "6.5.22.0"},
                 {"ims-provider", "ims-provider", "6.5.22.0"},
                 {"ims-customizer", "ims-customizer", "6.6.3"},
                 {"cloud-config", "cloud-config", "6.5.22.0"},
                 {"agent-update", "replication-agents", "6.5.22.0"},
                 {"agent-test", "", "6.5.22.0"}})
            QTest::addRow("%s over legacy-gateway on %s", step, version)
                << version << "legacy-gateway" << step
                << (QByteArray(step) == "agent-test" ? "tests-failed" : "apply-step-failed") << failed
                << false << QStringList();
        for (const auto &[step, failed] : QList<std::tuple<const char *, const char *>>{
                 {"cloud-config", "cloud-config"}, {"agent-update", "replication-agents"}})
            QTest::addRow("%s over broken", step)
                << "6.5.22.0"
                << "broken" << step << "apply-step-failed" << failed << false << QStringList();
        // An OAuth configuration whose agents lack Close Connection: apply sets it, fails, and rollback
        // brings the agents back as they were.
        QTest::addRow("agent-update over oauth-s2s")
            << "6.5.22.0"
            << "oauth-s2s"
            << "agent-update"
            << "apply-step-failed"
            << "replication-agents" << false << QStringList{QStringLiteral("no-close-connection")};
        // JWT -> OAuth with the key alias removed: the keystore comes back from the content package, and when
        // the failure came before the alias step, the backup package alone is removed from the instance.
        for (const auto &[step, id, failed] : QList<std::tuple<const char *, const char *, const char *>>{
                 {"remove-key-alias", "apply-step-failed", "remove-jwt-key-alias"},
                 {"agent-update", "apply-step-failed", "replication-agents"},
                 {"ims-provider", "apply-step-failed", "ims-provider"}})
            QTest::addRow("%s over devconsole-jwt removing the key alias", step)
                << "6.5.22.0"
                << "devconsole-jwt" << step << id << failed << true << QStringList();
    }
    void failureThenRollbackRestoresExactly()
    {
        QFETCH(QString, version);
        QFETCH(QString, state);
        QFETCH(QString, failStep);
        QFETCH(QString, failedId);
        QFETCH(QString, failedStep);
        QFETCH(bool, removeAlias);
        QFETCH(QStringList, faults);
        sim::SimulatorOptions o;
        for (const QString &f : faults)
            o.faults << sim::Simulator::parseFault(f).value();
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        o.failSteps = {failStep};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);

        Applied a = planAndApply(*simulator, clock, backups.path(), QString(), removeAlias);
        QVERIFY(a.run);
        QVERIFY(a.run->isFinished());
        if (removeAlias)
            QVERIFY(std::any_of(
                a.session->plan().steps.begin(), a.session->plan().steps.end(),
                [](const StepDescription &d) { return d.id == QLatin1String("remove-jwt-key-alias"); }));
        if (failedId.isEmpty()) {
            QVERIFY2(a.run->succeeded(), qPrintable(a.run->error().fullText()));
        } else {
            QVERIFY(!a.run->succeeded());
            QCOMPARE(a.run->error().id, failedId);
            // The error names the backup to roll back with.
            QVERIFY2(a.run->error().remedy.contains(a.run->backup().id), qPrintable(a.run->error().remedy));
            if (!failedStep.isEmpty()) {
                const auto failed =
                    std::find_if(a.run->outcomes().begin(), a.run->outcomes().end(),
                                 [](const StepOutcome &s) { return s.status == StepStatus::Failed; });
                QVERIFY(failed != a.run->outcomes().end());
                if (failedStep.endsWith(QLatin1Char('/')))
                    QVERIFY2(failed->stepId.startsWith(failedStep), qPrintable(failed->stepId));
                else
                    QCOMPARE(failed->stepId, failedStep);
            }
        }
        QVERIFY(a.run->backupSaved());
        QVERIFY(simulator->writeRequestCount() > 0);
        const QString backupId = a.run->backup().id;
        a = Applied();

        RollbackSession rollback(inputsFor(*simulator).connection, BackupStore(backups.path()), backupId,
                                 ApplyRecipe::builtIn(), DetectionRecipe::builtIn(), &clock);
        Task *task = rollback.makeTask();
        QVERIFY(runTask(task));
        QVERIFY2(task->succeeded(), qPrintable(task->error().fullText()));
        QVERIFY(!rollback.outcomes().isEmpty());
        for (const RestoreOutcome &r : rollback.outcomes())
            QVERIFY2(r.restored, qPrintable(r.target + QLatin1String(": ") + r.error.fullText()));
        const QString difference = firstDifference(before, simulator->snapshot());
        QVERIFY2(difference.isEmpty(), qPrintable(difference));

        // Rolling back twice changes nothing more.
        RollbackSession again(inputsFor(*simulator).connection, BackupStore(backups.path()), backupId,
                              ApplyRecipe::builtIn(), DetectionRecipe::builtIn(), &clock);
        Task *second = again.makeTask();
        QVERIFY(runTask(second));
        QVERIFY2(second->succeeded(), qPrintable(second->error().fullText()));
        QCOMPARE(firstDifference(before, simulator->snapshot()), QString());
    }

    // The same failure, then apply again without rolling back: the run picks up what the first one wrote
    // and ends with every agent test passing; a third plan finds nothing to do.
    void failureThenReapplyConverges_data()
    {
        QTest::addColumn<QString>("failStep");
        for (const char *step : {"ims-provider", "ims-customizer", "crypto", "cloud-config", "agent-update",
                                 "agent-test", "agents"})
            QTest::newRow(step) << step;
    }
    void failureThenReapplyConverges()
    {
        QFETCH(QString, failStep);
        sim::SimulatorOptions o;
        o.failSteps = {failStep};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        {
            Applied first = planAndApply(*simulator, clock, backups.path());
            QVERIFY(first.run && first.run->isFinished());
        }
        Applied second = planAndApply(*simulator, clock, backups.path());
        QVERIFY(second.run);
        QVERIFY2(second.run->succeeded(), qPrintable(second.run->error().fullText()));
        QVERIFY(!second.run->tests().isEmpty());
        for (const TestOutcome &t : second.run->tests())
            QVERIFY2(t.passed, qPrintable(t.id + QLatin1String(": ") + t.message));

        CreateSession third(inputsFor(*simulator), WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(third.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY(plan->succeeded());
        QVERIFY(third.plan().isEmpty());
        QCOMPARE(third.writeCount(), 0);
    }

    // Faults between plan and apply or during it: a clear error, and nothing half-written.
    void faultsMidway_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("code"); // ErrorCode of the apply, 0 when it must succeed
        QTest::newRow("password changed after the plan") << "password" << int(ErrorCode::Auth);
        QTest::newRow("AEM stopped after the plan") << "stopped" << int(ErrorCode::Network);
        QTest::newRow("CSRF token expires after every write") << "csrf" << 0;
    }
    void faultsMidway()
    {
        QFETCH(QString, fault);
        QFETCH(int, code);
        sim::SimulatorOptions o;
        if (fault == QLatin1String("csrf"))
            o.faults = {sim::SimFault::CsrfExpiry};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(inputsFor(*simulator), WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> plan(session.makePlanTask());
        QVERIFY(runTask(plan.get()));
        QVERIFY(plan->succeeded());
        if (fault == QLatin1String("password"))
            simulator->setPassword(QStringLiteral("rotated"));
        if (fault == QLatin1String("stopped"))
            simulator->stop();
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QVERIFY(runTask(run));
        if (code == 0) {
            QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
            int tokenFetches = 0;
            for (const sim::SimRequestRecord &r : simulator->requests())
                tokenFetches += r.path.startsWith("/libs/granite/csrf/token.json") ? 1 : 0;
            QVERIFY2(tokenFetches > 3, qPrintable(QString::number(tokenFetches)));
            return;
        }
        QCOMPARE(int(run->error().code), code);
        QVERIFY(!run->error().remedy.isEmpty());
        // The re-reads failed before the backup: nothing was written, there is nothing to roll back.
        QVERIFY(!run->wroteAnything());
        QVERIFY(!run->backupSaved());
        QCOMPARE(simulator->snapshot(), before);
    }

    // 6.5.17.0 with --hotfix-package: the hotfix is installed first; a later failure rolled back uninstalls
    // and removes it too, and a second apply converges with passing agent tests.
    void hotfixRolledBackAndReapplied_data()
    {
        QTest::addColumn<QString>("failStep");
        QTest::newRow("cloud-config fails") << "cloud-config";
        QTest::newRow("agent test fails") << "agent-test";
    }
    void hotfixRolledBackAndReapplied()
    {
        QFETCH(QString, failStep);
        sim::SimulatorOptions o;
        o.aemVersion = QStringLiteral("6.5.17.0");
        o.failSteps = {failStep};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("ims-jwt-compatibility-package-6.5-1.0.zip"));
        QFile f(zip);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(test::hotfixPackage());
        f.close();
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        Applied a = planAndApply(*simulator, clock, dir.filePath(QStringLiteral("backups")), zip);
        QVERIFY(a.run && a.run->isFinished());
        QCOMPARE(a.run->outcomes().first().stepId, a.session->plan().steps.first().id);
        QVERIFY(a.session->plan().steps.first().id.contains(QStringLiteral("hotfix")));
        QVERIFY(!a.run->succeeded());
        const QString backupId = a.run->backup().id;
        a = Applied();
        RollbackSession rollback(inputsFor(*simulator).connection,
                                 BackupStore(dir.filePath(QStringLiteral("backups"))), backupId,
                                 ApplyRecipe::builtIn(), DetectionRecipe::builtIn(), &clock);
        Task *task = rollback.makeTask();
        QVERIFY(runTask(task));
        QVERIFY2(task->succeeded(), qPrintable(task->error().fullText()));
        const QString difference = firstDifference(before, simulator->snapshot());
        QVERIFY2(difference.isEmpty(), qPrintable(difference));

        Applied again = planAndApply(*simulator, clock, dir.filePath(QStringLiteral("backups")), zip);
        QVERIFY(again.run);
        QVERIFY2(again.run->succeeded(), qPrintable(again.run->error().fullText()));
        QCOMPARE(again.run->tests().size(), 8);
        for (const TestOutcome &t : again.run->tests())
            QVERIFY2(t.passed, qPrintable(t.message));
    }

    // A backup is only rolled back onto the instance it came from.
    void otherInstanceIsRefused()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        Applied a = planAndApply(*simulator, clock, backups.path());
        QVERIFY(a.run && a.run->succeeded());
        const QString id = a.run->backup().id;
        a = Applied();
        simulator->clearRequestLog();
        AemConnection other = inputsFor(*simulator).connection;
        other.baseUrl.setPort(other.baseUrl.port() + 2);
        RollbackSession rollback(other, BackupStore(backups.path()), id, ApplyRecipe::builtIn(),
                                 DetectionRecipe::builtIn(), &clock);
        Task *task = rollback.makeTask();
        QVERIFY(runTask(task));
        QCOMPARE(task->error().id, QStringLiteral("backup-other-instance"));
        QCOMPARE(simulator->requestCount(), 0);
    }

    void queueAndTestPageParsers_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("readable");
        QTest::addColumn<bool>("blocked");
        QTest::addColumn<int>("items");
        QTest::addColumn<QString>("oldest");
        QTest::newRow("idle") << QByteArray(R"({"metaData":{"queueStatus":{"isBlocked":false}},"queue":[]})")
                              << true << false << 0 << "";
        QTest::newRow("blocked") << QByteArray(R"({"metaData":{"queueStatus":{"isBlocked":true}},"queue":[)"
                                               R"({"path":"/content/dam/b.jpg","time":2000},)"
                                               R"({"path":"/content/dam/a.jpg","time":1000}]})")
                                 << true << true << 2 << "/content/dam/a.jpg";
        QTest::newRow("html") << QByteArray("<html>login</html>") << false << false << 0 << "";
    }
    void queueAndTestPageParsers()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, readable);
        QFETCH(bool, blocked);
        QFETCH(int, items);
        QFETCH(QString, oldest);
        const AgentTestsTask::QueueState q = AgentTestsTask::parseQueue(json);
        QCOMPARE(q.readable, readable);
        QCOMPARE(q.blocked, blocked);
        QCOMPARE(q.items, items);
        QCOMPARE(q.oldestPath, oldest);
        QCOMPARE(AgentTestsTask::testPageMessage("<html><body><div>Agent</div><pre>connecting\nReplication "
                                                 "test failed: 401 &amp; no token</pre></body></html>"),
                 QStringLiteral("Replication test failed: 401 & no token"));
    }
};

QTEST_GUILESS_MAIN(TestRollback)
#include "tst_rollback.moc"
