// SPDX-License-Identifier: Apache-2.0
// SecretStore: the chunker, the in-memory store, and the real keychain (gnome-keyring under .ci/run's
// dbus-run-session): round trips, a locked keyring, no D-Bus at all, and a hung secrets service.
#include "ManualClock.h"

#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretChunker.h"
#include "secrets/SecretMessages.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QDBusVirtualObject>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace bp;

namespace {

// A Secret Service secret, D-Bus signature (oayays).
struct DBusSecret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

} // namespace

Q_DECLARE_METATYPE(DBusSecret)

namespace {

QDBusArgument &operator<<(QDBusArgument &arg, const DBusSecret &secret)
{
    arg.beginStructure();
    arg << secret.session << secret.parameters << secret.value << secret.contentType;
    arg.endStructure();
    return arg;
}

const QDBusArgument &operator>>(const QDBusArgument &arg, DBusSecret &secret)
{
    arg.beginStructure();
    arg >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    arg.endStructure();
    return arg;
}

const QString kSecrets = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceIface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kDefaultAlias = QStringLiteral("/org/freedesktop/secrets/aliases/default");

bool envFlag(const char *name)
{
    const QByteArray value = qgetenv(name).toLower();
    return !value.isEmpty() && value != "0" && value != "false" && value != "no";
}

struct Outcome
{
    SecretStatus status = SecretStatus::Failed;
    QString statusId = QStringLiteral("did-not-finish");
    QString message;
    QByteArray value;
    int finishedCount = 0;
};

// Starts the job and waits for finished(); the job is deleted afterwards.
Outcome runJob(SecretJob *raw, int waitMs = 30000)
{
    std::unique_ptr<SecretJob> job(raw);
    QSignalSpy spy(job.get(), &SecretJob::finished);
    job->start();
    Outcome outcome;
    // start() never emits synchronously.
    if (spy.count() != 0)
        outcome.finishedCount = -1000;
    if (spy.count() == 0)
        spy.wait(waitMs);
    outcome.finishedCount += int(spy.count());
    if (spy.count() > 0) {
        outcome.status = job->status();
        outcome.statusId = secretStatusId(job->status());
        outcome.message = job->message();
        outcome.value = job->value().revealUtf8();
    }
    return outcome;
}

QByteArray fakePem(int derBytes)
{
    QByteArray der(derBytes, '\0');
    QRandomGenerator *rng = QRandomGenerator::global();
    for (char &c : der)
        c = char(rng->bounded(256));
    const QByteArray b64 = der.toBase64();
    QByteArray pem = "-----BEGIN PRIVATE KEY-----\n";
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    pem += "-----END PRIVATE KEY-----\n";
    return pem;
}

QDBusMessage serviceCall(const QString &method, const QVariantList &args = {})
{
    QDBusMessage msg = QDBusMessage::createMethodCall(kSecrets, kServicePath, kServiceIface, method);
    msg.setArguments(args);
    return QDBusConnection::sessionBus().call(msg, QDBus::Block, 10000);
}

bool collectionLocked(const QString &path)
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        kSecrets, path, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get, QDBus::Block, 10000);
    return reply.arguments().value(0).value<QDBusVariant>().variant().toBool();
}

// --- helper processes (this binary, re-invoked) ---------------------------------------------------------

// Waits for a job in a process of its own and prints "<label>.status=" and "<label>.message=" ("hang" when
// it did not finish within guardMs, a bound far past the store's own deadline).
void printJob(QTextStream &out, const QString &label, SecretJob *raw, int guardMs)
{
    std::unique_ptr<SecretJob> job(raw);
    QEventLoop loop;
    QObject::connect(job.get(), &SecretJob::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(guardMs, &loop, &QEventLoop::quit);
    bool finished = false;
    QObject::connect(job.get(), &SecretJob::finished, &loop, [&finished] { finished = true; });
    job->start();
    loop.exec();
    out << label << ".status=" << (finished ? secretStatusId(job->status()) : QStringLiteral("hang")) << '\n'
        << label << ".message=" << job->message() << '\n';
    out.flush();
}

// Swallows every call: an org.freedesktop.secrets that never answers.
class SilentObject : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return QString(); }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override { return true; }
};

int helperMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString mode = QString::fromLocal8Bit(argv[1]);
    const int timeoutMs = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 3000;
    QTextStream out(stdout);
    KeychainSecretStore::Options options;
    options.timeoutMs = timeoutMs;
    KeychainSecretStore store(options);

    SilentObject silent;
    if (mode == QLatin1String("--hung-service-helper")) {
        // Own the name on a second connection: calls from this process's session-bus connection (QtDBus)
        // and from libsecret's (GDBus) then really go through the bus and are never answered.
        QDBusConnection holder =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("holder"));
        if (!holder.registerVirtualObject(QStringLiteral("/"), &silent, QDBusConnection::SubPath) ||
            !holder.registerService(kSecrets)) {
            out << "setup.error=" << holder.lastError().message() << '\n';
            return 2;
        }
    }
    printJob(out, QStringLiteral("probe"), store.probe(), timeoutMs * 4);
    printJob(out, QStringLiteral("read"), store.read(QStringLiteral("helper"), SecretKind::AemPassword),
             timeoutMs * 4);
    return 0;
}

