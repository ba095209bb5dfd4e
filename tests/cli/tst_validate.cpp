// SPDX-License-Identifier: Apache-2.0
// `bpsetup validate` against the simulated Adobe IMS on loopback, with the credential files the simulator
// writes (as Developer Console would hand them out). The commands run in this process (test::runCli) with a
// manual clock, so retry back-off costs no time and "IMS never answers" is a clock advance; one run goes
// through the real executable.
#include "CliSandbox.h"
#include "TestHttpServer.h"

#include "credentials/CredentialImporter.h"
#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "net/TrustStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace bp;

namespace {

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

QJsonObject errorOf(const test::ProcessResult &r)
{
    return lastJson(r.out).value(QStringLiteral("error")).toObject();
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

void writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(o).toJson());
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

bool openssl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestValidate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void oauthProjectDownload();
    void oauthThroughTheExecutable();
    void oauthFlatFile();
    void secondSecretIsFound();
    void rejections_data();
    void rejections();
    void jwtWithKey();
    void jwtWithoutKeyExplainsAem();
    void jwtWarningRepeatedAfterVerdict_data();
    void jwtWarningRepeatedAfterVerdict();
    void jwtWithUnregisteredKeyThenRegistered();
    void jwtEncryptedKey();
    void encryptedKeyWithoutPassphrase_data();
    void encryptedKeyWithoutPassphrase();
    void jwtRejectedForTimeNamesTheClock();
    void jwtConvertedByAdobe();
    void jwtChanged_data();
    void jwtChanged();
    void certificateMustMatchKey();
    void jwtPayloadHasNoSecret();
    void imsAnswersHtml();
    void somethingElseAnswers_data();
    void somethingElseAnswers();
    void imsServerErrorsAreRetried();
    void imsServerErrorsOutlastRetries();
    void imsNeverAnswers_data();
    void imsNeverAnswers();
    void imsUnreachable();
    void imsCertificateIsShownAndCanBeTrusted();
    void imsRefusedNamesImsOnly_data();
    void imsRefusedNamesImsOnly();
    void badInput_data();
    void badInput();
    void wrongFileAsCredentials_data();
    void wrongFileAsCredentials();
    void inputFilesMustBeSmallRegularFiles_data();
    void inputFilesMustBeSmallRegularFiles();
    void timeoutOutOfRange_data();
    void timeoutOutOfRange();
    void controlCharactersAreEscaped_data();
    void controlCharactersAreEscaped();
    void noSecretEverPrinted();

private:
    test::ProcessResult validate(const QStringList &extra, const QByteArray &stdinData = QByteArray());
    test::ProcessResult validateAt(const QUrl &ims, const QStringList &extra);
    QString encryptedKey();
    // A TestHttpServer handler for an IMS that reads each request and never answers: once a request is in,
    // the manual clock moves past the deadline (from the event loop, as a real clock would).
    test::TestHttpServer::Handler holdThenAdvance(qint64 ms);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<sim::Simulator> m_sim; // well-behaved, shared by the tests
    sim::Simulator *m_ims = nullptr;       // the one validate() asks: m_sim or a test's own
    std::unique_ptr<test::CliSandbox> m_sandbox;
    std::unique_ptr<test::LogCapture> m_log;
    QTemporaryDir m_dir;
    QStringList m_secrets; // every secret this test run handles, for the canary checks
};

void TestValidate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qunsetenv("BPSETUP_AEM_PASSWORD");
    m_log = std::make_unique<test::LogCapture>();
    // One simulator and one set of credential files for the whole run (making them generates RSA keys);
    // tests that need a misbehaving IMS start their own.
    sim::SimulatorOptions o;
    o.faults.clear();
    o.jwtConverted = false; // the JWT rows test the exchange as it worked before Adobe's conversion
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    const auto written = m_sim->writeCredentialFiles(m_dir.path());
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().userMessage));
    m_secrets << m_sim->clientSecretsForTests();
    const QJsonObject jwt = readJson(path(QStringLiteral("jwt-credential.json")));
    m_secrets << jwt.value(QStringLiteral("CLIENT_SECRET")).toString();
    // The private key's body lines are secret too.
    QFile key(path(QStringLiteral("private.key")));
    QVERIFY(key.open(QIODevice::ReadOnly));
    for (const QByteArray &line : key.readAll().split('\n')) {
        if (line.size() > 16 && !line.startsWith("-----"))
            m_secrets << QString::fromLatin1(line);
    }
}

void TestValidate::cleanupTestCase()
{
    m_sim.reset();
    m_log.reset(); // gives the message handler back while Qt Test still runs
}

void TestValidate::init()
{
    m_sandbox = std::make_unique<test::CliSandbox>();
    QVERIFY(m_sandbox->isValid());
    m_log->clear();
    m_sim->clearRequestLog();
    m_ims = m_sim.get();
}

void TestValidate::cleanup()
{
    // Canary: no secret in anything a run printed, nor in what this process logged meanwhile.
    for (const auto &r : m_sandbox->runs()) {
        const char *where = test::secretLeak(r, m_secrets);
        QVERIFY2(!where, qPrintable(QStringLiteral("a secret reached %1").arg(QLatin1String(where))));
        QVERIFY2(!r.out.contains("PRIVATE KEY") && !r.err.contains("PRIVATE KEY"),
                 "a key reached the output");
    }
    const QByteArray logged = m_log->text();
    for (const QString &s : std::as_const(m_secrets))
        QVERIFY2(s.isEmpty() || !logged.contains(s.toUtf8()), "a secret reached the log");
    m_ims = nullptr;
    m_sandbox.reset();
}

