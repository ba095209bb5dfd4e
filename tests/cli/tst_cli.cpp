// SPDX-License-Identifier: Apache-2.0
// The headless face. Commands run in this process (test::runCli) with a memory keychain, temporary profiles
// and trust-store files and a manual clock; only what needs the real executable (its --help and --version,
// the wizard without a display, a signal ending `simulate`) starts it.
#include "CliSandbox.h"
#include "ManualClock.h"
#include "TestHttpServer.h"
#include "TestSupport.h"

#include "secrets/MemorySecretStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace bp;

namespace {

// What one in-process run sees of the outside world: a memory keychain, profiles and trusted certificates in
// a temporary folder, and a clock that moves only when the test says so.
using Sandbox = test::CliSandbox;

QStringList detectArgs(const QUrl &url, const QStringList &extra = {})
{
    return QStringList{QStringLiteral("detect"), QStringLiteral("--aem"),
                       url.toString(),           QStringLiteral("--user"),
                       QStringLiteral("admin"),  QStringLiteral("--password-stdin")} +
           extra;
}

// Control bytes that would act on a terminal: C0 controls except newline and tab, DEL, and C1 (as UTF-8).
bool hasRawControl(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return true;
        if (c == 0xc2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes.at(i + 1)) >= 0x80 &&
            static_cast<unsigned char>(bytes.at(i + 1)) <= 0x9f)
            return true;
    }
    return false;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    // End to end: the real executable.
    void helpAndVersion();
    void wizardWithoutDisplayExplains();
    void simulateServesUntilSignal_data();
    void simulateServesUntilSignal();
    // In process.
    void commandHelp_data();
    void commandHelp();
    void unknownCommandIsUsageError();
    void jsonUsageErrorIsOneObject_data();
    void jsonUsageErrorIsOneObject();
    void unknownOptionIsUsageError();
    void detectHumanOutput();
    void detectJsonKeys();
    void detectManualVersion();
    void detectCloudWithToken();
    void recipeOverride();
    void simulateRejectsBadOptions_data();
    void simulateRejectsBadOptions();
    void controlCharactersNeverReachTheTerminal_data();
    void controlCharactersNeverReachTheTerminal();
    void serverTextIsEscapedInHumanOutput();
};

