// SPDX-License-Identifier: Apache-2.0
// The core's task model: Task's start/finish/cancel contract, SequentialTask (order, failure, undo in
// reverse, cancel with rollback, steps added while running), ConcurrentTask (both modes, maxParallel,
// children cancelled by someone else) and the small wrappers FunctionTask, LazyTask and OptionalTask.
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace bp;

namespace {

// How many tasks sharing one gauge are running now, and the most that ever ran at once.
struct Gauge
{
    int running = 0;
    int peak = 0;
};

// A task whose work is "in flight" until the test ends it with finishOk() or finishWith(): the test decides
// when and how each step ends. Records run and abort in a shared log so tests can check the order.
class ManualTask : public Task
{
    Q_OBJECT
public:
    explicit ManualTask(const QString &name = QString(), QStringList *log = nullptr, Gauge *gauge = nullptr)
        : m_name(name), m_log(log), m_gauge(gauge)
    {
        connect(this, &Task::finished, this, [this] {
            if (m_gauge && m_runs > 0)
                --m_gauge->running;
        });
    }

    void finishOk() { succeed(); }
    void finishWith(const Error &error) { fail(error); }
    int runCount() const { return m_runs; }
    int abortCount() const { return m_aborts; }

protected:
    void run() override
    {
        ++m_runs;
        record(QStringLiteral("run ") + m_name);
        if (m_gauge) {
            ++m_gauge->running;
            m_gauge->peak = qMax(m_gauge->peak, m_gauge->running);
        }
    }
    bool abort() override
    {
        ++m_aborts;
        record(QStringLiteral("abort ") + m_name);
        return false;
    }

private:
    void record(const QString &what)
    {
        if (m_log)
            m_log->append(what);
    }

    QString m_name;
    QStringList *m_log;
    Gauge *m_gauge;
    int m_runs = 0;
    int m_aborts = 0;
};

// A task that finishes inside run(), the way a quick synchronous step does.
class SyncTask : public Task
{
    Q_OBJECT
public:
    explicit SyncTask(const QString &name = QString(), QStringList *log = nullptr, Error failure = Error())
        : m_name(name), m_log(log), m_failure(std::move(failure))
    {
    }
    int runCount() const { return m_runs; }

protected:
    void run() override
    {
        ++m_runs;
        if (m_log)
            m_log->append(QStringLiteral("run ") + m_name);
        if (m_failure.isError())
            fail(m_failure);
        else
            succeed();
    }

private:
    QString m_name;
    QStringList *m_log;
    Error m_failure;
    int m_runs = 0;
};

// Literal lists for expected logs (the build forbids implicit conversions from char strings).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

Error failure(const QString &id)
{
    return Error(ErrorCode::Rejected, QStringLiteral("it failed")).withId(id);
}

// Undo factories from a spec, one character per step: 'u' an undo that succeeds, 'f' one that fails,
// 'n' a factory that returns null (nothing to undo), '-' no factory. Each call of a factory is logged, to
// show undos are made only when needed.
SequentialTask::UndoFactory undoFor(QChar spec, int step, QStringList *log)
{
    const QString n = QString::number(step);
    switch (spec.toLatin1()) {
    case 'u':
    case 'f': {
        const bool fails = spec == QLatin1Char('f');
        return [log, n, fails]() -> Task * {
            log->append(QStringLiteral("make ") + n);
            return new SyncTask(QStringLiteral("undo ") + n, log,
                                fails ? failure(QStringLiteral("undo-failed-") + n) : Error());
        };
    }
    case 'n':
        return [log, n]() -> Task * {
            log->append(QStringLiteral("make ") + n);
            return nullptr;
        };
    default:
        return SequentialTask::UndoFactory();
    }
}

using TaskFactory = std::function<Task *()>;
// Puts a task inside a composite or wrapper (or returns it as it is).
using Wrapper = std::function<Task *(Task *inner)>;

} // namespace

Q_DECLARE_METATYPE(TaskFactory)
Q_DECLARE_METATYPE(Wrapper)

class TestTasks : public QObject
{
    Q_OBJECT
private slots:
    void startNeverEmitsFinishedBeforeItReturns_data();
    void startNeverEmitsFinishedBeforeItReturns();
    void finishedExactlyOnce_data();
    void finishedExactlyOnce();
    void failReasonDecidesTheState_data();
    void failReasonDecidesTheState();
    void cancelIsIdempotent_data();
    void cancelIsIdempotent();
    void cancelBeforeStartNeverRuns_data();
    void cancelBeforeStartNeverRuns();
    void finishedReceiverMayDeleteLater();

