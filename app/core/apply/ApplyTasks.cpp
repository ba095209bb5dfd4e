// SPDX-License-Identifier: Apache-2.0
#include "apply/ApplyTasks.h"

#include "time/Clock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp {

CallTask::CallTask(Factory make, Handler handle, QObject *parent)
    : Task(parent), m_make(std::move(make)), m_handle(std::move(handle))
{
}

CallTask::~CallTask()
{
    if (m_call)
        m_call->cancel();
}

void CallTask::run()
{
    m_call = m_make();
    connect(m_call, &Task::finished, this, [this] {
        AemCall *call = m_call;
        if (!call || !isRunning())
            return;
        m_call.clear();
        call->deleteLater();
        if (!call->succeeded()) {
            fail(call->error());
            return;
        }
        Result<bool> r = m_handle(*call);
        if (r)
            succeed();
        else
            fail(r.error());
    });
    m_call->start();
}

bool CallTask::abort()
{
    if (m_call)
        m_call->cancel();
    return false;
}

PollTask::PollTask(Clock &clock, int intervalMs, int timeoutMs, Factory makeCheck, QObject *parent)
    : Task(parent), m_clock(clock), m_intervalMs(intervalMs), m_timeoutMs(timeoutMs),
      m_make(std::move(makeCheck))
{
}

PollTask::~PollTask()
{
    if (m_check)
        m_check->cancel();
}

void PollTask::run()
{
    m_startedMs = m_clock.monotonicMs();
    round();
}

bool PollTask::abort()
{
    m_timer.reset();
    if (m_check)
        m_check->cancel();
    return false;
}

void PollTask::round()
{
    m_timer.reset();
    ++m_rounds;
    const qint64 elapsed = m_clock.monotonicMs() - m_startedMs;
    m_currentIsNudge = m_halfway && !m_halfwayDone && elapsed * 2 >= m_timeoutMs;
    if (m_currentIsNudge) {
        m_halfwayDone = true;
        m_check = m_halfway();
    } else {
        m_check = m_make();
    }
    connect(m_check, &Task::finished, this, &PollTask::onCheckFinished);
    m_check->start();
}

void PollTask::onCheckFinished()
{
    Task *check = m_check;
    if (!check || !isRunning())
        return;
    m_check.clear();
    check->deleteLater();
    if (check->state() == State::Cancelled) {
        fail(check->error());
        return;
    }
    if (m_currentIsNudge) {
        // The nudge is a write: its failure ends the whole; its success is followed by a check at once.
        if (!check->succeeded()) {
            fail(check->error());
            return;
        }
        round();
        return;
    }
    if (check->succeeded()) {
        succeed();
        return;
    }
    m_last = check->error();
    // Only "not there yet" is worth another round; a transport or auth failure is not.
    if (m_last.code != ErrorCode::Rejected) {
        fail(m_last);
        return;
    }
    if (m_clock.monotonicMs() - m_startedMs >= m_timeoutMs) {
        fail(m_last);
        return;
    }
    m_timer = m_clock.startTimer(
        m_intervalMs, [this] { round(); }, TimerKind::Wait);
}

ConfigFolderRead::ConfigFolderRead(AemSession &session, QString root, QStringList factoryPids,
                                   QObject *parent)
    : Task(parent), m_session(session), m_root(std::move(root)), m_factories(std::move(factoryPids))
{
}

ConfigFolderRead::~ConfigFolderRead()
{
    for (const auto &c : std::as_const(m_calls)) {
        if (c)
            c->cancel();
    }
}

void ConfigFolderRead::run()
{
    AemCall *call = m_session.get(m_root + QStringLiteral(".1.json"));
    m_calls.append(call);
    connect(call, &Task::finished, this, &ConfigFolderRead::onListed);
    call->start();
}

bool ConfigFolderRead::abort()
{
    for (const auto &c : std::as_const(m_calls)) {
        if (c)
            c->cancel();
    }
    return false;
}

void ConfigFolderRead::onListed()
{
    if (!isRunning())
        return;
    AemCall *call = m_calls.takeFirst();
    call->deleteLater();
    if (!call->succeeded()) {
        fail(call->error());
        return;
    }
    if (call->status() == 404) {
        succeed(); // no configuration folder yet: no configurations
        return;
    }
    if (call->status() != 200) {
        fail(unexpectedAnswer(*call,
                              QCoreApplication::translate("ConfigFolderRead", "Reading %1").arg(m_root)));
        return;
    }
    const QJsonObject listing = QJsonDocument::fromJson(call->response().body).object();
    for (auto it = listing.begin(); it != listing.end(); ++it) {
        const QString name = it.key();
        if (!it.value().isObject() || !name.endsWith(QLatin1String(".config")))
            continue;
        const bool wanted = std::any_of(m_factories.begin(), m_factories.end(),
                                        [&name](const QString &f) { return name.startsWith(f); });
        if (!wanted)
            continue;
        AemCall *file = m_session.get(m_root + QLatin1Char('/') + name);
        file->setObjectName(name);
        m_calls.append(file);
        ++m_pending;
        connect(file, &Task::finished, this, &ConfigFolderRead::onFileRead);
    }
    if (m_pending == 0) {
        succeed();
        return;
    }
    const auto calls = m_calls;
    for (const auto &c : calls)
        c->start();
}

void ConfigFolderRead::onFileRead()
{
    auto *call = qobject_cast<AemCall *>(sender());
    if (!call || !isRunning())
        return;
    m_calls.removeAll(call);
    call->deleteLater();
    --m_pending;
    if (!call->succeeded()) {
        fail(call->error());
        return;
    }
    if (call->status() == 200)
        m_files.insert(call->objectName(), call->response().body);
    else if (call->status() != 404) {
        fail(unexpectedAnswer(*call, QCoreApplication::translate("ConfigFolderRead", "Reading %1")
                                         .arg(m_root + QLatin1Char('/') + call->objectName())));
        return;
    }
    if (m_pending == 0)
        succeed();
}

} // namespace bp
