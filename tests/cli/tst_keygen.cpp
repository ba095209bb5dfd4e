// SPDX-License-Identifier: Apache-2.0
// `bpsetup keygen`, run in this process (test::runCli); the key's file mode under a permissive umask is
// checked through the real executable, where the umask is the child's own.
#include "CliSandbox.h"

#include "crypto/PrivateKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

const QString kKey = QStringLiteral("private.key");
const QString kCert = QStringLiteral("certificate_pub.crt");

constexpr QFileDevice::Permissions kOwnerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// QFileInfo reports the owner bits a second time as "User" bits when we are the owner.
constexpr QFileDevice::Permissions kUserBits =
    QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QFileDevice::Permissions modeOf(const QString &path)
{
    return QFileInfo(path).permissions() & ~kUserBits;
}

// The key must never be echoed: neither its PEM label nor any line of its body.
bool leaksKey(const test::ProcessResult &r, const QByteArray &keyPem)
{
    const QByteArray all = r.out + r.err;
    if (all.contains("PRIVATE KEY"))
        return true;
    for (const QByteArray &line : keyPem.split('\n')) {
        if (line.size() > 16 && !line.startsWith("-----") && all.contains(line))
            return true;
    }
    return false;
}

} // namespace

class TestKeygen : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void writesKeyAndCertificate();
    void refusesToOverwrite();
    void keyIsPrivateWhateverTheUmask();
    void jsonOutput();
    void badArguments_data();
    void badArguments();
    void help();

private:
    test::ProcessResult run(const QStringList &args) { return m_sandbox->run(args); }
    std::unique_ptr<test::CliSandbox> m_sandbox;
};

void TestKeygen::init()
{
    m_sandbox = std::make_unique<test::CliSandbox>();
    QVERIFY(m_sandbox->isValid());
}

void TestKeygen::cleanup()
{
    // No run may show key material (the PEM label is enough to tell; leaksKey() checks the body lines).
    for (const auto &r : m_sandbox->runs())
        QVERIFY2(!r.out.contains("PRIVATE KEY") && !r.err.contains("PRIVATE KEY"),
                 "key material in the output");
    // keygen never touches the keychain or the profiles.
    QCOMPARE(m_sandbox->secrets.jobsStarted(), 0);
    QVERIFY(!QFileInfo::exists(m_sandbox->profilesPath()));
    m_sandbox.reset();
}

void TestKeygen::writesKeyAndCertificate()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("nested/keys"));
    const auto r = run({QStringLiteral("keygen"), QStringLiteral("--out"), out});
    BP_COMPARE_EXIT(r, 0);

    const QString keyPath = QDir(out).filePath(kKey);
    const QString certPath = QDir(out).filePath(kCert);
    QVERIFY(QFileInfo::exists(keyPath));
    QVERIFY(QFileInfo::exists(certPath));
    QCOMPARE(modeOf(keyPath), kOwnerReadWrite);

    const QByteArray keyPem = readFile(keyPath);
    QVERIFY(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(!leaksKey(r, keyPem));
    const auto key = PrivateKey::fromPem(keyPem);
    QVERIFY(key.ok());
    QCOMPARE(key.value().bits(), 2048);
    const QByteArray certPem = readFile(certPath);
    QVERIFY(key.value().matchesCertificate(certPem).value());

    const auto facts = CertificateFacts::fromPemOrDer(certPem, QDateTime::currentDateTimeUtc());
    QVERIFY(facts.ok());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().daysTo(facts.value().notAfter) - 365) <= 1);
    const QString stdOut = QString::fromUtf8(r.out);
    QVERIFY2(stdOut.contains(QLatin1String("CN=bpsetup")), r.out.constData());
    // The one display form of certificate dates (with its zone) and fingerprints (lower-case, colons).
    QVERIFY2(
        stdOut.contains(facts.value().notAfter.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
        r.out.constData());
    QString colons;
    for (int i = 0; i < facts.value().sha256.size(); i += 2)
        colons += (i ? QStringLiteral(":") : QString()) + facts.value().sha256.mid(i, 2).toLower();
    QVERIFY2(stdOut.contains(colons), r.out.constData());
    QVERIFY(stdOut.contains(QFileInfo(keyPath).absoluteFilePath()));
    QVERIFY(stdOut.contains(QFileInfo(certPath).absoluteFilePath()));
    QVERIFY(stdOut.contains(QLatin1String("upload certificate_pub.crt")));
    QVERIFY(stdOut.contains(QLatin1String("Developer Console")));
}

