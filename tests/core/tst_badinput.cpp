// SPDX-License-Identifier: Apache-2.0
// Every bad input from the skeleton issue gets a clear message and exit 2 or 3, never a crash or a hang.
// Runs `bpsetup detect` in this process (test::runCli) against the simulator or a TestHttpServer on loopback,
// with a memory keychain, temporary profiles and trust-store files and a manual clock: timeouts happen when
// the test moves the clock on, never by waiting.
#include "CliSandbox.h"
#include "ManualClock.h"
#include "TestHttpServer.h"
#include "TestProxy.h"
#include "TestSupport.h"

#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "net/TrustStore.h"
#include "secrets/MemorySecretStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

#include <sys/stat.h>

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

QJsonObject errorOf(const test::ProcessResult &r)
{
    return lastJson(r.out).value(QStringLiteral("error")).toObject();
}

QString errorId(const test::ProcessResult &r)
{
    return errorOf(r).value(QStringLiteral("id")).toString();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// The shared sandbox (memory keychain, temporary files, manual clock), with a password on stdin by default
// and a way to move the clock on from the event loop of the command that is running (it blocks in runCli).
struct Sandbox : test::CliSandbox
{
    test::ProcessResult run(const QStringList &args, const QByteArray &stdinData = "admin\n")
    {
        return test::CliSandbox::run(args, stdinData);
    }
    // Bound to this sandbox: a call still queued when the test ends never runs.
    void advanceSoon(qint64 ms)
    {
        QTimer::singleShot(0, &m_alive, [this, ms] { clock.advance(ms); });
    }

private:
    QObject m_alive;
};

// For a simulator that never answers: each time it has received more requests, the manual clock moves on by
// stepMs, from the event loop the command runs in (the command blocks in runCli, so the test cannot move
// time itself). A timer tick on that loop, not a sleep: nothing waits for it.
class AdvanceOnRequests
{
public:
    AdvanceOnRequests(test::ManualClock &clock, std::function<int()> requestCount, qint64 stepMs)
    {
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this, &clock, requestCount, stepMs] {
            const int seen = requestCount();
            if (seen > m_handled) {
                m_handled = seen;
                clock.advance(stepMs);
            }
        });
        m_timer.start();
    }

private:
    QTimer m_timer;
    int m_handled = 0;
};

// Sets (or, with a null value, removes) an environment variable of this process for one scope: commands in
// process read BPSETUP_AEM_PASSWORD from here.
class EnvironmentVariable
{
public:
    EnvironmentVariable(const char *name, const QByteArray &value) : m_name(name), m_saved(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~EnvironmentVariable()
    {
        if (m_saved.isNull())
            qunsetenv(m_name);
        else
            qputenv(m_name, m_saved);
    }
    EnvironmentVariable(const EnvironmentVariable &) = delete;
    EnvironmentVariable &operator=(const EnvironmentVariable &) = delete;

private:
    const char *m_name;
    QByteArray m_saved;
};

// Same port, same host: pins are per host:port, so tests that restart a simulator need a fixed port that a
// parallel test may take first.
std::unique_ptr<sim::Simulator> startOnFreePort(sim::SimulatorOptions &o)
{
    for (int attempt = 0; attempt < 10; ++attempt) {
        o.port = test::unusedLoopbackPort();
        auto simulator = std::make_unique<sim::Simulator>(o);
        if (simulator->start())
            return simulator;
    }
    return nullptr;
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
    void serverThatNeverAnswersTimesOut();
    void hostileAnswers_data();
    void hostileAnswers();
    void endlessHeaderBlockStopsAtTheDeadline();
    void invalidTimeoutSendsNothing_data();
    void invalidTimeoutSendsNothing();
    void subSecondTimeoutIsNamed();
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
    void wrongPinIsRefusedAndNotSaved_data();
    void wrongPinIsRefusedAndNotSaved();
    void fingerprintForPlainHttpIsUsageError();
    void damagedTrustStoreIsMovedAside_data();
    void damagedTrustStoreIsMovedAside();
    void extraCaFileIsTrusted();
    void unreadableCaFileIsUsageError();
    void recipeThatIsNotAFile_data();
    void recipeThatIsNotAFile();
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
    Sandbox box;
    const auto r = box.run(detectArgs(url));
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
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not AEM") << "not-aem"
                             << "not-aem"
                             << "not-aem"
                             << "not like an AEM author";
    QTest::newRow("login page instead of JSON") << "sso-redirect"
                                                << "auth"
                                                << ""
                                                << "login page";
    QTest::newRow("huge body") << "oversize"
                               << "too-large"
                               << "too-large"
                               << "larger than";
}

void TestBadInput::serverProblems()
{
    QFETCH(QString, fault);
    QFETCH(QString, id);
    sim::SimulatorOptions o;
    o.faults << sim::Simulator::parseFault(fault).value();
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString()));
    BP_COMPARE_EXIT(r, 3);
    QFETCH(QString, messagePart);
    QVERIFY2(QString::fromUtf8(r.err).contains(messagePart), r.err.constData());
    QTEST(errorOf(r).value(QStringLiteral("code")).toString(), "code");
    if (!id.isEmpty())
        QCOMPARE(errorId(r), id);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("ok")).toBool(true), false);
}

