// SPDX-License-Identifier: Apache-2.0
// HttpClient and HttpJob against the loopback TestHttpServer (not the simulator): refused writes send
// nothing, credentials go only to the configured origin, redirects are data, bodies and header blocks are
// capped while they arrive, deadlines run on a ManualClock, cancel works at every stage, and network settings
// are per client.
#include "ManualClock.h"
#include "TestHttpServer.h"
#include "TestProxy.h"

#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace bp;
using test::TestHttpServer;

namespace {

constexpr qint64 kCapBytes = 64 * 1024;
constexpr int kTimeoutMs = 5000;

using Headers = QList<QPair<QByteArray, QByteArray>>;

// No proxy (a proxy from the environment must not see loopback traffic), a small body cap.
NetworkSettings settings(int timeoutMs = kTimeoutMs, qint64 capBytes = kCapBytes)
{
    NetworkSettings s;
    s.proxyUrl = QStringLiteral("none");
    s.timeoutMs = timeoutMs;
    s.maxBodyBytes = capBytes;
    return s;
}

// Starts the task and waits for its end; false when it did not end within 5 s or ended more than once.
bool runToEnd(Task *task)
{
    QSignalSpy finished(task, &Task::finished);
    task->start();
    if (finished.count() == 0 && !finished.wait(5000))
        return false;
    QCoreApplication::processEvents(); // a second finished() would be queued behind the first
    return finished.count() == 1;
}

HttpRequest request(const QByteArray &method, const QUrl &url, const QByteArray &body = QByteArray())
{
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.body = body;
    if (!body.isEmpty())
        r.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return r;
}

QByteArray headerBlock(const QByteArray &extraLines)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n" + extraLines + "\r\nok";
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void writePolicy_data();
    void writePolicy();
    void credentialsOnlyToTheOrigin_data();
    void credentialsOnlyToTheOrigin();
    void redirectIsReturnedNotFollowed_data();
    void redirectIsReturnedNotFollowed();

    void bodyCap_data();
    void bodyCap();
    void endlessBodyStopsAtTheCap();
    void decompressionBombIsRefused();
    void headerBlockCap_data();
    void headerBlockCap();

    void timeoutWhileTheServerHolds_data();
    void timeoutWhileTheServerHolds();
    void answerJustBeforeTheDeadline();
    void endlessHeaderLinesTimeOut();

    void cancelAtEveryStage_data();
    void cancelAtEveryStage();
    void deletingARunningJobIsSafe_data();
    void deletingARunningJobIsSafe();

    void proxyIsPerClient();
    void badSettingsKeepThePreviousOnes_data();
    void badSettingsKeepThePreviousOnes();
};

// --- Writes ----------------------------------------------------------------------------------------------

void TestHttpClient::writePolicy_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("refuse");
    QTest::addColumn<bool>("expectSent");
    for (const QByteArray method : {"POST", "PUT", "DELETE", "PATCH", "post"}) {
        QTest::addRow("%s refused", method.constData()) << method << true << false;
        QTest::addRow("%s allowed", method.constData()) << method << false << true;
    }
    // Reads are never writes, whatever the policy.
    for (const QByteArray method : {"GET", "HEAD", "OPTIONS"})
        QTest::addRow("%s under refuse", method.constData()) << method << true << true;
}

void TestHttpClient::writePolicy()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, refuse);
    QFETCH(bool, expectSent);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &req, TestHttpServer::Responder &r) {
        // A HEAD answer has no body; bytes after its headers would spoil the next answer on the connection.
        r.send(200, "text/plain", req.method == "HEAD" ? QByteArray() : QByteArray("ok"));
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    client.setWritePolicy(refuse ? WritePolicy::Refuse : WritePolicy::Allow);
    const bool isWrite = HttpClient::isWriteMethod(method);

    HttpJob *job = client.createJob(request(method, server.url(QStringLiteral("/content/x")), "payload"));
    QVERIFY(runToEnd(job));
    QCOMPARE(job->wasSent(), expectSent);
    if (expectSent) {
        QCOMPARE(job->state(), Task::State::Succeeded);
        QCOMPARE(job->response().status, 200);
    } else {
        QCOMPARE(job->state(), Task::State::Failed);
        QCOMPARE(job->error().code, ErrorCode::WriteRefused);
        QCOMPARE(job->error().id, QStringLiteral("write-refused"));
        QVERIFY(!job->error().remedy.isEmpty());
        QCOMPARE(server.requestCount(), 0);
    }

    // A read afterwards still works; by the time it is answered, a write that went out would have arrived.
    HttpJob *read = client.get(server.url(QStringLiteral("/after")));
    QVERIFY(runToEnd(read));
    QCOMPARE(read->state(), Task::State::Succeeded);
    QCOMPARE(read->response().body, QByteArray("ok"));

    QCOMPARE(client.requestCount(), expectSent ? 2 : 1);
    QCOMPARE(client.writeCount(), isWrite && expectSent ? 1 : 0);
    QCOMPARE(client.refusedWriteCount(), expectSent ? 0 : 1);
    QCOMPARE(server.requestCount(), expectSent ? 2 : 1);
    if (expectSent) {
        const TestHttpServer::Request &sent = server.requests().at(0);
        QCOMPARE(sent.method, method.toUpper());
        QCOMPARE(sent.target, QByteArray("/content/x"));
        if (method.toUpper() == "POST" || method.toUpper() == "PUT" || method.toUpper() == "PATCH")
            QCOMPARE(sent.body, QByteArray("payload"));
    }
    QCOMPARE(server.requests().last().target, QByteArray("/after"));
}

