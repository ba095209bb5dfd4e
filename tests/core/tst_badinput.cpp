// SPDX-License-Identifier: Apache-2.0
// Every bad input from the skeleton issue gets a clear message and exit 2 or 3, never a crash or a hang.
// Runs the real bpsetup executable against the simulator (in this process) on loopback.
#include "TestProxy.h"
#include "TestSupport.h"

#include "net/CertificateInfo.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

QStringList detectArgs(const QString &url, const QStringList &extra = {})
{
    return QStringList{QStringLiteral("detect"), QStringLiteral("--aem"), url,
                       QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password-stdin"),
                       QStringLiteral("--json")} +
           extra;
}

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private slots:
    void urlMistakes_data();
    void urlMistakes();
    void serverProblems_data();
    void serverProblems();
    void nothingListening();
    void wrongPortIsAnotherServer();
    void explicitProxyIsUsed();
    void unreachableProxy();
    void wrongPassword();
    void noPasswordIsUsageError();
    void passwordFromEnvironment();
    void httpToHttpsPort();
    void httpsToHttpPort();
    void selfSignedCertificateIsShownNotTrusted();
    void pinnedFingerprintIsTrusted();
    void wrongPinIsRefused();
    void extraCaFileIsTrusted();
    void unreadableCaFileIsUsageError();
    void unsupportedVersionExit4();
    void neverPrintsThePassword();
};

void TestBadInput::urlMistakes_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no scheme") << "localhost:4502"
                               << "no scheme";
    QTest::newRow("with path") << "http://localhost:4502/aem/start.html"
                               << "without a path";
    QTest::newRow("ftp") << "ftp://localhost"
                         << "https://";
    QTest::newRow("garbage") << "http://"
                             << "host";
}

void TestBadInput::urlMistakes()
{
    QFETCH(QString, url);
    QFETCH(QString, messagePart);
    const auto r = test::runBpsetup(detectArgs(url), "admin\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(messagePart), r.err.constData());
    const QJsonObject json = lastJson(r.out);
    QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid-input"));
}

void TestBadInput::serverProblems_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not AEM") << "not-aem"
                             << "not-aem"
                             << "not like an AEM author";
    QTest::newRow("login page instead of JSON") << "sso-redirect"
                                                << "auth"
                                                << "login page";
    QTest::newRow("huge body") << "oversize"
                               << "too-large"
                               << "larger than";
    QTest::newRow("never answers") << "hang"
                                   << "timeout"
                                   << "did not answer";
}

void TestBadInput::serverProblems()
{
    QFETCH(QString, fault);
    sim::SimulatorOptions o;
    o.faults << sim::Simulator::parseFault(fault).value();
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const auto r = test::runBpsetup(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--timeout"), QStringLiteral("2")}),
        "admin\n");
    QVERIFY(!r.timedOut);
    BP_COMPARE_EXIT(r, 3);
    QFETCH(QString, messagePart);
    QVERIFY2(QString::fromUtf8(r.err).contains(messagePart), r.err.constData());
    QTEST(lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
          "code");
}

void TestBadInput::nothingListening()
{
    const quint16 port = test::unusedLoopbackPort();
    const auto r = test::runBpsetup(detectArgs(QStringLiteral("http://127.0.0.1:%1").arg(port)), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("Nothing accepted the connection"), r.err.constData());
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("network"));
}

void TestBadInput::wrongPortIsAnotherServer()
{
    // The simulator's IMS port: a live HTTP server, but not AEM.
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    const auto r = test::runBpsetup(detectArgs(simulator->imsUrl().toString()), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("not like an AEM author"), r.err.constData());
}

void TestBadInput::explicitProxyIsUsed()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    test::TestProxy proxy;
    QVERIFY(proxy.listen());
    const auto r = test::runBpsetup(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--proxy"), proxy.url().toString()}),
        "admin\n");
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(proxy.requestCount(), simulator->requestCount()); // every request went through the proxy
    QVERIFY(proxy.requestCount() >= 8);
}

void TestBadInput::unreachableProxy()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    const QString proxy = QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort());
    const auto r = test::runBpsetup(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--proxy"), proxy}), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("proxy"), r.err.constData());
    QCOMPARE(simulator->requestCount(), 0);
}

void TestBadInput::wrongPassword()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    const auto r = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), "not-the-password\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("rejected the login"), r.err.constData());
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("auth"));
}

void TestBadInput::noPasswordIsUsageError()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("BPSETUP_AEM_PASSWORD"));
    const auto r = test::runBpsetup({QStringLiteral("detect"), QStringLiteral("--aem"),
                                     QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--user"),
                                     QStringLiteral("admin")},
                                    QByteArray(), env);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("--password-stdin"));
}

