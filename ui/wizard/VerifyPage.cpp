// SPDX-License-Identifier: Apache-2.0
#include "wizard/VerifyPage.h"

#include "setup/SetupState.h"
#include "verify/VerifyTask.h"
#include "wizard/CertificateTrustDialog.h"
#include "wizard/CheckStatus.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

VerifyPage::VerifyPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("verifyPage"));
}

VerifyPage::~VerifyPage()
{
    if (m_task) {
        m_task->disconnect(this);
        m_task->cancel();
        delete m_task;
    }
}

bool VerifyPage::cloudRoute() const
{
    return state()->action == SetupAction::CloudChecklist;
}

void VerifyPage::buildUi()
{
    m_checklistLabel = new QLabel(this);
    m_checklistLabel->setObjectName(QStringLiteral("checklistLabel"));
    m_checklistLabel->setWordWrap(true);
    m_checklistLabel->setTextFormat(Qt::RichText);
    m_checklistLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_verifyButton = new QPushButton(this);
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setAutoDefault(false);
    connect(m_verifyButton, &QPushButton::clicked, this, &VerifyPage::verifyOrCancel);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("verifyProgress"));
    m_progress->setRange(0, 0); // busy: the checks' count is known only once the instance was read
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("verifySummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);

    m_checkList = new QTreeWidget(this);
    m_checkList->setObjectName(QStringLiteral("checkList"));
    m_checkList->setColumnCount(3);
    m_checkList->setRootIsDecorated(false);
    m_checkList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_checkList->setWordWrap(true);
    m_checkList->header()->setStretchLastSection(true);
    m_checkList->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checkList->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_checkList->hide();

    m_remedyLabel = new QLabel(this);
    m_remedyLabel->setObjectName(QStringLiteral("verifyRemedyLabel"));
    m_remedyLabel->setWordWrap(true);
    m_remedyLabel->setTextFormat(Qt::RichText);
    m_remedyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_remedyLabel->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_verifyButton);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(0); // takes the room while the progress bar is hidden

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_checklistLabel);
    layout->addLayout(buttons);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_checkList, 1);
    layout->addWidget(m_remedyLabel);
    layout->addStretch(0); // keeps the checklist at the top while the results are hidden
}

void VerifyPage::initializePage()
{
    ensureBuilt();
    m_ran = false;
    m_checkList->clear();
    m_checkList->hide();
    m_remedyLabel->hide();
    m_summaryLabel->clear();
    retranslate();
    // Keep verifies at once; on Cloud Service the person activates first and then asks.
    if (!cloudRoute() || state()->instance.state == ConfigState::OAuthS2S)
        startVerify();
}

void VerifyPage::cleanupPage()
{
    if (m_task)
        m_task->cancel();
}

bool VerifyPage::isBusy() const
{
    return m_task && !m_task->isFinished();
}

bool VerifyPage::isComplete() const
{
    return !isBusy();
}

void VerifyPage::verifyOrCancel()
{
    if (isBusy()) {
        m_cancelled = true;
        m_task->cancel();
        return;
    }
    startVerify();
}

void VerifyPage::startVerify()
{
    if (m_task) {
        m_task->disconnect(this);
        m_task->deleteLater();
    }
    m_cancelled = false;
    m_task = new VerifyTask(state()->connection, *state()->clock, this);
    if (state()->instance.versionChosenManually)
        m_task->setManualVersion(state()->instance.version);
    connect(m_task, &Task::finished, this, &VerifyPage::onFinished);
    m_progress->show();
    m_summaryLabel->setText(esc(tr("Verifying %1: reading the configuration, testing the agents…")
                                    .arg(state()->connection.baseUrl.toString())));
    m_verifyButton->setText(tr("&Cancel verification"));
    emit completeChanged();
    m_task->start();
}

void VerifyPage::onFinished()
{
    m_progress->hide();
    m_ran = true;
    fillResults();
    m_verifyButton->setText(tr("&Verify again"));
    emit completeChanged();
    // A certificate nobody trusted yet (AEM's renewed one): the Connect page's dialog; Trust verifies again.
    if (m_task && !m_task->succeeded())
        CertificateTrustDialog::offer(m_task->error(), state(), this, [this] { startVerify(); }, {});
}