// --- Credentials and redirects ---------------------------------------------------------------------------

void TestHttpClient::credentialsOnlyToTheOrigin_data()
{
    QTest::addColumn<QString>("credential"); // basic or bearer
    QTest::addColumn<QString>("origin");     // a: server A; a-alias, a-https: A's port, other host/scheme
    QTest::addColumn<QString>("target");     // a, b (another port), a-alias
    QTest::addColumn<bool>("authenticate");
    QTest::addColumn<bool>("expectSent");

    for (const QString &credential : {QStringLiteral("basic"), QStringLiteral("bearer")}) {
        const QByteArray c = credential.toLatin1();
        QTest::addRow("%s to the origin", c.constData()) << credential << "a"
                                                         << "a" << true << true;
        QTest::addRow("%s to another port", c.constData()) << credential << "a"
                                                           << "b" << true << false;
        QTest::addRow("%s to 127.0.0.2, origin 127.0.0.1", c.constData()) << credential << "a"
                                                                          << "a-alias" << true << false;
        QTest::addRow("%s to 127.0.0.1, origin 127.0.0.2", c.constData()) << credential << "a-alias"
                                                                          << "a" << true << false;
        QTest::addRow("%s to http, origin https", c.constData()) << credential << "a-https"
                                                                 << "a" << true << false;
        QTest::addRow("%s, request says no", c.constData()) << credential << "a"
                                                            << "a" << false << false;
        QTest::addRow("%s, no origin set", c.constData()) << credential << ""
                                                          << "a" << true << false;
    }
}

void TestHttpClient::credentialsOnlyToTheOrigin()
{
    QFETCH(QString, credential);
    QFETCH(QString, origin);
    QFETCH(QString, target);
    QFETCH(bool, authenticate);
    QFETCH(bool, expectSent);

    TestHttpServer a;
    TestHttpServer b;
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    const auto urlOf = [&](const QString &which) {
        if (which == QLatin1String("b"))
            return b.url(QStringLiteral("/x"));
        QUrl url = a.url(QStringLiteral("/x"));
        if (which == QLatin1String("a-alias"))
            url.setHost(TestHttpServer::aliasHost());
        else if (which == QLatin1String("a-https"))
            url.setScheme(QStringLiteral("https"));
        return url;
    };

    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    QByteArray expected;
    if (credential == QLatin1String("basic")) {
        client.setBasicAuth(QStringLiteral("admin"), SecretString(QStringLiteral("s3cret")));
        expected = "Basic " + QByteArray("admin:s3cret").toBase64();
    } else {
        client.setBearerToken(SecretString(QStringLiteral("tok-123")));
        expected = "Bearer tok-123";
    }
    if (!origin.isEmpty())
        client.setOrigin(urlOf(origin));

    HttpRequest r = request("GET", urlOf(target));
    r.authenticate = authenticate;
    HttpJob *job = client.createJob(r);
    QVERIFY(runToEnd(job));
    QCOMPARE(job->state(), Task::State::Succeeded);
    TestHttpServer &receiver = target == QLatin1String("b") ? b : a;
    const TestHttpServer &other = target == QLatin1String("b") ? a : b;
    QCOMPARE(receiver.requestCount(), 1);
    QCOMPARE(other.requestCount(), 0);
    const TestHttpServer::Request &got = receiver.requests().at(0);
    QCOMPARE(got.hasHeader("Authorization"), expectSent);
    if (expectSent)
        QCOMPARE(got.header("Authorization"), expected);
}

