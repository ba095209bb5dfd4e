// SPDX-License-Identifier: Apache-2.0
// One executable, two faces: with a command it is a headless CLI on QCoreApplication (no display needed);
// without one (or with --demo) it opens the wizard.
#include "cli/Cli.h"
#include "GuiMain.h"
#include "i18n/Translations.h"
#include "io/AppPaths.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTextStream>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif
#if defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace {

// A crash must not write process memory (which may hold secrets) to a core file.
void disableCoreDumps()
{
#if defined(Q_OS_UNIX)
    const struct rlimit limit = {0, 0};
    setrlimit(RLIMIT_CORE, &limit);
#endif
#if defined(Q_OS_WIN)
    // No Windows Error Reporting dialog or dump for a crash.
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
#endif
#if defined(Q_OS_LINUX) && !defined(__SANITIZE_ADDRESS__)
    // Also keeps other processes of the same user from attaching a debugger to read memory. (Not in the
    // sanitizer build: LeakSanitizer needs to ptrace the process at exit.)
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

QtMessageHandler g_defaultMessageHandler = nullptr;

// Qt 6.4's QNetworkReplyHttpImpl reports a refused decompression (a bomb the HTTP layer has already turned
// into a clear "too large" error) a second time and warns about its own double report. That line means
// nothing to an admin; everything else Qt says still goes through.
void filterQtMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg &&
        message.startsWith(QLatin1String("QNetworkReplyImplPrivate::error: Internal problem")))
        return;
    if (g_defaultMessageHandler)
        g_defaultMessageHandler(type, context, message);
}

bp::ui::GuiOptions guiOptions(const QStringList &args)
{
    bp::ui::GuiOptions options;
    bool demoChosen = false; // every --demo-* option implies --demo
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--demo")) {
            options.demo = true;
        } else if (a == QLatin1String("--exit-after-first-page")) {
            options.exitAfterFirstPage = true;
        } else if (a == QLatin1String("--demo-version") && hasValue) {
            options.demoVersion = args.at(++i);
            demoChosen = true;
        } else if (a == QLatin1String("--demo-state") && hasValue) {
            options.demoState = args.at(++i);
            demoChosen = true;
        } else if (a == QLatin1String("--demo-fail-step") && hasValue) {
            options.demoFailSteps << args.at(++i);
            demoChosen = true;
        } else if (a.startsWith(QLatin1String("--demo-fail-step="))) {
            options.demoFailSteps << a.section(QLatin1Char('='), 1);
            demoChosen = true;
        } else if (a.startsWith(QLatin1String("--demo-version="))) {
            options.demoVersion = a.section(QLatin1Char('='), 1);
            demoChosen = true;
        } else if (a.startsWith(QLatin1String("--demo-state="))) {
            options.demoState = a.section(QLatin1Char('='), 1);
            demoChosen = true;
        } else if (a == QLatin1String("--demo-queue-items") && hasValue) {
            options.demoQueueItems = args.at(++i);
            demoChosen = true;
        } else if (a.startsWith(QLatin1String("--demo-queue-items="))) {
            options.demoQueueItems = a.section(QLatin1Char('='), 1);
            demoChosen = true;
        }
    }
    options.demo = options.demo || demoChosen;
    return options;
}

// --lang CODE or --lang=CODE, for either face: taken out of argv before the faces parse their options, and
// made the default locale, so translations (installTranslations) and formats follow it. Empty when not
// given; "?" when the value is missing.
QString takeLanguage(int &argc, char **argv)
{
    QString code;
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--lang") {
            code = i + 1 < argc ? QString::fromLocal8Bit(argv[++i]) : QStringLiteral("?");
            continue;
        }
        if (a.startsWith("--lang=")) {
            code = QString::fromLocal8Bit(a.mid(7));
            continue;
        }
        argv[out++] = argv[i];
    }
    argc = out;
    argv[argc] = nullptr;
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    disableCoreDumps();
    g_defaultMessageHandler = qInstallMessageHandler(filterQtMessages);
    const QString language = takeLanguage(argc, argv);
    if (!language.isEmpty()) {
        const QLocale locale(language);
        if (locale.language() == QLocale::C || language == QLatin1String("?")) {
            QTextStream(stderr) << QCoreApplication::translate(
                                       "main", "bpsetup: unknown language \"%1\" for --lang. Use a code "
                                               "such as de, en, fr or ja.")
                                       .arg(language)
                                << Qt::endl;
            return 2;
        }
        QLocale::setDefault(locale);
    }
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (bp::cli::wantsGui(args)) {
#if defined(Q_OS_LINUX)
        // Without a display Qt aborts with a platform-plugin error; say what to do instead.
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            QTextStream err(stderr);
            err << QCoreApplication::translate("main",
                                               "bpsetup: no display found, so the wizard cannot open. Run it "
                                               "on a desktop session, or use the headless commands "
                                               "(bpsetup --help).")
                << Qt::endl;
            return 2;
        }
#endif
        return bp::ui::runGui(argc, argv, guiOptions(args));
    }

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bpsetup"));
    QCoreApplication::setOrganizationName(QStringLiteral("bpsetup"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BPSETUP_VERSION));
    bp::installTranslations(&app);
    bp::AppPaths::migrateLegacy();
    QFile out;
    out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QFile err;
    err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    return bp::cli::runCli(app.arguments(), &out, &err, &in);
}
