// SPDX-License-Identifier: Apache-2.0
// Exercises the built-in simulator over real HTTP(S) on 127.0.0.1 with QNetworkAccessManager, the same way
// the detector and the wizard talk to it.
#include "ManualClock.h"
#include "sim/SimCrypto.h"
#include "sim/Simulator.h"
#include "sim/SimUsers.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <sys/types.h>
#include <vector>

using namespace bp;
using namespace bp::sim;

namespace {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Answer
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    int sslErrorCount = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray basic(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

const HeaderList AdminAuth = {
    {QByteArrayLiteral("Authorization"), basic(QStringLiteral("admin"), QStringLiteral("admin"))}};

// A client that never follows redirects (the tests look at the 302 itself) and never caches credentials.
class Client
{
public:
    Client() { m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); }

    QNetworkReply *start(const QByteArray &verb, const QUrl &url, const HeaderList &headers = {},
                         const QByteArray &body = {}, const QSslConfiguration *ssl = nullptr)
    {
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        if (ssl)
            request.setSslConfiguration(*ssl);
        if (verb == "HEAD")
            return m_nam.head(request);
        return m_nam.sendCustomRequest(request, verb, body);
    }

    Answer send(const QByteArray &verb, const QUrl &url, const HeaderList &headers = {},
                const QByteArray &body = {}, const QSslConfiguration *ssl = nullptr)
    {
        QNetworkReply *reply = start(verb, url, headers, body, ssl);
        QSignalSpy sslErrors(reply, &QNetworkReply::sslErrors);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        a.finished = finished.wait(20000);
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.error = reply->error();
        a.body = reply->readAll();
        a.headers = reply->rawHeaderPairs();
        a.sslErrorCount = static_cast<int>(sslErrors.count());
        reply->deleteLater();
        return a;
    }

    Answer get(const QUrl &url, const HeaderList &headers = AdminAuth) { return send("GET", url, headers); }

    QNetworkAccessManager &nam() { return m_nam; }

private:
    QNetworkAccessManager m_nam;
};

QUrl at(const QUrl &base, const QString &pathAndQuery)
{
    return base.resolved(QUrl(pathAndQuery));
}

// The JWT exchange as it worked before Adobe converted the credentials (2026-03-01), for the rows that test
// the exchange itself.
SimulatorOptions beforeConversion(SimulatorOptions o = SimulatorOptions())
{
    o.jwtConverted = false;
    return o;
}

SimulatorOptions optionsFor(const QString &version, SimState state)
{
    SimulatorOptions o;
    o.aemVersion = version;
    o.state = state;
    o.tenant = QStringLiteral("acme");
    return o;
}

int brandPortalAgentCount(const QJsonObject &agents)
{
    int count = 0;
    for (auto it = agents.begin(); it != agents.end(); ++it) {
        const QString uri = it.value()
                                .toObject()
                                .value(QStringLiteral("jcr:content"))
                                .toObject()
                                .value(QStringLiteral("transportUri"))
                                .toString();
        if (uri.contains(QLatin1String(".brand-portal.adobe.com")))
            ++count;
    }
    return count;
}

const QRegularExpression HttpDate(QStringLiteral(
    "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
    "\\d{2}:\\d{2}:\\d{2} GMT$"));

// --- JWT helpers: the tests build and sign their JWTs with OpenSSL directly, independent of the simulator
// ---

const QString MalformedJwt = QStringLiteral("JWT token is incorrectly formatted, and can not be decoded.");
const QString NoBinding = QStringLiteral("Could not match JWT signature to any of the bindings");
const QString NotSubset =
    QStringLiteral("The metascopes in the JWT are not a subset of the metascopes in the binding.");

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray b64urlJson(const QJsonObject &object)
{
    return b64url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// RSASSA-PKCS1-v1_5 SHA-256 with a PEM private key; empty on failure.
QByteArray signRs256(const QByteArray &keyPem, const QByteArray &input)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                  &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return {};
    size_t len = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, data, size_t(input.size())) != 1)
        return {};
    QByteArray signature(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &len, data,
                       size_t(input.size())) != 1)
        return {};
    signature.truncate(qsizetype(len));
    return signature;
}

QByteArray makeJwt(const QJsonObject &header, const QJsonObject &payload, const QByteArray &keyPem)
{
    const QByteArray input = b64urlJson(header) + '.' + b64urlJson(payload);
    return input + '.' + b64url(signRs256(keyPem, input));
}

QJsonObject rs256Header()
{
    return {{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
}

// The claims of adobe-ims.md 2.2 for the simulator's JWT credential, valid for five minutes.
QJsonObject jwtClaims(const Simulator &sim)
{
    const QString base = sim.imsUrl().toString(QUrl::StripTrailingSlash);
    return {{QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 300},
            {QStringLiteral("iss"), sim.imsOrgId()},
            {QStringLiteral("sub"), sim.jwtTechnicalAccountId()},
            {QStringLiteral("aud"), QString(base + QStringLiteral("/c/") + sim.jwtClientId())},
            {QString(base + QStringLiteral("/s/ent_brand_portal_sdk")), true}};
}

QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &f : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return body;
}

const HeaderList FormUrlEncoded = {
    {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}};

Answer exchange(Client &client, const Simulator &sim, const QString &clientId, const QString &secret,
                const QByteArray &jwt)
{
    return client.send("POST", at(sim.imsUrl(), QStringLiteral("/ims/exchange/jwt")), FormUrlEncoded,
                       formBody({{QStringLiteral("client_id"), clientId},
                                 {QStringLiteral("client_secret"), secret},
                                 {QStringLiteral("jwt_token"), QString::fromLatin1(jwt)}}));
}

Answer exchange(Client &client, const Simulator &sim, const QByteArray &jwt)
{
    return exchange(client, sim, sim.jwtClientId(), sim.jwtClientSecretForTests(), jwt);
}

Answer tokenRequest(Client &client, const Simulator &sim, const QString &path,
                    const QList<QPair<QString, QString>> &fields)
{
    return client.send("POST", at(sim.imsUrl(), path), FormUrlEncoded, formBody(fields));
}

void checkImsError(const Answer &a, int status, const QString &error, const QString &description)
{
    QCOMPARE(a.status, status);
    QCOMPARE(a.header("Content-Type"), QByteArrayLiteral("application/json;charset=utf-8"));
    QCOMPARE(a.json().value(QStringLiteral("error")).toString(), error);
    const QString actual = a.json().value(QStringLiteral("error_description")).toString();
    QVERIFY2(actual.contains(description, Qt::CaseInsensitive), qPrintable(actual));
}

void checkJwtSuccess(const Answer &a, const QString &clientId)
{
    QVERIFY2(a.status == 200, a.body.constData());
    const QJsonObject body = a.json();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInteger(), 86399000); // milliseconds here
    const QStringList parts = body.value(QStringLiteral("access_token")).toString().split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QJsonObject payload =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(payload.value(QStringLiteral("client_id")).toString(), clientId);
    QCOMPARE(payload.value(QStringLiteral("type")).toString(), QStringLiteral("access_token"));
}

QJsonObject readJsonFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int fileMode(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void versionsAndStates_data();
    void versionsAndStates();
    void slingJsonShape();
    void queryBuilder_data();
    void queryBuilder();
    void hotfixPackage();
    void unauthenticated_data();
    void unauthenticated();
    void wrongPassword();
    void bearerForCloudOnly();
    void csrf();
    void blockedPrefixes();
    void latencyIsConcurrent();
    void keepAliveAndMalformed();
    void headRequest();
    void requestBodyTooLarge();
    void tls();
    void faultHang();
    void faultOversize();
    void faultNotAem();
    void faultSsoRedirect();
    void imsDiscovery();
    void imsToken_data();
    void imsToken();
    void imsTokenV2();
    void jwtExchange_data();
    void jwtExchange();
    void jwtMultipartAndTrailingSlash();
    void registerCertificate();
    void registerCertificateOverHttp();
    void faultIms5xx();
    void jwtExchangeFailsAfterConversion();
    void faultImsHtml();
    void faultImsHang();
    void writeCredentialFiles();
    void simulateCommandCredentials();
    void snapshotDiffersBetweenStates();
    void rejectsInvalidOptions();
    void parseNames();
    void distributionErrorQueue();
    void portInUse();

private:
    std::unique_ptr<Simulator> m_jwtSim; // shared by the JWT rows (one RSA key generation)
    QByteArray m_jwtKey;
    SimRsaIdentity m_foreign; // a key pair no simulator knows until a test registers its certificate
};

void TestSimulator::versionsAndStates_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<SimState>("state");
    for (const QString &version : Simulator::exampleVersions()) {
        for (const QString &stateName : Simulator::knownStates()) {
            const SimState state = Simulator::parseState(stateName).value();
            QTest::addRow("%s/%s", qPrintable(version), qPrintable(stateName)) << version << state;
        }
    }
}

