// SPDX-License-Identifier: Apache-2.0
#include "cli/ApplyCommand.h"

#include "apply/CreateSession.h"
#include "apply/RollbackSession.h"
#include "cli/CreateOptions.h"
#include "cli/ExitCode.h"
#include "time/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bp::cli {

namespace {

QJsonObject stepJson(const StepOutcome &o)
{
    QJsonObject j{{QStringLiteral("id"), o.stepId},
                  {QStringLiteral("title"), o.title},
                  {QStringLiteral("status"), stepStatusId(o.status)},
                  {QStringLiteral("durationMs"), o.durationMs}};
    if (o.error.isError())
        j.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("id"), o.error.stableId()},
                                                      {QStringLiteral("message"), o.error.userMessage},
                                                      {QStringLiteral("remedy"), o.error.remedy}});
    return j;
}

QJsonObject testJson(const TestOutcome &t)
{
    QJsonObject j{{QStringLiteral("id"), t.id},
                  {QStringLiteral("target"), t.target},
                  {QStringLiteral("passed"), t.passed},
                  {QStringLiteral("message"), t.message},
                  {QStringLiteral("durationMs"), t.durationMs}};
    if (!t.remedy.isEmpty())
        j.insert(QStringLiteral("remedy"), t.remedy);
    return j;
}

} // namespace

QJsonObject ApplyCommand::report(const ApplyRun &run) const
{
    QJsonArray steps;
    for (const StepOutcome &o : run.outcomes())
        steps.append(stepJson(o));
    QJsonArray tests;
    for (const TestOutcome &t : run.tests())
        tests.append(testJson(t));
    QJsonObject out{{QStringLiteral("ok"), run.succeeded()},
                    {QStringLiteral("steps"), steps},
                    {QStringLiteral("tests"), tests}};
    out.insert(QStringLiteral("backupId"), run.backupSaved() ? QJsonValue(run.backup().id) : QJsonValue());
    if (run.backupSaved())
        out.insert(QStringLiteral("backupFolder"), run.backupFolder());
    return out;
}

void ApplyCommand::printOutcome(const ApplyRun &run)
{
    for (const StepOutcome &o : run.outcomes()) {
        m_ctx.out << QStringLiteral("  %1  %2 (%3 ms)")
                         .arg(stepStatusId(o.status), -10)
                         .arg(o.title)
                         .arg(o.durationMs)
                  << Qt::endl;
        if (o.error.isError())
            m_ctx.out << QStringLiteral("      ") << o.error.userMessage << Qt::endl;
    }
    if (!run.tests().isEmpty()) {
        m_ctx.out << tr("Tests:") << Qt::endl;
        for (const TestOutcome &t : run.tests()) {
            m_ctx.out << QStringLiteral("  %1  %2").arg(t.passed ? tr("pass") : tr("FAIL"), -4).arg(t.message)
                      << Qt::endl;
            if (!t.passed && !t.remedy.isEmpty())
                m_ctx.out << QStringLiteral("        ") << tr("What to do: %1").arg(t.remedy) << Qt::endl;
        }
    }
    if (run.backupSaved())
        m_ctx.out << tr("Backup: %1 (%2)").arg(run.backup().id, run.backupFolder()) << Qt::endl;
}

int ApplyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Creates the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author, or switches an existing "
           "JWT one to OAuth Server-to-Server: shows the plan, saves a "
           "backup of every object it touches, applies and verifies each step, then tests every Brand Portal "
           "replication agent. Asks before changing anything unless --yes is given."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    tr("Print the plan and run it without any write request."));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask: apply the plan as shown."));
    const QCommandLineOption planFile(
        QStringLiteral("plan"),
        tr("A plan saved with `bpsetup plan --json`: apply refuses it if the instance changed since."),
        tr("FILE"));
    const QCommandLineOption packageBackup(
        QStringLiteral("package-backup"),
        tr("Also back up the touched objects as a content package built on the instance (Package Manager) "
           "and "
           "downloaded into the backup folder; the package stays under /etc/packages."));
    CreateOptions options;
    parser.addOptions({help, json, dryRun, yes, planFile, packageBackup});
    options.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usageError(parser.errorText() + tr(" (see bpsetup apply --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("apply"));
        return ExitOk;
    }
    const bool dry = parser.isSet(dryRun);
    QString expectedFingerprint;
    if (parser.isSet(planFile)) {
        const auto data = CliContext::readInputFile(parser.value(planFile), InputFileKind::Plan);
        if (!data)
            return m_ctx.fail(data.error());
        const auto saved = Plan::fromJson(QJsonDocument::fromJson(data.value()).object());
        if (!saved || saved.value().fingerprint.isEmpty())
            return m_ctx.fail(
                usageError(tr("%1 is not a plan saved with `bpsetup plan --json` (or it was a blocked plan).")
                               .arg(parser.value(planFile))));
        expectedFingerprint = saved.value().fingerprint;
    }
    // Without a terminal to ask on, a change needs --yes: a script must say so explicitly.
    if (!dry && !parser.isSet(yes) && !m_ctx.stdinIsTerminal())
        return m_ctx.fail(
            usageError(tr("apply changes AEM and stdin is not a terminal to ask on: pass --yes to "
                          "apply without asking, or --dry-run to see what it would do.")));
    Result<CreateInputs> in = options.resolve(parser, m_ctx, QStringLiteral("apply"));
    if (!in)
        return m_ctx.fail(in.error());
    in.value().contentPackageBackup = parser.isSet(packageBackup) && !dry;

    CreateSession session(in.value(), dry ? WritePolicy::Refuse : WritePolicy::Allow, m_ctx.clock(),
                          BackupStore(m_ctx.backupsPath()));
    std::unique_ptr<Task> planTask(session.makePlanTask());
    if (!m_ctx.json)
        m_ctx.err << tr("Reading %1 and checking the credential with Adobe IMS…")
                         .arg(in.value().connection.baseUrl.toString())
                  << Qt::endl;
    m_ctx.run(*planTask);
    if (!planTask->succeeded())
        return m_ctx.fail(planTask->error());
    const Plan &plan = session.plan();
    if (!m_ctx.json)
        m_ctx.out << plan.toText() << Qt::endl;
    if (plan.blocking()) {
        const Prerequisite first = plan.blockingPrerequisites().first();
        return m_ctx.fail(first.toError(), {}, {{QStringLiteral("plan"), plan.toJson()}});
    }
    if (!dry && !plan.isEmpty() && !parser.isSet(yes)) {
        if (!m_ctx.confirm(tr("Apply %n change(s) to %1?", nullptr, plan.changeCount())
                               .arg(in.value().connection.baseUrl.toString()))) {
            m_ctx.err << tr("Nothing was changed.") << Qt::endl;
            return m_ctx.fail(Error(ErrorCode::Cancelled, tr("Apply was not confirmed."))
                                  .withId(QStringLiteral("apply-not-confirmed")));
        }
    }

    ApplyRun *run = session.makeApplyRun(dry, expectedFingerprint);
    if (!m_ctx.json) {
        QObject::connect(run, &ApplyRun::stepChanged, run, [this, run](int index) {
            const StepOutcome &o = run->outcomes().at(index);
            if (o.status == StepStatus::Applying || o.status == StepStatus::Done ||
                o.status == StepStatus::Failed)
                m_ctx.err << QStringLiteral("[%1/%2] %3: %4")
                                 .arg(index + 1)
                                 .arg(run->outcomes().size())
                                 .arg(o.title, stepStatusId(o.status))
                          << Qt::endl;
        });
    }
    m_ctx.run(*run);
    QJsonObject out = report(*run);
    out.insert(QStringLiteral("route"), plan.route);
    out.insert(QStringLiteral("dryRun"), dry);
    out.insert(QStringLiteral("writes"), session.writeCount());
    if (run->succeeded()) {
        if (m_ctx.json) {
            m_ctx.printJson(out);
        } else {
            printOutcome(*run);
            m_ctx.out << (dry ? tr("Dry run: nothing was written.")
                          : plan.isEmpty()
                              ? tr("Nothing to do: the configuration is in place.")
                              : tr("Done: the Brand Portal configuration is in place and tested."))
                      << Qt::endl;
        }
        return ExitOk;
    }
    if (!m_ctx.json)
        printOutcome(*run);
    const int code = m_ctx.fail(run->error(), {}, out);
    // Offer the rollback where someone can answer; scripts get the command in the remedy.
    if (!m_ctx.json && run->wroteAnything() && run->backupSaved() && !parser.isSet(yes) &&
        m_ctx.confirm(tr("Roll back to the state before apply (backup %1)?").arg(run->backup().id))) {
        RollbackSession rollback(in.value().connection, BackupStore(m_ctx.backupsPath()), run->backup().id,
                                 in.value().recipe, in.value().detect, &m_ctx.clock());
        Task *task = rollback.makeTask();
        m_ctx.run(*task);
        if (task->succeeded())
            m_ctx.out << tr("Rolled back: the objects are as they were before apply.") << Qt::endl;
        else
            m_ctx.fail(task->error());
    }
    return code == ExitOk ? ExitCheckFailed : code;
}

int RollbackCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Restores what one apply changed on an author, from the backup apply saved before its first write "
           "(bpsetup backups list). Safe to repeat."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    const QCommandLineOption backup(QStringLiteral("backup"), tr("The backup to restore."), tr("ID"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask."));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
                                    tr("Recipe JSON overriding the built-in detect and apply entries."),
                                    tr("FILE"));
    ConnectionOptions connection;
    parser.addOptions({help, json, backup, yes, recipe});
    connection.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usageError(parser.errorText() + tr(" (see bpsetup rollback --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("rollback"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usageError(tr("Unexpected argument \"%1\" (see bpsetup rollback --help).")
                                         .arg(parser.positionalArguments().first())));
    if (!parser.isSet(backup) || !Backup::isValidId(parser.value(backup)))
        return m_ctx.fail(
            usageError(tr("--backup ID is required: one of the ids `bpsetup backups list` shows.")));
    ApplyRecipe applyRecipe = ApplyRecipe::builtIn();
    DetectionRecipe detectRecipe = DetectionRecipe::builtIn();
    if (parser.isSet(recipe)) {
        const auto a = ApplyRecipe::fromFile(parser.value(recipe));
        if (!a)
            return m_ctx.fail(a.error());
        applyRecipe = a.value();
        if (const auto d = DetectionRecipe::fromFile(parser.value(recipe)))
            detectRecipe = d.value();
    }
    const BackupStore store(m_ctx.backupsPath());
    const Result<Backup> saved = store.load(parser.value(backup));
    if (!saved)
        return m_ctx.fail(saved.error());
    if (!parser.isSet(yes) && !m_ctx.stdinIsTerminal())
        return m_ctx.fail(
            usageError(tr("rollback changes AEM and stdin is not a terminal to ask on: pass --yes.")));
    const auto resolved = connection.resolve(parser, m_ctx);
    if (!resolved)
        return m_ctx.fail(resolved.error());
    int touched = 0;
    for (const BackupRecord &r : saved.value().records)
        touched += r.applyStarted ? 1 : 0;
    if (!parser.isSet(yes) &&
        !m_ctx.confirm(tr("Restore %n object(s) on %1 to their state of %2?", nullptr, touched)
                           .arg(saved.value().aemUrl, saved.value().createdUtc.toString(Qt::ISODate)))) {
        m_ctx.err << tr("Nothing was changed.") << Qt::endl;
        return m_ctx.fail(Error(ErrorCode::Cancelled, tr("Rollback was not confirmed."))
                              .withId(QStringLiteral("rollback-not-confirmed")));
    }
    RollbackSession session(resolved.value(), store, parser.value(backup), applyRecipe, detectRecipe,
                            &m_ctx.clock());
    Task *task = session.makeTask();
    m_ctx.run(*task);
    QJsonArray restored;
    for (const RestoreOutcome &o : session.outcomes()) {
        QJsonObject j{{QStringLiteral("stepId"), o.stepId},
                      {QStringLiteral("target"), o.target},
                      {QStringLiteral("restored"), o.restored}};
        if (o.error.isError())
            j.insert(QStringLiteral("error"), o.error.userMessage);
        restored.append(j);
        if (!m_ctx.json)
            m_ctx.out << QStringLiteral("  %1  %2")
                             .arg(o.restored ? tr("restored") : tr("FAILED"), -9)
                             .arg(o.target)
                      << (o.error.isError() ? QStringLiteral(": ") + o.error.userMessage : QString())
                      << Qt::endl;
    }
    const QJsonObject out{{QStringLiteral("ok"), task->succeeded()},
                          {QStringLiteral("backupId"), parser.value(backup)},
                          {QStringLiteral("restored"), restored},
                          {QStringLiteral("writes"), session.writeCount()}};
    if (!task->succeeded())
        return m_ctx.fail(task->error(), {}, out);
    if (m_ctx.json)
        m_ctx.printJson(out);
    else
        m_ctx.out << tr("Rolled back: the objects are as they were before apply.") << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