void TestBadInput::serverThatNeverAnswersTimesOut()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::Hang;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const sim::Simulator *sim = simulator.get();
    AdvanceOnRequests advance(
        box.clock, [sim] { return sim->requestCount(); }, 2000);
    const auto r = box.run(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--timeout"), QStringLiteral("2")}));
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
    QCOMPARE(errorId(r), QStringLiteral("timeout"));
    // The deadline, not the transport: the message names the time waited.
    QVERIFY2(r.err.contains("within 2 seconds"), r.err.constData());
    QVERIFY(simulator->requestCount() > 0);
}

void TestBadInput::hostileAnswers_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("id");
    QTest::newRow("endless chunked body") << "endless-body"
                                          << "too-large";
    QTest::newRow("gzip bomb") << "gzip-bomb"
                               << "decompression-refused";
    QTest::newRow("header block over the cap, within Qt's limits") << "big-block"
                                                                   << "header-block-too-large";
    QTest::newRow("giant header block, many lines") << "giant-lines"
                                                    << "header-block-too-large";
    QTest::newRow("giant header block, one line") << "giant-line"
                                                  << "header-block-too-large";
}

// The same answer on every path, so whichever read comes first meets it.
void TestBadInput::hostileAnswers()
{
    QFETCH(QString, answer);
    QFETCH(QString, id);
    QByteArray canned;
    if (answer == QLatin1String("gzip-bomb")) {
        canned = test::TestHttpServer::gzipOfZeros(200ll * 1024 * 1024);
    } else if (answer == QLatin1String("big-block")) {
        // 100 KiB in 50 headers: Qt 6.4 keeps it (fewer than 100 fields, under 128 KiB), the client's cap
        // does not.
        canned = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        for (int i = 0; i < 50; ++i)
            canned += "X-Padding-" + QByteArray::number(i) + ": " + QByteArray(2000, 'h') + "\r\n";
        canned += "Content-Length: 2\r\n\r\n{}";
    } else if (answer == QLatin1String("giant-lines")) {
        canned = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        for (int i = 0; i < 512; ++i) // 256 KiB in 512 headers (the cap is 64 KiB)
            canned += "X-Padding-" + QByteArray::number(i) + ": " + QByteArray(490, 'h') + "\r\n";
        canned += "Content-Length: 2\r\n\r\n{}";
    } else if (answer == QLatin1String("giant-line")) {
        canned =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + QByteArray(256 * 1024, 'h') +
            "\r\nContent-Length: 2\r\n\r\n{}";
    }
    test::TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const test::TestHttpServer::Request &, test::TestHttpServer::Responder &response) {
        if (answer == QLatin1String("endless-body"))
            response.streamForever();
        else if (answer == QLatin1String("gzip-bomb"))
            response.send(200, "application/json", canned, {{"Content-Encoding", "gzip"}});
        else
            response.sendRaw(canned);
    });
    Sandbox box;
    const auto r = box.run(detectArgs(server.url().toString()));
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorId(r), id);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("ok")).toBool(true), false);
    QVERIFY(!r.out.contains("\"ok\":true"));
    QVERIFY(server.requestCount() > 0);
    // The client stopped reading: a bounded amount went out (for the endless body: the 8 MiB cap per
    // parallel read plus socket buffers), not everything the server would have sent.
    QVERIFY2(server.streamedBytes() < 100ll * 1024 * 1024, QByteArray::number(server.streamedBytes()));
}

