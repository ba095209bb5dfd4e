// SPDX-License-Identifier: Apache-2.0
// The tool's own files and the files it reads: BoundedFile's caps and refusals (FIFO, device, folder),
// damaged profiles and trust stores kept aside byte for byte (or, when they cannot be moved, never written
// over), and ProfileManager's operations leaving the keychain and the profiles file as they were when a step
// fails. Always temporary folders, a ManualClock and a MemorySecretStore.
#include "ManualClock.h"
#include "TestSupport.h"

#include "io/ActivityLog.h"
#include "io/AppPaths.h"
#include "io/BoundedFile.h"
#include "net/TrustStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "secrets/MemorySecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <atomic>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace bp;
using bp::test::ManualClock;

Q_DECLARE_METATYPE(bp::InputFileKind)

namespace {

// Long enough that "<name>.damaged-<yyyyMMdd-HHmmss-zzz>" (28 more bytes) exceeds NAME_MAX (255): the rename
// that keeps a damaged file aside fails with ENAMETOOLONG, even for root, while the file itself is usable.
constexpr int kNoRoomToKeepAside = 240;
// Long enough that QSaveFile's temporary "<name>.XXXXXX" exceeds NAME_MAX too: the file reads fine, and
// every save of it fails.
constexpr int kNoRoomToSave = 250;

QString longName(int length)
{
    return QString(length - 5, QLatin1Char('p')) + QStringLiteral(".json");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size() && f.flush();
}

bool makeFifo(const QString &path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

bool isFifo(const QString &path)
{
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// The names in dir, sorted (QDir::Name), files of every type.
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                               QDir::Name);
}

// A valid profiles file holding `names`, as this version writes it.
QByteArray profilesFile(const QStringList &names)
{
    QJsonArray list;
    for (const QString &name : names)
        list.append(test::sampleProfile(name).toJson());
    return QJsonDocument(
               QJsonObject{{QStringLiteral("schemaVersion"), 1}, {QStringLiteral("profiles"), list}})
        .toJson();
}

const QByteArray kFingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

// What the keychain holds, entry by entry, for before/after comparisons.
QMap<QString, QByteArray> snapshot(const MemorySecretStore &store)
{
    QMap<QString, QByteArray> out;
    for (const QString &key : store.keys()) {
        const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
        const QString profile = key.left(slash);
        const QString kindId = key.mid(slash + 1);
        for (SecretKind kind : ProfileManager::allSecretKinds()) {
            if (secretKindId(kind) == kindId)
                out.insert(key, store.storedValue(profile, kind).revealUtf8());
        }
    }
    return out;
}

// A MemorySecretStore whose n-th write job from now fails with `status` (the keychain refusing that one
// write); the jobs before and after it behave normally. ProfileManager creates some write jobs up front and
// some only when it is their turn, so the failure is armed when that job starts, whenever it was made.
class FailingWriteStore : public MemorySecretStore
{
public:
    void failWrite(int n, SecretStatus status)
    {
        m_failAt = m_writes + n;
        m_status = status;
    }
    int writesCreated() const { return m_writes; }

    SecretJob *write(const QString &profile, SecretKind kind, const SecretString &value) override
    {
        SecretJob *job = MemorySecretStore::write(profile, kind, value);
        if (++m_writes == m_failAt)
            QObject::connect(job, &Task::started, this, [this] { failNext(m_status, 1); });
        return job;
    }

private:
    int m_writes = 0;
    int m_failAt = -1;
    SecretStatus m_status = SecretStatus::Failed;
};

// Runs an operation to its end (MemorySecretStore answers on the next event-loop turn) and keeps it alive
// for inspection.
bool runOperation(ProfileOperation *op)
{
    QSignalSpy spy(op, &Task::finished);
    op->start();
    return spy.wait(5000) && spy.count() == 1 && op->isFinished();
}

bool storeSecret(MemorySecretStore &store, const QString &profile, SecretKind kind, const QByteArray &value)
{
    std::unique_ptr<SecretJob> job(store.write(profile, kind, SecretString::fromUtf8(value)));
    QSignalSpy spy(job.get(), &Task::finished);
    job->start();
    return spy.wait(5000) && job->status() == SecretStatus::Ok;
}

} // namespace

class TestFiles : public QObject
{
    Q_OBJECT

private slots:
    void appPathsAreOneFolderDeep();
    void migrationMovesWithoutLosing_data();
    void migrationMovesWithoutLosing();
    void activityLogAppendsAndRotates();
    void activityLogUnwritableSaysWhere();
    // BoundedFile
    void capIsExact_data();
    void capIsExact();
    void notRegularRefusedWithoutReading_data();
    void notRegularRefusedWithoutReading();
    void fifoWithoutWriterDoesNotBlock();
    void missingFileIsUnreadable();
    void keepAsideNamesAreUnique();

    // ProfileStore
    void profilesDamagedButCannotBeMoved();
    void profilesDamagedTwiceInOneMillisecond();
    void profilesDamaged_data();
    void profilesDamaged();
    void profilesNewerIsReadOnly();
    void profilesVersion0Migrates();
    void profilesPathNotAFile_data();
    void profilesPathNotAFile();

    // TrustStore
    void trustStoreDamaged_data();
    void trustStoreDamaged();
    void trustStoreDamagedButCannotBeMoved();
    void fingerprints_data();
    void fingerprints();

    // ProfileManager
    void saveUndoesKeychainWhenAWriteFails();
    void saveRefusedBeforeKeychainWhenFileNotWritable_data();
    void saveRefusedBeforeKeychainWhenFileNotWritable();
    void removePutsSecretsBackWhenFileCannotBeSaved();
    void renameFailingLeavesNoCopies_data();
    void renameFailingLeavesNoCopies();
};

