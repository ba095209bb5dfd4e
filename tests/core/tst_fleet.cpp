// SPDX-License-Identifier: Apache-2.0
// Fleet diagnose: inventory files (CSV and JSON), the parallel limit, and one dead or hanging instance
// never stalling the rest (its own time limit, on the injected clock).
#include "diagnose/FleetTask.h"
#include "ManualClock.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace bp;

class TestFleet : public QObject
{
    Q_OBJECT

private slots:
    void inventoryParsing_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("names"); // "" for an error
        QTest::addColumn<QString>("error");
        QTest::newRow("csv") << QByteArray("name,url,user\nprod,https://author.example.com,admin\n"
                                           "# a comment\n\nstage,\"https://stage.example.com\",admin\n")
                             << QStringList{QStringLiteral("prod"), QStringLiteral("stage")} << "";
        QTest::newRow("csv, profiles only")
            << QByteArray("profile\nacme-prod\nacme-stage\n")
            << QStringList{QStringLiteral("acme-prod"), QStringLiteral("acme-stage")} << "";
        QTest::newRow("csv, semicolons, no name")
            << QByteArray("url;user\nhttps://a.example.com;admin\n")
            << QStringList{QStringLiteral("https://a.example.com")} << "";
        QTest::newRow("json array")
            << QByteArray(
                   "[{\"name\":\"p\",\"url\":\"https://p.example.com\",\"user\":\"u\"},{\"profile\":\"s\"}]")
            << QStringList{QStringLiteral("p"), QStringLiteral("s")} << "";
        QTest::newRow("json object") << QByteArray("{\"instances\":[{\"profile\":\"x\"}]}")
                                     << QStringList{QStringLiteral("x")} << "";
        QTest::newRow("no header") << QByteArray("https://a.example.com,admin\n") << QStringList()
                                   << "header";
        QTest::newRow("not a URL") << QByteArray("url\nftp://a.example.com\n") << QStringList() << "Line 2";
        QTest::newRow("neither") << QByteArray("name,url\nlonely,\n") << QStringList() << "neither";
        QTest::newRow("empty") << QByteArray("url\n") << QStringList() << "no instance";
        QTest::newRow("bad json") << QByteArray("[{") << QStringList() << "not valid JSON";
    }
    void inventoryParsing()
    {
        QFETCH(QByteArray, file);
        QFETCH(QStringList, names);
        QFETCH(QString, error);
        const Result<QList<InventoryEntry>> r = Inventory::parse(file);
        if (!error.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().id, QStringLiteral("inventory-invalid"));
            QVERIFY2(r.error().userMessage.contains(error), qPrintable(r.error().userMessage));
            return;
        }
        QVERIFY(r.ok());
        QStringList got;
        for (const InventoryEntry &e : r.value())
            got << e.name;
        QCOMPARE(got, names);
    }

    // Five instances, two at a time; one hangs and one is not there: both get their own result, the
    // healthy and the faulty ones theirs, and the run ends when the hanging one's time is up.
    void deadAndHangingInstancesDoNotStallTheRest()
    {
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        std::vector<std::unique_ptr<sim::Simulator>> sims;
        QList<FleetTask::Instance> instances;
        const auto add = [&](const QString &name, sim::SimulatorOptions o) {
            sims.push_back(test::startSimulator(o));
            QVERIFY(sims.back());
            instances << FleetTask::Instance{name, test::adminConnection(*sims.back())};
        };
        sim::SimulatorOptions healthy;
        healthy.state = sim::SimState::OAuthS2S;
        sim::SimulatorOptions jwt;
        jwt.state = sim::SimState::DevConsoleJwt;
        sim::SimulatorOptions hang;
        hang.faults = {sim::SimFault::Hang};
        add(QStringLiteral("healthy"), healthy);
        add(QStringLiteral("hang"), hang);
        add(QStringLiteral("jwt"), jwt);
        add(QStringLiteral("healthy-2"), healthy);
        AemConnection dead = test::adminConnection(*sims.back());
        dead.baseUrl.setPort(test::unusedLoopbackPort());
        instances << FleetTask::Instance{QStringLiteral("dead"), dead};

        FleetTask::Options o;
        o.parallel = 2;
        o.instanceTimeoutMs = 5000;
        FleetTask task(instances, clock, o);
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        // Everything but the hanging instance finishes on its own.
        QTRY_COMPARE_WITH_TIMEOUT(int(std::count_if(task.results().begin(), task.results().end(),
                                                    [](const FleetResult &r) {
                                                        return r.finished || r.error.code != ErrorCode::None;
                                                    })),
                                  4, 30000);
        QVERIFY(!task.isFinished());
        clock.advance(5001);
        QTRY_VERIFY_WITH_TIMEOUT(task.isFinished(), 30000);
        QVERIFY(task.succeeded());
        QCOMPARE(task.maxRunningSeen(), 2);
        QStringList statuses;
        for (const FleetResult &r : task.results())
            statuses << r.name + QLatin1Char('=') + r.statusId();
        QCOMPARE(statuses, (QStringList{QStringLiteral("healthy=ok"), QStringLiteral("hang=timeout"),
                                        QStringLiteral("jwt=failing"), QStringLiteral("healthy-2=ok"),
                                        QStringLiteral("dead=unreachable")}));
        QVERIFY(task.results().at(2).report.failing().contains(QStringLiteral("config-state")));
        // The three configured authors share the simulator's default tenant: each is told about the others.
        const DiagnoseCheck *shared =
            task.results().at(0).report.check(QStringLiteral("tenant-single-author"));
        QVERIFY(shared);
        QCOMPARE(shared->status, VerifyCheck::Warn);
        QVERIFY2(shared->evidence.contains(QLatin1String("jwt")) &&
                     shared->evidence.contains(QLatin1String("healthy-2")),
                 qPrintable(shared->evidence));
        QCOMPARE(task.results().at(1).error.id, QStringLiteral("instance-timeout"));
        for (const auto &s : sims)
            QCOMPARE(s->writeRequestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