test::ProcessResult TestValidate::validate(const QStringList &extra, const QByteArray &stdinData)
{
    const QStringList args{QStringLiteral("validate"), QStringLiteral("--ims-url"),
                           m_ims->imsUrl().toString(), QStringLiteral("--json")};
    return m_sandbox->run(args + extra, stdinData);
}

test::ProcessResult TestValidate::validateAt(const QUrl &ims, const QStringList &extra)
{
    return m_sandbox->run(QStringList{QStringLiteral("validate"), QStringLiteral("--ims-url"), ims.toString(),
                                      QStringLiteral("--credentials"),
                                      path(QStringLiteral("oauth-s2s-credential.json"))} +
                          extra);
}

QString TestValidate::encryptedKey()
{
    const QString encrypted = path(QStringLiteral("encrypted.key"));
    m_secrets << QStringLiteral("Correct-Horse-9");
    if (!QFileInfo::exists(encrypted) &&
        !openssl({QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
                  QStringLiteral("aes-256-cbc"), QStringLiteral("-in"), path(QStringLiteral("private.key")),
                  QStringLiteral("-out"), encrypted, QStringLiteral("-passout"),
                  QStringLiteral("pass:Correct-Horse-9")}))
        return QString();
    return encrypted;
}

test::TestHttpServer::Handler TestValidate::holdThenAdvance(qint64 ms)
{
    return [this, ms](const test::TestHttpServer::Request &, test::TestHttpServer::Responder &response) {
        response.hold();
        test::ManualClock *clock = &m_sandbox->clock;
        QTimer::singleShot(0, [clock, ms] { clock->advance(ms); });
    };
}

void TestValidate::oauthProjectDownload()
{
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("oauth-s2s-project.json"))});
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject j = lastJson(r.out);
    QCOMPARE(j.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(j.value(QStringLiteral("method")).toString(), QStringLiteral("oauth-s2s"));
    QCOMPARE(j.value(QStringLiteral("clientId")).toString(), m_sim->imsClientId());
    QVERIFY(j.value(QStringLiteral("orgId")).toString().endsWith(QLatin1String("@AdobeOrg")));
    QCOMPARE(j.value(QStringLiteral("expiresIn")).toInteger(), 86399);
    QVERIFY(!r.out.contains("access_token"));
    QCOMPARE(r.out.count('\n'), 1); // --json: exactly one object
}

void TestValidate::oauthThroughTheExecutable()
{
    // The one run through the real executable: main(), argument handling and exit code as a shell sees them.
    const auto r =
        test::runBpsetup({QStringLiteral("validate"), QStringLiteral("--ims-url"), m_sim->imsUrl().toString(),
                          QStringLiteral("--json"), QStringLiteral("--credentials"),
                          path(QStringLiteral("oauth-s2s-project.json"))});
    m_sandbox->record(r);
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject j = lastJson(r.out);
    QCOMPARE(j.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(j.value(QStringLiteral("clientId")).toString(), m_sim->imsClientId());
}

void TestValidate::oauthFlatFile()
{
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("method")).toString(), QStringLiteral("oauth-s2s"));
}

void TestValidate::secondSecretIsFound()
{
    QJsonObject flat = readJson(path(QStringLiteral("oauth-s2s-credential.json")));
    const QJsonArray secrets = flat.value(QStringLiteral("CLIENT_SECRETS")).toArray();
    flat.insert(QStringLiteral("CLIENT_SECRETS"),
                QJsonArray{QStringLiteral("p8e-rotated-away"), secrets.at(1)});
    const QString file = path(QStringLiteral("rotated.json"));
    writeJson(file, flat);
    const auto r = validate({QStringLiteral("--credentials"), file});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("secretUsed")).toInt(), 2);
}

void TestValidate::rejections_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("remedyPart");
    QTest::newRow("wrong secret") << "CLIENT_SECRETS" << QJsonValue(QJsonArray{QStringLiteral("p8e-wrong")})
                                  << "invalid_client"
                                  << "client secret";
    QTest::newRow("unknown client") << "CLIENT_ID" << QJsonValue(QStringLiteral("0000aaaa"))
                                    << "invalid_client"
                                    << "still exists";
    QTest::newRow("scope not granted")
        << "SCOPES" << QJsonValue(QJsonArray{QStringLiteral("openid"), QStringLiteral("not_granted")})
        << "invalid_scope"
        << "product profile";
}

void TestValidate::rejections()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject flat = readJson(path(QStringLiteral("oauth-s2s-credential.json")));
    flat.insert(key, value);
    const QString file = path(QStringLiteral("changed.json"));
    writeJson(file, flat);
    const auto r = validate({QStringLiteral("--credentials"), file});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject error = errorOf(r);
    QTEST(error.value(QStringLiteral("code")).toString(), "code");
    QTEST(error.value(QStringLiteral("id")).toString(), "code");
    QFETCH(QString, remedyPart);
    QVERIFY2(error.value(QStringLiteral("remedy")).toString().contains(remedyPart, Qt::CaseInsensitive),
             qPrintable(error.value(QStringLiteral("remedy")).toString()));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY2(r.err.contains("What to do: "), r.err.constData());
}

