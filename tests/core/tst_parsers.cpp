// SPDX-License-Identifier: Apache-2.0
#include "aem/AemParsers.h"
#include "aem/DetectionRecipe.h"
#include "i18n/DisplayFormat.h"
#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "net/TrustStore.h"
#include "services/TrustedCertificates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

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
    void durations_data();
    void durations();
    void fingerprintDisplay_data();
    void fingerprintDisplay();
    void certificateTimeSaysTheZone_data();
    void certificateTimeSaysTheZone();
    void httpStatusText_data();
    void httpStatusText();
    void trustFingerprintSpec_data();
    void trustFingerprintSpec();
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

void TestParsers::durations_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0 seconds";
    QTest::newRow("negative is 0") << qint64(-5) << "0 seconds";
    QTest::newRow("one second") << qint64(1) << "1 second";
    QTest::newRow("under a minute") << qint64(59) << "59 seconds";
    QTest::newRow("one minute") << qint64(60) << "1 minute";
    QTest::newRow("89 s rounds down") << qint64(89) << "1 minute";
    QTest::newRow("90 s rounds up") << qint64(90) << "2 minutes";
    QTest::newRow("clock skew of 7 minutes") << qint64(420) << "7 minutes";
    QTest::newRow("59 min 29 s") << qint64(3569) << "59 minutes";
    QTest::newRow("59 min 30 s carries into the hour") << qint64(3570) << "1 hour";
    QTest::newRow("one hour") << qint64(3600) << "1 hour";
    QTest::newRow("hour and a half") << qint64(5400) << "1 hour 30 minutes";
    QTest::newRow("hour and one minute") << qint64(3660) << "1 hour 1 minute";
    QTest::newRow("IMS OAuth token (86399 s)") << qint64(86399) << "24 hours";
    QTest::newRow("a day exactly") << qint64(86400) << "24 hours";
    QTest::newRow("23 h 59 min") << qint64(86340) << "23 hours 59 minutes";
    QTest::newRow("just under 48 h") << qint64(48 * 3600 - 31) << "47 hours 59 minutes";
    QTest::newRow("48 h is days") << qint64(48 * 3600) << "2 days";
    QTest::newRow("days and hours") << qint64(54 * 3600) << "2 days 6 hours";
    QTest::newRow("days, hours rounded") << qint64(54 * 3600 + 1799) << "2 days 6 hours";
    QTest::newRow("hours round up into a day") << qint64(71 * 3600 + 1800) << "3 days";
    QTest::newRow("one day one hour is hours") << qint64(25 * 3600) << "25 hours";
    QTest::newRow("14 days") << qint64(14 * 86400) << "14 days";
}

void TestParsers::durations()
{
    QFETCH(qint64, seconds);
    QTEST(formatDuration(seconds), "text");
}

void TestParsers::fingerprintDisplay_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("display");
    const QString hex = QStringLiteral("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
    const QString shown = QStringLiteral(
        "0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9:0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9");
    QTest::newRow("pin form") << hex << shown;
    QTest::newRow("upper case") << hex.toUpper() << shown;
    QTest::newRow("already shown") << shown << shown;
    QTest::newRow("upper case with colons") << shown.toUpper() << shown;
    QTest::newRow("spaces") << QString(shown).replace(QLatin1Char(':'), QLatin1Char(' ')) << shown;
    QTest::newRow("empty") << QString() << QString();
}

void TestParsers::fingerprintDisplay()
{
    QFETCH(QString, input);
    QTEST(CertificateInfo::displayFingerprint(input), "display");
    // What is shown is accepted back (--trust-fingerprint, the trust store), as the pin.
    QFETCH(QString, display);
    if (!display.isEmpty())
        QCOMPARE(TrustStore::normaliseFingerprint(display), QString(display).remove(QLatin1Char(':')));
}

void TestParsers::certificateTimeSaysTheZone_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<QString>("text");
    QTest::newRow("UTC") << QDateTime(QDate(2027, 3, 1), QTime(12, 0), QTimeZone::utc())
                         << "2027-03-01 12:00 UTC";
    QTest::newRow("seconds dropped") << QDateTime(QDate(2027, 3, 1), QTime(12, 0, 59), QTimeZone::utc())
                                     << "2027-03-01 12:00 UTC";
    QTest::newRow("another zone is converted")
        << QDateTime(QDate(2027, 3, 1), QTime(13, 30), QTimeZone(3600)) << "2027-03-01 12:30 UTC";
    QTest::newRow("across midnight") << QDateTime(QDate(2027, 1, 1), QTime(1, 0), QTimeZone(2 * 3600))
                                     << "2026-12-31 23:00 UTC";
    QTest::newRow("invalid") << QDateTime() << "unknown";
}

