// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Error.h"

#include <QObject>
#include <QString>

namespace bp {

// One piece of asynchronous work: the single task model of the core (after PrismLauncher's Task).
// - start() never blocks and never emits finished() before it returns; it does nothing unless NotStarted.
// - cancel() is idempotent. Before start() the task ends Cancelled and will never run (a cancelled request is
//   never sent); while running, the work is aborted and the task ends Cancelled.
// - finished() is emitted exactly once, after state() and error() are final. Receivers may deleteLater() the
//   task from it, never delete it there.
// - error() is the stop reason of a failed or cancelled task: the real reason is kept even where Qt reports a
//   timeout or a size abort as a cancel.
class Task : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NotStarted,
        Running,
        Succeeded,
        Failed,
        Cancelled
    };
    Q_ENUM(State)

    explicit Task(QObject *parent = nullptr);
    ~Task() override;

    void start();
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool isFinished() const
    {
        return m_state == State::Succeeded || m_state == State::Failed || m_state == State::Cancelled;
    }
    bool succeeded() const { return m_state == State::Succeeded; }
    // Whether run() was called (false for a task cancelled before it started).
    bool wasStarted() const { return m_started; }
    // Failed or Cancelled: why. None otherwise.
    const Error &error() const { return m_error; }

    // What the task does, for progress lines ("Reading replication agents"). Translated.
    const QString &label() const { return m_label; }
    void setLabel(const QString &label) { m_label = label; }
    qint64 progressDone() const { return m_done; }
    qint64 progressTotal() const { return m_total; }
    // The error of a task that was cancelled (translated "Cancelled.", id "cancelled").
    static Error cancelledError();

signals:
    void started();
    // done of total units; label says what is happening now. total 0: no measure (busy indicator).
    void progressChanged(qint64 done, qint64 total, const QString &label);
    void finished();

protected:
    // Does the work; called once from start(). May finish synchronously (the signal is then deferred).
    virtual void run() = 0;
    // Stops work in progress for cancel(). Return true to finish the task yourself later (for example after
    // undoing what was done), false to have cancel() end it Cancelled right away.
    virtual bool abort() { return false; }

    void succeed();
    void fail(Error error);
    // Ends the task Cancelled with reason (for abort() implementations that return true).
    void finishCancelled(Error reason);
    void setProgress(qint64 done, qint64 total, const QString &label = QString());

private:
    void finish(State state, Error error);
    void emitFinished();

    State m_state = State::NotStarted;
    Error m_error;
    QString m_label;
    qint64 m_done = 0;
    qint64 m_total = 0;
    bool m_inStart = false;
    bool m_started = false;
    bool m_finishPending = false; // finished before start() returned: emitted on the next event-loop turn
    bool m_cancelling = false;
};

} // namespace bp