void TestValidate::jwtWithKey()
{
    const auto r = validate({QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json")),
                             QStringLiteral("--private-key"), path(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject j = lastJson(r.out);
    QCOMPARE(j.value(QStringLiteral("method")).toString(), QStringLiteral("jwt"));
    QCOMPARE(j.value(QStringLiteral("expiresIn")).toInteger(), 86399); // IMS said 86399000 ms
    QVERIFY(
        j.value(QStringLiteral("warnings")).toArray().first().toString().contains(QLatin1String("retired")));
}

void TestValidate::jwtWarningRepeatedAfterVerdict_data()
{
    QTest::addColumn<QString>("credentials");
    QTest::addColumn<bool>("wrongSecret");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("warnings"); // how often the retirement warning is printed
    QTest::newRow("jwt accepted") << "jwt-project.json" << false << 0 << 2;
    QTest::newRow("jwt rejected") << "jwt-project.json" << true << 1 << 2;
    QTest::newRow("oauth") << "oauth-s2s-project.json" << false << 0 << 0;
}

void TestValidate::jwtWarningRepeatedAfterVerdict()
{
    QFETCH(QString, credentials);
    QFETCH(bool, wrongSecret);
    QString file = path(credentials);
    if (wrongSecret) {
        QJsonObject root = readJson(file);
        QJsonObject project = root.value(QStringLiteral("project")).toObject();
        QJsonObject workspace = project.value(QStringLiteral("workspace")).toObject();
        QJsonObject details = workspace.value(QStringLiteral("details")).toObject();
        QJsonArray list = details.value(QStringLiteral("credentials")).toArray();
        QJsonObject credential = list.at(0).toObject();
        QJsonObject jwt = credential.value(QStringLiteral("jwt")).toObject();
        QVERIFY(jwt.contains(QStringLiteral("client_secret")));
        jwt.insert(QStringLiteral("client_secret"), QStringLiteral("not-the-secret"));
        credential.insert(QStringLiteral("jwt"), jwt);
        list.replace(0, credential);
        details.insert(QStringLiteral("credentials"), list);
        workspace.insert(QStringLiteral("details"), details);
        project.insert(QStringLiteral("workspace"), workspace);
        root.insert(QStringLiteral("project"), project);
        file = path(QStringLiteral("jwt-wrong-secret.json"));
        writeJson(file, root);
    }
    // Human output (no --json).
    const auto r = m_sandbox->run({QStringLiteral("validate"), QStringLiteral("--ims-url"),
                                   m_ims->imsUrl().toString(), QStringLiteral("--credentials"), file,
                                   QStringLiteral("--private-key"), path(QStringLiteral("private.key"))});
    QFETCH(int, exitCode);
    BP_COMPARE_EXIT(r, exitCode);
    // The core's wording, once before the check and once after the verdict, as the last line.
    const QByteArray warning = QStringLiteral("warning: %1")
                                   .arg(CredentialImporter::jwtRetirementWarning(m_sandbox->clock.today()))
                                   .toUtf8();
    QFETCH(int, warnings);
    QCOMPARE(int(r.err.count(warning)), warnings);
    if (warnings > 0) {
        QVERIFY2(r.err.trimmed().endsWith(warning), r.err.constData());
        QVERIFY2(warning.contains("2026-03-01"), warning.constData());
    }
}

void TestValidate::jwtWithoutKeyExplainsAem()
{
    const auto r = validate({QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json"))});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("only inside AEM"));
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("private-key-required"));
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestValidate::jwtWithUnregisteredKeyThenRegistered()
{
    const QString other = m_sandbox->home.filePath(QStringLiteral("other"));
    BP_COMPARE_EXIT(m_sandbox->run({QStringLiteral("keygen"), QStringLiteral("--out"), other}), 0);
    const QStringList args{QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json")),
                           QStringLiteral("--private-key"), other + QStringLiteral("/private.key")};
    auto r = validate(args);
    BP_COMPARE_EXIT(r, 1);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("invalid_token"));
    QVERIFY(r.err.contains("matches no certificate"));
    // Upload the new certificate (the simulator stands in for Developer Console), then it is accepted.
    QFile cert(other + QStringLiteral("/certificate_pub.crt"));
    QVERIFY(cert.open(QIODevice::ReadOnly));
    const QString jwtClient =
        readJson(path(QStringLiteral("jwt-credential.json"))).value(QStringLiteral("API_KEY")).toString();
    // On the shared simulator: the extra certificate belongs to a key no other test uses.
    QVERIFY(m_sim->registerCertificate(jwtClient, cert.readAll()).ok());
    r = validate(args);
    BP_COMPARE_EXIT(r, 0);
}

void TestValidate::jwtEncryptedKey()
{
    const QString encrypted = encryptedKey();
    QVERIFY(!encrypted.isEmpty());
    const QStringList args{QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json")),
                           QStringLiteral("--private-key"), encrypted,
                           QStringLiteral("--key-passphrase-stdin")};
    auto r = validate(args, "Correct-Horse-9\n");
    BP_COMPARE_EXIT(r, 0);
    r = validate(args, "wrong-passphrase\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("passphrase"));
}

void TestValidate::encryptedKeyWithoutPassphrase_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("validate") << QStringList{
        QStringLiteral("validate"),      QStringLiteral("--json"),
        QStringLiteral("--credentials"), QStringLiteral("%DIR%/jwt-project.json"),
        QStringLiteral("--private-key"), QStringLiteral("%KEY%")};
    QTest::newRow("profile save") << QStringList{
        QStringLiteral("profile"),       QStringLiteral("save"),
        QStringLiteral("jwt"),           QStringLiteral("--json"),
        QStringLiteral("--aem"),         QStringLiteral("http://127.0.0.1:4502"),
        QStringLiteral("--credentials"), QStringLiteral("%DIR%/jwt-project.json"),
        QStringLiteral("--private-key"), QStringLiteral("%KEY%")};
}

void TestValidate::encryptedKeyWithoutPassphrase()
{
    QFETCH(QStringList, args);
    const QString encrypted = encryptedKey();
    QVERIFY(!encrypted.isEmpty());
    args.replaceInStrings(QStringLiteral("%DIR%"), m_dir.path());
    args.replaceInStrings(QStringLiteral("%KEY%"), encrypted);
    const auto r = m_sandbox->run(args);
    BP_COMPARE_EXIT(r, 2);
    const QJsonObject error = errorOf(r);
    QCOMPARE(error.value(QStringLiteral("id")).toString(), QStringLiteral("key-passphrase-required"));
    QVERIFY2(
        error.value(QStringLiteral("remedy")).toString().contains(QLatin1String("--key-passphrase-stdin")),
        qPrintable(error.value(QStringLiteral("remedy")).toString()));
    QVERIFY2(r.err.contains("--key-passphrase-stdin"), r.err.constData());
    // Nothing went to IMS, the keychain or the profiles file.
    QCOMPARE(m_sim->requestCount(), 0);
    QCOMPARE(m_sandbox->secrets.entryCount(), 0);
    QVERIFY(!QFileInfo::exists(m_sandbox->profilesPath()));
}

void TestValidate::jwtRejectedForTimeNamesTheClock()
{
    sim::SimulatorOptions o;
    o.jwtConverted = false;
    o.imsClockOffsetSeconds = 900; // IMS is 15 minutes ahead: our 5-minute JWT arrives already expired
    const auto skewed = test::startSimulator(o);
    QVERIFY(skewed);
    m_ims = skewed.get();
    QVERIFY(skewed->writeCredentialFiles(path(QStringLiteral("skew"))).ok());
    m_secrets << skewed->jwtClientSecretForTests();
    const auto r = validate({QStringLiteral("--credentials"), path(QStringLiteral("skew/jwt-project.json")),
                             QStringLiteral("--private-key"), path(QStringLiteral("skew/private.key"))});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject j = lastJson(r.out);
    QVERIFY(qAbs(j.value(QStringLiteral("clockSkewSeconds")).toInteger() + 900) <= 5);
    const QString message =
        j.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("expired")) && message.contains(QLatin1String("behind")),
             qPrintable(message));
}

// Today, as for every real JWT credential since 2026-03-01: the exchange fails, and the verdict names
// Adobe's conversion and the OAuth credential to use, not an IMS outage.
void TestValidate::jwtConvertedByAdobe()
{
    const auto converted = test::startSimulator(sim::SimulatorOptions{}); // the default: converted
    QVERIFY(converted);
    m_ims = converted.get();
    QVERIFY(converted->writeCredentialFiles(path(QStringLiteral("converted"))).ok());
    m_secrets << converted->jwtClientSecretForTests();
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("converted/jwt-project.json")),
                  QStringLiteral("--private-key"), path(QStringLiteral("converted/private.key"))});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject error = errorOf(r);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("jwt-converted"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("2026-03-01")),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY(
        error.value(QStringLiteral("remedy")).toString().contains(QLatin1String("OAuth Server-to-Server")));
}