struct HelperRun
{
    QHash<QString, QString> fields;
    bool finished = false;
    QByteArray err;
};

HelperRun runHelper(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                    int waitMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    HelperRun run;
    run.finished = process.waitForFinished(waitMs);
    if (!run.finished)
        process.kill(), process.waitForFinished(2000);
    run.err = process.readAllStandardError();
    const QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            run.fields.insert(line.left(eq), line.mid(eq + 1));
    }
    return run;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void ids();
    void backendDetailInPlainWords_data();
    void backendDetailInPlainWords();
    void chunker_data();
    void chunker();
    void chunkerHeads_data();
    void chunkerHeads();

    void memoryRoundTrip();
    void memoryRejectsBadProfiles_data();
    void memoryRejectsBadProfiles();
    void memoryLockedNeverWrites();
    void memoryFailNext();
    void memoryTimeout();
    void memoryLateAnswerIgnored();

    void realProbe();
    void realRoundTrip();
    void realRejectsBadProfiles();
    void realLargeKey();
    void realLargeKeyChunked();
    void realUnicode();
    void realLockedKeyring();
    void noDbusSession();
    void hungSecretsService();

private:
    bool keychainReachable();
    QString profile(const QString &suffix) const { return m_prefix + suffix; }

    std::unique_ptr<KeychainSecretStore> m_store;
    bool m_reachable = false;
    QString m_unreachableWhy;
    QString m_prefix;
    QStringList m_profilesToClean;
};

// Skips a real-keychain test when no keyring is reachable, except under CI where it must run.
#define REQUIRE_KEYCHAIN()                                                                                   \
    do {                                                                                                     \
        if (!keychainReachable()) {                                                                          \
            const QByteArray why = m_unreachableWhy.toUtf8();                                                \
            if (envFlag("CI"))                                                                               \
                QFAIL(QByteArray("CI is set but no keychain is reachable: " + why).constData());             \
            QSKIP(QByteArray("No keychain reachable (run under .ci/run's dbus-run-session): " + why)         \
                      .constData());                                                                         \
        }                                                                                                    \
    } while (false)

void TestSecretStore::initTestCase()
{
    qDBusRegisterMetaType<DBusSecret>();
    m_prefix = QStringLiteral("tst-secretstore-%1-").arg(QCoreApplication::applicationPid());
    KeychainSecretStore::Options options;
    options.timeoutMs = 15000;
    m_store = std::make_unique<KeychainSecretStore>(options);

    const bool haveBus = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") ||
                         QFile::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/bus"));
#ifdef Q_OS_LINUX
    if (!haveBus) {
        m_unreachableWhy = QStringLiteral("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)");
        return;
    }
#else
    Q_UNUSED(haveBus)
#endif
    const Outcome probe = runJob(m_store->probe());
    m_reachable = probe.status == SecretStatus::Ok;
    if (!m_reachable)
        m_unreachableWhy = probe.statusId + QStringLiteral(": ") + probe.message;
}

void TestSecretStore::cleanupTestCase()
{
    if (!m_reachable)
        return;
    const SecretKind kinds[] = {SecretKind::ClientSecret,  SecretKind::ClientSecret2, SecretKind::PrivateKey,
                                SecretKind::KeyPassphrase, SecretKind::AemPassword,   SecretKind::AemToken};
    KeychainSecretStore::Options chunked = m_store->options();
    chunked.chunkLargeValues = true;
    KeychainSecretStore chunkedStore(chunked);
    for (const QString &name : std::as_const(m_profilesToClean)) {
        for (SecretKind kind : kinds)
            runJob(chunkedStore.remove(name, kind));
    }
}

bool TestSecretStore::keychainReachable()
{
    return m_reachable;
}

// --- pure -----------------------------------------------------------------------------------------------

void TestSecretStore::ids()
{
    QCOMPARE(secretKindId(SecretKind::AemPassword), QStringLiteral("aemPassword"));
    QCOMPARE(secretKindId(SecretKind::PrivateKey), QStringLiteral("privateKey"));
    QCOMPARE(secretStatusId(SecretStatus::NotFound), QStringLiteral("not-found"));
    QCOMPARE(secretStatusId(SecretStatus::AccessDenied), QStringLiteral("access-denied"));
    QCOMPARE(secretStatusId(SecretStatus::NoService), QStringLiteral("no-service"));
#ifdef Q_OS_LINUX
    const QString backend = m_store->backendName();
    QVERIFY2(backend == QLatin1String("GNOME Keyring / Secret Service") ||
                 backend == QLatin1String("KWallet"),
             qPrintable(backend));
#endif
    QCOMPARE(MemorySecretStore().backendName(), QStringLiteral("Memory (tests)"));
}

