// SPDX-License-Identifier: Apache-2.0
// PrivateKey, KeyPairGenerator, CertificateFacts and ServiceAccountJwt, checked against keys and
// verification done by the openssl command-line tool (an independent implementation).
#include "credentials/Credential.h"
#include "crypto/PrivateKey.h"
#include "ims/ServiceAccountJwt.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/err.h>

using namespace bp;

namespace {

const QString kPassphrase = QStringLiteral("correct horse battery");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Command lines as plain literals (QT_NO_CAST_FROM_ASCII forbids the implicit conversion).
QStringList args(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QByteArray base64UrlDecode(const QByteArray &part)
{
    return QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void fromPem_data();
    void fromPem();
    void keyMatchesCertificate_data();
    void keyMatchesCertificate();
    void nullKeyRefusesWork();
    void pkcs8RoundTrip();

    void keygenProducesMatchingPair_data();
    void keygenProducesMatchingPair();
    void keygenRejectsBadInput_data();
    void keygenRejectsBadInput();
    void certificateFactsExpiry_data();
    void certificateFactsExpiry();
    void certificateFactsOfOpensslCertificate();

    void jwtClaims_data();
    void jwtClaims();
    void jwtVerifiesWithOpenssl();

private:
    // Runs `openssl args...` in the temporary dir; fails the test (returns false) on a non-zero exit.
    bool openssl(const QStringList &args, QByteArray *output = nullptr, int *exitCode = nullptr);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QByteArray file(const QString &name) const { return readFile(path(name)); }

    QTemporaryDir m_dir;
};

bool TestCrypto::openssl(const QStringList &args, QByteArray *output, int *exitCode)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
        qWarning("openssl %s did not run", qPrintable(args.join(QLatin1Char(' '))));
        return false;
    }
    const QByteArray out = p.readAll();
    if (output)
        *output = out;
    if (exitCode) {
        *exitCode = p.exitCode();
        return p.exitStatus() == QProcess::NormalExit;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(args.join(QLatin1Char(' '))), out.constData());
        return false;
    }
    return true;
}

