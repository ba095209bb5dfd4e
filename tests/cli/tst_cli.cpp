// SPDX-License-Identifier: Apache-2.0
// The headless face, end to end through the real executable.
#include "TestSupport.h"

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

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void helpAndVersion();
    void commandHelp_data();
    void commandHelp();
    void unknownCommandIsUsageError();
    void wizardWithoutDisplayExplains();
    void unknownOptionIsUsageError();
    void detectHumanOutput();
    void detectJsonKeys();
    void detectManualVersion();
    void detectCloudWithToken();
    void recipeOverride();
    void simulateServesUntilSignal_data();
    void simulateServesUntilSignal();
    void simulateRejectsBadOptions_data();
    void simulateRejectsBadOptions();
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
    const auto r = test::runBpsetup({command, QStringLiteral("--help")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY2(r.out.contains(mentions.toUtf8()), r.out.constData());
    QVERIFY(r.out.contains(QStringLiteral("bpsetup %1").arg(command).toUtf8()));
}

void TestCli::unknownCommandIsUsageError()
{
    const auto r = test::runBpsetup({QStringLiteral("frobnicate")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("unknown command"));
}

void TestCli::wizardWithoutDisplayExplains()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    const auto r = test::runBpsetup({QStringLiteral("--demo")}, QByteArray(), env);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("no display"));
}

void TestCli::unknownOptionIsUsageError()
{
    const auto r = test::runBpsetup({QStringLiteral("detect"), QStringLiteral("--frobnicate")});
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
    const auto r = test::runBpsetup({QStringLiteral("detect"), QStringLiteral("--aem"),
                                     simulator->aemUrl().toString(), QStringLiteral("--user"),
                                     QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                                    "admin\n");
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
    const auto r =
        test::runBpsetup({QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                          QStringLiteral("--user"), QStringLiteral("admin"),
                          QStringLiteral("--password-stdin"), QStringLiteral("--json")},
                         "admin\n");
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
    const QStringList base{QStringLiteral("detect"),       QStringLiteral("--aem"),
                           simulator->aemUrl().toString(), QStringLiteral("--user"),
                           QStringLiteral("admin"),        QStringLiteral("--password-stdin"),
                           QStringLiteral("--json")};
    auto r = test::runBpsetup(base, "admin\n");
    BP_COMPARE_EXIT(r, 4);
    QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("unknown"));
    QVERIFY(json.value(QStringLiteral("version")).isNull());
    r = test::runBpsetup(base + QStringList{QStringLiteral("--aem-version"), QStringLiteral("6.5.22.0")},
                         "admin\n");
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
    auto r = test::runBpsetup(args, "local-dev-token-for-tests\n");
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("deployment")).toString(), QStringLiteral("cloud"));
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("activate-brand-portal"));
    QVERIFY(!r.out.contains("local-dev-token-for-tests"));
    r = test::runBpsetup(args, "wrong-token\n");
    BP_COMPARE_EXIT(r, 3);
    r = test::runBpsetup(args, QByteArray());
    BP_COMPARE_EXIT(r, 2); // --token-stdin with nothing on stdin
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
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("recipe.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(recipe).toJson());
    file.close();
    const QStringList base{QStringLiteral("detect"),       QStringLiteral("--aem"),
                           simulator->aemUrl().toString(), QStringLiteral("--user"),
                           QStringLiteral("admin"),        QStringLiteral("--password-stdin"),
                           QStringLiteral("--json"),       QStringLiteral("--recipe")};
    auto r = test::runBpsetup(base + QStringList{path}, "admin\n");
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
    r = test::runBpsetup(base + QStringList{path}, "admin\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("recipe"));
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
    const auto r = test::runBpsetup(QStringList{QStringLiteral("simulate")} + args);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
