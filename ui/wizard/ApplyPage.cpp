// SPDX-License-Identifier: Apache-2.0
#include "wizard/ApplyPage.h"

#include "apply/CreateSession.h"
#include "change/ApplyRun.h"
#include "setup/SetupState.h"
#include "tasks/Task.h"
#include "time/Clock.h"
#include "wizard/SetupWizard.h"

#include "wizard/Theme.h"
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return ApplyPage::tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return ApplyPage::tr("%1.%2 s").arg(s).arg((ms % 1000) / 100);
    return ApplyPage::tr("%1:%2 min").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString statusText(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return ApplyPage::tr("Waiting");
    case StepStatus::Reading:
        return ApplyPage::tr("Reading …");
    case StepStatus::Applying:
        return ApplyPage::tr("Applying …");
    case StepStatus::Verifying:
        return ApplyPage::tr("Verifying …");
    case StepStatus::Done:
        return ApplyPage::tr("Done, verified");
    case StepStatus::Unchanged:
        return ApplyPage::tr("Already in place");
    case StepStatus::DryRun:
        return ApplyPage::tr("Would change (dry run)");
    case StepStatus::Failed:
        return ApplyPage::tr("Failed");
    case StepStatus::Cancelled:
        return ApplyPage::tr("Cancelled");
    case StepStatus::Skipped:
        break;
    }
    return ApplyPage::tr("Not done");
}

QIcon statusIcon(StepStatus status)
{
    QStyle *style = QApplication::style();
    switch (status) {
    case StepStatus::Pending:
        return style->standardIcon(QStyle::SP_ArrowRight);
    case StepStatus::Reading:
    case StepStatus::Applying:
    case StepStatus::Verifying:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case StepStatus::Done:
    case StepStatus::Unchanged:
    case StepStatus::DryRun:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case StepStatus::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case StepStatus::Cancelled:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    case StepStatus::Skipped:
        break;
    }
    return style->standardIcon(QStyle::SP_MediaSkipForward);
}

bool isRunning(StepStatus status)
{
    return status == StepStatus::Applying || status == StepStatus::Verifying || status == StepStatus::Reading;
}

} // namespace

ApplyPage::ApplyPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("applyPage"));
}

ApplyPage::~ApplyPage()
{
    // The run belongs to the create session (SetupState); the rollback is ours.
    if (m_rollbackTask) {
        m_rollbackTask->disconnect(this);
        m_rollbackTask->cancel();
        delete m_rollbackTask;
    }
    if (m_run) {
        m_run->disconnect(this);
        // Closing the wizard mid-apply stops at once; the backup names what to roll back.
        if (m_run->isRunning())
            m_run->cancel();
    }
}

void ApplyPage::buildUi()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("applyStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse); // the backup folder can be copied

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("applyProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->sizeHint().height());
    m_elapsedLabel = new QLabel(this);
    m_elapsedLabel->setObjectName(QStringLiteral("elapsedLabel"));
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("applyCancelButton"));
    m_cancelButton->setAutoDefault(false);

    m_stepList = new QTreeWidget(this);
    m_stepList->setObjectName(QStringLiteral("applyStepList"));
    m_stepList->setColumnCount(3);
    m_stepList->setRootIsDecorated(false);
    m_stepList->setSelectionMode(QAbstractItemView::NoSelection);
    m_stepList->setUniformRowHeights(true);
    m_stepList->setWordWrap(false);
    m_stepList->header()->setStretchLastSection(false);
    m_stepList->header()->setSectionResizeMode(StepColumn, QHeaderView::Stretch);
    m_stepList->header()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_stepList->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);

    m_failurePanel = new QFrame(this);
    m_failurePanel->setObjectName(QStringLiteral("failurePanel"));
    Theme::setPanelTone(m_failurePanel, Theme::Tone::Error);
    m_failureLabel = new QLabel(m_failurePanel);
    m_failureLabel->setObjectName(QStringLiteral("failureLabel"));
    m_failureLabel->setWordWrap(true);
    m_failureLabel->setTextFormat(Qt::RichText);
    m_failureLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rollbackButton = new QPushButton(m_failurePanel);
    m_rollbackButton->setObjectName(QStringLiteral("rollbackButton"));
    m_retryButton = new QPushButton(m_failurePanel);
    m_retryButton->setObjectName(QStringLiteral("applyRetryButton"));
    m_rollbackLabel = new QLabel(m_failurePanel);
    m_rollbackLabel->setObjectName(QStringLiteral("rollbackLabel"));
    m_rollbackLabel->setWordWrap(true);
    m_rollbackLabel->setTextFormat(Qt::PlainText);
    m_rollbackLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rollbackLabel->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_rollbackButton);
    buttons->addWidget(m_retryButton);
    buttons->addStretch(1);
    auto *failureLayout = new QVBoxLayout(m_failurePanel);
    failureLayout->setContentsMargins(8, 6, 8, 6);
    failureLayout->addWidget(m_failureLabel);
    failureLayout->addLayout(buttons);
    failureLayout->addWidget(m_rollbackLabel);
    m_failurePanel->hide();

    m_tick = new QTimer(this);
    m_tick->setInterval(500);
    connect(m_tick, &QTimer::timeout, this, [this] {
        updateElapsed();
        updateSteps();
    });

    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_progress, 1);
    busyRow->addWidget(m_elapsedLabel);
    busyRow->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addLayout(busyRow);
    layout->addWidget(m_stepList, 1);
    layout->addWidget(m_failurePanel);

    setTabOrder(m_cancelButton, m_stepList);
    setTabOrder(m_stepList, m_rollbackButton);
    setTabOrder(m_rollbackButton, m_retryButton);

    connect(m_cancelButton, &QPushButton::clicked, this, &ApplyPage::requestCancel);
    connect(m_retryButton, &QPushButton::clicked, this, &ApplyPage::retry);
    connect(m_rollbackButton, &QPushButton::clicked, this, &ApplyPage::rollBack);
}

