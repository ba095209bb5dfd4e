// SPDX-License-Identifier: Apache-2.0
#include "cli/DiagnoseCommand.h"

#include "aem/InstanceDetector.h"
#include "cli/ConnectionOptions.h"
#include "cli/DetectCommand.h"
#include "cli/ExitCode.h"
#include "cli/ReadOptions.h"
#include "diagnose/DiagnoseHtml.h"
#include "diagnose/DiagnoseTask.h"

#include "time/Clock.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}

QString statusLabel(VerifyCheck::Status status)
{
    switch (status) {
    case VerifyCheck::Pass:
        return DiagnoseCommand::tr("PASS");
    case VerifyCheck::Fail:
        return DiagnoseCommand::tr("FAIL");
    case VerifyCheck::Warn:
        return DiagnoseCommand::tr("WARN");
    case VerifyCheck::Skip:
        return DiagnoseCommand::tr("SKIP");
    }
    return QString();
}
} // namespace

int DiagnoseCommand::listChecks()
{
    const QList<DiagnoseCheckInfo> all = DiagnoseCatalogue::all();
    if (m_ctx.json) {
        QJsonArray list;
        for (const DiagnoseCheckInfo &i : all)
            list.append(QJsonObject{{QStringLiteral("id"), i.id},
                                    {QStringLiteral("severity"), severityId(i.severity)},
                                    {QStringLiteral("title"), i.title},
                                    {QStringLiteral("runsTests"), i.runsTests}});
        m_ctx.printJson(QJsonObject{{QStringLiteral("checks"), list}});
        return ExitOk;
    }
    for (const DiagnoseCheckInfo &i : all)
        m_ctx.out << QStringLiteral("%1  %2  %3%4")
                         .arg(i.id.leftJustified(26), severityId(i.severity).leftJustified(8), i.title,
                              i.runsTests ? tr(" (Test Connection: with --run-tests)") : QString())
                  << Qt::endl;
    return ExitOk;
}

void DiagnoseCommand::printHuman(const DiagnoseReport &report)
{
    QTextStream &o = m_ctx.out;
    o << tr("AEM:") << QLatin1Char(' ') << report.aemUrl << Qt::endl;
    o << tr("Deployment:") << QLatin1Char(' ')
      << QStringLiteral("%1 (%2)").arg(deploymentId(report.deployment),
                                       deploymentDisplayName(report.deployment));
    if (!report.version.isEmpty())
        o << QStringLiteral(", ") << report.version;
    o << Qt::endl;
    o << tr("Configuration:") << QLatin1Char(' ') << configStateDisplayName(report.state);
    if (!report.tenant.isEmpty())
        o << QStringLiteral(" (") << tr("tenant %1").arg(report.tenant) << QLatin1Char(')');
    o << Qt::endl << Qt::endl;
    int counts[4] = {0, 0, 0, 0};
    for (const DiagnoseCheck &c : report.checks) {
        ++counts[c.status];
        o << QStringLiteral("[%1] ").arg(statusLabel(c.status)) << c.id << QStringLiteral(" — ") << c.title
          << Qt::endl;
        if (!c.evidence.isEmpty())
            o << QStringLiteral("       ") << c.evidence << Qt::endl;
        if (!c.remedy.isEmpty() && c.status != VerifyCheck::Pass)
            o << QStringLiteral("       ") << tr("What to do: %1").arg(c.remedy) << Qt::endl;
    }
    o << Qt::endl
      << tr("%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).")
             .arg(report.checks.size())
             .arg(counts[VerifyCheck::Pass])
             .arg(counts[VerifyCheck::Warn])
             .arg(counts[VerifyCheck::Fail])
             .arg(counts[VerifyCheck::Skip])
             .arg(report.durationMs)
      << Qt::endl;
}

int DiagnoseCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Read-only health checks of one AEM author's Brand Portal connection, each with the evidence read "
           "and a remedy: version and OAuth support, configuration state, IMS and cloud configurations, "
           "tenant URL, leftovers, replication agents and queues (6.5) or the distribution agent (Cloud "
           "Service), clock difference and proxy. Nothing is written; with --run-tests the agents' Test "
           "Connection requests are sent too. Exit 0 when no check fails, 1 when one does, 3 when AEM cannot "
           "be reached."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(
        QStringLiteral("json"), tr("Print one JSON object on stdout: ok, deployment, version, state, tenant, "
                                   "durationMs, toolVersion, checks (id, status, severity, title, evidence, "
                                   "remedy)."));
    const QCommandLineOption checks(QStringLiteral("checks"),
                                    tr("Run only these checks (comma-separated ids; see --list-checks)."),
                                    tr("IDS"));
    const QCommandLineOption listChecksOption(QStringLiteral("list-checks"),
                                              tr("List the checks (id, severity, title) and exit."));
    const QCommandLineOption runTests(QStringLiteral("run-tests"),
                                      tr("Also run the agents' Test Connection (it sends a test package "
                                         "through each agent; the only requests diagnose may send that are "
                                         "not reads)."));
    const QCommandLineOption report(
        QStringLiteral("report"),
        tr("Also write the report as one self-contained HTML file (opens offline, "
           "prints well; no secret can reach it)."),
        tr("FILE.html"));
    const QCommandLineOption maskHosts(
        QStringLiteral("mask-hosts"),
        tr("Replace host names and tenant names with stable placeholders "
           "(aem-host-1, tenant-1) in the report and the JSON, so a customer can "
           "send it."));
    const ReadOptions readOptions;
    ConnectionOptions connectionOptions;
    parser.addOptions({help, json, checks, listChecksOption, runTests, report, maskHosts});
    readOptions.addTo(parser);
    connectionOptions.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup diagnose --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("diagnose"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup diagnose --help).")
                                    .arg(parser.positionalArguments().first())));
    if (parser.isSet(listChecksOption))
        return listChecks();
    DiagnoseTask::Options options;
    options.runTests = parser.isSet(runTests);
    if (parser.isSet(checks)) {
        for (const QString &id : parser.value(checks).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString trimmed = id.trimmed();
            if (!DiagnoseCatalogue::find(trimmed))
                return m_ctx.fail(usage(
                    tr("Unknown check \"%1\" (bpsetup diagnose --list-checks lists them).").arg(trimmed)));
            options.checks << trimmed;
        }
    }
    const auto read = readOptions.resolve(parser);
    if (!read)
        return m_ctx.fail(read.error());
    options.detect = read.value().detect;
    options.recipe = read.value().recipe;
    options.manualVersion = read.value().manualVersion;
    const auto connection = connectionOptions.resolve(parser, m_ctx);
    if (!connection)
        return m_ctx.fail(connection.error());

    DiagnoseTask task(connection.value(), m_ctx.clock(), options);
    if (!m_ctx.json)
        QObject::connect(&task, &Task::progressChanged, &task,
                         [this](qint64 done, qint64 total, const QString &label) {
                             if (total > 0)
                                 m_ctx.err << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(label);
                             else
                                 m_ctx.err << label;
                             m_ctx.err << Qt::endl;
                         });
    m_ctx.run(task);
    if (!task.succeeded()) {
        QJsonObject extra;
        if (const VerifyTask *verify = task.verify()) {
            if (const InstanceDetector *detector = verify->detector()) {
                const CertificateInfo &cert = detector->untrustedCertificate();
                if (!cert.isNull()) {
                    extra.insert(QStringLiteral("certificate"), DetectCommand::certificateJson(cert));
                    DetectCommand::printCertificate(m_ctx, cert);
                }
            }
        }
        return m_ctx.fail(task.error(), extra);
    }
    connectionOptions.rememberTrust(m_ctx, connection.value(),
                                    task.verify()->detector()->snapshot().pinsUsed);
    // Everything printed or written goes through the scrubber first: no secret, and with --mask-hosts no
    // host or tenant name.
    ReportScrubber scrubber;
    scrubber.addSecret(connection.value().password);
    scrubber.addSecret(connection.value().bearerToken);
    scrubber.setMaskHosts(parser.isSet(maskHosts));
    const DiagnoseReport result = scrubber.scrub(task.report());
    if (parser.isSet(report)) {
        const Result<bool> saved = DiagnoseHtml::save(
            parser.value(report), DiagnoseHtml::render(result, m_ctx.clock().nowUtc()).toUtf8());
        if (!saved)
            return m_ctx.fail(saved.error());
        if (!m_ctx.json)
            m_ctx.err << tr("Report written to %1").arg(parser.value(report)) << Qt::endl;
    }
    if (m_ctx.json) {
        QJsonObject out = result.toJson();
        out.insert(QStringLiteral("writes"), task.writeCount());
        m_ctx.printJson(out);
    } else {
        printHuman(result);
    }
    return result.ok() ? ExitOk : ExitCheckFailed;
}

} // namespace bp::cli