// --- BoundedFile ----------------------------------------------------------------------------------------

void TestFiles::capIsExact_data()
{
    QTest::addColumn<InputFileKind>("kind");
    QTest::newRow("credential") << InputFileKind::Credential;
    QTest::newRow("private key") << InputFileKind::PrivateKey;
    QTest::newRow("certificate") << InputFileKind::Certificate;
    QTest::newRow("CA bundle") << InputFileKind::CaBundle;
    QTest::newRow("recipe") << InputFileKind::Recipe;
    QTest::newRow("profiles") << InputFileKind::Profiles;
    QTest::newRow("trust store") << InputFileKind::TrustStore;
}

void TestFiles::capIsExact()
{
    QFETCH(InputFileKind, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 cap = BoundedFile::capBytes(kind);
    QVERIFY(cap > 0);

    // Not all one byte, so a read that drops or repeats a block is caught.
    QByteArray atCap(cap, 'a');
    for (qint64 i = 0; i < cap; i += 4093)
        atCap[i] = char('0' + i % 10);
    const QString exact = dir.filePath(QStringLiteral("exact"));
    QVERIFY(writeAll(exact, atCap));
    const auto whole = BoundedFile::read(exact, kind);
    QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().userMessage));
    QCOMPARE(whole.value().size(), cap);
    QVERIFY(whole.value() == atCap);

    const QString over = dir.filePath(QStringLiteral("over"));
    QVERIFY(writeAll(over, atCap + 'z'));
    const auto refused = BoundedFile::read(over, kind);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().id, QStringLiteral("file-too-large"));
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    QVERIFY2(refused.error().userMessage.contains(QDir::toNativeSeparators(over)),
             qPrintable(refused.error().userMessage));
    QVERIFY2(refused.error().userMessage.contains(BoundedFile::describe(kind)),
             qPrintable(refused.error().userMessage));
}

void TestFiles::notRegularRefusedWithoutReading_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<InputFileKind>("kind");
    // /dev/zero never ends: reading it would end in "file-too-large" after cap+1 bytes, not in this id.
    QTest::newRow("/dev/zero as a credential") << QStringLiteral("/dev/zero") << InputFileKind::Credential;
    QTest::newRow("/dev/zero as a CA bundle") << QStringLiteral("/dev/zero") << InputFileKind::CaBundle;
    // Reading a folder fails with EISDIR: that would be "file-unreadable".
    QTest::newRow("folder as a private key") << QStringLiteral("folder") << InputFileKind::PrivateKey;
    QTest::newRow("folder as profiles") << QStringLiteral("folder") << InputFileKind::Profiles;
}

void TestFiles::notRegularRefusedWithoutReading()
{
    QFETCH(QString, what);
    QFETCH(InputFileKind, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = what;
    if (what == QLatin1String("folder")) {
        path = dir.filePath(QStringLiteral("a-folder"));
        QVERIFY(QDir().mkpath(path));
    }
    QVERIFY(QFileInfo::exists(path));
    const auto r = BoundedFile::read(path, kind);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id, QStringLiteral("file-not-regular"));
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().userMessage.contains(QDir::toNativeSeparators(path)),
             qPrintable(r.error().userMessage));
    QVERIFY2(r.error().userMessage.contains(BoundedFile::describe(kind)), qPrintable(r.error().userMessage));
}

void TestFiles::fifoWithoutWriterDoesNotBlock()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("credential.json"));
    QVERIFY(makeFifo(fifo));

    // In a thread, so that a read that blocks fails this test instead of hanging it.
    std::optional<Result<QByteArray>> result;
    std::atomic<bool> returned{false};
    std::unique_ptr<QThread> reader(QThread::create([&] {
        result.emplace(BoundedFile::read(fifo, InputFileKind::Credential));
        returned = true;
    }));
    reader->start();
    const bool inTime = QTest::qWaitFor([&] { return returned.load(); }, 5000);
    if (!inTime) {
        // Release a reader stuck in open() or read(): a writer comes and goes, the reader sees end of file.
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            ::close(fd);
    }
    QVERIFY(reader->wait(10000));
    QVERIFY2(inTime, "BoundedFile::read blocked on a FIFO without a writer");
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().id, QStringLiteral("file-not-regular"));
    QCOMPARE(result->error().code, ErrorCode::InvalidInput);
    QVERIFY(result->error().userMessage.contains(QDir::toNativeSeparators(fifo)));
    QVERIFY(result->error().userMessage.contains(BoundedFile::describe(InputFileKind::Credential)));
    QVERIFY(isFifo(fifo));
}

void TestFiles::missingFileIsUnreadable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("no-such-key.pem"));
    const auto r = BoundedFile::read(missing, InputFileKind::PrivateKey);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id, QStringLiteral("file-unreadable"));
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().userMessage.contains(QDir::toNativeSeparators(missing)),
             qPrintable(r.error().userMessage));
    QVERIFY2(r.error().userMessage.contains(BoundedFile::describe(InputFileKind::PrivateKey)),
             qPrintable(r.error().userMessage));
    QCOMPARE(BoundedFile::describe(InputFileKind::PrivateKey), QStringLiteral("private key"));

    const auto empty = BoundedFile::read(QString(), InputFileKind::Credential);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().id, QStringLiteral("file-unreadable"));
}

