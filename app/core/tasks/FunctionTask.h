// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "tasks/Task.h"

#include <QPointer>

#include <functional>

namespace bp {

// A quick synchronous step (writing a small settings file, a pure check) as a Task, so it composes with the
// asynchronous ones. The function's Error fails the task.
class FunctionTask : public Task
{
    Q_OBJECT
public:
    explicit FunctionTask(std::function<Result<bool>()> fn, QObject *parent = nullptr);

protected:
    void run() override;

private:
    std::function<Result<bool>()> m_fn;
};

// A task made only when it is its turn to run, from what earlier steps found out (a value read from the
// keychain, a PID created by an earlier write). The factory may return null: nothing to do, success.
class LazyTask : public Task
{
    Q_OBJECT
public:
    explicit LazyTask(std::function<Task *()> make, QObject *parent = nullptr);
    Task *inner() const { return m_inner; }

protected:
    void run() override;
    bool abort() override;
    bool m_ignoreFailure = false;

private:
    std::function<Task *()> m_make;
    QPointer<Task> m_inner;
    bool m_cancelling = false;
};

// Runs a task whose failure does not matter to the whole (a best-effort clean-up): it always succeeds once
// the inner task has finished, and keeps the inner task for inspection.
class OptionalTask : public LazyTask
{
    Q_OBJECT
public:
    explicit OptionalTask(Task *inner, QObject *parent = nullptr);
};

} // namespace bp