void TestSecretStore::chunker_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("chunkBytes");
    QTest::addColumn<int>("expectedChunks");

    QTest::newRow("short password stays in the head") << QByteArray("hunter2") << 2000 << 0;
    QTest::newRow("exactly the limit") << QByteArray(2000, 'x') << 2000 << 0;
    QTest::newRow("one byte over") << QByteArray(2001, 'x') << 2000 << 2;
    QTest::newRow("4096-bit PEM") << fakePem(2374) << 2000 << 2;
    QTest::newRow("three and a bit") << QByteArray(6001, 'y') << 2000 << 4;
    QTest::newRow("looks like a head") << QByteArray("chunks:3") << 2000 << 1;
    QTest::newRow("tiny chunks") << QByteArray("abcdefg") << 3 << 3;
    QTest::newRow("empty") << QByteArray() << 2000 << 0;
}

void TestSecretStore::chunker()
{
    QFETCH(QByteArray, value);
    QFETCH(int, chunkBytes);
    QFETCH(int, expectedChunks);

    const SecretChunker chunker(chunkBytes);
    SecretChunker::Split split = chunker.split(value);
    QCOMPARE(split.chunks.size(), expectedChunks);
    for (const QByteArray &chunk : std::as_const(split.chunks))
        QVERIFY(chunk.size() <= chunkBytes);
    if (expectedChunks == 0) {
        QCOMPARE(SecretChunker::chunkCount(split.head), 0);
        QCOMPARE(split.head, value);
    } else {
        QCOMPARE(split.head, QByteArray("chunks:") + QByteArray::number(expectedChunks));
        QCOMPARE(SecretChunker::chunkCount(split.head), expectedChunks);
        QCOMPARE(SecretChunker::join(split.chunks), value);
    }
    QCOMPARE(SecretChunker::chunkKey(QStringLiteral("prod/privateKey"), 2),
             QStringLiteral("prod/privateKey#2"));
    split.wipe();
    QVERIFY(split.head.isEmpty());
    QVERIFY(split.chunks.isEmpty());
}

void TestSecretStore::chunkerHeads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("count");
    QTest::newRow("plain value") << QByteArray("secret") << 0;
    QTest::newRow("count") << QByteArray("chunks:12") << 12;
    QTest::newRow("no digits") << QByteArray("chunks:") << -1;
    QTest::newRow("zero") << QByteArray("chunks:0") << -1;
    QTest::newRow("leading zero") << QByteArray("chunks:03") << -1;
    QTest::newRow("sign") << QByteArray("chunks:+3") << -1;
    QTest::newRow("space") << QByteArray("chunks: 3") << -1;
    QTest::newRow("trailing junk") << QByteArray("chunks:3x") << -1;
    QTest::newRow("too many") << QByteArray("chunks:100000") << -1;
}

void TestSecretStore::chunkerHeads()
{
    QFETCH(QByteArray, head);
    QFETCH(int, count);
    QCOMPARE(SecretChunker::chunkCount(head), count);
}

// --- MemorySecretStore ----------------------------------------------------------------------------------

void TestSecretStore::memoryRoundTrip()
{
    MemorySecretStore store;
    QCOMPARE(runJob(store.probe()).statusId, QStringLiteral("ok"));
    QCOMPARE(runJob(store.read(QStringLiteral("p"), SecretKind::AemPassword)).statusId,
             QStringLiteral("not-found"));
    Outcome w = runJob(
        store.write(QStringLiteral("p"), SecretKind::AemPassword, SecretString(QStringLiteral("one"))));
    QCOMPARE(w.statusId, QStringLiteral("ok"));
    QCOMPARE(w.finishedCount, 1);
    QCOMPARE(store.keys(), QStringList{QStringLiteral("p/aemPassword")});
    Outcome r = runJob(store.read(QStringLiteral("p"), SecretKind::AemPassword));
    QCOMPARE(r.statusId, QStringLiteral("ok"));
    QCOMPARE(r.value, QByteArray("one"));
    QCOMPARE(
        runJob(store.write(QStringLiteral("p"), SecretKind::AemPassword, SecretString(QStringLiteral("two"))))
            .statusId,
        QStringLiteral("ok"));
    QCOMPARE(store.storedValue(QStringLiteral("p"), SecretKind::AemPassword).revealUtf8(), QByteArray("two"));
    QCOMPARE(runJob(store.remove(QStringLiteral("p"), SecretKind::AemPassword)).statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(store.remove(QStringLiteral("p"), SecretKind::AemPassword)).statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(store.read(QStringLiteral("p"), SecretKind::AemPassword)).statusId,
             QStringLiteral("not-found"));
    QCOMPARE(runJob(store.write(QStringLiteral("p"), SecretKind::AemPassword, SecretString())).statusId,
             QStringLiteral("failed"));
    QCOMPARE(store.entryCount(), 0);
}

