// SPDX-License-Identifier: Apache-2.0
// The simulated author's write endpoints (Felix configMgr, Crypto Support, ...), over real HTTP on 127.0.0.1.
#include "sim/SimRepository.h"
#include "sim/Simulator.h"
#include "sim/SimUsers.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

using namespace bp;
using namespace bp::sim;

namespace {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Answer
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

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

// A client that never follows redirects (the tests look at the 302 itself).
class Client
{
public:
    Client() { m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); }

    Answer send(const QByteArray &verb, const QUrl &url, const HeaderList &headers = {},
                const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        a.finished = finished.wait(20000);
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return a;
    }

    Answer get(const QUrl &url, const HeaderList &headers = AdminAuth) { return send("GET", url, headers); }

    // A form POST with a CSRF token fetched first, as AEM's own UIs and bpsetup do.
    Answer postForm(const QUrl &base, const QString &path, const QByteArray &form)
    {
        if (m_token.isEmpty())
            m_token = get(base.resolved(QUrl(QStringLiteral("/libs/granite/csrf/token.json"))))
                          .json()
                          .value(QStringLiteral("token"))
                          .toString()
                          .toLatin1();
        HeaderList headers = AdminAuth;
        headers.append({QByteArrayLiteral("CSRF-Token"), m_token});
        headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
        QUrl url = base;
        url.setPath(path, QUrl::TolerantMode);
        return send("POST", url, headers, form);
    }

private:
    QNetworkAccessManager m_nam;
    QByteArray m_token;
};

SimulatorOptions optionsFor(const QString &version, SimState state)
{
    SimulatorOptions o;
    o.aemVersion = version;
    o.state = state;
    o.tenant = QStringLiteral("acme");
    return o;
}

QJsonObject configFolder(const Simulator &sim)
{
    return sim.snapshot()
        .value(QStringLiteral("apps"))
        .toObject()
        .value(QStringLiteral("system"))
        .toObject()
        .value(QStringLiteral("config"))
        .toObject();
}

QString configText(const Simulator &sim, const QString &fileName)
{
    return configFolder(sim)
        .value(fileName)
        .toObject()
        .value(QStringLiteral("jcr:content"))
        .toObject()
        .value(QStringLiteral("jcr:data"))
        .toString();
}

const QByteArray ProviderFactory = QByteArrayLiteral("com.adobe.granite.auth.oauth.accesstoken.provider");

} // namespace

class TestSimWrites : public QObject
{
    Q_OBJECT
private slots:
    void configMgr();
    void configMgrNotOnCloud();
    void configAdminList_data();
    void configAdminList();
    void configAdminConsoleOnly();
    void cryptoSupport();
    void slingPost();
    void slingPostMultipart();
    void cloudConfigCreatesAgents();
    void agentTestAndQueue();
    void failSteps();
    void failStepsCli();
};

