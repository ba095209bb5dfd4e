// SPDX-License-Identifier: Apache-2.0
#include "cli/PlanCommand.h"

#include "apply/CreateSession.h"
#include "cli/CreateOptions.h"
#include "cli/ExitCode.h"
#include "time/Clock.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace bp::cli {

int PlanCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author (or upgrading the "
        "existing one) would change: the prerequisites, then each object with its field-level diff (secrets "
        "as ***). Read-only: sends no "
        "write request."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    CreateOptions options;
    parser.addOptions({help, json});
    options.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usageError(parser.errorText() + tr(" (see bpsetup plan --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("plan"));
        return ExitOk;
    }
    Result<CreateInputs> in = options.resolve(parser, m_ctx, QStringLiteral("plan"));
    if (!in)
        return m_ctx.fail(in.error());

    CreateSession session(in.value(), WritePolicy::Refuse, m_ctx.clock(), BackupStore(m_ctx.backupsPath()));
    std::unique_ptr<Task> task(session.makePlanTask());
    if (!m_ctx.json)
        m_ctx.err << tr("Reading %1 and checking the credential with Adobe IMS…")
                         .arg(in.value().connection.baseUrl.toString())
                  << Qt::endl;
    m_ctx.run(*task);
    if (!task->succeeded())
        return m_ctx.fail(task->error());
    const Plan &plan = session.plan();
    if (m_ctx.json) {
        QJsonObject out = plan.toJson();
        out.insert(QStringLiteral("ok"), !plan.blocking());
        out.insert(QStringLiteral("writes"), session.writeCount());
        m_ctx.printJson(out);
    } else {
        m_ctx.out << plan.toText();
    }
    return plan.blocking() ? ExitUnsupported : ExitOk;
}

int BackupsCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the backups apply saved before changing an instance."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions({help, json});
    if (!parser.parse(arguments))
        return m_ctx.fail(usageError(parser.errorText() + tr(" (see bpsetup backups --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("backups"));
        return ExitOk;
    }
    const QStringList rest = parser.positionalArguments();
    if (rest.value(0) != QLatin1String("list") || rest.size() > 1)
        return m_ctx.fail(usageError(tr("Usage: bpsetup backups list [--json]")));
    const BackupStore store(m_ctx.backupsPath());
    const QList<BackupSummary> list = store.list();
    if (m_ctx.json) {
        QJsonArray items;
        for (const BackupSummary &b : list) {
            QJsonObject o{{QStringLiteral("id"), b.id},
                          {QStringLiteral("createdUtc"), b.createdUtc.toString(Qt::ISODate)},
                          {QStringLiteral("aemUrl"), b.aemUrl},
                          {QStringLiteral("objects"), b.objectCount},
                          {QStringLiteral("package"), b.hasPackage},
                          {QStringLiteral("folder"), store.folder(b.id)}};
            if (!b.problem.isEmpty())
                o.insert(QStringLiteral("problem"), b.problem);
            items.append(o);
        }
        m_ctx.printJson({{QStringLiteral("ok"), true},
                         {QStringLiteral("root"), store.root()},
                         {QStringLiteral("backups"), items}});
        return ExitOk;
    }
    if (list.isEmpty()) {
        m_ctx.out << tr("No backups in %1.").arg(store.root()) << Qt::endl;
        return ExitOk;
    }
    for (const BackupSummary &b : list) {
        if (!b.problem.isEmpty())
            m_ctx.out << tr("%1  damaged: %2").arg(b.id, b.problem) << Qt::endl;
        else
            m_ctx.out << tr("%1  %2  %3 object(s)%4")
                             .arg(b.id, b.aemUrl)
                             .arg(b.objectCount)
                             .arg(b.hasPackage ? tr(", content package") : QString())
                      << Qt::endl;
    }
    return ExitOk;
}

} // namespace bp::cli
