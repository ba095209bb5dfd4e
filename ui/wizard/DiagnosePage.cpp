// SPDX-License-Identifier: Apache-2.0
#include "wizard/DiagnosePage.h"

#include "diagnose/DiagnoseHtml.h"
#include "diagnose/DiagnoseTask.h"
#include "setup/SetupActions.h"
#include "setup/SetupState.h"
#include "time/Clock.h"
#include "wizard/CertificateTrustDialog.h"
#include "wizard/CheckStatus.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWizard>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// The failures the wizard can carry out the remedy of.
bool upgradeFixes(const DiagnoseReport &r)
{
    const DiagnoseCheck *state = r.check(QStringLiteral("config-state"));
    return state && state->status == VerifyCheck::Fail &&
           (r.state == ConfigState::LegacyGateway || r.state == ConfigState::DevConsoleJwt ||
            r.state == ConfigState::Broken);
}

} // namespace

DiagnosePage::DiagnosePage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("diagnosePage"));
}

DiagnosePage::~DiagnosePage()
{
    if (m_task) {
        m_task->disconnect(this);
        m_task->cancel();
        delete m_task;
    }
}

const DiagnoseReport *DiagnosePage::report() const
{
    return m_report.get();
}

void DiagnosePage::buildUi()
{
    m_chainLabel = new QLabel(this);
    m_chainLabel->setObjectName(QStringLiteral("chainLabel"));
    m_chainLabel->setTextFormat(Qt::RichText);
    m_chainLabel->setWordWrap(true);

    m_runButton = new QPushButton(this);
    m_runButton->setObjectName(QStringLiteral("diagnoseButton"));
    m_runButton->setAutoDefault(false);
    connect(m_runButton, &QPushButton::clicked, this, &DiagnosePage::diagnoseOrCancel);
    m_runTestsCheck = new QCheckBox(this);
    m_runTestsCheck->setObjectName(QStringLiteral("runTestsCheck"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("diagnoseProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("diagnoseSummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);

    m_checkList = new QTreeWidget(this);
    m_checkList->setObjectName(QStringLiteral("checkList"));
    m_checkList->setColumnCount(3);
    m_checkList->setRootIsDecorated(false);
    m_checkList->setWordWrap(true);
    m_checkList->header()->setStretchLastSection(true);
    m_checkList->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checkList->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(m_checkList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        // The selected check's remedy in full, under the list (selectable, for copying).
        if (!item || !m_report)
            return;
        const DiagnoseCheck *c = m_report->check(item->data(1, Qt::UserRole).toString());
        if (!c)
            return;
        m_remedyLabel->setText(
            QStringLiteral("<b>%1</b> %2%3")
                .arg(esc(c->title), esc(c->evidence),
                     c->remedy.isEmpty() || c->status == VerifyCheck::Pass
                         ? QString()
                         : QStringLiteral("<br><b>%1</b> %2").arg(esc(tr("What to do:")), esc(c->remedy))));
        m_remedyLabel->show();
    });

    m_remedyLabel = new QLabel(this);
    m_remedyLabel->setObjectName(QStringLiteral("diagnoseRemedyLabel"));
    m_remedyLabel->setWordWrap(true);
    m_remedyLabel->setTextFormat(Qt::RichText);
    m_remedyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_remedyLabel->hide();

    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName(QStringLiteral("saveReportButton"));
    m_saveButton->setAutoDefault(false);
    m_copyButton = new QPushButton(this);
    m_copyButton->setObjectName(QStringLiteral("copySummaryButton"));
    m_copyButton->setAutoDefault(false);
    m_fixButton = new QPushButton(this);
    m_fixButton->setObjectName(QStringLiteral("fixButton"));
    m_fixButton->setAutoDefault(false);
    m_fixButton->hide();
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        if (folder.isEmpty())
            folder = QDir::homePath();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the diagnosis report"),
            QDir(folder).filePath(QStringLiteral("brand-portal-diagnosis.html")), tr("HTML report (*.html)"));
        if (!path.isEmpty())
            saveReport(path);
    });
    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        if (m_report)
            QApplication::clipboard()->setText(DiagnoseText::summary(*m_report));
        m_summaryLabel->setText(m_summaryLabel->text() + QStringLiteral("<br>") +
                                esc(tr("The summary is on the clipboard (no secrets in it).")));
    });
    connect(m_fixButton, &QPushButton::clicked, this, [this] {
        // Into the setup path with the upgrade chosen: credentials, validation, review (read-only until
        // Apply), as if Upgrade had been picked on the Route page.
        state()->mode = SetupState::Mode::Setup;
        state()->action = SetupAction::Upgrade;
        if (wizard())
            wizard()->next();
    });

    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_runTestsCheck);
    runRow->addWidget(m_progress, 1);
    runRow->addStretch(0);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_saveButton);
    actions->addWidget(m_copyButton);
    actions->addStretch(1);
    actions->addWidget(m_fixButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chainLabel);
    layout->addLayout(runRow);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_checkList, 1);
    layout->addWidget(m_remedyLabel);
    layout->addLayout(actions);
}

