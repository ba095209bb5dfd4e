// SPDX-License-Identifier: Apache-2.0
// Credential import from every Developer Console shape, field checks, and the IMS error explanations.
#include "credentials/CredentialImporter.h"
#include "ims/ImsValidator.h"
#include "policy/AdobePolicy.h"

#include <QTest>

using namespace bp;

namespace {
const QDate kToday(2026, 11, 25);
const char *const kOrg = "0123456789ABCDEF01234567@AdobeOrg";

QByteArray projectDownload(const QByteArray &credentialsArray)
{
    return "{\"project\":{\"id\":\"1\",\"name\":\"bp\",\"title\":\"Brand "
           "Portal\",\"org\":{\"id\":\"25591412\","
           "\"name\":\"Acme\",\"ims_org_id\":\"" +
           QByteArray(kOrg) +
           "\"},\"workspace\":{\"id\":\"2\",\"name\":\"Production\",\"details\":{\"credentials\":" +
           credentialsArray + ",\"services\":[],\"runtime\":{\"namespaces\":[]}}}}}";
}

const QByteArray kS2sBlock =
    "{\"id\":\"3\",\"name\":\"OAuth\",\"integration_type\":\"oauth_server_to_server\","
    "\"oauth_server_to_server\":{\"client_id\":\"abc123\",\"client_secrets\":[\"p8e-one\","
    "\"p8e-two\"],\"technical_account_email\":\"x@techacct.adobe.com\","
    "\"technical_account_id\":\"TA@techacct.adobe.com\",\"scopes\":[\"openid\",\"AdobeID\"]}}";
const QByteArray kJwtBlock =
    "{\"id\":\"4\",\"name\":\"JWT\",\"integration_type\":\"service\",\"jwt\":{\"client_id\":"
    "\"jwt123\",\"client_secret\":\"s3cret\",\"technical_account_email\":\"y@techacct.adobe.com\","
    "\"technical_account_id\":\"TB@techacct.adobe.com\",\"meta_scopes\":[\"ent_brand_portal_sdk\"]}}";
} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT
private slots:
    void projectDownloadS2s();
    void projectDownloadPrefersS2sOverJwt();
    void projectDownloadMigrating();
    void projectDownloadJwt();
    void flatS2s();
    void flatJwt();
    void jwtPayload();
    void flatJwtCertificateExpiry();
    void pastedWithWhitespace();
    void rejected_data();
    void rejected();
    void fieldChecks_data();
    void fieldChecks();
    void explanations_data();
    void explanations();
    void clockSkewIsMentionedForExpiredJwt();
    void imsUrl_data();
    void imsUrl();
};

void TestCredentials::projectDownloadS2s()
{
    const auto r = CredentialImporter::fromJson(projectDownload("[" + kS2sBlock + "]"), kToday);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().userMessage));
    const Credential &c = r.value();
    QCOMPARE(c.kind, CredentialKind::OAuthServerToServer);
    QCOMPARE(c.source, CredentialSource::ProjectDownload);
    QCOMPARE(c.clientId, QStringLiteral("abc123"));
    QCOMPARE(c.orgId, QLatin1String(kOrg)); // from project.org.ims_org_id, not the numeric project.org.id
    QCOMPARE(c.clientSecrets.size(), 2);
    QCOMPARE(c.clientSecrets.at(1).revealUtf8(), QByteArray("p8e-two"));
    QCOMPARE(c.scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("AdobeID")}));
    QVERIFY(CredentialImporter::check(c).isEmpty());
}

void TestCredentials::projectDownloadPrefersS2sOverJwt()
{
    const auto r =
        CredentialImporter::fromJson(projectDownload("[" + kJwtBlock + "," + kS2sBlock + "]"), kToday);
    QVERIFY(r.ok());
    QCOMPARE(r.value().kind, CredentialKind::OAuthServerToServer);
    QVERIFY(r.value().warnings.join(QLatin1Char(' ')).contains(QLatin1String("OAuth")));
}