void TestSimulator::versionsAndStates()
{
    QFETCH(QString, version);
    QFETCH(SimState, state);
    Simulator sim(optionsFor(version, state));
    QVERIFY(sim.start().ok());
    const QUrl aem = sim.aemUrl();
    Client client;
    const bool cloud = version == QLatin1String("cloud");

    // Product version
    const Answer productInfo = client.get(at(aem, QStringLiteral("/system/console/productinfo")));
    if (cloud) {
        QCOMPARE(productInfo.status, 404);
    } else {
        QCOMPARE(productInfo.status, 200);
        QCOMPARE(productInfo.header("Content-Type"), QByteArrayLiteral("text/html; charset=utf-8"));
        QVERIFY(productInfo.body.contains(
            QByteArray("<h2>Installed Products</h2><ul><li>Adobe Experience Manager (" + version.toLatin1() +
                       ")</li>")));
        static const QRegularExpression versionRe(QStringLiteral("Adobe Experience Manager \\(([^)]+)\\)"));
        QCOMPARE(versionRe.match(QString::fromUtf8(productInfo.body)).captured(1), version);
    }

    const Answer about =
        client.get(at(aem, QStringLiteral("/mnt/overlay/granite/ui/content/shell/about.html")));
    QCOMPARE(about.status, 200);
    QVERIFY(about.body.contains("<coral-dialog-header>About Adobe Experience Manager</coral-dialog-header>"));
    const QByteArray shown =
        cloud ? QByteArrayLiteral("2025.11.23482.20251118T154426Z-251100") : version.toLatin1();
    QVERIFY(about.body.contains(
        QByteArray("<div class=\"granite-about-version\">Adobe Experience Manager " + shown + "</div>")));

    const Answer packages = client.get(at(aem, QStringLiteral("/crx/packmgr/service.jsp?cmd=ls")));
    QCOMPARE(packages.status, 200);
    QCOMPARE(packages.header("Content-Type"), QByteArrayLiteral("text/xml;charset=utf-8"));
    QVERIFY(packages.body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><crx version=\"1.4.1\""));
    QVERIFY(packages.body.contains("<status code=\"200\">ok</status>"));
    QVERIFY(packages.body.contains("<group>adobe/consulting</group><name>acs-aem-commons-ui.apps</name>"));
    QVERIFY(packages.body.contains("<group>my_packages</group><name>site-content</name>"));
    QVERIFY(!packages.body.contains("ims-jwt-compatibility-package-6.5"));
    const QStringList parts = version.split(QLatin1Char('.'));
    if (cloud) {
        QVERIFY(!packages.body.contains("servicepack"));
    } else if (version.startsWith(QLatin1String("6.5.")) && parts.at(2).toInt() > 0) {
        QVERIFY(packages.body.contains(
            QByteArray("<group>adobe/cq650/servicepack</group><name>aem-service-pkg</name>"
                       "<version>" +
                       version.toLatin1() + "</version>")));
    } else if (version.startsWith(QLatin1String("6.6.")) && parts.at(2).toInt() > 0) {
        QVERIFY(packages.body.contains(
            QByteArray("<group>adobe/cq660/servicepack</group><name>aem-service-pkg</name>"
                       "<version>" +
                       version.toLatin1() + "</version>")));
    } else {
        QVERIFY(!packages.body.contains("servicepack"));
    }

    // Repository shape per state
    const bool legacy = state == SimState::LegacyGateway;
    // An activated Cloud Service has a cloud configuration and a distribution agent, no replication agents
    // and no readable IMS configuration file.
    const bool cloudActivated = cloud && state == SimState::OAuthS2S;
    const bool devConsole =
        !cloudActivated && (state == SimState::DevConsoleJwt || state == SimState::OAuthS2S);
    const bool touchConfig = devConsole || cloudActivated || state == SimState::Broken;

    const Answer conf =
        client.get(at(aem, QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal.2.json")));
    QCOMPARE(conf.status, touchConfig ? 200 : 404);
    if (!touchConfig)
        QCOMPARE(conf.header("Content-Type"), QByteArrayLiteral("text/html;charset=utf-8"));
    const Answer mac = client.get(at(aem, QStringLiteral("/home/users/mac.1.json")));
    QCOMPARE(mac.status, legacy ? 200 : 404);
    const Answer classic = client.get(at(aem, QStringLiteral("/etc/cloudservices/mediaportal.2.json")));
    QCOMPARE(classic.status, 200);
    QCOMPARE(classic.json()
                 .value(QStringLiteral("jcr:content"))
                 .toObject()
                 .value(QStringLiteral("jcr:title"))
                 .toString(),
             QStringLiteral("Assets Brand Portal"));
    QCOMPARE(classic.json().contains(QStringLiteral("acme")), legacy);

    const Answer agents = client.get(at(aem, QStringLiteral("/etc/replication/agents.author.2.json")));
    QCOMPARE(agents.status, 200);
    QCOMPARE(agents.header("Content-Type"), QByteArrayLiteral("application/json;charset=utf-8"));
    const QJsonObject agentTree = agents.json();
    QVERIFY(agentTree.contains(QStringLiteral("publish")));
    QVERIFY(agentTree.contains(QStringLiteral("publish_reverse")));
    QCOMPARE(brandPortalAgentCount(agentTree), legacy || devConsole ? 4 : 0);

    if (legacy) {
        for (const QString &name : {QStringLiteral("mp_replication"), QStringLiteral("mp_replication-1"),
                                    QStringLiteral("mp_replication-2"), QStringLiteral("mp_replication-3")})
            QVERIFY2(agentTree.contains(name), qPrintable(name));
        const QJsonObject users = mac.json();
        QCOMPARE(users.value(QStringLiteral("jcr:primaryType")).toString(),
                 QStringLiteral("rep:AuthorizableFolder"));
        bool found = false;
        for (auto it = users.begin(); it != users.end(); ++it) {
            const QJsonObject user = it.value().toObject();
            if (user.value(QStringLiteral("rep:authorizableId")).toString() ==
                QLatin1String("mac-acme-replication")) {
                QCOMPARE(user.value(QStringLiteral("jcr:primaryType")).toString(),
                         QStringLiteral("rep:User"));
                found = true;
            }
        }
        QVERIFY(found);
        const QJsonObject content = classic.json()
                                        .value(QStringLiteral("acme"))
                                        .toObject()
                                        .value(QStringLiteral("jcr:content"))
                                        .toObject();
        QCOMPARE(content.value(QStringLiteral("tenantURL")).toString(),
                 QStringLiteral("https://acme.brand-portal.adobe.com"));
        QCOMPARE(content.value(QStringLiteral("clientId")).toString(), sim.imsClientId());
    }

    if (touchConfig) {
        const QJsonObject content = conf.json()
                                        .value(QStringLiteral("acme"))
                                        .toObject()
                                        .value(QStringLiteral("jcr:content"))
                                        .toObject();
        QCOMPARE(content.value(QStringLiteral("sling:resourceType")).toString(),
                 QStringLiteral("dam/components/mediaportal/config"));
        QCOMPARE(content.value(QStringLiteral("oauthScopes")).toString(),
                 QStringLiteral("dam-read dam-write dam-sync cc-share"));
        const QString pid = content.value(QStringLiteral("imsConfig")).toString();
        const QString factory = QStringLiteral("com.adobe.granite.auth.oauth.accesstoken.provider");
        QVERIFY(pid.startsWith(factory + QLatin1Char('.')));
        const QString suffix = pid.mid(factory.size() + 1);

        // The detector's job: find the provider config file in either name form.
        const Answer configDir = client.get(at(aem, QStringLiteral("/apps/system/config.1.json")));
        QCOMPARE(configDir.status, 200);
        const QJsonObject files = configDir.json();
        QVERIFY(files.contains(
            QStringLiteral("org.apache.sling.commons.log.LogManager.factory.config-bp.config")));
        QString providerFile;
        for (const QChar sep : {QLatin1Char('.'), QLatin1Char('-')}) {
            const QString candidate = factory + sep + suffix + QStringLiteral(".config");
            if (files.contains(candidate))
                providerFile = candidate;
        }
        if (state == SimState::Broken || cloudActivated) {
            QVERIFY(providerFile.isEmpty());
        } else {
            QVERIFY(!providerFile.isEmpty());
            QCOMPARE(providerFile.contains(QLatin1String("provider-")), state == SimState::DevConsoleJwt);
            const Answer file = client.get(at(aem, QStringLiteral("/apps/system/config/") + providerFile));
            QCOMPARE(file.status, 200);
            QCOMPARE(file.header("Content-Type"), QByteArrayLiteral("text/plain;charset=utf-8"));
            QVERIFY(file.body.contains(
                QByteArray("auth.token.provider.client.id=\"" + sim.imsClientId().toLatin1() + "\"\n")));
            QVERIFY(file.body.contains("auth.token.provider.reuse.access.token=B\"true\"\n"));
            QVERIFY(file.body.contains("token.request.customizer.type=\"brandportal-"));
            if (state == SimState::DevConsoleJwt) {
                QVERIFY(file.body.contains("auth.token.provider.default.claims=[\"\\\"iss\\\":\\\""
                                           "0123456789ABCDEF01234567@AdobeOrg\\\"\","));
                QVERIFY(file.body.contains("ent_brand_portal_sdk\\\":true\""));
                QVERIFY(!file.body.contains("authorization.grants"));
            } else {
                QVERIFY(
                    file.body.contains("auth.token.provider.authorization.grants=\"client_credentials\"\n"));
                QVERIFY(file.body.contains(
                    "auth.access.token.request=\"https://ims-na1.adobelogin.com/ims/token/v3\"\n"));
                QVERIFY(!file.body.contains("default.claims"));
                QVERIFY(!file.body.contains("keypair.alias"));
            }
            // The customizer holding the (encrypted-looking) secret
            bool customizer = false;
            for (auto it = files.begin(); it != files.end(); ++it)
                customizer |= it.key().startsWith(
                    QLatin1String("com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"));
            QVERIFY(customizer);
        }
    }

    // Sling Content Distribution: the Brand Portal agent exists on an activated Cloud Service only.
    const Answer agent = client.get(
        at(aem, QStringLiteral("/libs/sling/distribution/services/agents/bpdistributionagent0.0.json")));
    if (cloudActivated) {
        QCOMPARE(agent.status, 200);
        QCOMPARE(agent.json().value(QStringLiteral("name")).toString(),
                 QStringLiteral("bpdistributionagent0"));
        QCOMPARE(
            agent.json().value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString(),
            QStringLiteral("IDLE"));
        const Answer queues = client.get(at(
            aem,
            QStringLiteral("/libs/sling/distribution/services/agents/bpdistributionagent0/queues.1.json")));
        QCOMPARE(queues.status, 200);
        const QJsonObject q = queues.json();
        QCOMPARE(q.value(QStringLiteral("items")).toArray().size(), 2);
        for (const QString &name : {QStringLiteral("processing-queue"), QStringLiteral("error-queue")}) {
            const QJsonObject one = q.value(name).toObject();
            QCOMPARE(one.value(QStringLiteral("state")).toString(), QStringLiteral("IDLE"));
            QCOMPARE(one.value(QStringLiteral("empty")).toBool(), true);
            QCOMPARE(one.value(QStringLiteral("itemsCount")).toInt(), 0);
        }
    } else if (cloud) {
        QCOMPARE(agent.status, 404);
        QCOMPARE(agent.json().value(QStringLiteral("message")).toString(), QStringLiteral("agent not found"));
    } else {
        QCOMPARE(agent.status, 404);
    }
}

void TestSimulator::distributionErrorQueue()
{
    SimulatorOptions o = optionsFor(QStringLiteral("cloud"), SimState::OAuthS2S);
    o.faults << SimFault::ErrorQueue;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const QString agent = QStringLiteral("/libs/sling/distribution/services/agents/bpdistributionagent0");
    const Answer queues = client.get(at(sim.aemUrl(), agent + QStringLiteral("/queues.1.json")));
    QCOMPARE(queues.status, 200);
    const QJsonObject errors = queues.json().value(QStringLiteral("error-queue")).toObject();
    QCOMPARE(errors.value(QStringLiteral("itemsCount")).toInt(), 2);
    QCOMPARE(errors.value(QStringLiteral("empty")).toBool(), false);
    const QJsonArray ids = errors.value(QStringLiteral("items")).toArray();
    QCOMPARE(ids.size(), 2);
    for (const QJsonValue &id : ids) {
        const QJsonObject item = errors.value(id.toString()).toObject();
        QCOMPARE(item.value(QStringLiteral("id")).toString(), id.toString());
        QVERIFY(!item.value(QStringLiteral("errorMessage")).toString().isEmpty());
        QVERIFY(item.value(QStringLiteral("time")).toDouble() > 0);
        QCOMPARE(item.value(QStringLiteral("paths")).toArray().size(), 1);
        QCOMPARE(item.value(QStringLiteral("state")).toString(), QStringLiteral("ERROR"));
    }
    QCOMPARE(queues.json()
                 .value(QStringLiteral("processing-queue"))
                 .toObject()
                 .value(QStringLiteral("itemsCount"))
                 .toInt(),
             0);
    QCOMPARE(sim.options().faults, QList<SimFault>{SimFault::ErrorQueue});
    QCOMPARE(Simulator::parseFault(QStringLiteral("error-queue")).value(), SimFault::ErrorQueue);
    QVERIFY(Simulator::knownFaults().contains(QStringLiteral("error-queue")));
}

void TestSimulator::queryBuilder_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("results");
    QTest::addColumn<QString>("firstPath"); // hits[0] jcr:path (selective) or path (default hits) starts so
    const QString byId = QStringLiteral("path=/home/users&type=rep:User&property=rep:authorizableId&"
                                        "property.value=");
    QTest::newRow("system user by id") << byId + QStringLiteral("brandportal-imsconfig-service&p.hits="
                                                                "selective&p.properties=jcr:path")
                                       << 1 << 1 << SimUsers::ServiceUserPath;
    QTest::newRow("default hits") << byId + QStringLiteral("mac-acme-replication") << 1 << 1
                                  << "/home/users/mac/";
    QTest::newRow("no such user") << byId + QStringLiteral("nobody") << 0 << 0 << "";
    QTest::newRow("limit") << QStringLiteral("path=/home/users&type=rep:Authorizable&p.limit=1") << 2 << 1
                           << "";
    QTest::newRow("outside the path") << QStringLiteral("path=/content&type=rep:User") << 0 << 0 << "";
}