void VerifyPage::fillChecklist()
{
    if (!cloudRoute()) {
        m_checklistLabel->hide();
        return;
    }
    QStringList items;
    for (const QString &step : VerifyChecklist::cloudServiceActivation())
        items << QStringLiteral("<li>%1</li>").arg(esc(step));
    m_checklistLabel->setText(
        QStringLiteral("<p><b>%1</b></p><ol>%2</ol><p>%3</p>")
            .arg(esc(tr("Activate Brand Portal in Cloud Manager:")), items.join(QString()),
                 esc(tr("bpsetup writes nothing on AEM as a Cloud Service. When Cloud "
                        "Manager shows \"Activated\", verify what activation created."))));
    m_checklistLabel->show();
}

void VerifyPage::fillResults()
{
    m_checkList->clear();
    if (!m_task)
        return;
    if (!m_task->succeeded()) {
        const Error e = m_task->error();
        m_summaryLabel->setText(
            m_cancelled || e.code == ErrorCode::Cancelled
                ? esc(tr("Verification cancelled."))
                : QStringLiteral("<b>✖ %1</b><br>%2")
                      .arg(esc(tr("AEM could not be read: %1").arg(e.userMessage)),
                           esc(e.remedy.isEmpty() ? QString() : tr("What to do: %1").arg(e.remedy))));
        m_checkList->hide();
        m_remedyLabel->hide();
        return;
    }
    const VerifyReport &report = m_task->report();
    QStyle *style = QApplication::style();
    QStringList remedies;
    int failed = 0;
    for (const VerifyCheck &c : report.checks) {
        auto *item = new QTreeWidgetItem(m_checkList);
        item->setIcon(0, style->standardIcon(CheckStatus::icon(c.status)));
        item->setText(0, CheckStatus::text(c.status));
        item->setData(0, StatusRole, verifyStatusId(c.status));
        item->setText(1, c.title);
        item->setText(2, c.evidence);
        item->setToolTip(2, c.remedy.isEmpty() ? c.evidence
                                               : tr("%1\nWhat to do: %2").arg(c.evidence, c.remedy));
        if (c.status == VerifyCheck::Fail)
            ++failed;
        if ((c.status == VerifyCheck::Fail || c.status == VerifyCheck::Warn) && !c.remedy.isEmpty())
            remedies << QStringLiteral("<li><b>%1</b>: %2<br>%3</li>")
                            .arg(esc(c.title), esc(c.evidence), esc(tr("What to do: %1").arg(c.remedy)));
    }
    m_checkList->setVisible(!report.checks.isEmpty());
    if (const VerifyCheck *first = report.firstFailure())
        m_summaryLabel->setText(QStringLiteral("<b>✖ %1</b>")
                                    .arg(esc(tr("%1 of %2 checks failed; the first failing link: %3.")
                                                 .arg(failed)
                                                 .arg(report.checks.size())
                                                 .arg(first->title))));
    else
        m_summaryLabel->setText(
            QStringLiteral("<b>✔ %1</b>")
                .arg(esc(tr("Every link of the Brand Portal connection passed its check."))));
    m_remedyLabel->setText(QStringLiteral("<ul>%1</ul>").arg(remedies.join(QString())));
    m_remedyLabel->setVisible(!remedies.isEmpty());
    // Keyboard and screen-reader users land on the first failure.
    if (failed > 0) {
        for (int i = 0; i < m_checkList->topLevelItemCount(); ++i) {
            if (m_checkList->topLevelItem(i)->data(0, StatusRole).toString() == QLatin1String("fail")) {
                m_checkList->setCurrentItem(m_checkList->topLevelItem(i));
                break;
            }
        }
    }
}

void VerifyPage::retranslate()
{
    m_checkList->setAccessibleName(tr("Checks"));
    m_checkList->setAccessibleDescription(
        tr("Each check of the configured chain with its result and what was read."));
    const bool cloud = cloudRoute();
    setTitle(cloud ? tr("Activate Brand Portal and verify") : tr("Verify the configuration"));
    setSubTitle(
        cloud ? tr("AEM as a Cloud Service: Cloud Manager creates the configuration; bpsetup checks what "
                   "activation created.")
              : tr("The configured chain end to end: IMS configuration, cloud configuration, agents "
                   "and their queues. Nothing is changed."));
    m_checkList->setHeaderLabels({tr("Result"), tr("Check"), tr("Evidence")});
    m_verifyButton->setText(isBusy() ? tr("&Cancel verification")
                            : m_ran  ? tr("&Verify again")
                                     : tr("&Verify now"));
    m_verifyButton->setAccessibleDescription(
        tr("Reads the configuration and runs each agent's Test Connection; changes nothing."));
    fillChecklist();
    if (m_ran)
        fillResults();
}

} // namespace bp::ui
