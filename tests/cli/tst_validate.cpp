// SPDX-License-Identifier: Apache-2.0
// `bpsetup validate` end to end against the simulated Adobe IMS on loopback, with the credential files the
// simulator writes (as Developer Console would hand them out).
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
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
    void init();
    void cleanup();
    void oauthProjectDownload();
    void oauthFlatFile();
    void secondSecretIsFound();
    void rejections_data();
    void rejections();
    void jwtWithKey();
    void jwtWithoutKeyExplainsAem();
    void jwtWithUnregisteredKeyThenRegistered();
    void jwtEncryptedKey();
    void jwtRejectedForTimeNamesTheClock();
    void jwtChanged_data();
    void jwtChanged();
    void certificateMustMatchKey();
    void jwtPayloadHasNoSecret();
    void imsAnswersHtml();
    void imsServerErrorsAreRetried();
    void imsServerErrorsOutlastRetries();
    void imsNeverAnswers();
    void imsUnreachable();
    void badInput_data();
    void badInput();
    void noSecretEverPrinted();

private:
    test::ProcessResult validate(const QStringList &extra, const QByteArray &stdinData = QByteArray());
    std::unique_ptr<sim::Simulator> m_sim;
    QTemporaryDir m_dir;
    QStringList m_secrets; // every secret this test run handles, for the canary checks
    QList<test::ProcessResult> m_runs;
};

void TestValidate::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestValidate::init()
{
    sim::SimulatorOptions o;
    o.faults.clear();
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    const auto written = m_sim->writeCredentialFiles(m_dir.path());
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().userMessage));
    m_secrets << m_sim->clientSecretsForTests();
    const QJsonObject jwt = readJson(m_dir.filePath(QStringLiteral("jwt-credential.json")));
    m_secrets << jwt.value(QStringLiteral("CLIENT_SECRET")).toString();
}

void TestValidate::cleanup()
{
    // Canary: no secret in anything a run printed.
    for (const auto &r : std::as_const(m_runs)) {
        for (const QString &s : std::as_const(m_secrets)) {
            if (s.isEmpty())
                continue;
            QVERIFY2(!r.out.contains(s.toUtf8()), "a secret reached stdout");
            QVERIFY2(!r.err.contains(s.toUtf8()), "a secret reached stderr");
        }
    }
    m_runs.clear();
    m_sim.reset();
}

test::ProcessResult TestValidate::validate(const QStringList &extra, const QByteArray &stdinData)
{
    QStringList args{QStringLiteral("validate"), QStringLiteral("--ims-url"), m_sim->imsUrl().toString(),
                     QStringLiteral("--json")};
    const auto r = test::runBpsetup(args + extra, stdinData);
    m_runs << r;
    return r;
}

void TestValidate::oauthProjectDownload()
{
    const auto r =
        validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("oauth-s2s-project.json"))});
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject j = lastJson(r.out);
    QCOMPARE(j.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(j.value(QStringLiteral("method")).toString(), QStringLiteral("oauth-s2s"));
    QCOMPARE(j.value(QStringLiteral("clientId")).toString(), m_sim->imsClientId());
    QVERIFY(j.value(QStringLiteral("orgId")).toString().endsWith(QLatin1String("@AdobeOrg")));
    QCOMPARE(j.value(QStringLiteral("expiresIn")).toInteger(), 86399);
    QVERIFY(!r.out.contains("access_token"));
}

void TestValidate::oauthFlatFile()
{
    const auto r = validate(
        {QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("method")).toString(), QStringLiteral("oauth-s2s"));
}

void TestValidate::secondSecretIsFound()
{
    QJsonObject flat = readJson(m_dir.filePath(QStringLiteral("oauth-s2s-credential.json")));
    const QJsonArray secrets = flat.value(QStringLiteral("CLIENT_SECRETS")).toArray();
    flat.insert(QStringLiteral("CLIENT_SECRETS"),
                QJsonArray{QStringLiteral("p8e-rotated-away"), secrets.at(1)});
    const QString path = m_dir.filePath(QStringLiteral("rotated.json"));
    writeJson(path, flat);
    const auto r = validate({QStringLiteral("--credentials"), path});
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
    QJsonObject flat = readJson(m_dir.filePath(QStringLiteral("oauth-s2s-credential.json")));
    flat.insert(key, value);
    const QString path = m_dir.filePath(QStringLiteral("changed.json"));
    writeJson(path, flat);
    const auto r = validate({QStringLiteral("--credentials"), path});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject error = lastJson(r.out).value(QStringLiteral("error")).toObject();
    QTEST(error.value(QStringLiteral("code")).toString(), "code");
    QFETCH(QString, remedyPart);
    QVERIFY2(error.value(QStringLiteral("remedy")).toString().contains(remedyPart, Qt::CaseInsensitive),
             qPrintable(error.value(QStringLiteral("remedy")).toString()));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

void TestValidate::jwtWithKey()
{
    const auto r =
        validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-project.json")),
                  QStringLiteral("--private-key"), m_dir.filePath(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 0);
    const QJsonObject j = lastJson(r.out);
    QCOMPARE(j.value(QStringLiteral("method")).toString(), QStringLiteral("jwt"));
    QCOMPARE(j.value(QStringLiteral("expiresIn")).toInteger(), 86399); // IMS said 86399000 ms
    QVERIFY(
        j.value(QStringLiteral("warnings")).toArray().first().toString().contains(QLatin1String("retired")));
}

void TestValidate::jwtWithoutKeyExplainsAem()
{
    const auto r =
        validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-project.json"))});
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("only inside AEM"));
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("private-key-required"));
}