void ApplyPage::initializePage()
{
    ensureBuilt();
    // Entered only forwards from the (commit) Review page: every entry applies the plan just reviewed.
    startApply();
}

bool ApplyPage::isBusy() const
{
    return (m_run && m_run->isRunning()) || m_rollbackTask;
}

bool ApplyPage::applied() const
{
    if (!m_run || !m_run->isFinished() || m_rolledBack)
        return false;
    // A failed test still means every step was applied: the Test page says which test failed and why.
    return m_run->succeeded() || m_run->error().id == QLatin1String("tests-failed");
}

bool ApplyPage::isComplete() const
{
    return isBuilt() && !isBusy() && applied();
}

RollbackFactory ApplyPage::rollbackFactory() const
{
    if (auto *w = qobject_cast<SetupWizard *>(wizard()))
        return w->rollbackFactory();
    return RollbackFactory();
}

void ApplyPage::startApply()
{
    ensureBuilt();
    CreateSession *session = state()->createSession.get();
    if (!session) {
        showFailure(Error(ErrorCode::Internal, tr("There is no reviewed plan to apply."))
                        .withRemedy(tr("Close the wizard and start again.")));
        return;
    }
    // The first run must match the reviewed plan exactly (stale-plan otherwise). A retry after a partial
    // apply re-reads and continues: what this wizard wrote itself changed the fingerprint.
    const bool partial = m_run && m_run->wroteAnything();
    const QString fingerprint = partial ? QString() : session->plan().fingerprint;
    if (m_run) {
        m_run->disconnect(this);
        m_run->deleteLater();
    }
    ApplyRun *run = session->makeApplyRun(false, fingerprint);
    m_run = run;
    state()->applyRun = run;
    m_rolledBack = false;
    m_failurePanel->hide();
    m_rollbackLabel->hide();
    fillSteps();
    connect(run, &ApplyRun::stepChanged, this, [this] { updateSteps(); });
    connect(run, &Task::progressChanged, this, [this](qint64 done, qint64 total, const QString &label) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
        if (!label.isEmpty())
            m_statusLabel->setText(label);
    });
    connect(run, &Task::finished, this, &ApplyPage::onRunFinished);
    m_startedMs = state()->clock->monotonicMs();
    m_finishedMs = -1;
    m_statusLabel->setText(
        tr("Applying the changes to %1 …").arg(state()->connection.baseUrl.toString(QUrl::RemoveUserInfo)));
    run->start(); // never finishes before it returns
    setBusy(true);
}

void ApplyPage::fillSteps()
{
    m_stepList->clear();
    m_stepStartedMs.clear();
    const Plan &plan = state()->createSession->plan();
    for (const StepDescription &s : plan.steps) {
        auto *item = new QTreeWidgetItem(m_stepList);
        item->setText(StepColumn, s.title);
        item->setToolTip(StepColumn, s.target);
        m_stepStartedMs.append(-1);
    }
    updateSteps();
}