void TestValidate::jwtChanged_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("wrong metascope") << "metascope"
                                     << "invalid_scope"
                                     << "metascope";
    QTest::newRow("wrong org") << "org"
                               << "invalid_token"
                               << "organization";
    QTest::newRow("wrong secret") << "secret"
                                  << "invalid_client"
                                  << "client secret";
}

void TestValidate::jwtChanged()
{
    QFETCH(QString, change);
    QJsonObject root = readJson(path(QStringLiteral("jwt-project.json")));
    QJsonObject project = root.value(QStringLiteral("project")).toObject();
    QJsonObject workspace = project.value(QStringLiteral("workspace")).toObject();
    QJsonObject details = workspace.value(QStringLiteral("details")).toObject();
    QJsonArray credentials = details.value(QStringLiteral("credentials")).toArray();
    QJsonObject credential = credentials.at(0).toObject();
    QJsonObject jwt = credential.value(QStringLiteral("jwt")).toObject();
    if (change == QLatin1String("metascope"))
        jwt.insert(QStringLiteral("meta_scopes"), QJsonArray{QStringLiteral("ent_user_sdk")});
    else if (change == QLatin1String("secret"))
        jwt.insert(QStringLiteral("client_secret"), QStringLiteral("not-the-secret"));
    else {
        QJsonObject org = project.value(QStringLiteral("org")).toObject();
        org.insert(QStringLiteral("ims_org_id"), QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg"));
        project.insert(QStringLiteral("org"), org);
    }
    credential.insert(QStringLiteral("jwt"), jwt);
    credentials.replace(0, credential);
    details.insert(QStringLiteral("credentials"), credentials);
    workspace.insert(QStringLiteral("details"), details);
    project.insert(QStringLiteral("workspace"), workspace);
    root.insert(QStringLiteral("project"), project);
    const QString file = path(QStringLiteral("jwt-changed.json"));
    writeJson(file, root);
    const auto r = validate({QStringLiteral("--credentials"), file, QStringLiteral("--private-key"),
                             path(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject error = errorOf(r);
    QTEST(error.value(QStringLiteral("code")).toString(), "code");
    QFETCH(QString, messagePart);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestValidate::certificateMustMatchKey()
{
    const QString other = m_sandbox->home.filePath(QStringLiteral("other-cert"));
    BP_COMPARE_EXIT(m_sandbox->run({QStringLiteral("keygen"), QStringLiteral("--out"), other}), 0);
    auto r = validate({QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json")),
                       QStringLiteral("--private-key"), path(QStringLiteral("private.key")),
                       QStringLiteral("--certificate"), other + QStringLiteral("/certificate_pub.crt")});
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("key-certificate-mismatch"));
    QCOMPARE(m_sim->requestCount(), 0);
    r = validate({QStringLiteral("--credentials"), path(QStringLiteral("jwt-project.json")),
                  QStringLiteral("--private-key"), path(QStringLiteral("private.key")),
                  QStringLiteral("--certificate"), path(QStringLiteral("certificate_pub.crt"))});
    BP_COMPARE_EXIT(r, 0);
}

void TestValidate::jwtPayloadHasNoSecret()
{
    const auto r = validate({QStringLiteral("--credentials"), path(QStringLiteral("jwt-payload.json")),
                             QStringLiteral("--private-key"), path(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 2);
    const QJsonArray fields = errorOf(r).value(QStringLiteral("fields")).toArray();
    QCOMPARE(fields.first().toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("clientSecrets"));
}

void TestValidate::imsAnswersHtml()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsHtml;
    const auto html = test::startSimulator(o);
    QVERIFY(html);
    m_ims = html.get();
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("html-answer"));
    QVERIFY(r.err.contains("captive portal"));
}

void TestValidate::somethingElseAnswers_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("id");
    QTest::newRow("json without a token")
        << QByteArray("application/json") << QByteArray(R"({"status":"ok"})") << "not-ims-json";
    QTest::newRow("html") << QByteArray("text/html; charset=utf-8")
                          << QByteArray("<!doctype html><title>Sign in</title><form></form>")
                          << "html-answer";
}

void TestValidate::somethingElseAnswers()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    test::TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const test::TestHttpServer::Request &, test::TestHttpServer::Responder &response) {
        response.send(200, contentType, body);
    });
    const auto r = validateAt(server.url(), {QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 3);
    const QJsonObject error = errorOf(r);
    QTEST(error.value(QStringLiteral("code")).toString(), "id");
    QTEST(error.value(QStringLiteral("id")).toString(), "id");
    QVERIFY(!error.value(QStringLiteral("remedy")).toString().isEmpty());
    QCOMPARE(lastJson(r.out).value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(server.requestCount(), 1); // an answer, however wrong, is not retried
    QCOMPARE(server.requests().first().target, QByteArray("/ims/token/v3"));
}

void TestValidate::imsServerErrorsAreRetried()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsServerError;
    o.imsFailuresBeforeSuccess = 2;
    const auto failing = test::startSimulator(o);
    QVERIFY(failing);
    m_ims = failing.get();
    QVERIFY(failing->writeCredentialFiles(path(QStringLiteral("fresh"))).ok());
    m_secrets << failing->clientSecretsForTests();
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("fresh/oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 0); // two 503s, then a token on the third attempt
    QCOMPARE(m_ims->requestCount(), 3);
    QCOMPARE(m_sandbox->clock.waitedMs(), qint64(500 + 1000)); // the back-off, on the manual clock
}

void TestValidate::imsServerErrorsOutlastRetries()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsServerError;
    o.imsFailuresBeforeSuccess = 10;
    const auto failing = test::startSimulator(o);
    QVERIFY(failing);
    m_ims = failing.get();
    QVERIFY(failing->writeCredentialFiles(path(QStringLiteral("fresh2"))).ok());
    m_secrets << failing->clientSecretsForTests();
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("fresh2/oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 3);
    QVERIFY(r.err.contains("after retries"));
    QCOMPARE(m_ims->requestCount(), 3);
}

void TestValidate::imsNeverAnswers_data()
{
    QTest::addColumn<QString>("timeout");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("wording");
    QTest::newRow("1 s") << "1" << 1000 << "1 second";
    QTest::newRow("0.5 s") << "0.5" << 500 << "0.5 seconds";
}

void TestValidate::imsNeverAnswers()
{
    QFETCH(QString, timeout);
    QFETCH(int, timeoutMs);
    QFETCH(QString, wording);
    test::TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(holdThenAdvance(timeoutMs));
    const auto r = validateAt(server.url(), {QStringLiteral("--json"), QStringLiteral("--timeout"), timeout});
    BP_COMPARE_EXIT(r, 3);
    const QJsonObject error = errorOf(r);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(wording),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY2(r.err.contains(wording.toUtf8()), r.err.constData());
    QCOMPARE(server.requestCount(), 3); // a timeout is retried, up to 3 attempts
}

void TestValidate::imsUnreachable()
{
    const QUrl ims(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort()));
    const auto r = validateAt(ims, {QStringLiteral("--json")});
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), QStringLiteral("connection-refused"));
    QVERIFY2(r.err.contains("Nothing accepted the connection at 127.0.0.1:"), r.err.constData());
    QCOMPARE(m_sandbox->clock.waitedMs(), qint64(500 + 1000)); // retried with back-off before giving up
}