// The QueryBuilder JSON servlet, as much as bpsetup uses it (a user by authorizable id), in Adobe's shape.
void TestSimulator::queryBuilder()
{
    QFETCH(QString, query);
    QFETCH(int, total);
    QFETCH(int, results);
    QFETCH(QString, firstPath);
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::LegacyGateway));
    QVERIFY(sim.start().ok());
    Client client;
    QUrl url = sim.aemUrl();
    url.setPath(QStringLiteral("/bin/querybuilder.json"));
    url.setQuery(query);
    const Answer a = client.get(url);
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.json();
    QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("total")).toInt(), total);
    QCOMPARE(o.value(QStringLiteral("results")).toInt(), results);
    QCOMPARE(o.value(QStringLiteral("more")).toBool(), results < total);
    const QJsonArray hits = o.value(QStringLiteral("hits")).toArray();
    QCOMPARE(hits.size(), results);
    if (!firstPath.isEmpty()) {
        const QJsonObject hit = hits.first().toObject();
        const QString path =
            hit.value(QStringLiteral("jcr:path")).toString(hit.value(QStringLiteral("path")).toString());
        QVERIFY2(path.startsWith(firstPath), qPrintable(path));
    }
    QCOMPARE(sim.writeRequestCount(), 0);
}

void TestSimulator::slingJsonShape()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::LegacyGateway));
    QVERIFY(sim.start().ok());
    Client client;
    const QUrl aem = sim.aemUrl();

    const Answer depth0 = client.get(at(aem, QStringLiteral("/etc/replication/agents.author/publish.json")));
    QCOMPARE(depth0.status, 200);
    QCOMPARE(depth0.body, QByteArrayLiteral("{\"jcr:primaryType\":\"cq:Page\"}"));

    const Answer depth1 =
        client.get(at(aem, QStringLiteral("/etc/replication/agents.author/publish.1.json")));
    QVERIFY(depth1.body.startsWith("{\"jcr:primaryType\":\"cq:Page\",\"jcr:content\":{\"jcr:primaryType\":"));
    const QJsonObject content = depth1.json().value(QStringLiteral("jcr:content")).toObject();
    QCOMPARE(content.value(QStringLiteral("enabled")).toString(), QStringLiteral("true"));
    QCOMPARE(content.value(QStringLiteral("sling:resourceType")).toString(),
             QStringLiteral("cq/replication/components/agent"));
    QCOMPARE(content.value(QStringLiteral("transportUri")).toString(),
             QStringLiteral("http://localhost:4503/bin/receive?sling:authRequestLogin=1"));

    const Answer infinity = client.get(at(aem, QStringLiteral("/etc.infinity.json")));
    QCOMPARE(infinity.status, 200);
    QVERIFY(infinity.json()
                .value(QStringLiteral("replication"))
                .toObject()
                .value(QStringLiteral("agents.author"))
                .toObject()
                .value(QStringLiteral("mp_replication-3"))
                .toObject()
                .contains(QStringLiteral("jcr:content")));
    QCOMPARE(client.get(at(aem, QStringLiteral("/etc.-1.json"))).body, infinity.body);

    // Binary properties are listed as ":name": length, like Sling does.
    const Answer file = client.get(at(
        aem,
        QStringLiteral(
            "/apps/system/config/org.apache.sling.commons.log.LogManager.factory.config-bp.config.1.json")));
    QCOMPARE(file.status, 200);
    const QJsonObject resource = file.json().value(QStringLiteral("jcr:content")).toObject();
    QVERIFY(resource.value(QStringLiteral(":jcr:data")).toInt() > 0);

    QCOMPARE(client.get(at(aem, QStringLiteral("/etc/nothing-here.json"))).status, 404);
    QCOMPARE(client.get(at(aem, QStringLiteral("/etc.bogus.json"))).status, 404);
}

void TestSimulator::hotfixPackage()
{
    SimulatorOptions o = optionsFor(QStringLiteral("6.5.17.0"), SimState::OAuthS2S);
    o.imsHotfixInstalled = true;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const Answer packages = client.get(at(sim.aemUrl(), QStringLiteral("/crx/packmgr/service.jsp?cmd=ls")));
    QCOMPARE(packages.status, 200);
    QVERIFY(packages.body.contains(
        "<group>adobe/cq650/hotfix</group><name>ims-jwt-compatibility-package-6.5</name>"
        "<version>1.0</version>"));
    QVERIFY(packages.body.contains("<version>6.5.17.0</version>"));
}

void TestSimulator::unauthenticated_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("realm");
    QTest::addColumn<QByteArray>("location");
    const QByteArray sling = QByteArrayLiteral("Basic realm=\"Sling (Development)\"");
    const QByteArray osgi = QByteArrayLiteral("Basic realm=\"OSGi Management Console\"");
    QTest::newRow("page redirects")
        << QStringLiteral("/aem/start.html") << 302 << QByteArray()
        << QByteArrayLiteral("/libs/granite/core/content/login.html?resource=%2Faem%2Fstart.html"
                             "&$$login$$=%24%24login%24%24");
    QTest::newRow("console") << QStringLiteral("/system/console/productinfo") << 401 << osgi << QByteArray();
    QTest::newRow("console bundles") << QStringLiteral("/system/console/bundles.json") << 401 << osgi
                                     << QByteArray();
    QTest::newRow("json") << QStringLiteral("/etc.json") << 401 << sling << QByteArray();
    QTest::newRow("csrf") << QStringLiteral("/libs/granite/csrf/token.json") << 401 << sling << QByteArray();
    QTest::newRow("xml") << QStringLiteral("/content/dam.xml") << 401 << sling << QByteArray();
    QTest::newRow("packmgr") << QStringLiteral("/crx/packmgr/service.jsp?cmd=ls") << 401 << sling
                             << QByteArray();
    QTest::newRow("config file") << QStringLiteral("/apps/system/config/x.config") << 302 << QByteArray()
                                 << QByteArrayLiteral(
                                        "/libs/granite/core/content/login.html?resource=%2Fapps%2Fsystem%2F"
                                        "config%2Fx.config&$$login$$=%24%24login%24%24");
    QTest::newRow("login page") << QStringLiteral("/libs/granite/core/content/login.html") << 200
                                << QByteArray() << QByteArray();
    QTest::newRow("under login page")
        << QStringLiteral("/libs/granite/core/content/login.html/j_security_check") << 200 << QByteArray()
        << QByteArray();
}

void TestSimulator::unauthenticated()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, realm);
    QFETCH(QByteArray, location);
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    Client client;
    const Answer a = client.get(at(sim.aemUrl(), path), {});
    QCOMPARE(a.status, status);
    QCOMPARE(a.header("WWW-Authenticate"), realm);
    QCOMPARE(a.header("Location"), location);
    QVERIFY(a.header("Content-Type").startsWith("text/html"));
    if (status == 200) {
        QVERIFY(a.body.contains("<form name=\"login\" method=\"POST\" id=\"login\" "
                                "action=\"/libs/granite/core/content/login.html/j_security_check\""));
        QVERIFY(a.body.contains("name=\"j_username\""));
        QVERIFY(a.body.contains("name=\"j_password\""));
        QVERIFY(a.body.contains("Adobe Experience Manager"));
    }
    QCOMPARE(sim.requestCount(), 1);
    QCOMPARE(sim.requests().first().authenticated, false);
    QCOMPARE(sim.requests().first().status, status);
    QCOMPARE(sim.requests().first().path, path.toLatin1());
}

void TestSimulator::wrongPassword()
{
    SimulatorOptions o;
    o.password = QStringLiteral("s3cret");
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const HeaderList wrong = {
        {QByteArrayLiteral("Authorization"), basic(QStringLiteral("admin"), QStringLiteral("admin"))}};
    const Answer json = client.get(at(sim.aemUrl(), QStringLiteral("/etc.json")), wrong);
    QCOMPARE(json.status, 401);
    QCOMPARE(json.header("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"Sling (Development)\""));
    // With a (wrong) Authorization header even pages get a 401, not the login redirect.
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/aem/start.html")), wrong).status, 401);
    const Answer console = client.get(at(sim.aemUrl(), QStringLiteral("/system/console/productinfo")), wrong);
    QCOMPARE(console.status, 401);
    QCOMPARE(console.header("WWW-Authenticate"),
             QByteArrayLiteral("Basic realm=\"OSGi Management Console\""));

    const HeaderList right = {
        {QByteArrayLiteral("Authorization"), basic(QStringLiteral("admin"), QStringLiteral("s3cret"))}};
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/etc.json")), right).status, 200);
    QCOMPARE(sim.requests().last().authenticated, true);
    QCOMPARE(sim.requests().first().authenticated, false);
}

void TestSimulator::bearerForCloudOnly()
{
    const HeaderList bearer = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer admin")}};
    const HeaderList wrongBearer = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer nope")}};
    Client client;
    {
        Simulator cloud(optionsFor(QStringLiteral("cloud"), SimState::None));
        QVERIFY(cloud.start().ok());
        QCOMPARE(client.get(at(cloud.aemUrl(), QStringLiteral("/etc.json")), bearer).status, 200);
        QCOMPARE(client.get(at(cloud.aemUrl(), QStringLiteral("/etc.json")), wrongBearer).status, 401);
        QCOMPARE(client.get(at(cloud.aemUrl(), QStringLiteral("/etc.json"))).status, 200); // Basic works too
    }
    Simulator onPrem(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(onPrem.start().ok());
    QCOMPARE(client.get(at(onPrem.aemUrl(), QStringLiteral("/etc.json")), bearer).status, 401);
}

void TestSimulator::csrf()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    Client client;
    const QUrl target = at(sim.aemUrl(), QStringLiteral("/etc/replication/agents.author/publish"));

    const Answer noToken = client.send("POST", target, AdminAuth, QByteArrayLiteral("a=b"));
    QCOMPARE(noToken.status, 403);
    QVERIFY(noToken.header("Content-Type").startsWith("text/html"));

    const Answer tokenAnswer = client.get(at(sim.aemUrl(), QStringLiteral("/libs/granite/csrf/token.json")));
    QCOMPARE(tokenAnswer.status, 200);
    QCOMPARE(tokenAnswer.header("Content-Type"), QByteArrayLiteral("application/json"));
    const QByteArray token = tokenAnswer.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(token.count('.'), 2);

    HeaderList withToken = AdminAuth;
    withToken.append({QByteArrayLiteral("CSRF-Token"), token});
    // With a token the write reaches Sling's POST servlet, which modifies the existing node.
    QCOMPARE(client.send("POST", target, withToken, QByteArrayLiteral("a=b")).status, 200);
    // DELETE removes the resource (as `curl -X DELETE` on an agent does, domain notes 3.1).
    QCOMPARE(client.send("DELETE", target, withToken).status, 204);
    HeaderList bogus = AdminAuth;
    bogus.append({QByteArrayLiteral("CSRF-Token"), QByteArrayLiteral("x.y.z")});
    QCOMPARE(client.send("PUT", target, bogus, QByteArrayLiteral("a=b")).status, 403);

    QCOMPARE(sim.requestCount(), 5);
    QCOMPARE(sim.writeRequestCount(), 4);
    sim.clearRequestLog();
    QCOMPARE(sim.requestCount(), 0);
    QCOMPARE(sim.writeRequestCount(), 0);
}