void ApplyPage::updateSteps()
{
    if (!m_run)
        return;
    const QList<StepOutcome> &outcomes = m_run->outcomes();
    const qint64 now = state()->clock->monotonicMs();
    for (int i = 0; i < outcomes.size() && i < m_stepList->topLevelItemCount(); ++i) {
        const StepOutcome &o = outcomes.at(i);
        QTreeWidgetItem *item = m_stepList->topLevelItem(i);
        if (!o.title.isEmpty())
            item->setText(StepColumn, o.title);
        item->setIcon(StatusColumn, statusIcon(o.status));
        item->setText(StatusColumn, statusText(o.status));
        item->setData(StatusColumn, StatusIdRole, stepStatusId(o.status));
        QString time;
        if (isRunning(o.status) && o.status != StepStatus::Reading) {
            if (m_stepStartedMs.at(i) < 0)
                m_stepStartedMs[i] = now;
            time = durationText(now - m_stepStartedMs.at(i));
        } else if (o.status == StepStatus::Done || o.status == StepStatus::Failed ||
                   o.status == StepStatus::Cancelled) {
            time = durationText(o.durationMs);
        }
        item->setText(TimeColumn, time);
        const QString accessible =
            QStringLiteral("%1: %2 %3").arg(item->text(StepColumn), statusText(o.status), time);
        item->setData(StepColumn, Qt::AccessibleTextRole, accessible.trimmed());
    }
}

void ApplyPage::updateElapsed()
{
    const qint64 end = m_finishedMs >= 0 ? m_finishedMs : state()->clock->monotonicMs();
    m_elapsedLabel->setText(tr("Elapsed: %1").arg(durationText(end - m_startedMs)));
}

void ApplyPage::requestCancel()
{
    if (!m_run || !m_run->isRunning())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Stop applying?"),
        tr("The step in progress is stopped and no further step runs. What was already changed stays on AEM "
           "until you roll it back (the backup is kept)."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes || !m_run || !m_run->isRunning())
        return;
    m_statusLabel->setText(tr("Stopping …"));
    m_run->cancel();
}

void ApplyPage::onRunFinished()
{
    ApplyRun *run = m_run;
    if (!run)
        return;
    m_finishedMs = state()->clock->monotonicMs();
    if (run->backupSaved() && !state()->backupIds.contains(run->backup().id))
        state()->backupIds.append(run->backup().id);
    setBusy(false);
    updateSteps();
    updateElapsed();
    if (run->succeeded()) {
        m_progress->setRange(0, 1);
        m_progress->setValue(1);
        QString text = run->wroteAnything()
                           ? tr("✔ Every change was applied and verified by reading it back.")
                           : tr("✔ Nothing needed changing: the configuration is already in place.");
        if (run->backupSaved())
            text +=
                QLatin1Char('\n') + tr("Backup %1 of the state before is in %2.")
                                        .arg(run->backup().id, QDir::toNativeSeparators(run->backupFolder()));
        m_statusLabel->setText(text);
        if (QAbstractButton *next = wizard() ? wizard()->button(QWizard::NextButton) : nullptr)
            next->setFocus();
        return;
    }
    if (applied()) {
        QString text = tr("Every change was applied, but a test did not pass: Next shows which.");
        if (run->backupSaved())
            text +=
                QLatin1Char('\n') + tr("Backup %1 of the state before is in %2.")
                                        .arg(run->backup().id, QDir::toNativeSeparators(run->backupFolder()));
        m_statusLabel->setText(text);
        return;
    }
    showFailure(run->error());
}

void ApplyPage::showFailure(const Error &error)
{
    QString failedStep;
    QString cause;
    if (m_run) {
        for (const StepOutcome &o : m_run->outcomes()) {
            if (o.status == StepStatus::Failed) {
                failedStep = o.title;
                cause = o.error.userMessage;
            }
        }
    }
    const bool cancelled = error.code == ErrorCode::Cancelled;
    m_statusLabel->setText(cancelled ? tr("Apply was cancelled.") : tr("Apply stopped."));
    QString html;
    if (!failedStep.isEmpty())
        html = QStringLiteral("<b>%1</b><br>%2")
                   .arg(esc(tr("The step \"%1\" failed.").arg(failedStep)),
                        esc(tr("Why: %1").arg(cause.isEmpty() ? error.userMessage : cause)));
    else
        html = QStringLiteral("<b>%1</b>").arg(esc(error.userMessage));
    if (!error.remedy.isEmpty())
        html += QStringLiteral("<br>%1").arg(esc(tr("What to do: %1").arg(error.remedy)));
    const bool wrote = m_run && m_run->wroteAnything();
    if (m_run && m_run->backupSaved())
        html += QStringLiteral("<br>%1").arg(esc(
            tr("Backup %1 in %2").arg(m_run->backup().id, QDir::toNativeSeparators(m_run->backupFolder()))));
    m_failureLabel->setText(html);
    const bool canRollBack = bool(rollbackFactory());
    m_rollbackButton->setVisible(wrote || !state()->backupIds.isEmpty());
    m_rollbackButton->setEnabled(canRollBack);
    m_rollbackButton->setToolTip(canRollBack ? tr("Restore what the backup holds, newest backup first.")
                                             : tr("Rollback is not available in this build."));
    m_retryButton->setEnabled(state()->createSession != nullptr);
    m_failurePanel->show();
    (m_rollbackButton->isVisible() && canRollBack ? m_rollbackButton : m_retryButton)->setFocus();
    emit completeChanged();
}