void TestFiles::keepAsideNamesAreUnique()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QDateTime now(QDate(2026, 12, 1), QTime(9, 0, 0, 123), Qt::UTC);

    QStringList kept;
    const QList<QByteArray> contents{"first damage", "second damage", "third damage"};
    for (const QByteArray &content : contents) {
        QVERIFY(writeAll(path, content));
        const QString target = BoundedFile::keepDamagedAside(path, now); // the same millisecond each time
        QVERIFY(!target.isEmpty());
        QVERIFY(!QFileInfo::exists(path));
        kept << target;
    }
    // The time, a random tail (another process in the same millisecond), and a counter when even that
    // repeats.
    static const QRegularExpression shape(
        QStringLiteral("\\.damaged-20261201-090000-123-[0-9a-f]{4}(-[0-9]+)?$"));
    for (const QString &name : std::as_const(kept))
        QVERIFY2(name.startsWith(path) && shape.match(name).hasMatch(), qPrintable(name));
    QCOMPARE(QSet<QString>(kept.begin(), kept.end()).size(), kept.size());
    for (int i = 0; i < contents.size(); ++i)
        QCOMPARE(readAll(kept.at(i)), contents.at(i));

    // A name with no room for the suffix: the rename fails and the file stays where it was.
    const QString tooLong = dir.filePath(longName(kNoRoomToKeepAside));
    QVERIFY(writeAll(tooLong, "x"));
    QCOMPARE(BoundedFile::keepDamagedAside(tooLong, now), QString());
    QCOMPARE(readAll(tooLong), QByteArray("x"));
}

// --- ProfileStore ---------------------------------------------------------------------------------------

void TestFiles::profilesDamagedButCannotBeMoved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(longName(kNoRoomToKeepAside));
    const QByteArray damaged = "{\"schemaVersion\":1,\"profiles\":[{\"name\":\"half";
    QVERIFY(writeAll(path, damaged));

    ProfileStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().id, QStringLiteral("profiles-damaged-kept"));
    QCOMPARE(loaded.error().code, ErrorCode::Parse);
    QVERIFY(loaded.error().userMessage.contains(QDir::toNativeSeparators(path)));
    QVERIFY(store.movedAsidePath().isEmpty());
    QVERIFY(!store.isWritable());

    store.upsert(test::sampleProfile(QStringLiteral("new")));
    const auto saved = store.save();
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().id, QStringLiteral("profiles-not-writable"));
    QCOMPARE(saved.error().code, ErrorCode::Storage);
    QCOMPARE(readAll(path), damaged);
    QCOMPARE(entries(dir.path()), QStringList{longName(kNoRoomToKeepAside)});
}

void TestFiles::profilesDamagedTwiceInOneMillisecond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock; // never advanced: both failures happen at the same time
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray first = "not json at all";
    const QByteArray second = "{\"schemaVersion\":1,\"profiles\":5}";

    QVERIFY(writeAll(path, first));
    ProfileStore one(path, clock);
    const auto r1 = one.load();
    QVERIFY(!r1.ok());
    QCOMPARE(r1.error().id, QStringLiteral("profiles-damaged"));

    QVERIFY(writeAll(path, second));
    ProfileStore two(path, clock);
    const auto r2 = two.load();
    QVERIFY(!r2.ok());
    QCOMPARE(r2.error().id, QStringLiteral("profiles-damaged"));

    QVERIFY(!one.movedAsidePath().isEmpty());
    QVERIFY(!two.movedAsidePath().isEmpty());
    QVERIFY(one.movedAsidePath() != two.movedAsidePath());
    QCOMPARE(readAll(one.movedAsidePath()), first);
    QCOMPARE(readAll(two.movedAsidePath()), second);
    QCOMPARE(entries(dir.path()).size(), 2);
}

void TestFiles::profilesDamaged_data()
{
    QTest::addColumn<QByteArray>("content");
    const QByteArray good = "{\"name\":\"prod\",\"aemUrl\":\"https://a.example.com\"}";
    QTest::newRow("not JSON") << QByteArray("{\"schemaVersion\":1,\"profiles\":[" + good);
    QTest::newRow("a JSON list") << QByteArray("[" + good + "]");
    QTest::newRow("profiles is an object")
        << QByteArray("{\"schemaVersion\":1,\"profiles\":{\"prod\":" + good + "}}");
    QTest::newRow("profiles is a number") << QByteArray("{\"schemaVersion\":1,\"profiles\":5}");
    QTest::newRow("profiles is a string") << QByteArray("{\"schemaVersion\":1,\"profiles\":\"prod\"}");
    QTest::newRow("profiles is missing") << QByteArray("{\"schemaVersion\":1}");
    QTest::newRow("a profile is not an object")
        << QByteArray("{\"schemaVersion\":1,\"profiles\":[" + good + ",\"other\"]}");
    QTest::newRow("aemUrl is a number")
        << QByteArray("{\"schemaVersion\":1,\"profiles\":[{\"name\":\"prod\",\"aemUrl\":5}]}");
    QTest::newRow("scopes is a string")
        << QByteArray("{\"schemaVersion\":1,\"profiles\":[{\"name\":\"prod\",\"scopes\":\"x\"}]}");
    QTest::newRow("scopes holds a number")
        << QByteArray("{\"schemaVersion\":1,\"profiles\":[{\"name\":\"prod\",\"scopes\":[\"openid\",5]}]}");
    QTest::newRow("name is a number") << QByteArray("{\"schemaVersion\":1,\"profiles\":[{\"name\":5}]}");
    QTest::newRow("no name") << QByteArray("{\"schemaVersion\":1,\"profiles\":[{\"aemUser\":\"admin\"}]}");
    QTest::newRow("duplicate names") << QByteArray("{\"schemaVersion\":1,\"profiles\":[" + good + "," + good +
                                                   "]}");
    QTest::newRow("schemaVersion is a string")
        << QByteArray("{\"schemaVersion\":\"1\",\"profiles\":[" + good + "]}");
    QTest::newRow("schemaVersion 1e30") << QByteArray("{\"schemaVersion\":1e30,\"profiles\":[" + good + "]}");
    QTest::newRow("schemaVersion 1.5") << QByteArray("{\"schemaVersion\":1.5,\"profiles\":[" + good + "]}");
    QTest::newRow("schemaVersion -1") << QByteArray("{\"schemaVersion\":-1,\"profiles\":[" + good + "]}");
    QTest::newRow("schemaVersion null") << QByteArray("{\"schemaVersion\":null,\"profiles\":[" + good + "]}");
    QTest::newRow("version 0, profiles a number") << QByteArray("{\"profiles\":5}");
    QTest::newRow("version 0, a profile not an object") << QByteArray("{\"profiles\":{\"prod\":1}}");
}