void TestSimWrites::configMgr()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QJsonObject before = configFolder(sim);

    // Factory create: the temporary PID, percent-encoded, becomes <factoryPid>.<uuid>.
    const QString temporary = QStringLiteral("/system/console/configMgr/") +
                              QString::fromLatin1(QUrl::toPercentEncoding(
                                  QStringLiteral("[Temporary PID replaced by real PID upon save]")));
    const QByteArray create =
        "apply=true&action=ajaxConfigManager&factoryPid=" + ProviderFactory +
        "&name=Brand+Portal&auth.token.provider.scope=a%2Cb"
        "&auth.token.provider.reuse.access.token=true"
        "&$action=act&claims=x&claims=y"
        "&propertylist=name,auth.token.provider.scope,auth.token.provider.reuse.access.token,"
        "action,claims";
    const Answer created = client.postForm(sim.aemUrl(), temporary, create);
    QCOMPARE(created.status, 302);
    const QString location = QString::fromLatin1(created.header("Location"));
    const QRegularExpression pidPattern(QStringLiteral("^/system/console/configMgr/") +
                                        QRegularExpression::escape(QString::fromLatin1(ProviderFactory)) +
                                        QStringLiteral("\\.[0-9a-f-]{36}$"));
    QVERIFY2(pidPattern.match(location).hasMatch(), qPrintable(location));
    const QString pid = location.mid(QStringLiteral("/system/console/configMgr/").size());
    const QString file = pid + QStringLiteral(".config");
    QCOMPARE(configFolder(sim).size(), before.size() + 1);
    QCOMPARE(configText(sim, file), QStringLiteral("name=\"Brand Portal\"\n"
                                                   "auth.token.provider.scope=\"a,b\"\n"
                                                   "auth.token.provider.reuse.access.token=B\"true\"\n"
                                                   "action=\"act\"\n"
                                                   "claims=[\"x\",\"y\"]\n"));

    // Readable over Sling like any .config file.
    const Answer read =
        client.get(sim.aemUrl().resolved(QUrl(QStringLiteral("/apps/system/config/") + file)));
    QCOMPARE(read.status, 200);
    QVERIFY(read.body.startsWith("name=\"Brand Portal\""));

    // Update: exactly the listed properties remain.
    const Answer updated = client.postForm(sim.aemUrl(), location,
                                           "apply=true&action=ajaxConfigManager&name=Other"
                                           "&auth.token.provider.reuse.access.token=false&propertylist=name,"
                                           "auth.token.provider.reuse.access.token");
    QCOMPARE(updated.status, 302);
    QCOMPARE(QString::fromLatin1(updated.header("Location")), location);
    QCOMPARE(configText(sim, file),
             QStringLiteral("name=\"Other\"\nauth.token.provider.reuse.access.token=B\"false\"\n"));

    // No propertylist: 400, nothing changes.
    const QJsonObject beforeBad = sim.snapshot();
    QCOMPARE(client.postForm(sim.aemUrl(), location, "apply=true&name=x").status, 400);
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/a%3Cb"),
                           "apply=true&name=x&propertylist=name")
                 .status,
             400);
    QCOMPARE(sim.snapshot(), beforeBad);

    // An existing config in the dash form is found by its PID in the dot form and rewritten in place.
    const QString logPid = QStringLiteral("org.apache.sling.commons.log.LogManager.factory.config.bp");
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/") + logPid,
                           "apply=true&org.apache.sling.commons.log.level=debug&propertylist="
                           "org.apache.sling.commons.log.level")
                 .status,
             302);
    QCOMPARE(
        configText(sim, QStringLiteral("org.apache.sling.commons.log.LogManager.factory.config-bp.config")),
        QStringLiteral("org.apache.sling.commons.log.level=\"debug\"\n"));

    // Delete.
    const Answer deleted = client.postForm(sim.aemUrl(), location, "apply=true&delete=true");
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json().value(QStringLiteral("status")).toBool(), true);
    QVERIFY(!configFolder(sim).contains(file));
    QCOMPARE(configFolder(sim).size(), before.size());
}

void TestSimWrites::configMgrNotOnCloud()
{
    SimulatorOptions o = optionsFor(QStringLiteral("cloud"), SimState::None);
    o.failSteps = {QStringLiteral("ims-provider"), QStringLiteral("crypto")}; // no endpoint, nothing to fail
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const QJsonObject before = sim.snapshot();
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/a.b"),
                           "apply=true&x=1&propertylist=x")
                 .status,
             404);
    QCOMPARE(client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"), "datum=x").status,
             404);
    QCOMPARE(
        client
            .postForm(sim.aemUrl(),
                      QStringLiteral(
                          "/system/console/configMgr/com.adobe.granite.auth.oauth.accesstoken.provider.x"),
                      "apply=true&x=1&propertylist=x")
            .status,
        404);
    // Package Manager writes are not simulated.
    QCOMPARE(client.postForm(sim.aemUrl(), QStringLiteral("/crx/packmgr/service.jsp"), "cmd=ls").status, 405);
    QCOMPARE(sim.snapshot(), before);
}

// GET configMgr/<pid or filter>.json lists what Configuration Admin holds, as Felix's ConfigManager.doGet.
void TestSimWrites::configAdminList_data()
{
    QTest::addColumn<QString>("selector");  // the last path segment (without .json)
    QTest::addColumn<QString>("pidFilter"); // the query parameter ("" none)
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    const QString providers =
        QStringLiteral("(service.factoryPid=") + QString::fromLatin1(ProviderFactory) + QLatin1Char(')');
    QTest::newRow("factory filter") << providers << "" << QStringList() << 200 << 1;
    // With a pidFilter the selector stays a PID and both must match (Felix ANDs them).
    QTest::newRow("filter as parameter, PID too") << "x" << providers << QStringList() << 200 << 0;
    QTest::newRow("customizer factory")
        << "(service.factoryPid=com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl)"
        << "" << QStringList() << 200 << 1;
    QTest::newRow("singleton by PID") << "org.apache.http.proxyconfigurator"
                                      << "" << QStringList{QStringLiteral("aem-proxy")} << 200 << 1;
    QTest::newRow("unknown PID") << "no.such.pid"
                                 << "" << QStringList() << 200 << 0;
    QTest::newRow("two providers") << providers << "" << QStringList{QStringLiteral("two-ims-configs")} << 200
                                   << 2;
    QTest::newRow("installer skipped the file")
        << providers << "" << QStringList{QStringLiteral("inactive-ims-config")} << 200 << 0;
    QTest::newRow("console only") << providers << "" << QStringList{QStringLiteral("console-only-ims-config")}
                                  << 200 << 1;
    QTest::newRow("'&' refused (isAllowedPid)") << "(&(a=b)(c=d))"
                                                << "" << QStringList() << 400 << -1;
}

