// SPDX-License-Identifier: Apache-2.0
// Exercises the built-in simulator over real HTTP(S) on 127.0.0.1 with QNetworkAccessManager, the same way
// the detector and the wizard talk to it.
#include "sim/Simulator.h"

#include <QElapsedTimer>
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
#include <QtTest>

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

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private slots:
    void versionsAndStates_data();
    void versionsAndStates();
    void slingJsonShape();
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
    void snapshotDiffersBetweenStates();
    void rejectsInvalidOptions();
    void parseNames();
    void portInUse();
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
    const bool devConsole = state == SimState::DevConsoleJwt || state == SimState::OAuthS2S;
    const bool touchConfig = devConsole || state == SimState::Broken;

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
        if (state == SimState::Broken) {
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
    QCOMPARE(client.send("POST", target, withToken, QByteArrayLiteral("a=b")).status, 405);
    QCOMPARE(client.send("DELETE", target, withToken).status, 405);
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

void TestSimulator::latencyIsConcurrent()
{
    SimulatorOptions o;
    o.latencyMs = 100;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    QElapsedTimer timer;
    timer.start();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 10; ++i)
        replies.append(client.start("GET", at(sim.aemUrl(), QStringLiteral("/etc.json")), AdminAuth));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
        5000);
    const qint64 elapsed = timer.elapsed();
    for (QNetworkReply *r : std::as_const(replies)) {
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        r->deleteLater();
    }
    QVERIFY2(elapsed >= 100, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 600, qPrintable(QString::number(elapsed)));
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
    // The JWT exchange is not simulated (yet).
    QCOMPARE(
        client
            .send("POST", at(sim.imsUrl(), QStringLiteral("/ims/exchange/jwt")), {}, QByteArrayLiteral("a=b"))
            .status,
        404);
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
    QCOMPARE(Simulator::knownFaults().size(), 4);
    for (const QString &name : Simulator::knownFaults())
        QVERIFY(Simulator::parseFault(name).ok());
    QCOMPARE(Simulator::parseFault(QStringLiteral("not-aem")).value(), SimFault::NotAem);
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
