// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "change/Backup.h"
#include "change/Plan.h"
#include "tasks/Task.h"

#include <functional>
#include <QList>
#include <QPointer>

namespace bp {

class ChangeStep;
class Clock;

// How one step of an apply ended.
enum class StepStatus
{
    Pending,
    Reading,
    Applying,
    Verifying,
    Done,
    Unchanged,
    DryRun, // would have been applied: a dry run sends no write
    Failed,
    Cancelled,
    Skipped // not reached after an earlier failure
};
QString stepStatusId(StepStatus status); // "pending", "done", "unchanged", "dry-run", "failed", ...

struct StepOutcome
{
    QString stepId;
    QString title;
    StepStatus status = StepStatus::Pending;
    qint64 durationMs = 0;
    Error error;
};

// One end-to-end test after apply (an agent's Test Connection, its queue).
struct TestOutcome
{
    QString id;     // "agent-test:<agent>", "agent-queue:<agent>"
    QString target; // agent path
    bool passed = false;
    QString message; // translated
    QString remedy;  // translated, when failed
    qint64 durationMs = 0;
    // Queue outcomes: what the queue holds (for evidence that names the oldest item and its age).
    int queueItems = 0;
    QString oldestPath;
    qint64 oldestTimeMs = 0; // epoch ms, 0 when unknown
};

// The tests as a Task that fills outcomes (passed or not, the task itself succeeds unless it could not
// run them at all).
using TestsFactory = std::function<Task *(QList<TestOutcome> *outcomes)>;
// Optional: builds a content package of the touched objects on the instance and saves it in the backup
// (sets backup->packageFile/packagePath). Runs after backup.json is safely stored, before the first change.
using PackageBackupFactory = std::function<Task *(Backup *backup)>;

// Runs a plan: re-reads every step (concurrently), refuses a stale plan, saves the backup before the first
// write, applies and verifies each step in order (saving the backup after each, so rollback knows what was
// written), then runs the tests. A failure or cancel stops at once; the error says which step and names the
// backup to roll back with. A dry run does the reads and the stale check and sends no write.
// Fails with: Unsupported "stale-plan"; Storage (backup could not be written: nothing was changed);
// PartialApply "apply-step-failed"; Rejected "tests-failed" (applied, a test did not pass); Cancelled
// "apply-cancelled" (with the backup id when something was written).
class ApplyRun : public Task
{
    Q_OBJECT
public:
    struct Options
    {
        bool dryRun = false;
        QString expectedFingerprint; // empty: no stale check (the plan was made by this run)
        QString aemUrl;
        QString aemVersion;
        QString toolVersion;
    };

    // steps are not owned and must outlive the run.
    ApplyRun(QList<ChangeStep *> steps, Options options, BackupStore store, Clock &clock,
             QObject *parent = nullptr);
    ~ApplyRun() override;

    void setTests(TestsFactory factory) { m_tests = std::move(factory); }
    void setPackageBackup(PackageBackupFactory factory) { m_packageBackup = std::move(factory); }

    const QList<StepOutcome> &outcomes() const { return m_outcomes; }
    const QList<TestOutcome> &tests() const { return m_testOutcomes; }
    const Backup &backup() const { return m_backup; }
    bool backupSaved() const { return m_backupSaved; }
    QString backupFolder() const;
    // Whether any write was sent (false for a dry run, a stale plan, a failed backup).
    bool wroteAnything() const { return m_wrote; }
    // The plan fingerprint of this run's reads.
    const QString &fingerprint() const { return m_fingerprint; }

signals:
    void stepChanged(int index);
    void testsChanged();

protected:
    void run() override;
    bool abort() override;

private:
    void startReads();
    void afterReads();
    void saveBackup();
    void startPackageBackup();
    void nextStep();
    void runCurrent(Task *task, StepStatus phase);
    void onPhaseFinished();
    void startTests();
    void setStatus(int index, StepStatus status);
    void failStep(const Error &error);
    void stopCancelled();
    Error withBackupRemedy(Error error) const;

    QList<ChangeStep *> m_steps;
    Options m_options;
    BackupStore m_store;
    Clock &m_clock;
    TestsFactory m_tests;
    PackageBackupFactory m_packageBackup;

    QList<StepOutcome> m_outcomes;
    QList<TestOutcome> m_testOutcomes;
    Backup m_backup;
    bool m_backupSaved = false;
    bool m_wrote = false;
    QString m_fingerprint;
    int m_index = -1;
    StepStatus m_phase = StepStatus::Pending;
    qint64 m_stepStartedMs = 0;
    QPointer<Task> m_current;
    bool m_cancelling = false;
};

// Restores one backed-up object.
class Restorer
{
public:
    virtual ~Restorer() = default;
    // Null: nothing to restore for this record.
    virtual Task *makeRestore(const BackupRecord &record, const Backup &backup) = 0;
    // After every record: what apply left behind of its own (the backup's content package on the
    // instance). Null: nothing.
    virtual Task *makeFinish(const Backup &) { return nullptr; }
};

struct RestoreOutcome
{
    QString stepId;
    QString target;
    bool restored = false;
    Error error;
};

// Restores a backup: the records whose apply started, in reverse order, continuing past a failure so
// that as much as possible comes back; fails with RollbackFailed "rollback-incomplete" naming what did not.
class RollbackRun : public Task
{
    Q_OBJECT
public:
    RollbackRun(Backup backup, Restorer &restorer, QObject *parent = nullptr);
    ~RollbackRun() override;

    const QList<RestoreOutcome> &outcomes() const { return m_outcomes; }
    const Backup &backup() const { return m_backup; }

signals:
    void recordChanged(int index);

protected:
    void run() override;
    bool abort() override;

private:
    void next();
    void onRestoreFinished();

    Backup m_backup;
    Restorer &m_restorer;
    QList<int> m_order;
    int m_position = -1;
    bool m_finishing = false;
    Error m_finishError;
    QList<RestoreOutcome> m_outcomes;
    QPointer<Task> m_current;
};

} // namespace bp
