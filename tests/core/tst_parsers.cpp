// SPDX-License-Identifier: Apache-2.0
#include "aem/AemParsers.h"
#include "aem/DetectionRecipe.h"
#include "net/NetworkSettings.h"
#include "net/TrustStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

class TestParsers : public QObject
{
    Q_OBJECT
private slots:
    void aemUrl_data();
    void aemUrl();
    void proxyUrl();
    void felixConfig();
    void packageList();
    void packageListRejectsOtherXml();
    void builtInRecipeVersionPatterns_data();
    void builtInRecipeVersionPatterns();
    void recipeValidation();
    void trustStoreRoundTrip();
    void trustStoreCorruptFileIsReported();
};

void TestParsers::aemUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalised");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("local") << "http://localhost:4502" << true << "http://localhost:4502"
                           << "";
    QTest::newRow("https trailing slash")
        << "https://author.example.com/" << true << "https://author.example.com"
        << "";
    QTest::newRow("whitespace") << "  https://author.example.com  " << true << "https://author.example.com"
                                << "";
    QTest::newRow("no scheme") << "author.example.com:4502" << false << ""
                               << "no scheme";
    QTest::newRow("path") << "https://author.example.com/aem/start.html" << false << "without a path"
                          << "";
    QTest::newRow("ftp") << "ftp://author.example.com" << false << ""
                         << "https://";
    QTest::newRow("userinfo") << "https://admin:admin@author.example.com" << false << ""
                              << "separate fields";
    QTest::newRow("query") << "https://author.example.com/?x=1" << false << ""
                           << "query";
    QTest::newRow("empty") << "" << false << ""
                           << "Enter the address";
}

void TestParsers::aemUrl()
{
    QFETCH(QString, input);
    QFETCH(bool, ok);
    QFETCH(QString, normalised);
    QFETCH(QString, messagePart);
    const auto r = parseAemUrl(input);
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(r.value().toString(), normalised);
    } else {
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        if (!messagePart.isEmpty())
            QVERIFY2(r.error().userMessage.contains(messagePart), qPrintable(r.error().userMessage));
        if (!normalised.isEmpty())
            QVERIFY2(r.error().userMessage.contains(normalised), qPrintable(r.error().userMessage));
    }
}

void TestParsers::proxyUrl()
{
    QVERIFY(parseProxyUrl(QStringLiteral("http://proxy.example.com:3128")).ok());
    QVERIFY(parseProxyUrl(QStringLiteral("proxy.example.com:3128")).ok());
    QVERIFY(parseProxyUrl(QStringLiteral("socks5://127.0.0.1:1080")).ok());
    QVERIFY(!parseProxyUrl(QStringLiteral("http://proxy.example.com")).ok());
    QVERIFY(!parseProxyUrl(QStringLiteral("ftp://proxy:21")).ok());
}

void TestParsers::felixConfig()
{
    const QByteArray text = "# comment\n"
                            "name=\"Brand Portal\"\n"
                            "auth.token.provider.scope=\"openid,AdobeID\"\n"
                            "auth.token.provider.default.claims=[\"\\\"iss\\\":\\\"ORG@AdobeOrg\\\"\","
                            "\"\\\"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk\\\":true\"]\n"
                            "auth.token.provider.reuse.access.token=B\"true\"\n"
                            "auth.token.provider.conn.timeout=I\"10000\"\n"
                            "\n";
    const auto values = parsers::parseFelixConfig(text);
    QCOMPARE(values.value(QStringLiteral("name")).toString(), QStringLiteral("Brand Portal"));
    QCOMPARE(values.value(QStringLiteral("auth.token.provider.scope")).toString(),
             QStringLiteral("openid,AdobeID"));
    const QStringList claims =
        values.value(QStringLiteral("auth.token.provider.default.claims")).toStringList();
    QCOMPARE(claims.size(), 2);
    QCOMPARE(claims.at(0), QStringLiteral("\"iss\":\"ORG@AdobeOrg\""));
    QVERIFY(claims.at(1).contains(QLatin1String("ent_brand_portal_sdk")));
    QCOMPARE(values.value(QStringLiteral("auth.token.provider.reuse.access.token")).toString(),
             QStringLiteral("true"));
    QCOMPARE(values.value(QStringLiteral("auth.token.provider.conn.timeout")).toString(),
             QStringLiteral("10000"));
}