    void sequentialRunsStepsInOrder();
    void sequentialFailureUndoesCompletedStepsInReverse_data();
    void sequentialFailureUndoesCompletedStepsInReverse();
    void sequentialCancelMidStepRollsBack_data();
    void sequentialCancelMidStepRollsBack();
    void sequentialCancelWaitsForAStepThatUndoesItself();
    void wrappersWaitForAChildThatUndoesItself_data();
    void wrappersWaitForAChildThatUndoesItself();
    void sequentialStepCancelledBeforeItsTurn();
    void sequentialReportsProgress();

    void concurrentAllMustSucceedCancelsSiblings_data();
    void concurrentAllMustSucceedCancelsSiblings();
    void concurrentCollectResultsLetsAllFinish();
    void concurrentHonoursMaxParallel_data();
    void concurrentHonoursMaxParallel();
    void concurrentChildCancelledBeforeItsTurn_data();
    void concurrentChildCancelledBeforeItsTurn();
    void concurrentTaskAddedWhileRunning();

    void lazyTaskIsMadeOnlyOnItsTurn();
    void optionalTaskKeepsTheInnerOutcome();
};

// --- Task contract ---------------------------------------------------------------------------------------

void TestTasks::startNeverEmitsFinishedBeforeItReturns_data()
{
    QTest::addColumn<TaskFactory>("make");
    QTest::addColumn<Task::State>("expectedState");
    QTest::addColumn<QString>("expectedId");

    const auto ok = [] { return Result<bool>(true); };
    const auto bad = [] { return Result<bool>(failure(QStringLiteral("fn-failed"))); };
    QTest::newRow("sync success") << TaskFactory([] { return new SyncTask; }) << Task::State::Succeeded
                                  << QString();
    QTest::newRow("sync failure") << TaskFactory([] {
        return new SyncTask({}, nullptr, failure(QStringLiteral("sync-failed")));
    }) << Task::State::Failed << "sync-failed";
    QTest::newRow("function ok") << TaskFactory([ok] { return new FunctionTask(ok); })
                                 << Task::State::Succeeded << QString();
    QTest::newRow("function error") << TaskFactory([bad] { return new FunctionTask(bad); })
                                    << Task::State::Failed << "fn-failed";
    QTest::newRow("lazy, nothing to do")
        << TaskFactory([] { return new LazyTask([]() -> Task * { return nullptr; }); })
        << Task::State::Succeeded << QString();
    QTest::newRow("lazy of a sync failure") << TaskFactory([] {
        return new LazyTask([] { return new SyncTask({}, nullptr, failure(QStringLiteral("inner"))); });
    }) << Task::State::Failed << "inner";
    QTest::newRow("optional of a sync failure") << TaskFactory([] {
        return new OptionalTask(new SyncTask({}, nullptr, failure(QStringLiteral("inner"))));
    }) << Task::State::Succeeded << QString();
    QTest::newRow("empty sequential")
        << TaskFactory([] { return new SequentialTask; }) << Task::State::Succeeded << QString();
    QTest::newRow("sequential of sync steps") << TaskFactory([] {
        auto *seq = new SequentialTask;
        seq->addTask(new SyncTask);
        seq->addTask(new SyncTask);
        return seq;
    }) << Task::State::Succeeded << QString();
    QTest::newRow("sequential, sync step fails") << TaskFactory([] {
        auto *seq = new SequentialTask;
        seq->addTask(new SyncTask);
        seq->addTask(new SyncTask({}, nullptr, failure(QStringLiteral("second"))));
        return seq;
    }) << Task::State::Failed << "second";
    QTest::newRow("empty concurrent")
        << TaskFactory([] { return new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed); })
        << Task::State::Succeeded << QString();
    QTest::newRow("concurrent, sync child fails") << TaskFactory([] {
        auto *all = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
        all->addTask(new SyncTask({}, nullptr, failure(QStringLiteral("child"))));
        all->addTask(new SyncTask);
        return all;
    }) << Task::State::Failed << "child";
}

void TestTasks::startNeverEmitsFinishedBeforeItReturns()
{
    QFETCH(TaskFactory, make);
    QFETCH(Task::State, expectedState);
    QFETCH(QString, expectedId);

    std::unique_ptr<Task> task(make());
    bool inStart = false;
    bool emittedInStart = false;
    connect(task.get(), &Task::finished, this, [&] { emittedInStart = emittedInStart || inStart; });
    QSignalSpy finished(task.get(), &Task::finished);
    QSignalSpy started(task.get(), &Task::started);

    inStart = true;
    task->start();
    inStart = false;
    QVERIFY(!emittedInStart);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(started.count(), 1);

    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QCOMPARE(task->state(), expectedState);
    QCOMPARE(task->error().id, expectedId);
    QCoreApplication::processEvents(); // a second emission would be queued behind the first
    QCOMPARE(finished.count(), 1);
}

