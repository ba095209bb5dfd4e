// SPDX-License-Identifier: Apache-2.0
#include "tasks/FunctionTask.h"

namespace bp {

FunctionTask::FunctionTask(std::function<Result<bool>()> fn, QObject *parent)
    : Task(parent), m_fn(std::move(fn))
{
}

void FunctionTask::run()
{
    const Result<bool> r = m_fn ? m_fn() : Result<bool>(true);
    if (r.ok())
        succeed();
    else
        fail(r.error());
}

LazyTask::LazyTask(std::function<Task *()> make, QObject *parent) : Task(parent), m_make(std::move(make)) {}

void LazyTask::run()
{
    Task *inner = m_make ? m_make() : nullptr;
    if (!inner) {
        succeed();
        return;
    }
    inner->setParent(this);
    m_inner = inner;
    connect(inner, &Task::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &label) { setProgress(done, total, label); });
    connect(inner, &Task::finished, this, [this, inner] {
        if (!isRunning())
            return;
        if (m_cancelling)
            finishCancelled(cancelledError());
        else if (inner->succeeded() || m_ignoreFailure)
            succeed();
        else
            fail(inner->error());
    });
    inner->start();
}

bool LazyTask::abort()
{
    Task *inner = m_inner;
    if (!inner)
        return false;
    m_cancelling = true;
    inner->cancel();
    // An inner task that undoes its work finishes later; this one ends with it.
    return inner->isRunning();
}

OptionalTask::OptionalTask(Task *inner, QObject *parent) : LazyTask([inner] { return inner; }, parent)
{
    inner->setParent(this); // owned from now on, even if it never runs
    m_ignoreFailure = true;
}

} // namespace bp