void TestFiles::profilesDamaged()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    QVERIFY(writeAll(path, content));

    ProfileStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY2(!loaded.ok(), "a damaged file must be reported, not read as an empty store");
    QCOMPARE(loaded.error().id, QStringLiteral("profiles-damaged"));
    QCOMPARE(loaded.error().code, ErrorCode::Parse);
    const QString kept = store.movedAsidePath();
    QVERIFY2(kept.startsWith(path + QStringLiteral(".damaged-20261201-090000-000-")), qPrintable(kept));
    QVERIFY2(loaded.error().userMessage.contains(QDir::toNativeSeparators(kept)),
             qPrintable(loaded.error().userMessage));
    QCOMPARE(readAll(kept), content);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(store.profiles().isEmpty());
    QVERIFY(store.isWritable());

    // The store is usable afterwards; saving writes a fresh file and leaves the kept one alone.
    store.upsert(test::sampleProfile(QStringLiteral("fresh")));
    const auto saved = store.save();
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().userMessage));
    QCOMPARE(readAll(kept), content);
    QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("profiles.json"), QFileInfo(kept).fileName()}));
    ProfileStore again(path, clock);
    QVERIFY(again.load().ok());
    QCOMPARE(again.profiles().size(), 1);
    QCOMPARE(again.profiles().first().name, QStringLiteral("fresh"));
    QCOMPARE(readAll(kept), content);
}

void TestFiles::profilesNewerIsReadOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray newer = "{\"schemaVersion\":2,\"profiles\":[{\"name\":\"prod\",\"aemUser\":\"admin\","
                             "\"somethingNew\":[1,2]}],\"more\":true}";
    QVERIFY(writeAll(path, newer));

    ProfileStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().id, QStringLiteral("profiles-newer"));
    QCOMPARE(loaded.error().code, ErrorCode::Unsupported);
    QVERIFY(store.isReadOnly());
    QVERIFY(!store.isWritable());
    QVERIFY(store.movedAsidePath().isEmpty());
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.find(QStringLiteral("prod"))->aemUser, QStringLiteral("admin"));

    store.upsert(test::sampleProfile(QStringLiteral("other")));
    const auto saved = store.save();
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().id, QStringLiteral("profiles-newer"));
    QCOMPARE(saved.error().code, ErrorCode::Unsupported);
    QCOMPARE(readAll(path), newer);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("profiles.json")});
}

void TestFiles::profilesVersion0Migrates()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray v0 =
        "{\"profiles\":{\"legacy\":{\"url\":\"http://localhost:4502\",\"user\":\"admin\"}}}";
    QVERIFY(writeAll(path, v0));

    ProfileStore store(path, clock);
    QVERIFY(store.load().ok());
    QCOMPARE(store.migratedFromVersion(), 0);
    QCOMPARE(store.find(QStringLiteral("legacy"))->aemUrl, QUrl(QStringLiteral("http://localhost:4502")));
    QCOMPARE(readAll(path), v0); // loading alone changes nothing
    QVERIFY(store.save().ok());
    QCOMPARE(readAll(path + QStringLiteral(".v0.bak")), v0);
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("profiles")).toArray().size(), 1);

    ProfileStore again(path, clock);
    QVERIFY(again.load().ok());
    QCOMPARE(again.migratedFromVersion(), -1);
    QCOMPARE(again.find(QStringLiteral("legacy"))->aemUser, QStringLiteral("admin"));
    QCOMPARE(entries(dir.path()),
             (QStringList{QStringLiteral("profiles.json"), QStringLiteral("profiles.json.v0.bak")}));
}

void TestFiles::profilesPathNotAFile_data()
{
    QTest::addColumn<bool>("fifo");
    QTest::newRow("FIFO") << true;
    QTest::newRow("folder") << false;
}

void TestFiles::profilesPathNotAFile()
{
    QFETCH(bool, fifo);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    if (fifo)
        QVERIFY(makeFifo(path));
    else
        QVERIFY(QDir().mkpath(path));

    ProfileStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().id, QStringLiteral("profiles-unreadable"));
    QCOMPARE(loaded.error().code, ErrorCode::Storage);
    QVERIFY(!store.isWritable());
    QVERIFY(store.movedAsidePath().isEmpty());
    store.upsert(test::sampleProfile(QStringLiteral("new")));
    const auto saved = store.save();
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().id, QStringLiteral("profiles-not-writable"));
    QCOMPARE(saved.error().code, ErrorCode::Storage);
    if (fifo)
        QVERIFY(isFifo(path));
    else
        QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("profiles.json")});
}

