// SPDX-License-Identifier: Apache-2.0
// `bpsetup diagnose`, in-process against the simulator: exit codes (0, 1, 3, 2 for an unknown check), the
// JSON shape, --checks, --list-checks, and the human summary with a remedy under each failure.
#include "CliSandbox.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {
QStringList base(const sim::Simulator &s)
{
    return {QStringLiteral("diagnose"), QStringLiteral("--aem"), s.aemUrl().toString(),
            QStringLiteral("--user"),   QStringLiteral("admin"), QStringLiteral("--password-stdin")};
}
} // namespace

class TestDiagnoseCli : public QObject
{
    Q_OBJECT

private slots:
    void diagnose_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("failing");
        QTest::newRow("healthy") << "oauth-s2s"
                                 << "" << 0 << QStringList();
        QTest::newRow("JWT") << "devconsole-jwt"
                             << "" << 1
                             << QStringList{QStringLiteral("config-state"), QStringLiteral("ims-config")};
        QTest::newRow("agent disabled")
            << "oauth-s2s"
            << "agent-disabled" << 1 << QStringList{QStringLiteral("agents-enabled")};
    }
    void diagnose()
    {
        QFETCH(QString, state);
        QFETCH(QString, fault);
        QFETCH(int, exitCode);
        QFETCH(QStringList, failing);
        sim::SimulatorOptions o;
        o.state = sim::Simulator::parseState(state).value();
        if (!fault.isEmpty())
            o.faults << sim::Simulator::parseFault(fault).value();
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::CliSandbox box;
        const test::ProcessResult r =
            box.run(base(*simulator) + QStringList{QStringLiteral("--json")}, "admin\n");
        BP_COMPARE_EXIT(r, exitCode);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(), exitCode == 0);
        for (const char *key : {"deployment", "version", "state", "tenant", "toolVersion"})
            QVERIFY2(!json.value(QLatin1String(key)).toString().isEmpty(), key);
        QVERIFY(json.value(QStringLiteral("durationMs")).isDouble());
        QCOMPARE(json.value(QStringLiteral("writes")).toInt(-1), 0);
        QStringList failed;
        for (const QJsonValue &v : json.value(QStringLiteral("checks")).toArray()) {
            const QJsonObject c = v.toObject();
            for (const char *key : {"id", "status", "severity", "title", "evidence"})
                QVERIFY2(!c.value(QLatin1String(key)).toString().isEmpty(), key);
            if (c.value(QStringLiteral("status")).toString() == QLatin1String("fail")) {
                failed << c.value(QStringLiteral("id")).toString();
                QVERIFY(!c.value(QStringLiteral("remedy")).toString().isEmpty());
            }
        }
        QCOMPARE(failed, failing);
        QCOMPARE(simulator->writeRequestCount(), 0);

        const test::ProcessResult text = box.run(base(*simulator), "admin\n");
        BP_COMPARE_EXIT(text, exitCode);
        const QString out = QString::fromUtf8(text.out);
        for (const QString &id : failing)
            QVERIFY2(out.contains(QStringLiteral("[FAIL] ") + id), qPrintable(out));
        QCOMPARE(out.count(QLatin1String("What to do:")) >= failing.size(), true);
        QVERIFY2(out.contains(QLatin1String(" checks: ")), qPrintable(out));
    }

    void onlyTheChecksAsked()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const test::ProcessResult r =
            box.run(base(*simulator) + QStringList{QStringLiteral("--json"), QStringLiteral("--checks"),
                                                   QStringLiteral("aem-version,oauth-support")},
                    "admin\n");
        BP_COMPARE_EXIT(r, 0);
        const QJsonArray checks =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 2);
        QCOMPARE(checks.at(0).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("aem-version"));
        const test::ProcessResult bad = box.run(
            base(*simulator) + QStringList{QStringLiteral("--checks"), QStringLiteral("nope")}, "admin\n");
        BP_COMPARE_EXIT(bad, 2);
        QVERIFY(bad.err.contains("--list-checks"));
    }

    void listChecks()
    {
        test::CliSandbox box;
        const test::ProcessResult r =
            box.run({QStringLiteral("diagnose"), QStringLiteral("--list-checks"), QStringLiteral("--json")});
        BP_COMPARE_EXIT(r, 0);
        const QJsonArray checks =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("checks")).toArray();
        QVERIFY(checks.size() >= 21);
        const test::ProcessResult text =
            box.run({QStringLiteral("diagnose"), QStringLiteral("--list-checks")});
        BP_COMPARE_EXIT(text, 0);
        QVERIFY(text.out.contains("agents-close-connection"));
    }

    // simulate --from-report refuses what is not a diagnose report, and options that the report sets.
    void fromReportUsage()
    {
        test::CliSandbox box;
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"ok\": true}");
        f.close();
        const test::ProcessResult notReport =
            box.run({QStringLiteral("simulate"), QStringLiteral("--from-report"), bad});
        BP_COMPARE_EXIT(notReport, 2);
        QVERIFY(notReport.err.contains("not a diagnose report"));
        const test::ProcessResult conflict =
            box.run({QStringLiteral("simulate"), QStringLiteral("--from-report"), bad,
                     QStringLiteral("--state"), QStringLiteral("none")});
        BP_COMPARE_EXIT(conflict, 2);
        QVERIFY(conflict.err.contains("--state"));
        const test::ProcessResult faults =
            box.run({QStringLiteral("simulate"), QStringLiteral("--list-faults")});
        BP_COMPARE_EXIT(faults, 0);
        QVERIFY(faults.out.contains("blocked-queue"));
    }

    // --inventory: every instance in the summary, one combined JSON, the HTML overview; one dead instance
    // makes the exit code 3 (for orchestration), failing checks elsewhere are still reported.
    void inventory()
    {
        sim::SimulatorOptions healthy;
        healthy.state = sim::SimState::OAuthS2S;
        sim::SimulatorOptions jwt;
        jwt.state = sim::SimState::DevConsoleJwt;
        auto a = test::startSimulator(healthy);
        auto b = test::startSimulator(jwt);
        QVERIFY(a && b);
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("fleet.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name,url,user\n");
        f.write("prod," + a->aemUrl().toString().toUtf8() + ",admin\n");
        f.write("stage," + b->aemUrl().toString().toUtf8() + ",admin\n");
        f.close();
        test::CliSandbox box;
        const QString html = dir.filePath(QStringLiteral("fleet.html"));
        const test::ProcessResult r =
            box.run({QStringLiteral("diagnose"), QStringLiteral("--inventory"), csv,
                     QStringLiteral("--password-stdin"), QStringLiteral("--json"), QStringLiteral("--report"),
                     html, QStringLiteral("--parallel"), QStringLiteral("2")},
                    "admin\n");
        BP_COMPARE_EXIT(r, 1);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        const QJsonArray instances = json.value(QStringLiteral("instances")).toArray();
        QCOMPARE(instances.size(), 2);
        QCOMPARE(instances.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(instances.at(1).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("failing"));
        QCOMPARE(json.value(QStringLiteral("failing")).toInt(), 1);
        QVERIFY(instances.at(1)
                    .toObject()
                    .value(QStringLiteral("report"))
                    .toObject()
                    .contains(QStringLiteral("checks")));
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray overview = page.readAll();
        QVERIFY(overview.contains("href=\"#i1\"") && overview.contains("id=\"i2\""));

        // A dead instance added: exit 3; the text summary names every instance.
        QVERIFY(f.open(QIODevice::Append));
        f.write("gone,http://127.0.0.1:" + QByteArray::number(test::unusedLoopbackPort()) + ",admin\n");
        f.close();
        const test::ProcessResult text = box.run({QStringLiteral("diagnose"), QStringLiteral("--inventory"),
                                                  csv, QStringLiteral("--password-stdin")},
                                                 "admin\n");
        BP_COMPARE_EXIT(text, 3);
        for (const char *name : {"prod", "stage", "gone"})
            QVERIFY2(text.out.contains(name), text.out.constData());
        QVERIFY(text.out.contains("unreachable"));
        QVERIFY(text.err.contains("[3/3]"));

        const test::ProcessResult both = box.run({QStringLiteral("diagnose"), QStringLiteral("--inventory"),
                                                  csv, QStringLiteral("--aem"), a->aemUrl().toString()});
        BP_COMPARE_EXIT(both, 2);
        QCOMPARE(a->writeRequestCount() + b->writeRequestCount(), 0);
    }

    void unreachableExitsThree()
    {
        test::CliSandbox box;
        const test::ProcessResult r =
            box.run({QStringLiteral("diagnose"), QStringLiteral("--json"), QStringLiteral("--aem"),
                     QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort()),
                     QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                    "admin\n");
        BP_COMPARE_EXIT(r, 3);
        QVERIFY(QJsonDocument::fromJson(r.out).object().contains(QStringLiteral("error")));
    }
};

QTEST_GUILESS_MAIN(TestDiagnoseCli)
#include "tst_diagnose_cli.moc"
