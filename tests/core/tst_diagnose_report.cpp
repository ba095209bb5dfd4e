// SPDX-License-Identifier: Apache-2.0
// The diagnose report (HTML and JSON): redacted by construction (a canary secret in every input never
// reaches the output), self-contained (nothing external is loaded), --mask-hosts leaves no host or tenant
// name, and the chain picture takes each link's worst result.
#include "diagnose/DiagnoseHtml.h"
#include "ManualClock.h"
#include "sim/SimFromReport.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

DiagnoseCheck check(const QString &id, VerifyCheck::Status status,
                    const QString &evidence = QStringLiteral("e"), const QString &remedy = QString())
{
    DiagnoseCheck c;
    c.id = id;
    c.status = status;
    c.title = id;
    c.evidence = evidence;
    c.remedy = remedy;
    return c;
}

// Every way a secret could slip into a report's text, each carrying its own canary.
const QList<QPair<QString, QString>> &leaks()
{
    static const QList<QPair<QString, QString>> l = {
        {QStringLiteral("password=CANARY01xyz"), QStringLiteral("CANARY01")},
        {QStringLiteral("Authorization: Bearer CANARY02abcdefghijkl"), QStringLiteral("CANARY02")},
        {QStringLiteral("authorization: Basic Q0FOQVJZMDM6c2VjcmV0"), QStringLiteral("Q0FOQVJZMDM")},
        {QStringLiteral("token eyJhbGciOiJSUzI1NiJ9.eyJDQU5BUlkwNCI6MX0.c2lnQ0FOQVJZMDQ"),
         QStringLiteral("eyJDQU5BUlkwNCI6MX0")},
        {QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIIEvCANARY05\n-----END PRIVATE KEY-----"),
         QStringLiteral("CANARY05")},
        {QStringLiteral("Cookie: login-token=CANARY06%3Aabc"), QStringLiteral("CANARY06")},
        {QStringLiteral("client secret p8e-CANARY07abcdefgh"), QStringLiteral("CANARY07")},
        {QStringLiteral("auth.ims.client.secret={0123456789abcdef0123456789abcdefCA0A0008}"),
         QStringLiteral("CA0A0008")},
        {QStringLiteral("{\"client_secret\": \"CANARY09\"}"), QStringLiteral("CANARY09")},
        {QStringLiteral("the AEM password is CANARY10pw"), QStringLiteral("CANARY10pw")},
    };
    return l;
}

} // namespace

class TestDiagnoseReport : public QObject
{
    Q_OBJECT

private slots:
    void canaryNeverReachesTheReport()
    {
        DiagnoseReport r;
        r.aemUrl = QStringLiteral("https://author.example.com:4502");
        r.tenant = QStringLiteral("acme");
        r.version = QStringLiteral("6.5.22.0");
        for (int i = 0; i < leaks().size(); ++i) {
            const QString text = leaks()[i].first;
            DiagnoseCheck c = check(QStringLiteral("check-%1").arg(i), VerifyCheck::Fail, text, text);
            c.title = text;
            r.checks << c;
        }
        r.aemUrl += QStringLiteral("/?password=CANARY01xyz");
        ReportScrubber scrubber;
        scrubber.addSecret(SecretString(QStringLiteral("CANARY10pw")));
        const DiagnoseReport clean = scrubber.scrub(r);
        const QString html = DiagnoseHtml::render(clean, QDateTime(QDate(2026, 12, 3), QTime(7, 0), Qt::UTC));
        const QString json = QString::fromUtf8(QJsonDocument(clean.toJson()).toJson());
        for (const auto &[input, canary] : leaks()) {
            QVERIFY2(!html.contains(canary), qPrintable(input));
            QVERIFY2(!json.contains(canary), qPrintable(input));
        }
        // What is not secret stays readable.
        QVERIFY(html.contains(QLatin1String("author.example.com")));
        QVERIFY(html.contains(QLatin1String("check-3")));
    }