void TestTasks::finishedExactlyOnce_data()
{
    // What happens to a running task, in order; only the first ending counts.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<Task::State>("expectedState");
    QTest::addColumn<QString>("expectedId");
    QTest::newRow("succeed twice") << strings({"succeed", "succeed"}) << Task::State::Succeeded << QString();
    QTest::newRow("succeed, then fail")
        << strings({"succeed", "fail"}) << Task::State::Succeeded << QString();
    QTest::newRow("fail, then succeed") << strings({"fail", "succeed"}) << Task::State::Failed << "late";
    QTest::newRow("succeed, then cancel")
        << strings({"succeed", "cancel"}) << Task::State::Succeeded << QString();
    QTest::newRow("cancel, then a late success")
        << strings({"cancel", "succeed", "fail"}) << Task::State::Cancelled << "cancelled";
}

void TestTasks::finishedExactlyOnce()
{
    QFETCH(QStringList, steps);
    QFETCH(Task::State, expectedState);
    QFETCH(QString, expectedId);

    ManualTask task;
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    for (const QString &step : std::as_const(steps)) {
        if (step == QLatin1String("succeed"))
            task.finishOk();
        else if (step == QLatin1String("fail"))
            task.finishWith(failure(QStringLiteral("late")));
        else
            task.cancel();
    }
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(task.state(), expectedState);
    QCOMPARE(task.error().id, expectedId);
}

void TestTasks::failReasonDecidesTheState_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<Task::State>("expectedState");
    QTest::addColumn<int>("expectedCode");
    // A failure without a reason is a defect, never a silent success.
    QTest::newRow("no reason") << int(ErrorCode::None) << Task::State::Failed << int(ErrorCode::Internal);
    QTest::newRow("cancelled reason")
        << int(ErrorCode::Cancelled) << Task::State::Cancelled << int(ErrorCode::Cancelled);
    QTest::newRow("timeout") << int(ErrorCode::Timeout) << Task::State::Failed << int(ErrorCode::Timeout);
}

void TestTasks::failReasonDecidesTheState()
{
    QFETCH(int, code);
    QFETCH(Task::State, expectedState);
    QFETCH(int, expectedCode);
    ManualTask task;
    task.start();
    task.finishWith(Error(ErrorCode(code), QStringLiteral("why")));
    QCOMPARE(task.state(), expectedState);
    QCOMPARE(int(task.error().code), expectedCode);
}

namespace {

void addWrapperRows()
{
    QTest::addColumn<Wrapper>("wrap");
    QTest::newRow("plain task") << Wrapper([](Task *inner) { return inner; });
    QTest::newRow("sequential") << Wrapper([](Task *inner) {
        auto *seq = new SequentialTask;
        seq->addTask(inner);
        return seq;
    });
    QTest::newRow("concurrent, all must succeed") << Wrapper([](Task *inner) {
        auto *all = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
        all->addTask(inner);
        return all;
    });
    QTest::newRow("concurrent, collect results") << Wrapper([](Task *inner) {
        auto *all = new ConcurrentTask(ConcurrentTask::Mode::CollectResults, 1);
        all->addTask(inner);
        return all;
    });
    QTest::newRow("lazy") << Wrapper([](Task *inner) { return new LazyTask([inner] { return inner; }); });
    QTest::newRow("optional") << Wrapper([](Task *inner) { return new OptionalTask(inner); });
}

} // namespace

void TestTasks::cancelIsIdempotent_data()
{
    addWrapperRows();
}

void TestTasks::cancelIsIdempotent()
{
    QFETCH(Wrapper, wrap);
    auto *inner = new ManualTask;
    QPointer<ManualTask> innerGuard(inner);
    std::unique_ptr<Task> task(wrap(inner));
    if (task.get() != inner && !inner->parent())
        inner->setParent(task.get()); // a LazyTask takes its inner task only when it runs
    QSignalSpy finished(task.get(), &Task::finished);
    task->start();
    QCOMPARE(inner->state(), Task::State::Running);

    task->cancel();
    task->cancel();
    QCoreApplication::processEvents();
    task->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(task->state(), Task::State::Cancelled);
    QCOMPARE(task->error().code, ErrorCode::Cancelled);
    QCOMPARE(task->error().id, QStringLiteral("cancelled"));
    QVERIFY(innerGuard);
    QCOMPARE(inner->state(), Task::State::Cancelled);
    QCOMPARE(inner->abortCount(), 1);
}

void TestTasks::cancelBeforeStartNeverRuns_data()
{
    addWrapperRows();
}