void TestSecretStore::memoryRejectsBadProfiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("slash") << QStringLiteral("prod/author");
}

void TestSecretStore::memoryRejectsBadProfiles()
{
    QFETCH(QString, name);
    MemorySecretStore store;
    const Outcome w = runJob(store.write(name, SecretKind::AemToken, SecretString(QStringLiteral("t"))));
    QCOMPARE(w.statusId, QStringLiteral("failed"));
    QVERIFY(w.message.contains(QLatin1String("profile name")));
    QCOMPARE(runJob(store.read(name, SecretKind::AemToken)).statusId, QStringLiteral("failed"));
    QCOMPARE(store.entryCount(), 0);
}

void TestSecretStore::memoryLockedNeverWrites()
{
    MemorySecretStore store;
    QCOMPARE(runJob(store.write(QStringLiteral("p"), SecretKind::ClientSecret,
                                SecretString(QStringLiteral("old"))))
                 .statusId,
             QStringLiteral("ok"));
    store.setAvailability(SecretStatus::Locked);
    QCOMPARE(runJob(store.probe()).statusId, QStringLiteral("locked"));
    const Outcome r = runJob(store.read(QStringLiteral("p"), SecretKind::ClientSecret));
    QCOMPARE(r.statusId, QStringLiteral("locked"));
    QVERIFY(r.value.isEmpty());
    QCOMPARE(runJob(store.read(QStringLiteral("p"), SecretKind::AemToken)).statusId,
             QStringLiteral("locked"));
    QCOMPARE(runJob(store.write(QStringLiteral("p"), SecretKind::ClientSecret,
                                SecretString(QStringLiteral("new"))))
                 .statusId,
             QStringLiteral("locked"));
    QCOMPARE(runJob(store.remove(QStringLiteral("p"), SecretKind::ClientSecret)).statusId,
             QStringLiteral("locked"));
    store.setAvailability(SecretStatus::Ok);
    QCOMPARE(runJob(store.read(QStringLiteral("p"), SecretKind::ClientSecret)).value, QByteArray("old"));
}

void TestSecretStore::memoryFailNext()
{
    MemorySecretStore store;
    store.failNext(SecretStatus::NoService, 2);
    QCOMPARE(runJob(store.probe()).statusId, QStringLiteral("no-service"));
    QCOMPARE(runJob(store.write(QStringLiteral("p"), SecretKind::AemToken, SecretString(QStringLiteral("t"))))
                 .statusId,
             QStringLiteral("no-service"));
    QCOMPARE(store.entryCount(), 0);
    store.failNext(SecretStatus::AccessDenied);
    const Outcome denied = runJob(store.probe());
    QCOMPARE(denied.statusId, QStringLiteral("access-denied"));
    QVERIFY(!denied.message.isEmpty());
    QCOMPARE(runJob(store.probe()).statusId, QStringLiteral("ok"));
    QCOMPARE(store.jobsStarted(), 4);
}

void TestSecretStore::memoryTimeout()
{
    test::ManualClock clock;
    MemorySecretStore store;
    store.setClock(clock);
    store.setTimeoutMs(200);
    store.setAvailability(SecretStatus::Timeout); // a hung keychain: no answer at all
    std::unique_ptr<SecretJob> job(store.read(QStringLiteral("p"), SecretKind::AemPassword));
    QSignalSpy spy(job.get(), &SecretJob::finished);
    job->start();
    QCOMPARE(clock.pendingTimers(TimerKind::Deadline), 1);
    QTRY_COMPARE(store.jobsStarted(), 1);              // the keychain is asked on the next event-loop turn
    QCOMPARE(clock.pendingTimers(TimerKind::Wait), 0); // and never answers

    clock.advance(199);
    QCOMPARE(spy.count(), 0);
    QVERIFY(job->isRunning());
    clock.advance(1); // the deadline
    QCOMPARE(spy.count(), 1);
    QCOMPARE(secretStatusId(job->status()), QStringLiteral("timeout"));
    QCOMPARE(job->error().id, QStringLiteral("keychain-timeout"));
    QCOMPARE(job->error().code, ErrorCode::Keychain);
    QVERIFY(job->message().contains(QLatin1String("did not answer")));
    QCOMPARE(clock.pendingTimers(), 0);
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 1);
}