void TestSimulator::blockedPrefixes()
{
    SimulatorOptions o;
    o.blockedPrefixes = {QStringLiteral("/system/console"), QStringLiteral("/crx/")};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const QByteArray expected =
        QByteArrayLiteral("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The "
                          "requested URL was not found "
                          "on this server.</p></body></html>");
    for (const HeaderList &auth : {HeaderList(), AdminAuth}) {
        for (const QString &path : {QStringLiteral("/system/console/productinfo"),
                                    QStringLiteral("/crx/packmgr/service.jsp?cmd=ls")}) {
            const Answer a = client.get(at(sim.aemUrl(), path), auth);
            QCOMPARE(a.status, 404);
            QCOMPARE(a.body, expected);
            QVERIFY(a.header("Content-Type").startsWith("text/html"));
        }
    }
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/etc.json"))).status, 200);
}

// While one answer waits out its latency, other connections are read and handled: ten requests on ten
// connections wait at the same time, and all ten are answered once the latency has passed. The latency runs
// on a ManualClock, so nothing here depends on how fast the machine is; a simulator that slept instead of
// scheduling its answers would answer without the clock and hold none of them. Raw sockets, because
// QNetworkAccessManager opens at most six connections per host and would queue the rest.
void TestSimulator::latencyIsConcurrent()
{
    test::ManualClock clock;
    SimulatorOptions o;
    o.latencyMs = 100;
    o.latencyClock = &clock;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    constexpr int kClients = 10;
    const QByteArray request = "GET /etc.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: " +
                               basic(QStringLiteral("admin"), QStringLiteral("admin")) + "\r\n\r\n";
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> received(kClients);
    int requestsAtFirstAnswer = -1;
    for (int i = 0; i < kClients; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::readyRead, this, [&, raw, i] {
            if (requestsAtFirstAnswer < 0)
                requestsAtFirstAnswer = sim.requestCount();
            received[i] += raw->readAll();
        });
        socket->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(sim.aemUrl().port()));
        QVERIFY(socket->waitForConnected(5000));
        socket->write(request);
        sockets.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(sim.requestCount(), kClients, 10000);
    QCOMPARE(clock.pendingTimers(TimerKind::Wait), kClients); // every answer waits, all at the same time
    QCOMPARE(requestsAtFirstAnswer, -1);
    clock.advance(99);
    QCOMPARE(clock.pendingTimers(TimerKind::Wait), kClients);
    clock.advance(1); // the latency has passed for all of them at once
    QCOMPARE(clock.pendingTimers(), 0);

    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(sockets.cbegin(), sockets.cend(),
                    [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; }),
        10000);
    for (int i = 0; i < kClients; ++i) {
        received[i] += sockets.at(i)->readAll();
        QVERIFY2(received.at(i).startsWith("HTTP/1.1 200 OK\r\n"), received.at(i).left(200).constData());
    }
    QCOMPARE(requestsAtFirstAnswer, kClients);
    QCOMPARE(sim.requestCount(), kClients);
    for (const SimRequestRecord &r : sim.requests()) {
        QCOMPARE(r.path, QByteArray("/etc.json"));
        QCOMPARE(r.status, 200);
    }
}

void TestSimulator::keepAliveAndMalformed()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    const QByteArray auth = basic(QStringLiteral("admin"), QStringLiteral("admin"));

    // Two requests in one write on one connection: both answered in order, the connection stays open.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(sim.aemUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /etc.json HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                 "\r\n\r\nGET /etc/replication.json HTTP/1.1\r\nhost: x\r\nauthorization: " + auth +
                 "\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).count("HTTP/1.1 200 OK") == 2 &&
                                 received.endsWith("{\"jcr:primaryType\":\"sling:Folder\"}"),
                             5000);
    QVERIFY(received.contains("Connection: keep-alive"));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);

    // Connection: close is honoured.
    received.clear();
    socket.write("GET /etc.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: " + auth +
                 "\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    received += socket.readAll();
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(received.contains("Connection: close"));

    // Malformed -> 400 and close.
    for (const QByteArray &bad :
         {QByteArrayLiteral("GARBAGE\r\n\r\n"), QByteArrayLiteral("GET /x HTTP/1.1\r\nno colon\r\n\r\n"),
          QByteArrayLiteral("GET /x HTTP/1.1\r\n\r\n"),
          QByteArrayLiteral("GET x HTTP/1.1\r\nHost: x\r\n\r\n")}) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(sim.aemUrl().port()));
        QVERIFY(s.waitForConnected(5000));
        s.write(bad);
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(s.readAll().startsWith("HTTP/1.1 400 Bad Request\r\n"), bad.constData());
    }
}

void TestSimulator::headRequest()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    Client client;
    const Answer get = client.get(at(sim.aemUrl(), QStringLiteral("/etc.1.json")));
    const Answer head = client.send("HEAD", at(sim.aemUrl(), QStringLiteral("/etc.1.json")), AdminAuth);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
    QVERIFY(HttpDate.match(QString::fromLatin1(get.header("Date"))).hasMatch());
}

void TestSimulator::requestBodyTooLarge()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    Client client;
    const QUrl target = at(sim.aemUrl(), QStringLiteral("/etc/replication"));
    const Answer tooLarge = client.send("POST", target, AdminAuth, QByteArray(1024 * 1024 + 1, 'x'));
    QVERIFY(tooLarge.finished);
    QCOMPARE(tooLarge.status, 413);
    // Exactly 1 MiB is accepted by the parser (and then refused by the CSRF check).
    QCOMPARE(client.send("POST", target, AdminAuth, QByteArray(1024 * 1024, 'x')).status, 403);
    QCOMPARE(sim.requests().first().status, 413);
}