void DiagnosePage::initializePage()
{
    ensureBuilt();
    retranslate();
    startDiagnose();
}

void DiagnosePage::cleanupPage()
{
    if (m_task)
        m_task->cancel();
}

bool DiagnosePage::isBusy() const
{
    return m_task && !m_task->isFinished();
}

bool DiagnosePage::isComplete() const
{
    return !isBusy();
}

void DiagnosePage::diagnoseOrCancel()
{
    if (isBusy()) {
        m_cancelled = true;
        m_task->cancel();
        return;
    }
    startDiagnose();
}

void DiagnosePage::startDiagnose()
{
    if (m_task) {
        m_task->disconnect(this);
        m_task->deleteLater();
    }
    m_cancelled = false;
    m_report.reset();
    DiagnoseTask::Options options;
    options.runTests = m_runTestsCheck->isChecked();
    if (state()->instance.versionChosenManually)
        options.manualVersion = state()->instance.version;
    m_task = new DiagnoseTask(state()->connection, *state()->clock, options, this);
    connect(m_task, &Task::finished, this, &DiagnosePage::onFinished);
    connect(m_task, &Task::progressChanged, this, [this](qint64, qint64, const QString &label) {
        if (!label.isEmpty())
            m_summaryLabel->setText(esc(label));
    });
    m_progress->show();
    m_summaryLabel->setText(esc(tr("Diagnosing %1: only reading, nothing is changed…")
                                    .arg(state()->connection.baseUrl.toString(QUrl::RemoveUserInfo))));
    m_runButton->setText(tr("&Cancel"));
    fillPending();
    fillChain();
    m_saveButton->setEnabled(false);
    m_copyButton->setEnabled(false);
    m_fixButton->hide();
    emit completeChanged();
    m_task->start();
}

void DiagnosePage::onFinished()
{
    m_progress->hide();
    if (m_task->succeeded()) {
        ReportScrubber scrubber;
        scrubber.addSecret(state()->connection.password);
        scrubber.addSecret(state()->connection.bearerToken);
        m_report = std::make_unique<DiagnoseReport>(scrubber.scrub(m_task->report()));
    }
    fillResults();
    fillChain();
    offerFix();
    m_runButton->setText(tr("&Diagnose again"));
    m_saveButton->setEnabled(m_report != nullptr);
    m_copyButton->setEnabled(m_report != nullptr);
    emit completeChanged();
    // A certificate nobody trusted yet (AEM's renewed one): the Connect page's dialog; Trust diagnoses again.
    if (!m_task->succeeded())
        CertificateTrustDialog::offer(m_task->error(), state(), this, [this] { startDiagnose(); }, {});
}

bool DiagnosePage::saveReport(const QString &path)
{
    if (!m_report)
        return false;
    const Result<bool> saved =
        DiagnoseHtml::save(path, DiagnoseHtml::render(*m_report, state()->clock->nowUtc()).toUtf8());
    if (!saved) {
        QMessageBox::warning(this, tr("Report not saved"),
                             saved.error().userMessage + QStringLiteral("\n\n") + saved.error().remedy);
        return false;
    }
    m_summaryLabel->setText(m_summaryLabel->text() + QStringLiteral("<br>") +
                            esc(tr("Report saved to %1. It holds no password, token or key.")
                                    .arg(QDir::toNativeSeparators(path))));
    return true;
}

void DiagnosePage::fillPending()
{
    // The catalogue, waiting: each line fills in when the run ends.
    m_checkList->clear();
    for (const DiagnoseCheckInfo &info : DiagnoseCatalogue::all()) {
        if (info.runsTests && !m_runTestsCheck->isChecked())
            continue;
        auto *item = new QTreeWidgetItem(m_checkList);
        item->setText(0, tr("… Waiting"));
        item->setData(0, StatusRole, QStringLiteral("pending"));
        item->setText(1, info.title);
        item->setData(1, Qt::UserRole, info.id);
    }
    m_remedyLabel->hide();
}

void DiagnosePage::fillChain()
{
    QString html = QStringLiteral("<table cellspacing=\"6\"><tr>");
    const QList<DiagnoseHtml::Link> links =
        m_report ? DiagnoseHtml::chain(*m_report) : DiagnoseHtml::chain(DiagnoseReport());
    for (int i = 0; i < links.size(); ++i) {
        const DiagnoseHtml::Link &l = links[i];
        const QString result = m_report ? CheckStatus::text(l.status) : tr("… waiting");
        html +=
            QStringLiteral("<td style=\"border:2px solid %1; padding:6px;\" align=\"center\"><b>%2</b><br>"
                           "<span style=\"color:%1\">%3</span></td>")
                .arg(m_report ? DiagnoseHtml::statusColour(l.status) : QStringLiteral("#6b6b6b"), esc(l.name),
                     esc(result));
        if (i + 1 < links.size())
            html += QStringLiteral("<td valign=\"middle\">→</td>");
    }
    html += QStringLiteral("</tr></table>");
    m_chainLabel->setText(html);
    QStringList spoken;
    for (const DiagnoseHtml::Link &l : links)
        spoken << QStringLiteral("%1: %2").arg(l.name,
                                               m_report ? CheckStatus::text(l.status) : tr("waiting"));
    m_chainLabel->setAccessibleName(tr("Connection chain"));
    m_chainLabel->setAccessibleDescription(spoken.join(QStringLiteral("; ")));
}

