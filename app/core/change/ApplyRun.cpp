// SPDX-License-Identifier: Apache-2.0
#include "change/ApplyRun.h"

#include "change/ChangeStep.h"
#include "tasks/CompositeTasks.h"
#include "time/Clock.h"

#include <QCoreApplication>

namespace bp {

QString stepStatusId(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return QStringLiteral("pending");
    case StepStatus::Reading:
        return QStringLiteral("reading");
    case StepStatus::Applying:
        return QStringLiteral("applying");
    case StepStatus::Verifying:
        return QStringLiteral("verifying");
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::Unchanged:
        return QStringLiteral("unchanged");
    case StepStatus::DryRun:
        return QStringLiteral("dry-run");
    case StepStatus::Failed:
        return QStringLiteral("failed");
    case StepStatus::Cancelled:
        return QStringLiteral("cancelled");
    case StepStatus::Skipped:
        break;
    }
    return QStringLiteral("skipped");
}

ApplyRun::ApplyRun(QList<ChangeStep *> steps, Options options, BackupStore store, Clock &clock,
                   QObject *parent)
    : Task(parent), m_steps(std::move(steps)), m_options(std::move(options)), m_store(std::move(store)),
      m_clock(clock)
{
    for (ChangeStep *s : std::as_const(m_steps)) {
        StepOutcome o;
        o.stepId = s->id();
        m_outcomes.append(o);
    }
}

ApplyRun::~ApplyRun()
{
    if (m_current)
        m_current->cancel();
}

QString ApplyRun::backupFolder() const
{
    return m_backupSaved ? m_store.folder(m_backup.id) : QString();
}

void ApplyRun::setStatus(int index, StepStatus status)
{
    m_outcomes[index].status = status;
    emit stepChanged(index);
}

void ApplyRun::run()
{
    startReads();
}

bool ApplyRun::abort()
{
    m_cancelling = true;
    if (m_current) {
        m_current->cancel();
        return true; // finished from the phase's end, with the backup named
    }
    return false;
}

void ApplyRun::startReads()
{
    setProgress(0, m_steps.size() + 1, tr("Reading the current state"));
    auto *reads = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
    for (int i = 0; i < m_steps.size(); ++i) {
        m_outcomes[i].status = StepStatus::Reading;
        if (Task *t = m_steps[i]->makeRead())
            reads->addTask(t);
    }
    m_current = reads;
    connect(reads, &Task::finished, this, [this, reads] {
        reads->deleteLater();
        m_current.clear();
        if (m_cancelling || reads->state() == State::Cancelled) {
            stopCancelled();
            return;
        }
        if (!reads->succeeded()) {
            for (StepOutcome &o : m_outcomes)
                o.status = StepStatus::Skipped;
            fail(reads->error());
            return;
        }
        afterReads();
    });
    reads->start();
}

void ApplyRun::afterReads()
{
    m_fingerprint = planFingerprint(m_steps);
    for (int i = 0; i < m_steps.size(); ++i) {
        m_outcomes[i].title = m_steps[i]->describe().title;
        m_outcomes[i].status = StepStatus::Pending;
    }
    if (!m_options.expectedFingerprint.isEmpty() && m_options.expectedFingerprint != m_fingerprint) {
        for (StepOutcome &o : m_outcomes)
            o.status = StepStatus::Skipped;
        fail(
            Error(
                ErrorCode::Unsupported,
                tr("The instance changed since the plan was made, so the plan no longer describes what apply "
                   "would do."),
                QStringLiteral("plan %1, now %2").arg(m_options.expectedFingerprint, m_fingerprint))
                .withId(QStringLiteral("stale-plan"))
                .withRemedy(tr("Run `bpsetup plan` again, review it, then apply the new plan.")));
        return;
    }
    const bool anyChange =
        std::any_of(m_steps.begin(), m_steps.end(), [](ChangeStep *s) { return s->isChange(); });
    if (m_options.dryRun || !anyChange) {
        for (int i = 0; i < m_steps.size(); ++i)
            setStatus(i, m_steps[i]->isChange() ? StepStatus::DryRun : StepStatus::Unchanged);
        // Nothing to write: the tests still say whether the configuration in place works.
        if (m_options.dryRun)
            succeed();
        else
            startTests();
        return;
    }
    saveBackup();
}