void TestKeygen::refusesToOverwrite()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.path();
    const QString keyPath = QDir(out).filePath(kKey);
    const QString certPath = QDir(out).filePath(kCert);
    const QStringList args{QStringLiteral("keygen"), QStringLiteral("--out"), out};
    auto r = run(args);
    BP_COMPARE_EXIT(r, 0);
    const QByteArray firstKey = readFile(keyPath);
    const QByteArray firstCert = readFile(certPath);

    r = run(args);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("already exists"));
    QVERIFY(r.err.contains("--force"));
    QCOMPARE(readFile(keyPath), firstKey);
    QCOMPARE(readFile(certPath), firstCert);

    // Only the certificate left behind: still refused, and the certificate stays.
    QVERIFY(QFile::remove(keyPath));
    r = run(args);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(!QFileInfo::exists(keyPath));
    QCOMPARE(readFile(certPath), firstCert);

    // A world-readable key from elsewhere is replaced by a private one.
    QFile old(keyPath);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QVERIFY(old.setPermissions(kOwnerReadWrite | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    r = run(args + QStringList{QStringLiteral("--force")});
    BP_COMPARE_EXIT(r, 0);
    const QByteArray secondKey = readFile(keyPath);
    QVERIFY(secondKey.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(secondKey != firstKey);
    QVERIFY(readFile(certPath) != firstCert);
    QCOMPARE(modeOf(keyPath), kOwnerReadWrite);
    QVERIFY(!leaksKey(r, secondKey));
}

void TestKeygen::keyIsPrivateWhateverTheUmask()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString exe = qEnvironmentVariable("BPSETUP_EXE");
    QVERIFY2(!exe.isEmpty(), "BPSETUP_EXE is not set (run the test through ctest)");
    // umask 000 would leave a file created 0666 readable by everyone.
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("umask 000; exec \"$0\" \"$@\""),
                                        exe, QStringLiteral("keygen"), QStringLiteral("--out"), tmp.path()});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    test::ProcessResult r;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    m_sandbox->record(r);
    QVERIFY(!leaksKey(r, readFile(QDir(tmp.path()).filePath(kKey))));
    QCOMPARE(modeOf(QDir(tmp.path()).filePath(kKey)), kOwnerReadWrite);
    QCOMPARE(modeOf(QDir(tmp.path()).filePath(kCert)),
             kOwnerReadWrite | QFileDevice::ReadGroup | QFileDevice::ReadOther);
}

void TestKeygen::jsonOutput()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const auto r = run({QStringLiteral("keygen"), QStringLiteral("--out"), tmp.path(),
                        QStringLiteral("--json"), QStringLiteral("--days"), QStringLiteral("30"),
                        QStringLiteral("--cn"), QStringLiteral("AEM author")});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(r.out.count('\n'), 1);
    QJsonParseError error{};
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QStringList keys = o.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("certificate"), QStringLiteral("notAfter"), QStringLiteral("ok"),
                          QStringLiteral("privateKey"), QStringLiteral("sha256")}));
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);

    const QString keyPath = o.value(QStringLiteral("privateKey")).toString();
    const QString certPath = o.value(QStringLiteral("certificate")).toString();
    QCOMPARE(keyPath, QDir(tmp.path()).absoluteFilePath(kKey));
    QCOMPARE(certPath, QDir(tmp.path()).absoluteFilePath(kCert));
    QCOMPARE(modeOf(keyPath), kOwnerReadWrite);
    QVERIFY(!leaksKey(r, readFile(keyPath)));

    const QString sha256 = o.value(QStringLiteral("sha256")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(sha256).hasMatch());
    const QDateTime notAfter =
        QDateTime::fromString(o.value(QStringLiteral("notAfter")).toString(), Qt::ISODate);
    QVERIFY(notAfter.isValid());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(notAfter) - 30 * 86400) < 600);

    const auto facts = CertificateFacts::fromPemOrDer(readFile(certPath), QDateTime::currentDateTimeUtc());
    QVERIFY(facts.ok());
    QCOMPARE(facts.value().sha256, sha256);
    QCOMPARE(facts.value().notAfter, notAfter);
    QCOMPARE(facts.value().subject, QStringLiteral("CN=AEM author"));
    QVERIFY(facts.value().expiresWithin30Days);
}

void TestKeygen::badArguments_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("days 0") << QStringList{QStringLiteral("--days"), QStringLiteral("0")} << "3650";
    QTest::newRow("days 4000") << QStringList{QStringLiteral("--days"), QStringLiteral("4000")} << "3650";
    QTest::newRow("days -5") << QStringList{QStringLiteral("--days"), QStringLiteral("-5")} << "3650";
    QTest::newRow("days abc") << QStringList{QStringLiteral("--days"), QStringLiteral("abc")} << "--days";
    QTest::newRow("empty cn") << QStringList{QStringLiteral("--cn"), QString()} << "CN";
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << "Unexpected argument";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bits"), QStringLiteral("4096")}
                                    << "bits";
}

void TestKeygen::badArguments()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, mentions);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("never"));
    auto r = run(QStringList{QStringLiteral("keygen"), QStringLiteral("--out"), out} + extra);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
    QVERIFY(r.out.isEmpty());
    // Nothing is created when the arguments are wrong.
    QVERIFY(!QFileInfo::exists(out));

    r = run(QStringList{QStringLiteral("keygen"), QStringLiteral("--json"), QStringLiteral("--out"), out} +
            extra);
    BP_COMPARE_EXIT(r, 2);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(o.value(QStringLiteral("exitCode")).toInt(), 2);
    QVERIFY(!QFileInfo::exists(out));
}

void TestKeygen::help()
{
    auto r = run({QStringLiteral("keygen"), QStringLiteral("--help")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(r.out.contains("bpsetup keygen"));
    for (const char *option : {"--out", "--days", "--cn", "--force", "--json"})
        QVERIFY2(r.out.contains(option), option);

    r = run({QStringLiteral("keygen")});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("--out"));

    r = run({QStringLiteral("--help")});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(r.out.contains("keygen"));
}

QTEST_GUILESS_MAIN(TestKeygen)
#include "tst_keygen.moc"