void TestTasks::cancelBeforeStartNeverRuns()
{
    QFETCH(Wrapper, wrap);
    auto *inner = new ManualTask;
    std::unique_ptr<Task> task(wrap(inner));
    if (task.get() != inner && !inner->parent())
        inner->setParent(task.get());
    QSignalSpy finished(task.get(), &Task::finished);
    QSignalSpy started(task.get(), &Task::started);

    task->cancel();
    QCOMPARE(task->state(), Task::State::Cancelled);
    QCOMPARE(task->error().id, QStringLiteral("cancelled"));
    QCOMPARE(finished.count(), 1);

    task->start(); // a cancelled task never runs, even when started afterwards
    task->cancel();
    QCoreApplication::processEvents();
    QCOMPARE(task->state(), Task::State::Cancelled);
    QCOMPARE(started.count(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(inner->runCount(), 0);
    QCOMPARE(inner->abortCount(), 0);
}

void TestTasks::finishedReceiverMayDeleteLater()
{
    QStringList log;
    QPointer<SequentialTask> seq = new SequentialTask;
    auto *step = new ManualTask(QStringLiteral("a"), &log);
    QPointer<ManualTask> stepGuard(step);
    seq->addTask(step, undoFor(QLatin1Char('u'), 0, &log));
    connect(seq.data(), &Task::finished, seq.data(), &QObject::deleteLater);
    seq->start();
    step->finishOk();
    QTRY_VERIFY(!seq);
    QVERIFY(!stepGuard); // the steps go with it
    QCOMPARE(log, strings({"run a"}));
}

// --- SequentialTask --------------------------------------------------------------------------------------

void TestTasks::sequentialRunsStepsInOrder()
{
    QStringList log;
    SequentialTask seq;
    auto *a = new ManualTask(QStringLiteral("a"), &log);
    auto *b = new ManualTask(QStringLiteral("b"), &log);
    seq.addTask(a);
    seq.addTask(b);
    QCOMPARE(a->parent(), &seq);
    QSignalSpy finished(&seq, &Task::finished);

    seq.start();
    QCOMPARE(log, strings({"run a"}));
    QCOMPARE(b->state(), Task::State::NotStarted);

    // Added while running: it goes after the steps already there.
    auto *c = new ManualTask(QStringLiteral("c"), &log);
    seq.addTask(c);
    QCOMPARE(c->state(), Task::State::NotStarted);
    a->finishOk();
    QCOMPARE(log, (strings({"run a", "run b"})));
    b->finishOk();
    QCOMPARE(log, (strings({"run a", "run b", "run c"})));
    auto *d = new ManualTask(QStringLiteral("d"), &log);
    seq.addTask(d);
    QCOMPARE(finished.count(), 0);
    c->finishOk();
    QCOMPARE(finished.count(), 0);
    d->finishOk();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(seq.state(), Task::State::Succeeded);
    QCOMPARE(log, (strings({"run a", "run b", "run c", "run d"})));
    QCOMPARE(seq.tasks().size(), 4);
    QCOMPARE(seq.failedTask(), nullptr);
}

void TestTasks::sequentialFailureUndoesCompletedStepsInReverse_data()
{
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("failAt");
    QTest::addColumn<QString>("undos"); // see undoFor()
    QTest::addColumn<QStringList>("expectedLog");
    QTest::addColumn<bool>("expectedRolledBack");
    QTest::addColumn<QString>("expectedRollbackErrorId");

    QTest::newRow("middle step fails")
        << 4 << 2 << "uuuu"
        << strings({"run 0", "run 1", "run 2", "make 1", "run undo 1", "make 0", "run undo 0"}) << true
        << QString();
    QTest::newRow("last step fails") << 3 << 2 << "uuu"
                                     << strings({"run 0", "run 1", "run 2", "make 1", "run undo 1", "make 0",
                                                 "run undo 0"})
                                     << true << QString();
    // Nothing succeeded, so no undo is even made.
    QTest::newRow("first step fails") << 3 << 0 << "uuu" << strings({"run 0"}) << true << QString();
    QTest::newRow("steps without undo are skipped")
        << 4 << 3 << "u-nu" << strings({"run 0", "run 1", "run 2", "run 3", "make 2", "make 0", "run undo 0"})
        << true << QString();
    QTest::newRow("a failing undo does not stop the others")
        << 4 << 3 << "ufuu"
        << strings({"run 0", "run 1", "run 2", "run 3", "make 2", "run undo 2", "make 1", "run undo 1",
                    "make 0", "run undo 0"})
        << false << "undo-failed-1";
    QTest::newRow("the first undo error is kept")
        << 3 << 2 << "ff-"
        << strings({"run 0", "run 1", "run 2", "make 1", "run undo 1", "make 0", "run undo 0"}) << false
        << "undo-failed-1";
}

void TestTasks::sequentialFailureUndoesCompletedStepsInReverse()
{
    QFETCH(int, steps);
    QFETCH(int, failAt);
    QFETCH(QString, undos);
    QFETCH(QStringList, expectedLog);
    QFETCH(bool, expectedRolledBack);
    QFETCH(QString, expectedRollbackErrorId);

    QStringList log;
    SequentialTask seq;
    QList<SyncTask *> tasks;
    for (int i = 0; i < steps; ++i) {
        const QString n = QString::number(i);
        auto *step =
            new SyncTask(n, &log, i == failAt ? failure(QStringLiteral("step-failed-") + n) : Error());
        tasks << step;
        seq.addTask(step, undoFor(undos.at(i), i, &log));
    }
    QSignalSpy finished(&seq, &Task::finished);
    seq.start();
    QVERIFY(finished.wait(5000));

    QCOMPARE(log, expectedLog);
    QCOMPARE(seq.state(), Task::State::Failed);
    QCOMPARE(seq.error().id, QStringLiteral("step-failed-%1").arg(failAt)); // the step's error, not an undo's
    QCOMPARE(seq.failedTask(), tasks.at(failAt));
    for (int i = failAt + 1; i < steps; ++i)
        QCOMPARE(tasks.at(i)->runCount(), 0);
    QCOMPARE(seq.rolledBack(), expectedRolledBack);
    QCOMPARE(seq.rollbackError().id, expectedRollbackErrorId);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestTasks::sequentialCancelMidStepRollsBack_data()
{
    QTest::addColumn<int>("cancelAt"); // the step running when the whole is cancelled
    QTest::addColumn<QString>("undos");
    QTest::addColumn<QStringList>("expectedLog");

    QTest::newRow("third step, undos")
        << 2 << "uuu"
        << strings({"run 0", "run 1", "run 2", "abort 2", "make 1", "run undo 1", "make 0", "run undo 0"});
    QTest::newRow("third step, one undo")
        << 2 << "-u-" << strings({"run 0", "run 1", "run 2", "abort 2", "make 1", "run undo 1"});
    QTest::newRow("second step, no undos") << 1 << "---" << strings({"run 0", "run 1", "abort 1"});
    QTest::newRow("first step") << 0 << "uuu" << strings({"run 0", "abort 0"});
}

void TestTasks::sequentialCancelMidStepRollsBack()
{
    QFETCH(int, cancelAt);
    QFETCH(QString, undos);
    QFETCH(QStringList, expectedLog);

    QStringList log;
    SequentialTask seq;
    QList<ManualTask *> tasks;
    for (int i = 0; i < 3; ++i) {
        tasks << new ManualTask(QString::number(i), &log);
        seq.addTask(tasks.last(), undoFor(undos.at(i), i, &log));
    }
    QSignalSpy finished(&seq, &Task::finished);
    seq.start();
    for (int i = 0; i < cancelAt; ++i)
        tasks.at(i)->finishOk();
    QCOMPARE(tasks.at(cancelAt)->state(), Task::State::Running);

    seq.cancel();
    seq.cancel(); // during the rollback: must not start it again
    QCOMPARE(tasks.at(cancelAt)->state(), Task::State::Cancelled);
    QCOMPARE(tasks.at(cancelAt)->abortCount(), 1);
    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QCOMPARE(seq.state(), Task::State::Cancelled);
    QCOMPARE(seq.error().id, QStringLiteral("cancelled"));
    QCOMPARE(seq.failedTask(), nullptr);
    QCOMPARE(log, expectedLog);
    for (int i = cancelAt + 1; i < 3; ++i)
        QCOMPARE(tasks.at(i)->runCount(), 0);
    if (expectedLog.contains(QStringLiteral("run undo 0")) ||
        expectedLog.contains(QStringLiteral("run undo 1")))
        QVERIFY(seq.rolledBack());
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestTasks::wrappersWaitForAChildThatUndoesItself_data()
{
    QTest::addColumn<QString>("wrapper");
    for (const char *w : {"concurrent-all", "concurrent-collect", "lazy", "optional"})
        QTest::newRow(w) << QString::fromLatin1(w);
}

void TestTasks::wrappersWaitForAChildThatUndoesItself()
{
    // The child is a SequentialTask that undoes its finished step when cancelled, asynchronously. Whatever
    // wraps it must end only after the child has: a receiver may delete the wrapper, and the undo with it.
    QFETCH(QString, wrapper);
    QStringList log;
    ManualTask *undo = nullptr;
    auto *child = new SequentialTask;
    child->addTask(new SyncTask(QStringLiteral("s0"), &log), [&log, &undo]() -> Task * {
        undo = new ManualTask(QStringLiteral("undo s0"), &log);
        return undo;
    });
    auto *running = new ManualTask(QStringLiteral("s1"), &log);
    child->addTask(running);
    std::unique_ptr<Task> outer;
    if (wrapper.startsWith(QLatin1String("concurrent"))) {
        auto *c =
            new ConcurrentTask(wrapper.endsWith(QLatin1String("all")) ? ConcurrentTask::Mode::AllMustSucceed
                                                                      : ConcurrentTask::Mode::CollectResults);
        c->addTask(child);
        c->addTask(new ManualTask(QStringLiteral("sibling"), &log));
        outer.reset(c);
    } else if (wrapper == QLatin1String("lazy")) {
        outer = std::make_unique<LazyTask>([child] { return child; });
    } else {
        outer = std::make_unique<OptionalTask>(child);
    }
    QSignalSpy finished(outer.get(), &Task::finished);
    outer->start();
    QTRY_COMPARE(running->state(), Task::State::Running);
    outer->cancel();
    QVERIFY(undo);
    QCOMPARE(undo->state(), Task::State::Running);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
    QVERIFY(outer->isRunning());
    undo->finishOk();
    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QCOMPARE(outer->state(), Task::State::Cancelled);
    QCOMPARE(child->state(), Task::State::Cancelled);
    QVERIFY(log.contains(QStringLiteral("run undo s0")));
    outer->cancel(); // idempotent afterwards
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestTasks::sequentialCancelWaitsForAStepThatUndoesItself()
{
    // The running step is itself a SequentialTask that undoes its own steps when cancelled. The outer undos
    // must run after the inner ones (reverse order overall), and the outer task must not end before the inner
    // one has: a receiver may delete it then, and the inner rollback with it.
    QStringList log;
    ManualTask *innerUndo = nullptr;
    ManualTask *outerUndo = nullptr;
    SequentialTask outer;
    outer.addTask(new SyncTask(QStringLiteral("o0"), &log), [&log, &outerUndo]() -> Task * {
        outerUndo = new ManualTask(QStringLiteral("undo o0"), &log);
        return outerUndo;
    });
    auto *inner = new SequentialTask;
    inner->addTask(new SyncTask(QStringLiteral("i0"), &log), [&log, &innerUndo]() -> Task * {
        innerUndo = new ManualTask(QStringLiteral("undo i0"), &log);
        return innerUndo;
    });
    auto *i1 = new ManualTask(QStringLiteral("i1"), &log);
    inner->addTask(i1);
    outer.addTask(inner);
    bool innerDoneWhenOuterDone = false;
    connect(&outer, &Task::finished, this, [&] { innerDoneWhenOuterDone = inner->isFinished(); });
    QSignalSpy finished(&outer, &Task::finished);

    outer.start();
    QTRY_COMPARE(i1->state(), Task::State::Running);
    outer.cancel();
    QVERIFY(innerUndo);
    QCOMPARE(log, (strings({"run o0", "run i0", "run i1", "abort i1", "run undo i0"})));
    QVERIFY(!outerUndo); // not while the inner undo runs
    QCOMPARE(finished.count(), 0);

    innerUndo->finishOk();
    QCOMPARE(inner->state(), Task::State::Cancelled);
    QVERIFY(outerUndo);
    QCOMPARE(log.last(), QStringLiteral("run undo o0"));
    QCOMPARE(finished.count(), 0);
    outerUndo->finishOk();
    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QVERIFY(innerDoneWhenOuterDone);
    QCOMPARE(outer.state(), Task::State::Cancelled);
    QCOMPARE(outer.error().id, QStringLiteral("cancelled"));
    QVERIFY(outer.rolledBack());
    QCOMPARE(log.size(), 6);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestTasks::sequentialStepCancelledBeforeItsTurn()
{
    QStringList log;
    SequentialTask seq;
    auto *a = new ManualTask(QStringLiteral("a"), &log);
    auto *b = new ManualTask(QStringLiteral("b"), &log);
    auto *c = new ManualTask(QStringLiteral("c"), &log);
    seq.addTask(a, undoFor(QLatin1Char('u'), 0, &log));
    seq.addTask(b);
    seq.addTask(c);
    QSignalSpy finished(&seq, &Task::finished);
    seq.start();
    b->cancel(); // by someone else, before its turn: its finished() has come and gone
    a->finishOk();
    QVERIFY(finished.wait(5000));
    QCOMPARE(seq.state(), Task::State::Cancelled);
    QCOMPARE(b->runCount(), 0);
    QCOMPARE(c->runCount(), 0);
    QCOMPARE(log, (strings({"run a", "make 0", "run undo 0"})));
}

void TestTasks::sequentialReportsProgress()
{
    SequentialTask seq;
    auto *a = new ManualTask;
    a->setLabel(QStringLiteral("Reading A"));
    auto *b = new ManualTask;
    b->setLabel(QStringLiteral("Writing B"));
    seq.addTask(a);
    seq.addTask(b);
    QSignalSpy progress(&seq, &Task::progressChanged);
    seq.start();
    a->finishOk();
    QCOMPARE(progress.count(), 2);
    QCOMPARE(progress.at(0), (QVariantList{qint64(0), qint64(2), QStringLiteral("Reading A")}));
    QCOMPARE(progress.at(1), (QVariantList{qint64(1), qint64(2), QStringLiteral("Writing B")}));
}

// --- ConcurrentTask --------------------------------------------------------------------------------------

void TestTasks::concurrentAllMustSucceedCancelsSiblings_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::newRow("no limit") << 0;
    QTest::newRow("two at a time") << 2; // the last two never start
}

void TestTasks::concurrentAllMustSucceedCancelsSiblings()
{
    QFETCH(int, maxParallel);
    ConcurrentTask all(ConcurrentTask::Mode::AllMustSucceed, maxParallel);
    QList<ManualTask *> children;
    for (int i = 0; i < 4; ++i) {
        children << new ManualTask;
        all.addTask(children.last());
    }
    QSignalSpy finished(&all, &Task::finished);
    all.start();
    children.at(1)->finishWith(failure(QStringLiteral("second-failed")));

    QCOMPARE(finished.count(), 1);
    QCOMPARE(all.state(), Task::State::Failed);
    QCOMPARE(all.error().id, QStringLiteral("second-failed"));
    for (int i : {0, 2, 3})
        QCOMPARE(children.at(i)->state(), Task::State::Cancelled);
    QCOMPARE(children.at(0)->abortCount(), 1);
    const int expectedRuns = maxParallel == 0 ? 1 : 0;
    QCOMPARE(children.at(2)->runCount(), expectedRuns);
    QCOMPARE(children.at(3)->runCount(), expectedRuns);
    children.at(0)->finishOk(); // a late answer changes nothing
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(all.state(), Task::State::Failed);
}

void TestTasks::concurrentCollectResultsLetsAllFinish()
{
    ConcurrentTask all(ConcurrentTask::Mode::CollectResults);
    auto *a = new ManualTask;
    auto *b = new ManualTask;
    auto *c = new ManualTask;
    all.addTask(a);
    all.addTask(b);
    all.addTask(c);
    QSignalSpy finished(&all, &Task::finished);
    all.start();
    b->finishWith(failure(QStringLiteral("b-failed")));
    QCOMPARE(a->state(), Task::State::Running);
    QCOMPARE(c->state(), Task::State::Running);
    c->cancel();
    QCOMPARE(finished.count(), 0);
    QCOMPARE(all.finishedCount(), 2);
    a->finishOk();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(all.state(), Task::State::Succeeded);
    QCOMPARE(all.finishedCount(), 3);
    // Each outcome stays readable.
    QCOMPARE(a->state(), Task::State::Succeeded);
    QCOMPARE(b->error().id, QStringLiteral("b-failed"));
    QCOMPARE(c->state(), Task::State::Cancelled);
}

void TestTasks::concurrentHonoursMaxParallel_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("expectedPeak");
    for (const auto mode : {ConcurrentTask::Mode::AllMustSucceed, ConcurrentTask::Mode::CollectResults}) {
        const char *m = mode == ConcurrentTask::Mode::AllMustSucceed ? "all" : "collect";
        QTest::addRow("%s, one at a time", m) << 1 << int(mode) << 1;
        QTest::addRow("%s, two at a time", m) << 2 << int(mode) << 2;
        QTest::addRow("%s, limit above count", m) << 9 << int(mode) << 5;
        QTest::addRow("%s, no limit", m) << 0 << int(mode) << 5;
    }
}

void TestTasks::concurrentHonoursMaxParallel()
{
    QFETCH(int, maxParallel);
    QFETCH(int, mode);
    QFETCH(int, expectedPeak);
    Gauge gauge;
    QStringList log;
    ConcurrentTask all(ConcurrentTask::Mode(mode), maxParallel);
    QList<ManualTask *> children;
    for (int i = 0; i < 5; ++i) {
        children << new ManualTask(QString::number(i), &log, &gauge);
        all.addTask(children.last());
    }
    QSignalSpy finished(&all, &Task::finished);
    all.start();
    QCOMPARE(gauge.running, expectedPeak);
    // End the oldest running child, one at a time, until none is left.
    for (int round = 0; round < 5; ++round) {
        QVERIFY(gauge.running <= expectedPeak);
        ManualTask *oldest = nullptr;
        for (ManualTask *t : std::as_const(children)) {
            if (t->isRunning()) {
                oldest = t;
                break;
            }
        }
        QVERIFY(oldest);
        oldest->finishOk();
    }
    QCOMPARE(finished.count(), 1);
    QCOMPARE(all.state(), Task::State::Succeeded);
    QCOMPARE(gauge.peak, expectedPeak);
    QCOMPARE(gauge.running, 0);
    QCOMPARE(log, (strings({"run 0", "run 1", "run 2", "run 3", "run 4"}))); // in the order added
}

void TestTasks::concurrentChildCancelledBeforeItsTurn_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<Task::State>("expectedState");
    QTest::addColumn<int>("expectedRunsOfLast");
    // All must succeed: a cancelled child is a child that did not succeed.
    QTest::newRow("all must succeed")
        << int(ConcurrentTask::Mode::AllMustSucceed) << Task::State::Cancelled << 0;
    QTest::newRow("collect results") << int(ConcurrentTask::Mode::CollectResults) << Task::State::Succeeded
                                     << 1;
}

void TestTasks::concurrentChildCancelledBeforeItsTurn()
{
    QFETCH(int, mode);
    QFETCH(Task::State, expectedState);
    QFETCH(int, expectedRunsOfLast);
    ConcurrentTask all(ConcurrentTask::Mode(mode), 1);
    auto *a = new ManualTask;
    auto *b = new ManualTask;
    auto *c = new ManualTask;
    all.addTask(a);
    all.addTask(b);
    all.addTask(c);
    QSignalSpy finished(&all, &Task::finished);
    all.start();
    b->cancel(); // before its turn, by someone else
    a->finishOk();
    if (expectedRunsOfLast > 0) {
        QTRY_COMPARE(c->state(), Task::State::Running);
        c->finishOk();
    }
    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QCOMPARE(all.state(), expectedState);
    QCOMPARE(b->runCount(), 0);
    QCOMPARE(c->runCount(), expectedRunsOfLast);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestTasks::concurrentTaskAddedWhileRunning()
{
    ConcurrentTask all(ConcurrentTask::Mode::AllMustSucceed, 1);
    auto *a = new ManualTask;
    all.addTask(a);
    QSignalSpy finished(&all, &Task::finished);
    all.start();
    auto *b = new ManualTask;
    all.addTask(b);
    QCOMPARE(b->state(), Task::State::NotStarted); // the one slot is taken
    a->finishOk();
    QCOMPARE(b->state(), Task::State::Running);
    QCOMPARE(finished.count(), 0);
    b->finishOk();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(all.state(), Task::State::Succeeded);
    QCOMPARE(all.finishedCount(), 2);
}

// --- Wrappers --------------------------------------------------------------------------------------------

void TestTasks::lazyTaskIsMadeOnlyOnItsTurn()
{
    // What an earlier step found out decides what the lazy step does.
    auto found = std::make_shared<QString>();
    int made = 0;
    ManualTask *madeInner = nullptr;
    SequentialTask seq;
    auto *read = new ManualTask;
    seq.addTask(read);
    auto *lazy = new LazyTask([found, &made, &madeInner]() -> Task * {
        ++made;
        madeInner = new ManualTask(*found);
        madeInner->setLabel(*found);
        return madeInner;
    });
    seq.addTask(lazy);
    QSignalSpy finished(&seq, &Task::finished);
    QSignalSpy lazyProgress(lazy, &Task::progressChanged);
    seq.start();
    QCOMPARE(made, 0);
    *found = QStringLiteral("pid-42");
    read->finishOk();
    QCOMPARE(made, 1);
    QVERIFY(madeInner);
    QCOMPARE(madeInner->label(), QStringLiteral("pid-42"));
    QCOMPARE(lazy->inner(), madeInner);
    QCOMPARE(madeInner->parent(), lazy);
    madeInner->finishWith(failure(QStringLiteral("inner-failed")));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(lazy->state(), Task::State::Failed);
    QCOMPARE(lazy->error().id, QStringLiteral("inner-failed"));
    QCOMPARE(seq.error().id, QStringLiteral("inner-failed"));
    QCOMPARE(seq.failedTask(), lazy);
    QCOMPARE(made, 1);
}

void TestTasks::optionalTaskKeepsTheInnerOutcome()
{
    auto *inner = new ManualTask;
    OptionalTask optional(inner);
    QCOMPARE(inner->parent(), &optional);
    QSignalSpy finished(&optional, &Task::finished);
    optional.start();
    QCOMPARE(finished.count(), 0); // it waits for the inner task
    inner->finishWith(failure(QStringLiteral("cleanup-failed")));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(optional.state(), Task::State::Succeeded);
    QCOMPARE(optional.inner()->error().id, QStringLiteral("cleanup-failed"));
}

QTEST_GUILESS_MAIN(TestTasks)
#include "tst_tasks.moc"
