// SPDX-License-Identifier: Apache-2.0
// InstanceDetector against the built-in simulator on loopback: every simulated version and state.
#include "TestSupport.h"

#include "aem/InstanceDetector.h"
#include "setup/RouteSelector.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace bp;

namespace {

struct Detection
{
    Result<AemInstance> result{Error{}};
    int refusedWrites = 0;
};

Detection detect(const sim::Simulator &simulator, const AemVersion &manual = AemVersion(),
                 const QString &password = QStringLiteral("admin"))
{
    AemConnection c;
    c.baseUrl = simulator.aemUrl();
    c.user = QStringLiteral("admin");
    c.password = SecretString(password);
    InstanceDetector detector(c);
    if (manual.isValid())
        detector.setManualVersion(manual);
    QSignalSpy spy(&detector, &Task::finished);
    detector.start();
    if (!spy.wait(30000))
        return {Error{ErrorCode::Internal, QStringLiteral("detector did not finish")}, 0};
    return {detector.result(), detector.refusedWriteCount()};
}

} // namespace

class TestDetect : public QObject
{
    Q_OBJECT
private slots:
    void everyVersionAndState_data();
    void everyVersionAndState();
    void consoleBlockedFallsBackToOtherSources();
    void allVersionSourcesBlockedMeansUnknown();
    void manualVersionIsUsedOnlyWhenUnreadable();
    void hotfixIsDetected();
    void brokenStateNamesTheProblem();
    void cloudRecipeWithoutDistributionAgent();
    void cancelStopsQuickly();
    void progressIsReported();
};

void TestDetect::everyVersionAndState_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<bool>("oauthSupported");
    QTest::addColumn<QString>("route");
    struct V
    {
        const char *version, *deployment;
        bool oauth;
    };
    const V versions[] = {{"cloud", "cloud", true},   {"6.5.3.0", "6.5", false}, {"6.5.4.0", "6.5", false},
                          {"6.5.17.0", "6.5", false}, {"6.5.22.0", "6.5", true}, {"6.6.0", "6.5-lts", true},
                          {"6.6.3", "6.5-lts", true}};
    const char *states[] = {"none", "legacy-gateway", "devconsole-jwt", "oauth-s2s", "broken"};
    for (const V &v : versions) {
        for (const char *s : states) {
            // Written out rather than computed by RouteSelector, so the test can disagree with it.
            QString route;
            if (QLatin1String(v.deployment) == QLatin1String("cloud"))
                route = QStringLiteral("activate-brand-portal");
            else if (QLatin1String(v.version) == QLatin1String("6.5.3.0"))
                route = QStringLiteral("unsupported");
            else
                route = QLatin1String(s) == QLatin1String("none") ? QStringLiteral("create-configuration")
                                                                  : QStringLiteral("upgrade-configuration");
            QTest::addRow("%s %s", v.version, s) << QString::fromLatin1(v.version) << QString::fromLatin1(s)
                                                 << QString::fromLatin1(v.deployment) << v.oauth << route;
        }
    }
}

