// SPDX-License-Identifier: Apache-2.0
#include "cli/Cli.h"

#include "cli/ApplyCommand.h"
#include "cli/CliContext.h"
#include "cli/DetectCommand.h"
#include "cli/DiagnoseCommand.h"
#include "cli/ExitCode.h"
#include "cli/KeygenCommand.h"
#include "cli/PlanCommand.h"
#include "cli/ProfileCommand.h"
#include "cli/SimulateCommand.h"
#include "cli/ValidateCommand.h"
#include "cli/VerifyCommand.h"

#include <QCoreApplication>

namespace bp::cli {

namespace {
QString toolHelp()
{
    return QCoreApplication::translate(
        "bp::cli::Cli",
        "Usage: bpsetup [--demo] | bpsetup COMMAND [options]\n"
        "\n"
        "Connects Adobe Experience Manager Assets to Adobe Brand Portal and diagnoses existing connections.\n"
        "Without a command the setup wizard opens; --demo opens it against the built-in simulator.\n"
        "\n"
        "Commands:\n"
        "  detect     Read AEM's version and Brand Portal configuration and choose the setup route\n"
        "  validate   Check Developer Console credentials against Adobe IMS\n"
        "  keygen     Generate an RSA 2048 key pair and certificate for Developer Console\n"
        "  profile    List, show, save, rename or delete connection profiles (secrets in the keychain)\n"
        "  simulate   Serve a simulated AEM author and Adobe IMS on 127.0.0.1\n"
        "  plan       Show what creating the Brand Portal configuration would change (read-only)\n"
        "  apply      Create or upgrade the configuration: plan, backup, apply, verify, test\n"
        "  verify     Check the configured chain end to end (6.5 and Cloud Service; only agent tests are "
        "sent)\n"
        "  diagnose   Read-only health checks with remedies, for support (diagnose --list-checks)\n"
        "  rollback   Restore what one apply changed, from its backup\n"
        "  backups    List the backups saved before changes (backups list)\n"
        "\n"
        "Options:\n"
        "  -h, --help     Show this help (bpsetup COMMAND --help for a command)\n"
        "  -v, --version  Show the version\n"
        "  --lang CODE    Language of the wizard and messages: de, en, fr, ja (default: the system's)\n"
        "\n"
        "Exit codes: 0 success, 1 the checked thing is wrong, 2 bad input or usage,\n"
        "3 could not reach or authenticate to AEM/IMS, 4 unsupported version or route.\n");
}
} // namespace

bool wantsGui(const QStringList &arguments)
{
    // --demo-fail-step NAME: the demo simulator fails that setup step once (simulate --list-fail-steps), to
    // show the Apply page's failure panel and Roll back.
    static const QStringList valueFlags{QStringLiteral("--demo-version"), QStringLiteral("--demo-state"),
                                        QStringLiteral("--demo-fail-step"),
                                        QStringLiteral("--demo-queue-items")};
    static const QStringList guiFlags =
        valueFlags + QStringList{QStringLiteral("--demo"), QStringLiteral("--exit-after-first-page")};
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const QString flag = a.section(QLatin1Char('='), 0, 0);
        if (!guiFlags.contains(flag) && !(i > 1 && valueFlags.contains(arguments.at(i - 1))))
            return false;
    }
    return true;
}

int runCli(const QStringList &arguments, QIODevice *out, QIODevice *err, QIODevice *in,
           const CliEnvironment &environment)
{
    CliContext ctx(out, err, in, environment, arguments.contains(QStringLiteral("--json")));
    const QString command = arguments.value(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        ctx.out << toolHelp();
        return ExitOk;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        if (ctx.json)
            ctx.printJson(QJsonObject{{QStringLiteral("ok"), true},
                                      {QStringLiteral("version"), QStringLiteral(BPSETUP_VERSION)}});
        else
            ctx.out << QStringLiteral("bpsetup %1").arg(QStringLiteral(BPSETUP_VERSION)) << Qt::endl;
        return ExitOk;
    }
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("detect"))
        return DetectCommand(ctx).run(rest);
    if (command == QLatin1String("profile"))
        return ProfileCommand(ctx).run(rest);
    if (command == QLatin1String("validate"))
        return ValidateCommand(ctx).run(rest);
    if (command == QLatin1String("keygen"))
        return KeygenCommand(ctx).run(rest);
    if (command == QLatin1String("simulate"))
        return SimulateCommand(ctx).run(rest);
    if (command == QLatin1String("plan"))
        return PlanCommand(ctx).run(rest);
    if (command == QLatin1String("apply"))
        return ApplyCommand(ctx).run(rest);
    if (command == QLatin1String("verify"))
        return VerifyCommand(ctx).run(rest);
    if (command == QLatin1String("diagnose"))
        return DiagnoseCommand(ctx).run(rest);
    if (command == QLatin1String("rollback"))
        return RollbackCommand(ctx).run(rest);
    if (command == QLatin1String("backups"))
        return BackupsCommand(ctx).run(rest);
    if (!ctx.json)
        ctx.err << toolHelp() << Qt::endl;
    // With --json the one error object goes to stdout, as for every other failure.
    const QString message =
        command.isEmpty() || command.startsWith(QLatin1Char('-'))
            ? QCoreApplication::translate("bp::cli::Cli", "No command given.")
            : QCoreApplication::translate("bp::cli::Cli", "Unknown command \"%1\".").arg(command);
    return ctx.fail(
        Error(ErrorCode::InvalidInput, message)
            .withId(QStringLiteral("unknown-command"))
            .withRemedy(QCoreApplication::translate(
                "bp::cli::Cli", "Run bpsetup --help for the commands: detect, validate, keygen, "
                                "profile, simulate, plan, apply, verify, diagnose, rollback, backups.")));
}

} // namespace bp::cli
