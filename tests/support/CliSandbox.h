// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ManualClock.h"
#include "TestSupport.h"

#include "secrets/MemorySecretStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QStringList>
#include <QTemporaryDir>

namespace bp::test {

// The outside world of in-process CLI runs (test::runCli): a manual clock whose retry back-off waits pass at
// once, an in-memory keychain (never the OS one), and the profiles and trusted-certificates files in a
// temporary folder (never the user's). It keeps every run so a canary check can look at all of them.
class CliSandbox
{
public:
    // The clock starts at the real time: the simulated IMS checks JWT expiry against its own (real) clock.
    CliSandbox() : clock(QDateTime::currentDateTimeUtc())
    {
        clock.setAutoAdvanceWaits(true);
        secrets.setClock(clock);
    }

    bool isValid() const { return home.isValid(); }
    QString profilesPath() const { return home.filePath(QStringLiteral("profiles.json")); }
    QString trustStorePath() const { return home.filePath(QStringLiteral("trusted-certificates.json")); }
    QString backupsPath() const { return home.filePath(QStringLiteral("backups")); }

    cli::CliEnvironment environment(bool stdinIsTerminal = false)
    {
        cli::CliEnvironment env;
        env.clock = &clock;
        env.secretStore = &secrets;
        env.profilesPath = profilesPath();
        env.trustStorePath = trustStorePath();
        env.backupsPath = backupsPath();
        env.stdinIsTerminal = stdinIsTerminal;
        return env;
    }

    ProcessResult run(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                      bool stdinIsTerminal = false)
    {
        ProcessResult result = runCli(args, stdinData, environment(stdinIsTerminal));
        m_runs << result;
        return result;
    }
    // Runs made elsewhere (the real executable) that the canary check must cover too.
    void record(const ProcessResult &result) { m_runs << result; }
    const QList<ProcessResult> &runs() const { return m_runs; }

    ManualClock clock;
    MemorySecretStore secrets;
    QTemporaryDir home;

private:
    QList<ProcessResult> m_runs;
};

// Collects every log message of this process while it exists (for canary checks: in-process runs log here,
// not to a child's stderr). Messages other than debug ones are passed on to the previous handler.
class LogCapture
{
public:
    LogCapture() : m_previous(qInstallMessageHandler(&LogCapture::handle)) { s_current = this; }
    ~LogCapture()
    {
        s_current = nullptr;
        qInstallMessageHandler(m_previous);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    QByteArray text() const
    {
        QMutexLocker lock(&m_mutex);
        return m_text;
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_text.clear();
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        LogCapture *self = s_current;
        if (!self)
            return;
        {
            QMutexLocker lock(&self->m_mutex);
            self->m_text += message.toUtf8() + '\n';
        }
        if (type != QtDebugMsg && self->m_previous)
            self->m_previous(type, context, message);
    }

    inline static LogCapture *s_current = nullptr;
    QtMessageHandler m_previous;
    mutable QMutex m_mutex;
    QByteArray m_text;
};

// Where a run printed one of secrets: "stdout", "stderr", or null when it printed none (never the secret
// itself, so a failure message does not print it either).
inline const char *secretLeak(const ProcessResult &result, const QStringList &secrets)
{
    for (const QString &s : secrets) {
        if (s.isEmpty())
            continue;
        if (result.out.contains(s.toUtf8()))
            return "stdout";
        if (result.err.contains(s.toUtf8()))
            return "stderr";
    }
    return nullptr;
}

} // namespace bp::test
