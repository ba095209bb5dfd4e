// SPDX-License-Identifier: Apache-2.0
#include "setup/RouteSelector.h"
#include "setup/SetupActions.h"

#include <QTest>

using namespace bp;

class TestRouteSelector : public QObject
{
    Q_OBJECT
private slots:
    void versionParsing_data();
    void versionParsing();
    void versionOrdering();
    void everyRow_data();
    void everyRow();
    void jwtReasonDependsOnDate();
    void unreadableVersionIsNeverGuessed();
    void oauthSupportBoundaries_data();
    void oauthSupportBoundaries();
    void offeredActions_data();
    void offeredActions();
};

void TestRouteSelector::versionParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("deployment");
    QTest::newRow("6.5 SP22") << "6.5.22.0" << true << "6.5";
    QTest::newRow("6.5 GA short") << "6.5" << true << "6.5";
    QTest::newRow("LTS GA") << "6.6.0" << true << "6.5-lts";
    QTest::newRow("LTS SP3") << "6.6.3" << true << "6.5-lts";
    QTest::newRow("cloud keyword") << "cloud" << true << "cloud";
    QTest::newRow("cloud release") << "2025.11.23482.20251118T154426Z-251100" << true << "cloud";
    QTest::newRow("6.4") << "6.4.8.0" << true << "other";
    QTest::newRow("garbage") << "Adobe" << false << "unknown";
    QTest::newRow("empty") << "" << false << "unknown";
    QTest::newRow("6.2 CFP form") << "6.2.0.SP1-CFP20" << false << "unknown";
}

void TestRouteSelector::versionParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, deployment);
    const AemVersion v = AemVersion::parse(text);
    QCOMPARE(v.isValid(), valid);
    QCOMPARE(deploymentId(v.deployment()), deployment);
}

void TestRouteSelector::versionOrdering()
{
    QVERIFY(AemVersion::parse(QStringLiteral("6.5.3.0")) < AemVersion::parse(QStringLiteral("6.5.4.0")));
    QVERIFY(AemVersion::parse(QStringLiteral("6.5.10.0")) >= AemVersion::parse(QStringLiteral("6.5.4.0")));
    QVERIFY(AemVersion::parse(QStringLiteral("6.5.4")) == AemVersion::parse(QStringLiteral("6.5.4.0")));
    QVERIFY(AemVersion::parse(QStringLiteral("6.5.21.0")) >= AemVersion::parse(QStringLiteral("6.5.21.0")));
}

