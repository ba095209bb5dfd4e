// SPDX-License-Identifier: Apache-2.0
// `bpsetup apply` and `bpsetup rollback`, in-process against the simulator: exit codes, the JSON report,
// the confirmation rules, refusals and dry runs with zero writes, a stale plan, and rollback restoring the
// simulator's whole repository.
#include "CliSandbox.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace bp;

namespace {

// tenant "": left out (read from the existing configuration).
QStringList applyArgs(const sim::Simulator &s, const QString &credsDir, const QString &credential,
                      const QStringList &extra, const QString &tenant = QStringLiteral("bpdemo"))
{
    QStringList args = {QStringLiteral("apply"),
                        QStringLiteral("--aem"),
                        s.aemUrl().toString(),
                        QStringLiteral("--user"),
                        QStringLiteral("admin"),
                        QStringLiteral("--credentials"),
                        credsDir + QLatin1Char('/') + credential,
                        QStringLiteral("--ims-url"),
                        s.imsUrl().toString()};
    if (!tenant.isEmpty())
        args << QStringLiteral("--tenant") << tenant;
    return args + extra;
}

QJsonObject jsonOf(const test::ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

// json with every array element equal to value removed, at any depth.
QJsonObject withoutValue(QJsonObject json, const QString &value)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it->isObject()) {
            *it = withoutValue(it->toObject(), value);
        } else if (it->isArray()) {
            QJsonArray kept;
            for (const QJsonValue &v : it->toArray()) {
                if (v.toString() != value)
                    kept.append(v.isObject() ? QJsonValue(withoutValue(v.toObject(), value)) : v);
            }
            *it = kept;
        }
    }
    return json;
}

// The plain client secret the simulated AEM would use: its customizer's value, unprotected.
QString storedSecret(const sim::Simulator &s)
{
    const QByteArray snapshot = QJsonDocument(s.snapshot()).toJson(QJsonDocument::Compact);
    const QRegularExpression re(QStringLiteral("auth\\.ims\\.client\\.secret=\\\\\"(\\{[0-9a-f]+\\})"));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(snapshot));
    if (!m.hasMatch())
        return QStringLiteral("(no protected secret in the snapshot)");
    bool ok = false;
    const QString plain = s.unprotect(m.captured(1), &ok);
    return ok ? plain : QStringLiteral("(not protected by this instance)");
}

} // namespace

class TestApplyCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The password comes from the environment so that stdin carries only the answers to questions.
        qputenv("BPSETUP_AEM_PASSWORD", "admin");
    }

    void apply_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("hotfix");
        QTest::addColumn<QString>("credential");
        QTest::addColumn<QString>("failStep");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errorId");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("tenant"); // "": left out
        const QString oauth = QStringLiteral("oauth-s2s-credential.json");
        const QString none = QStringLiteral("none");
        const QString jwt = QStringLiteral("devconsole-jwt");
        const QString bpdemo = QStringLiteral("bpdemo");
        QTest::newRow("6.5.22.0") << "6.5.22.0" << false << oauth << "" << 0 << "" << none << bpdemo;
        QTest::newRow("6.6.3 LTS") << "6.6.3" << false << oauth << "" << 0 << "" << none << bpdemo;
        QTest::newRow("6.5.17.0 with hotfix")
            << "6.5.17.0" << true << oauth << "" << 0 << "" << none << bpdemo;
        QTest::newRow("6.5.17.0 without hotfix")
            << "6.5.17.0" << false << oauth << "" << 4 << "hotfix-required" << none << bpdemo;
        QTest::newRow("6.5.8.0") << "6.5.8.0" << false << oauth << "" << 4 << "oauth-not-available" << none
                                 << bpdemo;
        QTest::newRow("jwt credential") << "6.5.22.0" << false << "jwt-credential.json"
                                        << "" << 4 << "jwt-credential" << none << bpdemo;
        QTest::newRow("cloud-config fails")
            << "6.5.22.0" << false << oauth << "cloud-config" << 1 << "apply-step-failed" << none << bpdemo;
        QTest::newRow("agent test fails")
            << "6.6.3" << false << oauth << "agent-test" << 1 << "tests-failed" << none << bpdemo;
        QTest::newRow("no tenant, nothing configured")
            << "6.5.22.0" << false << oauth << "" << 4 << "tenant-required" << none << "";
        // JWT -> OAuth Server-to-Server in place; the tenant comes from the existing configuration.
        QTest::newRow("jwt upgrade 6.5.22.0") << "6.5.22.0" << false << oauth << "" << 0 << "" << jwt << "";
        QTest::newRow("jwt upgrade 6.6.3 LTS") << "6.6.3" << false << oauth << "" << 0 << "" << jwt << "";
        QTest::newRow("jwt upgrade 6.5.17.0 with hotfix")
            << "6.5.17.0" << true << oauth << "" << 0 << "" << jwt << bpdemo;
        QTest::newRow("jwt upgrade 6.5.17.0 without hotfix")
            << "6.5.17.0" << false << oauth << "" << 4 << "hotfix-required" << jwt << "";
        QTest::newRow("jwt upgrade 6.5.8.0")
            << "6.5.8.0" << false << oauth << "" << 4 << "oauth-not-available" << jwt << "";
        QTest::newRow("jwt upgrade, other tenant given")
            << "6.5.22.0" << false << oauth << "" << 4 << "tenant-conflict" << jwt << "othertenant";
        QTest::newRow("jwt upgrade, customizer fails")
            << "6.5.22.0" << false << oauth << "ims-customizer" << 1 << "apply-step-failed" << jwt << "";
        QTest::newRow("jwt upgrade, agent update fails")
            << "6.6.3" << false << oauth << "agent-update" << 1 << "apply-step-failed" << jwt << "";
        QTest::newRow("legacy gateway upgrade 6.5.17.0 without hotfix")
            << "6.5.17.0" << false << oauth << "" << 4 << "hotfix-required"
            << "legacy-gateway"
            << "";
    }
    void apply()
    {
        QFETCH(QString, version);
        QFETCH(bool, hotfix);
        QFETCH(QString, credential);
        QFETCH(QString, failStep);
        QFETCH(int, exitCode);
        QFETCH(QString, errorId);
        QFETCH(QString, state);
        QFETCH(QString, tenant);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        o.imsHotfixInstalled = hotfix;
        if (!failStep.isEmpty())
            o.failSteps = {failStep};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());

        const test::ProcessResult r = box.run(applyArgs(
            *simulator, dir, credential, {QStringLiteral("--yes"), QStringLiteral("--json")}, tenant));
        QVERIFY2(r.exitCode == exitCode, r.describe().constData());
        const QJsonObject json = jsonOf(r);
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(), exitCode == 0);
        QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 errorId);
        QCOMPARE(test::secretLeak(r, simulator->clientSecretsForTests()), nullptr);
        if (exitCode == 4) {
            // Refused: nothing was written, the plan says why.
            QCOMPARE(simulator->writeRequestCount(), 0);
            QVERIFY(json.value(QStringLiteral("plan")).toObject().contains(QStringLiteral("blocking")));
            return;
        }
        const QJsonArray steps = json.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 4);
        for (const QJsonValue &v : steps) {
            QVERIFY(v.toObject().contains(QStringLiteral("status")));
            QVERIFY(v.toObject().value(QStringLiteral("durationMs")).isDouble());
        }
        const QString backupId = json.value(QStringLiteral("backupId")).toString();
        QVERIFY(!backupId.isEmpty());
        const QJsonArray tests = json.value(QStringLiteral("tests")).toArray();
        if (exitCode == 0) {
            QCOMPARE(tests.size(), 8); // four agents: Test Connection and queue each
            for (const QJsonValue &t : tests)
                QVERIFY2(t.toObject().value(QStringLiteral("passed")).toBool(),
                         qPrintable(t.toObject().value(QStringLiteral("message")).toString()));
            if (state == QLatin1String("devconsole-jwt")) {
                // Switched in place: the same IMS configuration, now OAuth, and the JWT-only alias gone.
                QCOMPARE(json.value(QStringLiteral("route")).toString(),
                         QStringLiteral("upgrade-configuration"));
                const test::ProcessResult detect = box.run(
                    {QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                     QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--json")});
                QCOMPARE(jsonOf(detect).value(QStringLiteral("state")).toString(),
                         QStringLiteral("oauth-s2s"));
                const QByteArray snapshot =
                    QJsonDocument(simulator->snapshot()).toJson(QJsonDocument::Compact);
                QVERIFY(!snapshot.contains("auth.token.provider.keypair.alias"));
                QVERIFY(!snapshot.contains("/ims/exchange/jwt"));
            }
            // A second apply has nothing to do, writes nothing, and tests again.
            simulator->clearRequestLog();
            const test::ProcessResult again = box.run(applyArgs(
                *simulator, dir, credential, {QStringLiteral("--yes"), QStringLiteral("--json")}, tenant));
            QVERIFY2(again.exitCode == 0, again.describe().constData());
            QCOMPARE(simulator->writeRequestCount(), 0);
            QVERIFY(jsonOf(again).value(QStringLiteral("backupId")).isNull());
            QCOMPARE(jsonOf(again).value(QStringLiteral("tests")).toArray().size(), 8);
            return;
        }
        // A failure: rollback from the CLI brings the whole repository back.
        const test::ProcessResult rb =
            box.run({QStringLiteral("rollback"), QStringLiteral("--backup"), backupId,
                     QStringLiteral("--aem"), simulator->aemUrl().toString(), QStringLiteral("--user"),
                     QStringLiteral("admin"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QVERIFY2(rb.exitCode == 0, rb.describe().constData());
        QVERIFY(!jsonOf(rb).value(QStringLiteral("restored")).toArray().isEmpty());
        QCOMPARE(simulator->snapshot(), before);
    }

    // Legacy OAuth Gateway -> OAuth Server-to-Server from the CLI: the tenant read from the old setup, a
    // busy queue refused with no write, a failed deletion rolled back to the exact old repository.
    void legacyUpgrade_data()
    {
        QTest::addColumn<int>("queueItems");
        QTest::addColumn<QString>("failStep");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errorId");
        QTest::newRow("upgrade") << 0 << "" << QStringList() << 0 << "";
        QTest::newRow("busy queue") << 2 << "" << QStringList() << 4 << "queue-busy";
        QTest::newRow("user deletion fails")
            << 0 << "delete-user" << QStringList() << 1 << "apply-step-failed";
        QTest::newRow("agent deletion fails")
            << 0 << "delete-agent" << QStringList() << 1 << "apply-step-failed";
        QTest::newRow("--wait-for-idle not a number")
            << 0 << "" << QStringList{QStringLiteral("--wait-for-idle"), QStringLiteral("soon")} << 2
            << "usage";
    }
    void legacyUpgrade()
    {
        QFETCH(int, queueItems);
        QFETCH(QString, failStep);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, errorId);
        sim::SimulatorOptions o;
        o.state = sim::SimState::LegacyGateway;
        o.queueItems = queueItems;
        if (!failStep.isEmpty())
            o.failSteps = {failStep};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const test::ProcessResult r = box.run(
            applyArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"),
                      QStringList{QStringLiteral("--yes"), QStringLiteral("--json")} + extra, QString()));
        QVERIFY2(r.exitCode == exitCode, r.describe().constData());
        const QJsonObject json = jsonOf(r);
        QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 errorId);
        QCOMPARE(test::secretLeak(r, simulator->clientSecretsForTests()), nullptr);
        if (exitCode != 0 && exitCode != 1) {
            QCOMPARE(simulator->writeRequestCount(), 0);
            QCOMPARE(simulator->snapshot(), before);
            if (exitCode == 4) {
                // The refusal carries the pending items.
                const QString message = QString::fromUtf8(QJsonDocument(json).toJson());
                QVERIFY2(message.contains(QLatin1String("8 items")), qPrintable(message));
            }
            return;
        }
        QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("upgrade-configuration"));
        if (exitCode == 0) {
            const QJsonArray tests = json.value(QStringLiteral("tests")).toArray();
            QCOMPARE(tests.size(), 8);
            const test::ProcessResult detect =
                box.run({QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                         QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--json")});
            QCOMPARE(jsonOf(detect).value(QStringLiteral("state")).toString(), QStringLiteral("oauth-s2s"));
            return;
        }
        const QString backupId = json.value(QStringLiteral("backupId")).toString();
        const test::ProcessResult rb =
            box.run({QStringLiteral("rollback"), QStringLiteral("--backup"), backupId,
                     QStringLiteral("--aem"), simulator->aemUrl().toString(), QStringLiteral("--user"),
                     QStringLiteral("admin"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QVERIFY2(rb.exitCode == 0, rb.describe().constData());
        QCOMPARE(simulator->snapshot(), before);
    }

    // Rotation: the configured secret works, and --rotate-secret still replaces it with the credential's
    // second secret (validated with IMS first); the agents test with the new one.
    void rotateSecret()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const QString credential = QStringLiteral("oauth-s2s-credential.json");
        const QStringList yesJson = {QStringLiteral("--yes"), QStringLiteral("--json")};
        const test::ProcessResult created = box.run(applyArgs(*simulator, dir, credential, yesJson));
        QVERIFY2(created.exitCode == 0, created.describe().constData());
        const QString secretBefore = storedSecret(*simulator);
        QCOMPARE(secretBefore, simulator->clientSecretsForTests().at(0));

        simulator->clearRequestLog();
        const test::ProcessResult rotated =
            box.run(applyArgs(*simulator, dir, credential,
                              yesJson + QStringList{QStringLiteral("--rotate-secret")}, QString()));
        QVERIFY2(rotated.exitCode == 0, rotated.describe().constData());
        QCOMPARE(test::secretLeak(rotated, simulator->clientSecretsForTests()), nullptr);
        QCOMPARE(storedSecret(*simulator), simulator->clientSecretsForTests().at(1));
        QCOMPARE(simulator->writeCountsByMethod().value("POST"), 2); // crypto + the customizer only
        const QJsonArray steps = jsonOf(rotated).value(QStringLiteral("steps")).toArray();
        QStringList done;
        for (const QJsonValue &v : steps) {
            if (v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("done"))
                done << v.toObject().value(QStringLiteral("id")).toString();
        }
        QCOMPARE(done, QStringList{QStringLiteral("ims-customizer")});
        for (const QJsonValue &t : jsonOf(rotated).value(QStringLiteral("tests")).toArray())
            QVERIFY(t.toObject().value(QStringLiteral("passed")).toBool());
        // Then the rotated configuration is simply kept.
        simulator->clearRequestLog();
        const test::ProcessResult kept = box.run(applyArgs(*simulator, dir, credential, yesJson, QString()));
        QVERIFY2(kept.exitCode == 0, kept.describe().constData());
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    void rotateSecretNeedsTwoSecrets()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        // The same credential with its second secret removed.
        QFile in(dir + QStringLiteral("/oauth-s2s-credential.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QString second = simulator->clientSecretsForTests().at(1);
        const QByteArray text =
            QJsonDocument(withoutValue(QJsonDocument::fromJson(in.readAll()).object(), second)).toJson();
        QVERIFY(!text.contains(second.toUtf8()));
        QFile out(dir + QStringLiteral("/one-secret.json"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const test::ProcessResult r =
            box.run(applyArgs(*simulator, dir, QStringLiteral("one-secret.json"),
                              {QStringLiteral("--yes"), QStringLiteral("--rotate-secret")}));
        QVERIFY2(r.exitCode == 2, r.describe().constData());
        QVERIFY(r.err.contains("two client secrets"));
        QCOMPARE(simulator->requestCount(), 0);
    }

    void dryRunSendsNoWrite()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        // No --yes and no terminal: a dry run needs no confirmation.
        const test::ProcessResult r =
            box.run(applyArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"),
                              {QStringLiteral("--dry-run"), QStringLiteral("--json")}));
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(simulator->writeCountsByMethod().isEmpty());
        QVERIFY(simulator->requestCount() > 0);
        for (const QJsonValue &v : jsonOf(r).value(QStringLiteral("steps")).toArray())
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("dry-run"));
        QVERIFY(jsonOf(r).value(QStringLiteral("tests")).toArray().isEmpty());
        QVERIFY(!QFile::exists(box.backupsPath()) || QDir(box.backupsPath()).isEmpty());
    }

    void confirmation_data()
    {
        QTest::addColumn<bool>("terminal");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errorId");
        QTest::newRow("no terminal, no --yes") << false << QByteArray() << 2 << "usage";
        QTest::newRow("terminal, no") << true << QByteArray("n\n") << 1 << "apply-not-confirmed";
        QTest::newRow("terminal, empty") << true << QByteArray("\n") << 1 << "apply-not-confirmed";
        QTest::newRow("terminal, yes") << true << QByteArray("y\n") << 0 << "";
    }
    void confirmation()
    {
        QFETCH(bool, terminal);
        QFETCH(QByteArray, answer);
        QFETCH(int, exitCode);
        QFETCH(QString, errorId);
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const test::ProcessResult r =
            box.run(applyArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"),
                              {QStringLiteral("--json")}),
                    answer, terminal);
        QVERIFY2(r.exitCode == exitCode, r.describe().constData());
        QCOMPARE(jsonOf(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 errorId);
        if (exitCode != 0)
            QCOMPARE(simulator->writeRequestCount(), 0);
        if (!terminal)
            QCOMPARE(simulator->requestCount(), 0); // refused before anything is read
    }

    // On a terminal, a failed apply offers the rollback; answering yes restores the repository.
    void failureOffersRollbackOnTerminal()
    {
        sim::SimulatorOptions o;
        o.failSteps = {QStringLiteral("cloud-config")};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        const QJsonObject before = simulator->snapshot();
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const test::ProcessResult r = box.run(
            applyArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"), {}), "y\ny\n", true);
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QVERIFY(r.err.contains("Roll back"));
        QVERIFY(r.out.contains("Rolled back"));
        QVERIFY(simulator->writeRequestCount() > 0);
        QCOMPARE(simulator->snapshot(), before);
    }

    // A plan saved earlier is refused once the instance changed since (here: another apply ran).
    void stalePlanIsRefused()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        QStringList planArgs = applyArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"),
                                         {QStringLiteral("--json")});
        planArgs[0] = QStringLiteral("plan");
        const test::ProcessResult plan = box.run(planArgs);
        QVERIFY2(plan.exitCode == 0, plan.describe().constData());
        const QString planFile = box.home.filePath(QStringLiteral("plan.json"));
        QFile f(planFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(plan.out);
        f.close();

        const QStringList withPlan = applyArgs(
            *simulator, dir, QStringLiteral("oauth-s2s-credential.json"),
            {QStringLiteral("--yes"), QStringLiteral("--json"), QStringLiteral("--plan"), planFile});
        // Unchanged instance: the saved plan is applied.
        const test::ProcessResult first = box.run(withPlan);
        QVERIFY2(first.exitCode == 0, first.describe().constData());
        // Now the instance is configured: the same saved plan is stale.
        simulator->clearRequestLog();
        const test::ProcessResult second = box.run(withPlan);
        QCOMPARE(second.exitCode, 4);
        QCOMPARE(
            jsonOf(second).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
            QStringLiteral("stale-plan"));
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    void rollbackBadInput_data()
    {
        QTest::addColumn<QString>("backup");
        QTest::addColumn<QString>("errorId");
        QTest::newRow("not an id") << "../etc"
                                   << "usage";
        QTest::newRow("unknown id") << "20261202-101010-abcdef"
                                    << "backup-unknown";
    }
    void rollbackBadInput()
    {
        QFETCH(QString, backup);
        QFETCH(QString, errorId);
        test::CliSandbox box;
        const test::ProcessResult r = box.run({QStringLiteral("rollback"), QStringLiteral("--backup"), backup,
                                               QStringLiteral("--aem"), QStringLiteral("http://127.0.0.1:9"),
                                               QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(jsonOf(r).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 errorId);
    }
};

QTEST_GUILESS_MAIN(TestApplyCli)
#include "tst_apply_cli.moc"