void TestValidate::imsCertificateIsShownAndCanBeTrusted()
{
    // Adobe IMS behind a proxy that inspects TLS: the certificate that answers is nobody's CA's.
    sim::SimulatorOptions o;
    o.imsTls = true;
    const auto inspected = test::startSimulator(o);
    QVERIFY(inspected);
    QCOMPARE(inspected->imsUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(inspected->aemUrl().scheme(), QStringLiteral("http"));
    m_ims = inspected.get();
    QVERIFY(inspected->writeCredentialFiles(path(QStringLiteral("tls"))).ok());
    m_secrets << inspected->clientSecretsForTests();
    const QStringList credentials{QStringLiteral("--credentials"),
                                  path(QStringLiteral("tls/oauth-s2s-credential.json"))};
    const QString sha256 = CertificateInfo::fingerprintSha256(inspected->certificate());
    const QString host = hostPortKey(inspected->imsUrl());
    const QString shown = CertificateInfo::displayFingerprint(sha256);

    auto r = validate(credentials);
    BP_COMPARE_EXIT(r, 3);
    const QJsonObject error = errorOf(r);
    // validate's "code" is the stable id (IMS's own error, or the tool's).
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("tls-untrusted"));
    QCOMPARE(error.value(QStringLiteral("id")).toString(), QStringLiteral("tls-untrusted"));
    const QJsonObject certificate = error.value(QStringLiteral("certificate")).toObject();
    QCOMPARE(certificate.value(QStringLiteral("host")).toString(), host);
    QCOMPARE(certificate.value(QStringLiteral("peer")).toString(), QStringLiteral("ims"));
    QCOMPARE(certificate.value(QStringLiteral("sha256")).toString(), sha256);
    const QString option = host + QLatin1Char('=') + shown;
    QCOMPARE(certificate.value(QStringLiteral("trustFingerprint")).toString(), option);
    // Which host, its fingerprint and how to trust it, in words.
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(QStringLiteral("Certificate presented by %1 (Adobe IMS)").arg(host)),
             r.err.constData());
    QVERIFY2(err.contains(QStringLiteral("SHA-256  ") + shown), r.err.constData());
    QVERIFY2(err.contains(QStringLiteral("--trust-fingerprint ") + option), r.err.constData());
    QVERIFY2(err.contains(QLatin1String("network team")), r.err.constData());
    QCOMPARE(m_sandbox->clock.waitedMs(), qint64(0));     // a certificate is not retried
    QVERIFY(!QFile::exists(m_sandbox->trustStorePath())); // shown, never trusted on its own

    // Another fingerprint for that host: refused, and nothing is remembered.
    r = validate(credentials + QStringList{QStringLiteral("--trust-fingerprint"),
                                           host + QLatin1Char('=') + QString(64, QLatin1Char('b'))});
    BP_COMPARE_EXIT(r, 3);
    QVERIFY2(r.err.contains("not the one trusted earlier"), r.err.constData());
    QVERIFY(!QFile::exists(m_sandbox->trustStorePath()));

    // The option as printed: IMS answers, and exactly that certificate is pinned for exactly that host:port.
    r = validate(credentials + QStringList{QStringLiteral("--trust-fingerprint"), option});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("ok")).toBool(), true);
    QVERIFY2(r.err.contains("from now on"), r.err.constData());
    TrustStore store(m_sandbox->trustStorePath());
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(host), sha256);
    QCOMPARE(store.pins().size(), 1);

    // From now on without the option.
    r = validate(credentials);
    BP_COMPARE_EXIT(r, 0);

    // validate's own server is IMS: a bare fingerprint is for it.
    QVERIFY(QFile::remove(m_sandbox->trustStorePath()));
    r = validate(credentials + QStringList{QStringLiteral("--trust-fingerprint"), sha256.toUpper()});
    BP_COMPARE_EXIT(r, 0);
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(host), sha256);
}