// One row per cell of the routing table, plus the edges around it.
void TestRouteSelector::everyRow_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("hotfix");
    QTest::addColumn<QString>("route");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reasonId");
    QTest::addColumn<int>("prerequisites");
    const int none = int(ConfigState::None), legacy = int(ConfigState::LegacyGateway),
              jwt = int(ConfigState::DevConsoleJwt), oauth = int(ConfigState::OAuthS2S),
              broken = int(ConfigState::Broken);
    const int cloudRow = int(RouteRow::CloudService), r65 = int(RouteRow::Aem65),
              lts = int(RouteRow::Aem65Lts);
    const int newCol = int(RouteColumn::NewConfiguration), upCol = int(RouteColumn::UpgradeConfiguration),
              noCol = -1;

    QTest::newRow("cloud new") << "cloud" << none << false << "activate-brand-portal" << cloudRow << newCol
                               << "cloud-activate" << 0;
    QTest::newRow("cloud configured") << "cloud" << oauth << false << "activate-brand-portal" << cloudRow
                                      << newCol << "cloud-already-configured" << 0;
    QTest::newRow("6.5.3.0 too old") << "6.5.3.0" << none << false << "unsupported" << r65 << noCol
                                     << "version-too-old" << 0;
    QTest::newRow("6.5.3.0 legacy too old")
        << "6.5.3.0" << legacy << false << "unsupported" << r65 << noCol << "version-too-old" << 0;
    QTest::newRow("6.5.4.0 new needs SP")
        << "6.5.4.0" << none << false << "create-configuration" << r65 << newCol << "create" << 1;
    QTest::newRow("6.5.4.0 legacy") << "6.5.4.0" << legacy << false << "upgrade-configuration" << r65 << upCol
                                    << "upgrade-legacy-gateway" << 1;
    QTest::newRow("6.5.17.0 new, hotfix missing")
        << "6.5.17.0" << none << false << "create-configuration" << r65 << newCol << "create" << 1;
    QTest::newRow("6.5.17.0 new, hotfix present")
        << "6.5.17.0" << none << true << "create-configuration" << r65 << newCol << "create" << 0;
    QTest::newRow("6.5.17.0 jwt") << "6.5.17.0" << jwt << false << "upgrade-configuration" << r65 << upCol
                                  << "upgrade-devconsole-jwt" << 1;
    QTest::newRow("6.5.22.0 new") << "6.5.22.0" << none << false << "create-configuration" << r65 << newCol
                                  << "create" << 0;
    QTest::newRow("6.5.22.0 legacy") << "6.5.22.0" << legacy << false << "upgrade-configuration" << r65
                                     << upCol << "upgrade-legacy-gateway" << 0;
    QTest::newRow("6.5.22.0 jwt") << "6.5.22.0" << jwt << false << "upgrade-configuration" << r65 << upCol
                                  << "upgrade-devconsole-jwt" << 0;
    QTest::newRow("6.5.22.0 oauth") << "6.5.22.0" << oauth << false << "upgrade-configuration" << r65 << upCol
                                    << "upgrade-oauth-s2s" << 0;
    QTest::newRow("6.5.22.0 broken") << "6.5.22.0" << broken << false << "upgrade-configuration" << r65
                                     << upCol << "upgrade-broken" << 0;
    QTest::newRow("LTS 6.6.0 new") << "6.6.0" << none << false << "create-configuration" << lts << newCol
                                   << "create" << 0;
    QTest::newRow("LTS 6.6.3 new") << "6.6.3" << none << false << "create-configuration" << lts << newCol
                                   << "create" << 0;
    QTest::newRow("LTS 6.6.3 legacy") << "6.6.3" << legacy << false << "upgrade-configuration" << lts << upCol
                                      << "upgrade-legacy-gateway" << 0;
    QTest::newRow("LTS 6.6.3 oauth") << "6.6.3" << oauth << false << "upgrade-configuration" << lts << upCol
                                     << "upgrade-oauth-s2s" << 0;
    QTest::newRow("6.4 unsupported") << "6.4.8.0" << none << false << "unsupported" << -1 << noCol
                                     << "version-unsupported" << 0;
    QTest::newRow("6.5 state unreadable") << "6.5.22.0" << int(ConfigState::Unknown) << false << "unknown"
                                          << r65 << noCol << "state-unknown" << 0;
}

void TestRouteSelector::everyRow()
{
    QFETCH(QString, version);
    QFETCH(int, state);
    QFETCH(bool, hotfix);
    AemInstance instance;
    instance.version = AemVersion::parse(version);
    instance.state = ConfigState(state);
    instance.packageListReadable = true;
    instance.imsHotfixInstalled = hotfix;
    instance.oauthSupport = AdobePolicy::oauthSupportFor(instance.version, hotfix);
    const RouteDecision d = RouteSelector::select(instance, QDate(2026, 11, 25));
    QTEST(routeId(d.route), "route");
    QTEST(int(d.row), "row");
    QTEST(int(d.column), "column");
    QTEST(d.reasonId, "reasonId");
    QTEST(int(d.prerequisites.size()), "prerequisites");
    QVERIFY2(!d.reason.isEmpty(), "every decision explains itself");
    if (d.route == Route::Unsupported)
        QVERIFY2(!d.upgradeTarget.isEmpty(), "unsupported versions say what to upgrade to");
}

void TestRouteSelector::jwtReasonDependsOnDate()
{
    AemInstance instance;
    instance.version = AemVersion::parse(QStringLiteral("6.5.22.0"));
    instance.state = ConfigState::DevConsoleJwt;
    instance.oauthSupport = OAuthSupport::Native;
    const QString before = RouteSelector::select(instance, QDate(2025, 12, 1)).reason;
    const QString after = RouteSelector::select(instance, QDate(2026, 3, 2)).reason;
    QVERIFY(before != after);
    QVERIFY(after.contains(QLatin1String("no longer works")));
}

void TestRouteSelector::unreadableVersionIsNeverGuessed()
{
    AemInstance instance; // version invalid
    instance.state = ConfigState::None;
    const RouteDecision d = RouteSelector::select(instance, QDate(2026, 11, 25));
    QCOMPARE(d.route, Route::Unknown);
    QCOMPARE(d.reasonId, QStringLiteral("version-unknown"));
    QVERIFY(d.reason.contains(QLatin1String("--aem-version")));
}