void TestDetect::everyVersionAndState()
{
    QFETCH(QString, version);
    QFETCH(QString, state);
    sim::SimulatorOptions o;
    o.aemVersion = version;
    o.state = sim::Simulator::parseState(state).value();
    o.tenant = QStringLiteral("acme-test");
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const Detection d = detect(*simulator);
    QVERIFY2(d.result.ok(), qPrintable(d.result.ok() ? QString() : d.result.error().userMessage));
    const AemInstance &instance = d.result.value();
    QTEST(deploymentId(instance.deployment()), "deployment");
    if (version != QLatin1String("cloud"))
        QCOMPARE(instance.version.toString(), version);
    QTEST(instance.oauthSupported(), "oauthSupported");
    QCOMPARE(configStateId(instance.state), state);
    QCOMPARE(instance.tenant, state == QLatin1String("none") ? QString() : QStringLiteral("acme-test"));
    if (state == QLatin1String("legacy-gateway")) {
        QCOMPARE(instance.legacyUsers, QStringList{QStringLiteral("mac-acme-test-replication")});
        QCOMPARE(instance.legacyUserPaths.size(), 1);
        QVERIFY(instance.configPaths().contains(instance.legacyUserPaths.first()));
        QCOMPARE(instance.brandPortalAgents.size(), 4);
    }
    const bool cloud = version == QLatin1String("cloud");
    if (cloud && state == QLatin1String("oauth-s2s")) {
        // Activated by Cloud Manager: configured although its IMS configuration is not readable there.
        QCOMPARE(instance.imsConfigs.size(), 0);
        QCOMPARE(instance.cloudConfigs.size(), 1);
        QVERIFY(instance.distributionAgentReadable);
        QVERIFY(instance.distributionAgentFound);
        QVERIFY(instance.configPaths().contains(
            QStringLiteral("/libs/sling/distribution/services/agents/bpdistributionagent0")));
        QVERIFY(hasFinding(instance.findings, QStringLiteral("ims-config-cloud-unreadable")));
        for (const Finding &f : instance.findings)
            QVERIFY2(f.severity != Severity::Error, qPrintable(f.id));
    } else if (cloud) {
        QVERIFY(!instance.distributionAgentFound);
    }
    if (cloud && state == QLatin1String("broken"))
        QVERIFY(hasFinding(instance.findings, QStringLiteral("distribution-agent-missing")));
    if (cloud && state == QLatin1String("none"))
        QVERIFY(instance.findings.isEmpty());
    if ((state == QLatin1String("oauth-s2s") && !cloud) || state == QLatin1String("devconsole-jwt")) {
        QCOMPARE(instance.imsConfigs.size(), 1);
        QCOMPARE(instance.cloudConfigs.size(), 1);
        QVERIFY(instance.configPaths()
                    .join(QLatin1Char(' '))
                    .contains(QLatin1String("/conf/global/settings/cloudconfigs/mediaportal/")));
    }
    const RouteDecision decision = RouteSelector::select(instance, QDate(2026, 11, 25));
    QTEST(routeId(decision.route), "route");
    // Detection is read-only by construction: nothing was written, nothing even attempted.
    QCOMPARE(simulator->writeRequestCount(), 0);
    QCOMPARE(d.refusedWrites, 0);
    QCOMPARE(instance.requestCount, simulator->requestCount());
}

void TestDetect::consoleBlockedFallsBackToOtherSources()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.17.0");
    o.blockedPrefixes = {QStringLiteral("/system/console")};
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const Detection d = detect(*simulator);
    QVERIFY(d.result.ok());
    QCOMPARE(d.result.value().version.toString(), QStringLiteral("6.5.17.0"));
    const auto &evidence = d.result.value().versionEvidence;
    QVERIFY(!evidence.first().readable); // felix-productinfo
    QVERIFY(versionEvidenceProblem(evidence.first()).contains(QLatin1String("404")));
    QVERIFY(std::count_if(evidence.begin(), evidence.end(),
                          [](const VersionEvidence &e) { return e.readable; }) >= 2);
}

void TestDetect::allVersionSourcesBlockedMeansUnknown()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.22.0");
    o.blockedPrefixes = {QStringLiteral("/system/console"), QStringLiteral("/mnt/overlay"),
                         QStringLiteral("/crx/packmgr")};
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const Detection d = detect(*simulator);
    QVERIFY(d.result.ok());
    QVERIFY(!d.result.value().version.isValid());
    QCOMPARE(d.result.value().deployment(), Deployment::Unknown);
    const RouteDecision decision = RouteSelector::select(d.result.value(), QDate(2026, 11, 25));
    QCOMPARE(decision.route, Route::Unknown);
    QCOMPARE(decision.reasonId, QStringLiteral("version-unknown"));
}

void TestDetect::manualVersionIsUsedOnlyWhenUnreadable()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.22.0");
    auto readable = test::startSimulator(o);
    QVERIFY(readable);
    Detection d = detect(*readable, AemVersion::parse(QStringLiteral("6.6.3")));
    QVERIFY(d.result.ok());
    QCOMPARE(d.result.value().version.toString(), QStringLiteral("6.5.22.0"));
    QVERIFY(!d.result.value().versionChosenManually);

    o.blockedPrefixes = {QStringLiteral("/system/console"), QStringLiteral("/mnt/overlay"),
                         QStringLiteral("/crx/packmgr")};
    auto blocked = test::startSimulator(o);
    QVERIFY(blocked);
    d = detect(*blocked, AemVersion::parse(QStringLiteral("6.6.3")));
    QVERIFY(d.result.ok());
    QCOMPARE(d.result.value().version.toString(), QStringLiteral("6.6.3"));
    QVERIFY(d.result.value().versionChosenManually);
    QCOMPARE(RouteSelector::select(d.result.value(), QDate(2026, 11, 25)).route, Route::CreateConfiguration);
}