void TestCredentials::projectDownloadMigrating()
{
    const QByteArray migrate =
        "{\"id\":\"5\",\"name\":\"M\",\"integration_type\":\"oauth_server_to_server_migrate\","
        "\"jwt\":{\"client_id\":\"same\",\"client_secret\":\"old\",\"technical_account_email\":\"e\","
        "\"technical_account_id\":\"TA@techacct.adobe.com\",\"meta_scopes\":[\"ent_brand_portal_sdk\"]},"
        "\"oauth_server_to_server\":{\"client_id\":\"same\",\"client_secrets\":[\"p8e-new\"],"
        "\"technical_account_email\":\"e\",\"technical_account_id\":\"TA@techacct.adobe.com\","
        "\"scopes\":[\"openid\"]}}";
    const auto r = CredentialImporter::fromJson(projectDownload("[" + migrate + "]"), kToday);
    QVERIFY(r.ok());
    QCOMPARE(r.value().kind, CredentialKind::OAuthServerToServer);
    QCOMPARE(r.value().clientSecrets.first().revealUtf8(), QByteArray("p8e-new"));
    QVERIFY(r.value().warnings.join(QLatin1Char(' ')).contains(QLatin1String("migrated")));
}

void TestCredentials::projectDownloadJwt()
{
    const auto r = CredentialImporter::fromJson(projectDownload("[" + kJwtBlock + "]"), kToday);
    QVERIFY(r.ok());
    const Credential &c = r.value();
    QCOMPARE(c.kind, CredentialKind::ServiceAccountJwt);
    QCOMPARE(c.metascopes, QStringList{QStringLiteral("ent_brand_portal_sdk")});
    QCOMPARE(c.technicalAccountId, QStringLiteral("TB@techacct.adobe.com"));
    QVERIFY(c.warnings.first().contains(QLatin1String("2026-03-01"))); // the retirement warning comes first
    QVERIFY(CredentialImporter::check(c).isEmpty());
}

void TestCredentials::flatS2s()
{
    const QByteArray flat =
        "{\"ORG_ID\":\"" + QByteArray(kOrg) +
        "\",\"CLIENT_ID\":\"abc\",\"CLIENT_SECRETS\":[\"p8e-x\"],\"SCOPES\":[\"openid\","
        "\"AdobeID\"],\"TECHNICAL_ACCOUNT_ID\":\"T@techacct.adobe.com\",\"TECHNICAL_ACCOUNT_EMAIL\":\"e\"}";
    const auto r = CredentialImporter::fromJson(flat, kToday);
    QVERIFY(r.ok());
    QCOMPARE(r.value().kind, CredentialKind::OAuthServerToServer);
    QCOMPARE(r.value().source, CredentialSource::FlatOAuth);
    QCOMPARE(r.value().orgId, QLatin1String(kOrg));
    QVERIFY(CredentialImporter::check(r.value()).isEmpty());
}

void TestCredentials::flatJwt()
{
    const QByteArray flat =
        "{\"CLIENT_SECRET\":\"s\",\"ORG_ID\":\"" + QByteArray(kOrg) +
        "\",\"API_KEY\":\"jwtclient\",\"TECHNICAL_ACCOUNT_ID\":\"T@techacct.adobe.com\","
        "\"TECHNICAL_ACCOUNT_EMAIL\":\"e\",\"PUBLIC_KEYS_WITH_EXPIRY\":{\"ab12\":\"03/01/2027\"}}";
    const auto r = CredentialImporter::fromJson(flat, kToday);
    QVERIFY(r.ok());
    QCOMPARE(r.value().kind, CredentialKind::ServiceAccountJwt);
    QCOMPARE(r.value().clientId, QStringLiteral("jwtclient"));
    // The flat JWT file has no metascopes: the check asks for them by name.
    const auto errors = CredentialImporter::check(r.value());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, QStringLiteral("metascopes"));
    QVERIFY(errors.first().message.contains(QLatin1String("ent_brand_portal_sdk")));
}

