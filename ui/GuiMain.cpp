// SPDX-License-Identifier: Apache-2.0
#include "GuiMain.h"

#include "i18n/Translations.h"
#include "io/AppPaths.h"
#include "profiles/ProfileStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretStore.h"
#include "setup/SetupState.h"
#include "sim/SimDemoEnvironment.h"
#include "sim/Simulator.h"
#include "wizard/SetupWizard.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QIcon>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace bp::ui {

namespace {

// Milliseconds since the epoch at which this process started, or -1 if unknown. Linux only: the process age
// is uptime minus the start time in /proc/self/stat (field 22, clock ticks after boot).
qint64 processStartMsecsSinceEpoch()
{
#ifdef Q_OS_LINUX
    QFile statFile(QStringLiteral("/proc/self/stat"));
    QFile uptimeFile(QStringLiteral("/proc/uptime"));
    if (!statFile.open(QIODevice::ReadOnly) || !uptimeFile.open(QIODevice::ReadOnly))
        return -1;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QByteArray stat = statFile.readAll();
    const QByteArray uptime = uptimeFile.readAll();
    // The command name (field 2) may contain spaces and parentheses; fields after the last ')' start at 3.
    const int close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    constexpr int startTimeIndex = 22 - 3;
    if (fields.size() <= startTimeIndex)
        return -1;
    bool ok = false;
    const qint64 startTicks = fields.at(startTimeIndex).toLongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ok || ticksPerSecond <= 0)
        return -1;
    const double uptimeSeconds = uptime.split(' ').value(0).toDouble(&ok);
    if (!ok)
        return -1;
    const qint64 ageMs = qRound64(uptimeSeconds * 1000.0) - startTicks * 1000 / ticksPerSecond;
    return ageMs >= 0 ? nowMs - ageMs : -1;
#else
    return -1;
#endif
}

// Watches the wizard for its first paint, then reports start-up time and quits (the start-up benchmark).
class FirstPaintReporter : public QObject
{
public:
    FirstPaintReporter(qint64 processStartMs, const QElapsedTimer &sinceRunGui, QObject *parent)
        : QObject(parent), m_processStartMs(processStartMs), m_sinceRunGui(sinceRunGui)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_reported && (event->type() == QEvent::Paint || event->type() == QEvent::Expose)) {
            m_reported = true;
            // Let the paint finish and reach the screen before measuring.
            QTimer::singleShot(0, this, [this] {
                const qint64 ms = m_processStartMs >= 0
                                      ? QDateTime::currentMSecsSinceEpoch() - m_processStartMs
                                      : m_sinceRunGui.elapsed();
                std::printf("first-page-shown-ms %lld\n", static_cast<long long>(ms));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    qint64 m_processStartMs;
    QElapsedTimer m_sinceRunGui;
    bool m_reported = false;
};

} // namespace

namespace {

// The demo's keychain: in memory, forgotten when the demo closes, and named so on the Finish page.
class DemoSecretStore : public MemorySecretStore
{
public:
    QString backendName() const override
    {
        return QApplication::translate("bp::ui::SetupWizard", "the demo's memory (forgotten when it closes)");
    }
};

} // namespace

int runGui(int &argc, char **argv, const GuiOptions &options)
{
    QElapsedTimer sinceRunGui;
    sinceRunGui.start();
    const qint64 processStartMs = options.exitAfterFirstPage ? processStartMsecsSinceEpoch() : -1;

#ifdef Q_OS_WIN
    // Qt 6.4 follows Windows' dark mode (window frame and palette) only when asked; 6.5 does by default.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "windows:darkmode=2");
#endif
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bpsetup"));
    QApplication::setOrganizationName(QStringLiteral("bpsetup"));
#ifdef BPSETUP_VERSION
    QApplication::setApplicationVersion(QStringLiteral(BPSETUP_VERSION));
#endif
    // Wayland finds the window's desktop entry (icon, name) by this id; X11 uses WM_CLASS "bpsetup".
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.bpsetup.bpsetup"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bpsetup.svg")));

    installTranslations(&app);
    AppPaths::migrateLegacy();

    SetupState state;

    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    std::unique_ptr<QTemporaryDir> demoFiles;
    if (options.demo) {
        const auto fail = [](const QString &reason) {
            QMessageBox::critical(
                nullptr, QApplication::translate("bp::ui::SetupWizard", "Brand Portal Setup"),
                QApplication::translate("bp::ui::SetupWizard", "The demo simulator could not be started: %1")
                    .arg(reason));
            return 1;
        };
        const Result<sim::SimState> simState = sim::Simulator::parseState(options.demoState);
        if (!simState)
            return fail(simState.error().fullText());
        sim::SimulatorOptions simOptions;
        simOptions.aemVersion = options.demoVersion;
        simOptions.state = simState.value();
        for (const QString &step : options.demoFailSteps) {
            if (!sim::Simulator::knownFailSteps().contains(step))
                return fail(
                    QApplication::translate("bp::ui::SetupWizard", "unknown fail step \"%1\" (known: %2).")
                        .arg(step, sim::Simulator::knownFailSteps().join(QStringLiteral(", "))));
        }
        simOptions.failSteps = options.demoFailSteps;
        if (!options.demoQueueItems.isEmpty()) {
            bool ok = false;
            simOptions.queueItems = options.demoQueueItems.toInt(&ok);
            if (!ok || simOptions.queueItems < 0 || simOptions.queueItems > 1000)
                return fail(QApplication::translate("bp::ui::SetupWizard",
                                                    "--demo-queue-items takes a number from 0 to 1000, not "
                                                    "\"%1\".")
                                .arg(options.demoQueueItems));
            simOptions.queueDrain = 1;
        }
        simulator = std::make_unique<sim::Simulator>(simOptions);
        const Result<bool> started = simulator->start();
        if (!started)
            return fail(started.error().fullText());

        // Demo mode reaches the simulator only through DemoEnvironment; both outlive the wizard (declared
        // before it).
        demo = std::make_unique<sim::SimDemoEnvironment>(*simulator);
        state.useDemo(demo.get());
        // The simulator's backups and profiles are as throwaway as the simulator: keep them out of the real
        // lists.
        demoFiles = std::make_unique<QTemporaryDir>();
        if (demoFiles->isValid())
            state.backupsRoot = demoFiles->filePath(QStringLiteral("backups"));
    }

    // Creating the store only builds an object; the wizard probes the keychain after its first paint. The
    // demo's profiles point at the simulator's temporary ports: they and their secrets stay in the demo
    // (a throwaway profiles file, secrets in memory), never in the user's real list or keychain.
    const std::unique_ptr<SecretStore> secretStore =
        options.demo ? std::make_unique<DemoSecretStore>() : SecretStore::createSystemStore();
    SetupWizard wizard(&state);
    wizard.setSecretStore(secretStore.get());
    wizard.setProfilesPath(demoFiles && demoFiles->isValid()
                               ? demoFiles->filePath(QStringLiteral("profiles.json"))
                               : ProfileStore::defaultPath());
    if (options.exitAfterFirstPage)
        wizard.installEventFilter(new FirstPaintReporter(processStartMs, sinceRunGui, &wizard));
    wizard.show();
    const int rc = app.exec();
    if (simulator)
        simulator->stop();
    return rc;
}

} // namespace bp::ui