// Qt 6.4 reads a response header block without a size limit (QHttpNetworkReplyPrivate::readHeader) and says
// nothing until the blank line that ends it, so header lines that never end cannot be told from a slow
// server: what stops them is the deadline, on the command's clock.
void TestBadInput::endlessHeaderBlockStopsAtTheDeadline()
{
    test::TestHttpServer server;
    QVERIFY(server.listen());
    Sandbox box;
    server.setHandler(
        [&box](const test::TestHttpServer::Request &, test::TestHttpServer::Responder &response) {
            response.streamHeadersForever();
            box.advanceSoon(5000);
        });
    const auto r =
        box.run(detectArgs(server.url().toString(), {QStringLiteral("--timeout"), QStringLiteral("5")}));
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorId(r), QStringLiteral("timeout"));
    QVERIFY2(r.err.contains("within 5 seconds"), r.err.constData());
    QVERIFY(server.requestCount() > 0);
    QVERIFY2(server.streamedBytes() < 100ll * 1024 * 1024, QByteArray::number(server.streamedBytes()));
}

void TestBadInput::invalidTimeoutSendsNothing_data()
{
    QTest::addColumn<QString>("value");
    for (const char *value : {"nan", "inf", "-inf", "-1", "0", "601", "1e308", "abc", ""})
        QTest::newRow(*value ? value : "empty") << QString::fromLatin1(value);
}

void TestBadInput::invalidTimeoutSendsNothing()
{
    QFETCH(QString, value);
    test::TestHttpServer server;
    QVERIFY(server.listen());
    Sandbox box;
    const auto r = box.run(detectArgs(server.url().toString(), {QStringLiteral("--timeout"), value}));
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(errorId(r), QStringLiteral("timeout-invalid"));
    QVERIFY2(r.err.contains("--timeout"), r.err.constData()); // the remedy names the option
    QCOMPARE(server.requestCount(), 0);
}

void TestBadInput::subSecondTimeoutIsNamed()
{
    test::TestHttpServer server;
    QVERIFY(server.listen());
    Sandbox box;
    server.setHandler(
        [&box](const test::TestHttpServer::Request &, test::TestHttpServer::Responder &response) {
            response.hold();
            box.advanceSoon(500);
        });
    const auto r =
        box.run(detectArgs(server.url().toString(), {QStringLiteral("--timeout"), QStringLiteral("0.5")}));
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorId(r), QStringLiteral("timeout"));
    const QString message = errorOf(r).value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("0.5 seconds")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String(" 0 seconds")), qPrintable(message));
    QVERIFY(r.err.contains("0.5 seconds"));
    QVERIFY(server.requestCount() > 0);
}

void TestBadInput::nothingListening()
{
    const quint16 port = test::unusedLoopbackPort();
    Sandbox box;
    const auto r = box.run(detectArgs(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("Nothing accepted the connection"), r.err.constData());
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("network"));
    // The remedy is AEM's (its usual port), never the one written for Adobe IMS.
    const QString remedy = errorOf(r).value(QStringLiteral("remedy")).toString();
    QVERIFY2(remedy.contains(QLatin1String("AEM")) && remedy.contains(QLatin1String("4502")),
             qPrintable(remedy));
    QVERIFY2(!remedy.contains(QLatin1String("IMS")), qPrintable(remedy));
    QVERIFY2(r.err.contains("What to do: ") && r.err.contains("4502"), r.err.constData());
}