void TestHttpClient::redirectIsReturnedNotFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("toOtherServer");
    for (int status : {301, 302, 303, 307, 308})
        QTest::addRow("%d to another server", status) << status << true;
    QTest::newRow("302 to a path on the same server") << 302 << false;
}

void TestHttpClient::redirectIsReturnedNotFollowed()
{
    QFETCH(int, status);
    QFETCH(bool, toOtherServer);

    TestHttpServer a;
    TestHttpServer b;
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    const QUrl location = toOtherServer ? b.url(QStringLiteral("/target")) : a.url(QStringLiteral("/target"));
    a.setHandler([&](const TestHttpServer::Request &, TestHttpServer::Responder &r) {
        r.send(status, "text/html", "moved", {{"Location", location.toEncoded()}});
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    client.setBasicAuth(QStringLiteral("admin"), SecretString(QStringLiteral("s3cret")));
    client.setOrigin(a.url());

    HttpJob *job = client.get(a.url(QStringLiteral("/start")));
    QVERIFY(runToEnd(job));
    QCOMPARE(job->state(), Task::State::Succeeded);
    QCOMPARE(job->response().status, status);
    QVERIFY(job->response().isRedirect());
    QCOMPARE(job->response().redirectTarget(), location);
    QCOMPARE(job->response().body, QByteArray("moved"));
    QCOMPARE(a.requestCount(), 1);
    QCOMPARE(b.requestCount(), 0);
    QCOMPARE(client.requestCount(), 1);
}

// --- Caps ------------------------------------------------------------------------------------------------

void TestHttpClient::bodyCap_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedId"); // empty: arrives intact
    QTest::newRow("small binary body") << QByteArray("{\"a\":1}\0\r\n\r\n\xff end", 17) << QString();
    QTest::newRow("exactly the cap") << QByteArray(kCapBytes, 'y') << QString();
    QTest::newRow("one byte over") << QByteArray(kCapBytes + 1, 'y') << "too-large";
    QTest::newRow("far over") << QByteArray(4 * 1024 * 1024, 'y') << "too-large";
}

void TestHttpClient::bodyCap()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedId);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const TestHttpServer::Request &, TestHttpServer::Responder &r) {
        r.send(200, "application/json; charset=utf-8", body);
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/data.json")));
    QVERIFY(runToEnd(job));
    if (expectedId.isEmpty()) {
        QCOMPARE(job->state(), Task::State::Succeeded);
        QCOMPARE(job->response().status, 200);
        QCOMPARE(job->response().body, body);
        QCOMPARE(job->response().contentType(), QStringLiteral("application/json"));
        return;
    }
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QCOMPARE(job->error().id, expectedId);
    QVERIFY(!job->error().remedy.isEmpty());
    QVERIFY(job->response().body.isEmpty());
}

void TestHttpClient::endlessBodyStopsAtTheCap()
{
    // Loopback socket buffers take a few MiB whatever the client does (about 3 MiB here), so this cap is
    // larger than the others: 16 times it is well above that floor, and far below what a client reading on
    // would let through.
    constexpr qint64 capBytes = 1024 * 1024;
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(
        [](const TestHttpServer::Request &, TestHttpServer::Responder &r) { r.streamForever(); });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(kTimeoutMs, capBytes)).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/endless")));
    QVERIFY(runToEnd(job));
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QCOMPARE(job->error().id, QStringLiteral("too-large"));
    QVERIFY(!job->error().remedy.isEmpty());
    QVERIFY(job->response().body.isEmpty());
    const QByteArray streamed = QByteArray::number(server.streamedBytes());
    QVERIFY2(server.streamedBytes() > capBytes, streamed.constData()); // the cap ended it, not the server
    QVERIFY2(server.streamedBytes() < 16 * capBytes, streamed.constData());
}

void TestHttpClient::decompressionBombIsRefused()
{
    // 32 MiB of zeros in about 32 KiB: the compressed answer is under the cap, what it inflates to is not.
    const QByteArray bomb = TestHttpServer::gzipOfZeros(32 * 1024 * 1024);
    QVERIFY(bomb.size() < kCapBytes);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const TestHttpServer::Request &, TestHttpServer::Responder &r) {
        r.send(200, "application/json", bomb, {{"Content-Encoding", "gzip"}});
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/bomb.json")));
    QVERIFY(runToEnd(job));
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QCOMPARE(job->error().id, QStringLiteral("decompression-refused"));
    QVERIFY(!job->error().remedy.isEmpty());
    QVERIFY(job->response().body.isEmpty());
}

