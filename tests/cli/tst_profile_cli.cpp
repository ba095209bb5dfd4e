// SPDX-License-Identifier: Apache-2.0
// Profiles end to end with the real OS keychain (gnome-keyring inside .ci/run's dbus-run-session), and the
// canary check across the validate, detect and profile flows.
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {
QJsonObject json(const QByteArray &out)
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}
} // namespace

class TestProfileCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void saveShowUseRenameDelete();
    void jwtProfileKeepsTheKeyInTheKeychain();
    void deleteNeedsConfirmation();
    void unknownProfile();
    void noDbusMeansNoKeychain();
    void canaryAppearsNowhere();

private:
    test::ProcessResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                            const QProcessEnvironment &env = QProcessEnvironment());
    std::unique_ptr<sim::Simulator> m_sim;
    QTemporaryDir m_dir;
    QTemporaryDir m_tmp; // TMPDIR for the tool, scanned by the canary check
    QString m_canary;
    QList<test::ProcessResult> m_runs;
};

void TestProfileCli::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL(
                "CI must run this test inside dbus-run-session with an unlocked gnome-keyring (see .ci/run)");
        QSKIP("needs a D-Bus session with a keychain (run inside dbus-run-session, as .ci/run does)");
    }
    m_canary = QStringLiteral("Canary-Aem-Password-%1").arg(QDateTime::currentMSecsSinceEpoch());
    sim::SimulatorOptions o;
    o.password = m_canary;
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.path()).ok());
}

void TestProfileCli::cleanupTestCase()
{
    run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("jwt profile"),
         QStringLiteral("--yes")});
}

test::ProcessResult TestProfileCli::run(const QStringList &args, const QByteArray &stdinData,
                                        const QProcessEnvironment &env)
{
    QProcessEnvironment e = env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    e.insert(QStringLiteral("TMPDIR"), m_tmp.path());
    e.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    const auto r = test::runBpsetup(args, stdinData, e);
    m_runs << r;
    return r;
}

void TestProfileCli::saveShowUseRenameDelete()
{
    auto r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("acme prod"),
                  QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--user"),
                  QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                  QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("oauth-s2s-project.json")),
                  QStringLiteral("--ims-url"), m_sim->imsUrl().toString()},
                 m_canary.toUtf8() + "\n");
    BP_COMPARE_EXIT(r, 0);
    QVERIFY2(r.out.contains("Secrets stored in: GNOME Keyring"), r.out.constData());

    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme prod"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QJsonObject j = json(r.out);
    QCOMPARE(j.value(QStringLiteral("secrets")).toObject().value(QStringLiteral("aemPassword")).toString(),
             QStringLiteral("stored"));
    QCOMPARE(j.value(QStringLiteral("secrets")).toObject().value(QStringLiteral("clientSecret")).toString(),
             QStringLiteral("stored"));
    QCOMPARE(j.value(QStringLiteral("secrets")).toObject().value(QStringLiteral("clientSecret2")).toString(),
             QStringLiteral("stored"));
    QCOMPARE(j.value(QStringLiteral("secrets")).toObject().value(QStringLiteral("privateKey")).toString(),
             QStringLiteral("not-stored"));
    QCOMPARE(j.value(QStringLiteral("profile")).toObject().value(QStringLiteral("clientId")).toString(),
             m_sim->imsClientId());

    // Commands take --profile and read the secrets from the keychain.
    QProcessEnvironment noEnvPassword = QProcessEnvironment::systemEnvironment();
    noEnvPassword.remove(QStringLiteral("BPSETUP_AEM_PASSWORD"));
    r = run({QStringLiteral("detect"), QStringLiteral("--profile"), QStringLiteral("acme prod"),
             QStringLiteral("--json")},
            QByteArray(), noEnvPassword);
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out).value(QStringLiteral("version")).toString(), QStringLiteral("6.5.22.0"));
    r = run({QStringLiteral("validate"), QStringLiteral("--profile"), QStringLiteral("acme prod"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out).value(QStringLiteral("method")).toString(), QStringLiteral("oauth-s2s"));
    // detect remembered what it saw.
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme prod"),
             QStringLiteral("--json")});
    QCOMPARE(
        json(r.out).value(QStringLiteral("profile")).toObject().value(QStringLiteral("version")).toString(),
        QStringLiteral("6.5.22.0"));

    r = run({QStringLiteral("profile"), QStringLiteral("rename"), QStringLiteral("acme prod"),
             QStringLiteral("acme-prod-2")});
    BP_COMPARE_EXIT(r, 0);
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out)
                 .value(QStringLiteral("secrets"))
                 .toObject()
                 .value(QStringLiteral("aemPassword"))
                 .toString(),
             QStringLiteral("stored"));
    r = run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json(r.out).value(QStringLiteral("profiles")).toArray().size(), 1);

    r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--yes")});
    BP_COMPARE_EXIT(r, 0);
    r = run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json(r.out).value(QStringLiteral("profiles")).toArray().size(), 0);
    // The keychain entries went with it: a profile of the same name starts with nothing stored.
    r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--aem"), m_sim->aemUrl().toString()});
    BP_COMPARE_EXIT(r, 0);
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--json")});
    QCOMPARE(json(r.out)
                 .value(QStringLiteral("secrets"))
                 .toObject()
                 .value(QStringLiteral("aemPassword"))
                 .toString(),
             QStringLiteral("not-stored"));
    run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("acme-prod-2"),
         QStringLiteral("--yes")});
}