void TestBadInput::wrongPortIsAnotherServer()
{
    // The simulator's IMS port: a live HTTP server, but not AEM.
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->imsUrl().toString()));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("not like an AEM author"), r.err.constData());
}

void TestBadInput::explicitProxyIsUsed()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    test::TestProxy proxy;
    QVERIFY(proxy.listen());
    Sandbox box;
    const auto r = box.run(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--proxy"), proxy.url().toString()}));
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(proxy.requestCount(), simulator->requestCount()); // every request went through the proxy
    QVERIFY(proxy.requestCount() >= 8);
}

void TestBadInput::unreachableProxy()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    const QString proxy = QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort());
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--proxy"), proxy}));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("proxy"), r.err.constData());
    QCOMPARE(simulator->requestCount(), 0);
}

void TestBadInput::wrongPassword()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString()), "not-the-password\n");
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("rejected the login"), r.err.constData());
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("auth"));
}

void TestBadInput::noPasswordIsUsageError()
{
    const EnvironmentVariable noPassword("BPSETUP_AEM_PASSWORD", QByteArray());
    Sandbox box;
    const auto r =
        box.run({QStringLiteral("detect"), QStringLiteral("--aem"), QStringLiteral("http://127.0.0.1:1"),
                 QStringLiteral("--user"), QStringLiteral("admin")},
                QByteArray());
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("--password-stdin"));
}

void TestBadInput::passwordFromEnvironment()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    const EnvironmentVariable password("BPSETUP_AEM_PASSWORD", "admin");
    Sandbox box;
    const auto r = box.run({QStringLiteral("detect"), QStringLiteral("--aem"), simulator->aemUrl().toString(),
                            QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--json")},
                           QByteArray());
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
    Sandbox box;
    const auto r = box.run(detectArgs(url.toString()));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("https://"), r.err.constData());
}

void TestBadInput::httpsToHttpPort()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    QUrl url = simulator->aemUrl();
    url.setScheme(QStringLiteral("https"));
    Sandbox box;
    const auto r = box.run(detectArgs(url.toString()));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("http://"), r.err.constData());
}

void TestBadInput::selfSignedCertificateIsShownNotTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString()));
    BP_COMPARE_EXIT(r, 3);
    const QString fingerprint = CertificateInfo::fingerprintSha256(simulator->certificate());
    const QString host = hostPortKey(simulator->aemUrl());
    // Shown in the one display form (lower-case, colons), with the host, the dates' zone and the exact
    // option.
    const QByteArray shown = CertificateInfo::displayFingerprint(fingerprint).toLatin1();
    const QByteArray fingerprintLine = "SHA-256  " + shown;
    const QByteArray presentedBy = "Certificate presented by " + host.toLatin1() + " (AEM)";
    QVERIFY2(r.err.contains(fingerprintLine), r.err.constData());
    QVERIFY2(r.err.contains(presentedBy), r.err.constData());
    QVERIFY2(r.err.contains(" UTC to "), r.err.constData());
    const QByteArray option = "--trust-fingerprint " + host.toLatin1() + '=' + shown;
    QVERIFY2(r.err.contains(option), r.err.constData());
    const QJsonObject error = errorOf(r);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("tls"));
    const QJsonObject certificate = error.value(QStringLiteral("certificate")).toObject();
    QCOMPARE(certificate.value(QStringLiteral("sha256")).toString(), fingerprint); // JSON: bare hex
    QCOMPARE(certificate.value(QStringLiteral("peer")).toString(), QStringLiteral("aem"));
    QCOMPARE(certificate.value(QStringLiteral("trustFingerprint")).toString(),
             QString::fromLatin1(option.mid(20)));
    QVERIFY(certificate.value(QStringLiteral("selfSigned")).toBool());
    QVERIFY(!QFile::exists(box.trustStorePath())); // shown, never trusted on its own

    // Doing what it says works, and pins exactly that host:port.
    const auto trusted = box.run(
        detectArgs(simulator->aemUrl().toString(), QString::fromLatin1(option).split(QLatin1Char(' '))));
    BP_COMPARE_EXIT(trusted, 0);
    TrustStore store(box.trustStorePath());
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(host), fingerprint);
}