void TestSimulator::tls()
{
    SimulatorOptions o;
    o.tls = true;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    QCOMPARE(sim.aemUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(sim.imsUrl().scheme(), QStringLiteral("https"));
    const QSslCertificate cert = sim.certificate();
    QVERIFY(!cert.isNull());
    QVERIFY(cert.isSelfSigned());
    QCOMPARE(cert.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("bpsetup simulator")});
    QVERIFY(cert.subjectAlternativeNames().values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(
        cert.subjectAlternativeNames().values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QVERIFY(cert.effectiveDate() < QDateTime::currentDateTimeUtc());
    QVERIFY(cert.expiryDate() > QDateTime::currentDateTimeUtc().addDays(29));
    QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);

    Client client;
    const Answer untrusted = client.get(at(sim.aemUrl(), QStringLiteral("/etc.json")));
    QVERIFY(untrusted.finished);
    QVERIFY(untrusted.sslErrorCount > 0);
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({cert});
    Client trusting;
    const Answer trusted =
        trusting.send("GET", at(sim.aemUrl(), QStringLiteral("/etc.json")), AdminAuth, {}, &config);
    QCOMPARE(trusted.error, QNetworkReply::NoError);
    QCOMPARE(trusted.status, 200);
    const Answer ims = trusting.send(
        "GET", at(sim.imsUrl(), QStringLiteral("/ims/.well-known/openid-configuration")), {}, {}, &config);
    QCOMPARE(ims.status, 200);
}

void TestSimulator::faultHang()
{
    SimulatorOptions o;
    o.faults = {SimFault::Hang};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    QNetworkRequest request(at(sim.aemUrl(), QStringLiteral("/etc.json")));
    request.setTransferTimeout(300);
    QNetworkReply *reply = client.nam().get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(sim.requestCount(), 1, 5000);
    QCOMPARE(sim.requests().first().status, 0);
    QVERIFY(finished.wait(5000)); // only the client's own timeout ends it
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    QVERIFY(reply->error() == QNetworkReply::OperationCanceledError ||
            reply->error() == QNetworkReply::TimeoutError);
    reply->deleteLater();
    sim.stop(); // closes the hung connection
}

void TestSimulator::faultOversize()
{
    SimulatorOptions o;
    o.faults = {SimFault::Oversize};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;

    // Read the whole body without keeping it.
    QNetworkReply *reply = client.start("GET", at(sim.aemUrl(), QStringLiteral("/etc.json")), AdminAuth);
    qint64 total = 0;
    connect(reply, &QNetworkReply::readyRead, reply, [&total, reply] { total += reply->readAll().size(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(60000));
    total += reply->readAll().size();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Content-Length"), QByteArrayLiteral("67108864"));
    QVERIFY(reply->rawHeader("Content-Type").startsWith("text/html"));
    QCOMPARE(total, qint64(64) * 1024 * 1024);
    reply->deleteLater();

    // A client that gives up early: the server stops streaming and keeps serving others.
    QNetworkReply *early = client.start("GET", at(sim.aemUrl(), QStringLiteral("/etc.json")), AdminAuth);
    qint64 seen = 0;
    connect(early, &QNetworkReply::readyRead, early, [&seen, early] {
        seen += early->readAll().size();
        if (seen > 1024 * 1024)
            early->abort();
    });
    QSignalSpy earlyFinished(early, &QNetworkReply::finished);
    QVERIFY(earlyFinished.wait(20000));
    QCOMPARE(early->error(), QNetworkReply::OperationCanceledError);
    early->deleteLater();

    QNetworkReply *head = client.start("HEAD", at(sim.aemUrl(), QStringLiteral("/")), {});
    QSignalSpy headFinished(head, &QNetworkReply::finished);
    QVERIFY(headFinished.wait(20000));
    QCOMPARE(head->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    head->deleteLater();
}

void TestSimulator::faultNotAem()
{
    SimulatorOptions o;
    o.faults = {SimFault::NotAem};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const Answer root = client.get(at(sim.aemUrl(), QStringLiteral("/")), {});
    QCOMPARE(root.status, 200);
    QCOMPARE(root.body, QByteArrayLiteral("<html><body><h1>Welcome to nginx!</h1></body></html>"));
    for (const QString &path : {QStringLiteral("/libs/granite/core/content/login.html"),
                                QStringLiteral("/system/console/productinfo"), QStringLiteral("/etc.json")}) {
        const Answer a = client.get(at(sim.aemUrl(), path), {});
        QCOMPARE(a.status, 404);
        QVERIFY(a.header("WWW-Authenticate").isEmpty());
        QVERIFY(a.header("Content-Type").startsWith("text/html"));
    }
}

void TestSimulator::faultSsoRedirect()
{
    SimulatorOptions o;
    o.faults = {SimFault::SsoRedirect};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const Answer a = client.get(at(sim.aemUrl(), QStringLiteral("/etc.json")));
    QCOMPARE(a.status, 302);
    QCOMPARE(a.header("Location"),
             QByteArrayLiteral(
                 "/libs/granite/core/content/login.html?resource=%2Fetc.json&$$login$$=%24%24login%24%24"));
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/system/console/productinfo"))).status, 302);
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/libs/granite/core/content/login.html"))).status,
             200);
}

void TestSimulator::imsDiscovery()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    QCOMPARE(sim.imsUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(sim.imsUrl().port() != sim.aemUrl().port());
    Client client;
    const Answer a =
        client.get(at(sim.imsUrl(), QStringLiteral("/ims/.well-known/openid-configuration")), {});
    QCOMPARE(a.status, 200);
    const QString base = sim.imsUrl().toString();
    QCOMPARE(a.json().value(QStringLiteral("issuer")).toString(), base);
    QCOMPARE(a.json().value(QStringLiteral("token_endpoint")).toString(),
             base + QStringLiteral("/ims/token/v3"));
    QVERIFY(a.json().contains(QStringLiteral("jwks_uri")));
    QVERIFY(a.json().contains(QStringLiteral("authorization_endpoint")));
    // The JWT exchange is simulated: a request without a known client is refused like IMS does.
    const Answer jwt = client.send(
        "POST", at(sim.imsUrl(), QStringLiteral("/ims/exchange/jwt")),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}},
        QByteArrayLiteral("a=b"));
    QCOMPARE(jwt.status, 400);
    QCOMPARE(jwt.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
    QCOMPARE(sim.writeRequestCount(), 0); // IMS requests do not count as writes to the author
}

void TestSimulator::imsToken_data()
{
    QTest::addColumn<QString>("grant");
    QTest::addColumn<QString>("clientId"); // "$client" = the registered client
    QTest::addColumn<QString>("secret");   // "$0"/"$1" = registered secrets
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("inQuery");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    const QString scopes =
        QStringLiteral("openid,AdobeID,read_organizations,additional_info.projectedProductContext");
    const QString cc = QStringLiteral("client_credentials");
    const QString client = QStringLiteral("$client");
    QTest::newRow("success") << cc << client << QStringLiteral("$0") << scopes << false << 200 << QString()
                             << QString();
    QTest::newRow("second secret, subset")
        << cc << client << QStringLiteral("$1") << QStringLiteral("openid,AdobeID") << false << 200
        << QString() << QString();
    QTest::newRow("no scope") << cc << client << QStringLiteral("$0") << QString() << false << 200
                              << QString() << QString();
    QTest::newRow("fields in query") << cc << client << QStringLiteral("$0") << scopes << true << 200
                                     << QString() << QString();
    QTest::newRow("invalid secret") << cc << client << QStringLiteral("p8e-wrong") << scopes << false << 400
                                    << QStringLiteral("invalid_client")
                                    << QStringLiteral("invalid client_secret parameter");
    QTest::newRow("unknown client") << cc << QStringLiteral("ffffffffffffffffffffffffffffffff")
                                    << QStringLiteral("$0") << scopes << false << 400
                                    << QStringLiteral("invalid_client")
                                    << QStringLiteral("invalid client_id parameter");
    QTest::newRow("invalid scope") << cc << client << QStringLiteral("$0")
                                   << (scopes + QStringLiteral(",adobeio_api")) << false << 400
                                   << QStringLiteral("invalid_scope") << QStringLiteral("invalid scope");
    QTest::newRow("unsupported grant")
        << QStringLiteral("password") << client << QStringLiteral("$0") << scopes << false << 400
        << QStringLiteral("unsupported_grant_type") << QString();
}

void TestSimulator::imsToken()
{
    QFETCH(QString, grant);
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, scope);
    QFETCH(bool, inQuery);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, description);

    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    const QStringList secrets = sim.clientSecretsForTests();
    QCOMPARE(secrets.size(), 2);
    for (const QString &s : secrets) {
        QVERIFY(s.startsWith(QLatin1String("p8e-")));
        QCOMPARE(s.size(), 36);
    }
    QCOMPARE(sim.imsClientId().size(), 32);

    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), grant);
    form.addQueryItem(QStringLiteral("client_id"),
                      clientId == QLatin1String("$client") ? sim.imsClientId() : clientId);
    form.addQueryItem(QStringLiteral("client_secret"), secret == QLatin1String("$0")   ? secrets.at(0)
                                                       : secret == QLatin1String("$1") ? secrets.at(1)
                                                                                       : secret);
    if (!scope.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), scope);
    const QByteArray encoded = form.toString(QUrl::FullyEncoded).toLatin1();

    QUrl url = at(sim.imsUrl(), QStringLiteral("/ims/token/v3"));
    if (inQuery)
        url.setQuery(form);
    Client client;
    const Answer a = client.send(
        "POST", url,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}},
        inQuery ? QByteArray() : encoded);
    QCOMPARE(a.status, status);
    QCOMPARE(a.header("Content-Type"), QByteArrayLiteral("application/json;charset=utf-8"));
    QVERIFY2(HttpDate.match(QString::fromLatin1(a.header("Date"))).hasMatch(), a.header("Date").constData());
    const QJsonObject body = a.json();
    if (status == 200) {
        QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
        QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 86399);
        const QStringList jwt = body.value(QStringLiteral("access_token")).toString().split(QLatin1Char('.'));
        QCOMPARE(jwt.size(), 3);
        const QJsonObject payload =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(jwt.at(1).toLatin1(), QByteArray::Base64UrlEncoding))
                .object();
        QCOMPARE(payload.value(QStringLiteral("client_id")).toString(), sim.imsClientId());
        QCOMPARE(payload.value(QStringLiteral("type")).toString(), QStringLiteral("access_token"));
    } else {
        QCOMPARE(body.value(QStringLiteral("error")).toString(), error);
        if (!description.isEmpty())
            QCOMPARE(body.value(QStringLiteral("error_description")).toString(), description);
        else
            QVERIFY(!body.value(QStringLiteral("error_description")).toString().isEmpty());
    }
}

void TestSimulator::initTestCase()
{
    // One simulator and two key pairs for all JWT rows: RSA key generation is the slow part.
    m_jwtSim = std::make_unique<Simulator>(beforeConversion());
    QVERIFY(m_jwtSim->start().ok());
    const Result<QByteArray> key = m_jwtSim->jwtPrivateKeyPem();
    QVERIFY(key.ok());
    m_jwtKey = key.value();
    QVERIFY(m_jwtKey.startsWith("-----BEGIN PRIVATE KEY-----"));
    const Result<SimRsaIdentity> foreign = SimCrypto::generateRsaIdentity(QStringLiteral("foreign"), 30);
    QVERIFY(foreign.ok());
    m_foreign = foreign.value();
}