void TestSimWrites::configAdminList()
{
    QFETCH(QString, selector);
    QFETCH(QString, pidFilter);
    QFETCH(QStringList, faults);
    QFETCH(int, status);
    QFETCH(int, count);
    SimulatorOptions o = optionsFor(QStringLiteral("6.5.22.0"), SimState::OAuthS2S);
    for (const QString &f : faults)
        o.faults << Simulator::parseFault(f).value();
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    QUrl url = sim.aemUrl();
    url.setPath(QStringLiteral("/system/console/configMgr/") + selector + QStringLiteral(".json"));
    if (!pidFilter.isEmpty())
        url.setQuery(QStringLiteral("pidFilter=") + QString::fromLatin1(QUrl::toPercentEncoding(pidFilter)));
    const Answer a = Client().get(url);
    QCOMPARE(a.status, status);
    if (count < 0)
        return;
    const QJsonArray list = QJsonDocument::fromJson(a.body).array();
    QCOMPARE(list.size(), count);
    for (const QJsonValue &v : list) {
        const QJsonObject c = v.toObject();
        QVERIFY(!c.value(QStringLiteral("pid")).toString().isEmpty());
        const QJsonObject props = c.value(QStringLiteral("properties")).toObject();
        QVERIFY(!props.isEmpty());
        for (const QJsonValue &p : props)
            QVERIFY(p.toObject().value(QStringLiteral("is_set")).toBool());
    }
    QCOMPARE(sim.writeRequestCount(), 0);
}

// A console-only configuration is used by AEM (agents test), saved back to the repository on update, and
// gone on delete.
void TestSimWrites::configAdminConsoleOnly()
{
    SimulatorOptions o = optionsFor(QStringLiteral("6.5.22.0"), SimState::OAuthS2S);
    o.faults << SimFault::ConsoleOnlyImsConfig;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    for (const QString &name : configFolder(sim).keys())
        QVERIFY2(!name.startsWith(QString::fromLatin1(ProviderFactory)), qPrintable(name));
    const Answer test = client.get(
        sim.aemUrl().resolved(QUrl(QStringLiteral("/etc/replication/agents.author/bp_acme_0.test.html"))));
    QVERIFY2(test.body.contains("Replication test succeeded"), test.body.constData());
    QUrl url = sim.aemUrl();
    url.setPath(QStringLiteral("/system/console/configMgr/(service.factoryPid=") +
                QString::fromLatin1(ProviderFactory) + QStringLiteral(").json"));
    const QJsonArray list = QJsonDocument::fromJson(client.get(url).body).array();
    QCOMPARE(list.size(), 1);
    const QString pid = list.first().toObject().value(QStringLiteral("pid")).toString();

    // Saved from the console: written back under /apps/system/config, listed once.
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/") + pid,
                           "apply=true&name=Brand+Portal&propertylist=name")
                 .status,
             302);
    QVERIFY(configFolder(sim).contains(pid + QStringLiteral(".config")));
    QCOMPARE(QJsonDocument::fromJson(client.get(url).body).array().size(), 1);

    // Deleted: gone from both.
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/") + pid,
                           "apply=true&delete=true")
                 .status,
             200);
    QVERIFY(!configFolder(sim).contains(pid + QStringLiteral(".config")));
    QCOMPARE(QJsonDocument::fromJson(client.get(url).body).array().size(), 0);
}