void TestCrypto::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString pass = QStringLiteral("pass:") + kPassphrase;
    QList<QStringList> commands{
        args({"genrsa", "-traditional", "-out", "pkcs1.pem", "2048"}),
        args({"pkcs8", "-topk8", "-nocrypt", "-in", "pkcs1.pem", "-out", "pkcs8.pem"}),
        args({"pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "@PASS@", "-in", "pkcs1.pem", "-out",
              "enc.pem"}),
        args({"rsa", "-in", "pkcs1.pem", "-aes256", "-traditional", "-passout", "@PASS@", "-out",
              "enc-pkcs1.pem"}),
        args({"rsa", "-in", "pkcs1.pem", "-pubout", "-out", "pub.pem"}),
        args({"rsa", "-in", "pkcs1.pem", "-RSAPublicKey_out", "-out", "rsapub.pem"}),
        args({"req", "-x509", "-key", "pkcs1.pem", "-sha256", "-days", "30", "-subj", "/CN=bpsetup test",
              "-out", "cert.pem"}),
        args({"x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"}),
        args({"genrsa", "-out", "other.pem", "2048"}),
        args({"req", "-x509", "-key", "other.pem", "-sha256", "-days", "30", "-subj", "/CN=other", "-out",
              "other-cert.pem"}),
        args({"x509", "-in", "other-cert.pem", "-outform", "DER", "-out", "other-cert.der"}),
        args({"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem"}),
        args({"pkcs8", "-topk8", "-nocrypt", "-in", "ec.pem", "-out", "ec-pkcs8.pem"}),
        args({"genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem"}),
        args({"genrsa", "-out", "rsa1024.pem", "1024"}),
    };
    for (QStringList &c : commands) {
        c.replaceInStrings(QStringLiteral("@PASS@"), pass);
        QVERIFY2(openssl(c), qPrintable(c.join(QLatin1Char(' '))));
    }
    QVERIFY(file(QStringLiteral("pkcs1.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(file(QStringLiteral("pkcs8.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(file(QStringLiteral("enc.pem")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
}

void TestCrypto::fromPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    const QByteArray pkcs1 = file(QStringLiteral("pkcs1.pem"));
    const QByteArray pkcs8 = file(QStringLiteral("pkcs8.pem"));
    const QByteArray enc = file(QStringLiteral("enc.pem"));
    QVERIFY(!pkcs1.isEmpty() && !pkcs8.isEmpty() && !enc.isEmpty());

    QByteArray crlf = pkcs8;
    crlf.replace("\n", "\r\n");
    QByteArray encCrlf = enc;
    encCrlf.replace("\n", "\r\n");

    // Lines of base64 dropped from the middle: the END line is there but the DER inside is cut short.
    QList<QByteArray> lines = pkcs8.split('\n');
    QByteArray truncated =
        lines.first() + '\n' + lines.at(1) + '\n' + lines.at(2) + '\n' + lines.at(lines.size() - 2) + '\n';
    // Half a file: no END line at all.
    const QByteArray halved = pkcs8.left(pkcs8.size() / 2);
    // A character outside the base64 alphabet in the body.
    QByteArray badChar = pkcs8;
    badChar[40] = '!';

    QByteArray bodyOnly;
    for (const QByteArray &l : lines) {
        if (!l.startsWith("-----"))
            bodyOnly += l + '\n';
    }

    const QString none;
    QTest::newRow("PKCS#1") << pkcs1 << none << true << QString();
    QTest::newRow("PKCS#8") << pkcs8 << none << true << QString();
    QTest::newRow("PKCS#8 CRLF") << crlf << none << true << QString();
    QTest::newRow("PKCS#8 with surrounding text")
        << QByteArray("Here is my key:\n\n" + pkcs8 + "\nthanks\n") << none << true << QString();
    QTest::newRow("unencrypted key, passphrase ignored") << pkcs8 << kPassphrase << true << QString();
    QTest::newRow("encrypted PKCS#8, right passphrase") << enc << kPassphrase << true << QString();
    QTest::newRow("encrypted PKCS#8 CRLF, right passphrase") << encCrlf << kPassphrase << true << QString();
    QTest::newRow("encrypted PKCS#1, right passphrase")
        << file(QStringLiteral("enc-pkcs1.pem")) << kPassphrase << true << QString();
    QTest::newRow("encrypted PKCS#8, wrong passphrase")
        << enc << QStringLiteral("wrong") << false << QStringLiteral("passphrase does not unlock");
    QTest::newRow("encrypted PKCS#1, wrong passphrase")
        << file(QStringLiteral("enc-pkcs1.pem")) << QStringLiteral("wrong") << false
        << QStringLiteral("passphrase does not unlock");
    QTest::newRow("encrypted PKCS#8, no passphrase")
        << enc << none << false << QStringLiteral("Enter the passphrase");
    QTest::newRow("encrypted PKCS#1, no passphrase")
        << file(QStringLiteral("enc-pkcs1.pem")) << none << false << QStringLiteral("Enter the passphrase");
    QTest::newRow("EC key") << file(QStringLiteral("ec.pem")) << none << false
                            << QStringLiteral("Adobe needs an RSA key");
    QTest::newRow("EC key PKCS#8") << file(QStringLiteral("ec-pkcs8.pem")) << none << false
                                   << QStringLiteral("EC key, but Adobe needs an RSA key");
    QTest::newRow("Ed25519 key") << file(QStringLiteral("ed25519.pem")) << none << false
                                 << QStringLiteral("Ed25519 key, but Adobe needs an RSA key");
    QTest::newRow("RSA 1024") << file(QStringLiteral("rsa1024.pem")) << none << false
                              << QStringLiteral("only 1024 bits");
    QTest::newRow("certificate given as key")
        << file(QStringLiteral("cert.pem")) << none << false << QStringLiteral("This is a certificate");
    QTest::newRow("public key given as key")
        << file(QStringLiteral("pub.pem")) << none << false << QStringLiteral("This is a public key");
    QTest::newRow("RSA public key given as key")
        << file(QStringLiteral("rsapub.pem")) << none << false << QStringLiteral("This is a public key");
    QTest::newRow("OpenSSH key") << QByteArray(
                                        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                                        "-----END OPENSSH PRIVATE KEY-----\n")
                                 << none << false << QStringLiteral("OpenSSH");
    QTest::newRow("truncated base64")
        << truncated << none << false << QStringLiteral("damaged or incomplete");
    QTest::newRow("half a file") << halved << none << false << QStringLiteral("damaged or incomplete");
    QTest::newRow("bad base64 character")
        << badChar << none << false << QStringLiteral("damaged or incomplete");
    QTest::newRow("base64 without BEGIN/END")
        << bodyOnly << none << false << QStringLiteral("BEGIN/END lines");
    QTest::newRow("empty") << QByteArray() << none << false << QStringLiteral("No private key was given");
    QTest::newRow("whitespace") << QByteArray(" \r\n\t\n") << none << false
                                << QStringLiteral("No private key was given");
}

void TestCrypto::fromPem()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, passphrase);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    ERR_clear_error();
    const auto key = PrivateKey::fromPem(pem, SecretString(passphrase));
    QCOMPARE(ERR_peek_error(), 0UL); // nothing left for an unrelated OpenSSL caller to trip over
    if (ok) {
        QVERIFY2(key.ok(), key.ok() ? "" : qPrintable(key.error().userMessage));
        QVERIFY(!key.value().isNull());
        QCOMPARE(key.value().bits(), 2048);
        return;
    }
    QVERIFY(!key.ok());
    QCOMPARE(key.error().code, ErrorCode::InvalidInput);
    const QString message = key.error().userMessage;
    QVERIFY2(message.contains(messageContains), qPrintable(message));
    // Neither key material nor the passphrase may reach a message or a log.
    for (const QString &text : {message, key.error().detail}) {
        QVERIFY(!text.contains(QLatin1String("MII")));
        if (!passphrase.isEmpty())
            QVERIFY(!text.contains(passphrase));
    }
}

void TestCrypto::keyMatchesCertificate_data()
{
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<bool>("matches");
    QTest::newRow("PEM match") << "pkcs1.pem"
                               << "cert.pem" << true;
    QTest::newRow("DER match") << "pkcs8.pem"
                               << "cert.der" << true;
    QTest::newRow("PEM mismatch") << "pkcs1.pem"
                                  << "other-cert.pem" << false;
    QTest::newRow("DER mismatch") << "pkcs1.pem"
                                  << "other-cert.der" << false;
    QTest::newRow("other key, own cert") << "other.pem"
                                         << "other-cert.der" << true;
}

void TestCrypto::keyMatchesCertificate()
{
    QFETCH(QString, keyFile);
    QFETCH(QString, certFile);
    QFETCH(bool, matches);
    const auto key = PrivateKey::fromPem(file(keyFile));
    QVERIFY(key.ok());
    const auto result = key.value().matchesCertificate(file(certFile));
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result.value(), matches);
    QCOMPARE(ERR_peek_error(), 0UL);

    // CRLF PEM certificates read the same.
    if (certFile.endsWith(QLatin1String(".pem"))) {
        QByteArray crlf = file(certFile);
        crlf.replace("\n", "\r\n");
        QCOMPARE(key.value().matchesCertificate(crlf).value(), matches);
    }
}

