// SPDX-License-Identifier: Apache-2.0
// DiagnoseTask against in-process simulators: every check trips in the state or fault made for it, the
// healthy state of each version passes every check, and diagnose sends no write (with --run-tests, only the
// Test Connection requests).
#include "diagnose/DiagnoseTask.h"
#include "ManualClock.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace bp;

namespace {

struct Run
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<DiagnoseTask> task;
};

Run diagnose(const sim::SimulatorOptions &options, bool runTests, test::ManualClock &clock)
{
    Run r;
    r.simulator = test::startSimulator(options);
    if (!r.simulator)
        return r;
    DiagnoseTask::Options o;
    o.runTests = runTests;
    r.task = std::make_unique<DiagnoseTask>(test::adminConnection(*r.simulator), clock, o);
    QSignalSpy finished(r.task.get(), &Task::finished);
    r.task->start();
    if (!r.task->isFinished())
        finished.wait(30000);
    return r;
}

// "id=status" for every check, in report order.
QStringList statuses(const DiagnoseReport &report)
{
    QStringList out;
    for (const DiagnoseCheck &c : report.checks)
        out << c.id + QLatin1Char('=') + verifyStatusId(c.status);
    return out;
}

QStringList withStatus(const DiagnoseReport &report, VerifyCheck::Status status)
{
    QStringList out;
    for (const DiagnoseCheck &c : report.checks) {
        if (c.status == status)
            out << c.id;
    }
    return out;
}

} // namespace