void TestHttpClient::headerBlockCap_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expectedId"); // empty: a normal answer

    QByteArray few;
    for (int i = 0; i < 20; ++i)
        few += "X-Line-" + QByteArray::number(i) + ": value\r\n";
    QByteArray thousands;
    for (int i = 0; i < 5000; ++i)
        thousands += "X-Line-" + QByteArray::number(i) + ": value-" + QByteArray::number(i) + "\r\n";
    QTest::newRow("twenty header lines") << headerBlock(few) << QString();
    QTest::newRow("5000 header lines") << headerBlock(thousands) << "header-block-too-large";
    QTest::newRow("one 1 MiB header")
        << headerBlock("X-Big: " + QByteArray(1024 * 1024, 'h') + "\r\n") << "header-block-too-large";
    QTest::newRow("one 100 KiB header")
        << headerBlock("X-Big: " + QByteArray(100 * 1024, 'h') + "\r\n") << "header-block-too-large";
}

void TestHttpClient::headerBlockCap()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expectedId);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const TestHttpServer::Request &, TestHttpServer::Responder &r) { r.sendRaw(raw); });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings()).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/headers")));
    QVERIFY(runToEnd(job));
    if (expectedId.isEmpty()) {
        QCOMPARE(job->state(), Task::State::Succeeded);
        QCOMPARE(job->response().body, QByteArray("ok"));
        QCOMPARE(job->response().header("x-line-19"), QByteArray("value"));
        return;
    }
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QCOMPARE(job->error().id, expectedId);
    QVERIFY(!job->error().remedy.isEmpty());
}

// --- Deadlines -------------------------------------------------------------------------------------------

void TestHttpClient::timeoutWhileTheServerHolds_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("said");
    // Sub-second timeouts must not read "0 seconds".
    QTest::newRow("half a second") << 500 << "0.5 seconds";
    QTest::newRow("one second") << 1000 << "within 1 second";
    QTest::newRow("one and a half") << 1500 << "1.5 seconds";
    // Whole seconds use a plural form (%n) that only a translation completes; the number is what counts.
    QTest::newRow("fifteen") << 15000 << "within 15 second";
}

void TestHttpClient::timeoutWhileTheServerHolds()
{
    QFETCH(int, timeoutMs);
    QFETCH(QString, said);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &, TestHttpServer::Responder &r) { r.hold(); });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(timeoutMs)).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/slow")));
    QSignalSpy finished(job, &Task::finished);
    job->start();
    QTRY_COMPARE(server.requestCount(), 1);

    clock.advance(timeoutMs - 1);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
    QVERIFY(job->isRunning());

    clock.advance(1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::Timeout);
    QCOMPARE(job->error().id, QStringLiteral("timeout"));
    QVERIFY2(job->error().userMessage.contains(said), qPrintable(job->error().userMessage));
    QVERIFY(!job->error().userMessage.contains(QLatin1String(" 0 seconds")));
    QVERIFY(!job->error().remedy.isEmpty());
    QVERIFY(job->error().retryable);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestHttpClient::answerJustBeforeTheDeadline()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    std::optional<TestHttpServer::Responder> held; // a copy, to answer later
    server.setHandler([&](const TestHttpServer::Request &, TestHttpServer::Responder &r) {
        held = r;
        r.hold();
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(2000)).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/slow")));
    QSignalSpy finished(job, &Task::finished);
    job->start();
    QTRY_COMPARE(server.requestCount(), 1);
    QCOMPARE(clock.pendingTimers(TimerKind::Deadline), 1);
    clock.advance(1999);
    QVERIFY(job->isRunning());
    QVERIFY(held);
    held->send(200, "text/plain", "late but in time");
    QVERIFY(finished.wait(5000));
    QCOMPARE(job->state(), Task::State::Succeeded);
    QCOMPARE(job->response().body, QByteArray("late but in time"));
    QCOMPARE(job->response().elapsedMs, 1999);
    QCOMPARE(clock.pendingTimers(TimerKind::Deadline), 0); // the deadline went with the answer
    clock.advance(10000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->state(), Task::State::Succeeded);
}