void TestSecretStore::memoryLateAnswerIgnored()
{
    test::ManualClock clock;
    MemorySecretStore store;
    store.setClock(clock);
    store.setTimeoutMs(100);
    store.setAnswerDelayMs(400);
    std::unique_ptr<SecretJob> job(
        store.write(QStringLiteral("p"), SecretKind::AemPassword, SecretString(QStringLiteral("late"))));
    QSignalSpy spy(job.get(), &SecretJob::finished);
    job->start();
    QTRY_COMPARE(clock.pendingTimers(TimerKind::Wait), 1); // the slow answer is on its way
    QCOMPARE(clock.pendingTimers(TimerKind::Deadline), 1);

    clock.advance(100); // the deadline
    QCOMPARE(spy.count(), 1);
    QCOMPARE(secretStatusId(job->status()), QStringLiteral("timeout"));
    QCOMPARE(clock.pendingTimers(TimerKind::Wait), 1);
    clock.advance(300); // past the late answer
    QCOMPARE(clock.pendingTimers(), 0);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(secretStatusId(job->status()), QStringLiteral("timeout"));
    QVERIFY(!store.contains(QStringLiteral("p"), SecretKind::AemPassword));
    QCOMPARE(store.entryCount(), 0);

    // The same slow answer within the deadline is stored: the write above was dropped for being late.
    store.setTimeoutMs(1000);
    std::unique_ptr<SecretJob> inTime(
        store.write(QStringLiteral("p"), SecretKind::AemPassword, SecretString(QStringLiteral("in time"))));
    QSignalSpy inTimeSpy(inTime.get(), &SecretJob::finished);
    inTime->start();
    QTRY_COMPARE(clock.pendingTimers(TimerKind::Wait), 1);
    clock.advance(399);
    QCOMPARE(inTimeSpy.count(), 0);
    clock.advance(1);
    QCOMPARE(inTimeSpy.count(), 1);
    QCOMPARE(secretStatusId(inTime->status()), QStringLiteral("ok"));
    QCOMPARE(store.storedValue(QStringLiteral("p"), SecretKind::AemPassword).revealUtf8(),
             QByteArray("in time"));
}

// --- the real keychain ----------------------------------------------------------------------------------

void TestSecretStore::realProbe()
{
    REQUIRE_KEYCHAIN();
    const Outcome o = runJob(m_store->probe());
    QCOMPARE(o.statusId, QStringLiteral("ok"));
    QCOMPARE(o.finishedCount, 1);
}

void TestSecretStore::realRoundTrip()
{
    REQUIRE_KEYCHAIN();
    const QString name = profile(QStringLiteral("roundtrip"));
    m_profilesToClean << name;
    QCOMPARE(runJob(m_store->read(name, SecretKind::AemPassword)).statusId, QStringLiteral("not-found"));
    QCOMPARE(
        runJob(m_store->write(name, SecretKind::AemPassword, SecretString(QStringLiteral("first")))).statusId,
        QStringLiteral("ok"));
    Outcome r = runJob(m_store->read(name, SecretKind::AemPassword));
    QCOMPARE(r.statusId, QStringLiteral("ok"));
    QCOMPARE(r.value, QByteArray("first"));
    // Another kind of the same profile is a separate entry.
    QCOMPARE(runJob(m_store->read(name, SecretKind::AemToken)).statusId, QStringLiteral("not-found"));

    QCOMPARE(runJob(m_store->write(name, SecretKind::AemPassword, SecretString(QStringLiteral("second"))))
                 .statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(m_store->read(name, SecretKind::AemPassword)).value, QByteArray("second"));

    QCOMPARE(runJob(m_store->remove(name, SecretKind::AemPassword)).statusId, QStringLiteral("ok"));
    const Outcome gone = runJob(m_store->read(name, SecretKind::AemPassword));
    QCOMPARE(gone.statusId, QStringLiteral("not-found"));
    QVERIFY(gone.message.contains(name));
    QCOMPARE(runJob(m_store->remove(name, SecretKind::AemPassword)).statusId, QStringLiteral("ok"));
}

void TestSecretStore::realRejectsBadProfiles()
{
    REQUIRE_KEYCHAIN();
    const Outcome o = runJob(
        m_store->write(QStringLiteral("a/b"), SecretKind::AemPassword, SecretString(QStringLiteral("x"))));
    QCOMPARE(o.statusId, QStringLiteral("failed"));
    QVERIFY(o.message.contains(QLatin1String("profile name")));
    QCOMPARE(runJob(m_store->read(QString(), SecretKind::AemPassword)).statusId, QStringLiteral("failed"));
    QCOMPARE(runJob(m_store->remove(QString(), SecretKind::AemPassword)).statusId, QStringLiteral("failed"));
}