void TestSimulator::imsTokenV2()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.start().ok());
    Client client;
    const QString v2 = QStringLiteral("/ims/token/v2");
    const QString scopes = QStringLiteral("openid,AdobeID");
    const auto fields = [&](const QString &secret, const QString &org) {
        QList<QPair<QString, QString>> f{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                         {QStringLiteral("client_id"), sim.imsClientId()},
                                         {QStringLiteral("client_secret"), secret},
                                         {QStringLiteral("scope"), scopes}};
        if (!org.isNull())
            f.append({QStringLiteral("org_id"), org});
        return f;
    };
    const QString secret = sim.clientSecretsForTests().at(0);

    // What aio-lib-ims sends: org_id included.
    const Answer ok = tokenRequest(client, sim, v2, fields(secret, sim.imsOrgId()));
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().value(QStringLiteral("expires_in")).toInt(), 86399); // seconds, like v3
    QCOMPARE(ok.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(tokenRequest(client, sim, v2, fields(secret, QString())).status, 200); // org_id is optional

    checkImsError(
        tokenRequest(client, sim, v2, fields(secret, QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg"))),
        400, QStringLiteral("invalid_request"), QStringLiteral("org"));
    // Same checks as v3, from the same code.
    checkImsError(tokenRequest(client, sim, v2, fields(QStringLiteral("p8e-wrong"), sim.imsOrgId())), 400,
                  QStringLiteral("invalid_client"), QStringLiteral("invalid client_secret parameter"));

    // A JWT-only credential is not registered for client_credentials, on either endpoint.
    for (const QString &path : {v2, QStringLiteral("/ims/token/v3")}) {
        checkImsError(tokenRequest(client, sim, path,
                                   {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                    {QStringLiteral("client_id"), sim.jwtClientId()},
                                    {QStringLiteral("client_secret"), sim.jwtClientSecretForTests()}}),
                      400, QStringLiteral("unauthorized_client"), QString());
    }
}

void TestSimulator::jwtExchange_data()
{
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description"); // substring, case-insensitive
    const QString token = QStringLiteral("invalid_token");
    const QString client = QStringLiteral("invalid_client");
    const QString scope = QStringLiteral("invalid_scope");
    QTest::newRow("success") << QString() << 200 << QString() << QString();
    QTest::newRow("exp in ms (PDF SDK bug) still accepted")
        << QStringLiteral("exp-ms") << 200 << QString() << QString();
    QTest::newRow("unknown client") << QStringLiteral("unknown-client") << 400 << client
                                    << QStringLiteral("invalid client_id parameter");
    QTest::newRow("wrong secret") << QStringLiteral("wrong-secret") << 401 << client
                                  << QStringLiteral("invalid client_secret parameter");
    QTest::newRow("two parts") << QStringLiteral("two-parts") << 400 << token << MalformedJwt;
    QTest::newRow("missing token") << QStringLiteral("no-token") << 400 << token << MalformedJwt;
    QTest::newRow("not base64") << QStringLiteral("not-base64") << 400 << token << MalformedJwt;
    QTest::newRow("payload not JSON") << QStringLiteral("not-json") << 400 << token << MalformedJwt;
    QTest::newRow("exp date string") << QStringLiteral("exp-string") << 400 << token << MalformedJwt;
    QTest::newRow("exp fraction") << QStringLiteral("exp-fraction") << 400 << token << MalformedJwt;
    QTest::newRow("exp missing") << QStringLiteral("exp-missing") << 400 << token << MalformedJwt;
    QTest::newRow("alg none") << QStringLiteral("alg-none") << 400 << token << QStringLiteral("RS256");
    QTest::newRow("alg HS256") << QStringLiteral("alg-hs256") << 400 << token << QStringLiteral("RS256");
    QTest::newRow("aud production IMS")
        << QStringLiteral("aud-prod") << 400 << client << QStringLiteral("aud");
    QTest::newRow("aud other client")
        << QStringLiteral("aud-other") << 400 << client << QStringLiteral("aud");
    QTest::newRow("expired") << QStringLiteral("expired") << 400 << token << QStringLiteral("expired");
    QTest::newRow("exp now (no skew)")
        << QStringLiteral("exp-now") << 400 << token << QStringLiteral("expired");
    QTest::newRow("unregistered key") << QStringLiteral("foreign-key") << 400 << token << NoBinding;
    QTest::newRow("tampered payload") << QStringLiteral("tampered") << 400 << token << NoBinding;
    QTest::newRow("wrong iss") << QStringLiteral("wrong-iss") << 400 << token << NoBinding;
    QTest::newRow("wrong sub (email)") << QStringLiteral("wrong-sub") << 400 << token << NoBinding;
    QTest::newRow("no metascope") << QStringLiteral("no-metascope") << 400 << scope << NotSubset;
    QTest::newRow("foreign metascope") << QStringLiteral("foreign-metascope") << 400 << scope << NotSubset;
    QTest::newRow("metascope of production IMS")
        << QStringLiteral("prod-metascope") << 400 << scope << NotSubset;
    QTest::newRow("metascope false") << QStringLiteral("metascope-false") << 400 << scope << NotSubset;
}

void TestSimulator::jwtExchange()
{
    QFETCH(QString, mutation);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, description);
    Simulator &sim = *m_jwtSim;
    const QString base = sim.imsUrl().toString(QUrl::StripTrailingSlash);
    const QString metascope = base + QStringLiteral("/s/ent_brand_portal_sdk");
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    QJsonObject header = rs256Header();
    QJsonObject claims = jwtClaims(sim);
    QString clientId = sim.jwtClientId();
    QString secret = sim.jwtClientSecretForTests();
    QByteArray key = m_jwtKey;

    if (mutation == QLatin1String("exp-ms"))
        claims.insert(QStringLiteral("exp"), (now + 300) * 1000);
    else if (mutation == QLatin1String("unknown-client"))
        clientId = QStringLiteral("ffffffffffffffffffffffffffffffff");
    else if (mutation == QLatin1String("wrong-secret"))
        secret = QUuid::createUuid().toString(QUuid::WithoutBraces);
    else if (mutation == QLatin1String("exp-string"))
        claims.insert(QStringLiteral("exp"), QStringLiteral("2099-01-01T00:00:00Z"));
    else if (mutation == QLatin1String("exp-fraction"))
        claims.insert(QStringLiteral("exp"), double(now + 300) + 0.5);
    else if (mutation == QLatin1String("exp-missing"))
        claims.remove(QStringLiteral("exp"));
    else if (mutation == QLatin1String("alg-none"))
        header.insert(QStringLiteral("alg"), QStringLiteral("none"));
    else if (mutation == QLatin1String("alg-hs256"))
        header.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
    else if (mutation == QLatin1String("aud-prod"))
        claims.insert(QStringLiteral("aud"),
                      QString(QStringLiteral("https://ims-na1.adobelogin.com/c/") + clientId));
    else if (mutation == QLatin1String("aud-other"))
        claims.insert(QStringLiteral("aud"), QString(base + QStringLiteral("/c/") + sim.imsClientId()));
    else if (mutation == QLatin1String("expired"))
        claims.insert(QStringLiteral("exp"), now - 10);
    else if (mutation == QLatin1String("exp-now"))
        claims.insert(QStringLiteral("exp"), now);
    else if (mutation == QLatin1String("foreign-key"))
        key = m_foreign.privateKeyPem;
    else if (mutation == QLatin1String("wrong-iss"))
        claims.insert(QStringLiteral("iss"), QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg"));
    else if (mutation == QLatin1String("wrong-sub"))
        claims.insert(QStringLiteral("sub"),
                      QStringLiteral("00000000-1111-2222-3333-444444444444@techacct.adobe.com"));
    else if (mutation == QLatin1String("no-metascope"))
        claims.remove(metascope);
    else if (mutation == QLatin1String("foreign-metascope"))
        claims.insert(base + QStringLiteral("/s/ent_user_sdk"), true);
    else if (mutation == QLatin1String("prod-metascope"))
        claims.insert(QStringLiteral("https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk"), true);
    else if (mutation == QLatin1String("metascope-false"))
        claims.insert(metascope, false);

    QByteArray jwt = makeJwt(header, claims, key);
    if (mutation == QLatin1String("alg-none"))
        jwt = b64urlJson(header) + '.' + b64urlJson(claims) + '.';
    else if (mutation == QLatin1String("two-parts"))
        jwt = jwt.left(jwt.lastIndexOf('.'));
    else if (mutation == QLatin1String("no-token"))
        jwt.clear();
    else if (mutation == QLatin1String("not-base64"))
        jwt = "!!!." + jwt.mid(jwt.indexOf('.') + 1);
    else if (mutation == QLatin1String("not-json"))
        jwt = b64urlJson(header) + '.' + b64url("exp=1") + '.' + b64url(signRs256(key, "x"));
    else if (mutation == QLatin1String("tampered")) {
        // Signed with the right key, then the payload is swapped: the signature no longer matches.
        QJsonObject changed = claims;
        changed.insert(QStringLiteral("exp"), now + 3600);
        const QList<QByteArray> parts = jwt.split('.');
        jwt = parts.at(0) + '.' + b64urlJson(changed) + '.' + parts.at(2);
    }

    Client client;
    const Answer a = exchange(client, sim, clientId, secret, jwt);
    if (status == 200)
        checkJwtSuccess(a, sim.jwtClientId());
    else
        checkImsError(a, status, error, description);
    QCOMPARE(sim.writeRequestCount(), 0);
}

void TestSimulator::jwtMultipartAndTrailingSlash()
{
    Simulator &sim = *m_jwtSim;
    Client client;
    const QByteArray jwt = makeJwt(rs256Header(), jwtClaims(sim), m_jwtKey);

    // What Adobe's Node clients send: multipart/form-data, to the path with a trailing slash.
    const QByteArray boundary = "----bpsetupBoundary7MA4YWxkTrZu0gW";
    QByteArray body;
    const QList<QPair<QByteArray, QByteArray>> parts = {
        {"client_id", sim.jwtClientId().toLatin1()},
        {"client_secret", sim.jwtClientSecretForTests().toLatin1()},
        {"jwt_token", jwt}};
    for (const auto &p : parts)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.first + "\"\r\n\r\n" +
                p.second + "\r\n";
    body += "--" + boundary + "--\r\n";
    const Answer multipart = client.send(
        "POST", at(sim.imsUrl(), QStringLiteral("/ims/exchange/jwt/")),
        {{QByteArrayLiteral("Content-Type"), QByteArray("multipart/form-data; boundary=" + boundary)}}, body);
    checkJwtSuccess(multipart, sim.jwtClientId());

    // The documented encoding on the slash-less path; GET is not an exchange.
    checkJwtSuccess(exchange(client, sim, jwt), sim.jwtClientId());
    QCOMPARE(client.get(at(sim.imsUrl(), QStringLiteral("/ims/exchange/jwt")), {}).status, 405);
}

void TestSimulator::registerCertificate()
{
    // A fresh simulator that never generated its own key: the only binding is the one registered below.
    Simulator sim(beforeConversion());
    QVERIFY(sim.start().ok());
    Client client;
    const QByteArray jwt = makeJwt(rs256Header(), jwtClaims(sim), m_foreign.privateKeyPem);
    checkImsError(exchange(client, sim, jwt), 400, QStringLiteral("invalid_token"), NoBinding);

    QVERIFY(sim.registerCertificate(sim.jwtClientId(), m_foreign.certificate.pem).ok());
    QVERIFY(sim.registerCertificate(sim.jwtClientId(), m_foreign.certificate.pem).ok()); // idempotent
    checkJwtSuccess(exchange(client, sim, jwt), sim.jwtClientId());

    // Refusals: unknown client, an OAuth S2S client (no certificates there), not a certificate, a private
    // key.
    const Result<bool> unknown = sim.registerCertificate(QStringLiteral("nope"), m_foreign.certificate.pem);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::InvalidInput);
    QCOMPARE(sim.registerCertificate(sim.imsClientId(), m_foreign.certificate.pem).error().code,
             ErrorCode::InvalidInput);
    QCOMPARE(sim.registerCertificate(sim.jwtClientId(), QByteArrayLiteral("garbage")).error().code,
             ErrorCode::InvalidInput);
    const Result<bool> keyInstead = sim.registerCertificate(sim.jwtClientId(), m_foreign.privateKeyPem);
    QVERIFY(!keyInstead.ok());
    QVERIFY(!keyInstead.error().userMessage.contains(QLatin1String("PRIVATE KEY")));
}

void TestSimulator::registerCertificateOverHttp()
{
    Simulator sim(beforeConversion());
    QVERIFY(sim.start().ok());
    Client client;
    const HeaderList pemType = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-pem-file")}};
    const QString path = QStringLiteral("/sim/console/credentials/%1/certificates");

    const Answer created = client.send("POST", at(sim.imsUrl(), path.arg(sim.jwtClientId())), pemType,
                                       m_foreign.certificate.pem);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value(QStringLiteral("clientId")).toString(), sim.jwtClientId());
    QCOMPARE(created.json().value(QStringLiteral("sha256")).toString(), m_foreign.certificate.sha256);
    QCOMPARE(m_foreign.certificate.sha256.size(), 64);
    checkJwtSuccess(exchange(client, sim, makeJwt(rs256Header(), jwtClaims(sim), m_foreign.privateKeyPem)),
                    sim.jwtClientId());

    const Answer unknown = client.send("POST", at(sim.imsUrl(), path.arg(QStringLiteral("nope"))), pemType,
                                       m_foreign.certificate.pem);
    QCOMPARE(unknown.status, 404);
    QVERIFY(!unknown.json().value(QStringLiteral("error")).toString().isEmpty());
    const Answer bad = client.send("POST", at(sim.imsUrl(), path.arg(sim.jwtClientId())), pemType,
                                   QByteArrayLiteral("nope"));
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.header("Content-Type"), QByteArrayLiteral("application/json;charset=utf-8"));
    QVERIFY(!bad.json().value(QStringLiteral("error_description")).toString().isEmpty());
    QCOMPARE(
        client.send("POST", at(sim.imsUrl(), path.arg(sim.imsClientId())), pemType, m_foreign.certificate.pem)
            .status,
        400);
    // IMS listener only: the AEM side knows nothing of it.
    const Answer aem = client.send("POST", at(sim.aemUrl(), path.arg(sim.jwtClientId())), AdminAuth + pemType,
                                   m_foreign.certificate.pem);
    QVERIFY(!aem.json().contains(QStringLiteral("sha256")));
}