void TestBadInput::pinnedFingerprintIsTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = startOnFreePort(o);
    QVERIFY(simulator);
    const QString sha256 = CertificateInfo::fingerprintSha256(simulator->certificate());
    const QString fingerprint = CertificateInfo::displayFingerprint(sha256);
    Sandbox box;
    auto r = box.run(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--trust-fingerprint"), fingerprint}));
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("version")).toString(), QStringLiteral("6.5.22.0"));
    QCOMPARE(lastJson(r.out).value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(r.err.contains("from now on"));
    // Saved in the trust store the run was given, for exactly this host and port.
    TrustStore store(box.trustStorePath());
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(QStringLiteral("127.0.0.1:%1").arg(o.port)), sha256.toLower());
    QCOMPARE(store.pins().size(), 1);

    // Pinned for that host afterwards: no flag needed on the next run.
    r = box.run(detectArgs(simulator->aemUrl().toString()));
    BP_COMPARE_EXIT(r, 0);

    // Same host and port, a different certificate: refused, and the user is told it changed.
    const QString url = simulator->aemUrl().toString();
    simulator.reset();
    auto replaced = test::startSimulator(o);
    QVERIFY(replaced);
    QVERIFY(CertificateInfo::fingerprintSha256(replaced->certificate()) != sha256);
    const QByteArray trusted = readAll(box.trustStorePath());
    r = box.run(detectArgs(url));
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("not the one trusted earlier"), r.err.constData());
    QCOMPARE(readAll(box.trustStorePath()), trusted); // the old pin stays until the user decides
}

void TestBadInput::wrongPinIsRefusedAndNotSaved_data()
{
    QTest::addColumn<QByteArray>("trustStoreBefore"); // empty: no trust store file yet
    QTest::newRow("no trust store") << QByteArray();
    QTest::newRow("trust store with another pin") << QByteArray(
        "{\"schemaVersion\": 1, \"pins\": {\"other.example.com:443\": \"" + QByteArray(64, 'b') + "\"}}\n");
}

void TestBadInput::wrongPinIsRefusedAndNotSaved()
{
    QFETCH(QByteArray, trustStoreBefore);
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    if (!trustStoreBefore.isEmpty())
        QVERIFY(writeFile(box.trustStorePath(), trustStoreBefore));
    const auto r = box.run(detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--trust-fingerprint"),
                                                                       QString(64, QLatin1Char('a'))}));
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("tls"));
    // The certificate that did answer is shown, so the user can compare.
    const QString fingerprint = CertificateInfo::fingerprintSha256(simulator->certificate());
    QVERIFY2(r.err.contains(CertificateInfo::displayFingerprint(fingerprint).toLatin1()), r.err.constData());
    QCOMPARE(
        errorOf(r).value(QStringLiteral("certificate")).toObject().value(QStringLiteral("sha256")).toString(),
        fingerprint);
    // A fingerprint that did not match is never remembered.
    if (trustStoreBefore.isEmpty())
        QVERIFY(!QFile::exists(box.trustStorePath()));
    else
        QCOMPARE(readAll(box.trustStorePath()), trustStoreBefore);
    QCOMPARE(QDir(box.home.path()).entryList(QDir::Files | QDir::Hidden).size(),
             trustStoreBefore.isEmpty() ? 0 : 1);
}

void TestBadInput::fingerprintForPlainHttpIsUsageError()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    Sandbox box;
    const QString fingerprint = QString(64, QLatin1Char('a'));
    const auto r = box.run(
        detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--trust-fingerprint"), fingerprint}));
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(errorId(r), QStringLiteral("fingerprint-plain-http"));
    QCOMPARE(simulator->requestCount(), 0);
    QVERIFY(!QFile::exists(box.trustStorePath()));
}

