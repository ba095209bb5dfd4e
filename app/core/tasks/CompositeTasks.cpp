// SPDX-License-Identifier: Apache-2.0
#include "tasks/CompositeTasks.h"

namespace bp {

// --- SequentialTask --------------------------------------------------------------------------------------

SequentialTask::SequentialTask(QObject *parent) : Task(parent) {}

void SequentialTask::addTask(Task *task, UndoFactory makeUndo, UndoWhen when)
{
    task->setParent(this);
    m_tasks.append(task);
    m_undos.append(std::move(makeUndo));
    m_undoWhen.append(when);
    if (isRunning() && !m_current && !m_rollingBack)
        next();
}

void SequentialTask::run()
{
    next();
}

void SequentialTask::next()
{
    if (!isRunning() || m_rollingBack)
        return;
    ++m_index;
    if (m_index >= m_tasks.size()) {
        m_index = int(m_tasks.size()) - 1;
        succeed();
        return;
    }
    Task *task = m_tasks.at(m_index);
    m_current = task;
    connect(task, &Task::progressChanged, this, [this, task](qint64, qint64, const QString &label) {
        setProgress(m_index, m_tasks.size(), label.isEmpty() ? task->label() : label);
    });
    connect(task, &Task::finished, this, [this, task] { onStepFinished(task); });
    setProgress(m_index, m_tasks.size(), task->label());
    if (task->isFinished()) {
        // Cancelled by someone else before its turn: its finished() is gone, so take the outcome as it is.
        QMetaObject::invokeMethod(
            this, [this, task] { onStepFinished(task); }, Qt::QueuedConnection);
        return;
    }
    task->start();
}

void SequentialTask::onStepFinished(Task *task)
{
    if (task != m_current || m_rollingBack)
        return;
    m_current = nullptr;
    if (!isRunning())
        return;
    if (task->succeeded()) {
        next();
        return;
    }
    m_failed = task;
    startRollback(task->error(), task->state() == State::Cancelled);
}

bool SequentialTask::abort()
{
    if (m_rollingBack)
        return true; // already undoing; it finishes when the undos are done
    Task *current = m_current;
    m_current = nullptr;
    if (current) {
        current->cancel();
        if (!current->isFinished()) {
            // The step finishes itself (it is undoing its own work): undo the earlier steps only after it,
            // so undos run in reverse order and this task never ends before its step has. Meanwhile no
            // further step may start.
            m_rollingBack = true;
            connect(current, &Task::finished, this, [this] {
                m_rollingBack = false;
                if (!rollBackForCancel())
                    finishCancelled(cancelledError());
            });
            return true;
        }
    }
    return rollBackForCancel();
}

bool SequentialTask::rollBackForCancel()
{
    // Undo what the finished steps did, then end Cancelled.
    bool anyUndo = false;
    for (int i = 0; i <= qMin(m_index, int(m_tasks.size()) - 1); ++i) {
        if (needsUndo(i))
            anyUndo = true;
    }
    if (!anyUndo)
        return false;
    startRollback(cancelledError(), true);
    return true;
}

bool SequentialTask::needsUndo(int index) const
{
    const Task *step = m_tasks.at(index);
    if (!m_undos.at(index))
        return false;
    return step->succeeded() || (m_undoWhen.at(index) == UndoWhen::Started && step->wasStarted());
}

void SequentialTask::startRollback(Error reason, bool cancelled)
{
    m_stopReason = std::move(reason);
    m_stopIsCancel = cancelled;
    m_rollingBack = true;
    m_rolledBack = true;
    m_undoIndex = m_index + 1;
    nextUndo();
}

void SequentialTask::nextUndo()
{
    while (--m_undoIndex >= 0) {
        if (!needsUndo(m_undoIndex))
            continue;
        Task *undo = m_undos.at(m_undoIndex)();
        if (!undo)
            continue;
        undo->setParent(this);
        connect(undo, &Task::finished, this, [this, undo] {
            if (!undo->succeeded()) {
                m_rolledBack = false;
                if (m_rollbackError.code == ErrorCode::None)
                    m_rollbackError = undo->error();
            }
            undo->deleteLater();
            nextUndo();
        });
        undo->start();
        return;
    }
    m_rollingBack = false;
    if (m_stopIsCancel)
        finishCancelled(m_stopReason);
    else
        fail(m_stopReason);
}

// --- ConcurrentTask --------------------------------------------------------------------------------------

ConcurrentTask::ConcurrentTask(Mode mode, int maxParallel, QObject *parent)
    : Task(parent), m_mode(mode), m_maxParallel(maxParallel)
{
}

void ConcurrentTask::addTask(Task *task)
{
    task->setParent(this);
    m_tasks.append(task);
    if (isRunning())
        launchMore();
}

void ConcurrentTask::run()
{
    setProgress(0, m_tasks.size());
    launchMore();
    if (m_tasks.isEmpty())
        succeed();
}

void ConcurrentTask::launchMore()
{
    while (isRunning() && m_nextToStart < m_tasks.size() &&
           (m_maxParallel <= 0 || m_running < m_maxParallel)) {
        Task *task = m_tasks.at(m_nextToStart++);
        ++m_running;
        if (task->isFinished()) {
            // Cancelled before its turn: its finished() is gone.
            QMetaObject::invokeMethod(
                this, [this, task] { onChildFinished(task); }, Qt::QueuedConnection);
            continue;
        }
        connect(task, &Task::finished, this, [this, task] { onChildFinished(task); });
        task->start();
    }
}

void ConcurrentTask::onChildFinished(Task *task)
{
    if (!isRunning())
        return;
    --m_running;
    ++m_finished;
    setProgress(m_finished, m_tasks.size(), task->label());
    if (m_stopping) {
        finishWhenQuiet();
        return;
    }
    if (m_mode == Mode::AllMustSucceed && !task->succeeded()) {
        stopAll(task->error(), false);
        return;
    }
    if (m_finished == m_tasks.size()) {
        succeed();
        return;
    }
    launchMore();
}

void ConcurrentTask::stopAll(Error reason, bool cancelled)
{
    m_stopping = true;
    m_stopReason = std::move(reason);
    m_stopIsCancel = cancelled;
    m_nextToStart = int(m_tasks.size()); // nothing new starts
    for (Task *task : std::as_const(m_tasks))
        task->cancel();
    finishWhenQuiet();
}

void ConcurrentTask::finishWhenQuiet()
{
    // A child may undo its own work when cancelled and finish later: the whole ends only after all have.
    for (Task *task : std::as_const(m_tasks)) {
        if (task->isRunning())
            return;
    }
    if (m_stopIsCancel)
        finishCancelled(m_stopReason);
    else
        fail(m_stopReason);
}

bool ConcurrentTask::abort()
{
    if (!m_stopping)
        stopAll(cancelledError(), true);
    return true; // finishWhenQuiet() ends it, now or once the last child has
}

} // namespace bp
