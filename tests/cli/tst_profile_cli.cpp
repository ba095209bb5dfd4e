// SPDX-License-Identifier: Apache-2.0
// `bpsetup profile ...` and `--profile` in detect and validate, run in this process (test::runCli) with an
// in-memory keychain, a temporary profiles file and a manual clock; the canary check covers every run, the
// log and every file the runs could write. The OS keychain itself is tested in tests/core (tst_secretstore).
#include "CliSandbox.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace bp;

namespace {

QJsonObject json(const QByteArray &out)
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}

QString errorId(const test::ProcessResult &r)
{
    return json(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Everything in a folder, FIFOs and hidden files included.
QStringList entriesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
}

bool isFifo(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
#else
    Q_UNUSED(path);
    return false;
#endif
}

} // namespace

class TestProfileCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void saveShowUseRenameDelete();
    void jwtProfileKeepsTheKeyInTheKeychain();
    void deleteNeedsConfirmation();
    void deleteAsksAtATerminal_data();
    void deleteAsksAtATerminal();
    void unknownProfile();
    void noKeychainMeansNothingSaved_data();
    void noKeychainMeansNothingSaved();
    void damagedProfilesFileIsSaid_data();
    void damagedProfilesFileIsSaid();
    void unreadableProfilesFileIsSaid();
    void unreadableProfilesFileIsNeverReplaced_data();
    void unreadableProfilesFileIsNeverReplaced();
    void badArguments_data();
    void badArguments();
    void canaryAppearsNowhere();

private:
    test::ProcessResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                            bool stdinIsTerminal = false);
    test::ProcessResult list();
    int profileCount();
    bool storeSecret(const QString &profile, SecretKind kind, const QByteArray &value);
    bool makeFifo(const QString &path);

    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<test::CliSandbox> m_sandbox;
    std::unique_ptr<test::LogCapture> m_log;
    QTemporaryDir m_dir;
    QTemporaryDir m_homes;  // every test's sandbox folder is kept here for the final file scan
    QStringList m_canaries; // every secret the runs handle
    QList<test::ProcessResult> m_runs;
};

void TestProfileCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_homes.isValid());
    qunsetenv("BPSETUP_AEM_PASSWORD"); // the secret must come from the keychain, not from the environment
    m_log = std::make_unique<test::LogCapture>();
    // The tool's debug logging on, so logging cannot leak a secret unseen (the log is checked too).
    QLoggingCategory::setFilterRules(QStringLiteral("bpsetup.*.debug=true"));
    const QString canary = QStringLiteral("Canary-Aem-Password-%1").arg(QDateTime::currentMSecsSinceEpoch());
    sim::SimulatorOptions o;
    o.password = canary;
    o.jwtConverted = false; // the JWT profile rows need a working exchange
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.path()).ok());
    m_canaries << canary << m_sim->clientSecretsForTests() << m_sim->jwtClientSecretForTests();
    const QList<QByteArray> keyLines = readFile(m_dir.filePath(QStringLiteral("private.key"))).split('\n');
    for (const QByteArray &line : keyLines) {
        if (line.size() > 16 && !line.startsWith("-----"))
            m_canaries << QString::fromLatin1(line);
    }
}

void TestProfileCli::cleanupTestCase()
{
    m_sim.reset();
    m_log.reset(); // gives the message handler back while Qt Test still runs
}

void TestProfileCli::init()
{
    m_sandbox = std::make_unique<test::CliSandbox>();
    QVERIFY(m_sandbox->isValid());
}