void TestSimWrites::cryptoSupport()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QJsonObject before = sim.snapshot();
    const Answer a = client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"),
                                     "datum=p8e-secret%2Bvalue");
    QCOMPARE(a.status, 200);
    QVERIFY(a.header("Content-Type").startsWith("application/json"));
    const QString protectedValue = a.json().value(QStringLiteral("protected")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\{[0-9a-f]{64,}\\}$")).match(protectedValue).hasMatch(),
             qPrintable(protectedValue));
    QVERIFY(!protectedValue.contains(QLatin1String("secret")));
    bool ok = false;
    QCOMPARE(sim.unprotect(protectedValue, &ok), QStringLiteral("p8e-secret+value"));
    QVERIFY(ok);
    // The same datum protects differently every time (random IV) and still round-trips.
    const QString again = client
                              .postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"),
                                        "datum=p8e-secret%2Bvalue")
                              .json()
                              .value(QStringLiteral("protected"))
                              .toString();
    QVERIFY(again != protectedValue);
    QCOMPARE(sim.unprotect(again, &ok), QStringLiteral("p8e-secret+value"));
    // Damaged or foreign values do not unprotect.
    sim.unprotect(QStringLiteral("{00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00}"),
                  &ok);
    QVERIFY(!ok);
    sim.unprotect(QStringLiteral("plain"), &ok);
    QVERIFY(!ok);
    QCOMPARE(client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"), "other=1").status,
             400);
    // Crypto Support stores nothing.
    QCOMPARE(sim.snapshot(), before);
    QCOMPARE(sim.writeRequestCount(), 3);
}

namespace {

QJsonObject nodeAt(const Simulator &sim, const QString &path)
{
    QJsonObject current = sim.snapshot();
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &p : parts) {
        if (!current.contains(p))
            return {};
        current = current.value(p).toObject();
    }
    return current;
}

} // namespace

void TestSimWrites::slingPost()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QString path = QStringLiteral("/conf/test/node");
    QVERIFY(nodeAt(sim, path).isEmpty());

    const Answer created = client.postForm(sim.aemUrl(), path,
                                           "jcr:primaryType=cq:Page&jcr:title=Hello&_charset_=utf-8"
                                           "&tags=a&tags=b&jcr:content/jcr:primaryType=cq:PageContent"
                                           "&jcr:content/title=Inner&./plain=x");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), QByteArrayLiteral("/conf/test/node"));
    QVERIFY(created.header("Content-Type").startsWith("text/html"));
    QVERIFY(created.body.contains("<div id=\"Status\">201</div>"));
    QVERIFY(created.body.contains("Content created /conf/test/node"));
    QJsonObject node = nodeAt(sim, path);
    QCOMPARE(node.value(QStringLiteral("jcr:primaryType")).toString(), QStringLiteral("cq:Page"));
    QCOMPARE(node.value(QStringLiteral("jcr:title")).toString(), QStringLiteral("Hello"));
    QCOMPARE(node.value(QStringLiteral("plain")).toString(), QStringLiteral("x"));
    QVERIFY(!node.contains(QStringLiteral("_charset_")));
    QCOMPARE(node.value(QStringLiteral("tags")).toArray(),
             QJsonArray({QStringLiteral("a"), QStringLiteral("b")}));
    const QJsonObject inner = node.value(QStringLiteral("jcr:content")).toObject();
    QCOMPARE(inner.value(QStringLiteral("jcr:primaryType")).toString(), QStringLiteral("cq:PageContent"));
    QCOMPARE(inner.value(QStringLiteral("title")).toString(), QStringLiteral("Inner"));
    QCOMPARE(nodeAt(sim, QStringLiteral("/conf/test")).value(QStringLiteral("jcr:primaryType")).toString(),
             QStringLiteral("nt:unstructured"));

    // Modify: 200, no Location; @Delete removes; the type of an existing node stays.
    const Answer modified =
        client.postForm(sim.aemUrl(), path, "jcr:title=Changed&plain@Delete=&jcr:primaryType=nt:folder");
    QCOMPARE(modified.status, 200);
    QVERIFY(modified.header("Location").isEmpty());
    QVERIFY(modified.body.contains("Content modified /conf/test/node"));
    node = nodeAt(sim, path);
    QCOMPARE(node.value(QStringLiteral("jcr:title")).toString(), QStringLiteral("Changed"));
    QVERIFY(!node.contains(QStringLiteral("plain")));
    QCOMPARE(node.value(QStringLiteral("jcr:primaryType")).toString(), QStringLiteral("cq:Page"));

    // Readable over Sling JSON afterwards.
    const Answer json = client.get(sim.aemUrl().resolved(QUrl(path + QStringLiteral(".json"))));
    QCOMPARE(json.status, 200);
    QCOMPARE(json.json().value(QStringLiteral("jcr:title")).toString(), QStringLiteral("Changed"));

    // Dot segments are refused.
    const QJsonObject beforeDots = sim.snapshot();
    QCOMPARE(client.postForm(sim.aemUrl(), path, "../escaped=1").status, 400);
    QCOMPARE(client.postForm(sim.aemUrl(), path, "a/../b=1").status, 400);
    QCOMPARE(sim.snapshot(), beforeDots);

    // Delete, then delete again: 404.
    QCOMPARE(client.postForm(sim.aemUrl(), path, ":operation=delete").status, 200);
    QVERIFY(nodeAt(sim, path).isEmpty());
    QCOMPARE(client.postForm(sim.aemUrl(), path, ":operation=delete").status, 404);
    QCOMPARE(sim.writeRequestCount(), 6);
}

