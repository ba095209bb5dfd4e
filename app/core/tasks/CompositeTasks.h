// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tasks/Task.h"

#include <QList>
#include <QPointer>

#include <functional>

namespace bp {

// Runs its tasks one after another; the first failure stops it with that task's error. A step may come with
// an undo: when a later step fails or the whole is cancelled, the undos of the steps that succeeded run in
// reverse order before the task finishes (a small plan → apply → roll back). Tasks may be added while it
// runs; they run after the ones already there.
class SequentialTask : public Task
{
    Q_OBJECT
public:
    using UndoFactory = std::function<Task *()>;

    explicit SequentialTask(QObject *parent = nullptr);

    // Whether a step's undo runs only after it succeeded, or also after it failed or was cancelled once
    // started (a write that reported an error may still have landed: a keychain write that failed its
    // read-back).
    enum class UndoWhen
    {
        Succeeded,
        Started
    };

    // Takes ownership. makeUndo is called only when the undo is needed; it may return null (nothing to undo).
    void addTask(Task *task, UndoFactory makeUndo = UndoFactory(), UndoWhen when = UndoWhen::Succeeded);

    const QList<Task *> &tasks() const { return m_tasks; }
    // The step that failed (null when none did).
    Task *failedTask() const { return m_failed; }
    // After a failure or cancel with undos: whether every undo succeeded, and the first undo error.
    bool rolledBack() const { return m_rolledBack; }
    const Error &rollbackError() const { return m_rollbackError; }

protected:
    void run() override;
    bool abort() override;

private:
    void next();
    void onStepFinished(Task *task);
    // For a cancel: starts undoing the steps that succeeded; false when there is nothing to undo.
    bool rollBackForCancel();
    void startRollback(Error reason, bool cancelled);
    bool needsUndo(int index) const;
    void nextUndo();

    QList<Task *> m_tasks;
    QList<UndoFactory> m_undos;
    QList<UndoWhen> m_undoWhen;
    int m_index = -1;
    QPointer<Task> m_current;
    Task *m_failed = nullptr;
    // Rollback.
    bool m_rollingBack = false;
    int m_undoIndex = -1;
    Error m_stopReason;
    bool m_stopIsCancel = false;
    bool m_rolledBack = false;
    Error m_rollbackError;
};

// Runs its tasks at the same time (at most maxParallel at once, 0: no limit).
// - AllMustSucceed: the first failure cancels the others and fails the whole with its error.
// - CollectResults: every task runs to its end and the whole succeeds; callers read each task's outcome
//   (reads whose answers are data, failures included).
class ConcurrentTask : public Task
{
    Q_OBJECT
public:
    enum class Mode
    {
        AllMustSucceed,
        CollectResults
    };

    explicit ConcurrentTask(Mode mode, int maxParallel = 0, QObject *parent = nullptr);

    // Takes ownership. May be called while running.
    void addTask(Task *task);
    const QList<Task *> &tasks() const { return m_tasks; }
    int finishedCount() const { return m_finished; }

protected:
    void run() override;
    bool abort() override;

private:
    void launchMore();
    void onChildFinished(Task *task);
    void stopAll(Error reason, bool cancelled);
    void finishWhenQuiet();

    Mode m_mode;
    int m_maxParallel;
    QList<Task *> m_tasks;
    int m_nextToStart = 0;
    int m_running = 0;
    int m_finished = 0;
    bool m_stopping = false;
    bool m_stopIsCancel = false;
    Error m_stopReason;
};

} // namespace bp