void TestSecretStore::realLargeKey()
{
    REQUIRE_KEYCHAIN();
    const QString name = profile(QStringLiteral("largekey"));
    m_profilesToClean << name;
    const QByteArray pem = fakePem(2374); // the DER size of an RSA-4096 PKCS#8 key: ~3.3 KB of PEM
    QVERIFY(pem.size() > 3200);
    QCOMPARE(runJob(m_store->write(name, SecretKind::PrivateKey, SecretString::fromUtf8(pem))).statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(m_store->read(name, SecretKind::PrivateKey)).value, pem);
    QCOMPARE(runJob(m_store->remove(name, SecretKind::PrivateKey)).statusId, QStringLiteral("ok"));
}

// The Windows path (values split over "<key>#n"), run against the real keychain here.
void TestSecretStore::realLargeKeyChunked()
{
    REQUIRE_KEYCHAIN();
    const QString name = profile(QStringLiteral("chunked"));
    m_profilesToClean << name;
    KeychainSecretStore::Options options = m_store->options();
    options.chunkLargeValues = true;
    KeychainSecretStore chunked(options);
    KeychainSecretStore plain(m_store->options()); // sees the raw head

    const QByteArray big = fakePem(3700); // ~5 KB: 3 chunks
    QCOMPARE(runJob(chunked.write(name, SecretKind::PrivateKey, SecretString::fromUtf8(big))).statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(plain.read(name, SecretKind::PrivateKey)).value, QByteArray("chunks:3"));
    QCOMPARE(runJob(chunked.read(name, SecretKind::PrivateKey)).value, big);

    const QByteArray pem = fakePem(2374); // 2 chunks: "#3" must go
    QCOMPARE(runJob(chunked.write(name, SecretKind::PrivateKey, SecretString::fromUtf8(pem))).statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(plain.read(name, SecretKind::PrivateKey)).value, QByteArray("chunks:2"));
    QCOMPARE(runJob(chunked.read(name, SecretKind::PrivateKey)).value, pem);

    const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    auto entryExists = [&](const QString &key) {
        QProcess lookup;
        lookup.start(secretTool, {QStringLiteral("lookup"), QStringLiteral("server"),
                                  QStringLiteral("bpsetup"), QStringLiteral("user"), key});
        lookup.waitForFinished(10000);
        return lookup.exitCode() == 0;
    };
    const QString key = name + QStringLiteral("/privateKey");
    if (!secretTool.isEmpty()) {
        QVERIFY(entryExists(key + QStringLiteral("#2")));
        QVERIFY(!entryExists(key + QStringLiteral("#3")));
    }

    // A small value that looks like a head is chunked so it reads back as itself.
    QCOMPARE(runJob(chunked.write(name, SecretKind::KeyPassphrase, SecretString(QStringLiteral("chunks:2"))))
                 .statusId,
             QStringLiteral("ok"));
    QCOMPARE(runJob(chunked.read(name, SecretKind::KeyPassphrase)).value, QByteArray("chunks:2"));

    QCOMPARE(runJob(chunked.remove(name, SecretKind::PrivateKey)).statusId, QStringLiteral("ok"));
    QCOMPARE(runJob(chunked.remove(name, SecretKind::KeyPassphrase)).statusId, QStringLiteral("ok"));
    QCOMPARE(runJob(chunked.read(name, SecretKind::PrivateKey)).statusId, QStringLiteral("not-found"));
    if (!secretTool.isEmpty()) {
        QVERIFY(!entryExists(key));
        QVERIFY(!entryExists(key + QStringLiteral("#1")));
        QVERIFY(!entryExists(key + QStringLiteral("#2")));
    }
}

void TestSecretStore::realUnicode()
{
    REQUIRE_KEYCHAIN();
    const QString name = profile(QStringLiteral("unicode-ß"));
    m_profilesToClean << name;
    const QString secret = QStringLiteral("pässwörd — 密码 🔑 \"quoted\" \\ end");
    QCOMPARE(runJob(m_store->write(name, SecretKind::ClientSecret, SecretString(secret))).statusId,
             QStringLiteral("ok"));
    const Outcome r = runJob(m_store->read(name, SecretKind::ClientSecret));
    QCOMPARE(r.statusId, QStringLiteral("ok"));
    QCOMPARE(QString::fromUtf8(r.value), secret);
    QCOMPARE(runJob(m_store->remove(name, SecretKind::ClientSecret)).statusId, QStringLiteral("ok"));
}

