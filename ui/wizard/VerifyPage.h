// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace bp {
class VerifyTask;
}

namespace bp::ui {

// Verify: the configured chain end to end, as `bpsetup verify` reports it (VerifyTask), for "Keep it and
// verify" and for the Cloud Service route. On Cloud Service the page first shows the activation checklist
// (Cloud Manager does the configuration; bpsetup never writes one there) and verifies when asked; for Keep
// it verifies at once. Nothing is written except the agents' Test Connection requests.
class VerifyPage : public BasePage
{
    Q_OBJECT
public:
    // Qt::UserRole on each checkList item (column 0): "pass", "fail", "warn" or "skip".
    static constexpr int StatusRole = Qt::UserRole;

    explicit VerifyPage(SetupState *state, QWidget *parent = nullptr);
    ~VerifyPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isBusy() const;

public slots:
    // Starts (or restarts) the verification; cancels it while it runs.
    void verifyOrCancel();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void startVerify();
    void onFinished();
    void fillChecklist();
    void fillResults();
    bool cloudRoute() const;

    QLabel *m_checklistLabel;
    QPushButton *m_verifyButton;
    QProgressBar *m_progress;
    QLabel *m_summaryLabel;
    QTreeWidget *m_checkList;
    QLabel *m_remedyLabel;
    QPointer<VerifyTask> m_task;
    bool m_ran = false;
    bool m_cancelled = false;
};

} // namespace bp::ui
