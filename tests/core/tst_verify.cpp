// SPDX-License-Identifier: Apache-2.0
// VerifyTask against in-process simulators: which check passes or fails on each kind of deployment, that
// dependent checks skip, and that the only writes are the agents' test requests.
#include "sim/Simulator.h"
#include "TestSupport.h"
#include "time/Clock.h"
#include "verify/VerifyTask.h"

#include <QSignalSpy>
#include <QTest>

using namespace bp;

namespace {
QStringList statuses(const VerifyReport &report)
{
    QStringList out;
    for (const VerifyCheck &c : report.checks)
        out << c.id + QLatin1Char('=') + verifyStatusId(c.status);
    return out;
}
} // namespace

class TestVerify : public QObject
{
    Q_OBJECT

private slots:
    void chain_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("faults");
        QTest::addColumn<QString>("expected");   // id=status, in order
        QTest::addColumn<QString>("failed");     // first failing check, empty when ok
        QTest::addColumn<QString>("mentions");   // in the failing check's evidence or remedy
        QTest::addColumn<QString>("writesSent"); // "METHOD path" of every write, comma-separated

        const QString dist =
            QStringLiteral("POST /libs/sling/distribution/services/agents/bpdistributionagent0");
        QTest::newRow("cloud activated")
            << "cloud"
            << "oauth-s2s" << QStringList()
            << "ims-config=skip,cloud-config=pass,distribution-agent=pass,distribution-queues=pass,"
               "distribution-test=pass"
            << ""
            << "" << dist;
        QTest::newRow("cloud not activated")
            << "cloud"
            << "none" << QStringList()
            << "ims-config=skip,cloud-config=fail,distribution-agent=fail,distribution-queues=skip,"
               "distribution-test=skip"
            << "cloud-config"
            << "Activate Brand Portal"
            << "";
        QTest::newRow("cloud distribution test fails")
            << "cloud"
            << "oauth-s2s" << QStringList{QStringLiteral("distribution-test-fails")}
            << "ims-config=skip,cloud-config=pass,distribution-agent=pass,distribution-queues=pass,"
               "distribution-test=fail"
            << "distribution-test"
            << "DROPPED" << dist;
        QTest::newRow("cloud error queue")
            << "cloud"
            << "oauth-s2s" << QStringList{QStringLiteral("error-queue")}
            << "ims-config=skip,cloud-config=pass,distribution-agent=pass,distribution-queues=fail,"
               "distribution-test=pass"
            << "distribution-queues"
            << "DSTRQ2" << dist;
        QTest::newRow("6.5 oauth-s2s")
            << "6.5.22.0"
            << "oauth-s2s" << QStringList() << "ims-config=pass,cloud-config=pass,agents=pass,queues=pass"
            << ""
            << ""
            << "";
        QTest::newRow("6.5 jwt") << "6.5.22.0"
                                 << "devconsole-jwt" << QStringList()
                                 << "ims-config=fail,cloud-config=pass,agents=fail,queues=pass"
                                 << "ims-config"
                                 << "bpsetup apply --credentials"
                                 << "";
        QTest::newRow("6.5 none") << "6.5.22.0"
                                  << "none" << QStringList()
                                  << "ims-config=fail,cloud-config=skip,agents=skip,queues=skip"
                                  << "ims-config"
                                  << "bpsetup apply"
                                  << "";
        QTest::newRow("6.5 broken") << "6.5.22.0"
                                    << "broken" << QStringList()
                                    << "ims-config=fail,cloud-config=fail,agents=skip,queues=skip"
                                    << "ims-config"
                                    << "bpsetup apply"
                                    << "";
    }
    void chain()
    {
        QFETCH(QString, version);
        QFETCH(QString, state);
        QFETCH(QStringList, faults);
        QFETCH(QString, expected);
        QFETCH(QString, failed);
        QFETCH(QString, mentions);
        QFETCH(QString, writesSent);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        for (const QString &f : faults)
            o.faults << sim::Simulator::parseFault(f).value();
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);

        VerifyTask task(test::adminConnection(*simulator), Clock::system());
        QSignalSpy spy(&task, &Task::finished);
        task.start();
        QVERIFY(spy.wait(30000));
        QVERIFY2(task.succeeded(), qPrintable(task.error().userMessage));
        const VerifyReport &report = task.report();
        QCOMPARE(statuses(report).join(QLatin1Char(',')), expected);
        QCOMPARE(report.ok(), failed.isEmpty());
        if (!failed.isEmpty()) {
            QVERIFY(report.firstFailure());
            QCOMPARE(report.firstFailure()->id, failed);
            const QString words =
                report.firstFailure()->evidence + QLatin1Char(' ') + report.firstFailure()->remedy;
            QVERIFY2(words.contains(mentions), qPrintable(words));
            QVERIFY(!report.firstFailure()->remedy.isEmpty());
        }
        // A failed check makes the checks that depend on it skip, saying which.
        for (const VerifyCheck &c : report.checks) {
            QVERIFY2(!c.evidence.isEmpty(), qPrintable(c.id));
            if (c.status == VerifyCheck::Skip && c.id != QLatin1String("ims-config"))
                QVERIFY2(c.evidence.contains(QLatin1String("failed")), qPrintable(c.evidence));
        }
        // Cloud Service: what activation's IMS configuration is cannot be read, never "missing".
        if (version == QLatin1String("cloud")) {
            const VerifyCheck *ims = report.check(QStringLiteral("ims-config"));
            QVERIFY(ims);
            QVERIFY2(ims->evidence.contains(QLatin1String("not readable on Cloud Service")),
                     qPrintable(ims->evidence));
            QVERIFY(!report.checklist.isEmpty());
            QVERIFY(report.checklist.join(QLatin1Char(' ')).contains(QLatin1String("Adobe representative")));
        } else {
            QVERIFY(report.checklist.isEmpty());
        }

        // The only writes are the agent tests: none on 6.5 (the test page is a GET), one POST action=TEST on
        // Cloud Service.
        QStringList writes;
        for (const sim::SimRequestRecord &r : simulator->requests()) {
            if (r.method != "GET" && r.method != "HEAD")
                writes << QString::fromUtf8(r.method + ' ' + r.path);
        }
        QCOMPARE(writes.join(QLatin1Char(',')), writesSent);
        QCOMPARE(simulator->writeRequestCount(), int(writes.size()));
        QCOMPARE(task.writeCount(), int(writes.size()));
        if (version != QLatin1String("cloud") && state == QLatin1String("oauth-s2s")) {
            int testPages = 0;
            for (const sim::SimRequestRecord &r : simulator->requests())
                testPages += r.path.endsWith(".test.html") ? 1 : 0;
            QCOMPARE(testPages, 4);
        }
    }

    void unreachableFails()
    {
        AemConnection c;
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort()));
        c.user = QStringLiteral("admin");
        c.password = SecretString(QStringLiteral("admin"));
        VerifyTask task(c, Clock::system());
        QSignalSpy spy(&task, &Task::finished);
        task.start();
        QVERIFY(spy.wait(30000));
        QCOMPARE(task.state(), Task::State::Failed);
        QCOMPARE(task.error().code, ErrorCode::Network);
        QVERIFY(task.report().checks.isEmpty());
    }

    void parseQueues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // name:items:oldestId:oldestTimeMs;...
        QTest::newRow("empty") << QByteArray(
                                      R"({"items":["processing-queue","error-queue"],)"
                                      R"("processing-queue":{"state":"IDLE","empty":true,"itemsCount":0},)"
                                      R"("error-queue":{"state":"IDLE","empty":true,"itemsCount":0}})")
                               << "processing-queue:0::0;error-queue:0::0";
        QTest::newRow("two failed")
            << QByteArray(
                   R"({"items":["error-queue"],"error-queue":{"state":"BLOCKED","empty":false,"itemsCount":2,)"
                   R"("items":["b","a"],"b":{"id":"b","paths":["/content/dam/b.jpg"],"time":2000},)"
                   R"("a":{"id":"a","paths":["/content/dam/a.jpg"],"time":1000,"errorMessage":"401"}}})")
            << "error-queue:2:a:1000";
        QTest::newRow("not a listing") << QByteArray("<html>login</html>") << "";
    }
    void parseQueues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QStringList out;
        for (const auto &q : VerifyTask::parseDistributionQueues(json))
            out << QStringLiteral("%1:%2:%3:%4").arg(q.name).arg(q.items).arg(q.oldestId).arg(q.oldestTimeMs);
        QCOMPARE(out.join(QLatin1Char(';')), expected);
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