void TestValidate::jwtWithUnregisteredKeyThenRegistered()
{
    const QString other = m_dir.filePath(QStringLiteral("other"));
    auto k = test::runBpsetup({QStringLiteral("keygen"), QStringLiteral("--out"), other});
    BP_COMPARE_EXIT(k, 0);
    const QStringList args{QStringLiteral("--credentials"),
                           m_dir.filePath(QStringLiteral("jwt-project.json")),
                           QStringLiteral("--private-key"), other + QStringLiteral("/private.key")};
    auto r = validate(args);
    BP_COMPARE_EXIT(r, 1);
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("invalid_token"));
    QVERIFY(r.err.contains("matches no certificate"));
    // Upload the new certificate (the simulator stands in for Developer Console), then it is accepted.
    QFile cert(other + QStringLiteral("/certificate_pub.crt"));
    QVERIFY(cert.open(QIODevice::ReadOnly));
    const QString jwtClient = readJson(m_dir.filePath(QStringLiteral("jwt-credential.json")))
                                  .value(QStringLiteral("API_KEY"))
                                  .toString();
    QVERIFY(m_sim->registerCertificate(jwtClient, cert.readAll()).ok());
    r = validate(args);
    BP_COMPARE_EXIT(r, 0);
}

void TestValidate::jwtEncryptedKey()
{
    const QString encrypted = m_dir.filePath(QStringLiteral("encrypted.key"));
    QVERIFY(openssl({QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
                     QStringLiteral("aes-256-cbc"), QStringLiteral("-in"),
                     m_dir.filePath(QStringLiteral("private.key")), QStringLiteral("-out"), encrypted,
                     QStringLiteral("-passout"), QStringLiteral("pass:Correct-Horse-9")}));
    const QStringList args{
        QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-project.json")),
        QStringLiteral("--private-key"), encrypted, QStringLiteral("--key-passphrase-stdin")};
    m_secrets << QStringLiteral("Correct-Horse-9");
    auto r = validate(args, "Correct-Horse-9\n");
    BP_COMPARE_EXIT(r, 0);
    r = validate(args, "wrong-passphrase\n");
    BP_COMPARE_EXIT(r, 2);
    QVERIFY(r.err.contains("passphrase"));
}

void TestValidate::jwtRejectedForTimeNamesTheClock()
{
    sim::SimulatorOptions o;
    o.imsClockOffsetSeconds = 900; // IMS is 15 minutes ahead: our 5-minute JWT arrives already expired
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.filePath(QStringLiteral("skew"))).ok());
    m_secrets << m_sim->jwtClientSecretForTests();
    const auto r =
        validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("skew/jwt-project.json")),
                  QStringLiteral("--private-key"), m_dir.filePath(QStringLiteral("skew/private.key"))});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject j = lastJson(r.out);
    QVERIFY(qAbs(j.value(QStringLiteral("clockSkewSeconds")).toInteger() + 900) <= 5);
    const QString message =
        j.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("expired")) && message.contains(QLatin1String("behind")),
             qPrintable(message));
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
    QJsonObject root = readJson(m_dir.filePath(QStringLiteral("jwt-project.json")));
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
    const QString path = m_dir.filePath(QStringLiteral("jwt-changed.json"));
    writeJson(path, root);
    const auto r = validate({QStringLiteral("--credentials"), path, QStringLiteral("--private-key"),
                             m_dir.filePath(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 1);
    const QJsonObject error = lastJson(r.out).value(QStringLiteral("error")).toObject();
    QTEST(error.value(QStringLiteral("code")).toString(), "code");
    QFETCH(QString, messagePart);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messagePart),
             qPrintable(error.value(QStringLiteral("message")).toString()));
}

void TestValidate::certificateMustMatchKey()
{
    const QString other = m_dir.filePath(QStringLiteral("other-cert"));
    BP_COMPARE_EXIT(test::runBpsetup({QStringLiteral("keygen"), QStringLiteral("--out"), other}), 0);
    auto r = validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-project.json")),
                       QStringLiteral("--private-key"), m_dir.filePath(QStringLiteral("private.key")),
                       QStringLiteral("--certificate"), other + QStringLiteral("/certificate_pub.crt")});
    BP_COMPARE_EXIT(r, 2);
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key-certificate-mismatch"));
    r = validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-project.json")),
                  QStringLiteral("--private-key"), m_dir.filePath(QStringLiteral("private.key")),
                  QStringLiteral("--certificate"), m_dir.filePath(QStringLiteral("certificate_pub.crt"))});
    BP_COMPARE_EXIT(r, 0);
}