void TestSimWrites::slingPostMultipart()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QByteArray token =
        client.get(sim.aemUrl().resolved(QUrl(QStringLiteral("/libs/granite/csrf/token.json"))))
            .json()
            .value(QStringLiteral("token"))
            .toString()
            .toLatin1();
    const QByteArray boundary = QByteArrayLiteral("----bpsetupBoundary42");
    const QByteArray body = "--" + boundary +
                            "\r\nContent-Disposition: form-data; name=\"*\"; filename=\"a.config\"\r\n"
                            "Content-Type: text/plain\r\n\r\nkey=\"v\"\n\r\n--" +
                            boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--" +
                            boundary + "--\r\n";
    HeaderList headers = AdminAuth;
    headers.append({QByteArrayLiteral("CSRF-Token"), token});
    headers.append({QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + boundary});
    const QUrl url = sim.aemUrl().resolved(QUrl(QStringLiteral("/apps/system/config")));
    QCOMPARE(client.send("POST", url, headers, body).status, 200);
    const QJsonObject file = nodeAt(sim, QStringLiteral("/apps/system/config/a.config"));
    QCOMPARE(file.value(QStringLiteral("jcr:primaryType")).toString(), QStringLiteral("nt:file"));
    QCOMPARE(
        file.value(QStringLiteral("jcr:content")).toObject().value(QStringLiteral("jcr:data")).toString(),
        QStringLiteral("key=\"v\"\n"));
    QCOMPARE(nodeAt(sim, QStringLiteral("/apps/system/config")).value(QStringLiteral("note")).toString(),
             QStringLiteral("hi"));
    // Replacing the upload keeps one file with the new content.
    QByteArray second = body;
    second.replace("key=\"v\"", "key=\"w\"");
    QCOMPARE(client.send("POST", url, headers, second).status, 200);
    QCOMPARE(client.get(sim.aemUrl().resolved(QUrl(QStringLiteral("/apps/system/config/a.config")))).body,
             QByteArrayLiteral("key=\"w\"\n"));
}

void TestSimWrites::cloudConfigCreatesAgents()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QString agentsPath = QStringLiteral("/etc/replication/agents.author");
    const int agentsBefore = nodeAt(sim, agentsPath).size();
    const QString content = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/acme/jcr:content");

    // tenantURL alone is not a finished configuration.
    QCOMPARE(
        client.postForm(sim.aemUrl(), content, "tenantURL=https%3A%2F%2Facme.brand-portal.adobe.com").status,
        201);
    QCOMPARE(nodeAt(sim, agentsPath).size(), agentsBefore);

    QCOMPARE(client.postForm(sim.aemUrl(), content, "imsConfig=" + ProviderFactory + ".x").status, 200);
    const QJsonObject agents = nodeAt(sim, agentsPath);
    QCOMPARE(agents.size(), agentsBefore + 4);
    for (int i = 0; i < 4; ++i) {
        const QJsonObject agent = agents.value(QStringLiteral("bp_acme_") + QString::number(i))
                                      .toObject()
                                      .value(QStringLiteral("jcr:content"))
                                      .toObject();
        QVERIFY(agent.value(QStringLiteral("transportUri"))
                    .toString()
                    .startsWith(QLatin1String("https://acme.brand-portal.adobe.com/bin/receive")));
        QCOMPARE(agent.value(QStringLiteral("enabled")).toString(), QStringLiteral("true"));
    }
    // Saving again creates none.
    QCOMPARE(client.postForm(sim.aemUrl(), content, "jcr:title=Brand+Portal").status, 200);
    QCOMPARE(nodeAt(sim, agentsPath).size(), agentsBefore + 4);

    // A tenant that already has agents (dev-console state) gets no more.
    Simulator configured(optionsFor(QStringLiteral("6.5.22.0"), SimState::OAuthS2S));
    QVERIFY(configured.start().ok());
    Client other;
    const int configuredAgents = nodeAt(configured, agentsPath).size();
    QCOMPARE(other.postForm(configured.aemUrl(), content, "jcr:title=Again").status, 200);
    QCOMPARE(nodeAt(configured, agentsPath).size(), configuredAgents);
}