// --- TrustStore -----------------------------------------------------------------------------------------

void TestFiles::trustStoreDamaged_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not JSON") << QByteArray("{\"pins\":{\"a.example.com:443\":\"" + kFingerprint);
    QTest::newRow("a JSON list") << QByteArray("[]");
    QTest::newRow("pins missing") << QByteArray("{\"schemaVersion\":1}");
    QTest::newRow("pins is a list") << QByteArray("{\"schemaVersion\":1,\"pins\":[\"" + kFingerprint +
                                                  "\"]}");
    QTest::newRow("pins is a string")
        << QByteArray("{\"schemaVersion\":1,\"pins\":\"" + kFingerprint + "\"}");
    QTest::newRow("pin is not hex") << QByteArray("{\"schemaVersion\":1,\"pins\":{\"a.example.com:443\":\"" +
                                                  kFingerprint.left(63) + "g\"}}");
    QTest::newRow("pin is 63 digits") << QByteArray(
        "{\"schemaVersion\":1,\"pins\":{\"a.example.com:443\":\"" + kFingerprint.left(63) + "\"}}");
    QTest::newRow("pin is SHA-1 sized") << QByteArray(
        "{\"schemaVersion\":1,\"pins\":{\"a.example.com:443\":\"" + kFingerprint.left(40) + "\"}}");
    QTest::newRow("pin is a number") << QByteArray(
        "{\"schemaVersion\":1,\"pins\":{\"a.example.com:443\":5}}");
    QTest::newRow("second pin bad") << QByteArray("{\"schemaVersion\":1,\"pins\":{\"a.example.com:443\":\"" +
                                                  kFingerprint + "\",\"b.example.com:443\":\"\"}}");
}

void TestFiles::trustStoreDamaged()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("trusted-certificates.json"));
    QVERIFY(writeAll(path, content));

    TrustStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().id, QStringLiteral("trust-store-damaged"));
    QCOMPARE(loaded.error().code, ErrorCode::Parse);
    const QString kept = store.movedAsidePath();
    QVERIFY2(kept.startsWith(path + QStringLiteral(".damaged-20261201-090000-000-")), qPrintable(kept));
    QVERIFY(loaded.error().userMessage.contains(QDir::toNativeSeparators(kept)));
    QCOMPARE(readAll(kept), content);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(store.pins().isEmpty());
    QVERIFY(store.isWritable());

    store.pin(QStringLiteral("c.example.com:8443"), QString::fromLatin1(kFingerprint));
    QVERIFY(store.save().ok());
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("pins")).toObject(),
             (QJsonObject{{QStringLiteral("c.example.com:8443"), QString::fromLatin1(kFingerprint)}}));
    QCOMPARE(readAll(kept), content);
    TrustStore again(path, clock);
    QVERIFY(again.load().ok());
    QCOMPARE(again.pinFor(QStringLiteral("c.example.com:8443")), QString::fromLatin1(kFingerprint));
}

void TestFiles::trustStoreDamagedButCannotBeMoved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    const QString path = dir.filePath(longName(kNoRoomToKeepAside));
    const QByteArray damaged = "{\"schemaVersion\":1,\"pins\":[]}";
    QVERIFY(writeAll(path, damaged));

    TrustStore store(path, clock);
    const auto loaded = store.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().id, QStringLiteral("trust-store-damaged-kept"));
    QCOMPARE(loaded.error().code, ErrorCode::Parse);
    QVERIFY(store.movedAsidePath().isEmpty());
    QVERIFY(!store.isWritable());
    store.pin(QStringLiteral("a.example.com:443"), QString::fromLatin1(kFingerprint));
    const auto saved = store.save();
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().id, QStringLiteral("trust-store-not-writable"));
    QCOMPARE(saved.error().code, ErrorCode::Storage);
    QCOMPARE(readAll(path), damaged);
    QCOMPARE(entries(dir.path()), QStringList{longName(kNoRoomToKeepAside)});
}

void TestFiles::fingerprints_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString fp = QString::fromLatin1(kFingerprint);
    QString colons;
    for (int i = 0; i < fp.size(); i += 2)
        colons += (i ? QStringLiteral(":") : QString()) + fp.mid(i, 2);
    QTest::newRow("plain") << fp << fp;
    QTest::newRow("upper case") << fp.toUpper() << fp;
    QTest::newRow("colons, upper case") << colons.toUpper() << fp;
    QTest::newRow("colons, lower case") << colons << fp;
    QTest::newRow("mixed case") << QStringLiteral("0123456789ABCdef") + fp.mid(16) << fp;
    QTest::newRow("surrounding spaces") << QStringLiteral("  ") + fp + QStringLiteral("\n") << fp;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("63 digits") << fp.left(63) << QString();
    QTest::newRow("65 digits") << fp + QStringLiteral("0") << QString();
    QTest::newRow("SHA-1") << fp.left(40) << QString();
    QTest::newRow("not hex") << fp.left(63) + QStringLiteral("g") << QString();
    QTest::newRow("spaces between bytes")
        << QString(colons).replace(QLatin1Char(':'), QLatin1Char(' ')) << QString();
    QTest::newRow("dashes") << QString(colons).replace(QLatin1Char(':'), QLatin1Char('-')) << QString();
    QTest::newRow("openssl prefix") << QStringLiteral("SHA256 Fingerprint=") + colons << QString();
    QTest::newRow("base64") << QStringLiteral("ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=") << QString();
}

void TestFiles::fingerprints()
{
    QFETCH(QString, input);
    QTEST(TrustStore::normaliseFingerprint(input), "expected");
}