void TestValidate::jwtPayloadHasNoSecret()
{
    const auto r =
        validate({QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("jwt-payload.json")),
                  QStringLiteral("--private-key"), m_dir.filePath(QStringLiteral("private.key"))});
    BP_COMPARE_EXIT(r, 2);
    const QJsonArray fields =
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray();
    QCOMPARE(fields.first().toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("clientSecrets"));
}

void TestValidate::imsAnswersHtml()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsHtml;
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    const auto r = validate(
        {QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("html-answer"));
    QVERIFY(r.err.contains("captive portal"));
}

void TestValidate::imsServerErrorsAreRetried()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsServerError;
    o.imsFailuresBeforeSuccess = 2;
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.filePath(QStringLiteral("fresh"))).ok());
    m_secrets << m_sim->clientSecretsForTests();
    const auto r = validate(
        {QStringLiteral("--credentials"), m_dir.filePath(QStringLiteral("fresh/oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 0); // two 503s, then a token on the third attempt
}

void TestValidate::imsServerErrorsOutlastRetries()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsServerError;
    o.imsFailuresBeforeSuccess = 10;
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.filePath(QStringLiteral("fresh2"))).ok());
    m_secrets << m_sim->clientSecretsForTests();
    const auto r = validate({QStringLiteral("--credentials"),
                             m_dir.filePath(QStringLiteral("fresh2/oauth-s2s-credential.json"))});
    BP_COMPARE_EXIT(r, 3);
    QVERIFY(r.err.contains("after retries"));
}

void TestValidate::imsNeverAnswers()
{
    sim::SimulatorOptions o;
    o.faults << sim::SimFault::ImsHang;
    m_sim = test::startSimulator(o);
    QVERIFY(m_sim);
    QVERIFY(m_sim->writeCredentialFiles(m_dir.filePath(QStringLiteral("fresh3"))).ok());
    m_secrets << m_sim->clientSecretsForTests();
    const auto r = validate({QStringLiteral("--credentials"),
                             m_dir.filePath(QStringLiteral("fresh3/oauth-s2s-credential.json")),
                             QStringLiteral("--timeout"), QStringLiteral("1")});
    BP_COMPARE_EXIT(r, 3);
    QCOMPARE(
        lastJson(r.out).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("timeout"));
}

void TestValidate::imsUnreachable()
{
    const QStringList args{QStringLiteral("validate"),
                           QStringLiteral("--json"),
                           QStringLiteral("--ims-url"),
                           QStringLiteral("http://127.0.0.1:%1").arg(test::unusedLoopbackPort()),
                           QStringLiteral("--credentials"),
                           m_dir.filePath(QStringLiteral("oauth-s2s-credential.json"))};
    const auto r = test::runBpsetup(args);
    m_runs << r;
    BP_COMPARE_EXIT(r, 3);
    QVERIFY(r.err.contains("Cannot reach Adobe IMS"));
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
        QString path = m_dir.filePath(QStringLiteral("oauth-s2s-credential.json"));
        if (!fileContent.isEmpty()) {
            path = m_dir.filePath(QStringLiteral("bad.json"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(fileContent);
        }
        full << QStringLiteral("--credentials") << path << args;
    }
    const auto r = test::runBpsetup(full);
    m_runs << r;
    BP_COMPARE_EXIT(r, 2);
    QVERIFY2(r.err.contains(messagePart.toUtf8()), r.err.constData());
}

void TestValidate::noSecretEverPrinted()
{
    // The cleanup() canary runs after every test; here also the human (non-JSON) output of failures.
    QJsonObject flat = readJson(m_dir.filePath(QStringLiteral("oauth-s2s-credential.json")));
    flat.insert(QStringLiteral("CLIENT_SECRETS"), QJsonArray{QStringLiteral("p8e-Canary-Secret-4711")});
    m_secrets << QStringLiteral("p8e-Canary-Secret-4711");
    const QString path = m_dir.filePath(QStringLiteral("canary.json"));
    writeJson(path, flat);
    // With every debug log category on, so logging cannot leak it either.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    const auto r = test::runBpsetup({QStringLiteral("validate"), QStringLiteral("--ims-url"),
                                     m_sim->imsUrl().toString(), QStringLiteral("--credentials"), path},
                                    QByteArray(), env);
    m_runs << r;
    BP_COMPARE_EXIT(r, 1);
    // Nor in any file the tool could have written (this test's private config/data/cache homes).
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        QDirIterator it(qEnvironmentVariable(var), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("Canary-Secret-4711"), qPrintable(f.fileName()));
        }
    }
}

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