void TestHttpClient::endlessHeaderLinesTimeOut()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(
        [](const TestHttpServer::Request &, TestHttpServer::Responder &r) { r.streamHeadersForever(); });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(3000)).ok());
    HttpJob *job = client.get(server.url(QStringLiteral("/headers-forever")));
    QSignalSpy finished(job, &Task::finished);
    job->start();
    QTRY_COMPARE(server.requestCount(), 1);
    // Header lines are flowing (so the client has long seen its request go out), but the block never ends.
    QTRY_VERIFY(server.streamedBytes() > 512 * 1024);
    QCOMPARE(finished.count(), 0);

    clock.advance(3000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->state(), Task::State::Failed);
    QCOMPARE(job->error().code, ErrorCode::Timeout);
    QCOMPARE(job->error().id, QStringLiteral("timeout"));
    QVERIFY2(job->error().userMessage.contains(QLatin1String("did not send a complete answer")),
             qPrintable(job->error().userMessage));
    QVERIFY(job->error().userMessage.contains(QLatin1String("within 3 second")));
    QVERIFY(!job->error().remedy.isEmpty());
}

// --- Cancel ----------------------------------------------------------------------------------------------

void TestHttpClient::cancelAtEveryStage_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("stage");
    QTest::newRow("GET before start") << QByteArray("GET") << "before start";
    QTest::newRow("POST before start") << QByteArray("POST") << "before start";
    QTest::newRow("GET right after start") << QByteArray("GET") << "after start";
    QTest::newRow("POST right after start") << QByteArray("POST") << "after start";
    QTest::newRow("POST at the server") << QByteArray("POST") << "at the server";
    QTest::newRow("GET while the body streams") << QByteArray("GET") << "streaming";
}

void TestHttpClient::cancelAtEveryStage()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, stage);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &req, TestHttpServer::Responder &r) {
        if (req.target == "/after")
            r.send(200, "text/plain", "ok");
        else if (req.target == "/stream")
            r.streamForever();
        else
            r.hold();
    });
    test::ManualClock clock;
    HttpClient client(clock);
    // A large cap, so the streaming answer is still arriving when the test cancels.
    QVERIFY(client.setNetworkSettings(settings(kTimeoutMs, 1024 * 1024 * 1024)).ok());
    const bool streaming = stage == QLatin1String("streaming");
    HttpJob *job = client.createJob(
        request(method, server.url(streaming ? QStringLiteral("/stream") : QStringLiteral("/held")),
                method == "POST" ? QByteArray("payload") : QByteArray()));
    QSignalSpy finished(job, &Task::finished);

    if (stage != QLatin1String("before start"))
        job->start();
    if (stage == QLatin1String("at the server"))
        QTRY_COMPARE(server.requestCount(), 1);
    if (streaming)
        QTRY_VERIFY(server.streamedBytes() > 1024 * 1024);
    job->cancel();
    QCOMPARE(finished.count(), 1);
    job->cancel();
    job->start();

    QCOMPARE(job->state(), Task::State::Cancelled);
    QCOMPARE(job->error().code, ErrorCode::Cancelled);
    QCOMPARE(job->error().id, QStringLiteral("cancelled"));
    QCOMPARE(job->response().status, 0);
    QCOMPARE(clock.pendingTimers(TimerKind::Deadline), 0);
    clock.advance(10 * kTimeoutMs); // no deadline left to fire
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->state(), Task::State::Cancelled);

    if (stage == QLatin1String("before start")) {
        QVERIFY(!job->wasSent());
        QCOMPARE(client.requestCount(), 0);
        QCOMPARE(client.writeCount(), 0);
        // Anything sent would reach the server before the answer to this later request.
        HttpJob *after = client.get(server.url(QStringLiteral("/after")));
        QVERIFY(runToEnd(after));
        QCOMPARE(after->state(), Task::State::Succeeded);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.requests().at(0).target, QByteArray("/after"));
    } else {
        QVERIFY(job->wasSent());
    }
}

void TestHttpClient::deletingARunningJobIsSafe_data()
{
    QTest::addColumn<QString>("stage");
    QTest::newRow("just started") << "just started";
    QTest::newRow("at the server") << "at the server";
    QTest::newRow("streaming") << "streaming";
}