// --- ProfileManager -------------------------------------------------------------------------------------

void TestFiles::saveUndoesKeychainWhenAWriteFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    FailingWriteStore secrets;
    secrets.setClock(clock);
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray file = profilesFile({QStringLiteral("prod"), QStringLiteral("other")});
    QVERIFY(writeAll(path, file));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::AemPassword, "old password"));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::PrivateKey, "old key"));
    QVERIFY(storeSecret(secrets, QStringLiteral("other"), SecretKind::ClientSecret, "other's secret"));
    const QMap<QString, QByteArray> before = snapshot(secrets);
    QCOMPARE(before.size(), 3);

    ProfileManager manager(&secrets, path);
    manager.setClock(clock);
    Profile changed = test::sampleProfile(QStringLiteral("prod"));
    changed.aemUser = QStringLiteral("someone-else");
    // Replaces a stored value, adds a new entry, and fails on the third (a stored one).
    secrets.failWrite(3, SecretStatus::Failed);
    std::unique_ptr<ProfileOperation> op(
        manager.save(changed, {{SecretKind::AemPassword, SecretString(QStringLiteral("new password"))},
                               {SecretKind::ClientSecret, SecretString(QStringLiteral("new client secret"))},
                               {SecretKind::PrivateKey, SecretString(QStringLiteral("new key"))}}));
    const int jobsBefore = secrets.jobsStarted();
    QVERIFY(runOperation(op.get()));

    QCOMPARE(op->state(), Task::State::Failed);
    QCOMPARE(op->result().error().id, QStringLiteral("keychain-failed"));
    QCOMPARE(op->result().error().code, ErrorCode::Keychain);
    QVERIFY(op->rolledBack());
    QVERIFY(op->written().isEmpty());
    // probe, 3 reads, 3 writes (the third refused), then the undo of all three: a refused write may still
    // have landed (a read-back mismatch), so it is undone too.
    QCOMPARE(secrets.jobsStarted() - jobsBefore, 1 + 3 + 3 + 3);
    QCOMPARE(snapshot(secrets), before);
    QCOMPARE(secrets.keys(), before.keys());
    QCOMPARE(secrets.storedValue(QStringLiteral("prod"), SecretKind::AemPassword).revealUtf8(),
             QByteArray("old password"));
    QVERIFY(!secrets.contains(QStringLiteral("prod"), SecretKind::ClientSecret));
    QCOMPARE(readAll(path), file);
}

void TestFiles::saveRefusedBeforeKeychainWhenFileNotWritable_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("errorId");
    QTest::newRow("profiles.json is a FIFO")
        << QStringLiteral("fifo") << QStringLiteral("profiles-unreadable");
    QTest::newRow("profiles.json is a folder")
        << QStringLiteral("folder") << QStringLiteral("profiles-unreadable");
    QTest::newRow("damaged, cannot be moved aside")
        << QStringLiteral("damaged-kept") << QStringLiteral("profiles-damaged-kept");
    QTest::newRow("written by a newer bpsetup")
        << QStringLiteral("newer") << QStringLiteral("profiles-newer");
}

void TestFiles::saveRefusedBeforeKeychainWhenFileNotWritable()
{
    QFETCH(QString, setup);
    QFETCH(QString, errorId);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    MemorySecretStore secrets;
    secrets.setClock(clock);
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::AemPassword, "old password"));
    const QMap<QString, QByteArray> before = snapshot(secrets);

    QString path = dir.filePath(QStringLiteral("profiles.json"));
    QByteArray content;
    if (setup == QLatin1String("fifo")) {
        QVERIFY(makeFifo(path));
    } else if (setup == QLatin1String("folder")) {
        QVERIFY(QDir().mkpath(path));
    } else if (setup == QLatin1String("damaged-kept")) {
        path = dir.filePath(longName(kNoRoomToKeepAside));
        content = "{\"schemaVersion\":1,\"profiles\":\"damaged\"}";
        QVERIFY(writeAll(path, content));
    } else {
        content = "{\"schemaVersion\":2,\"profiles\":[{\"name\":\"prod\"}]}";
        QVERIFY(writeAll(path, content));
    }
    const QStringList filesBefore = entries(dir.path());

    ProfileManager manager(&secrets, path);
    manager.setClock(clock);
    std::unique_ptr<ProfileOperation> op(
        manager.save(test::sampleProfile(QStringLiteral("prod")),
                     {{SecretKind::AemPassword, SecretString(QStringLiteral("new password"))},
                      {SecretKind::ClientSecret, SecretString(QStringLiteral("new client secret"))}}));
    const int jobsBefore = secrets.jobsStarted();
    QVERIFY(runOperation(op.get()));
    QCOMPARE(op->state(), Task::State::Failed);
    QCOMPARE(op->result().error().id, errorId);
    QCOMPARE(secrets.jobsStarted(), jobsBefore); // not even the probe
    QCOMPARE(secrets.entryCount(), 1);
    QCOMPARE(snapshot(secrets), before);
    QCOMPARE(entries(dir.path()), filesBefore);
    if (setup == QLatin1String("fifo"))
        QVERIFY(isFifo(path));
    else if (setup == QLatin1String("folder"))
        QVERIFY(QFileInfo(path).isDir());
    else
        QCOMPARE(readAll(path), content);
}