    void nothingExternalIsLoaded()
    {
        DiagnoseReport r;
        r.aemUrl = QStringLiteral("https://author.example.com");
        r.checks << check(
            QStringLiteral("aem-reachable"), VerifyCheck::Pass,
            QStringLiteral("<img src=\"https://evil.example/x.png\"> <script>alert(1)</script>"));
        const QString html =
            DiagnoseHtml::render(ReportScrubber().scrub(r), QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
        // Evidence is text: markup in it is escaped, never rendered.
        QVERIFY(html.contains(QLatin1String("&lt;img src=")));
        for (const char *pattern : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import",
                                    "url(", " src=\"", "href=\"http", "href=\"//", "href=\"file"}) {
            QVERIFY2(!html.contains(QLatin1String(pattern), Qt::CaseInsensitive), pattern);
        }
        // The only URL in markup is the SVG namespace name, which is never fetched.
        static const QRegularExpression markupUrl(QStringLiteral("=\"(https?://[^\"]+)\""));
        auto it = markupUrl.globalMatch(html);
        while (it.hasNext())
            QCOMPARE(it.next().captured(1), QStringLiteral("http://www.w3.org/2000/svg"));
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        QVERIFY(html.contains(QLatin1String("@media print")));
    }

    // A real diagnosis of a simulator, masked: no host name, no tenant name, stable placeholders.
    void maskHostsLeavesNoHostName()
    {
        sim::SimulatorOptions o;
        o.state = sim::SimState::OAuthS2S;
        o.faults = {sim::SimFault::AgentDisabled};
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        DiagnoseTask task(test::adminConnection(*simulator), clock, DiagnoseTask::Options{});
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        if (!task.isFinished())
            QVERIFY(finished.wait(30000));
        QVERIFY2(task.succeeded(), qPrintable(task.error().fullText()));
        const QString host = simulator->aemUrl().host();
        const QString tenant = simulator->options().tenant;
        const QString plain = DiagnoseHtml::render(ReportScrubber().scrub(task.report()), clock.nowUtc());
        QVERIFY(plain.contains(host));
        QVERIFY(plain.contains(tenant));

        ReportScrubber masking;
        masking.setMaskHosts(true);
        const DiagnoseReport masked = masking.scrub(task.report());
        const QString html = DiagnoseHtml::render(masked, clock.nowUtc());
        const QString json = QString::fromUtf8(QJsonDocument(masked.toJson()).toJson());
        for (const QString &text : {html, json}) {
            QVERIFY2(!text.contains(host), qPrintable(host));
            QVERIFY2(!text.contains(tenant, Qt::CaseInsensitive), qPrintable(tenant));
            QVERIFY(!text.contains(QLatin1String("brand-portal.adobe.com")) ||
                    text.contains(QLatin1String("tenant-1.brand-portal.adobe.com")));
        }
        QVERIFY(html.contains(QLatin1String("aem-host-1")));
        QVERIFY(html.contains(QLatin1String("tenant-1")));
        QCOMPARE(masked.tenant, QStringLiteral("tenant-1"));
        // The failing check survives masking, with its evidence.
        QVERIFY(masked.failing().contains(QStringLiteral("agents-enabled")));
        QVERIFY(masked.check(QStringLiteral("agents-enabled"))
                    ->evidence.contains(QLatin1String("bp_tenant-1_0")));
    }