void ApplyRun::saveBackup()
{
    m_backup = Backup();
    m_backup.id = Backup::newId(m_clock.nowUtc());
    m_backup.createdUtc = m_clock.nowUtc();
    m_backup.aemUrl = m_options.aemUrl;
    m_backup.aemVersion = m_options.aemVersion;
    m_backup.toolVersion = m_options.toolVersion;
    m_backup.planFingerprint = m_fingerprint;
    for (ChangeStep *s : std::as_const(m_steps))
        m_backup.records.append(s->backupRecord());
    Result<QString> saved = m_store.save(m_backup);
    if (!saved) {
        for (StepOutcome &o : m_outcomes)
            o.status = StepStatus::Skipped;
        fail(saved.error());
        return;
    }
    m_backupSaved = true;
    startPackageBackup();
}

void ApplyRun::startPackageBackup()
{
    if (!m_packageBackup) {
        nextStep();
        return;
    }
    Task *t = m_packageBackup(&m_backup);
    if (!t) {
        nextStep();
        return;
    }
    setProgress(0, m_steps.size() + 1, tr("Backing up as a content package"));
    m_current = t;
    connect(t, &Task::finished, this, [this, t] {
        t->deleteLater();
        m_current.clear();
        if (m_cancelling || t->state() == State::Cancelled) {
            stopCancelled();
            return;
        }
        if (!t->succeeded()) {
            for (StepOutcome &o : m_outcomes)
                o.status = StepStatus::Skipped;
            Error e = t->error();
            if (e.remedy.isEmpty())
                e.remedy = tr("Nothing was changed on AEM. Fix the cause, then run apply again.");
            fail(e);
            return;
        }
        m_store.save(m_backup); // the package reference; the package itself is already stored
        nextStep();
    });
    t->start();
}

void ApplyRun::nextStep()
{
    ++m_index;
    if (m_index >= m_steps.size()) {
        startTests();
        return;
    }
    setProgress(m_index + 1, m_steps.size() + 1, m_outcomes[m_index].title);
    ChangeStep *step = m_steps[m_index];
    if (!step->isChange()) {
        setStatus(m_index, StepStatus::Unchanged);
        nextStep();
        return;
    }
    m_stepStartedMs = m_clock.monotonicMs();
    BackupRecord &record = m_backup.records[m_index];
    record.applyStarted = true;
    Result<QString> saved = m_store.save(m_backup);
    if (!saved) {
        failStep(saved.error());
        return;
    }
    Task *apply = step->makeApply(&record);
    if (!apply) {
        setStatus(m_index, StepStatus::Done);
        nextStep();
        return;
    }
    m_wrote = true;
    runCurrent(apply, StepStatus::Applying);
}

void ApplyRun::runCurrent(Task *task, StepStatus phase)
{
    m_phase = phase;
    setStatus(m_index, phase);
    m_current = task;
    connect(task, &Task::finished, this, &ApplyRun::onPhaseFinished);
    task->start();
}

void ApplyRun::onPhaseFinished()
{
    Task *task = m_current;
    if (!task)
        return;
    m_current.clear();
    task->deleteLater();
    m_outcomes[m_index].durationMs = m_clock.monotonicMs() - m_stepStartedMs;
    if (m_phase == StepStatus::Applying) {
        // Whatever the end, the record may have learnt what was written (a new PID): keep it.
        m_store.save(m_backup);
    }
    if (m_cancelling || task->state() == State::Cancelled) {
        setStatus(m_index, StepStatus::Cancelled);
        stopCancelled();
        return;
    }
    if (!task->succeeded()) {
        failStep(task->error());
        return;
    }
    if (m_phase == StepStatus::Applying) {
        if (Task *verify = m_steps[m_index]->makeVerify()) {
            runCurrent(verify, StepStatus::Verifying);
            return;
        }
    }
    setStatus(m_index, StepStatus::Done);
    nextStep();
}

Error ApplyRun::withBackupRemedy(Error error) const
{
    if (m_backupSaved && m_wrote)
        error.remedy =
            tr("Roll back with `bpsetup rollback --backup %1` (the wizard offers Roll back), or fix the "
               "cause and run apply again: it continues to the same end state.")
                .arg(m_backup.id);
    else if (error.remedy.isEmpty())
        error.remedy = tr("Nothing was changed on AEM.");
    return error;
}

void ApplyRun::failStep(const Error &cause)
{
    m_outcomes[m_index].error = cause;
    setStatus(m_index, StepStatus::Failed);
    for (int i = m_index + 1; i < m_steps.size(); ++i)
        setStatus(i, StepStatus::Skipped);
    Error e(ErrorCode::PartialApply,
            tr("The step \"%1\" failed: %2").arg(m_outcomes[m_index].title, cause.userMessage), cause.detail,
            cause.httpStatus);
    e.id = QStringLiteral("apply-step-failed");
    e = withBackupRemedy(e);
    if (!cause.remedy.isEmpty())
        e.remedy = cause.remedy + QLatin1Char(' ') + e.remedy;
    fail(e);
}