void ApplyPage::retry()
{
    if (isBusy())
        return;
    startApply();
}

void ApplyPage::rollBack()
{
    if (isBusy() || !rollbackFactory())
        return;
    m_rollbackQueue.clear();
    for (auto it = state()->backupIds.crbegin(); it != state()->backupIds.crend(); ++it)
        m_rollbackQueue << *it;
    if (m_rollbackQueue.isEmpty())
        return;
    m_rollbackLabel->show();
    m_rollbackButton->setEnabled(false);
    m_retryButton->setEnabled(false);
    startNextRollback();
}

void ApplyPage::startNextRollback()
{
    const QString id = m_rollbackQueue.takeFirst();
    m_rollback = rollbackFactory()(*state(), id);
    if (!m_rollback) {
        m_rollbackLabel->setText(tr("Backup %1 cannot be restored from here.").arg(id));
        m_retryButton->setEnabled(true);
        return;
    }
    Task *task = m_rollback->makeTask();
    // RollbackSession parents its task to itself (m_rollback, ours); a job that does not, to this page.
    if (!task->parent())
        task->setParent(this);
    m_rollbackTask = task;
    connect(task, &Task::finished, this, &ApplyPage::onRollbackFinished);
    m_rollbackLabel->setText(tr("Restoring backup %1 …").arg(id));
    setBusy(true);
    task->start();
}

void ApplyPage::onRollbackFinished()
{
    Task *task = m_rollbackTask;
    if (!task)
        return;
    m_rollbackTask = nullptr;
    task->deleteLater();
    setBusy(false);
    if (!task->succeeded()) {
        m_rollbackLabel->setText(tr("The rollback did not complete: %1").arg(task->error().fullText()));
        m_rollbackButton->setEnabled(true);
        m_retryButton->setEnabled(true);
        m_rollbackButton->setFocus();
        return;
    }
    if (!m_rollbackQueue.isEmpty()) {
        startNextRollback();
        return;
    }
    m_rolledBack = true;
    QStringList restored;
    QStringList restoredSteps;
    for (const RestoreOutcome &o : m_rollback->outcomes()) {
        restored << o.target;
        restoredSteps << o.stepId;
    }
    // The list says so too: a step shown "Done" is no longer on the instance.
    const QList<StepDescription> &planSteps = state()->createSession->plan().steps;
    for (int i = 0; i < planSteps.size() && i < m_stepList->topLevelItemCount(); ++i) {
        if (!restoredSteps.contains(planSteps.at(i).id))
            continue;
        QTreeWidgetItem *item = m_stepList->topLevelItem(i);
        item->setIcon(StatusColumn, QApplication::style()->standardIcon(QStyle::SP_ArrowBack));
        item->setText(StatusColumn, tr("Rolled back"));
        item->setData(StatusColumn, StatusIdRole, QStringLiteral("rolled-back"));
        item->setData(StepColumn, Qt::AccessibleTextRole,
                      QStringLiteral("%1: %2").arg(item->text(StepColumn), tr("Rolled back")));
    }
    m_rollbackLabel->setText(
        restored.isEmpty()
            ? tr("✔ Rolled back: the instance is as it was before this wizard changed it.")
            : tr("✔ Rolled back: the instance is as it was before this wizard changed it (%1 restored).")
                  .arg(restored.join(QStringLiteral(", "))));
    state()->backupIds.clear();
    m_rollbackButton->setEnabled(false);
    m_retryButton->setEnabled(true);
    m_statusLabel->setText(tr("Rolled back. Retry applies the plan again, Cancel closes the wizard."));
    m_retryButton->setFocus();
    emit completeChanged();
}

void ApplyPage::setBusy(bool busy)
{
    m_cancelButton->setVisible(busy && m_run && m_run->isRunning());
    if (busy && !m_tick->isActive())
        m_tick->start();
    else if (!busy)
        m_tick->stop();
    if (busy && m_cancelButton->isVisible())
        m_cancelButton->setFocus();
    updateElapsed();
    emit completeChanged();
}

void ApplyPage::retranslate()
{
    m_stepList->setAccessibleName(tr("Apply steps"));
    m_stepList->setAccessibleDescription(
        tr("Each change with its status: waiting, running, done, failed or rolled back."));
    setTitle(tr("Apply"));
    setSubTitle(tr("The changes are written to AEM one by one, each verified by reading it back. A backup is "
                   "saved before the first change."));
    m_stepList->setHeaderLabels({tr("Step"), tr("State"), tr("Time")});
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop applying (asks first)"));
    m_rollbackButton->setText(tr("&Roll back"));
    m_retryButton->setText(tr("Re&try"));
    updateSteps();
    if (m_run)
        updateElapsed();
}

} // namespace bp::ui
