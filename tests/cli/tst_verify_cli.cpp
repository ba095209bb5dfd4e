// SPDX-License-Identifier: Apache-2.0
// `bpsetup verify`, in-process against the simulator: exit codes, the JSON shape, the named failing link
// and its remedy, the Cloud Service checklist, and the exit code for an unreachable AEM.
#include "CliSandbox.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bp;

class TestVerifyCli : public QObject
{
    Q_OBJECT

private slots:
    void verify_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("failed");     // the check JSON names as failed
        QTest::addColumn<QString>("remedyHas");  // in that check's remedy
        QTest::addColumn<QString>("deployment"); // JSON deployment
        QTest::newRow("cloud activated") << "cloud"
                                         << "oauth-s2s"
                                         << "" << 0 << ""
                                         << ""
                                         << "cloud";
        QTest::newRow("cloud not activated") << "cloud"
                                             << "none"
                                             << "" << 1 << "cloud-config"
                                             << "Activate Brand Portal"
                                             << "cloud";
        QTest::newRow("cloud distribution test fails")
            << "cloud"
            << "oauth-s2s"
            << "distribution-test-fails" << 1 << "distribution-test"
            << "Test Connection"
            << "cloud";
        QTest::newRow("6.5 oauth-s2s") << "6.5.22.0"
                                       << "oauth-s2s"
                                       << "" << 0 << ""
                                       << ""
                                       << "6.5";
        QTest::newRow("6.5 jwt") << "6.5.22.0"
                                 << "devconsole-jwt"
                                 << "" << 1 << "ims-config"
                                 << "Upgrade it to OAuth Server-to-Server"
                                 << "6.5";
        QTest::newRow("6.5 none") << "6.5.22.0"
                                  << "none"
                                  << "" << 1 << "ims-config"
                                  << "bpsetup apply"
                                  << "6.5";
    }
    void verify()
    {
        QFETCH(QString, version);
        QFETCH(QString, state);
        QFETCH(QString, fault);
        QFETCH(int, exitCode);
        QFETCH(QString, failed);
        QFETCH(QString, remedyHas);
        QFETCH(QString, deployment);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        if (!fault.isEmpty())
            o.faults << sim::Simulator::parseFault(fault).value();
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::CliSandbox box;
        const QStringList base = {QStringLiteral("verify"),       QStringLiteral("--aem"),
                                  simulator->aemUrl().toString(), QStringLiteral("--user"),
                                  QStringLiteral("admin"),        QStringLiteral("--password-stdin")};

        const test::ProcessResult r = box.run(base + QStringList{QStringLiteral("--json")}, "admin\n");
        BP_COMPARE_EXIT(r, exitCode);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(), exitCode == 0);
        QCOMPARE(json.value(QStringLiteral("deployment")).toString(), deployment);
        const QJsonArray checks = json.value(QStringLiteral("checks")).toArray();
        QVERIFY(checks.size() >= 4);
        QString firstFailed;
        for (const QJsonValue &v : checks) {
            const QJsonObject c = v.toObject();
            QVERIFY(!c.value(QStringLiteral("id")).toString().isEmpty());
            QVERIFY(QStringList({QStringLiteral("pass"), QStringLiteral("fail"), QStringLiteral("warn"),
                                 QStringLiteral("skip")})
                        .contains(c.value(QStringLiteral("status")).toString()));
            QVERIFY(!c.value(QStringLiteral("evidence")).toString().isEmpty());
            if (c.value(QStringLiteral("status")).toString() == QLatin1String("fail") &&
                firstFailed.isEmpty()) {
                firstFailed = c.value(QStringLiteral("id")).toString();
                QVERIFY2(c.value(QStringLiteral("remedy")).toString().contains(remedyHas),
                         qPrintable(c.value(QStringLiteral("remedy")).toString()));
            }
        }
        QCOMPARE(firstFailed, failed);
        QCOMPARE(json.value(QStringLiteral("failed")).toString(), failed);
        QCOMPARE(json.value(QStringLiteral("checklist")).isArray(), version == QLatin1String("cloud"));

        // The text form: the same exit code, every check on a line, the failing link named; on Cloud Service
        // the activation checklist first.
        const test::ProcessResult text = box.run(base, "admin\n");
        BP_COMPARE_EXIT(text, exitCode);
        const QString out = QString::fromUtf8(text.out);
        for (const QJsonValue &v : checks)
            QVERIFY2(out.contains(v.toObject().value(QStringLiteral("id")).toString()), qPrintable(out));
        if (exitCode == 0)
            QVERIFY2(out.contains(QLatin1String("Verify passed")), qPrintable(out));
        else
            QVERIFY2(out.contains(QStringLiteral("Verify failed at %1").arg(failed)), qPrintable(out));
        QCOMPARE(out.contains(QLatin1String("Cloud Manager")), version == QLatin1String("cloud"));
    }

    void unreachableExitsThree()
    {
        test::CliSandbox box;
        const test::ProcessResult r =
            box.run({QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--aem"),
                     QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort()),
                     QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                    "admin\n");
        BP_COMPARE_EXIT(r, 3);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY(json.contains(QStringLiteral("error")));
    }

    void helpAndUsage()
    {
        test::CliSandbox box;
        const test::ProcessResult help = box.run({QStringLiteral("verify"), QStringLiteral("--help")});
        BP_COMPARE_EXIT(help, 0);
        QVERIFY(help.out.contains("--profile"));
        QVERIFY(help.out.contains("--json"));
        const test::ProcessResult extra = box.run({QStringLiteral("verify"), QStringLiteral("stray")});
        BP_COMPARE_EXIT(extra, 2);
    }
};

QTEST_GUILESS_MAIN(TestVerifyCli)
#include "tst_verify_cli.moc"
