// SPDX-License-Identifier: Apache-2.0
#include "diagnose/DiagnoseHtml.h"

#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>

namespace bp {

namespace {

const QString Masked = QStringLiteral("***");

int rank(VerifyCheck::Status s)
{
    switch (s) {
    case VerifyCheck::Fail:
        return 3;
    case VerifyCheck::Warn:
        return 2;
    case VerifyCheck::Pass:
        return 1;
    case VerifyCheck::Skip:
        return 0;
    }
    return 0;
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Never colour alone: each status has a symbol and a word.
QString symbol(VerifyCheck::Status s)
{
    switch (s) {
    case VerifyCheck::Pass:
        return QStringLiteral("✔");
    case VerifyCheck::Fail:
        return QStringLiteral("✖");
    case VerifyCheck::Warn:
        return QStringLiteral("!");
    case VerifyCheck::Skip:
        return QStringLiteral("–");
    }
    return QString();
}

QString statusWord(VerifyCheck::Status s)
{
    switch (s) {
    case VerifyCheck::Pass:
        return DiagnoseHtml::tr("pass");
    case VerifyCheck::Fail:
        return DiagnoseHtml::tr("fail");
    case VerifyCheck::Warn:
        return DiagnoseHtml::tr("warning");
    case VerifyCheck::Skip:
        return DiagnoseHtml::tr("skipped");
    }
    return QString();
}

QString fill(VerifyCheck::Status s)
{
    switch (s) {
    case VerifyCheck::Pass:
        return QStringLiteral("#dff3e4");
    case VerifyCheck::Fail:
        return QStringLiteral("#fbe0de");
    case VerifyCheck::Warn:
        return QStringLiteral("#fff1cc");
    case VerifyCheck::Skip:
        return QStringLiteral("#eeeeee");
    }
    return QString();
}

QString stroke(VerifyCheck::Status s)
{
    switch (s) {
    case VerifyCheck::Pass:
        return QStringLiteral("#1e7b3a");
    case VerifyCheck::Fail:
        return QStringLiteral("#b3261e");
    case VerifyCheck::Warn:
        return QStringLiteral("#8a6100");
    case VerifyCheck::Skip:
        return QStringLiteral("#6b6b6b");
    }
    return QString();
}

// Values that look like secrets, wherever they came from (the replacement keeps the name, drops the value).
const QList<QPair<QRegularExpression, QString>> &secretPatterns()
{
    static const QList<QPair<QRegularExpression, QString>> patterns = {
        {QRegularExpression(
             QStringLiteral("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE "
                            "KEY-----|$)")),
         QStringLiteral("[private key removed]")},
        {QRegularExpression(
             QStringLiteral("(?i)\\b(authorization|cookie|set-cookie|x-api-key)(\\s*[:=]\\s*)[^\\r\\n]*")),
         QStringLiteral("\\1\\2") + Masked},
        {QRegularExpression(QStringLiteral("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}")),
         QStringLiteral("\\1 ") + Masked},
        {QRegularExpression(QStringLiteral("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*")),
         Masked},
        {QRegularExpression(QStringLiteral("\\bp8e-[A-Za-z0-9_-]{8,}")), Masked},
        {QRegularExpression(QStringLiteral("\\{[0-9a-fA-F]{32,}\\}")), Masked},
        {QRegularExpression(
             QStringLiteral("(?i)\\b(password|passwd|passphrase|client_secret|clientsecret|secret|"
                            "access_token|refresh_token|token|login-token)(\"?\\s*[:=]\\s*\"?)[^\\s\"&,;]+")),
         QStringLiteral("\\1\\2") + Masked},
    };
    return patterns;
}

} // namespace

void ReportScrubber::addSecret(const SecretString &secret)
{
    // A secret shorter than this would blank out ordinary words; such a secret is not worth the name anyway.
    if (secret.revealUtf8().size() >= 3)
        m_secrets.append(secret);
}

void ReportScrubber::addHost(const QString &host)
{
    if (!host.isEmpty() && !m_hosts.contains(host, Qt::CaseInsensitive))
        m_hosts.append(host.toLower());
}

void ReportScrubber::addTenant(const QString &tenant)
{
    if (!tenant.isEmpty() && !m_tenants.contains(tenant, Qt::CaseInsensitive))
        m_tenants.append(tenant.toLower());
}

QString ReportScrubber::placeholder(QHash<QString, QString> &map, const QString &prefix, const QString &name)
{
    const QString key = name.toLower();
    auto it = map.constFind(key);
    if (it != map.constEnd())
        return it.value();
    const QString p = QStringLiteral("%1-%2").arg(prefix).arg(map.size() + 1);
    map.insert(key, p);
    return p;
}

QString ReportScrubber::scrub(const QString &text)
{
    QString out = text;
    for (const SecretString &s : std::as_const(m_secrets))
        out.replace(QString::fromUtf8(s.revealUtf8()), Masked);
    for (const auto &[pattern, replacement] : secretPatterns())
        out.replace(pattern, replacement);
    if (!m_maskHosts)
        return out;
    // Tenants first (they are part of host names), then the given hosts, then any Brand Portal host left.
    static const QRegularExpression bpHost(
        QStringLiteral("(?i)\\b([a-z0-9-]+)\\.(brand-portal\\.adobe\\.com|mediaportal\\.adobe\\.com)"));
    QStringList tenants = m_tenants;
    auto it = bpHost.globalMatch(out);
    while (it.hasNext()) {
        const QString t = it.next().captured(1).toLower();
        if (!t.startsWith(QLatin1String("downloads")) && !tenants.contains(t))
            tenants << t;
    }
    // Longest first, so a name that contains another is replaced whole.
    std::sort(tenants.begin(), tenants.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &t : std::as_const(tenants)) {
        const QRegularExpression word(
            QStringLiteral("(?i)(?<![A-Za-z0-9])%1(?![A-Za-z0-9])").arg(QRegularExpression::escape(t)));
        out.replace(word, placeholder(m_tenantNames, QStringLiteral("tenant"), t));
    }
    QStringList hosts = m_hosts;
    std::sort(hosts.begin(), hosts.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &h : std::as_const(hosts)) {
        const QRegularExpression word(
            QStringLiteral("(?i)(?<![A-Za-z0-9.-])%1(?![A-Za-z0-9-])").arg(QRegularExpression::escape(h)));
        out.replace(word, placeholder(m_hostNames, QStringLiteral("aem-host"), h));
    }
    return out;
}

DiagnoseReport ReportScrubber::scrub(const DiagnoseReport &report)
{
    DiagnoseReport r = report;
    if (m_maskHosts) {
        addHost(QUrl(report.aemUrl).host());
        addTenant(report.tenant);
    }
    r.aemUrl = scrub(r.aemUrl);
    r.tenant = scrub(r.tenant);
    r.version = scrub(r.version);
    for (DiagnoseCheck &c : r.checks) {
        c.title = scrub(c.title);
        c.evidence = scrub(c.evidence);
        c.remedy = scrub(c.remedy);
    }
    return r;
}

QString DiagnoseText::statusLabel(VerifyCheck::Status status)
{
    switch (status) {
    case VerifyCheck::Pass:
        return tr("PASS");
    case VerifyCheck::Fail:
        return tr("FAIL");
    case VerifyCheck::Warn:
        return tr("WARN");
    case VerifyCheck::Skip:
        return tr("SKIP");
    }
    return QString();
}

QString DiagnoseText::summary(const DiagnoseReport &report)
{
    QString o;
    o += tr("AEM:") + QLatin1Char(' ') + report.aemUrl + QLatin1Char('\n');
    o += tr("Deployment:") + QLatin1Char(' ') +
         QStringLiteral("%1 (%2)").arg(deploymentId(report.deployment),
                                       deploymentDisplayName(report.deployment));
    if (!report.version.isEmpty())
        o += QStringLiteral(", ") + report.version;
    o += QLatin1Char('\n') + tr("Configuration:") + QLatin1Char(' ') + configStateDisplayName(report.state);
    if (!report.tenant.isEmpty())
        o += QStringLiteral(" (") + tr("tenant %1").arg(report.tenant) + QLatin1Char(')');
    o += QStringLiteral("\n\n");
    int counts[4] = {0, 0, 0, 0};
    // The lines under a check start where its title does, whatever the length of the translated labels.
    qsizetype widest = 0;
    for (auto s : {VerifyCheck::Pass, VerifyCheck::Warn, VerifyCheck::Fail, VerifyCheck::Skip})
        widest = qMax(widest, statusLabel(s).size());
    const QString indent(widest + 3, QLatin1Char(' '));
    for (const DiagnoseCheck &c : report.checks) {
        ++counts[c.status];
        const QString label = QStringLiteral("[%1]").arg(statusLabel(c.status));
        o += label.leftJustified(widest + 2) + QStringLiteral(" %1 — %2\n").arg(c.id, c.title);
        if (!c.evidence.isEmpty())
            o += indent + c.evidence + QLatin1Char('\n');
        if (!c.remedy.isEmpty() && c.status != VerifyCheck::Pass)
            o += indent + tr("What to do: %1").arg(c.remedy) + QLatin1Char('\n');
    }
    o += QLatin1Char('\n') +
         tr("%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).")
             .arg(report.checks.size())
             .arg(counts[VerifyCheck::Pass])
             .arg(counts[VerifyCheck::Warn])
             .arg(counts[VerifyCheck::Fail])
             .arg(counts[VerifyCheck::Skip])
             .arg(report.durationMs) +
         QLatin1Char('\n');
    return o;
}

QString DiagnoseHtml::statusColour(VerifyCheck::Status status)
{
    return stroke(status);
}

QList<DiagnoseHtml::Link> DiagnoseHtml::chain(const DiagnoseReport &report)
{
    QList<Link> links = {
        {tr("AEM author"),
         {QStringLiteral("aem-reachable"), QStringLiteral("author-instance"), QStringLiteral("aem-version"),
          QStringLiteral("oauth-support"), QStringLiteral("proxy")},
         VerifyCheck::Skip},
        {tr("IMS configuration"),
         {QStringLiteral("ims-config"), QStringLiteral("ims-config-single"),
          QStringLiteral("ims-config-active"), QStringLiteral("config-state")},
         VerifyCheck::Skip},
        {tr("Adobe IMS"), {QStringLiteral("clock-skew")}, VerifyCheck::Skip},
        {tr("Brand Portal tenant"),
         {QStringLiteral("cloud-config"), QStringLiteral("tenant-url"), QStringLiteral("leftovers")},
         VerifyCheck::Skip},
        {tr("Agents and queues"),
         {QStringLiteral("agents-enabled"), QStringLiteral("agents-close-connection"),
          QStringLiteral("agents"), QStringLiteral("queues"), QStringLiteral("distribution-agent"),
          QStringLiteral("distribution-queues"), QStringLiteral("distribution-test")},
         VerifyCheck::Skip},
    };
    for (Link &l : links) {
        for (const QString &id : std::as_const(l.checks)) {
            if (const DiagnoseCheck *c = report.check(id); c && rank(c->status) > rank(l.status))
                l.status = c->status;
        }
    }
    return links;
}

QString DiagnoseHtml::render(const DiagnoseReport &report, const QDateTime &generatedUtc)
{
    const QList<Link> links = chain(report);
    int counts[4] = {0, 0, 0, 0};
    for (const DiagnoseCheck &c : report.checks)
        ++counts[c.status];

    // The chain as inline SVG: five boxes with arrows; each box says its status in words and a symbol.
    const int boxW = 168, boxH = 64, gap = 34, top = 10;
    const int width = int(links.size()) * boxW + (int(links.size()) - 1) * gap + 20;
    QString svg =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %1 %2\" "
                       "width=\"100%\" aria-labelledby=\"chainTitle\"><title id=\"chainTitle\">%3</title>")
            .arg(width)
            .arg(boxH + 2 * top)
            .arg(esc(tr("The connection chain and the result of each link")));
    for (int i = 0; i < links.size(); ++i) {
        const Link &l = links[i];
        const int x = 10 + i * (boxW + gap);
        svg +=
            QStringLiteral("<g><rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"8\" fill=\"%5\" "
                           "stroke=\"%6\" stroke-width=\"2\"%7/>")
                .arg(x)
                .arg(top)
                .arg(boxW)
                .arg(boxH)
                .arg(fill(l.status), stroke(l.status),
                     l.status == VerifyCheck::Skip ? QStringLiteral(" stroke-dasharray=\"5 4\"") : QString());
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" font-size=\"14\" "
                              "font-weight=\"bold\" fill=\"#1b1b1b\">%3</text>")
                   .arg(x + boxW / 2)
                   .arg(top + 26)
                   .arg(esc(l.name));
        svg +=
            QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" font-size=\"13\" fill=\"%3\">%4 "
                           "%5</text></g>")
                .arg(x + boxW / 2)
                .arg(top + 48)
                .arg(stroke(l.status), symbol(l.status), esc(statusWord(l.status)));
        if (i + 1 < links.size()) {
            const int ax = x + boxW + 4, ay = top + boxH / 2;
            svg +=
                QStringLiteral("<path d=\"M%1 %2 H%3\" stroke=\"#444\" stroke-width=\"2\"/><path d=\"M%3 %4 "
                               "L%5 %2 L%3 %6 Z\" fill=\"#444\"/>")
                    .arg(ax)
                    .arg(ay)
                    .arg(ax + gap - 14)
                    .arg(ay - 5)
                    .arg(ax + gap - 6)
                    .arg(ay + 5);
        }
    }
    svg += QStringLiteral("</svg>");

    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    html += QStringLiteral("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html += QStringLiteral("<title>%1</title>").arg(esc(tr("Brand Portal diagnosis: %1").arg(report.aemUrl)));
    html += QStringLiteral(
        "<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;"
        "max-width:1000px;padding:0 16px;color:#1b1b1b;line-height:1.45}h1{font-size:1.5em;margin:0 0 .2em}"
        "h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}.meta{color:#555}"
        ".summary{font-size:1.05em;margin:.8em 0}table{border-collapse:collapse;width:100%}"
        "th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #e3e3e3}"
        ".check{border:1px solid #ddd;border-left-width:6px;border-radius:4px;padding:8px 12px;margin:8px 0;"
        "break-inside:avoid}.check h3{font-size:1em;margin:0 0 .3em}.st{font-weight:bold}"
        ".fail{border-left-color:#b3261e}.warn{border-left-color:#8a6100}.pass{border-left-color:#1e7b3a}"
        ".skip{border-left-color:#9a9a9a;border-left-style:dashed}.id{font-family:monospace;color:#555}"
        ".evidence{white-space:pre-wrap;word-break:break-word}.remedy{margin-top:.3em}"
        "@media print{body{margin:0;max-width:none}.check{page-break-inside:avoid}a{color:inherit}}"
        "</style></head><body>");
    html += QStringLiteral("<h1>%1</h1>").arg(esc(tr("Brand Portal connection diagnosis")));
    html += QStringLiteral("<p class=\"meta\">%1 · %2 · %3</p>")
                .arg(esc(report.aemUrl),
                     esc(QStringLiteral("%1%2").arg(
                         deploymentDisplayName(report.deployment),
                         report.version.isEmpty() ? QString() : QStringLiteral(" ") + report.version)),
                     esc(configStateDisplayName(report.state)));
    const QString verdict = counts[VerifyCheck::Fail] > 0
                                ? tr("✖ %n check(s) failed: publishing to Brand Portal is affected.", nullptr,
                                     counts[VerifyCheck::Fail])
                                : tr("✔ No check failed.");
    html += QStringLiteral("<p class=\"summary\"><b>%1</b> %2</p>")
                .arg(esc(verdict), esc(tr("%1 passed, %2 warned, %3 failed, %4 skipped.")
                                           .arg(counts[VerifyCheck::Pass])
                                           .arg(counts[VerifyCheck::Warn])
                                           .arg(counts[VerifyCheck::Fail])
                                           .arg(counts[VerifyCheck::Skip])));
    html += svg;
    // What to fix first: the failed checks, linking to their sections.
    if (counts[VerifyCheck::Fail] > 0) {
        html += QStringLiteral("<p><b>%1</b></p><ol>").arg(esc(tr("To fix:")));
        for (const DiagnoseCheck &c : report.checks) {
            if (c.status == VerifyCheck::Fail)
                html += QStringLiteral("<li><a href=\"#check-%1\">%2</a></li>").arg(esc(c.id), esc(c.title));
        }
        html += QStringLiteral("</ol>");
    }
    // The same facts as text, for screen readers and for a printout in black and white.
    html += QStringLiteral("<ul>");
    for (const Link &l : links)
        html += QStringLiteral("<li>%1: %2 %3</li>")
                    .arg(esc(l.name), symbol(l.status), esc(statusWord(l.status)));
    html += QStringLiteral("</ul>");

    html += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Checks")));
    for (const DiagnoseCheck &c : report.checks) {
        const QString cls = verifyStatusId(c.status);
        html +=
            QStringLiteral("<div class=\"check %1\" id=\"check-%5\"><h3><span class=\"st\">%2 %3</span> — %4 "
                           "<span class=\"id\">(%5, %6)</span></h3>")
                .arg(cls, symbol(c.status), esc(statusWord(c.status)), esc(c.title), esc(c.id),
                     esc(severityId(c.severity)));
        html += QStringLiteral("<div class=\"evidence\">%1</div>").arg(esc(c.evidence));
        if (!c.remedy.isEmpty() && c.status != VerifyCheck::Pass)
            html += QStringLiteral("<div class=\"remedy\"><b>%1</b> %2</div>")
                        .arg(esc(tr("What to do:")), esc(c.remedy));
        html += QStringLiteral("</div>");
    }

    html += QStringLiteral("<h2>%1</h2><table>").arg(esc(tr("Environment")));
    const auto row = [&html](const QString &k, const QString &v) {
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    row(tr("AEM"), report.aemUrl);
    row(tr("Deployment"), deploymentDisplayName(report.deployment));
    row(tr("Version"), report.version.isEmpty() ? tr("not read") : report.version);
    row(tr("Configuration"), configStateDisplayName(report.state));
    row(tr("Tenant"), report.tenant.isEmpty() ? tr("none found") : report.tenant);
    row(tr("Diagnosis took"), tr("%1 ms").arg(report.durationMs));
    row(tr("Tool"), QStringLiteral("bpsetup %1").arg(report.toolVersion));
    row(tr("Generated"), generatedUtc.toUTC().toString(Qt::ISODate));
    html += QStringLiteral("</table>");
    html +=
        QStringLiteral("<p class=\"meta\">%1</p>")
            .arg(esc(tr("Made by bpsetup diagnose, which only reads from AEM. Passwords, tokens, keys and "
                        "secrets are removed before this page is written.")));
    html += QStringLiteral("</body></html>\n");
    return html;
}

QString DiagnoseHtml::renderFleet(const QList<FleetResult> &results, const QDateTime &generatedUtc)
{
    // Each instance's section is its own report's body, its anchors made unique by an instance prefix.
    const QString empty = render(DiagnoseReport(), generatedUtc);
    QString html = empty.left(empty.indexOf(QLatin1String("<body>")) + 6);
    html.replace(QRegularExpression(QStringLiteral("<title>[^<]*</title>")),
                 QStringLiteral("<title>%1</title>")
                     .arg(esc(tr("Brand Portal diagnosis of %n instance(s)", nullptr, int(results.size())))));
    html += QStringLiteral("<h1>%1</h1>")
                .arg(esc(tr("Brand Portal diagnosis of %n instance(s)", nullptr, int(results.size()))));
    int ok = 0, failing = 0, unreachable = 0;
    for (const FleetResult &r : results) {
        const QString s = r.statusId();
        ok += s == QLatin1String("ok");
        failing += s == QLatin1String("failing");
        unreachable += s == QLatin1String("unreachable") || s == QLatin1String("timeout");
    }
    html += QStringLiteral("<p class=\"summary\">%1</p>")
                .arg(esc(tr("%1 without failures, %2 with failing checks, %3 not reached.")
                             .arg(ok)
                             .arg(failing)
                             .arg(unreachable)));
    html += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                .arg(esc(tr("Instance")), esc(tr("Result")), esc(tr("Version")), esc(tr("Configuration")),
                     esc(tr("Failing checks")));
    for (int i = 0; i < results.size(); ++i) {
        const FleetResult &r = results[i];
        const QString s = r.statusId();
        const QString result = s == QLatin1String("ok")        ? QStringLiteral("✔ ") + tr("no failure")
                               : s == QLatin1String("failing") ? QStringLiteral("✖ ") + tr("failing")
                               : s == QLatin1String("timeout") ? QStringLiteral("⏱ ") + tr("timed out")
                                                               : QStringLiteral("✖ ") + tr("not reached");
        html +=
            QStringLiteral("<tr><td><a href=\"#i%1\">%2</a><br><span class=\"id\">%3</span></td><td>%4</td>"
                           "<td>%5</td><td>%6</td><td>%7</td></tr>")
                .arg(QString::number(i + 1), esc(r.name), esc(r.url), esc(result),
                     esc(r.finished ? r.report.version : QString()),
                     esc(r.finished ? configStateDisplayName(r.report.state) : r.error.userMessage),
                     esc(r.report.failing().join(QStringLiteral(", "))));
    }
    html += QStringLiteral("</table>");
    for (int i = 0; i < results.size(); ++i) {
        const FleetResult &r = results[i];
        html += QStringLiteral("<section id=\"i%1\"><h2>%2 — %3</h2>")
                    .arg(QString::number(i + 1), esc(r.name), esc(r.url));
        if (!r.finished) {
            html += QStringLiteral("<div class=\"check fail\"><div class=\"evidence\">%1</div>"
                                   "<div class=\"remedy\"><b>%2</b> %3</div></div>")
                        .arg(esc(r.error.userMessage), esc(tr("What to do:")), esc(r.error.remedy));
        } else {
            QString page = render(r.report, generatedUtc);
            QString section = page.mid(page.indexOf(QLatin1String("<body>")) + 6);
            section.chop(section.size() - section.lastIndexOf(QLatin1String("</body>")));
            const QString prefix = QStringLiteral("i%1-").arg(i + 1);
            section.replace(QStringLiteral("id=\"check-"),
                            QStringLiteral("id=\"") + prefix + QStringLiteral("check-"));
            section.replace(QStringLiteral("href=\"#check-"),
                            QStringLiteral("href=\"#") + prefix + QStringLiteral("check-"));
            section.replace(QStringLiteral("id=\"chainTitle\""),
                            QStringLiteral("id=\"") + prefix + QStringLiteral("chainTitle\""));
            section.replace(QStringLiteral("aria-labelledby=\"chainTitle\""),
                            QStringLiteral("aria-labelledby=\"") + prefix + QStringLiteral("chainTitle\""));
            // The instance's own page title becomes a sub-heading.
            section.replace(QStringLiteral("<h1>"), QStringLiteral("<h3>"))
                .replace(QStringLiteral("</h1>"), QStringLiteral("</h3>"));
            html += section;
        }
        html += QStringLiteral("</section>");
    }
    html += QStringLiteral("</body></html>\n");
    return html;
}

Result<bool> DiagnoseHtml::save(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return Error(ErrorCode::Storage,
                     tr("The report could not be written to %1: %2").arg(path, file.errorString()))
            .withId(QStringLiteral("report-not-written"))
            .withRemedy(tr("Choose a folder you can write to, with free space."));
    return true;
}

} // namespace bp