void TestProfileCli::jwtProfileKeepsTheKeyInTheKeychain()
{
    auto r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("jwt profile"),
                  QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--credentials"),
                  m_dir.filePath(QStringLiteral("jwt-project.json")), QStringLiteral("--private-key"),
                  m_dir.filePath(QStringLiteral("private.key")), QStringLiteral("--ims-url"),
                  m_sim->imsUrl().toString()});
    BP_COMPARE_EXIT(r, 0);
    // The key file may now go away: validation reads the key from the keychain.
    QTemporaryDir elsewhere;
    QVERIFY(QFile::rename(m_dir.filePath(QStringLiteral("private.key")),
                          elsewhere.filePath(QStringLiteral("private.key"))));
    r = run({QStringLiteral("validate"), QStringLiteral("--profile"), QStringLiteral("jwt profile"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out).value(QStringLiteral("method")).toString(), QStringLiteral("jwt"));
    QVERIFY(QFile::rename(elsewhere.filePath(QStringLiteral("private.key")),
                          m_dir.filePath(QStringLiteral("private.key"))));
}

void TestProfileCli::deleteNeedsConfirmation()
{
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("keep me"),
                         QStringLiteral("--aem"), m_sim->aemUrl().toString()}),
                    0);
    const auto r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("keep me")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("--yes"));
    QCOMPARE(json(run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                 .value(QStringLiteral("profiles"))
                 .toArray()
                 .size(),
             2); // "keep me" and "jwt profile"
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("keep me"),
                         QStringLiteral("--yes")}),
                    0);
}

void TestProfileCli::unknownProfile()
{
    const auto r = run({QStringLiteral("detect"), QStringLiteral("--profile"), QStringLiteral("nope")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("no profile named"));
}

void TestProfileCli::noDbusMeansNoKeychain()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    const auto r =
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("no bus"),
             QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--password-stdin")},
            m_canary.toUtf8() + "\n", env);
    BP_COMPARE_EXIT(r, 1);
    QVERIFY2(r.err.contains("No D-Bus session"), r.err.constData());
    QVERIFY(r.err.contains("Nothing was saved"));
    QCOMPARE(json(run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                 .value(QStringLiteral("profiles"))
                 .toArray()
                 .size(),
             1); // only "jwt profile"
}

void TestProfileCli::canaryAppearsNowhere()
{
    QStringList canaries{m_canary};
    canaries << m_sim->clientSecretsForTests() << m_sim->jwtClientSecretForTests();
    for (const auto &r : std::as_const(m_runs)) {
        for (const QString &c : canaries) {
            QVERIFY2(!r.out.contains(c.toUtf8()), "a secret reached stdout");
            QVERIFY2(!r.err.contains(c.toUtf8()), "a secret reached stderr");
        }
    }
    // No file the tool could write: config, data, cache homes and its temp dir.
    QStringList roots{m_tmp.path()};
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        roots << qEnvironmentVariable(var);
    int scanned = 0;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            ++scanned;
            for (const QString &c : std::as_const(canaries))
                QVERIFY2(!data.contains(c.toUtf8()), qPrintable(f.fileName()));
        }
    }
    QVERIFY2(scanned > 0, "the profiles file should exist and be scanned");
}

QTEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profile_cli.moc"