namespace {

QString testResult(Client &client, const Simulator &sim, const QString &agent)
{
    const Answer a = client.get(sim.aemUrl().resolved(
        QUrl(QStringLiteral("/etc/replication/agents.author/") + agent + QStringLiteral(".test.html"))));
    if (a.status != 200)
        return QStringLiteral("status %1").arg(a.status);
    const QRegularExpression re(QStringLiteral("Replication test (succeeded|failed: [^<]*)"));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(a.body));
    return m.hasMatch() ? m.captured(0) : QString::fromUtf8(a.body);
}

} // namespace

void TestSimWrites::agentTestAndQueue()
{
    Simulator sim(optionsFor(QStringLiteral("6.5.22.0"), SimState::None));
    QVERIFY(sim.start().ok());
    Client client;
    const QString tempPid = QStringLiteral("/system/console/configMgr/") +
                            QString::fromLatin1(QUrl::toPercentEncoding(
                                QStringLiteral("[Temporary PID replaced by real PID upon save]")));
    const QByteArray clientId = sim.imsClientId().toLatin1();
    const QByteArray secret = QUrl::toPercentEncoding(sim.clientSecretsForTests().at(1));

    // Provider (written with the dash form of its PID in imsConfig below: separators do not matter).
    const Answer provider = client.postForm(
        sim.aemUrl(), tempPid,
        "apply=true&action=ajaxConfigManager&factoryPid=" + ProviderFactory +
            "&name=Brand+Portal"
            "&auth.token.provider.client.id=" +
            clientId +
            "&auth.token.provider.authorization.grants=client_credentials&auth.token.provider.scope=openid"
            "&auth.access.token.request=https%3A%2F%2Fims-na1.adobelogin.com%2Fims%2Ftoken%2Fv3"
            "&auth.token.provider.reuse.access.token=true&token.request.customizer.type=bp-test"
            "&propertylist=name,auth.token.provider.client.id,auth.token.provider.authorization.grants,"
            "auth.token.provider.scope,auth.access.token.request,auth.token.provider.reuse.access.token,"
            "token.request.customizer.type");
    QCOMPARE(provider.status, 302);
    QString providerPid = QString::fromLatin1(provider.header("Location")).section(QLatin1Char('/'), -1);
    providerPid.replace(ProviderFactory.size(), 1, QLatin1Char('-'));

    // Cloud config first: the agents appear, but the test fails until the customizer exists.
    QCOMPARE(client
                 .postForm(sim.aemUrl(),
                           QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/acme/jcr:content"),
                           "jcr:primaryType=cq:PageContent&tenantURL=https%3A%2F%2Facme.brand-portal.adobe."
                           "com&imsConfig=" +
                               providerPid.toLatin1())
                 .status,
             201);
    const QString agent = QStringLiteral("bp_acme_0");
    QVERIFY2(testResult(client, sim, agent)
                 .startsWith(QLatin1String("Replication test failed: no access token request customizer")),
             qPrintable(testResult(client, sim, agent)));

    // A customizer with a plain wrong secret: IMS rejects it.
    const Answer wrong = client.postForm(
        sim.aemUrl(), tempPid,
        "apply=true&factoryPid=com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl"
        "&customizer.type=bp-test&auth.ims.client.secret=nope"
        "&propertylist=customizer.type,auth.ims.client.secret");
    QCOMPARE(wrong.status, 302);
    QCOMPARE(testResult(client, sim, agent),
             QStringLiteral("Replication test failed: IMS rejected the client credentials (invalid_client)"));

    // The right secret, protected through Crypto Support: success.
    const QByteArray protectedSecret =
        client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"), "datum=" + secret)
            .json()
            .value(QStringLiteral("protected"))
            .toString()
            .toLatin1();
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QString::fromLatin1(wrong.header("Location")),
                           "apply=true&customizer.type=bp-test&auth.ims.client.secret=" +
                               QUrl::toPercentEncoding(QString::fromLatin1(protectedSecret)) +
                               "&propertylist=customizer.type,auth.ims.client.secret")
                 .status,
             302);
    QCOMPARE(testResult(client, sim, agent), QStringLiteral("Replication test succeeded"));
    const Answer posted = client.postForm(
        sim.aemUrl(),
        QStringLiteral("/etc/replication/agents.author/") + agent + QStringLiteral(".test.html"), "");
    QCOMPARE(posted.status, 200);
    QVERIFY(posted.body.contains("Replication test succeeded"));

    // Disabled agent; agent without a Brand Portal transport; unknown agent.
    QCOMPARE(client
                 .postForm(sim.aemUrl(),
                           QStringLiteral("/etc/replication/agents.author/bp_acme_1/jcr:content"),
                           "enabled=false")
                 .status,
             200);
    QCOMPARE(testResult(client, sim, QStringLiteral("bp_acme_1")),
             QStringLiteral("Replication test failed: agent bp_acme_1 is disabled"));
    QVERIFY(testResult(client, sim, QStringLiteral("publish"))
                .startsWith(QLatin1String("Replication test failed: ")));
    QCOMPARE(testResult(client, sim, QStringLiteral("nope")), QStringLiteral("status 404"));

    // The provider without the client_credentials grant fails again.
    QCOMPARE(client
                 .postForm(sim.aemUrl(), QStringLiteral("/system/console/configMgr/") + providerPid,
                           "apply=true&auth.token.provider.client.id=" + clientId +
                               "&propertylist=auth.token.provider.client.id")
                 .status,
             302);
    QVERIFY(testResult(client, sim, agent).contains(QLatin1String("client_credentials")));

    // Queue.
    const Answer queue = client.get(sim.aemUrl().resolved(QUrl(
        QStringLiteral("/etc/replication/agents.author/bp_acme_0/jcr:content.queue.json?agent=bp_acme_0"))));
    QCOMPARE(queue.status, 200);
    QCOMPARE(
        queue.body,
        QByteArrayLiteral("{\"metaData\":{\"queueStatus\":{\"agentName\":\"bp_acme_0\",\"isBlocked\":false,"
                          "\"isPaused\":false,\"nextRetryPeriod\":0,\"processingSince\":0,"
                          "\"lastProcessTime\":0}},\"queue\":[]}"));
}