void TestRouteSelector::oauthSupportBoundaries_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("hotfix");
    QTest::addColumn<QString>("support");
    QTest::newRow("6.5.10.0") << "6.5.10.0" << true << "not-available";
    QTest::newRow("6.5.11.0 without") << "6.5.11.0" << false << "hotfix-required";
    QTest::newRow("6.5.20.0 with") << "6.5.20.0" << true << "hotfix-installed";
    QTest::newRow("6.5.21.0") << "6.5.21.0" << false << "native";
    QTest::newRow("6.6.0") << "6.6.0" << false << "native";
    QTest::newRow("cloud") << "cloud" << false << "native";
}

void TestRouteSelector::oauthSupportBoundaries()
{
    QFETCH(QString, version);
    QFETCH(bool, hotfix);
    QTEST(oauthSupportId(AdobePolicy::oauthSupportFor(AemVersion::parse(version), hotfix)), "support");
}

void TestRouteSelector::offeredActions_data()
{
    QTest::addColumn<QString>("version"); // "cloud" for Cloud Service
    QTest::addColumn<int>("state");
    QTest::addColumn<QStringList>("actions"); // ids, the recommended one first
    const QStringList upgradeKeep = {QStringLiteral("upgrade"), QStringLiteral("keep")};
    QTest::newRow("6.5 none") << "6.5.22.0" << int(ConfigState::None)
                              << QStringList{QStringLiteral("create")};
    QTest::newRow("LTS none") << "6.6.3" << int(ConfigState::None) << QStringList{QStringLiteral("create")};
    QTest::newRow("6.5 legacy") << "6.5.22.0" << int(ConfigState::LegacyGateway) << upgradeKeep;
    QTest::newRow("6.5 jwt") << "6.5.22.0" << int(ConfigState::DevConsoleJwt) << upgradeKeep;
    QTest::newRow("LTS jwt") << "6.6.3" << int(ConfigState::DevConsoleJwt) << upgradeKeep;
    QTest::newRow("6.5 broken") << "6.5.22.0" << int(ConfigState::Broken) << upgradeKeep;
    QTest::newRow("6.5 oauth") << "6.5.22.0" << int(ConfigState::OAuthS2S)
                               << QStringList{QStringLiteral("keep"), QStringLiteral("rotate-secret")};
    QTest::newRow("cloud not activated")
        << "cloud" << int(ConfigState::None) << QStringList{QStringLiteral("cloud-checklist")};
    QTest::newRow("cloud activated") << "cloud" << int(ConfigState::OAuthS2S)
                                     << QStringList{QStringLiteral("cloud-checklist")};
    QTest::newRow("6.5.3.0 unsupported") << "6.5.3.0" << int(ConfigState::None) << QStringList();
    QTest::newRow("version unknown") << "" << int(ConfigState::None) << QStringList();
}

void TestRouteSelector::offeredActions()
{
    QFETCH(QString, version);
    QFETCH(int, state);
    QFETCH(QStringList, actions);
    AemInstance instance;
    instance.version = version == QLatin1String("cloud") ? AemVersion::cloud() : AemVersion::parse(version);
    instance.state = ConfigState(state);
    instance.oauthSupport = AdobePolicy::oauthSupportFor(instance.version, false);
    const RouteDecision d = RouteSelector::select(instance, QDate(2026, 12, 3));
    const QList<OfferedAction> offered = SetupActions::offered(instance, d);
    QStringList ids;
    for (const OfferedAction &o : offered) {
        ids.append(setupActionId(o.action));
        QVERIFY2(!o.reason.isEmpty(), qPrintable(ids.last()));
        QVERIFY(!setupActionDisplayName(o.action).isEmpty());
    }
    QCOMPARE(ids, actions);
    // Exactly one recommendation, first; it is the default.
    if (!offered.isEmpty()) {
        QVERIFY(offered.first().recommended);
        QCOMPARE(std::count_if(offered.begin(), offered.end(),
                               [](const OfferedAction &o) { return o.recommended; }),
                 1);
        QCOMPARE(SetupActions::defaultAction(instance, d), offered.first().action);
    } else {
        QCOMPARE(SetupActions::defaultAction(instance, d), SetupAction::None);
    }
}

QTEST_GUILESS_MAIN(TestRouteSelector)
#include "tst_routeselector.moc"