void TestHttpClient::deletingARunningJobIsSafe()
{
    QFETCH(QString, stage);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &req, TestHttpServer::Responder &r) {
        if (req.target == "/after")
            r.send(200, "text/plain", "ok");
        else if (req.target == "/stream")
            r.streamForever();
        else
            r.hold();
    });
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(kTimeoutMs, 1024 * 1024 * 1024)).ok());
    const bool streaming = stage == QLatin1String("streaming");
    QPointer<HttpJob> job =
        client.get(server.url(streaming ? QStringLiteral("/stream") : QStringLiteral("/held")));
    job->start();
    if (stage == QLatin1String("at the server"))
        QTRY_COMPARE(server.requestCount(), 1);
    if (streaming)
        QTRY_VERIFY(server.streamedBytes() > 1024 * 1024);
    delete job.data();
    QVERIFY(!job);
    QCOMPARE(clock.pendingTimers(), 0);
    clock.advance(10 * kTimeoutMs);

    // The client is still fine.
    HttpJob *after = client.get(server.url(QStringLiteral("/after")));
    QVERIFY(runToEnd(after));
    QCOMPARE(after->state(), Task::State::Succeeded);
    QCOMPARE(after->response().body, QByteArray("ok"));
}

// --- Network settings ------------------------------------------------------------------------------------

void TestHttpClient::proxyIsPerClient()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    test::TestProxy proxy;
    QVERIFY(proxy.listen());
    test::ManualClock clock;
    HttpClient proxied(clock);
    HttpClient direct(clock);
    QVERIFY(direct.setNetworkSettings(settings()).ok());
    NetworkSettings viaProxy = settings();
    viaProxy.proxyUrl = proxy.url().toString();
    QVERIFY(proxied.setNetworkSettings(viaProxy).ok());
    QCOMPARE(direct.networkSettings().proxyUrl, QStringLiteral("none"));

    QVERIFY(runToEnd(direct.get(server.url(QStringLiteral("/direct-1")))));
    QCOMPARE(proxy.requestCount(), 0);
    QVERIFY(runToEnd(proxied.get(server.url(QStringLiteral("/proxied")))));
    QCOMPARE(proxy.requestCount(), 1);
    QVERIFY(runToEnd(direct.get(server.url(QStringLiteral("/direct-2")))));
    QCOMPARE(proxy.requestCount(), 1);

    // The proxy relays the absolute form it was sent; direct requests carry only the path.
    QCOMPARE(server.requestCount(), 3);
    QCOMPARE(server.requests().at(0).target, QByteArray("/direct-1"));
    QCOMPARE(server.requests().at(1).target, server.url(QStringLiteral("/proxied")).toEncoded());
    QCOMPARE(server.requests().at(2).target, QByteArray("/direct-2"));
}

void TestHttpClient::badSettingsKeepThePreviousOnes_data()
{
    QTest::addColumn<QString>("caFile"); // relative to a temporary folder
    QTest::addColumn<QString>("proxyUrl");
    QTest::addColumn<QString>("expectedId");
    QTest::newRow("missing CA file") << "missing.pem" << QString() << "file-unreadable";
    QTest::newRow("CA file is a folder") << "folder" << QString() << "file-not-regular";
    QTest::newRow("CA file without a certificate") << "garbage.pem" << QString() << "ca-file-empty";
    QTest::newRow("proxy without a port") << QString() << "http://proxy.invalid"
                                          << "invalid-input";
}

void TestHttpClient::badSettingsKeepThePreviousOnes()
{
    QFETCH(QString, caFile);
    QFETCH(QString, proxyUrl);
    QFETCH(QString, expectedId);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    QFile garbage(dir.filePath(QStringLiteral("garbage.pem")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("not a certificate\n");
    garbage.close();

    TestHttpServer server;
    QVERIFY(server.listen());
    test::TestProxy proxy;
    QVERIFY(proxy.listen());
    test::ManualClock clock;
    HttpClient client(clock);
    QVERIFY(client.setNetworkSettings(settings(1234)).ok());

    NetworkSettings bad = settings(999);
    bad.caFile = caFile.isEmpty() ? QString() : dir.filePath(caFile);
    // A working proxy next to the bad part: it must not take effect either.
    bad.proxyUrl = proxyUrl.isEmpty() ? proxy.url().toString() : proxyUrl;
    const Result<bool> r = client.setNetworkSettings(bad);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QCOMPARE(r.error().stableId(), expectedId);
    QCOMPARE(client.networkSettings().timeoutMs, 1234);
    QCOMPARE(client.networkSettings().proxyUrl, QStringLiteral("none"));
    QVERIFY(client.networkSettings().caFile.isEmpty());

    QVERIFY(runToEnd(client.get(server.url(QStringLiteral("/still-direct")))));
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(proxy.requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