void TestBadInput::passwordFromEnvironment()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BPSETUP_AEM_PASSWORD"), QStringLiteral("admin"));
    const auto r =
        test::runBpsetup({QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                          QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--json")},
                         QByteArray(), env);
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("route")).toString(),
             QStringLiteral("create-configuration"));
}

void TestBadInput::httpToHttpsPort()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    QUrl url = simulator->aemUrl();
    url.setScheme(QStringLiteral("http"));
    const auto r = test::runBpsetup(
        detectArgs(url.toString(), {QStringLiteral("--timeout"), QStringLiteral("5")}), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("https://"), r.err.constData());
}

void TestBadInput::httpsToHttpPort()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    QUrl url = simulator->aemUrl();
    url.setScheme(QStringLiteral("https"));
    const auto r = test::runBpsetup(
        detectArgs(url.toString(), {QStringLiteral("--timeout"), QStringLiteral("5")}), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("http://"), r.err.constData());
}

void TestBadInput::selfSignedCertificateIsShownNotTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const auto r = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    const QString fingerprint = CertificateInfo::fingerprintSha256(simulator->certificate());
    QVERIFY2(r.err.contains(fingerprint.toLatin1()), r.err.constData()); // shown, with the option to trust it
    QVERIFY(r.err.contains("--trust-fingerprint"));
    const QJsonObject error = lastJson(r.out).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("tls"));
    QCOMPARE(error.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("sha256")).toString(),
             fingerprint);
    QVERIFY(
        error.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("selfSigned")).toBool());
}

void TestBadInput::pinnedFingerprintIsTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    // A fixed port (the pin is per host:port) that parallel tests may grab first: try a few.
    std::unique_ptr<sim::Simulator> simulator;
    for (int attempt = 0; attempt < 10 && !simulator; ++attempt) {
        o.port = test::unusedLoopbackPort();
        simulator = std::make_unique<sim::Simulator>(o);
        if (!simulator->start())
            simulator.reset();
    }
    QVERIFY(simulator);
    const QString fingerprint =
        CertificateInfo::displayFingerprint(CertificateInfo::fingerprintSha256(simulator->certificate()));
    auto r = test::runBpsetup(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--trust-fingerprint"), fingerprint}),
        "admin\n");
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("version")).toString(), QStringLiteral("6.5.22.0"));
    QVERIFY(r.err.contains("from now on"));

    // Pinned for that host afterwards: no flag needed on the next run.
    r = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), "admin\n");
    BP_COMPARE_EXIT(r, 0);

    // Same host and port, a different certificate: refused, and the user is told it changed.
    const QString url = simulator->aemUrl().toString();
    simulator.reset();
    auto replaced = test::startSimulator(o);
    QVERIFY(replaced);
    r = test::runBpsetup(detectArgs(url), "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("not the one trusted earlier"), r.err.constData());
}

void TestBadInput::wrongPinIsRefused()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const auto r =
        test::runBpsetup(detectArgs(simulator->aemUrl().toString(),
                                    {QStringLiteral("--trust-fingerprint"), QString(64, QLatin1Char('a'))}),
                         "admin\n");
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("tls"));
}

void TestBadInput::extraCaFileIsTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    QTemporaryDir dir;
    QFile ca(dir.filePath(QStringLiteral("ca.pem")));
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write(simulator->certificate().toPem());
    ca.close();
    const auto r = test::runBpsetup(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--ca-file"), ca.fileName()}), "admin\n");
    BP_COMPARE_EXIT(r, 0);
}

void TestBadInput::unreadableCaFileIsUsageError()
{
    const auto r =
        test::runBpsetup(detectArgs(QStringLiteral("https://127.0.0.1:1"),
                                    {QStringLiteral("--ca-file"), QStringLiteral("/nonexistent/ca.pem")}),
                         "admin\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("CA file"));
}

void TestBadInput::unsupportedVersionExit4()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.3.0");
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const auto r = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), "admin\n");
    BP_COMPARE_EXIT(r, 4);
    const QJsonObject json = lastJson(r.out);
    QCOMPARE(json.value(QStringLiteral("route")).toString(), QStringLiteral("unsupported"));
    QVERIFY(json.value(QStringLiteral("reason")).toString().contains(QLatin1String("6.5.4.0")));
}

void TestBadInput::neverPrintsThePassword()
{
    sim::SimulatorOptions o;
    const QString canary = QStringLiteral("Canary-%1-pw").arg(QDateTime::currentMSecsSinceEpoch());
    o.password = canary;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const auto ok = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), canary.toUtf8() + "\n");
    BP_COMPARE_EXIT(ok, 0);
    const auto bad = test::runBpsetup(detectArgs(simulator->aemUrl().toString()), canary.toUtf8() + "x\n");
    BP_COMPARE_EXIT(bad, 3);
    for (const auto *r : {&ok, &bad}) {
        QVERIFY(!r->out.contains(canary.toUtf8()));
        QVERIFY(!r->err.contains(canary.toUtf8()));
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