void TestProfileCli::cleanup()
{
    for (const auto &r : m_sandbox->runs()) {
        const char *where = test::secretLeak(r, m_canaries);
        QVERIFY2(!where, qPrintable(QStringLiteral("a secret reached %1").arg(QLatin1String(where))));
    }
    m_runs << m_sandbox->runs();
    // Keep what the test left in its profiles folder for the final scan.
    const QString kept = m_homes.filePath(
        QString::fromLatin1(QTest::currentTestFunction()) +
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    QDir().mkpath(kept);
    QDirIterator it(m_sandbox->home.path(), QDir::Files | QDir::Hidden);
    while (it.hasNext()) {
        const QString file = it.next();
        if (QFileInfo(file).isFile())
            QFile::copy(file, kept + QLatin1Char('/') + QFileInfo(file).fileName());
    }
    m_sandbox.reset();
}

test::ProcessResult TestProfileCli::run(const QStringList &args, const QByteArray &stdinData,
                                        bool stdinIsTerminal)
{
    return m_sandbox->run(args, stdinData, stdinIsTerminal);
}

test::ProcessResult TestProfileCli::list()
{
    return run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")});
}

int TestProfileCli::profileCount()
{
    const auto r = list();
    if (r.exitCode != 0)
        return -1;
    return int(json(r.out).value(QStringLiteral("profiles")).toArray().size());
}

bool TestProfileCli::storeSecret(const QString &profile, SecretKind kind, const QByteArray &value)
{
    std::unique_ptr<SecretJob> job(m_sandbox->secrets.write(profile, kind, SecretString::fromUtf8(value)));
    QSignalSpy finished(job.get(), &Task::finished);
    job->start();
    return (finished.count() > 0 || finished.wait(5000)) && job->succeeded();
}

bool TestProfileCli::makeFifo(const QString &path)
{
#ifdef Q_OS_UNIX
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
#else
    Q_UNUSED(path);
    return false;
#endif
}

void TestProfileCli::saveShowUseRenameDelete()
{
    auto r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("acme prod"),
                  QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--user"),
                  QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                  QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("oauth-s2s-project.json")),
                  QStringLiteral("--ims-url"), m_sim->imsUrl().toString()},
                 m_canaries.first().toUtf8() + "\n");
    BP_COMPARE_EXIT(r, 0);
    QVERIFY2(r.out.contains("Secrets stored in: Memory (tests)"), r.out.constData());
    QCOMPARE(m_sandbox->secrets.keys(),
             (QStringList{QStringLiteral("acme prod/aemPassword"), QStringLiteral("acme prod/clientSecret"),
                          QStringLiteral("acme prod/clientSecret2")}));
    QCOMPARE(
        m_sandbox->secrets.storedValue(QStringLiteral("acme prod"), SecretKind::AemPassword).revealUtf8(),
        m_canaries.first().toUtf8());
    // Only non-secret settings in the file.
    QVERIFY(QFileInfo::exists(m_sandbox->profilesPath()));

    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme prod"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QJsonObject j = json(r.out);
    const QJsonObject secrets = j.value(QStringLiteral("secrets")).toObject();
    QCOMPARE(secrets.value(QStringLiteral("aemPassword")).toString(), QStringLiteral("stored"));
    QCOMPARE(secrets.value(QStringLiteral("clientSecret")).toString(), QStringLiteral("stored"));
    QCOMPARE(secrets.value(QStringLiteral("clientSecret2")).toString(), QStringLiteral("stored"));
    QCOMPARE(secrets.value(QStringLiteral("privateKey")).toString(), QStringLiteral("not-stored"));
    QCOMPARE(j.value(QStringLiteral("profile")).toObject().value(QStringLiteral("clientId")).toString(),
             m_sim->imsClientId());
    QCOMPARE(j.value(QStringLiteral("keychain")).toString(), QStringLiteral("Memory (tests)"));

    // Commands take --profile and read the secrets from the keychain.
    r = run({QStringLiteral("detect"), QStringLiteral("--profile"), QStringLiteral("acme prod"),
             QStringLiteral("--json")});
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
    QCOMPARE(m_sandbox->secrets.keys(), (QStringList{QStringLiteral("acme-prod-2/aemPassword"),
                                                     QStringLiteral("acme-prod-2/clientSecret"),
                                                     QStringLiteral("acme-prod-2/clientSecret2")}));
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out)
                 .value(QStringLiteral("secrets"))
                 .toObject()
                 .value(QStringLiteral("aemPassword"))
                 .toString(),
             QStringLiteral("stored"));
    QCOMPARE(profileCount(), 1);

    r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("acme-prod-2"),
             QStringLiteral("--yes")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(profileCount(), 0);
    QCOMPARE(m_sandbox->secrets.entryCount(), 0);
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
}