void TestParsers::packageList()
{
    const QByteArray xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><crx version=\"1.4.1\" user=\"admin\" "
        "workspace=\"crx.default\"><request><param name=\"cmd\" value=\"ls\"/></request><response><data>"
        "<packages><package><group>adobe/cq650/servicepack</group><name>aem-service-pkg</name>"
        "<version>6.5.22.0</version></package><package><group>adobe/cq650/hotfix</group>"
        "<name>ims-jwt-compatibility-package-6.5</name><version>1.0</version></package></packages>"
        "</data><status code=\"200\">ok</status></response></crx>";
    const auto r = parsers::parsePackageList(xml);
    QVERIFY(r.ok());
    QCOMPARE(r.value().size(), 2);
    QCOMPARE(r.value().at(0).version, QStringLiteral("6.5.22.0"));
    QCOMPARE(r.value().at(1).name, QStringLiteral("ims-jwt-compatibility-package-6.5"));
}

void TestParsers::packageListRejectsOtherXml()
{
    QVERIFY(!parsers::parsePackageList("<html><body>login</body></html>").ok());
    QVERIFY(!parsers::parsePackageList("<crx><unclosed").ok());
    QVERIFY(!parsers::parsePackageList("").ok());
}

void TestParsers::builtInRecipeVersionPatterns_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("version");
    QTest::newRow("productinfo 6.5")
        << "felix-productinfo"
        << QByteArray("<h2>Installed Products</h2><ul><li>Adobe Experience Manager (6.5.21.0)</li></ul>")
        << "6.5.21.0";
    QTest::newRow("productinfo lts") << "felix-productinfo"
                                     << QByteArray("<li>Adobe Experience Manager (6.6.3)</li>") << "6.6.3";
    QTest::newRow("productinfo none")
        << "felix-productinfo" << QByteArray("<li>Adobe Granite (1.0)</li>") << "";
    QTest::newRow("about 6.5")
        << "touchui-about"
        << QByteArray("<div class=\"granite-about-version\">Adobe Experience Manager 6.5.17.0</div>")
        << "6.5.17.0";
    QTest::newRow("about cloud")
        << "touchui-about"
        << QByteArray("<div>Adobe Experience Manager 2025.11.23482.20251118T154426Z-251100</div>")
        << "2025.11.23482.20251118T154426Z-251100";
}

void TestParsers::builtInRecipeVersionPatterns()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, html);
    QFETCH(QString, version);
    const DetectionRecipe recipe = DetectionRecipe::builtIn();
    QVERIFY(recipe.versionSources.size() >= 2);
    const auto it = std::find_if(recipe.versionSources.begin(), recipe.versionSources.end(),
                                 [&](const VersionSource &s) { return s.id == source; });
    QVERIFY(it != recipe.versionSources.end());
    QCOMPARE(parsers::matchVersion(html, it->pattern), version);
}

void TestParsers::recipeValidation()
{
    QFile file(QStringLiteral(":/recipes/detect.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(DetectionRecipe::fromJson(json).ok());
    QJsonObject broken = json;
    broken.insert(QStringLiteral("cloudHostPattern"), QStringLiteral("(unclosed"));
    QVERIFY(!DetectionRecipe::fromJson(broken).ok());
    QJsonObject oneSource = json;
    oneSource.insert(QStringLiteral("versionSources"),
                     QJsonArray{json.value(QStringLiteral("versionSources")).toArray().first()});
    const auto r = DetectionRecipe::fromJson(oneSource);
    QVERIFY(!r.ok());
    QVERIFY(r.error().userMessage.contains(QLatin1String("two independent")));
}

void TestParsers::trustStoreRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pins.json"));
    TrustStore store(path);
    QVERIFY(store.load().ok()); // missing file = empty
    const QString upper = QStringLiteral("AB").repeated(32);
    store.pin(QStringLiteral("aem.example.com:443"), upper);
    QVERIFY(store.save().ok());
    TrustStore again(path);
    QVERIFY(again.load().ok());
    QCOMPARE(again.pinFor(QStringLiteral("aem.example.com:443")), upper.toLower());
}

void TestParsers::trustStoreCorruptFileIsReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pins.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{not json");
    f.close();
    TrustStore store(path);
    const auto r = store.load();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Parse);
    // Never destroyed: kept aside byte for byte before anything new is written.
    QVERIFY(!store.movedAsidePath().isEmpty());
    QFile kept(store.movedAsidePath());
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("{not json"));
}

QTEST_GUILESS_MAIN(TestParsers)
#include "tst_parsers.moc"