// Locks a throw-away collection made the default for the test, so the user's login keyring is never locked
// and the test knows the password to unlock it again (gnome-keyring's own unlock needs a prompt).
void TestSecretStore::realLockedKeyring()
{
    REQUIRE_KEYCHAIN();
#ifndef Q_OS_LINUX
    QSKIP("Locking a keyring from a test is implemented for the Secret Service only");
#endif
    const bool headless =
        qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (!envFlag("CI") && !headless && !envFlag("BPSETUP_TEST_LOCK_KEYRING"))
        QSKIP("Changes the default keyring for a moment; runs under CI, headless, or with "
              "BPSETUP_TEST_LOCK_KEYRING=1");

    // A "plain" session: the password travels unencrypted over the private test bus.
    const QDBusMessage session =
        serviceCall(QStringLiteral("OpenSession"),
                    {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
    QVERIFY2(session.type() == QDBusMessage::ReplyMessage, qPrintable(session.errorMessage()));
    DBusSecret master{session.arguments().value(1).value<QDBusObjectPath>(), QByteArray(),
                      QByteArray("bpsetup-test"), QStringLiteral("text/plain")};

    QDBusMessage create = QDBusMessage::createMethodCall(
        kSecrets, kServicePath, QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
        QStringLiteral("CreateWithMasterPassword"));
    QVariantMap props;
    props.insert(QStringLiteral("org.freedesktop.Secret.Collection.Label"),
                 QStringLiteral("bpsetup test %1").arg(m_prefix));
    create << props << QVariant::fromValue(master);
    const QDBusMessage created = QDBusConnection::sessionBus().call(create, QDBus::Block, 10000);
    if (created.type() != QDBusMessage::ReplyMessage)
        QSKIP(qPrintable(
            QStringLiteral("The secrets service is not gnome-keyring (%1)").arg(created.errorMessage())));
    const QString collection = created.arguments().value(0).value<QDBusObjectPath>().path();

    const QDBusMessage alias = serviceCall(QStringLiteral("ReadAlias"), {QStringLiteral("default")});
    const QDBusObjectPath oldDefault = alias.arguments().value(0).value<QDBusObjectPath>();
    auto restore = qScopeGuard([&] {
        serviceCall(QStringLiteral("SetAlias"), {QStringLiteral("default"), QVariant::fromValue(oldDefault)});
        QDBusMessage del = QDBusMessage::createMethodCall(kSecrets, collection,
                                                          QStringLiteral("org.freedesktop.Secret.Collection"),
                                                          QStringLiteral("Delete"));
        QDBusConnection::sessionBus().call(del, QDBus::Block, 10000);
    });
    const QDBusMessage setAlias =
        serviceCall(QStringLiteral("SetAlias"),
                    {QStringLiteral("default"), QVariant::fromValue(QDBusObjectPath(collection))});
    QVERIFY2(setAlias.type() == QDBusMessage::ReplyMessage, qPrintable(setAlias.errorMessage()));

    const QString name = profile(QStringLiteral("locked"));
    m_profilesToClean << name;
    QCOMPARE(
        runJob(m_store->write(name, SecretKind::AemPassword, SecretString(QStringLiteral("kept")))).statusId,
        QStringLiteral("ok"));

    const QDBusMessage lock = serviceCall(
        QStringLiteral("Lock"), {QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(collection)})});
    QVERIFY2(lock.type() == QDBusMessage::ReplyMessage, qPrintable(lock.errorMessage()));
    QVERIFY(collectionLocked(kDefaultAlias));

    const Outcome probe = runJob(m_store->probe());
    QCOMPARE(probe.statusId, QStringLiteral("locked"));
    QVERIFY(probe.message.contains(QLatin1String("locked")));
    const Outcome read = runJob(m_store->read(name, SecretKind::AemPassword));
    QCOMPARE(read.statusId, QStringLiteral("locked")); // not "not-found": 0.13 alone would say that
    QVERIFY(read.value.isEmpty());
    QCOMPARE(runJob(m_store->read(name, SecretKind::AemToken)).statusId, QStringLiteral("locked"));
    QCOMPARE(runJob(m_store->write(name, SecretKind::AemPassword, SecretString(QStringLiteral("replaced"))))
                 .statusId,
             QStringLiteral("locked"));
    QCOMPARE(runJob(m_store->remove(name, SecretKind::AemPassword)).statusId, QStringLiteral("locked"));

    QDBusMessage unlock = QDBusMessage::createMethodCall(
        kSecrets, kServicePath, QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
        QStringLiteral("UnlockWithMasterPassword"));
    unlock << QVariant::fromValue(QDBusObjectPath(collection)) << QVariant::fromValue(master);
    const QDBusMessage unlocked = QDBusConnection::sessionBus().call(unlock, QDBus::Block, 10000);
    QVERIFY2(unlocked.type() == QDBusMessage::ReplyMessage, qPrintable(unlocked.errorMessage()));
    QVERIFY(!collectionLocked(kDefaultAlias));

    const Outcome after = runJob(m_store->read(name, SecretKind::AemPassword));
    QCOMPARE(after.statusId, QStringLiteral("ok"));
    QCOMPARE(after.value, QByteArray("kept"));
    QCOMPARE(runJob(m_store->remove(name, SecretKind::AemPassword)).statusId, QStringLiteral("ok"));
}