void TestProfileCli::jwtProfileKeepsTheKeyInTheKeychain()
{
    auto r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("jwt profile"),
                  QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--credentials"),
                  m_dir.filePath(QStringLiteral("jwt-project.json")), QStringLiteral("--private-key"),
                  m_dir.filePath(QStringLiteral("private.key")), QStringLiteral("--ims-url"),
                  m_sim->imsUrl().toString()});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(m_sandbox->secrets.contains(QStringLiteral("jwt profile"), SecretKind::PrivateKey));
    // The key file may now go away: validation reads the key from the keychain.
    QTemporaryDir elsewhere;
    QVERIFY(QFile::rename(m_dir.filePath(QStringLiteral("private.key")),
                          elsewhere.filePath(QStringLiteral("private.key"))));
    r = run({QStringLiteral("validate"), QStringLiteral("--profile"), QStringLiteral("jwt profile"),
             QStringLiteral("--json")});
    QVERIFY(QFile::rename(elsewhere.filePath(QStringLiteral("private.key")),
                          m_dir.filePath(QStringLiteral("private.key"))));
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(json(r.out).value(QStringLiteral("method")).toString(), QStringLiteral("jwt"));
}

void TestProfileCli::deleteNeedsConfirmation()
{
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("keep me"),
                         QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--user"),
                         QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                        "Keep-Me-Password\n"),
                    0);
    m_canaries << QStringLiteral("Keep-Me-Password");
    const auto r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("keep me")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("--yes"));
    QCOMPARE(profileCount(), 1);
    QVERIFY(m_sandbox->secrets.contains(QStringLiteral("keep me"), SecretKind::AemPassword));
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("keep me"),
                         QStringLiteral("--yes")}),
                    0);
    QCOMPARE(profileCount(), 0);
    QCOMPARE(m_sandbox->secrets.entryCount(), 0);
}

void TestProfileCli::deleteAsksAtATerminal_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("profilesLeft");
    QTest::newRow("yes") << QByteArray("y\n") << 0 << 0;
    QTest::newRow("no") << QByteArray("n\n") << 1 << 1;
    QTest::newRow("nothing") << QByteArray() << 1 << 1;
}

void TestProfileCli::deleteAsksAtATerminal()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, profilesLeft);
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("ask me"),
                         QStringLiteral("--aem"), m_sim->aemUrl().toString()}),
                    0);
    const auto r =
        run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("ask me")}, answer, true);
    QFETCH(int, exitCode);
    BP_COMPARE_EXIT(r, exitCode);
    QVERIFY2(r.err.contains("[y/N]"), r.err.constData());
    QCOMPARE(profileCount(), profilesLeft);
    if (profilesLeft)
        QVERIFY(r.err.contains("Nothing was deleted"));
}

void TestProfileCli::unknownProfile()
{
    BP_COMPARE_EXIT(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("known"),
                         QStringLiteral("--aem"), m_sim->aemUrl().toString()}),
                    0);
    const int requestsBefore = m_sim->requestCount();
    const auto r = run({QStringLiteral("detect"), QStringLiteral("--profile"), QStringLiteral("nope")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("no profile named"));
    QVERIFY2(r.err.contains("Saved profiles: known"), r.err.constData());
    QCOMPARE(m_sim->requestCount(), requestsBefore); // AEM was not asked
}

void TestProfileCli::noKeychainMeansNothingSaved_data()
{
    QTest::addColumn<int>("status"); // SecretStatus
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no service") << int(SecretStatus::NoService) << "No keychain service";
    QTest::newRow("locked") << int(SecretStatus::Locked) << "locked";
}

void TestProfileCli::noKeychainMeansNothingSaved()
{
    QFETCH(int, status);
    QFETCH(QString, messagePart);
    m_sandbox->secrets.setAvailability(static_cast<SecretStatus>(status));
    const auto r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("no keychain"),
                        QStringLiteral("--aem"), m_sim->aemUrl().toString(), QStringLiteral("--user"),
                        QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                       m_canaries.first().toUtf8() + "\n");
    BP_COMPARE_EXIT(r, 1);
    QVERIFY2(r.err.contains(messagePart.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains("Nothing was saved"), r.err.constData());
    m_sandbox->secrets.setAvailability(SecretStatus::Ok);
    QCOMPARE(m_sandbox->secrets.entryCount(), 0);
    QCOMPARE(profileCount(), 0); // the settings file is written last, so it was not written either
    QVERIFY(!QFileInfo::exists(m_sandbox->profilesPath()));
}

