// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"
#include "wizard/RollbackJob.h"

#include <QPointer>
#include <QStringList>

#include <memory>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace bp {
class ApplyRun;
class Task;
struct Error;
} // namespace bp

namespace bp::ui {

// Apply: starts the apply run of the reviewed plan (CreateSession::makeApplyRun with the plan's fingerprint,
// so a plan the instance no longer matches is refused) when entered. Shows each step with a state icon and
// text, the elapsed time and a Cancel that asks first. On failure a panel names the failed step and why, with
// Roll back (restores the backups this wizard run saved, newest first) and Retry (applies again: it
// converges on the same end state). Next once every step is applied (also when a test failed: the Test page
// shows which).
class ApplyPage : public BasePage
{
    Q_OBJECT
public:
    // Columns of the applyStepList.
    enum Column
    {
        StepColumn,
        StatusColumn,
        TimeColumn
    };
    // Qt::UserRole on each StatusColumn item: the stepStatusId ("done", "failed", ...), for tests and
    // accessibility tools.
    static constexpr int StatusIdRole = Qt::UserRole;

    explicit ApplyPage(SetupState *state, QWidget *parent = nullptr);
    ~ApplyPage() override;

    void initializePage() override;
    bool isComplete() const override;

    bool isBusy() const;

public slots:
    void startApply();
    // Asks first, then cancels the run (the step in progress stops; what was written stays until rolled
    // back).
    void requestCancel();
    void retry();
    void rollBack();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void fillSteps();
    void updateSteps();
    void updateElapsed();
    void onRunFinished();
    void showFailure(const Error &error);
    void startNextRollback();
    void onRollbackFinished();
    void setBusy(bool busy);
    bool applied() const;
    RollbackFactory rollbackFactory() const;

    QLabel *m_statusLabel;
    QProgressBar *m_progress;
    QLabel *m_elapsedLabel;
    QPushButton *m_cancelButton;
    QTreeWidget *m_stepList;
    QFrame *m_failurePanel;
    QLabel *m_failureLabel;
    QPushButton *m_rollbackButton;
    QPushButton *m_retryButton;
    QLabel *m_rollbackLabel;
    QTimer *m_tick;

    QPointer<ApplyRun> m_run; // the run this page shows (owned by the create session)
    qint64 m_startedMs = 0;
    qint64 m_finishedMs = -1;
    QList<qint64> m_stepStartedMs; // per step, when it was first seen running; -1 before
    std::unique_ptr<RollbackJob> m_rollback;
    QPointer<Task> m_rollbackTask;
    QStringList m_rollbackQueue; // backup ids still to restore, newest first
    bool m_rolledBack = false;
};

} // namespace bp::ui