void TestFiles::removePutsSecretsBackWhenFileCannotBeSaved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    MemorySecretStore secrets;
    secrets.setClock(clock);
    // A profiles file that reads fine but can never be replaced (no room for QSaveFile's temporary name).
    const QString path = dir.filePath(longName(kNoRoomToSave));
    const QByteArray file = profilesFile({QStringLiteral("prod"), QStringLiteral("other")});
    QVERIFY(writeAll(path, file));
    {
        ProfileStore check(path, clock);
        QVERIFY(check.load().ok());
        QVERIFY(check.isWritable());
        QVERIFY(!check.save().ok()); // the premise of this test
        QCOMPARE(readAll(path), file);
    }
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::AemPassword, "password"));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::ClientSecret, "client secret"));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::PrivateKey, "key"));
    QVERIFY(storeSecret(secrets, QStringLiteral("other"), SecretKind::AemPassword, "other's password"));
    const QMap<QString, QByteArray> before = snapshot(secrets);
    QCOMPARE(before.size(), 4);

    ProfileManager manager(&secrets, path);
    manager.setClock(clock);
    std::unique_ptr<ProfileOperation> op(manager.remove(QStringLiteral("prod")));
    QVERIFY(runOperation(op.get()));
    QCOMPARE(op->state(), Task::State::Failed);
    QCOMPARE(op->result().error().id, QStringLiteral("profiles-save-failed"));
    QCOMPARE(op->result().error().code, ErrorCode::Storage);
    QVERIFY(op->rolledBack());
    QCOMPARE(snapshot(secrets), before);
    QCOMPARE(readAll(path), file);
    QCOMPARE(entries(dir.path()), QStringList{longName(kNoRoomToSave)});
}

void TestFiles::renameFailingLeavesNoCopies_data()
{
    QTest::addColumn<bool>("keychainFails");
    QTest::addColumn<QString>("errorId");
    QTest::newRow("the second copy is refused") << true << QStringLiteral("keychain-failed");
    QTest::newRow("the profiles file cannot be saved") << false << QStringLiteral("profiles-save-failed");
}

void TestFiles::renameFailingLeavesNoCopies()
{
    QFETCH(bool, keychainFails);
    QFETCH(QString, errorId);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock;
    FailingWriteStore secrets;
    secrets.setClock(clock);
    const QString path =
        dir.filePath(keychainFails ? QStringLiteral("profiles.json") : longName(kNoRoomToSave));
    const QByteArray file = profilesFile({QStringLiteral("prod"), QStringLiteral("other")});
    QVERIFY(writeAll(path, file));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::AemPassword, "password"));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::ClientSecret, "client secret"));
    QVERIFY(storeSecret(secrets, QStringLiteral("prod"), SecretKind::PrivateKey, "key"));
    const QMap<QString, QByteArray> before = snapshot(secrets);

    ProfileManager manager(&secrets, path);
    manager.setClock(clock);
    if (keychainFails)
        secrets.failWrite(2, SecretStatus::Failed);
    std::unique_ptr<ProfileOperation> op(manager.rename(QStringLiteral("prod"), QStringLiteral("renamed")));
    const int writesBefore = secrets.writesCreated();
    QVERIFY(runOperation(op.get()));
    QCOMPARE(op->state(), Task::State::Failed);
    QCOMPARE(op->result().error().id, errorId);
    QVERIFY(op->rolledBack());
    // Each kind stored is copied once, up to the failure.
    QCOMPARE(secrets.writesCreated() - writesBefore, keychainFails ? 2 : 3);
    QCOMPARE(snapshot(secrets), before);
    for (const QString &key : secrets.keys())
        QVERIFY2(!key.startsWith(QLatin1String("renamed/")), qPrintable(key));
    QCOMPARE(readAll(path), file);
}

// The settings live where the README says: <generic config>/bpsetup, not Qt's <org>/<app> pair.
// One line per entry (UTC time, topic, text on one line), the folder made on first use, and the file kept
// small by moving it to .1 (dropping the older one) once it passes the limit.
void TestFiles::activityLogAppendsAndRotates()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("logs/bpsetup.log"));
    const ActivityLog log(path, 120);
    QCOMPARE(log.path(), path);
    const QDateTime t(QDate(2026, 12, 4), QTime(9, 30), QTimeZone(3600)); // 08:30 UTC
    QVERIFY(log.append(t, QStringLiteral("validate"), QStringLiteral("first\nline")).ok());
    QCOMPARE(readAll(path), QByteArray("2026-12-04T08:30:00Z validate: first line\n"));
    QVERIFY(log.append(t, QStringLiteral("validate"), QStringLiteral("second")).ok());
    QCOMPARE(readAll(path).count('\n'), 2);
    // Past 120 bytes the next entry starts a new file; the full one becomes .1.
    QVERIFY(log.append(t, QStringLiteral("validate"), QString(80, QLatin1Char('x'))).ok());
    QVERIFY(QFileInfo(path).size() >= 120);
    QVERIFY(log.append(t, QStringLiteral("validate"), QStringLiteral("third")).ok());
    QCOMPARE(readAll(path), QByteArray("2026-12-04T08:30:00Z validate: third\n"));
    QVERIFY(readAll(path + QStringLiteral(".1")).startsWith("2026-12-04T08:30:00Z validate: first line\n"));
    QVERIFY(log.append(t, QStringLiteral("validate"), QString(130, QLatin1Char('y'))).ok());
    QVERIFY(log.append(t, QStringLiteral("validate"), QStringLiteral("fourth")).ok());
    QVERIFY(readAll(path + QStringLiteral(".1")).startsWith("2026-12-04T08:30:00Z validate: third\n"));
    QVERIFY(!QFile::exists(path + QStringLiteral(".2")));
    QVERIFY(ActivityLog().path().endsWith(QLatin1String("/bpsetup/logs/bpsetup.log")));
}