void TestSimWrites::failSteps()
{
    QCOMPARE(
        Simulator::knownFailSteps(),
        QStringList({QStringLiteral("ims-provider"), QStringLiteral("ims-customizer"),
                     QStringLiteral("crypto"), QStringLiteral("cloud-config"), QStringLiteral("agents"),
                     QStringLiteral("agent-update"), QStringLiteral("agent-test"), QStringLiteral("hotfix"),
                     QStringLiteral("delete-agent"), QStringLiteral("delete-cloud-service"),
                     QStringLiteral("delete-user"), QStringLiteral("remove-key-alias")}));
    SimulatorOptions bad = optionsFor(QStringLiteral("6.5.22.0"), SimState::None);
    bad.failSteps = {QStringLiteral("nope")};
    Simulator invalid(bad);
    QVERIFY(!invalid.start().ok());

    SimulatorOptions o = optionsFor(QStringLiteral("6.5.22.0"), SimState::None);
    o.failSteps = Simulator::knownFailSteps();
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    Client client;
    const QString tempPid = QStringLiteral("/system/console/configMgr/") +
                            QString::fromLatin1(QUrl::toPercentEncoding(
                                QStringLiteral("[Temporary PID replaced by real PID upon save]")));
    const QByteArray provider = "apply=true&factoryPid=" + ProviderFactory + "&name=x&propertylist=name";
    const QByteArray customizer =
        "apply=true&factoryPid=com.adobe.granite.auth.ims.impl."
        "IMSAccessTokenRequestCustomizerImpl&customizer.type=t&propertylist=customizer.type";
    const QString cloud = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/acme/jcr:content");
    const QByteArray cloudForm =
        "tenantURL=https%3A%2F%2Facme.brand-portal.adobe.com&imsConfig=" + ProviderFactory + ".x";
    const QString agentsPath = QStringLiteral("/etc/replication/agents.author");
    const int agentsBefore = nodeAt(sim, agentsPath).size();

    const QJsonObject before = sim.snapshot();
    // Each fails once with 500 and changes nothing, then works.
    QCOMPARE(client.postForm(sim.aemUrl(), tempPid, provider).status, 500);
    QCOMPARE(client.postForm(sim.aemUrl(), tempPid, customizer).status, 500);
    QCOMPARE(client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"), "datum=x").status,
             500);
    QCOMPARE(client.postForm(sim.aemUrl(), cloud, cloudForm).status, 500);
    QCOMPARE(client.postForm(sim.aemUrl(), agentsPath + QStringLiteral("/publish/jcr:content"), "x=1").status,
             500);
    QCOMPARE(sim.snapshot(), before);
    QCOMPARE(client.postForm(sim.aemUrl(), tempPid, provider).status, 302);
    QCOMPARE(client.postForm(sim.aemUrl(), tempPid, customizer).status, 302);
    QCOMPARE(client.postForm(sim.aemUrl(), QStringLiteral("/system/console/crypto/.json"), "datum=x").status,
             200);
    // "agents": the first complete save creates none; the next one does.
    QCOMPARE(client.postForm(sim.aemUrl(), cloud, cloudForm).status, 201);
    QCOMPARE(nodeAt(sim, agentsPath).size(), agentsBefore);
    QCOMPARE(client.postForm(sim.aemUrl(), cloud, "jcr:title=Brand+Portal").status, 200);
    QCOMPARE(nodeAt(sim, agentsPath).size(), agentsBefore + 4);
    QCOMPARE(client.postForm(sim.aemUrl(), agentsPath + QStringLiteral("/publish/jcr:content"), "x=1").status,
             200);

    const QUrl test =
        sim.aemUrl().resolved(QUrl(QStringLiteral("/etc/replication/agents.author/bp_acme_0.test.html")));
    QCOMPARE(client.get(test).status, 500);
    QCOMPARE(client.get(test).status, 200);

    HeaderList headers = AdminAuth;
    const QByteArray token =
        client.get(sim.aemUrl().resolved(QUrl(QStringLiteral("/libs/granite/csrf/token.json"))))
            .json()
            .value(QStringLiteral("token"))
            .toString()
            .toLatin1();
    headers.append({QByteArrayLiteral("CSRF-Token"), token});
    // The upgrade's deletions: each fails once with 500, then works (DELETE of an agent, the legacy cloud
    // service's Sling delete, the user's deleteAuthorizable).
    const QUrl agent = sim.aemUrl().resolved(QUrl(agentsPath + QStringLiteral("/publish_reverse")));
    QCOMPARE(client.send("DELETE", agent, headers).status, 500);
    QVERIFY(!nodeAt(sim, agentsPath + QStringLiteral("/publish_reverse")).isEmpty());
    QCOMPARE(client.send("DELETE", agent, headers).status, 204);
    QVERIFY(nodeAt(sim, agentsPath + QStringLiteral("/publish_reverse")).isEmpty());
    QCOMPARE(client.send("DELETE", agent, headers).status, 404);
    const QString legacy = QStringLiteral("/etc/cloudservices/mediaportal/acme");
    QCOMPARE(client.postForm(sim.aemUrl(), legacy, ":operation=delete").status, 500);
    QCOMPARE(client.postForm(sim.aemUrl(), legacy, ":operation=delete").status, 404);
    // The JWT upgrade's keystore change: 500 once, then the keystore servlet's own answer (this state's
    // service user has no keystore, so no alias to remove: 400).
    const QString keystore = SimUsers::ServiceUserPath + QStringLiteral(".ks.html");
    QCOMPARE(client.postForm(sim.aemUrl(), keystore, "removeAlias=brandportal").status, 500);
    QCOMPARE(client.postForm(sim.aemUrl(), keystore, "removeAlias=brandportal").status, 400);
    QCOMPARE(client.postForm(sim.aemUrl(), SimUsers::ServiceUserPath, "deleteAuthorizable=").status, 500);
    QVERIFY(!nodeAt(sim, SimUsers::ServiceUserPath).isEmpty());
    QCOMPARE(client.postForm(sim.aemUrl(), SimUsers::ServiceUserPath, "deleteAuthorizable=").status, 200);
    QVERIFY(nodeAt(sim, SimUsers::ServiceUserPath).isEmpty());
    const QMap<QByteArray, int> counts = sim.writeCountsByMethod();
    QCOMPARE(counts.value("POST"), 17);
    QCOMPARE(counts.value("DELETE"), 3);
    QCOMPARE(sim.writeRequestCount(), 20);
    sim.clearRequestLog();
    QVERIFY(sim.writeCountsByMethod().isEmpty());
}

void TestSimWrites::failStepsCli()
{
    const QString exe = qEnvironmentVariable("BPSETUP_EXE");
    if (exe.isEmpty())
        QSKIP("BPSETUP_EXE not set");
    QProcess list;
    list.start(exe, {QStringLiteral("simulate"), QStringLiteral("--list-fail-steps")});
    QVERIFY(list.waitForFinished(30000));
    QCOMPARE(list.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             Simulator::knownFailSteps());
    QProcess bad;
    bad.start(exe, {QStringLiteral("simulate"), QStringLiteral("--fail-step"), QStringLiteral("nope")});
    QVERIFY(bad.waitForFinished(30000));
    QVERIFY(bad.exitCode() != 0);
    QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains(QLatin1String("nope")));
}

QTEST_GUILESS_MAIN(TestSimWrites)
#include "tst_sim_writes.moc"