void TestCrypto::nullKeyRefusesWork()
{
    PrivateKey key;
    QVERIFY(key.isNull());
    QCOMPARE(key.bits(), 0);
    QVERIFY(!key.signSha256("x").ok());
    QVERIFY(!key.matchesCertificate(file(QStringLiteral("cert.pem"))).ok());
    QVERIFY(key.toPkcs8Pem().isEmpty());

    const auto loaded = PrivateKey::fromPem(file(QStringLiteral("pkcs1.pem")));
    QVERIFY(loaded.ok());
    // Certificates that are not certificates are input errors, not mismatches.
    for (const QByteArray &bad :
         {QByteArray(), file(QStringLiteral("pkcs8.pem")), QByteArray("\x30\x03\x02\x01\x01", 5),
          QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")}) {
        const auto r = loaded.value().matchesCertificate(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QCOMPARE(ERR_peek_error(), 0UL);
    }
}

void TestCrypto::pkcs8RoundTrip()
{
    auto loaded = PrivateKey::fromPem(file(QStringLiteral("pkcs1.pem")));
    QVERIFY(loaded.ok());
    PrivateKey key = std::move(loaded.value());
    const SecretString pem = key.toPkcs8Pem();
    QVERIFY(pem.revealUtf8().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    const auto again = PrivateKey::fromPem(pem.revealUtf8());
    QVERIFY(again.ok());
    QVERIFY(again.value().matchesCertificate(file(QStringLiteral("cert.pem"))).value());
}

void TestCrypto::keygenProducesMatchingPair_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("commonName");
    QTest::newRow("one day") << 1 << QStringLiteral("bpsetup");
    QTest::newRow("a year") << 365 << QStringLiteral("Brand Portal – AEM author");
    QTest::newRow("ten years") << 3650 << QStringLiteral("bpsetup");
}

void TestCrypto::keygenProducesMatchingPair()
{
    QFETCH(int, days);
    QFETCH(QString, commonName);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const auto generated = KeyPairGenerator::generate(days, commonName);
    QVERIFY2(generated.ok(), generated.ok() ? "" : qPrintable(generated.error().detail));
    const GeneratedKeyPair &pair = generated.value();

    QVERIFY(pair.privateKeyPem.revealUtf8().startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(pair.certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
    const auto key = PrivateKey::fromPem(pair.privateKeyPem.revealUtf8());
    QVERIFY(key.ok());
    QCOMPARE(key.value().bits(), 2048);
    QVERIFY(key.value().matchesCertificate(pair.certificatePem).value());

    QVERIFY(pair.notBefore >= before && pair.notBefore <= QDateTime::currentDateTimeUtc());
    QCOMPARE(pair.notBefore.secsTo(pair.notAfter), qint64(days) * 86400);

    const auto facts = CertificateFacts::fromPemOrDer(pair.certificatePem, pair.notBefore);
    QVERIFY(facts.ok());
    QCOMPARE(facts.value().notAfter, pair.notAfter);
    QCOMPARE(facts.value().sha256, pair.sha256);
    QCOMPARE(facts.value().subject, QStringLiteral("CN=") + commonName);
    QCOMPARE(pair.sha256.size(), 64);
    QCOMPARE(pair.sha256, pair.sha256.toLower());

    // The openssl tool agrees on fingerprint, version, serial size and validity.
    QVERIFY(writeFile(path(QStringLiteral("gen.crt")), pair.certificatePem));
    QByteArray text;
    QVERIFY(openssl(args({"x509", "-in", "gen.crt", "-noout", "-fingerprint", "-sha256", "-serial", "-text"}),
                    &text));
    QString colons;
    for (int i = 0; i < pair.sha256.size(); i += 2)
        colons += (i ? QStringLiteral(":") : QString()) + pair.sha256.mid(i, 2).toUpper();
    QVERIFY2(text.contains(colons.toLatin1()), text.constData());
    QVERIFY(text.contains("Version: 3 (0x2)"));
    QVERIFY(text.contains("Signature Algorithm: sha256WithRSAEncryption"));
    QVERIFY(text.contains("Public-Key: (2048 bit)"));
    const QRegularExpression serialRe(QStringLiteral("serial=([0-9A-F]+)"));
    const auto serial = serialRe.match(QString::fromLatin1(text));
    QVERIFY(serial.hasMatch());
    QVERIFY(serial.captured(1).size() <= 40); // at most 159 bits -> 40 hex digits, positive
    QVERIFY(serial.captured(1).count(QLatin1Char('0')) < serial.captured(1).size());
    QCOMPARE(ERR_peek_error(), 0UL);
}

void TestCrypto::keygenRejectsBadInput_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("commonName");
    QTest::newRow("0 days") << 0 << QStringLiteral("bpsetup");
    QTest::newRow("negative days") << -1 << QStringLiteral("bpsetup");
    QTest::newRow("3651 days") << 3651 << QStringLiteral("bpsetup");
    QTest::newRow("4000 days") << 4000 << QStringLiteral("bpsetup");
    QTest::newRow("empty CN") << 365 << QStringLiteral("  ");
    QTest::newRow("CN too long") << 365 << QString(65, QLatin1Char('x'));
}

void TestCrypto::keygenRejectsBadInput()
{
    QFETCH(int, days);
    QFETCH(QString, commonName);
    const auto generated = KeyPairGenerator::generate(days, commonName);
    QVERIFY(!generated.ok());
    QCOMPARE(generated.error().code, ErrorCode::InvalidInput);
    QVERIFY(!generated.error().userMessage.isEmpty());
}

void TestCrypto::certificateFactsExpiry_data()
{
    QTest::addColumn<qint64>("secondsBeforeExpiry");
    QTest::addColumn<bool>("within30Days");
    QTest::addColumn<bool>("expired");
    QTest::newRow("a year left") << qint64(365) * 86400 << false << false;
    QTest::newRow("31 days left") << qint64(31) * 86400 << false << false;
    QTest::newRow("30 days left") << qint64(30) * 86400 << true << false;
    QTest::newRow("29 days left") << qint64(29) * 86400 << true << false;
    QTest::newRow("one second left") << qint64(1) << true << false;
    QTest::newRow("just expired") << qint64(0) << false << true;
    QTest::newRow("expired a week ago") << qint64(-7) * 86400 << false << true;
}

void TestCrypto::certificateFactsExpiry()
{
    QFETCH(qint64, secondsBeforeExpiry);
    QFETCH(bool, within30Days);
    QFETCH(bool, expired);
    static const auto generated = KeyPairGenerator::generate(400);
    QVERIFY(generated.ok());
    const QDateTime notAfter = generated.value().notAfter;
    // Local time for "now" on purpose: comparisons must not depend on the time zone of the caller.
    const QDateTime now = notAfter.addSecs(-secondsBeforeExpiry).toLocalTime();
    const auto facts = CertificateFacts::fromPemOrDer(generated.value().certificatePem, now);
    QVERIFY(facts.ok());
    QCOMPARE(facts.value().expiresWithin30Days, within30Days);
    QCOMPARE(facts.value().expired, expired);
}

void TestCrypto::certificateFactsOfOpensslCertificate()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto pem = CertificateFacts::fromPemOrDer(file(QStringLiteral("cert.pem")), now);
    const auto der = CertificateFacts::fromPemOrDer(file(QStringLiteral("cert.der")), now);
    QVERIFY(pem.ok());
    QVERIFY(der.ok());
    QCOMPARE(pem.value().subject, QStringLiteral("CN=bpsetup test"));
    QCOMPARE(der.value().subject, pem.value().subject);
    QCOMPARE(der.value().sha256, pem.value().sha256);
    QCOMPARE(der.value().notAfter, pem.value().notAfter);
    // Made with -days 30 a moment ago: inside the 30-day warning window, not expired.
    QVERIFY(pem.value().expiresWithin30Days);
    QVERIFY(!pem.value().expired);
    QVERIFY(qAbs(now.secsTo(pem.value().notAfter) - 30 * 86400) < 600);

    QByteArray fingerprint;
    QVERIFY(openssl(args({"x509", "-in", "cert.der", "-inform", "DER", "-noout", "-fingerprint", "-sha256"}),
                    &fingerprint));
    QVERIFY(fingerprint.toLower().replace(':', "").contains(pem.value().sha256.toLatin1()));

    const auto notACert = CertificateFacts::fromPemOrDer(file(QStringLiteral("pkcs8.pem")), now);
    QVERIFY(!notACert.ok());
    QVERIFY(notACert.error().userMessage.contains(QLatin1String("private key, not a certificate")));
}

void TestCrypto::jwtClaims_data()
{
    QTest::addColumn<QString>("imsBase");
    QTest::addColumn<QStringList>("metascopes");
    QTest::addColumn<QStringList>("expectedClaims");
    const QString na1 = QStringLiteral("https://ims-na1.adobelogin.com");
    QTest::newRow("short name") << na1 << QStringList{QStringLiteral("ent_brand_portal_sdk")}
                                << QStringList{na1 + QStringLiteral("/s/ent_brand_portal_sdk")};
    QTest::newRow("base with trailing slash")
        << na1 + QLatin1Char('/') << QStringList{QStringLiteral("ent_brand_portal_sdk")}
        << QStringList{na1 + QStringLiteral("/s/ent_brand_portal_sdk")};
    QTest::newRow("full URL and short name")
        << na1
        << QStringList{na1 + QStringLiteral("/s/ent_brand_portal_sdk"), QStringLiteral(" ent_user_sdk ")}
        << QStringList{na1 + QStringLiteral("/s/ent_brand_portal_sdk"),
                       na1 + QStringLiteral("/s/ent_user_sdk")};
    const QString stage = QStringLiteral("https://ims-na1-stg1.adobelogin.com");
    QTest::newRow("URL from another IMS rebuilt on ours")
        << stage << QStringList{na1 + QStringLiteral("/s/ent_brand_portal_sdk")}
        << QStringList{stage + QStringLiteral("/s/ent_brand_portal_sdk")};
}

void TestCrypto::jwtClaims()
{
    QFETCH(QString, imsBase);
    QFETCH(QStringList, metascopes);
    QFETCH(QStringList, expectedClaims);

    Credential credential;
    credential.kind = CredentialKind::ServiceAccountJwt;
    credential.clientId = QStringLiteral("0123456789abcdef0123456789abcdef");
    credential.orgId = QStringLiteral("ABCDEF0123456789ABCDEF01@AdobeOrg");
    credential.technicalAccountId = QStringLiteral("FEDCBA9876543210FEDCBA98@techacct.adobe.com");
    credential.technicalAccountEmail = QStringLiteral("d0e1f2@techacct.adobe.com");
    credential.metascopes = metascopes;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1760000000, Qt::UTC).addMSecs(789);

    const QJsonObject claims = ServiceAccountJwt::claims(credential, QUrl(imsBase), now);
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), 1760000300);
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), credential.orgId);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), credential.technicalAccountId);
    QString base = imsBase;
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(),
             base + QStringLiteral("/c/") + credential.clientId);
    QVERIFY(!claims.contains(QStringLiteral("jti")));
    QCOMPARE(claims.size(), 4 + expectedClaims.size());
    for (const QString &claim : expectedClaims)
        QCOMPARE(claims.value(claim), QJsonValue(true));

    const auto loaded = PrivateKey::fromPem(file(QStringLiteral("pkcs8.pem")));
    QVERIFY(loaded.ok());
    const auto jwt = ServiceAccountJwt::sign(claims, loaded.value());
    QVERIFY(jwt.ok());
    const QList<QByteArray> parts = jwt.value().split('.');
    QCOMPARE(parts.size(), 3);
    for (const QByteArray &part : parts) {
        QVERIFY(!part.isEmpty());
        QVERIFY(!part.contains('='));
        QVERIFY(!part.contains('+') && !part.contains('/'));
    }
    QCOMPARE(base64UrlDecode(parts.at(0)), QByteArray(R"({"alg":"RS256","typ":"JWT"})"));
    const QByteArray payload = base64UrlDecode(parts.at(1));
    // exp must be written as a bare integer, never 1.7600003e+09 or a string.
    QVERIFY2(payload.contains("\"exp\":1760000300,") || payload.contains("\"exp\":1760000300}"),
             payload.constData());
    QCOMPARE(QJsonDocument::fromJson(payload).object(), claims);
    QCOMPARE(base64UrlDecode(parts.at(2)).size(), 256);
}