void TestValidate::imsRefusedNamesImsOnly_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("human") << false;
    QTest::newRow("json") << true;
}

void TestValidate::imsRefusedNamesImsOnly()
{
    QFETCH(bool, json);
    const quint16 port = test::unusedLoopbackPort();
    const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const auto r = validateAt(QUrl(origin), json ? QStringList{QStringLiteral("--json")} : QStringList());
    BP_COMPARE_EXIT(r, 3);
    // Words for AEM (its usual port, "is AEM running") have no place here. The port itself may contain
    // "4502" by chance: look at the words around it.
    const QByteArray words = QByteArray(r.err).replace(QByteArray::number(port), "PORT");
    QVERIFY2(!words.contains("AEM"), r.err.constData());
    QVERIFY2(!words.contains("4502"), r.err.constData());
    QVERIFY2(!words.contains("busy"), r.err.constData());
    // The remedy names the address exactly as given: scheme, host and port.
    const qsizetype remedyAt = r.err.indexOf("What to do: ");
    QVERIFY2(remedyAt >= 0, r.err.constData());
    QVERIFY2(r.err.indexOf(QByteArray(origin.toUtf8() + ' '), remedyAt) > remedyAt, r.err.constData());
    if (json) {
        const QString remedy = errorOf(r).value(QStringLiteral("remedy")).toString();
        QVERIFY2(remedy.contains(origin + QLatin1Char(' ')), qPrintable(remedy));
        QVERIFY2(!remedy.contains(QLatin1String("AEM")), qPrintable(remedy));
        QVERIFY2(!remedy.contains(QLatin1String("HTTPS")), qPrintable(remedy)); // it is http:// here
    }
}

