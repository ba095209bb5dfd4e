// SPDX-License-Identifier: Apache-2.0
#include "cli/TerminationWatcher.h"

#include <QPointer>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace bp::cli {

#if defined(Q_OS_UNIX)

namespace {
int g_pipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
}

void setHandler(void (*handler)(int))
{
    struct sigaction action
    {
    };
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}
} // namespace

TerminationWatcher::TerminationWatcher(QObject *parent) : QObject(parent)
{
    if (g_pipe[0] < 0 && ::pipe(g_pipe) == 0) {
        ::fcntl(g_pipe[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(g_pipe[1], F_SETFD, FD_CLOEXEC);
        ::fcntl(g_pipe[1], F_SETFL, O_NONBLOCK);
    }
    if (g_pipe[0] < 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        if (::read(g_pipe[0], &byte, 1) == 1)
            emit terminationRequested(byte);
    });
    setHandler(onSignal);
}

TerminationWatcher::~TerminationWatcher()
{
    setHandler(SIG_DFL);
}

#elif defined(Q_OS_WIN)

namespace {
QPointer<TerminationWatcher> g_watcher;

// Runs on a thread the system creates: only post to the watcher's thread.
BOOL WINAPI onConsoleControl(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT)
        return FALSE;
    if (TerminationWatcher *watcher = g_watcher.data())
        QMetaObject::invokeMethod(
            watcher, [watcher, type] { emit watcher->terminationRequested(int(type)); },
            Qt::QueuedConnection);
    return TRUE;
}
} // namespace

TerminationWatcher::TerminationWatcher(QObject *parent) : QObject(parent)
{
    g_watcher = this;
    SetConsoleCtrlHandler(onConsoleControl, TRUE);
}

TerminationWatcher::~TerminationWatcher()
{
    SetConsoleCtrlHandler(onConsoleControl, FALSE);
    g_watcher = nullptr;
}

#else

TerminationWatcher::TerminationWatcher(QObject *parent) : QObject(parent) {}
TerminationWatcher::~TerminationWatcher() = default;

#endif

} // namespace bp::cli