void TestDetect::hotfixIsDetected()
{
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("6.5.17.0");
    o.imsHotfixInstalled = true;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const Detection d = detect(*simulator);
    QVERIFY(d.result.ok());
    QCOMPARE(d.result.value().oauthSupport, OAuthSupport::HotfixInstalled);
    QVERIFY(d.result.value().oauthSupported());
}

void TestDetect::brokenStateNamesTheProblem()
{
    sim::SimulatorOptions o;
    o.state = sim::SimState::Broken;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    const Detection d = detect(*simulator);
    QVERIFY(d.result.ok());
    QCOMPARE(d.result.value().state, ConfigState::Broken);
    const QString problems = d.result.value().problemTexts().join(QLatin1Char('\n'));
    QVERIFY(hasFinding(d.result.value().findings, QStringLiteral("cloud-config-ims-missing")));
    QVERIFY(hasFinding(d.result.value().findings, QStringLiteral("agents-missing")));
    QVERIFY2(problems.contains(QLatin1String("does not exist")), qPrintable(problems));
    QVERIFY2(problems.contains(QLatin1String("replication agents")), qPrintable(problems));
}

void TestDetect::cloudRecipeWithoutDistributionAgent()
{
    // A recipe without the (optional) distribution agent still classifies an activated Cloud Service by its
    // cloud configuration, and reads nothing under /libs/sling/distribution.
    QFile file(QStringLiteral(":/recipes/detect.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    json.remove(QStringLiteral("distributionAgent"));
    const auto recipe = DetectionRecipe::fromJson(json);
    QVERIFY(recipe.ok());
    QVERIFY(recipe.value().distributionAgentPath.isEmpty());
    QVERIFY(
        DetectionRecipe::builtIn().distributionAgentPath.endsWith(QLatin1String("/bpdistributionagent0")));
    sim::SimulatorOptions o;
    o.aemVersion = QStringLiteral("cloud");
    o.state = sim::SimState::OAuthS2S;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    InstanceDetector detector(test::adminConnection(*simulator));
    detector.setRecipe(recipe.value());
    QSignalSpy spy(&detector, &Task::finished);
    detector.start();
    QVERIFY(spy.wait(30000));
    QVERIFY(detector.result().ok());
    QCOMPARE(detector.result().value().state, ConfigState::OAuthS2S);
    QVERIFY(!detector.result().value().distributionAgentReadable);
    for (const auto &r : simulator->requests())
        QVERIFY(!r.path.startsWith("/libs/sling/distribution"));
}

void TestDetect::cancelStopsQuickly()
{
    sim::SimulatorOptions o;
    o.latencyMs = 20000;
    auto simulator = test::startSimulator(o);
    QVERIFY(simulator);
    InstanceDetector detector(test::adminConnection(*simulator));
    QSignalSpy spy(&detector, &Task::finished);
    detector.start();
    QTRY_VERIFY(simulator->requestCount() > 0);
    detector.cancel();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(detector.result().error().code, ErrorCode::Cancelled);
    QCOMPARE(detector.state(), Task::State::Cancelled);
    QVERIFY(!detector.isRunning());
    detector.cancel(); // idempotent
    QCOMPARE(spy.count(), 1);
}

void TestDetect::progressIsReported()
{
    auto simulator = test::startSimulator(sim::SimulatorOptions{});
    QVERIFY(simulator);
    InstanceDetector detector(test::adminConnection(*simulator));
    QSignalSpy progress(&detector, &Task::progressChanged);
    QSignalSpy finished(&detector, &Task::finished);
    detector.start();
    QVERIFY(finished.wait(20000));
    QVERIFY(progress.count() >= 8);
    const auto last = progress.last();
    QCOMPARE(last.at(0).toLongLong(), last.at(1).toLongLong()); // done == total at the end
}

QTEST_GUILESS_MAIN(TestDetect)
#include "tst_detect.moc"
