// SPDX-License-Identifier: Apache-2.0
#include "tasks/Task.h"

#include <QCoreApplication>

namespace bp {

Task::Task(QObject *parent) : QObject(parent) {}

Task::~Task() = default;

Error Task::cancelledError()
{
    return Error(ErrorCode::Cancelled, QCoreApplication::translate("bp::Task", "Cancelled."))
        .withId(QStringLiteral("cancelled"));
}

void Task::start()
{
    if (m_state != State::NotStarted)
        return;
    m_state = State::Running;
    m_started = true;
    m_inStart = true;
    emit started();
    run();
    m_inStart = false;
    if (m_finishPending) {
        // Finished inside run(): report on the next turn, so callers can connect after start() and never
        // see finished() before start() returned.
        QMetaObject::invokeMethod(this, &Task::emitFinished, Qt::QueuedConnection);
    }
}

void Task::cancel()
{
    if (isFinished() || m_cancelling)
        return;
    if (m_state == State::NotStarted) {
        finish(State::Cancelled, cancelledError());
        return;
    }
    m_cancelling = true;
    const bool finishesItself = abort();
    m_cancelling = false;
    if (!finishesItself && !isFinished())
        finish(State::Cancelled, cancelledError());
}

void Task::succeed()
{
    finish(State::Succeeded, Error());
}

void Task::fail(Error error)
{
    if (error.code == ErrorCode::None)
        error = Error(ErrorCode::Internal, QString(), QStringLiteral("failed without a reason"));
    finish(error.code == ErrorCode::Cancelled ? State::Cancelled : State::Failed, std::move(error));
}

void Task::finishCancelled(Error reason)
{
    finish(State::Cancelled, std::move(reason));
}

void Task::setProgress(qint64 done, qint64 total, const QString &label)
{
    m_done = done;
    m_total = total;
    if (!label.isEmpty())
        m_label = label;
    emit progressChanged(done, total, m_label);
}

void Task::finish(State state, Error error)
{
    if (isFinished())
        return;
    m_state = state;
    m_error = std::move(error);
    if (m_inStart) {
        m_finishPending = true;
        return;
    }
    emitFinished();
}

void Task::emitFinished()
{
    m_finishPending = false;
    // Last statement: a receiver may deleteLater() this task.
    emit finished();
}

} // namespace bp