void TestParsers::certificateTimeSaysTheZone()
{
    QFETCH(QDateTime, when);
    QTEST(CertificateInfo::displayTime(when), "text");
}

void TestParsers::httpStatusText_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("200") << 200 << "HTTP 200 OK";
    QTest::newRow("400") << 400 << "HTTP 400 Bad Request";
    QTest::newRow("401") << 401 << "HTTP 401 Unauthorized";
    QTest::newRow("403") << 403 << "HTTP 403 Forbidden";
    QTest::newRow("404") << 404 << "HTTP 404 Not Found";
    QTest::newRow("407") << 407 << "HTTP 407 Proxy Authentication Required";
    QTest::newRow("429") << 429 << "HTTP 429 Too Many Requests";
    QTest::newRow("500") << 500 << "HTTP 500 Internal Server Error";
    QTest::newRow("502") << 502 << "HTTP 502 Bad Gateway";
    QTest::newRow("503") << 503 << "HTTP 503 Service Unavailable";
    QTest::newRow("504") << 504 << "HTTP 504 Gateway Timeout";
    QTest::newRow("no standard phrase") << 599 << "HTTP 599";
    QTest::newRow("unused code") << 299 << "HTTP 299";
}

void TestParsers::httpStatusText()
{
    QFETCH(int, status);
    QTEST(bp::httpStatusText(status), "text");
}

void TestParsers::trustFingerprintSpec_data()
{
    const QString fp = QString(64, QLatin1Char('a'));
    const QString shown = CertificateInfo::displayFingerprint(fp);
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("primary");
    QTest::addColumn<QString>("key"); // empty: refused
    QTest::addColumn<QString>("errorId");
    QTest::newRow("bare: the command's server") << fp << "https://author.example.com"
                                                << "author.example.com:443"
                                                << "";
    QTest::newRow("bare, shown form, another port") << shown.toUpper() << "https://127.0.0.1:8443"
                                                    << "127.0.0.1:8443"
                                                    << "";
    QTest::newRow("bare for plain http") << fp << "http://127.0.0.1:4502"
                                         << ""
                                         << "fingerprint-plain-http";
    QTest::newRow("host and port") << QStringLiteral("ims-na1.adobelogin.com:443=") + shown
                                   << "https://author.example.com"
                                   << "ims-na1.adobelogin.com:443"
                                   << "";
    QTest::newRow("host only: port 443")
        << QStringLiteral("IMS-NA1.adobelogin.com=") + fp << "https://author.example.com"
        << "ims-na1.adobelogin.com:443"
        << "";
    QTest::newRow("host form for a plain http command")
        << QStringLiteral("127.0.0.1:4503=") + fp << "http://127.0.0.1:4502"
        << "127.0.0.1:4503"
        << "";
    QTest::newRow("what a failed run prints")
        << TrustedCertificates::pinSpec(QStringLiteral("127.0.0.1:4503"), fp) << "http://127.0.0.1:4502"
        << "127.0.0.1:4503"
        << "";
    QTest::newRow("not a fingerprint")
        << QStringLiteral("ims-na1.adobelogin.com=abc") << "https://author.example.com"
        << ""
        << "fingerprint-invalid";
    QTest::newRow("empty host") << QStringLiteral("=") + fp << "https://author.example.com"
                                << ""
                                << "fingerprint-host-invalid";
    QTest::newRow("a URL, not a host")
        << QStringLiteral("https://ims-na1.adobelogin.com=") + fp << "https://author.example.com"
        << ""
        << "fingerprint-host-invalid";
    QTest::newRow("a path") << QStringLiteral("ims-na1.adobelogin.com/ims=") + fp
                            << "https://author.example.com"
                            << ""
                            << "fingerprint-host-invalid";
}

void TestParsers::trustFingerprintSpec()
{
    QFETCH(QString, spec);
    QFETCH(QString, primary);
    QFETCH(QString, key);
    QFETCH(QString, errorId);
    const auto parsed = TrustedCertificates::parsePinSpec(spec, QUrl(primary));
    QCOMPARE(parsed.ok(), !key.isEmpty());
    if (parsed) {
        QCOMPARE(parsed.value().first, key);
        QCOMPARE(parsed.value().second, QString(64, QLatin1Char('a')));
    } else {
        QCOMPARE(parsed.error().id, errorId);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    }
}

QTEST_GUILESS_MAIN(TestParsers)
#include "tst_parsers.moc"