void TestCli::helpAndVersion()
{
    auto r = test::runBpsetup({QStringLiteral("--help")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(r.out.contains("detect"));
    QVERIFY(r.out.contains("simulate"));
    QVERIFY(r.out.contains("Exit codes"));
    r = test::runBpsetup({QStringLiteral("--version")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(r.out.startsWith("bpsetup "));
}

void TestCli::wizardWithoutDisplayExplains()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    const auto r = test::runBpsetup({QStringLiteral("--demo")}, QByteArray(), env);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("no display"));
    // The demo options open the wizard too (not an unknown command).
    const auto failStep = test::runBpsetup(
        {QStringLiteral("--demo-fail-step"), QStringLiteral("cloud-config"), QStringLiteral("--demo")},
        QByteArray(), env);
    BP_COMPARE_EXIT(failStep, 2);
    QVERIFY(failStep.err.contains("no display"));
}

void TestCli::simulateServesUntilSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestCli::simulateServesUntilSignal()
{
    QFETCH(int, signalNumber);
    QProcess process;
    process.start(qEnvironmentVariable("BPSETUP_EXE"),
                  {QStringLiteral("simulate"), QStringLiteral("--json"), QStringLiteral("--aem-version"),
                   QStringLiteral("6.6.3"), QStringLiteral("--state"), QStringLiteral("oauth-s2s")});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QJsonObject info = QJsonDocument::fromJson(process.readLine()).object();
    for (const char *key : {"aemUrl", "imsUrl", "user", "password"})
        QVERIFY2(info.contains(QLatin1String(key)), key);
    QCOMPARE(info.value(QStringLiteral("user")).toString(), QStringLiteral("admin"));
    const QUrl aem(info.value(QStringLiteral("aemUrl")).toString());
    QCOMPARE(aem.host(), QStringLiteral("127.0.0.1"));

    // It really serves: the product info page answers with the chosen version.
    QNetworkAccessManager nam;
    QNetworkRequest request(aem.resolved(QUrl(QStringLiteral("/system/console/productinfo"))));
    request.setRawHeader("Authorization", "Basic " + QByteArray("admin:admin").toBase64());
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("Adobe Experience Manager (6.6.3)"));
    reply->deleteLater();

    ::kill(static_cast<pid_t>(process.processId()), signalNumber);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestCli::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("detect") << "detect"
                            << "--password-stdin";
    QTest::newRow("simulate") << "simulate"
                              << "--aem-version";
}

void TestCli::commandHelp()
{
    QFETCH(QString, command);
    QFETCH(QString, mentions);
    Sandbox box;
    const auto r = box.run({command, QStringLiteral("--help")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY2(r.out.contains(mentions.toUtf8()), r.out.constData());
    // The usage line names the command, however the program was started (here: the test runner's argv[0]).
    QVERIFY2(r.out.startsWith(QStringLiteral("Usage: bpsetup %1 ").arg(command).toUtf8()),
             r.out.left(200).constData());
}

void TestCli::unknownCommandIsUsageError()
{
    Sandbox box;
    const auto r = box.run({QStringLiteral("frobnicate")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(r.err.contains("Unknown command \"frobnicate\""), r.err.constData());
    QVERIFY2(r.err.contains("What to do: Run bpsetup --help"), r.err.constData());
    QVERIFY(r.out.isEmpty()); // without --json nothing on stdout
}

void TestCli::jsonUsageErrorIsOneObject_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("bogus"), QStringLiteral("--json")};
    QTest::newRow("no command") << QStringList{QStringLiteral("--json")};
}

void TestCli::jsonUsageErrorIsOneObject()
{
    QFETCH(QStringList, args);
    Sandbox box;
    const auto r = box.run(args);
    BP_COMPARE_EXIT(r, 2);
    // Exactly one JSON object on stdout, nothing else (the tool help is not printed there).
    QCOMPARE(r.out.count('\n'), 1);
    QVERIFY(r.out.endsWith('\n'));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY(doc.isObject());
    const QJsonObject json = doc.object();
    QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(json.value(QStringLiteral("exitCode")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("unknown-command"));
}

void TestCli::unknownOptionIsUsageError()
{
    Sandbox box;
    const auto r = box.run({QStringLiteral("detect"), QStringLiteral("--frobnicate")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("frobnicate"));
}

void TestCli::detectHumanOutput()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.17.0");
    o.state = sim::SimState::LegacyGateway;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl()), "admin\n");
    BP_COMPARE_EXIT(r, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QLatin1String("6.5.17.0")), r.out.constData());
    QVERIFY(out.contains(QLatin1String("legacy-gateway")));
    QVERIFY(out.contains(QLatin1String("upgrade-configuration")));
    QVERIFY(
        out.contains(QLatin1String("ims-jwt-compatibility-package-6.5-1.0.zip"))); // SP17 needs the hotfix
    QVERIFY(r.err.contains("[1/")); // progress goes to stderr, never stdout
    QVERIFY(!out.contains(QLatin1String("[1/")));
}

void TestCli::detectJsonKeys()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.6.3");
    o.state = sim::SimState::OAuthS2S;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl(), {QStringLiteral("--json")}), "admin\n");
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(r.out.count('\n'), 1); // exactly one JSON object on stdout
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    for (const char *key : {"deployment", "version", "oauthSupported", "state", "tenant", "route", "reason"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("deployment")).toString(), QStringLiteral("6.5-lts"));
    QCOMPARE(json.value(QStringLiteral("version")).toString(), QStringLiteral("6.6.3"));
    QCOMPARE(json.value(QStringLiteral("oauthSupported")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("oauth-s2s"));
    QCOMPARE(json.value(QStringLiteral("tenant")).toString(), QStringLiteral("bpdemo"));
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("upgrade-configuration"));
}

void TestCli::detectManualVersion()
{
    sim::SimulatorOptions o;
    o.blockedPrefixes = {QStringLiteral("/system/console"), QStringLiteral("/mnt/overlay"),
                         QStringLiteral("/crx/packmgr")};
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const QStringList base = detectArgs(simulator->aemUrl(), {QStringLiteral("--json")});
    Sandbox box;
    auto r = box.run(base, "admin\n");
    BP_COMPARE_EXIT(r, 4);
    QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("unknown"));
    QVERIFY(json.value(QStringLiteral("version")).isNull());
    r = box.run(base + QStringList{QStringLiteral("--aem-version"), QStringLiteral("6.5.22.0")}, "admin\n");
    BP_COMPARE_EXIT(r, 0);
    json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("create-configuration"));
    QCOMPARE(json.value(QStringLiteral("versionChosenManually")).toBool(), true);
}

void TestCli::detectCloudWithToken()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("cloud");
    o.password = QStringLiteral("local-dev-token-for-tests");
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const QStringList args{QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                           QStringLiteral("--token-stdin"), QStringLiteral("--json")};
    Sandbox box;
    auto r = box.run(args, "local-dev-token-for-tests\n");
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("deployment")).toString(), QStringLiteral("cloud"));
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("activate-brand-portal"));
    QVERIFY(!r.out.contains("local-dev-token-for-tests"));
    QVERIFY(!r.err.contains("local-dev-token-for-tests"));
    r = box.run(args, "wrong-token\n");
    BP_COMPARE_EXIT(r, 3);
    const int requestsBefore = simulator->requestCount();
    r = box.run(args, QByteArray());
    BP_COMPARE_EXIT(r, 2); // --token-stdin with nothing on stdin
    QCOMPARE(simulator->requestCount(), requestsBefore);
}