void TestCredentials::flatJwtCertificateExpiry()
{
    const QByteArray flat =
        "{\"CLIENT_SECRET\":\"s\",\"ORG_ID\":\"" + QByteArray(kOrg) +
        "\",\"API_KEY\":\"c\",\"TECHNICAL_ACCOUNT_ID\":\"T@techacct.adobe.com\",\"PUBLIC_KEYS_WITH_EXPIRY\":"
        "{\"aaaabbbbccccdddd\":\"12/05/2026\",\"eeeeffff00001111\":\"01/01/2026\",\"9999\":\"06/01/2027\"}}";
    const auto r = CredentialImporter::fromJson(flat, kToday);
    QVERIFY(r.ok());
    const QString warnings = r.value().warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("aa:aa:bb:bb… on this credential expires on 2026-12-05")),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("ee:ee:ff:ff… on this credential expired on 2026-01-01")),
             qPrintable(warnings));
    QVERIFY(!warnings.contains(QLatin1String("9999")));
}

void TestCredentials::jwtPayload()
{
    const QByteArray payload =
        "{\"exp\":1750000000,\"iss\":\"" + QByteArray(kOrg) +
        "\",\"sub\":\"T@techacct.adobe.com\",\"aud\":\"https://ims-na1.adobelogin.com/c/"
        "client42\",\"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk\":true}";
    const auto r = CredentialImporter::fromJson(payload, kToday);
    QVERIFY(r.ok());
    QCOMPARE(r.value().source, CredentialSource::JwtPayload);
    QCOMPARE(r.value().clientId, QStringLiteral("client42"));
    QCOMPARE(r.value().metascopes, QStringList{QStringLiteral("ent_brand_portal_sdk")});
    const auto errors = CredentialImporter::check(r.value());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, QStringLiteral("clientSecrets"));
}

void TestCredentials::pastedWithWhitespace()
{
    const QByteArray flat = "\n\n  {\"ORG_ID\":\" " + QByteArray(kOrg) +
                            "\\n\",\"CLIENT_ID\":\"abc \",\"CLIENT_SECRETS\":[\" "
                            "p8e-x\\r\\n\"],\"SCOPES\":\"openid, AdobeID\"}  \r\n";
    const auto r = CredentialImporter::fromJson(flat, kToday);
    QVERIFY(r.ok());
    const Credential &c = r.value();
    QCOMPARE(c.clientId, QStringLiteral("abc"));
    QCOMPARE(c.orgId, QLatin1String(kOrg));
    QCOMPARE(c.clientSecrets.first().revealUtf8(), QByteArray("p8e-x"));
    QCOMPARE(c.scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("AdobeID")}));
    QVERIFY(c.warnings.size() >= 3);
    QVERIFY(CredentialImporter::check(c).isEmpty());
}

void TestCredentials::rejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("malformed") << QByteArray("{\"CLIENT_ID\": }") << int(ErrorCode::Parse)
                               << "not valid JSON";
    QTest::newRow("truncated") << QByteArray("{\"project\":{\"org\":{\"ims_org_id\":\"x")
                               << int(ErrorCode::Parse) << "copy the whole file";
    QTest::newRow("array") << QByteArray("[1,2]") << int(ErrorCode::InvalidInput) << "JSON object";
    QTest::newRow("api key only") << projectDownload("[{\"integration_type\":\"apikey\",\"name\":\"k\"}]")
                                  << int(ErrorCode::InvalidInput) << "apikey";
    QTest::newRow("oauth web") << QByteArray("{\"client_id\":\"x\",\"redirect_uri\":\"https://x\"}")
                               << int(ErrorCode::InvalidInput) << "redirect";
    QTest::newRow("aem service credential") << QByteArray("{\"ok\":true,\"integration\":{\"imsEndpoint\":"
                                                          "\"ims-na1.adobelogin.com\",\"technicalAccount\":{"
                                                          "\"clientId\":\"c\"}}}")
                                            << int(ErrorCode::InvalidInput) << "AEM as a Cloud Service";
    QTest::newRow("unrelated") << QByteArray("{\"name\":\"my-app\",\"version\":\"1.0.0\"}")
                               << int(ErrorCode::InvalidInput) << "not a Developer Console credential";
    QTest::newRow("empty project") << projectDownload("[]") << int(ErrorCode::InvalidInput)
                                   << "no credentials";
}