void ApplyRun::stopCancelled()
{
    for (int i = m_index + 1; i < m_steps.size(); ++i) {
        if (i >= 0 && m_outcomes[i].status == StepStatus::Pending)
            setStatus(i, StepStatus::Skipped);
    }
    Error e(ErrorCode::Cancelled, tr("Apply was cancelled."));
    e.id = QStringLiteral("apply-cancelled");
    finishCancelled(withBackupRemedy(e));
}

void ApplyRun::startTests()
{
    if (!m_tests) {
        succeed();
        return;
    }
    setProgress(m_steps.size(), m_steps.size() + 1, tr("Testing the replication agents"));
    m_testOutcomes.clear();
    Task *t = m_tests(&m_testOutcomes);
    if (!t) {
        succeed();
        return;
    }
    m_current = t;
    connect(t, &Task::finished, this, [this, t] {
        t->deleteLater();
        m_current.clear();
        emit testsChanged();
        if (m_cancelling || t->state() == State::Cancelled) {
            stopCancelled();
            return;
        }
        if (!t->succeeded()) {
            fail(withBackupRemedy(t->error()));
            return;
        }
        const auto failed = std::count_if(m_testOutcomes.begin(), m_testOutcomes.end(),
                                          [](const TestOutcome &o) { return !o.passed; });
        if (failed > 0) {
            Error e(ErrorCode::Rejected, tr("%n test(s) did not pass.", nullptr, int(failed)));
            e.id = QStringLiteral("tests-failed");
            fail(withBackupRemedy(e));
            return;
        }
        succeed();
    });
    t->start();
}

RollbackRun::RollbackRun(Backup backup, Restorer &restorer, QObject *parent)
    : Task(parent), m_backup(std::move(backup)), m_restorer(restorer)
{
    for (int i = int(m_backup.records.size()) - 1; i >= 0; --i) {
        if (m_backup.records[i].applyStarted)
            m_order.append(i);
    }
    for (int i : std::as_const(m_order)) {
        const BackupRecord &r = m_backup.records[i];
        // A record of an object apply created names it by what apply wrote (the new PID).
        QString target = r.target;
        if (target.isEmpty())
            target = r.applied.value(QStringLiteral("pid")).toString();
        m_outcomes.append({r.stepId, target.isEmpty() ? r.stepId : target, false, Error()});
    }
}

RollbackRun::~RollbackRun()
{
    if (m_current)
        m_current->cancel();
}

void RollbackRun::run()
{
    next();
}

bool RollbackRun::abort()
{
    if (m_current)
        m_current->cancel();
    return false;
}

void RollbackRun::next()
{
    ++m_position;
    if (m_position >= m_order.size()) {
        if (!m_finishing) {
            m_finishing = true;
            if (Task *f = m_restorer.makeFinish(m_backup)) {
                m_current = f;
                connect(f, &Task::finished, this, [this, f] {
                    if (!isRunning())
                        return;
                    m_current.clear();
                    f->deleteLater();
                    if (!f->succeeded())
                        m_finishError = f->error();
                    next();
                });
                f->start();
                return;
            }
        }
        QStringList missing;
        for (const RestoreOutcome &o : std::as_const(m_outcomes)) {
            if (!o.restored)
                missing << QStringLiteral("%1 (%2)").arg(o.target, o.error.userMessage);
        }
        if (m_finishError.code != ErrorCode::None)
            missing << m_finishError.userMessage;
        if (missing.isEmpty()) {
            succeed();
            return;
        }
        Error e(ErrorCode::RollbackFailed,
                tr("Not everything could be restored: %1").arg(missing.join(QStringLiteral("; "))));
        e.id = QStringLiteral("rollback-incomplete");
        e.remedy =
            tr("Fix the cause and run the rollback again (it is safe to repeat), or restore these objects "
               "by hand from the backup folder.");
        fail(e);
        return;
    }
    setProgress(m_position, m_order.size(), m_outcomes[m_position].target);
    const BackupRecord &record = m_backup.records[m_order[m_position]];
    Task *t = m_restorer.makeRestore(record, m_backup);
    if (!t) {
        m_outcomes[m_position].restored = true;
        emit recordChanged(m_position);
        next();
        return;
    }
    m_current = t;
    connect(t, &Task::finished, this, &RollbackRun::onRestoreFinished);
    t->start();
}

void RollbackRun::onRestoreFinished()
{
    Task *t = m_current;
    if (!t || !isRunning())
        return;
    m_current.clear();
    t->deleteLater();
    m_outcomes[m_position].restored = t->succeeded();
    m_outcomes[m_position].error = t->error();
    emit recordChanged(m_position);
    next();
}

} // namespace bp