void TestCrypto::jwtVerifiesWithOpenssl()
{
    Credential credential;
    credential.clientId = QStringLiteral("client");
    credential.orgId = QStringLiteral("ORG@AdobeOrg");
    credential.technicalAccountId = QStringLiteral("TECH@techacct.adobe.com");
    credential.metascopes = {QStringLiteral("ent_brand_portal_sdk")};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QJsonObject claims =
        ServiceAccountJwt::claims(credential, QUrl(QStringLiteral("https://ims-na1.adobelogin.com")), now);
    QVERIFY(qAbs(claims.value(QStringLiteral("exp")).toInteger() - (now.toSecsSinceEpoch() + 300)) <= 1);

    const auto key = PrivateKey::fromPem(file(QStringLiteral("enc.pem")), SecretString(kPassphrase));
    QVERIFY(key.ok());
    const auto jwt = ServiceAccountJwt::sign(claims, key.value());
    QVERIFY(jwt.ok());
    const qsizetype lastDot = jwt.value().lastIndexOf('.');
    const QByteArray signingInput = jwt.value().left(lastDot);
    QVERIFY(writeFile(path(QStringLiteral("input.txt")), signingInput));
    QVERIFY(writeFile(path(QStringLiteral("sig.bin")), base64UrlDecode(jwt.value().mid(lastDot + 1))));

    const QStringList verify =
        args({"dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "input.txt"});
    QByteArray output;
    int exitCode = -1;
    QVERIFY(openssl(verify, &output, &exitCode));
    QCOMPARE(exitCode, 0);
    QVERIFY2(output.contains("Verified OK"), output.constData());

    // One flipped claim character breaks the signature.
    QByteArray tampered = signingInput;
    tampered[tampered.size() - 2] = tampered.at(tampered.size() - 2) == 'A' ? 'B' : 'A';
    QVERIFY(writeFile(path(QStringLiteral("input.txt")), tampered));
    QVERIFY(openssl(verify, &output, &exitCode));
    QCOMPARE(exitCode, 1);
    QVERIFY2(output.contains("Verification failure"), output.constData());

    // The other key's certificate does not verify it either.
    QVERIFY(writeFile(path(QStringLiteral("input.txt")), signingInput));
    QVERIFY(openssl(args({"x509", "-in", "other-cert.pem", "-pubkey", "-noout", "-out", "other-pub.pem"})));
    QVERIFY(
        openssl(args({"dgst", "-sha256", "-verify", "other-pub.pem", "-signature", "sig.bin", "input.txt"}),
                &output, &exitCode));
    QCOMPARE(exitCode, 1);
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
