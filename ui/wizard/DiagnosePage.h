// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

#include <QPointer>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace bp {
class DiagnoseTask;
struct DiagnoseReport;
} // namespace bp

namespace bp::ui {

// Diagnose (support staff, "Diagnose an existing setup"): runs the core DiagnoseTask on the connected
// instance (read-only; Test Connection only when "Also run Test Connection" is ticked) and shows the
// connection chain (each link with its worst result, in words and a symbol), the checks with evidence and
// remedy, Save report (the self-contained HTML, through the same scrubber as the CLI) and Copy summary.
// A failure the tool can fix offers its path: Upgrade for a legacy, JWT or broken configuration.
class DiagnosePage : public BasePage
{
    Q_OBJECT
public:
    // Qt::UserRole on each checkList item (column 0): "pass", "fail", "warn", "skip" or "pending".
    static constexpr int StatusRole = Qt::UserRole;

    explicit DiagnosePage(SetupState *state, QWidget *parent = nullptr);
    ~DiagnosePage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isBusy() const;
    // The scrubbed report of the last run (for Save report and Copy summary), null before.
    const DiagnoseReport *report() const;
    // Saves the report as HTML to path (what Save report does after its file dialog).
    bool saveReport(const QString &path);

public slots:
    void diagnoseOrCancel();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void startDiagnose();
    void onFinished();
    void fillPending();
    void fillResults();
    void fillChain();
    void offerFix();

    QLabel *m_chainLabel;
    QPushButton *m_runButton;
    QCheckBox *m_runTestsCheck;
    QProgressBar *m_progress;
    QLabel *m_summaryLabel;
    QTreeWidget *m_checkList;
    QLabel *m_remedyLabel;
    QPushButton *m_saveButton;
    QPushButton *m_copyButton;
    QPushButton *m_fixButton;
    QPointer<DiagnoseTask> m_task;
    std::unique_ptr<DiagnoseReport> m_report;
    bool m_cancelled = false;
};

} // namespace bp::ui