void TestCredentials::rejected()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    const auto r = CredentialImporter::fromJson(json, kToday);
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error().code), code);
    QVERIFY2(r.error().userMessage.contains(messagePart), qPrintable(r.error().userMessage));
}

void TestCredentials::fieldChecks_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing org")
        << QByteArray("{\"CLIENT_ID\":\"a\",\"CLIENT_SECRETS\":[\"s\"],\"SCOPES\":[\"openid\"]}") << "orgId";
    QTest::newRow("numeric org") << QByteArray("{\"ORG_ID\":\"25591412\",\"CLIENT_ID\":\"a\",\"CLIENT_"
                                               "SECRETS\":[\"s\"],\"SCOPES\":[\"openid\"]}")
                                 << "orgId";
    QTest::newRow("empty secret") << QByteArray("{\"ORG_ID\":\"A@AdobeOrg\",\"CLIENT_ID\":\"a\",\"CLIENT_"
                                                "SECRETS\":[\"\"],\"SCOPES\":[\"openid\"]}")
                                  << "clientSecrets";
    QTest::newRow("no scopes")
        << QByteArray("{\"ORG_ID\":\"A@AdobeOrg\",\"CLIENT_ID\":\"a\",\"CLIENT_SECRETS\":[\"s\"]}")
        << "scopes";
    QTest::newRow("metascope as scope")
        << QByteArray("{\"ORG_ID\":\"A@AdobeOrg\",\"CLIENT_ID\":\"a\",\"CLIENT_SECRETS\":[\"s\"],\"SCOPES\":["
                      "\"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk\"]}")
        << "scopes";
    QTest::newRow("missing client id")
        << QByteArray("{\"ORG_ID\":\"A@AdobeOrg\",\"CLIENT_SECRETS\":[\"s\"],\"SCOPES\":[\"openid\"]}")
        << "clientId";
    QTest::newRow("three secrets") << QByteArray("{\"ORG_ID\":\"A@AdobeOrg\",\"CLIENT_ID\":\"a\",\"CLIENT_"
                                                 "SECRETS\":[\"a\",\"b\",\"c\"],\"SCOPES\":[\"openid\"]}")
                                   << "clientSecrets";
    QTest::newRow("jwt email as id")
        << QByteArray("{\"API_KEY\":\"a\",\"CLIENT_SECRET\":\"s\",\"ORG_ID\":\"A@AdobeOrg\",\"TECHNICAL_"
                      "ACCOUNT_ID\":\"me@example.com\",\"META_SCOPES\":[\"ent_brand_portal_sdk\"]}")
        << "technicalAccountId";
}

void TestCredentials::fieldChecks()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const auto r = CredentialImporter::fromJson(json, kToday);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().userMessage));
    const auto errors = CredentialImporter::check(r.value());
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().field, field);
    QVERIFY(!errors.first().message.isEmpty());
}

void TestCredentials::explanations_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("remedyPart");
    const int s2s = int(CredentialKind::OAuthServerToServer), jwt = int(CredentialKind::ServiceAccountJwt);
    QTest::newRow("wrong secret") << 400 << "invalid_client"
                                  << "invalid client_secret parameter" << s2s << "client secret"
                                  << "OAuth Server-to-Server credential page";
    QTest::newRow("unknown client") << 400 << "invalid_client"
                                    << "invalid client_id parameter" << s2s << "does not know this client ID"
                                    << "still exists";
    QTest::newRow("not s2s") << 400 << "unauthorized_client"
                             << "" << s2s << "cannot log in server-to-server"
                             << "OAuth Server-to-Server";
    QTest::newRow("scope / product profile") << 400 << "invalid_scope"
                                             << "invalid scope" << s2s << "scopes"
                                             << "Assets Brand Portal product profile";
    QTest::newRow("jwt secret") << 401 << "invalid_client"
                                << "" << jwt << "client secret"
                                << "JWT credential page";
    QTest::newRow("jwt aud") << 400 << "invalid_client"
                             << "" << jwt << "audience"
                             << "ims-na1";
    QTest::newRow("metascope")
        << 400 << "invalid_scope"
        << "The metascopes in the JWT are not a subset of the metascopes in the binding." << jwt
        << "metascope"
        << "ent_brand_portal_sdk";
    QTest::newRow("signature") << 400 << "invalid_token"
                               << "Could not match JWT signature to any of the bindings" << jwt
                               << "matches no certificate"
                               << "certificate is uploaded";
    QTest::newRow("expired") << 400 << "invalid_token"
                             << "JWT token expired" << jwt << "expired"
                             << "date and time";
    QTest::newRow("undecodable") << 400 << "invalid_token"
                                 << "JWT token is incorrectly formatted, and can not be decoded." << jwt
                                 << "could not decode"
                                 << "defect";
    QTest::newRow("server error") << 503 << "server_error"
                                  << "" << s2s << "server error"
                                  << "later";
    QTest::newRow("throttled") << 429 << ""
                               << "" << s2s << "throttling"
                               << "Wait";
}