void TestSimulator::faultIms5xx()
{
    for (const int failures : {2, 1}) {
        SimulatorOptions o;
        o.faults = {SimFault::ImsServerError};
        if (failures != 2)
            o.imsFailuresBeforeSuccess = failures;
        else
            QCOMPARE(o.imsFailuresBeforeSuccess, 2); // the default
        Simulator sim(beforeConversion(o));
        QVERIFY(sim.start().ok());
        Client client;
        // Discovery is not a token endpoint and does not use up the failures.
        QCOMPARE(
            client.get(at(sim.imsUrl(), QStringLiteral("/ims/.well-known/openid-configuration")), {}).status,
            200);
        const QList<QPair<QString, QString>> fields{
            {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
            {QStringLiteral("client_id"), sim.imsClientId()},
            {QStringLiteral("client_secret"), sim.clientSecretsForTests().at(0)}};
        for (int i = 0; i < failures; ++i) {
            const Answer a = tokenRequest(client, sim, QStringLiteral("/ims/token/v3"), fields);
            QCOMPARE(a.status, 503);
            QCOMPARE(a.header("Content-Type"), QByteArrayLiteral("application/json;charset=utf-8"));
            QCOMPARE(a.json().value(QStringLiteral("error")).toString(), QStringLiteral("server_error"));
            QVERIFY(!a.json().value(QStringLiteral("error_description")).toString().isEmpty());
        }
        QCOMPARE(tokenRequest(client, sim, QStringLiteral("/ims/token/v3"), fields).status, 200);
        QCOMPARE(tokenRequest(client, sim, QStringLiteral("/ims/token/v2"), fields).status, 200);
    }
    // The JWT exchange counts as a token endpoint too.
    SimulatorOptions o;
    o.faults = {SimFault::ImsServerError};
    o.imsFailuresBeforeSuccess = 1;
    Simulator sim(beforeConversion(o));
    QVERIFY(sim.start().ok());
    const Result<QByteArray> key = sim.jwtPrivateKeyPem();
    QVERIFY(key.ok());
    Client client;
    const QByteArray jwt = makeJwt(rs256Header(), jwtClaims(sim), key.value());
    QCOMPARE(exchange(client, sim, jwt).status, 503);
    checkJwtSuccess(exchange(client, sim, jwt), sim.jwtClientId());
}

// Since 2026-03-01 (and by default): the JWT credential is converted, so a correctly signed exchange fails
// as IMS answers a migrated credential, while its OAuth Server-to-Server twin still gets tokens.
void TestSimulator::jwtExchangeFailsAfterConversion()
{
    Simulator sim(SimulatorOptions{});
    QVERIFY(sim.options().jwtConverted);
    QVERIFY(sim.start().ok());
    const Result<QByteArray> key = sim.jwtPrivateKeyPem();
    QVERIFY(key.ok());
    Client client;
    const QByteArray jwt = makeJwt(rs256Header(), jwtClaims(sim), key.value());
    const Answer a = exchange(client, sim, jwt);
    QCOMPARE(a.status, 500);
    QCOMPARE(a.json().value(QStringLiteral("error")).toString(), QStringLiteral("internal_error"));
    QVERIFY(!a.json().contains(QStringLiteral("access_token")));
    const Answer oauth = tokenRequest(client, sim, QStringLiteral("/ims/token/v3"),
                                      {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                       {QStringLiteral("client_id"), sim.imsClientId()},
                                       {QStringLiteral("client_secret"), sim.clientSecretsForTests().at(0)}});
    QCOMPARE(oauth.status, 200);
}

void TestSimulator::faultImsHtml()
{
    SimulatorOptions o;
    o.faults = {SimFault::ImsHtml};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const Answer token = tokenRequest(client, sim, QStringLiteral("/ims/token/v3"),
                                      {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                       {QStringLiteral("client_id"), sim.imsClientId()},
                                       {QStringLiteral("client_secret"), sim.clientSecretsForTests().at(0)}});
    const Answer discovery =
        client.get(at(sim.imsUrl(), QStringLiteral("/ims/.well-known/openid-configuration")), {});
    const Answer jwt = exchange(client, sim, QByteArrayLiteral("a.b.c"));
    for (const Answer &a : {token, discovery, jwt}) {
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("Content-Type").startsWith("text/html"));
        QVERIFY(a.body.contains("<form"));
        QVERIFY(a.body.contains("type=\"password\""));
    }
    // The simulator's own control endpoint still works, so tests can set up the scenario.
    QCOMPARE(client
                 .send("POST",
                       at(sim.imsUrl(),
                          QStringLiteral("/sim/console/credentials/%1/certificates").arg(sim.jwtClientId())),
                       {}, m_foreign.certificate.pem)
                 .status,
             201);
    // AEM is unaffected.
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/system/console/productinfo"))).status, 200);
}

void TestSimulator::faultImsHang()
{
    SimulatorOptions o;
    o.faults = {SimFault::ImsHang};
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    QNetworkRequest request(at(sim.imsUrl(), QStringLiteral("/ims/token/v3")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(300);
    QNetworkReply *reply = client.nam().post(request, QByteArrayLiteral("grant_type=client_credentials"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(sim.requestCount(), 1, 5000);
    QCOMPARE(sim.requests().first().status, 0);
    QVERIFY(finished.wait(5000)); // only the client's own timeout ends it
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    QVERIFY(reply->error() == QNetworkReply::OperationCanceledError ||
            reply->error() == QNetworkReply::TimeoutError);
    reply->deleteLater();
    QCOMPARE(client.get(at(sim.aemUrl(), QStringLiteral("/system/console/productinfo"))).status, 200);
    sim.stop();
}

void TestSimulator::writeCredentialFiles()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(QStringLiteral("out/nested"));

    Simulator notStarted(SimulatorOptions{});
    QCOMPARE(notStarted.writeCredentialFiles(dir).error().code, ErrorCode::InvalidInput);

    Simulator sim(beforeConversion(optionsFor(QStringLiteral("6.5.22.0"), SimState::None)));
    QVERIFY(sim.start().ok());
    // A leftover, world-readable private.key must not keep its mode.
    QVERIFY(QDir().mkpath(dir));
    {
        QFile old(QDir(dir).filePath(QStringLiteral("private.key")));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther |
                                   QFileDevice::ReadGroup));
    }
    const Result<QStringList> written = sim.writeCredentialFiles(dir);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().detail));
    QStringList names;
    for (const QString &path : written.value()) {
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 0);
        names << QFileInfo(path).fileName();
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("certificate_pub.crt"), QStringLiteral("jwt-credential.json"),
                                 QStringLiteral("jwt-payload.json"), QStringLiteral("jwt-project.json"),
                                 QStringLiteral("oauth-s2s-credential.json"),
                                 QStringLiteral("oauth-s2s-project.json"), QStringLiteral("private.key")}));
    const QDir out(dir);
    QCOMPARE(fileMode(out.filePath(QStringLiteral("private.key"))), 0600);
    for (const char *secretFile :
         {"oauth-s2s-project.json", "oauth-s2s-credential.json", "jwt-project.json", "jwt-credential.json"})
        QCOMPARE(fileMode(out.filePath(QString::fromLatin1(secretFile))) & 077, 0);
    const QByteArray key = readFile(out.filePath(QStringLiteral("private.key")));
    QVERIFY(key.startsWith("-----BEGIN PRIVATE KEY-----")); // PKCS#8
    QCOMPARE(key, sim.jwtPrivateKeyPem().value());
    const QByteArray certificate = readFile(out.filePath(QStringLiteral("certificate_pub.crt")));
    QVERIFY(certificate.startsWith("-----BEGIN CERTIFICATE-----"));
    QCOMPARE(certificate, sim.jwtCertificatePem().value());

    // 4.1 project download, OAuth S2S.
    const QJsonObject s2sProject = readJsonFile(out.filePath(QStringLiteral("oauth-s2s-project.json")))
                                       .value(QStringLiteral("project"))
                                       .toObject();
    const QJsonObject org = s2sProject.value(QStringLiteral("org")).toObject();
    QCOMPARE(org.value(QStringLiteral("ims_org_id")).toString(), sim.imsOrgId());
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9]+$"))
                .match(org.value(QStringLiteral("id")).toString())
                .hasMatch());
    const QJsonArray s2sCredentials = s2sProject.value(QStringLiteral("workspace"))
                                          .toObject()
                                          .value(QStringLiteral("details"))
                                          .toObject()
                                          .value(QStringLiteral("credentials"))
                                          .toArray();
    QCOMPARE(s2sCredentials.size(), 1);
    QCOMPARE(s2sCredentials.at(0).toObject().value(QStringLiteral("integration_type")).toString(),
             QStringLiteral("oauth_server_to_server"));
    const QJsonObject s2s =
        s2sCredentials.at(0).toObject().value(QStringLiteral("oauth_server_to_server")).toObject();
    for (const char *k :
         {"client_id", "client_secrets", "technical_account_email", "technical_account_id", "scopes"})
        QVERIFY2(s2s.contains(QLatin1String(k)), k);
    QCOMPARE(s2s.value(QStringLiteral("client_id")).toString(), sim.imsClientId());
    QCOMPARE(s2s.value(QStringLiteral("client_secrets")).toArray().size(), 2);
    QVERIFY(s2s.value(QStringLiteral("technical_account_email"))
                .toString()
                .endsWith(QLatin1String("@techacct.adobe.com")));

    // 4.2 flat download, OAuth S2S.
    const QJsonObject s2sFlat = readJsonFile(out.filePath(QStringLiteral("oauth-s2s-credential.json")));
    for (const char *k : {"ORG_ID", "CLIENT_ID", "CLIENT_SECRETS", "SCOPES", "TECHNICAL_ACCOUNT_ID",
                          "TECHNICAL_ACCOUNT_EMAIL"})
        QVERIFY2(s2sFlat.contains(QLatin1String(k)), k);
    QCOMPARE(s2sFlat.value(QStringLiteral("CLIENT_SECRETS")).toArray(),
             s2s.value(QStringLiteral("client_secrets")).toArray());

    // The simulated IMS accepts what the files say, with either secret.
    Client client;
    QStringList scopes;
    for (const QJsonValue &v : s2sFlat.value(QStringLiteral("SCOPES")).toArray())
        scopes << v.toString();
    for (const QJsonValue &secret : s2sFlat.value(QStringLiteral("CLIENT_SECRETS")).toArray()) {
        const Answer a = tokenRequest(
            client, sim, QStringLiteral("/ims/token/v3"),
            {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
             {QStringLiteral("client_id"), s2sFlat.value(QStringLiteral("CLIENT_ID")).toString()},
             {QStringLiteral("client_secret"), secret.toString()},
             {QStringLiteral("scope"), scopes.join(QLatin1Char(','))}});
        QCOMPARE(a.status, 200);
    }

    // 4.1 project download, JWT.
    const QJsonObject jwtProject = readJsonFile(out.filePath(QStringLiteral("jwt-project.json")))
                                       .value(QStringLiteral("project"))
                                       .toObject();
    QCOMPARE(
        jwtProject.value(QStringLiteral("org")).toObject().value(QStringLiteral("ims_org_id")).toString(),
        sim.imsOrgId());
    const QJsonObject jwtCredential = jwtProject.value(QStringLiteral("workspace"))
                                          .toObject()
                                          .value(QStringLiteral("details"))
                                          .toObject()
                                          .value(QStringLiteral("credentials"))
                                          .toArray()
                                          .at(0)
                                          .toObject();
    QCOMPARE(jwtCredential.value(QStringLiteral("integration_type")).toString(), QStringLiteral("service"));
    const QJsonObject jwtBlock = jwtCredential.value(QStringLiteral("jwt")).toObject();
    for (const char *k :
         {"client_id", "client_secret", "technical_account_email", "technical_account_id", "meta_scopes"})
        QVERIFY2(jwtBlock.contains(QLatin1String(k)), k);
    QCOMPARE(jwtBlock.value(QStringLiteral("meta_scopes")).toArray(),
             QJsonArray{QStringLiteral("ent_brand_portal_sdk")});
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{24}@techacct\\.adobe\\.com$"))
                .match(jwtBlock.value(QStringLiteral("technical_account_id")).toString())
                .hasMatch());
    QVERIFY(!QUuid::fromString(jwtBlock.value(QStringLiteral("client_secret")).toString()).isNull());

    // 4.2 flat download, JWT.
    const QJsonObject jwtFlat = readJsonFile(out.filePath(QStringLiteral("jwt-credential.json")));
    for (const char *k : {"API_KEY", "CLIENT_SECRET", "ORG_ID", "TECHNICAL_ACCOUNT_ID",
                          "TECHNICAL_ACCOUNT_EMAIL", "PUBLIC_KEYS_WITH_EXPIRY"})
        QVERIFY2(jwtFlat.contains(QLatin1String(k)), k);
    QCOMPARE(jwtFlat.value(QStringLiteral("API_KEY")).toString(), sim.jwtClientId());
    const QJsonObject expiry = jwtFlat.value(QStringLiteral("PUBLIC_KEYS_WITH_EXPIRY")).toObject();
    QCOMPARE(expiry.size(), 1);
    const Result<SimCertificate> parsed = SimCrypto::parseCertificate(certificate);
    QVERIFY(parsed.ok());
    QCOMPARE(expiry.keys().first(), parsed.value().sha1);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{40}$")).match(expiry.keys().first()).hasMatch());
    const QDate expires = QDate::fromString(expiry.begin().value().toString(), QStringLiteral("MM/dd/yyyy"));
    QVERIFY(expires.isValid());
    QVERIFY(expires > QDate::currentDate().addDays(300)); // console pairs last a year

    // 4.4 payload, and the exchange with a JWT signed by the written private.key.
    const QJsonObject payload = readJsonFile(out.filePath(QStringLiteral("jwt-payload.json")));
    for (const char *k : {"exp", "iss", "sub", "aud"})
        QVERIFY2(payload.contains(QLatin1String(k)), k);
    QVERIFY(payload.value(QStringLiteral("exp")).toInteger() > QDateTime::currentSecsSinceEpoch());
    QCOMPARE(payload.value(QString(sim.imsUrl().toString(QUrl::StripTrailingSlash) +
                                   QStringLiteral("/s/ent_brand_portal_sdk"))),
             QJsonValue(true));
    checkJwtSuccess(exchange(client, sim, jwtFlat.value(QStringLiteral("API_KEY")).toString(),
                             jwtFlat.value(QStringLiteral("CLIENT_SECRET")).toString(),
                             makeJwt(rs256Header(), payload, key)),
                    sim.jwtClientId());
    QJsonObject shortLived = payload;
    shortLived.insert(QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 300);
    checkJwtSuccess(exchange(client, sim, jwtBlock.value(QStringLiteral("client_id")).toString(),
                             jwtBlock.value(QStringLiteral("client_secret")).toString(),
                             makeJwt(rs256Header(), shortLived, key)),
                    sim.jwtClientId());

    // Writing again replaces the files but keeps the same key pair.
    const Result<QStringList> again = sim.writeCredentialFiles(dir);
    QVERIFY(again.ok());
    QCOMPARE(readFile(out.filePath(QStringLiteral("private.key"))), key);
}