void TestBadInput::damagedTrustStoreIsMovedAside_data()
{
    QTest::addColumn<bool>("trustFingerprint");
    QTest::newRow("trusting a new certificate") << true;
    QTest::newRow("connecting without one") << false;
}

void TestBadInput::damagedTrustStoreIsMovedAside()
{
    QFETCH(bool, trustFingerprint);
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const QByteArray damaged = "{not json";
    QVERIFY(writeFile(box.trustStorePath(), damaged));
    const QString sha256 = CertificateInfo::fingerprintSha256(simulator->certificate());
    QStringList extra;
    if (trustFingerprint)
        extra << QStringLiteral("--trust-fingerprint") << sha256;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString(), extra));
    BP_COMPARE_EXIT(r, trustFingerprint ? 0 : 3);
    QVERIFY2(r.err.contains("damaged"), r.err.constData()); // the user is told
    // The damaged bytes are kept, exactly, next to the file; never written over in place.
    const QStringList aside =
        QDir(box.home.path()).entryList({QStringLiteral("trusted-certificates.json.damaged-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(readAll(box.home.filePath(aside.first())), damaged);
    if (trustFingerprint) {
        // A fresh store holds the new pin.
        TrustStore store(box.trustStorePath());
        QVERIFY(store.load().ok());
        QCOMPARE(store.pinFor(hostPortKey(simulator->aemUrl())), sha256);
    } else {
        QVERIFY(!QFile::exists(box.trustStorePath())); // nothing to save: no new file either
    }
}

void TestBadInput::extraCaFileIsTrusted()
{
    sim::SimulatorOptions o;
    o.tls = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const QString ca = box.home.filePath(QStringLiteral("ca.pem"));
    QVERIFY(writeFile(ca, simulator->certificate().toPem()));
    const auto r = box.run(detectArgs(simulator->aemUrl().toString(), {QStringLiteral("--ca-file"), ca}));
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(!QFile::exists(box.trustStorePath())); // a CA is not a pin
}

void TestBadInput::unreadableCaFileIsUsageError()
{
    Sandbox box;
    const auto r = box.run(detectArgs(QStringLiteral("https://127.0.0.1:1"),
                                      {QStringLiteral("--ca-file"), QStringLiteral("/nonexistent/ca.pem")}));
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("CA file"));
}

void TestBadInput::recipeThatIsNotAFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("FIFO without a writer") << "fifo";
    QTest::newRow("/dev/zero") << "device";
}

void TestBadInput::recipeThatIsNotAFile()
{
    QFETCH(QString, kind);
    test::TestHttpServer server;
    QVERIFY(server.listen());
    Sandbox box;
    QString path = QStringLiteral("/dev/zero");
    if (kind == QLatin1String("fifo")) {
        path = box.home.filePath(QStringLiteral("recipe.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    }
    // Opening a FIFO that nobody writes to blocks, and /dev/zero never ends: both must be refused unread.
    const auto r = box.run(detectArgs(server.url().toString(), {QStringLiteral("--recipe"), path}));
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(errorId(r), QStringLiteral("file-not-regular"));
    QCOMPARE(server.requestCount(), 0);
}

void TestBadInput::unsupportedVersionExit4()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.3.0");
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    Sandbox box;
    const auto r = box.run(detectArgs(simulator->aemUrl().toString()));
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
    Sandbox box;
    const auto ok = box.run(detectArgs(simulator->aemUrl().toString()), canary.toUtf8() + "\n");
    BP_COMPARE_EXIT(ok, 0);
    const auto bad = box.run(detectArgs(simulator->aemUrl().toString()), canary.toUtf8() + "x\n");
    BP_COMPARE_EXIT(bad, 3);
    for (const auto *r : {&ok, &bad}) {
        QVERIFY(!r->out.contains(canary.toUtf8()));
        QVERIFY(!r->err.contains(canary.toUtf8()));
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