void TestFiles::activityLogUnwritableSaysWhere()
{
    QTemporaryDir dir;
    // The log's folder is a file: nothing can be created there.
    const QString blocker = dir.filePath(QStringLiteral("logs"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const ActivityLog log(blocker + QStringLiteral("/bpsetup.log"));
    const Result<bool> r =
        log.append(QDateTime::currentDateTimeUtc(), QStringLiteral("t"), QStringLiteral("x"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Storage);
    QVERIFY2(
        r.error().fullText().contains(QDir::toNativeSeparators(blocker + QStringLiteral("/bpsetup.log"))),
        qPrintable(r.error().fullText()));
}

void TestFiles::appPathsAreOneFolderDeep()
{
    const QByteArray savedConfig = qgetenv("BPSETUP_CONFIG_DIR");
    const QByteArray savedData = qgetenv("BPSETUP_DATA_DIR");
    qunsetenv("BPSETUP_CONFIG_DIR");
    qunsetenv("BPSETUP_DATA_DIR");
    const QString config = AppPaths::configDir();
    const QString data = AppPaths::dataDir();
    QCOMPARE(config, QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                         QStringLiteral("/bpsetup"));
    QCOMPARE(data, QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                       QStringLiteral("/bpsetup"));
    QCOMPARE(ProfileStore::defaultPath(), config + QStringLiteral("/profiles.json"));
    QCOMPARE(TrustStore::defaultPath(), config + QStringLiteral("/trusted-certificates.json"));
    QCOMPARE(AppPaths::legacyConfigDir(), config + QStringLiteral("/bpsetup"));
    qputenv("BPSETUP_CONFIG_DIR", QByteArrayLiteral("/somewhere/else"));
    QCOMPARE(ProfileStore::defaultPath(), QStringLiteral("/somewhere/else/profiles.json"));
    if (savedConfig.isNull())
        qunsetenv("BPSETUP_CONFIG_DIR");
    else
        qputenv("BPSETUP_CONFIG_DIR", savedConfig);
    if (!savedData.isNull())
        qputenv("BPSETUP_DATA_DIR", savedData);
}

// Files an earlier version kept in the legacy folder move up once; nothing in the new folder is replaced.
void TestFiles::migrationMovesWithoutLosing_data()
{
    QTest::addColumn<QStringList>("legacy");  // entries in the legacy folder ("x/" a folder)
    QTest::addColumn<QStringList>("current"); // entries already in the current folder
    QTest::addColumn<QStringList>("moved");
    QTest::addColumn<QStringList>("skipped");
    QTest::addColumn<bool>("legacyGone");
    const QString profiles = QStringLiteral("profiles.json");
    const QString trust = QStringLiteral("trusted-certificates.json");
    const QString backups = QStringLiteral("backups/");
    QTest::newRow("fresh upgrade") << QStringList{profiles, trust} << QStringList()
                                   << QStringList{profiles, trust} << QStringList() << true;
    QTest::newRow("backups folder") << QStringList{backups} << QStringList()
                                    << QStringList{QStringLiteral("backups")} << QStringList() << true;
    QTest::newRow("new file kept, old one left") << QStringList{profiles, trust} << QStringList{profiles}
                                                 << QStringList{trust} << QStringList{profiles} << false;
    QTest::newRow("nothing to move") << QStringList() << QStringList{profiles} << QStringList()
                                     << QStringList() << true;
}

void TestFiles::migrationMovesWithoutLosing()
{
    QFETCH(QStringList, legacy);
    QFETCH(QStringList, current);
    QFETCH(QStringList, moved);
    QFETCH(QStringList, skipped);
    QFETCH(bool, legacyGone);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    // As on Linux: the legacy folder is inside the current one.
    const QString to = root.filePath(QStringLiteral("bpsetup"));
    const QString from = to + QStringLiteral("/bpsetup");
    QVERIFY(QDir().mkpath(from));
    const auto make = [](const QString &dir, const QString &entry, const QByteArray &content) {
        if (entry.endsWith(QLatin1Char('/'))) {
            QVERIFY(QDir().mkpath(dir + QLatin1Char('/') + entry + QStringLiteral("20261203-101010-abcdef")));
            return;
        }
        QFile f(dir + QLatin1Char('/') + entry);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    };
    for (const QString &e : legacy)
        make(from, e, "old");
    for (const QString &e : current)
        make(to, e, "new");
    const AppPaths::Migration m = AppPaths::migrate(from, to);
    QStringList movedNames, skippedNames;
    for (const QString &p : m.moved)
        movedNames << QFileInfo(p).fileName();
    for (const QString &p : m.skipped)
        skippedNames << QFileInfo(p).fileName();
    movedNames.sort();
    skippedNames.sort();
    QCOMPARE(movedNames, moved);
    QCOMPARE(skippedNames, skipped);
    QCOMPARE(!QFileInfo::exists(from), legacyGone);
    // What was in the current folder is untouched; what moved kept its content.
    for (const QString &e : current) {
        QFile f(to + QLatin1Char('/') + e);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("new"));
    }
    for (const QString &e : moved) {
        QFileInfo info(to + QLatin1Char('/') + e);
        QVERIFY(info.exists());
        if (info.isFile()) {
            QFile f(info.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("old"));
        }
    }
    if (legacy.contains(QStringLiteral("backups/")))
        QVERIFY(QFileInfo::exists(to + QStringLiteral("/backups/20261203-101010-abcdef")));
    // Run twice: nothing more happens.
    const AppPaths::Migration again = AppPaths::migrate(from, to);
    QVERIFY(again.moved.isEmpty());
}

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