void TestCredentials::explanations()
{
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, description);
    QFETCH(int, kind);
    QFETCH(QString, messagePart);
    QFETCH(QString, remedyPart);
    const Error p = ImsValidator::explain(status, error, description, CredentialKind(kind), 0, false);
    QVERIFY2(p.userMessage.contains(messagePart, Qt::CaseInsensitive), qPrintable(p.userMessage));
    QVERIFY2(p.remedy.contains(remedyPart, Qt::CaseInsensitive), qPrintable(p.remedy));
    QCOMPARE(p.stableId(), error.isEmpty() ? QStringLiteral("http-%1").arg(status) : error);
    QCOMPARE(p.detail, description);
    // IMS deciding is "the checked thing is wrong"; IMS failing or throttling is not a verdict.
    QCOMPARE(p.code, status == 429 || status >= 500 ? ErrorCode::Http : ErrorCode::Rejected);
}

void TestCredentials::clockSkewIsMentionedForExpiredJwt()
{
    const Error p =
        ImsValidator::explain(400, QStringLiteral("invalid_token"), QStringLiteral("JWT token expired"),
                              CredentialKind::ServiceAccountJwt, 420, true);
    QVERIFY2(p.userMessage.contains(QLatin1String("7 minutes ahead")), qPrintable(p.userMessage));
    const Error fine =
        ImsValidator::explain(400, QStringLiteral("invalid_token"), QStringLiteral("JWT token expired"),
                              CredentialKind::ServiceAccountJwt, 3, true);
    QVERIFY(!fine.userMessage.contains(QLatin1String("clock")));
    // One threshold for the validator and the wizard: just above it is named, at it is not.
    const Error edge = ImsValidator::explain(
        400, QStringLiteral("invalid_token"), QStringLiteral("JWT token expired"),
        CredentialKind::ServiceAccountJwt, AdobePolicy::kClockSkewToleranceSeconds, true);
    QVERIFY(!edge.userMessage.contains(QLatin1String("clock")));
    const Error over = ImsValidator::explain(
        400, QStringLiteral("invalid_token"), QStringLiteral("JWT token expired"),
        CredentialKind::ServiceAccountJwt, AdobePolicy::kClockSkewToleranceSeconds + 1, true);
    QVERIFY(over.userMessage.contains(QLatin1String("clock")));
}

void TestCredentials::imsUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::newRow("prod") << "https://ims-na1.adobelogin.com" << true;
    QTest::newRow("loopback http") << "http://127.0.0.1:4503" << true;
    QTest::newRow("localhost http") << "http://localhost:4503" << true;
    QTest::newRow("remote http") << "http://ims-na1.adobelogin.com" << false;
    QTest::newRow("garbage") << "ims" << false;
    QTest::newRow("query") << "https://ims-na1.adobelogin.com/?x=1" << false;
}

void TestCredentials::imsUrl()
{
    QFETCH(QString, url);
    QTEST(ImsValidator::parseImsUrl(url).ok(), "ok");
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