void DiagnosePage::fillResults()
{
    m_checkList->clear();
    if (!m_report) {
        const Error e = m_task ? m_task->error() : Error();
        m_summaryLabel->setText(
            m_cancelled || e.code == ErrorCode::Cancelled
                ? esc(tr("Diagnosis cancelled. Nothing was changed."))
                : QStringLiteral("<b>✖ %1</b><br>%2")
                      .arg(esc(tr("AEM could not be read: %1").arg(e.userMessage)),
                           esc(e.remedy.isEmpty() ? QString() : tr("What to do: %1").arg(e.remedy))));
        return;
    }
    QStyle *style = QApplication::style();
    int counts[4] = {0, 0, 0, 0};
    QTreeWidgetItem *firstFailure = nullptr;
    for (const DiagnoseCheck &c : m_report->checks) {
        ++counts[c.status];
        auto *item = new QTreeWidgetItem(m_checkList);
        item->setIcon(0, style->standardIcon(CheckStatus::icon(c.status)));
        item->setText(0, CheckStatus::text(c.status));
        item->setData(0, StatusRole, verifyStatusId(c.status));
        item->setText(1, c.title);
        item->setData(1, Qt::UserRole, c.id);
        item->setText(2, c.remedy.isEmpty() || c.status == VerifyCheck::Pass
                             ? c.evidence
                             : tr("%1 — What to do: %2").arg(c.evidence, c.remedy));
        item->setToolTip(2, item->text(2));
        if (c.status == VerifyCheck::Fail && !firstFailure)
            firstFailure = item;
    }
    m_summaryLabel->setText(
        (counts[VerifyCheck::Fail] > 0
             ? QStringLiteral("<b>✖ %1</b> ")
                   .arg(esc(tr("%n check(s) failed.", nullptr, counts[VerifyCheck::Fail])))
             : QStringLiteral("<b>✔ %1</b> ").arg(esc(tr("No check failed.")))) +
        esc(tr("%1 passed, %2 warned, %3 skipped.")
                .arg(counts[VerifyCheck::Pass])
                .arg(counts[VerifyCheck::Warn])
                .arg(counts[VerifyCheck::Skip])));
    // Keyboard and screen-reader users land on the first failure, its remedy shown below the list.
    m_checkList->setCurrentItem(firstFailure ? firstFailure : m_checkList->topLevelItem(0));
    if (firstFailure)
        m_checkList->setFocus();
}

void DiagnosePage::offerFix()
{
    const bool upgrade = m_report && upgradeFixes(*m_report);
    m_fixButton->setVisible(upgrade);
    if (upgrade)
        m_fixButton->setText(tr("&Upgrade this configuration…"));
}

void DiagnosePage::retranslate()
{
    m_checkList->setAccessibleName(tr("Checks"));
    m_checkList->setAccessibleDescription(
        tr("Each health check with its result; select one to read its evidence and remedy."));
    setTitle(tr("Diagnose"));
    setSubTitle(
        tr("Read-only health checks of the Brand Portal connection, each with what was read and what to "
           "do. Nothing is changed."));
    m_checkList->setHeaderLabels({tr("Result"), tr("Check"), tr("Evidence and what to do")});
    m_runButton->setText(isBusy() ? tr("&Cancel") : m_report ? tr("&Diagnose again") : tr("&Diagnose"));
    m_runTestsCheck->setText(tr("Also run &Test Connection"));
    m_saveButton->setText(tr("&Save report…"));
    m_saveButton->setToolTip(tr("One HTML file that opens offline; passwords, tokens and keys are removed."));
    m_copyButton->setText(tr("C&opy summary"));
    m_fixButton->setToolTip(
        tr("Continue with the upgrade to OAuth Server-to-Server: credentials, validation, "
           "review. Nothing is written before you confirm on the Review page."));
    if (m_report)
        offerFix();
    fillChain();
    m_runTestsCheck->setToolTip(tr("Sends a test package through each agent: the only request diagnose sends "
                                   "that is not a read."));
    m_runTestsCheck->setAccessibleDescription(m_runTestsCheck->toolTip());
    m_runButton->setAccessibleDescription(tr("Runs every check again; nothing is changed on AEM."));
    m_copyButton->setAccessibleDescription(
        tr("Copies the text summary of the checks, without secrets, to the clipboard."));
}

} // namespace bp::ui