class TestDiagnose : public QObject
{
    Q_OBJECT

private slots:
    // A healthy configuration of each deployment: nothing fails or warns; what AEM does not expose skips.
    void healthyPassesEveryCheck_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("skipped");
        const QStringList onPrem{QStringLiteral("tenant-single-author"), QStringLiteral("agents"),
                                 QStringLiteral("keystore-certificates")};
        QTest::newRow("6.5.22.0") << "6.5.22.0" << onPrem;
        QTest::newRow("6.6.3 LTS") << "6.6.3" << onPrem;
        QTest::newRow("Cloud Service activated")
            << "cloud"
            << QStringList{QStringLiteral("author-instance"),         QStringLiteral("ims-config"),
                           QStringLiteral("ims-config-single"),       QStringLiteral("ims-config-active"),
                           QStringLiteral("tenant-single-author"),    QStringLiteral("agents-enabled"),
                           QStringLiteral("agents-close-connection"), QStringLiteral("distribution-test"),
                           QStringLiteral("keystore-certificates")};
    }
    void healthyPassesEveryCheck()
    {
        QFETCH(QString, version);
        QFETCH(QStringList, skipped);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::SimState::OAuthS2S;
        // The simulator's Date header is this machine's clock; so is the injected one here.
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Run r = diagnose(o, false, clock);
        QVERIFY(r.task && r.task->isFinished());
        QVERIFY2(r.task->succeeded(), qPrintable(r.task->error().fullText()));
        const DiagnoseReport &report = r.task->report();
        const QString all = statuses(report).join(QLatin1Char(' '));
        QVERIFY2(withStatus(report, VerifyCheck::Fail).isEmpty(), qPrintable(all));
        QVERIFY2(withStatus(report, VerifyCheck::Warn).isEmpty(), qPrintable(all));
        QCOMPARE(withStatus(report, VerifyCheck::Skip), skipped);
        QVERIFY(report.ok());
        for (const DiagnoseCheck &c : report.checks) {
            QVERIFY2(!c.title.isEmpty() && !c.evidence.isEmpty(), qPrintable(c.id));
            QVERIFY(DiagnoseCatalogue::find(c.id));
        }
        // Strictly read-only without --run-tests.
        QCOMPARE(r.simulator->writeRequestCount(), 0);
        QCOMPARE(r.task->writeCount(), 0);
        for (const sim::SimRequestRecord &req : r.simulator->requests())
            QVERIFY2(req.method == "GET" || req.method == "HEAD",
                     QByteArray(req.method + ' ' + req.path).constData());
    }

    // Each state or fault trips the check made for it (and names the evidence), with no write.
    void checkTrips_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("faults");
        QTest::addColumn<bool>("publish");
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("mentions"); // in its evidence
        const QString v = QStringLiteral("6.5.22.0");
        const QString oauth = QStringLiteral("oauth-s2s");
        QTest::newRow("publish instance") << v << oauth << QStringList() << true << "author-instance"
                                          << "fail"
                                          << "publish";
        QTest::newRow("below 6.5.4.0") << "6.5.3.0"
                                       << "none" << QStringList() << false << "aem-version"
                                       << "fail"
                                       << "6.5.4.0";
        QTest::newRow("not the latest service pack")
            << "6.5.17.0" << oauth << QStringList() << false << "aem-version"
            << "warn"
            << "6.5.22.0";
        QTest::newRow("hotfix required") << "6.5.17.0" << oauth << QStringList() << false << "oauth-support"
                                         << "fail"
                                         << "ims-jwt-compatibility-package-6.5-1.0.zip";
        QTest::newRow("no OAuth before 6.5.11.0") << "6.5.8.0"
                                                  << "none" << QStringList() << false << "oauth-support"
                                                  << "fail"
                                                  << "6.5.8.0";
        QTest::newRow("JWT still in use") << v << "devconsole-jwt" << QStringList() << false << "config-state"
                                          << "fail"
                                          << "2026-03-01";
        QTest::newRow("JWT IMS configuration")
            << v << "devconsole-jwt" << QStringList() << false << "ims-config"
            << "fail"
            << "JWT";
        QTest::newRow("Legacy OAuth Gateway still in use")
            << v << "legacy-gateway" << QStringList() << false << "config-state"
            << "fail"
            << "Legacy OAuth Gateway";
        QTest::newRow("no configuration") << v << "none" << QStringList() << false << "config-state"
                                          << "warn"
                                          << "No Brand Portal configuration";
        QTest::newRow("broken") << v << "broken" << QStringList() << false << "config-state"
                                << "fail"
                                << "Broken";
        QTest::newRow("two IMS configurations")
            << v << oauth << QStringList{QStringLiteral("two-ims-configs")} << false << "ims-config-single"
            << "fail"
            << "exactly one";
        QTest::newRow("IMS configuration file not in Configuration Admin")
            << v << oauth << QStringList{QStringLiteral("inactive-ims-config")} << false
            << "ims-config-active"
            << "fail"
            << "not in Configuration Admin";
        QTest::newRow("IMS configuration only in Configuration Admin")
            << v << oauth << QStringList{QStringLiteral("console-only-ims-config")} << false
            << "ims-config-active"
            << "warn"
            << "named by the cloud configuration";
        QTest::newRow("JWT IMS configuration file in use")
            << v << "devconsole-jwt" << QStringList() << false << "ims-config-active"
            << "pass"
            << "In use as in the repository";
        QTest::newRow("second IMS configuration only in Configuration Admin")
            << "6.6.3" << oauth
            << QStringList{QStringLiteral("two-ims-configs"), QStringLiteral("console-only-ims-config")}
            << false << "ims-config-active"
            << "warn"
            << "only in Configuration Admin";
        QTest::newRow("Cloud Service Configuration Admin not readable")
            << "cloud" << oauth << QStringList() << false << "ims-config-active"
            << "skip"
            << "not readable on Cloud Service";
        QTest::newRow("cloud configuration names a missing IMS configuration")
            << v << oauth << QStringList{QStringLiteral("dangling-cloud-config")} << false << "cloud-config"
            << "fail"
            << "deleted-by-hand";
        QTest::newRow("agent disabled")
            << v << oauth << QStringList{QStringLiteral("agent-disabled")} << false << "agents-enabled"
            << "fail"
            << "bp_bpdemo_0";
        QTest::newRow("no Close Connection")
            << v << oauth << QStringList{QStringLiteral("no-close-connection")} << false
            << "agents-close-connection"
            << "warn"
            << "bp_bpdemo_";
        QTest::newRow("blocked queue")
            << v << oauth << QStringList{QStringLiteral("blocked-queue")} << false << "queues"
            << "fail"
            << "bp_bpdemo_0";
        QTest::newRow("clock skew") << v << oauth << QStringList{QStringLiteral("clock-skew")} << false
                                    << "clock-skew"
                                    << "warn"
                                    << "second";
        QTest::newRow("JWT keystore certificate valid")
            << v << "devconsole-jwt" << QStringList() << false << "keystore-certificates"
            << "pass"
            << "brandportal (/home/users/system/brandportal/";
        QTest::newRow("JWT keystore certificate expiring")
            << v << "devconsole-jwt" << QStringList{QStringLiteral("expiring-certificate")} << false
            << "keystore-certificates"
            << "warn"
            << "day";
        QTest::newRow("legacy keystore certificate expired")
            << v << "legacy-gateway" << QStringList{QStringLiteral("expired-certificate")} << false
            << "keystore-certificates"
            << "fail"
            << "expired on";
        QTest::newRow("tenant URL not https")
            << v << oauth << QStringList{QStringLiteral("bad-tenant-url")} << false << "tenant-url"
            << "fail"
            << "https://";
        QTest::newRow("legacy objects left beside OAuth")
            << v << oauth << QStringList{QStringLiteral("legacy-leftovers")} << false << "leftovers"
            << "warn"
            << "/etc/cloudservices/mediaportal/bpdemo";
        QTest::newRow("AEM's outbound proxy")
            << v << oauth << QStringList{QStringLiteral("aem-proxy")} << false << "proxy"
            << "pass"
            << "org.apache.http.proxyconfigurator";
        QTest::newRow("Cloud Service not activated")
            << "cloud"
            << "none" << QStringList() << false << "distribution-agent"
            << "fail"
            << "bpdistributionagent0";
        QTest::newRow("Cloud Service error queue")
            << "cloud" << oauth << QStringList{QStringLiteral("error-queue")} << false
            << "distribution-queues"
            << "fail"
            << "error-queue";
        QTest::newRow("Cloud Service IMS configuration not readable")
            << "cloud" << oauth << QStringList() << false << "ims-config"
            << "skip"
            << "not readable on Cloud Service";
    }
    void checkTrips()
    {
        QFETCH(QString, version);
        QFETCH(QString, state);
        QFETCH(QStringList, faults);
        QFETCH(bool, publish);
        QFETCH(QString, check);
        QFETCH(QString, status);
        QFETCH(QString, mentions);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        o.publish = publish;
        for (const QString &f : faults)
            o.faults << sim::Simulator::parseFault(f).value();
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Run r = diagnose(o, false, clock);
        QVERIFY(r.task && r.task->isFinished());
        QVERIFY2(r.task->succeeded(), qPrintable(r.task->error().fullText()));
        const DiagnoseReport &report = r.task->report();
        const DiagnoseCheck *c = report.check(check);
        QVERIFY2(c, qPrintable(statuses(report).join(QLatin1Char(' '))));
        QCOMPARE(verifyStatusId(c->status), status);
        QVERIFY2(c->evidence.contains(mentions), qPrintable(c->evidence));
        if (c->status != VerifyCheck::Pass && c->status != VerifyCheck::Skip)
            QVERIFY2(!c->remedy.isEmpty(), qPrintable(c->id));
        QCOMPARE(report.ok(), !report.failing().size());
        QCOMPARE(r.simulator->writeRequestCount(), 0);
    }

    // --run-tests: the Test Connection requests are the only ones that are not reads.
    void runTestsSendsOnlyTests_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("faults");
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("writes");
        QTest::newRow("6.5 agents") << "6.5.22.0" << QStringList() << "agents"
                                    << "pass" << 0;
        QTest::newRow("6.5 agent test fails")
            << "6.5.22.0" << QStringList{QStringLiteral("fail-step:agent-test")} << "agents"
            << "fail" << 0;
        QTest::newRow("Cloud Service") << "cloud" << QStringList() << "distribution-test"
                                       << "pass" << 1;
        QTest::newRow("Cloud Service test fails")
            << "cloud" << QStringList{QStringLiteral("distribution-test-fails")} << "distribution-test"
            << "fail" << 1;
    }
    void runTestsSendsOnlyTests()
    {
        QFETCH(QString, version);
        QFETCH(QStringList, faults);
        QFETCH(QString, check);
        QFETCH(QString, status);
        QFETCH(int, writes);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::SimState::OAuthS2S;
        for (const QString &f : faults) {
            if (f.startsWith(QLatin1String("fail-step:")))
                o.failSteps << f.section(QLatin1Char(':'), 1);
            else
                o.faults << sim::Simulator::parseFault(f).value();
        }
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Run r = diagnose(o, true, clock);
        QVERIFY(r.task && r.task->succeeded());
        const DiagnoseCheck *c = r.task->report().check(check);
        QVERIFY(c);
        QCOMPARE(verifyStatusId(c->status), status);
        QCOMPARE(r.simulator->writeRequestCount(), writes);
        int tests = 0;
        for (const sim::SimRequestRecord &req : r.simulator->requests()) {
            if (req.method == "GET" || req.method == "HEAD") {
                tests += req.path.endsWith(".test.html");
                continue;
            }
            QCOMPARE(req.method, QByteArray("POST"));
            QVERIFY2(req.path.endsWith("/bpdistributionagent0"), req.path.constData());
        }
        QCOMPARE(tests, version == QLatin1String("cloud") ? 0 : 4);
    }

    // A dispatcher rule in front of AEM denies a path the checks read: named, with what to do.
    void dispatcherBlockingIsNamed()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::OAuthS2S;
        o.blockedPrefixes = {QStringLiteral("/etc/replication")};
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Run r = diagnose(o, false, clock);
        QVERIFY(r.task && r.task->succeeded());
        const DiagnoseCheck *c = r.task->report().check(QStringLiteral("dispatcher"));
        QVERIFY(c);
        QCOMPARE(c->status, VerifyCheck::Warn);
        QVERIFY2(c->evidence.contains(QLatin1String("/etc/replication/agents.author")),
                 qPrintable(c->evidence));
        QVERIFY(c->remedy.contains(QLatin1String("dispatcher")));
        QCOMPARE(r.simulator->writeRequestCount(), 0);
    }

    // A user or dispatcher the Felix console is closed to: the cross-check says so and is skipped, no fail.
    void configAdminClosedIsSkipped()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::OAuthS2S;
        o.blockedPrefixes = {QStringLiteral("/system/console/configMgr/")};
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Run r = diagnose(o, false, clock);
        QVERIFY(r.task && r.task->succeeded());
        const DiagnoseCheck *c = r.task->report().check(QStringLiteral("ims-config-active"));
        QVERIFY(c);
        QCOMPARE(c->status, VerifyCheck::Skip);
        QVERIFY2(c->evidence.contains(QLatin1String("HTTP 404")) &&
                     c->evidence.contains(QLatin1String("/apps/system/config")),
                 qPrintable(c->evidence));
        QCOMPARE(r.simulator->writeRequestCount(), 0);
    }

    // Felix's ConfigManager JSON (printConfigurationJson): set values only, "value" or "values".
    void configAdminEntriesParsing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("pids");
        QTest::addColumn<QString>("clientId"); // of the first entry
        QTest::addColumn<QStringList>("claims");
        QTest::newRow("no metatype") << QByteArray(
                                            "[{\"pid\":\"f.a\",\"factoryPid\":\"f\",\"properties\":{"
                                            "\"auth.token.provider.client.id\":{\"name\":\"x\",\"is_set\":"
                                            "true,\"type\":1,\"value\":\"c1\"},\"auth.token.provider."
                                            "default.claims\":{\"is_set\":true,\"values\":[\"a\",\"b\"]}}}]")
                                     << true << QStringList{QStringLiteral("f.a")} << "c1"
                                     << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("metatype default not set")
            << QByteArray("[{\"pid\":\"f.b\",\"properties\":{\"auth.token.provider.client.id\":{"
                          "\"is_set\":false,\"value\":\"default\"}}}]")
            << true << QStringList{QStringLiteral("f.b")} << "" << QStringList();
        QTest::newRow("empty list") << QByteArray("[]") << true << QStringList() << "" << QStringList();
        QTest::newRow("login page") << QByteArray("<html>login</html>") << false << QStringList() << ""
                                    << QStringList();
        QTest::newRow("object, not a list")
            << QByteArray("{\"pid\":\"f.a\"}") << false << QStringList() << "" << QStringList();
    }
    void configAdminEntriesParsing()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QStringList, pids);
        QFETCH(QString, clientId);
        QFETCH(QStringList, claims);
        bool parsed = !ok;
        const QList<AemReads::ConfigAdminEntry> entries = AemReads::configAdminEntries(json, &parsed);
        QCOMPARE(parsed, ok);
        QStringList got;
        for (const AemReads::ConfigAdminEntry &e : entries)
            got << e.pid;
        QCOMPARE(got, pids);
        if (!entries.isEmpty()) {
            QCOMPARE(entries.first().value(QStringLiteral("auth.token.provider.client.id")), clientId);
            QCOMPARE(entries.first().properties.value(QStringLiteral("auth.token.provider.default.claims")),
                     claims);
        }
    }

    void unreachableFails()
    {
        sim::SimulatorOptions o;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        AemConnection connection = test::adminConnection(*simulator);
        simulator.reset(); // nothing listens there any more
        test::ManualClock clock;
        DiagnoseTask task(connection, clock, DiagnoseTask::Options{});
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        if (!task.isFinished())
            QVERIFY(finished.wait(30000));
        QVERIFY(!task.succeeded());
        QCOMPARE(task.error().code, ErrorCode::Network);
    }

    void catalogueIsConsistent()
    {
        QStringList ids;
        for (const DiagnoseCheckInfo &i : DiagnoseCatalogue::all()) {
            QVERIFY2(!ids.contains(i.id), qPrintable(i.id));
            QVERIFY(!i.title.isEmpty());
            ids << i.id;
        }
        QVERIFY(ids.size() >= 21);
        QVERIFY(!DiagnoseCatalogue::find(QStringLiteral("nope")));
    }

    void serverDateParsing_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("IMF-fixdate") << QByteArray("Thu, 03 Dec 2026 06:50:01 GMT")
                                     << QDateTime(QDate(2026, 12, 3), QTime(6, 50, 1), Qt::UTC);
        QTest::newRow("garbage") << QByteArray("yesterday") << QDateTime();
    }
    void serverDateParsing()
    {
        QFETCH(QByteArray, header);
        QFETCH(QDateTime, expected);
        AemSnapshot s;
        SnapshotAnswer a;
        a.response.status = 200;
        a.response.headers = {{QByteArrayLiteral("Date"), header}};
        s.answers.insert(QStringLiteral("/x"), a);
        QCOMPARE(DiagnoseRules::serverDate(s), expected);
    }
};

QTEST_GUILESS_MAIN(TestDiagnose)
#include "tst_diagnose.moc"