void TestValidate::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("fileContent");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("malformed json") << QStringList() << QByteArray("{\"CLIENT_ID\": ") << "not valid JSON";
    QTest::newRow("another kind") << QStringList()
                                  << QByteArray("{\"client_id\":\"x\",\"redirect_uri\":\"https://x\"}")
                                  << "redirect";
    QTest::newRow("remote http ims") << QStringList{QStringLiteral("--ims-url"),
                                                    QStringLiteral("http://ims.example.com")}
                                     << QByteArray() << "https://";
    QTest::newRow("no credentials option")
        << QStringList{QStringLiteral("--no-file")} << QByteArray() << "--credentials";
}

void TestValidate::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, fileContent);
    QFETCH(QString, messagePart);
    QStringList full{QStringLiteral("validate"), QStringLiteral("--json")};
    if (args.value(0) != QLatin1String("--no-file")) {
        QString file = path(QStringLiteral("oauth-s2s-credential.json"));
        if (!fileContent.isEmpty()) {
            file = path(QStringLiteral("bad.json"));
            QVERIFY(writeFile(file, fileContent));
        }
        full << QStringLiteral("--credentials") << file << args;
    }
    const auto r = m_sandbox->run(full);
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(r.err.contains(messagePart.toUtf8()), r.err.constData());
    QCOMPARE(lastJson(r.out).value(QStringLiteral("exitCode")).toInt(), 2);
}

void TestValidate::wrongFileAsCredentials_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("isA");
    QTest::addColumn<QString>("useOption");
    const QStringList validate{QStringLiteral("validate"), QStringLiteral("--json")};
    const QStringList save{QStringLiteral("profile"), QStringLiteral("save"),
                           QStringLiteral("p"),       QStringLiteral("--json"),
                           QStringLiteral("--aem"),   QStringLiteral("http://127.0.0.1:4502")};
    QTest::newRow("validate, private key") << validate << "private.key"
                                           << "is a private key"
                                           << "--private-key";
    QTest::newRow("validate, certificate") << validate << "certificate_pub.crt"
                                           << "is a certificate"
                                           << "--certificate";
    QTest::newRow("profile save, private key") << save << "private.key"
                                               << "is a private key"
                                               << "--private-key";
    QTest::newRow("profile save, certificate") << save << "certificate_pub.crt"
                                               << "is a certificate"
                                               << "--credentials";
}

void TestValidate::wrongFileAsCredentials()
{
    QFETCH(QStringList, command);
    QFETCH(QString, file);
    QFETCH(QString, isA);
    QFETCH(QString, useOption);
    const auto r = m_sandbox->run(command + QStringList{QStringLiteral("--credentials"), path(file)});
    BP_COMPARE_EXIT(r, 2);
    const QJsonObject error = errorOf(r);
    const QString text = error.value(QStringLiteral("message")).toString() + QLatin1Char(' ') +
                         error.value(QStringLiteral("remedy")).toString();
    QVERIFY2(text.contains(isA), qPrintable(text));
    QVERIFY2(text.contains(useOption), qPrintable(text));
    QVERIFY2(r.err.contains(isA.toUtf8()), r.err.constData());
    QCOMPARE(m_sim->requestCount(), 0);
    QCOMPARE(m_sandbox->secrets.entryCount(), 0);
}

void TestValidate::inputFilesMustBeSmallRegularFiles_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("messagePart");
    const QString oauth = QStringLiteral("%DIR%/oauth-s2s-credential.json");
    const QString jwt = QStringLiteral("%DIR%/jwt-project.json");
    const QString key = QStringLiteral("%DIR%/private.key");
    const QString notRegular = QStringLiteral("is not a regular file");
    const auto row = [&](const char *name, const QStringList &args, const char *id, const QString &part) {
        QTest::newRow(name) << args << QString::fromLatin1(id) << part;
    };
    row("credentials /dev/zero", {QStringLiteral("--credentials"), QStringLiteral("/dev/zero")},
        "file-not-regular", notRegular);
    row("credentials fifo", {QStringLiteral("--credentials"), QStringLiteral("%FIFO%")}, "file-not-regular",
        notRegular);
    row("credentials folder", {QStringLiteral("--credentials"), QStringLiteral("%DIR%")}, "file-not-regular",
        notRegular);
    row("private key fifo",
        {QStringLiteral("--credentials"), jwt, QStringLiteral("--private-key"), QStringLiteral("%FIFO%")},
        "file-not-regular", notRegular);
    row("private key /dev/zero",
        {QStringLiteral("--credentials"), jwt, QStringLiteral("--private-key"), QStringLiteral("/dev/zero")},
        "file-not-regular", notRegular);
    // The certificate's errors all carry its own id; the message says what is wrong with the file.
    row("certificate fifo",
        {QStringLiteral("--credentials"), jwt, QStringLiteral("--private-key"), key,
         QStringLiteral("--certificate"), QStringLiteral("%FIFO%")},
        "certificate-invalid", notRegular);
    row("ca file /dev/zero",
        {QStringLiteral("--credentials"), oauth, QStringLiteral("--ca-file"), QStringLiteral("/dev/zero")},
        "file-not-regular", notRegular);
    row("ca file fifo",
        {QStringLiteral("--credentials"), oauth, QStringLiteral("--ca-file"), QStringLiteral("%FIFO%")},
        "file-not-regular", notRegular);
    row("credentials over 1 MiB", {QStringLiteral("--credentials"), QStringLiteral("%DIR%/huge.json")},
        "file-too-large", QStringLiteral("is larger than 1 MiB"));
}