void TestSecretStore::noDbusSession()
{
#ifndef Q_OS_LINUX
    QSKIP("D-Bus is only used on Linux");
#endif
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // libdbus would fall back to $XDG_RUNTIME_DIR/bus
    const HelperRun run = runHelper(QCoreApplication::applicationFilePath(),
                                    {QStringLiteral("--probe-helper"), QStringLiteral("5000")}, env, 30000);
    QVERIFY2(run.finished, run.err.constData());
    QCOMPARE(run.fields.value(QStringLiteral("probe.status")), QStringLiteral("no-service"));
    QVERIFY2(run.fields.value(QStringLiteral("probe.message")).startsWith(QLatin1String("No D-Bus session")),
             qPrintable(run.fields.value(QStringLiteral("probe.message"))));
    // A read cannot tell "not found" without a keychain either.
    QCOMPARE(run.fields.value(QStringLiteral("read.status")), QStringLiteral("no-service"));
}

// A secrets service that owns its name but never answers: the probe and a QtKeychain read both end with
// Timeout at the deadline instead of hanging (libsecret would wait 25 s per call).
void TestSecretStore::hungSecretsService()
{
#ifndef Q_OS_LINUX
    QSKIP("Needs a private D-Bus session");
#endif
    const QString dbusRunSession = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (dbusRunSession.isEmpty()) {
        if (envFlag("CI"))
            QFAIL("dbus-run-session is missing");
        QSKIP("dbus-run-session is not installed");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const HelperRun run = runHelper(dbusRunSession,
                                    {QStringLiteral("--"), QCoreApplication::applicationFilePath(),
                                     QStringLiteral("--hung-service-helper"), QStringLiteral("1500")},
                                    env, 60000);
    QVERIFY2(run.finished, run.err.constData());
    QVERIFY2(!run.fields.contains(QStringLiteral("setup.error")),
             qPrintable(run.fields.value(QStringLiteral("setup.error"))));
    QCOMPARE(run.fields.value(QStringLiteral("probe.status")), QStringLiteral("timeout"));
    QCOMPARE(run.fields.value(QStringLiteral("read.status")), QStringLiteral("timeout"));
    // "timeout" within the helper's guard (4 x 1.5 s) means the store's own 1.5 s bound ended both calls:
    // libsecret's 25 s D-Bus timeout would have shown as "hang". The messages name that bound.
    for (const QString &label : {QStringLiteral("probe"), QStringLiteral("read")}) {
        const QString message = run.fields.value(label + QStringLiteral(".message"));
        QVERIFY2(message.contains(QLatin1String("did not answer within 2 seconds")), qPrintable(message));
    }
}

// What libsecret, gnome-keyring and D-Bus say becomes words with a next step; the raw text never stands alone
// for a known cause, and an unknown one is still shown as the detail.
void TestSecretStore::backendDetailInPlainWords_data()
{
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("expected");
    QTest::newRow("prompt dismissed")
        << QStringLiteral("Prompt was dismissed") << SecretMessages::promptDismissed();
    QTest::newRow("prompt cancelled")
        << QStringLiteral("The prompt was cancelled") << SecretMessages::promptDismissed();
    QTest::newRow("locked collection (gnome-keyring)")
        << QStringLiteral("Cannot create an item in a locked collection") << SecretMessages::locked();
    QTest::newRow("IsLocked (D-Bus name)")
        << QStringLiteral("org.freedesktop.Secret.Error.IsLocked: Item is locked")
        << SecretMessages::locked();
    QTest::newRow("no service")
        << QStringLiteral(
               "GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets "
               "was not provided by any .service files")
        << SecretMessages::noService();
    QTest::newRow("no session bus") << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")
                                    << SecretMessages::noDbusSession();
    QTest::newRow("unknown stays the detail")
        << QStringLiteral("Something else broke")
        << SecretMessages::failed(QStringLiteral("Something else broke"));
}

void TestSecretStore::backendDetailInPlainWords()
{
    QFETCH(QString, detail);
    QFETCH(QString, expected);
    QCOMPARE(SecretMessages::fromBackendDetail(detail), expected);
    QVERIFY(expected.contains(QLatin1String("Something else broke")) ||
            !expected.contains(detail, Qt::CaseInsensitive));
}

int main(int argc, char **argv)
{
    if (argc >= 2 &&
        (qstrcmp(argv[1], "--probe-helper") == 0 || qstrcmp(argv[1], "--hung-service-helper") == 0))
        return helperMain(argc, argv);
    QCoreApplication app(argc, argv);
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
