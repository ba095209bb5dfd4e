// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

#include <QPointer>

class QCheckBox;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace bp {
class Task;
struct Error;
struct Plan;
} // namespace bp

namespace bp::ui {

// Review changes: makes a new CreateSession from SetupState when entered and runs its plan task (detection,
// IMS validation, prerequisites, every step's read; read-only). Shows the plan in plain words: each step
// with its action and field diff (secrets are already *** in the core), the backup location, blocking
// prerequisites with what to do, notes, or "nothing to do". Next (labelled Apply) only for a plan that does
// not block; this is the commit page, so the Apply page that follows cannot go back.
class ReviewPage : public BasePage
{
    Q_OBJECT
public:
    explicit ReviewPage(SetupState *state, QWidget *parent = nullptr);
    ~ReviewPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    bool isBusy() const { return m_task != nullptr; }

    // The plan in plain words (HTML), as the page shows it.
    static QString planHtml(const Plan &plan);

    // How long the Wait button lets the queues drain.
    static constexpr int QueueWaitSeconds = 600;

public slots:
    void startPlan();
    void cancelPlan();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void onPlanFinished();
    void showPlan();
    void showError(const Error &error);
    void setBusy(bool busy);
    void updateKeyAliasOffer();

    QLabel *m_statusLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QFrame *m_errorPanel;
    QLabel *m_errorLabel;
    QPushButton *m_retryButton;
    QLabel *m_summaryLabel;
    // JWT upgrade: accepts the plan's offer to remove the leftover key alias (re-plans when toggled).
    QCheckBox *m_removeKeyAliasCheck;
    // A queue-busy plan: makes the plan again, waiting for the old agents' queues to drain.
    QPushButton *m_waitButton;
    QTextBrowser *m_planView;

    QPointer<Task> m_task;           // the running plan task, or null
    bool m_planned = false;          // the plan task succeeded
    bool m_waitingForQueues = false; // the running plan waits for queues: keep saying so, not each read
};

} // namespace bp::ui