void TestCli::recipeOverride()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    QFile builtIn(QStringLiteral(":/recipes/detect.json"));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QJsonObject recipe = QJsonDocument::fromJson(builtIn.readAll()).object();
    // Support staff point the productinfo source somewhere else: detection follows the file, not the code.
    QJsonArray sources = recipe.value(QStringLiteral("versionSources")).toArray();
    QJsonObject first = sources.at(0).toObject();
    first.insert(QStringLiteral("path"), QStringLiteral("/system/console/moved-productinfo"));
    sources.replace(0, first);
    recipe.insert(QStringLiteral("versionSources"), sources);
    Sandbox box;
    const QString path = box.home.filePath(QStringLiteral("recipe.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(recipe).toJson());
    file.close();
    const QStringList base =
        detectArgs(simulator->aemUrl(), {QStringLiteral("--json"), QStringLiteral("--recipe")});
    auto r = box.run(base + QStringList{path}, "admin\n");
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    const QJsonObject source = json.value(QStringLiteral("versionSources")).toArray().at(0).toObject();
    QCOMPARE(source.value(QStringLiteral("path")).toString(),
             QStringLiteral("/system/console/moved-productinfo"));
    QCOMPARE(source.value(QStringLiteral("readable")).toBool(), false);
    QCOMPARE(json.value(QStringLiteral("version")).toString(),
             QStringLiteral("6.5.22.0")); // the other sources

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"versionSources\": []}");
    file.close();
    const int requestsBefore = simulator->requestCount();
    r = box.run(base + QStringList{path}, "admin\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("recipe"));
    QCOMPARE(simulator->requestCount(), requestsBefore); // refused before anything was read
}

void TestCli::simulateRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("bad version") << QStringList{QStringLiteral("--aem-version"), QStringLiteral("seven")};
    QTest::newRow("bad state") << QStringList{QStringLiteral("--state"), QStringLiteral("sleepy")};
    QTest::newRow("bad fault") << QStringList{QStringLiteral("--fault"), QStringLiteral("explode")};
    QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("99999")};
    QTest::newRow("bad latency") << QStringList{QStringLiteral("--latency"), QStringLiteral("-5")};
}

void TestCli::simulateRejectsBadOptions()
{
    QFETCH(QStringList, args);
    Sandbox box;
    const auto r = box.run(QStringList{QStringLiteral("simulate")} + args);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty()); // it never got as far as serving
}

void TestCli::controlCharactersNeverReachTheTerminal_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("human") << false;
    QTest::newRow("json") << true;
}

void TestCli::controlCharactersNeverReachTheTerminal()
{
    QFETCH(bool, json);
    // A name pasted from somewhere else, with a "clear screen" escape and a NUL in it (an argument cannot
    // carry a NUL into a real process; in process it can, as a name read from a file could).
    const QString name = QStringLiteral("prod\x1b[2J") + QChar(0) + QStringLiteral("x");
    Sandbox box;
    QStringList args{QStringLiteral("profile"), QStringLiteral("show"), name};
    if (json)
        args << QStringLiteral("--json");
    const auto r = box.run(args);
    QVERIFY2(r.exitCode == 1 || r.exitCode == 2, r.describe().constData()); // no such profile
    QVERIFY2(!hasRawControl(r.err), r.err.toHex(' ').constData());
    QVERIFY2(!hasRawControl(r.out), r.out.toHex(' ').constData());
    QVERIFY(!r.err.contains('\x1b'));
    QVERIFY(!r.err.contains('\0'));
    // Still visible, so the user sees what was odd about the name.
    QVERIFY2(r.err.contains("\\x1b[2J"), r.err.constData());
    QVERIFY2(r.err.contains("\\0"), r.err.constData());
    if (json) {
        const QJsonObject object = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(object.value(QStringLiteral("ok")).toBool(true), false);
        // JSON carries the text exactly, escaped the JSON way.
        QVERIFY2(object.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .contains(name),
                 r.out.constData());
    }
}

void TestCli::serverTextIsEscapedInHumanOutput()
{
    // An AEM-like answer whose version text carries a terminal escape: detect quotes the text it could not
    // read as a version, and the quote must not act on the terminal.
    test::TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(
        [](const test::TestHttpServer::Request &request, test::TestHttpServer::Responder &response) {
            if (request.target.startsWith("/system/console/productinfo"))
                response.send(200, "text/html",
                              "<html><body>Installed Products<br>Adobe Experience Manager (6.5.\x1b[2J22.0)"
                              "</body></html>");
            else
                response.send(404, "text/html", "<html>Not found</html>");
        });
    Sandbox box;
    const auto r = box.run(detectArgs(server.url()), "admin\n");
    QVERIFY(server.requestCount() > 0);
    QVERIFY2(r.exitCode == 3 || r.exitCode == 4, r.describe().constData());
    QVERIFY2(r.out.contains("6.5.\\x1b[2J22.0"), r.out.constData()); // shown, visibly escaped
    QVERIFY2(!hasRawControl(r.out), r.out.toHex(' ').constData());
    QVERIFY2(!hasRawControl(r.err), r.err.toHex(' ').constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
