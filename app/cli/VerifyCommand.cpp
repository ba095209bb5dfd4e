// SPDX-License-Identifier: Apache-2.0
#include "cli/VerifyCommand.h"

#include "aem/InstanceDetector.h"
#include "cli/ConnectionOptions.h"
#include "cli/DetectCommand.h"
#include "cli/ExitCode.h"
#include "cli/ReadOptions.h"
#include "verify/VerifyTask.h"

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
        return VerifyCommand::tr("PASS");
    case VerifyCheck::Fail:
        return VerifyCommand::tr("FAIL");
    case VerifyCheck::Warn:
        return VerifyCommand::tr("WARN");
    case VerifyCheck::Skip:
        return VerifyCommand::tr("SKIP");
    }
    return QString();
}
} // namespace

void VerifyCommand::printHuman(const QString &aemUrl, const VerifyReport &report)
{
    QTextStream &o = m_ctx.out;
    o << tr("AEM:") << QLatin1Char(' ') << aemUrl << Qt::endl;
    o << tr("Deployment:") << QLatin1Char(' ')
      << QStringLiteral("%1 (%2)").arg(deploymentId(report.deployment),
                                       deploymentDisplayName(report.deployment))
      << Qt::endl;
    if (!report.checklist.isEmpty()) {
        o << Qt::endl
          << tr("Activating Brand Portal on Cloud Service (done by a person; bpsetup writes nothing):")
          << Qt::endl;
        for (int i = 0; i < report.checklist.size(); ++i)
            o << QStringLiteral("  %1. ").arg(i + 1) << report.checklist.at(i) << Qt::endl;
        o << Qt::endl;
    }
    for (const VerifyCheck &c : report.checks) {
        o << QStringLiteral("[%1] ").arg(statusLabel(c.status)) << c.id << QStringLiteral(" — ") << c.title
          << Qt::endl;
        if (!c.evidence.isEmpty())
            o << QStringLiteral("       ") << c.evidence << Qt::endl;
        if (!c.remedy.isEmpty() && c.status != VerifyCheck::Pass)
            o << QStringLiteral("       ") << tr("What to do: %1").arg(c.remedy) << Qt::endl;
    }
    if (const VerifyCheck *failed = report.firstFailure())
        o << tr("Verify failed at %1: %2").arg(failed->id, failed->remedy) << Qt::endl;
    else
        o << tr("Verify passed: the configured chain works.") << Qt::endl;
}

int VerifyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Checks the configured Brand Portal chain end to end: IMS configuration present and in OAuth mode, "
        "the cloud configuration pointing at it, every replication agent's Test Connection (6.5) or the "
        "distribution agent bpdistributionagent0's Test Connection (Cloud Service, after the activation "
        "checklist), and idle queues. The only requests that may change anything are the agents' test "
        "requests. Exit 0 when every check passes, 1 when one fails (named with its remedy)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  tr("Print one JSON object on stdout: ok, deployment, checks (id, status, "
                                     "evidence, remedy)."));
    const ReadOptions readOptions;
    ConnectionOptions connectionOptions;
    parser.addOptions({help, json});
    readOptions.addTo(parser);
    connectionOptions.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup verify --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("verify"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup verify --help).")
                                    .arg(parser.positionalArguments().first())));
    const auto read = readOptions.resolve(parser);
    if (!read)
        return m_ctx.fail(read.error());
    const auto connection = connectionOptions.resolve(parser, m_ctx);
    if (!connection)
        return m_ctx.fail(connection.error());

    VerifyTask task(connection.value(), m_ctx.clock());
    task.setDetectionRecipe(read.value().detect);
    task.setApplyRecipe(read.value().recipe);
    task.setManualVersion(read.value().manualVersion);
    m_ctx.printProgress(task);
    m_ctx.run(task);

    if (!task.succeeded())
        return m_ctx.fail(DetectCommand::withUntrustedCertificate(task.error(), task.detector()));
    connectionOptions.rememberTrust(m_ctx, connection.value(), task.detector()->snapshot().pinsUsed);
    const VerifyReport &report = task.report();
    if (m_ctx.json) {
        QJsonArray checks;
        for (const VerifyCheck &c : report.checks) {
            QJsonObject o{{QStringLiteral("id"), c.id},
                          {QStringLiteral("status"), verifyStatusId(c.status)},
                          {QStringLiteral("title"), c.title},
                          {QStringLiteral("evidence"), c.evidence}};
            if (!c.remedy.isEmpty())
                o.insert(QStringLiteral("remedy"), c.remedy);
            checks.append(o);
        }
        QJsonObject out{{QStringLiteral("ok"), report.ok()},
                        {QStringLiteral("deployment"), deploymentId(report.deployment)},
                        {QStringLiteral("configurationState"), configStateId(report.state)},
                        {QStringLiteral("checks"), checks},
                        {QStringLiteral("writes"), task.writeCount()}};
        if (!report.tenant.isEmpty())
            out.insert(QStringLiteral("tenant"), report.tenant);
        if (const VerifyCheck *failed = report.firstFailure())
            out.insert(QStringLiteral("failed"), failed->id);
        if (!report.checklist.isEmpty())
            out.insert(QStringLiteral("checklist"), QJsonArray::fromStringList(report.checklist));
        m_ctx.printJson(out);
    } else {
        printHuman(connection.value().baseUrl.toString(), report);
    }
    return report.ok() ? ExitOk : ExitCheckFailed;
}

} // namespace bp::cli