void TestSimulator::simulateCommandCredentials()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString certFile = tmp.filePath(QStringLiteral("extra.crt"));
    {
        QFile f(certFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_foreign.certificate.pem);
    }
    const QString jwtClient = m_jwtSim->jwtClientId(); // same default tenant, same deterministic client id
    const QString outDir = tmp.filePath(QStringLiteral("creds"));

    QProcess process;
    process.start(qEnvironmentVariable("BPSETUP_EXE"),
                  {QStringLiteral("simulate"), QStringLiteral("--json"),
                   QStringLiteral("--jwt-before-conversion"), QStringLiteral("--credentials-out"), outDir,
                   QStringLiteral("--register-certificate"), jwtClient + QLatin1Char('=') + certFile});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QJsonObject info = QJsonDocument::fromJson(process.readLine()).object();
    QCOMPARE(info.value(QStringLiteral("jwtClientId")).toString(), jwtClient);
    const QJsonArray files = info.value(QStringLiteral("credentialFiles")).toArray();
    QCOMPARE(files.size(), 7);
    for (const QJsonValue &f : files)
        QVERIFY2(QFileInfo::exists(f.toString()), qPrintable(f.toString()));
    QCOMPARE(fileMode(QDir(outDir).filePath(QStringLiteral("private.key"))), 0600);

    // The registered certificate's key is accepted by the running simulator's IMS.
    const QUrl ims(info.value(QStringLiteral("imsUrl")).toString());
    const QString base = ims.toString(QUrl::StripTrailingSlash);
    const QJsonObject flat = readJsonFile(QDir(outDir).filePath(QStringLiteral("jwt-credential.json")));
    const QJsonObject claims{{QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 300},
                             {QStringLiteral("iss"), flat.value(QStringLiteral("ORG_ID"))},
                             {QStringLiteral("sub"), flat.value(QStringLiteral("TECHNICAL_ACCOUNT_ID"))},
                             {QStringLiteral("aud"), QString(base + QStringLiteral("/c/") + jwtClient)},
                             {QString(base + QStringLiteral("/s/ent_brand_portal_sdk")), true}};
    Client client;
    const Answer a = client.send(
        "POST", at(ims, QStringLiteral("/ims/exchange/jwt")), FormUrlEncoded,
        formBody({{QStringLiteral("client_id"), jwtClient},
                  {QStringLiteral("client_secret"), flat.value(QStringLiteral("CLIENT_SECRET")).toString()},
                  {QStringLiteral("jwt_token"),
                   QString::fromLatin1(makeJwt(rs256Header(), claims, m_foreign.privateKeyPem))}}));
    checkJwtSuccess(a, jwtClient);

    ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    // Secrets never reach the terminal output.
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY(!output.contains(flat.value(QStringLiteral("CLIENT_SECRET")).toString().toLatin1()));
    QVERIFY(!output.contains("PRIVATE KEY"));

    // Bad --register-certificate values are usage errors.
    const QStringList badSpecs{QStringLiteral("no-equals"), jwtClient + QStringLiteral("=/nonexistent/x.crt"),
                               QStringLiteral("unknownclient=") + certFile};
    for (const QString &spec : badSpecs) {
        const auto r =
            test::runBpsetup({QStringLiteral("simulate"), QStringLiteral("--register-certificate"), spec});
        BP_COMPARE_EXIT(r, 2);
        QVERIFY(!r.err.isEmpty());
    }
}

void TestSimulator::snapshotDiffersBetweenStates()
{
    QList<QJsonObject> snapshots;
    for (const QString &name : Simulator::knownStates()) {
        const Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), Simulator::parseState(name).value()));
        const Simulator again(optionsFor(QStringLiteral("6.5.22.0"), Simulator::parseState(name).value()));
        QCOMPARE(sim.snapshot(), again.snapshot()); // reproducible
        for (const QJsonObject &other : std::as_const(snapshots))
            QVERIFY2(sim.snapshot() != other, qPrintable(name));
        snapshots.append(sim.snapshot());
    }
    // The snapshot carries config file contents as text.
    const Simulator oauth(optionsFor(QStringLiteral("6.5.22.0"), SimState::OAuthS2S));
    const QString text = QString::fromUtf8(QJsonDocument(oauth.snapshot()).toJson());
    QVERIFY(text.contains(QLatin1String("auth.token.provider.authorization.grants")));
}

void TestSimulator::rejectsInvalidOptions()
{
    for (const QString &version :
         {QStringLiteral("6.4.8"), QStringLiteral("7.0"), QStringLiteral("6.5.x.y"), QStringLiteral("6.5.22"),
          QStringLiteral("6.6.3.0"), QStringLiteral("Cloud "), QString()}) {
        Simulator sim(optionsFor(version, SimState::None));
        const Result<bool> r = sim.start();
        QVERIFY2(!r.ok(), qPrintable(version));
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY(r.error().userMessage.contains(QLatin1String("6.5.22.0")));
        QVERIFY(sim.aemUrl().isEmpty());
    }
    for (const QString &version : Simulator::exampleVersions()) {
        Simulator sim(optionsFor(version, SimState::None));
        QVERIFY2(sim.start().ok(), qPrintable(version));
    }
    SimulatorOptions badTenant;
    badTenant.tenant = QStringLiteral("Not A Host");
    QCOMPARE(Simulator(badTenant).start().error().code, ErrorCode::InvalidInput);
}

void TestSimulator::parseNames()
{
    for (const QString &name : Simulator::knownStates()) {
        const Result<SimState> s = Simulator::parseState(name);
        QVERIFY(s.ok());
        QCOMPARE(Simulator::stateName(s.value()), name);
    }
    QCOMPARE(Simulator::parseState(QStringLiteral("oauth")).error().code, ErrorCode::InvalidInput);
    QVERIFY(Simulator::parseState(QStringLiteral("oauth"))
                .error()
                .userMessage.contains(QLatin1String("oauth-s2s")));
    QCOMPARE(Simulator::knownFaults().size(), 23);
    for (const QString &name : Simulator::knownFaults())
        QVERIFY(Simulator::parseFault(name).ok());
    QCOMPARE(Simulator::parseFault(QStringLiteral("not-aem")).value(), SimFault::NotAem);
    QCOMPARE(Simulator::parseFault(QStringLiteral("ims-5xx")).value(), SimFault::ImsServerError);
    QCOMPARE(Simulator::parseFault(QStringLiteral("IMS-HTML")).value(), SimFault::ImsHtml);
    QCOMPARE(Simulator::parseFault(QStringLiteral("ims-hang")).value(), SimFault::ImsHang);
    QCOMPARE(Simulator::parseFault(QStringLiteral("distribution-test-fails")).value(),
             SimFault::DistributionTestFails);
    QCOMPARE(Simulator::parseFault(QStringLiteral("blocked-queue")).value(), SimFault::BlockedQueue);
    QCOMPARE(Simulator::parseFault(QStringLiteral("slow")).error().code, ErrorCode::InvalidInput);
    QCOMPARE(Simulator::exampleVersions().size(), 7);
}

void TestSimulator::portInUse()
{
    Simulator first(SimulatorOptions{});
    QVERIFY(first.start().ok());
    SimulatorOptions o;
    o.port = static_cast<quint16>(first.aemUrl().port());
    Simulator second(o);
    const Result<bool> r = second.start();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Network);
    first.stop();
    QVERIFY(first.aemUrl().isEmpty());
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