void TestProfileCli::damagedProfilesFileIsSaid_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{oops");
    QTest::newRow("schema 1, profiles an object")
        << QByteArray(R"({"schemaVersion": 1, "profiles": {"acme": {"aemUrl": "http://127.0.0.1:4502"}}})");
    QTest::newRow("not an object") << QByteArray("[1, 2]");
}

void TestProfileCli::damagedProfilesFileIsSaid()
{
    QFETCH(QByteArray, content);
    QVERIFY(writeFile(m_sandbox->profilesPath(), content));
    const auto r = list();
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject j = json(r.out);
    QCOMPARE(j.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(j.value(QStringLiteral("exitCode")).toInt(), 1);
    QCOMPARE(errorId(r), QStringLiteral("profiles-damaged"));
    QCOMPARE(r.out.count('\n'), 1);
    // The original bytes are kept next to it, under a new name.
    const QStringList kept =
        QDir(m_sandbox->home.path()).entryList({QStringLiteral("profiles.json.damaged-*")}, QDir::Files);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(readFile(m_sandbox->home.filePath(kept.first())), content);
    QVERIFY2(r.err.contains(kept.first().toUtf8()), r.err.constData());
    // From now on the store is empty and usable.
    QCOMPARE(profileCount(), 0);
}

void TestProfileCli::unreadableProfilesFileIsSaid()
{
#ifndef Q_OS_UNIX
    QSKIP("FIFOs are a Unix thing");
#else
    QVERIFY(makeFifo(m_sandbox->profilesPath()));
    for (const bool jsonOutput : {true, false}) {
        QStringList args{QStringLiteral("profile"), QStringLiteral("list")};
        if (jsonOutput)
            args << QStringLiteral("--json");
        const auto r = run(args);
        BP_COMPARE_EXIT(r, 1);
        if (jsonOutput) {
            const QJsonObject j = json(r.out);
            QCOMPARE(j.value(QStringLiteral("ok")).toBool(true), false);
            QCOMPARE(j.value(QStringLiteral("exitCode")).toInt(), 1);
            QCOMPARE(errorId(r), QStringLiteral("profiles-unreadable"));
        } else {
            QVERIFY2(!r.out.contains("No profiles saved yet"), r.out.constData());
        }
        QVERIFY2(r.err.contains("is not a regular file"), r.err.constData());
        // Neither replaced nor moved aside: it is not the tool's to touch.
        QVERIFY(isFifo(m_sandbox->profilesPath()));
        QCOMPARE(entriesIn(m_sandbox->home.path()), QStringList{QStringLiteral("profiles.json")});
    }
#endif
}

void TestProfileCli::unreadableProfilesFileIsNeverReplaced_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("stdinData");
    const QString aem = QStringLiteral("http://127.0.0.1:4502");
    QTest::newRow("save") << QStringList{QStringLiteral("save"),
                                         QStringLiteral("fresh"),
                                         QStringLiteral("--aem"),
                                         aem,
                                         QStringLiteral("--user"),
                                         QStringLiteral("admin"),
                                         QStringLiteral("--password-stdin"),
                                         QStringLiteral("--json")}
                          << QByteArray("Fifo-Password-1\n");
    QTest::newRow("save with credentials")
        << QStringList{QStringLiteral("save"),          QStringLiteral("fresh"),
                       QStringLiteral("--aem"),         aem,
                       QStringLiteral("--credentials"), QStringLiteral("%DIR%/oauth-s2s-project.json"),
                       QStringLiteral("--json")}
        << QByteArray();
    QTest::newRow("delete") << QStringList{QStringLiteral("delete"), QStringLiteral("old"),
                                           QStringLiteral("--yes"), QStringLiteral("--json")}
                            << QByteArray();
    // rename has no --json.
    QTest::newRow("rename") << QStringList{QStringLiteral("rename"), QStringLiteral("old"),
                                           QStringLiteral("new")}
                            << QByteArray();
}

void TestProfileCli::unreadableProfilesFileIsNeverReplaced()
{
#ifndef Q_OS_UNIX
    QSKIP("FIFOs are a Unix thing");
#else
    QFETCH(QStringList, args);
    QFETCH(QByteArray, stdinData);
    m_canaries << QStringLiteral("Fifo-Password-1");
    // What the keychain holds for a profile "old" that the unreadable file may list.
    QVERIFY(storeSecret(QStringLiteral("old"), SecretKind::AemPassword, "Old-Password-2"));
    m_canaries << QStringLiteral("Old-Password-2");
    QVERIFY(makeFifo(m_sandbox->profilesPath()));
    args.replaceInStrings(QStringLiteral("%DIR%"), m_dir.path());
    const auto r = run(QStringList{QStringLiteral("profile")} + args, stdinData);
    QVERIFY2(r.exitCode != 0, r.describe().constData());
    if (args.contains(QStringLiteral("--json"))) {
        QCOMPARE(json(r.out).value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(errorId(r), QStringLiteral("profiles-unreadable"));
    }
    QVERIFY2(r.err.contains("is not a regular file"), r.err.constData());
    // The FIFO is still there, alone: not replaced, not moved aside.
    QVERIFY(isFifo(m_sandbox->profilesPath()));
    QCOMPARE(entriesIn(m_sandbox->home.path()), QStringList{QStringLiteral("profiles.json")});
    // The keychain is as it was: nothing written, nothing removed.
    QCOMPARE(m_sandbox->secrets.keys(), QStringList{QStringLiteral("old/aemPassword")});
#endif
}

void TestProfileCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString aem = QStringLiteral("http://127.0.0.1:4502");
    const QList<QPair<const char *, QStringList>> commands{
        {"list", {QStringLiteral("list")}},
        {"show", {QStringLiteral("show"), QStringLiteral("p")}},
        {"save", {QStringLiteral("save"), QStringLiteral("p"), QStringLiteral("--aem"), aem}},
        {"rename", {QStringLiteral("rename"), QStringLiteral("p"), QStringLiteral("q")}},
        {"delete", {QStringLiteral("delete"), QStringLiteral("p"), QStringLiteral("--yes")}},
    };
    for (const auto &c : commands) {
        QTest::addRow("%s, unknown option", c.first)
            << c.second + QStringList{QStringLiteral("--bogus")} << "bogus";
        QTest::addRow("%s, extra argument", c.first)
            << c.second + QStringList{QStringLiteral("surplus")} << "Unexpected argument \"surplus\"";
    }
}

void TestProfileCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    // A profile "p" exists, so only the arguments can be what is wrong.
    BP_COMPARE_EXIT(
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("p"), QStringLiteral("--aem"),
             QStringLiteral("http://127.0.0.1:4502"), QStringLiteral("--user"), QStringLiteral("admin"),
             QStringLiteral("--password-stdin")},
            "P-Password-3\n"),
        0);
    m_canaries << QStringLiteral("P-Password-3");
    const QByteArray before = readFile(m_sandbox->profilesPath());
    const QStringList keysBefore = m_sandbox->secrets.keys();
    const auto r = run(QStringList{QStringLiteral("profile")} + args);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    // Nothing changed.
    QCOMPARE(readFile(m_sandbox->profilesPath()), before);
    QCOMPARE(m_sandbox->secrets.keys(), keysBefore);
}

void TestProfileCli::canaryAppearsNowhere()
{
    // cleanup() checked each test's runs; here every run once more (the canary list grew), the log, and no
    // file any test left behind: profiles folders, config, data, cache homes.
    for (const auto &r : std::as_const(m_runs)) {
        const char *where = test::secretLeak(r, m_canaries);
        QVERIFY2(!where, qPrintable(QStringLiteral("a secret reached %1").arg(QLatin1String(where))));
    }
    QVERIFY2(!m_runs.isEmpty(), "run the whole suite: this checks what the other tests printed and wrote");
    const QByteArray logged = m_log->text();
    for (const QString &c : std::as_const(m_canaries))
        QVERIFY2(!logged.contains(c.toUtf8()), "a secret reached the log");
    QStringList roots{m_homes.path()};
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        if (!qEnvironmentVariableIsEmpty(var))
            roots << qEnvironmentVariable(var);
    }
    int scanned = 0;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            ++scanned;
            for (const QString &c : std::as_const(m_canaries))
                QVERIFY2(!data.contains(c.toUtf8()), qPrintable(f.fileName()));
        }
    }
    QVERIFY2(scanned > 0, "the profiles files should exist and be scanned");
}

QTEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profile_cli.moc"
