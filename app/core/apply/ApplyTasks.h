// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/AemSession.h"
#include "errors/Result.h"
#include "tasks/Task.h"

#include <functional>
#include <memory>
#include <QByteArray>
#include <QMap>
#include <QPointer>

namespace bp {

class Clock;
class ClockTimer;

// One AEM request whose answer a handler interprets (a parse, a status check): the task fails with the
// handler's error. The call is made when the task starts, so a task cancelled before it ran sends nothing.
class CallTask : public Task
{
    Q_OBJECT
public:
    using Factory = std::function<AemCall *()>;
    using Handler = std::function<Result<bool>(const AemCall &call)>;
    CallTask(Factory make, Handler handle, QObject *parent = nullptr);
    ~CallTask() override;

protected:
    void run() override;
    bool abort() override;

private:
    Factory m_make;
    Handler m_handle;
    QPointer<AemCall> m_call;
};

// Repeats a check until it holds or time runs out: AEM creates replication agents and writes
// configurations back to the repository asynchronously. The check is a task made afresh each round; a
// failure with ErrorCode::Rejected means "not yet" (the last one is the error when the time is up), any
// other failure ends the poll.
class PollTask : public Task
{
    Q_OBJECT
public:
    using Factory = std::function<Task *()>;
    PollTask(Clock &clock, int intervalMs, int timeoutMs, Factory makeCheck, QObject *parent = nullptr);
    ~PollTask() override;
    int rounds() const { return m_rounds; }
    // Called once when half the time has passed without success (a nudge: re-save a configuration).
    void setHalfwayAction(Factory makeAction) { m_halfway = std::move(makeAction); }

protected:
    void run() override;
    bool abort() override;

private:
    void round();
    void onCheckFinished();

    Clock &m_clock;
    int m_intervalMs;
    int m_timeoutMs;
    Factory m_make;
    Factory m_halfway;
    bool m_halfwayDone = false;
    bool m_currentIsNudge = false;
    qint64 m_startedMs = 0;
    int m_rounds = 0;
    QPointer<Task> m_check;
    std::unique_ptr<ClockTimer> m_timer;
    Error m_last;
};

// Reads the OSGi configuration files under a folder whose names start with one of the given factory PIDs:
// the folder listing (<root>.1.json), then the files, concurrently.
class ConfigFolderRead : public Task
{
    Q_OBJECT
public:
    ConfigFolderRead(AemSession &session, QString root, QStringList factoryPids, QObject *parent = nullptr);
    ~ConfigFolderRead() override;
    // file name -> .config text
    const QMap<QString, QByteArray> &files() const { return m_files; }

protected:
    void run() override;
    bool abort() override;

private:
    void onListed();
    void onFileRead();

    AemSession &m_session;
    QString m_root;
    QStringList m_factories;
    QMap<QString, QByteArray> m_files;
    QList<QPointer<AemCall>> m_calls;
    int m_pending = 0;
};

} // namespace bp
