// SPDX-License-Identifier: Apache-2.0
#include "cli/DiagnoseCommand.h"

#include "aem/InstanceDetector.h"
#include "cli/ConnectionOptions.h"
#include "cli/DetectCommand.h"
#include "cli/ExitCode.h"
#include "cli/ReadOptions.h"
#include "diagnose/DiagnoseHtml.h"
#include "diagnose/DiagnoseTask.h"
#include "diagnose/FleetTask.h"
#include "io/BoundedFile.h"
#include "services/SavedConnection.h"
#include "services/TrustedCertificates.h"

#include "time/Clock.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
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
    m_ctx.out << DiagnoseText::summary(report) << Qt::flush;
}

int DiagnoseCommand::runFleet(const QCommandLineParser &parser, const ConnectionOptions &connectionOptions,
                              const FleetRun &run)
{
    const auto data = BoundedFile::read(run.inventoryPath, InputFileKind::Inventory);
    if (!data)
        return m_ctx.fail(data.error());
    const auto entries = Inventory::parse(data.value());
    if (!entries)
        return m_ctx.fail(entries.error());
    // One password for every URL entry (profiles bring their own from the keychain), read once.
    SecretString shared;
    const bool needsPassword = std::any_of(entries.value().begin(), entries.value().end(),
                                           [](const InventoryEntry &e) { return e.profile.isEmpty(); });
    if (needsPassword) {
        if (parser.isSet(connectionOptions.passwordStdin)) {
            if (!m_ctx.readSecretLine(&shared,
                                      tr("Password for the instances of %1: ").arg(run.inventoryPath)))
                return m_ctx.fail(usage(tr("--password-stdin was given but stdin had no password.")));
        } else {
            shared = SecretString(qEnvironmentVariable("BPSETUP_AEM_PASSWORD"));
        }
        if (shared.isEmpty())
            return m_ctx.fail(
                usage(tr("The inventory lists URLs: give their password with --password-stdin (one "
                         "for all) or BPSETUP_AEM_PASSWORD, or list saved profiles instead.")));
    }
    const auto timeoutMs = timeoutOption(parser, connectionOptions.timeout, NetworkSettings().timeoutMs);
    if (!timeoutMs)
        return m_ctx.fail(timeoutMs.error());
    TrustedCertificates trusted(m_ctx.trustStorePath(), m_ctx.clock());
    QList<FleetTask::Instance> instances;
    ReportScrubber scrubber;
    scrubber.setMaskHosts(run.maskHosts);
    for (const InventoryEntry &e : entries.value()) {
        AemConnection c;
        QString pin;
        if (!e.profile.isEmpty()) {
            SavedConnectionLoader loader(&m_ctx.profiles(), e.profile,
                                         {SecretKind::AemToken, SecretKind::AemPassword}, m_ctx.clock());
            m_ctx.run(loader);
            if (!loader.succeeded())
                return m_ctx.fail(loader.error());
            c = loader.result().connection;
            pin = loader.result().profile.pinnedSha256;
        }
        if (!e.url.isEmpty()) {
            const auto url = parseAemUrl(e.url);
            if (!url)
                return m_ctx.fail(url.error());
            c.baseUrl = url.value();
        }
        if (!e.user.isEmpty())
            c.user = e.user;
        if (e.profile.isEmpty())
            c.password = shared;
        c.network.caFile = parser.value(connectionOptions.caFile);
        c.network.proxyUrl = parser.value(connectionOptions.proxy);
        c.network.timeoutMs = timeoutMs.value();
        trusted.addSavedPins(c.network, c.baseUrl, pin);
        scrubber.addSecret(c.password);
        scrubber.addSecret(c.bearerToken);
        instances << FleetTask::Instance{e.name, c};
    }

    FleetTask::Options fleetOptions;
    fleetOptions.parallel = run.parallel;
    fleetOptions.instanceTimeoutMs = run.instanceTimeoutMs;
    fleetOptions.diagnose = run.options;
    FleetTask task(instances, m_ctx.clock(), fleetOptions);
    const bool redraw = !m_ctx.json && m_ctx.stderrIsTerminal();
    int done = 0;
    QObject::connect(&task, &FleetTask::instanceFinished, &task, [this, &task, redraw, &done](int index) {
        if (m_ctx.json)
            return;
        const FleetResult &r = task.results().at(index);
        const QString line =
            QStringLiteral("[%1/%2] %3: %4").arg(++done).arg(task.results().size()).arg(r.name, r.statusId());
        // A terminal gets one progress line redrawn in place; a log gets a line per instance.
        if (redraw)
            m_ctx.err << QStringLiteral("\r\x1b[K") << line << Qt::flush;
        else
            m_ctx.err << line << Qt::endl;
    });
    m_ctx.run(task);
    if (redraw)
        m_ctx.err << Qt::endl;
    if (!task.succeeded())
        return m_ctx.fail(task.error());

    QList<FleetResult> results = task.results();
    for (FleetResult &r : results) {
        if (r.finished)
            r.report = scrubber.scrub(r.report);
        r.url = scrubber.scrub(r.url);
        r.name = scrubber.scrub(r.name);
        r.error.userMessage = scrubber.scrub(r.error.userMessage);
    }
    if (!run.reportPath.isEmpty()) {
        const Result<bool> saved = DiagnoseHtml::save(
            run.reportPath, DiagnoseHtml::renderFleet(results, m_ctx.clock().nowUtc()).toUtf8());
        if (!saved)
            return m_ctx.fail(saved.error());
    }
    int unreachable = 0, failing = 0;
    for (const FleetResult &r : results) {
        unreachable += !r.finished;
        failing += r.finished && !r.report.ok();
    }
    if (m_ctx.json) {
        QJsonArray list;
        for (const FleetResult &r : results) {
            QJsonObject o{{QStringLiteral("name"), r.name},
                          {QStringLiteral("url"), r.url},
                          {QStringLiteral("status"), r.statusId()},
                          {QStringLiteral("durationMs"), r.durationMs}};
            if (r.finished)
                o.insert(QStringLiteral("report"), r.report.toJson());
            else
                o.insert(QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"),
                                      r.error.id.isEmpty() ? errorCodeName(r.error.code) : r.error.id},
                                     {QStringLiteral("message"), r.error.userMessage},
                                     {QStringLiteral("remedy"), r.error.remedy}});
            list.append(o);
        }
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), unreachable == 0 && failing == 0},
                                    {QStringLiteral("instances"), list},
                                    {QStringLiteral("failing"), failing},
                                    {QStringLiteral("unreachable"), unreachable},
                                    {QStringLiteral("toolVersion"), QStringLiteral(BPSETUP_VERSION)}});
    } else {
        QTextStream &o = m_ctx.out;
        o << QStringLiteral("%1  %2  %3  %4  %5")
                 .arg(tr("Instance").leftJustified(28), tr("Result").leftJustified(11),
                      tr("Version").leftJustified(10), tr("State").leftJustified(14), tr("Failing checks"))
          << Qt::endl;
        for (const FleetResult &r : results)
            o << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(r.name.left(28).leftJustified(28), r.statusId().leftJustified(11),
                          (r.finished ? r.report.version : QString()).leftJustified(10),
                          (r.finished ? configStateId(r.report.state) : QString()).leftJustified(14),
                          r.finished ? r.report.failing().join(QStringLiteral(",")) : r.error.userMessage)
              << Qt::endl;
        o << tr("%n instance(s):", nullptr, int(results.size())) << QLatin1Char(' ')
          << tr("%1 without failures, %2 with failing checks, %3 not reached.")
                 .arg(int(results.size()) - failing - unreachable)
                 .arg(failing)
                 .arg(unreachable)
          << Qt::endl;
    }
    // For orchestration: 3 when an instance could not be reached, else 1 when a check failed somewhere.
    return unreachable > 0 ? ExitUnreachable : failing > 0 ? ExitCheckFailed : ExitOk;
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
    const QCommandLineOption inventory(
        QStringLiteral("inventory"),
        tr("Diagnose every instance FILE lists (CSV with a header name,url,user,"
           "profile, or a JSON array of such objects): passwords from the "
           "profiles' keychain entries or one --password-stdin for all."),
        tr("FILE"));
    const QCommandLineOption parallel(QStringLiteral("parallel"),
                                      tr("With --inventory: how many instances at a time (default 16)."),
                                      tr("N"));
    const QCommandLineOption instanceTimeout(QStringLiteral("instance-timeout"),
                                             tr("With --inventory: seconds one instance may take before it "
                                                "is reported as timed out (default 120)."),
                                             tr("S"));
    const ReadOptions readOptions;
    ConnectionOptions connectionOptions;
    parser.addOptions({help, json, checks, listChecksOption, runTests, report, maskHosts, inventory, parallel,
                       instanceTimeout});
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
    if (parser.isSet(inventory)) {
        if (parser.isSet(connectionOptions.aem) || parser.isSet(connectionOptions.profile))
            return m_ctx.fail(usage(tr("--inventory lists the instances: leave out --aem and --profile.")));
        FleetRun fleet;
        fleet.inventoryPath = parser.value(inventory);
        fleet.options = options;
        fleet.maskHosts = parser.isSet(maskHosts);
        fleet.reportPath = parser.isSet(report) ? parser.value(report) : QString();
        for (const auto &[option, target, max] :
             {std::tuple{&parallel, &fleet.parallel, 64},
              std::tuple{&instanceTimeout, &fleet.instanceTimeoutMs, 3600}}) {
            if (!parser.isSet(*option))
                continue;
            bool ok = false;
            const int n = parser.value(*option).toInt(&ok);
            if (!ok || n < 1 || n > max)
                return m_ctx.fail(usage(tr("--%1 takes a number from 1 to %2, not \"%3\".")
                                            .arg(option->names().constFirst())
                                            .arg(max)
                                            .arg(parser.value(*option))));
            *target = option == &instanceTimeout ? n * 1000 : n;
        }
        return runFleet(parser, connectionOptions, fleet);
    }
    if (parser.isSet(parallel) || parser.isSet(instanceTimeout))
        return m_ctx.fail(usage(tr("--parallel and --instance-timeout go with --inventory.")));
    const auto connection = connectionOptions.resolve(parser, m_ctx);
    if (!connection)
        return m_ctx.fail(connection.error());

    DiagnoseTask task(connection.value(), m_ctx.clock(), options);
    m_ctx.printProgress(task);
    m_ctx.run(task);
    if (!task.succeeded())
        return m_ctx.fail(DetectCommand::withUntrustedCertificate(
            task.error(), task.verify() ? task.verify()->detector() : nullptr));
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
