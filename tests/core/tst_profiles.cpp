// SPDX-License-Identifier: Apache-2.0
// The profiles file: round trip, atomic writes, damaged and newer files kept, migration, names.
#include "profiles/ProfileStore.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void missingFileIsEmpty();
    void damagedFileIsKeptAside();
    void newerFileIsReadOnly();
    void migratesVersion0WithBackup();
    void renameAndRemove();
    void names_data();
    void names();
    void noSecretFieldsInTheFile();
};

void TestProfiles::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/profiles.json"));
    ProfileStore store(path);
    QVERIFY(store.load().ok());
    store.upsert(test::sampleProfile(QStringLiteral("prod author")));
    QVERIFY(store.save().ok());
    ProfileStore again(path);
    QVERIFY(again.load().ok());
    QCOMPARE(again.profiles().size(), 1);
    const Profile p = *again.find(QStringLiteral("prod author"));
    QCOMPARE(p.aemUrl, QUrl(QStringLiteral("https://author.example.com")));
    QCOMPARE(p.scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("AdobeID")}));
    QVERIFY(p.created.isValid());
    QCOMPARE(QJsonDocument::fromJson(readAll(path)).object().value(QStringLiteral("schemaVersion")).toInt(),
             ProfileStore::kSchemaVersion);
    // Atomic write: no temporary file is left next to it.
    QCOMPARE(QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::Files),
             QStringList{QStringLiteral("profiles.json")});
}

void TestProfiles::missingFileIsEmpty()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles.json")));
    QVERIFY(store.load().ok());
    QVERIFY(store.profiles().isEmpty());
}

void TestProfiles::damagedFileIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray damaged = "{\"schemaVersion\":1,\"profiles\":[{\"name\":\"half";
    writeAll(path, damaged);
    ProfileStore store(path);
    const auto r = store.load();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Parse);
    QVERIFY(!store.movedAsidePath().isEmpty());
    QVERIFY(r.error().userMessage.contains(store.movedAsidePath()));
    QCOMPARE(readAll(store.movedAsidePath()), damaged); // kept byte for byte
    // The store is usable afterwards and writes a fresh file.
    store.upsert(test::sampleProfile(QStringLiteral("new")));
    QVERIFY(store.save().ok());
    QCOMPARE(readAll(store.movedAsidePath()), damaged);
}

void TestProfiles::newerFileIsReadOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray future =
        "{\"schemaVersion\":7,\"profiles\":[{\"name\":\"p\",\"aemUrl\":\"https://a.example.com\","
        "\"aemUser\":\"admin\",\"newField\":{\"x\":1}}],\"somethingNew\":true}";
    writeAll(path, future);
    ProfileStore store(path);
    const auto r = store.load();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Unsupported);
    QVERIFY(store.isReadOnly());
    QCOMPARE(store.find(QStringLiteral("p"))->aemUser, QStringLiteral("admin")); // still usable
    store.upsert(test::sampleProfile(QStringLiteral("other")));
    QVERIFY(!store.save().ok());
    QCOMPARE(readAll(path), future); // nothing of the newer format lost
}

void TestProfiles::migratesVersion0WithBackup()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.json"));
    const QByteArray v0 =
        "{\"profiles\":{\"legacy\":{\"url\":\"http://localhost:4502\",\"user\":\"admin\"}}}";
    writeAll(path, v0);
    ProfileStore store(path);
    QVERIFY(store.load().ok());
    QCOMPARE(store.migratedFromVersion(), 0);
    const Profile p = *store.find(QStringLiteral("legacy"));
    QCOMPARE(p.aemUrl, QUrl(QStringLiteral("http://localhost:4502")));
    QCOMPARE(p.aemUser, QStringLiteral("admin"));
    QVERIFY(store.save().ok());
    QCOMPARE(readAll(path + QStringLiteral(".v0.bak")), v0);
    ProfileStore again(path);
    QVERIFY(again.load().ok());
    QCOMPARE(again.migratedFromVersion(), -1);
    QCOMPARE(again.find(QStringLiteral("legacy"))->aemUser, QStringLiteral("admin"));
}

void TestProfiles::renameAndRemove()
{
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles.json")));
    store.upsert(test::sampleProfile(QStringLiteral("a")));
    store.upsert(test::sampleProfile(QStringLiteral("b")));
    QVERIFY(!store.rename(QStringLiteral("a"), QStringLiteral("b")).ok());  // taken
    QVERIFY(!store.rename(QStringLiteral("zz"), QStringLiteral("c")).ok()); // unknown
    QVERIFY(!store.rename(QStringLiteral("a"), QStringLiteral("bad/name")).ok());
    QVERIFY(store.rename(QStringLiteral("a"), QStringLiteral("c")).ok());
    QVERIFY(!store.find(QStringLiteral("a")));
    QVERIFY(store.remove(QStringLiteral("c")));
    QVERIFY(!store.remove(QStringLiteral("c")));
    QCOMPARE(store.profiles().size(), 1);
}

void TestProfiles::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::newRow("simple") << "prod" << true;
    QTest::newRow("spaces and dots") << "Acme prod author.1" << true;
    QTest::newRow("unicode") << "Kunde-Müller" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("blank") << "   " << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("too long") << QString(65, QLatin1Char('x')) << false;
}

void TestProfiles::names()
{
    QFETCH(QString, name);
    QTEST(ProfileStore::validateName(name).ok(), "ok");
}

void TestProfiles::noSecretFieldsInTheFile()
{
    // The profile type has no field for a secret; the JSON keys prove it stays that way.
    const QJsonObject json = test::sampleProfile(QStringLiteral("x")).toJson();
    for (const QString &key : json.keys()) {
        QVERIFY2(!key.contains(QLatin1String("secret"), Qt::CaseInsensitive), qPrintable(key));
        QVERIFY2(!key.contains(QLatin1String("password"), Qt::CaseInsensitive), qPrintable(key));
        QVERIFY2(!key.contains(QLatin1String("token"), Qt::CaseInsensitive), qPrintable(key));
        QVERIFY2(!key.contains(QLatin1String("key"), Qt::CaseInsensitive), qPrintable(key));
    }
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