    void chainTakesTheWorstResult_data()
    {
        QTest::addColumn<QStringList>("checks"); // id=status
        QTest::addColumn<QStringList>("links");  // status per link, in chain order
        QTest::newRow("all pass") << QStringList{QStringLiteral("aem-reachable=pass"),
                                                 QStringLiteral("ims-config=pass"),
                                                 QStringLiteral("clock-skew=pass"),
                                                 QStringLiteral("cloud-config=pass"),
                                                 QStringLiteral("queues=pass")}
                                  << QStringList{QStringLiteral("pass"), QStringLiteral("pass"),
                                                 QStringLiteral("pass"), QStringLiteral("pass"),
                                                 QStringLiteral("pass")};
        QTest::newRow("a warning and a failure")
            << QStringList{QStringLiteral("aem-version=warn"), QStringLiteral("aem-reachable=pass"),
                           QStringLiteral("ims-config=fail"), QStringLiteral("config-state=warn"),
                           QStringLiteral("agents=skip")}
            << QStringList{QStringLiteral("warn"), QStringLiteral("fail"), QStringLiteral("skip"),
                           QStringLiteral("skip"), QStringLiteral("skip")};
    }
    void chainTakesTheWorstResult()
    {
        QFETCH(QStringList, checks);
        QFETCH(QStringList, links);
        DiagnoseReport r;
        const QStringList names{QStringLiteral("pass"), QStringLiteral("fail"), QStringLiteral("warn"),
                                QStringLiteral("skip")};
        for (const QString &c : checks) {
            const QString status = c.section(QLatin1Char('='), 1);
            r.checks << check(c.section(QLatin1Char('='), 0, 0),
                              status == QLatin1String("pass")   ? VerifyCheck::Pass
                              : status == QLatin1String("fail") ? VerifyCheck::Fail
                              : status == QLatin1String("warn") ? VerifyCheck::Warn
                                                                : VerifyCheck::Skip);
        }
        QStringList got;
        for (const DiagnoseHtml::Link &l : DiagnoseHtml::chain(r))
            got << verifyStatusId(l.status);
        QCOMPARE(got, links);
        // Each link says its status in words too (not by colour alone).
        const QString html = DiagnoseHtml::render(r, QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
        for (const DiagnoseHtml::Link &l : DiagnoseHtml::chain(r))
            QVERIFY(html.contains(QStringLiteral("<li>%1: ").arg(l.name)));
    }

    // diagnose a faulty simulator, reproduce it from the report (masked or not), diagnose again: the same
    // checks fail and warn.
    void fromReportRoundTrip_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("faults");
        QTest::addColumn<bool>("hotfix");
        QTest::addColumn<bool>("publish");
        QTest::addColumn<bool>("mask");
        QTest::newRow("JWT on 6.5.17.0 with the hotfix")
            << "6.5.17.0"
            << "devconsole-jwt"
            << QStringList{QStringLiteral("agent-disabled"), QStringLiteral("clock-skew"),
                           QStringLiteral("two-ims-configs"), QStringLiteral("expiring-certificate")}
            << true << false << false;
        QTest::newRow("OAuth, masked")
            << "6.5.22.0"
            << "oauth-s2s"
            << QStringList{QStringLiteral("blocked-queue"), QStringLiteral("no-close-connection"),
                           QStringLiteral("bad-tenant-url"), QStringLiteral("legacy-leftovers")}
            << false << false << true;
        QTest::newRow("dangling cloud configuration")
            << "6.6.3"
            << "oauth-s2s" << QStringList{QStringLiteral("dangling-cloud-config")} << false << false << false;
        QTest::newRow("IMS configuration file not in use, masked")
            << "6.5.22.0"
            << "oauth-s2s" << QStringList{QStringLiteral("inactive-ims-config")} << false << false << true;
        QTest::newRow("IMS configuration only in Configuration Admin")
            << "6.6.3"
            << "oauth-s2s" << QStringList{QStringLiteral("console-only-ims-config")} << false << false
            << false;
        QTest::newRow("legacy gateway on a publish instance")
            << "6.5.22.0"
            << "legacy-gateway" << QStringList() << false << true << true;
        QTest::newRow("Cloud Service error queue, masked")
            << "cloud"
            << "oauth-s2s" << QStringList{QStringLiteral("error-queue")} << false << false << true;
        QTest::newRow("Cloud Service not activated") << "cloud"
                                                     << "none" << QStringList() << false << false << false;
    }
    void fromReportRoundTrip()
    {
        QFETCH(QString, version);
        QFETCH(QString, state);
        QFETCH(QStringList, faults);
        QFETCH(bool, hotfix);
        QFETCH(bool, publish);
        QFETCH(bool, mask);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.state = sim::Simulator::parseState(state).value();
        o.imsHotfixInstalled = hotfix;
        o.publish = publish;
        for (const QString &f : faults)
            o.faults << sim::Simulator::parseFault(f).value();
        test::ManualClock clock(QDateTime::currentDateTimeUtc());
        const auto run = [&clock](const sim::SimulatorOptions &options, DiagnoseReport *out) {
            auto simulator = test::startSimulator(options);
            QVERIFY(simulator);
            DiagnoseTask task(test::adminConnection(*simulator), clock, DiagnoseTask::Options{});
            QSignalSpy finished(&task, &Task::finished);
            task.start();
            if (!task.isFinished())
                QVERIFY(finished.wait(30000));
            QVERIFY2(task.succeeded(), qPrintable(task.error().fullText()));
            *out = task.report();
        };
        DiagnoseReport first;
        run(o, &first);
        ReportScrubber scrubber;
        scrubber.setMaskHosts(mask);
        // Through the file format: JSON text, as support receives it.
        const QByteArray json = QJsonDocument(scrubber.scrub(first).toJson()).toJson();
        const Result<sim::ReportReproduction> reproduced =
            sim::SimFromReport::options(QJsonDocument::fromJson(json).object());
        QVERIFY2(reproduced.ok(), reproduced.ok() ? "" : qPrintable(reproduced.error().fullText()));
        QVERIFY2(reproduced.value().notes.isEmpty(),
                 qPrintable(reproduced.value().notes.join(QLatin1Char(' '))));
        const sim::SimulatorOptions &again = reproduced.value().options;
        QCOMPARE(again.aemVersion, version);
        QCOMPARE(again.state, o.state); // a dangling cloud configuration is reported broken, served as it was
        QCOMPARE(again.publish, publish);
        QCOMPARE(again.imsHotfixInstalled, hotfix);
        DiagnoseReport second;
        run(again, &second);
        QVERIFY(!first.failing().isEmpty() || !faults.isEmpty());
        QCOMPARE(second.failing(), first.failing());
        QStringList warnedFirst, warnedSecond;
        for (const DiagnoseCheck &c : first.checks)
            if (c.status == VerifyCheck::Warn)
                warnedFirst << c.id;
        for (const DiagnoseCheck &c : second.checks)
            if (c.status == VerifyCheck::Warn)
                warnedSecond << c.id;
        QCOMPARE(warnedSecond, warnedFirst);
        // A masked tenant is served under its placeholder.
        if (mask && !first.tenant.isEmpty())
            QCOMPARE(again.tenant, QStringLiteral("tenant-1"));
    }

    void fromReportRefusesOtherJson()
    {
        QCOMPARE(sim::SimFromReport::options(QJsonObject{{QStringLiteral("ok"), true}}).error().id,
                 QStringLiteral("report-invalid"));
        QCOMPARE(sim::SimFromReport::options(QJsonObject{{QStringLiteral("checks"), QJsonArray()},
                                                         {QStringLiteral("state"), QStringLiteral("weird")}})
                     .error()
                     .id,
                 QStringLiteral("report-invalid"));
    }

    void saveIsWholeOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.html"));
        QVERIFY(DiagnoseHtml::save(path, QByteArrayLiteral("<html></html>")).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArrayLiteral("<html></html>"));
        const Result<bool> bad = DiagnoseHtml::save(dir.filePath(QStringLiteral("missing/dir/r.html")), "x");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().id, QStringLiteral("report-not-written"));
    }
};

QTEST_GUILESS_MAIN(TestDiagnoseReport)
#include "tst_diagnose_report.moc"