void TestValidate::inputFilesMustBeSmallRegularFiles()
{
#ifndef Q_OS_UNIX
    QSKIP("FIFOs and /dev/zero are Unix things");
#else
    QFETCH(QStringList, args);
    QFETCH(QString, messagePart);
    // A FIFO that no one ever writes to: opening it for reading the usual way blocks for ever.
    const QString fifo = path(QStringLiteral("never-written.fifo"));
    if (!QFileInfo::exists(fifo))
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    // A credential file one byte over the 1 MiB cap (all spaces: were it read, it would be "not JSON").
    const QString huge = path(QStringLiteral("huge.json"));
    if (!QFileInfo::exists(huge))
        QVERIFY(writeFile(huge, QByteArray(1024 * 1024 + 1, ' ')));
    args.replaceInStrings(QStringLiteral("%FIFO%"), fifo);
    args.replaceInStrings(QStringLiteral("%DIR%"), m_dir.path());
    const auto r = validate(args);
    BP_COMPARE_EXIT(r, 2);
    QTEST(errorOf(r).value(QStringLiteral("id")).toString(), "id");
    // Names the file and says what is wrong with it.
    QVERIFY2(r.err.contains(QByteArray(QFile::encodeName(args.last()) + ' ' + messagePart.toUtf8())),
             r.err.constData());
    QCOMPARE(m_sim->requestCount(), 0);
#endif
}

void TestValidate::timeoutOutOfRange_data()
{
    QTest::addColumn<QString>("timeout");
    QTest::newRow("nan") << "nan";
    QTest::newRow("inf") << "inf";
    QTest::newRow("-1") << "-1";
    QTest::newRow("601") << "601";
    QTest::newRow("0") << "0";
    QTest::newRow("words") << "ten";
}

void TestValidate::timeoutOutOfRange()
{
    QFETCH(QString, timeout);
    const auto r =
        validate({QStringLiteral("--credentials"), path(QStringLiteral("oauth-s2s-credential.json")),
                  QStringLiteral("--timeout"), timeout});
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(errorOf(r).value(QStringLiteral("id")).toString(), QStringLiteral("timeout-invalid"));
    QVERIFY2(r.err.contains("--timeout"), r.err.constData());
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestValidate::controlCharactersAreEscaped_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("human") << false;
    QTest::newRow("json") << true;
}

void TestValidate::controlCharactersAreEscaped()
{
    QFETCH(bool, json);
    // A credential file whose values would drive a terminal: ESC [31m (red), BEL, and C1 CSI (U+009B).
    QJsonObject flat = readJson(path(QStringLiteral("oauth-s2s-credential.json")));
    flat.insert(QStringLiteral("CLIENT_ID"), QStringLiteral("\u001b[31mred\u0007client\u009b2J"));
    flat.insert(QStringLiteral("ORG_ID"), QStringLiteral("\u001b]0;title\u0007@AdobeOrg"));
    const QString file = path(QStringLiteral("control.json"));
    writeJson(file, flat);
    QStringList args{QStringLiteral("validate"), QStringLiteral("--ims-url"), m_sim->imsUrl().toString(),
                     QStringLiteral("--credentials"), file};
    if (json)
        args << QStringLiteral("--json");
    const auto r = m_sandbox->run(args);
    BP_COMPARE_EXIT(r, 1); // the simulated IMS knows no such client
    for (const QByteArray &raw : {QByteArray("\x1b"), QByteArray("\x07"), QByteArray("\xc2\x9b")}) {
        QVERIFY2(!r.out.contains(raw), r.out.toHex().constData());
        QVERIFY2(!r.err.contains(raw), r.err.toHex().constData());
    }
    if (!json) {
        // The human output shows them as visible escapes: the reader sees what the file holds.
        QVERIFY2(r.err.contains("\\x1b[31mred\\x07client\\u009b2J"), r.err.constData());
    } else {
        // JSON keeps the value exactly (escaped the JSON way).
        QCOMPARE(lastJson(r.out).value(QStringLiteral("clientId")).toString(),
                 QStringLiteral("\u001b[31mred\u0007client\u009b2J"));
    }
}

void TestValidate::noSecretEverPrinted()
{
    // The cleanup() canary runs after every test; here also the human (non-JSON) output of failures.
    QJsonObject flat = readJson(path(QStringLiteral("oauth-s2s-credential.json")));
    flat.insert(QStringLiteral("CLIENT_SECRETS"), QJsonArray{QStringLiteral("p8e-Canary-Secret-4711")});
    m_secrets << QStringLiteral("p8e-Canary-Secret-4711");
    const QString file = path(QStringLiteral("canary.json"));
    writeJson(file, flat);
    // With every debug log category on, so logging cannot leak it either (cleanup() reads the log).
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    const auto r = m_sandbox->run({QStringLiteral("validate"), QStringLiteral("--ims-url"),
                                   m_sim->imsUrl().toString(), QStringLiteral("--credentials"), file});
    QLoggingCategory::setFilterRules(QString());
    BP_COMPARE_EXIT(r, 1);
    QVERIFY2(!m_log->text().isEmpty(), "debug logging was on: something should have been logged");
    // Nor in any file the tool could have written: the sandbox's config folder and this test's private
    // config/data/cache homes.
    QStringList roots{m_sandbox->home.path()};
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        if (!qEnvironmentVariableIsEmpty(var))
            roots << qEnvironmentVariable(var);
    }
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("Canary-Secret-4711"), qPrintable(f.fileName()));
        }
    }
}

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
