// SPDX-License-Identifier: Apache-2.0
#include "wizard/ReviewPage.h"

#include "apply/CreateSession.h"
#include "change/Plan.h"
#include "setup/SetupState.h"
#include "tasks/Task.h"
#include "wizard/CertificateTrustDialog.h"

#include "wizard/Theme.h"
#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QWizard>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// The action as a symbol and a word, so it never relies on colour.
QString actionHtml(ChangeAction action)
{
    QString symbol;
    switch (action) {
    case ChangeAction::Create:
        symbol = QStringLiteral("＋");
        break;
    case ChangeAction::Update:
        symbol = QStringLiteral("✎");
        break;
    case ChangeAction::Delete:
        symbol = QStringLiteral("✖");
        break;
    case ChangeAction::Unchanged:
        symbol = QStringLiteral("＝");
        break;
    }
    return QStringLiteral("%1 <b>%2</b>").arg(symbol, esc(changeActionDisplayName(action)));
}

QString fieldValue(const FieldChange &c, bool after)
{
    // The core never holds a secret value here; mask anyway, whatever a step put in.
    if (c.secret)
        return esc(FieldChange::masked());
    const QString v = after ? c.after : c.before;
    return v.isEmpty() ? QStringLiteral("<i>%1</i>").arg(esc(ReviewPage::tr("(empty)"))) : esc(v);
}

} // namespace

ReviewPage::ReviewPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("reviewPage"));
    setCommitPage(true);
}

ReviewPage::~ReviewPage()
{
    cancelPlan();
}

void ReviewPage::buildUi()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("reviewStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reviewProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->sizeHint().height());
    m_progress->hide();
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("reviewCancelButton"));
    m_cancelButton->setAutoDefault(false);
    m_cancelButton->hide();

    m_errorPanel = new QFrame(this);
    m_errorPanel->setObjectName(QStringLiteral("reviewErrorPanel"));
    Theme::setPanelTone(m_errorPanel, Theme::Tone::Error);
    m_errorLabel = new QLabel(m_errorPanel);
    m_errorLabel->setObjectName(QStringLiteral("reviewErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(m_errorPanel);
    m_retryButton->setObjectName(QStringLiteral("reviewRetryButton"));
    auto *errorLayout = new QHBoxLayout(m_errorPanel);
    errorLayout->setContentsMargins(8, 6, 8, 6);
    errorLayout->addWidget(m_errorLabel, 1);
    errorLayout->addWidget(m_retryButton, 0, Qt::AlignTop);
    m_errorPanel->hide();

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("reviewSummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);

    m_removeKeyAliasCheck = new QCheckBox(this);
    m_removeKeyAliasCheck->setObjectName(QStringLiteral("removeKeyAliasCheck"));
    m_removeKeyAliasCheck->hide();

    m_waitButton = new QPushButton(this);
    m_waitButton->setObjectName(QStringLiteral("reviewWaitButton"));
    m_waitButton->setAutoDefault(false);
    m_waitButton->hide();

    m_planView = new QTextBrowser(this);
    m_planView->setObjectName(QStringLiteral("planView"));
    m_planView->setOpenExternalLinks(true);
    m_planView->setFrameShape(QFrame::StyledPanel);
    m_planView->hide();

    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_progress, 1);
    busyRow->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addLayout(busyRow);
    layout->addWidget(m_errorPanel);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_removeKeyAliasCheck);
    layout->addWidget(m_waitButton, 0, Qt::AlignLeft);
    layout->addWidget(m_planView, 1);
    // Keeps the status and progress at the top while the plan view is hidden (it takes the space otherwise).
    layout->addStretch();

    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        cancelPlan();
        m_statusLabel->setText(tr("Reading the instance was cancelled. Nothing was changed on AEM."));
        showError(Task::cancelledError().withRemedy(tr("Click Retry to read it again, or Back to change "
                                                       "the inputs.")));
    });
    connect(m_retryButton, &QPushButton::clicked, this, &ReviewPage::startPlan);
    connect(m_waitButton, &QPushButton::clicked, this, [this] {
        state()->waitForIdleSeconds = QueueWaitSeconds;
        startPlan();
        m_waitingForQueues = true;
        m_statusLabel->setText(tr("Waiting up to %1 minutes for the Brand Portal agents' queues to drain … "
                                  "Nothing is changed; Cancel stops waiting.")
                                   .arg(QueueWaitSeconds / 60));
        // One wait per click: the next review (Back, Next) refuses at once again while an item is queued.
        state()->waitForIdleSeconds = 0;
    });
    connect(m_removeKeyAliasCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on == state()->removeJwtKeyAlias)
            return;
        // The plan changes (one step more or less, a content package backup): review it again.
        state()->removeJwtKeyAlias = on;
        startPlan();
    });
}

void ReviewPage::initializePage()
{
    ensureBuilt();
    startPlan();
}

void ReviewPage::cleanupPage()
{
    cancelPlan();
    BasePage::cleanupPage();
}

bool ReviewPage::isComplete() const
{
    if (!isBuilt() || isBusy() || !m_planned || !state()->createSession)
        return false;
    return !state()->createSession->plan().blocking();
}

void ReviewPage::startPlan()
{
    ensureBuilt();
    cancelPlan();
    m_planned = false;
    m_waitingForQueues = false;
    m_errorPanel->hide();
    m_summaryLabel->clear();
    m_planView->clear();
    m_planView->hide();
    m_waitButton->hide();

    // A new session every time: the inputs may have changed since the last review (Back).
    state()->resetCreateSession();
    state()->createSession = std::make_unique<CreateSession>(
        state()->createInputs(), WritePolicy::Allow, *state()->clock, BackupStore(state()->backupsRoot));
    Task *task = state()->createSession->makePlanTask();
    task->setParent(this);
    m_task = task;
    connect(task, &Task::progressChanged, this, [this, task](qint64, qint64, const QString &label) {
        if (task == m_task && !label.isEmpty() && !m_waitingForQueues)
            m_statusLabel->setText(label);
    });
    connect(task, &Task::finished, this, [this, guard = QPointer<Task>(task)] {
        if (guard && guard == m_task)
            onPlanFinished();
    });
    m_statusLabel->show();
    m_statusLabel->setText(tr("Reading %1 and checking the credential with Adobe IMS … Nothing is changed "
                              "on this page.")
                               .arg(state()->connection.baseUrl.toString(QUrl::RemoveUserInfo)));
    setBusy(true);
    task->start();
}

void ReviewPage::cancelPlan()
{
    if (!m_task)
        return;
    Task *task = m_task;
    m_task = nullptr;
    task->disconnect(this);
    task->cancel();
    // Now, not later: its sub-tasks use the create session, which the caller may replace next.
    delete task;
    if (isBuilt())
        setBusy(false);
}

void ReviewPage::onPlanFinished()
{
    Task *task = m_task;
    m_task = nullptr;
    m_waitingForQueues = false;
    task->deleteLater();
    setBusy(false);
    if (!task->succeeded()) {
        m_statusLabel->setText(tr("The plan could not be made. Nothing was changed on AEM."));
        showError(task->error());
        // A certificate nobody trusted yet (Adobe IMS behind a proxy that inspects TLS, when validation was
        // skipped; AEM's renewed one): the same dialog as on the Connect page; Trust makes the plan again.
        CertificateTrustDialog::offer(task->error(), state(), this, [this] { startPlan(); }, {});
        return;
    }
    m_planned = true;
    m_statusLabel->clear();
    m_statusLabel->hide();
    showPlan();
    emit completeChanged();
    if (isComplete() && wizard())
        if (QAbstractButton *next = wizard()->button(QWizard::CommitButton))
            next->setFocus();
}

void ReviewPage::showPlan()
{
    const Plan &plan = state()->createSession->plan();
    QString summary;
    if (plan.blocking())
        summary = QStringLiteral("<b>✖ %1</b> %2")
                      .arg(esc(tr("This configuration cannot be applied yet.")),
                           esc(tr("Do what is listed under \"Before anything can change\", then come back "
                                  "here (Back, then Next) to review again.")));
    else if (plan.isEmpty())
        summary = QStringLiteral("<b>✔ %1</b> %2")
                      .arg(esc(tr("Nothing to do.")),
                           esc(tr("The configuration is already in place; Apply changes nothing.")));
    else
        summary = QStringLiteral("<b>%1</b> %2")
                      .arg(esc(tr("%n change(s) will be made on AEM.", nullptr, plan.changeCount())),
                           esc(tr("Check them, then click Apply. Nothing has been changed yet.")));
    m_summaryLabel->setText(summary);
    m_planView->setHtml(planHtml(plan));
    m_planView->show();
    updateKeyAliasOffer();
    const QList<Prerequisite> blocking = plan.blockingPrerequisites();
    const bool queueBusy = std::any_of(blocking.begin(), blocking.end(), [](const Prerequisite &p) {
        return p.id == QLatin1String("queue-busy");
    });
    m_waitButton->setVisible(queueBusy);
    if (queueBusy)
        m_waitButton->setFocus();
}

void ReviewPage::updateKeyAliasOffer()
{
    // Shown while the plan offers the removal (jwt-key-alias-left) or carries it out (the user ticked it).
    QString alias;
    bool offered = false;
    if (m_planned && state()->createSession) {
        const Plan &plan = state()->createSession->plan();
        offered =
            std::any_of(plan.prerequisites.begin(), plan.prerequisites.end(),
                        [](const Prerequisite &p) { return p.id == QLatin1String("jwt-key-alias-left"); });
        offered |= std::any_of(plan.steps.begin(), plan.steps.end(), [](const StepDescription &d) {
            return d.id == QLatin1String("remove-jwt-key-alias") && d.action == ChangeAction::Delete;
        });
    }
    const QSignalBlocker block(m_removeKeyAliasCheck);
    m_removeKeyAliasCheck->setChecked(state()->removeJwtKeyAlias);
    m_removeKeyAliasCheck->setVisible(offered);
}

QString ReviewPage::planHtml(const Plan &plan)
{
    QString html;
    const auto heading = [&html](const QString &text) {
        html += QStringLiteral("<h3>%1</h3>").arg(esc(text));
    };
    const QList<Prerequisite> blocking = plan.blockingPrerequisites();
    if (!blocking.isEmpty()) {
        heading(tr("Before anything can change"));
        for (const Prerequisite &p : blocking) {
            html += QStringLiteral("<p>✖ <b>%1</b><br>%2 %3")
                        .arg(esc(p.message), esc(tr("What to do:")), esc(p.remedy));
            if (!p.link.isEmpty())
                html += QStringLiteral("<br><a href=\"%1\">%2</a>").arg(esc(p.link), esc(p.link));
            html += QStringLiteral("</p>");
        }
    }
    QStringList notes;
    for (const Prerequisite &p : plan.prerequisites) {
        if (!p.blocking)
            notes << p.message;
    }
    notes << plan.notes;
    if (!notes.isEmpty()) {
        heading(tr("Notes"));
        for (const QString &n : std::as_const(notes))
            html += QStringLiteral("<p>ℹ %1</p>").arg(esc(n));
    }
    if (!plan.blocking()) {
        heading(tr("Changes on %1").arg(plan.aemUrl));
        if (plan.isEmpty())
            html += QStringLiteral("<p>%1</p>")
                        .arg(esc(tr("Nothing to do: every object is already as it "
                                    "should be.")));
        int n = 0;
        for (const StepDescription &s : plan.steps) {
            ++n;
            html += QStringLiteral("<p><b>%1. %2</b> — %3<br><tt>%4</tt>")
                        .arg(n)
                        .arg(esc(s.title), actionHtml(s.action), esc(s.target));
            if (!s.reason.isEmpty())
                html += QStringLiteral("<br>%1").arg(esc(s.reason));
            html += QStringLiteral("</p>");
            if (s.action == ChangeAction::Unchanged || s.changes.isEmpty())
                continue;
            // One line per field ("name: now → after"): a three-column table wraps the long OSGi property
            // names mid-word at the wizard's 760 px.
            QStringList lines;
            for (const FieldChange &c : s.changes) {
                const QString before =
                    c.hadBefore ? fieldValue(c, false) : QStringLiteral("<i>%1</i>").arg(esc(tr("not set")));
                const QString after =
                    c.hasAfter ? fieldValue(c, true) : QStringLiteral("<i>%1</i>").arg(esc(tr("removed")));
                lines << QStringLiteral("<tt>%1</tt>: %2 → %3").arg(esc(c.name), before, after);
            }
            html += QStringLiteral("<p style=\"margin-left:16px\">%1</p>")
                        .arg(lines.join(QStringLiteral("<br>")));
        }
        if (!plan.isEmpty() && !plan.backupRoot.isEmpty()) {
            heading(tr("Backup"));
            html += QStringLiteral("<p>%1<br><tt>%2</tt></p>")
                        .arg(esc(tr("Before the first change, the current state of every object above is "
                                    "saved (readable only by you) in a new folder under:")),
                             esc(QDir::toNativeSeparators(plan.backupRoot)));
        }
    }
    return html;
}

void ReviewPage::showError(const Error &error)
{
    QString html = QStringLiteral("<b>%1</b>").arg(esc(error.userMessage));
    if (!error.remedy.isEmpty())
        html += QStringLiteral("<br>%1").arg(esc(error.remedy));
    m_errorLabel->setText(html);
    m_errorPanel->show();
    m_retryButton->setFocus();
    emit completeChanged();
}

void ReviewPage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_removeKeyAliasCheck->setEnabled(!busy);
    if (busy)
        m_cancelButton->setFocus();
    emit completeChanged();
}

void ReviewPage::retranslate()
{
    m_planView->setAccessibleName(tr("The changes Apply will make"));
    m_planView->setAccessibleDescription(
        tr("What each change writes, object by object, with the value before and after."));
    setTitle(tr("Review changes"));
    setSubTitle(tr("What Apply will change on AEM, object by object. Nothing is written before you click "
                   "Apply."));
    setButtonText(QWizard::CommitButton, tr("&Apply changes"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop reading the instance"));
    m_retryButton->setText(tr("&Retry"));
    m_waitButton->setText(tr("&Wait for the queues to drain (up to %1 minutes)").arg(QueueWaitSeconds / 60));
    m_waitButton->setToolTip(tr("Reads the queues again every few seconds until every queued item is "
                                "delivered; nothing is changed meanwhile."));
    m_removeKeyAliasCheck->setText(
        tr("Also re&move the JWT key alias from the service user's keystore (backed up first; OAuth "
           "Server-to-Server needs no key pair)"));
    m_removeKeyAliasCheck->setAccessibleName(tr("Also remove the JWT key alias"));
    m_removeKeyAliasCheck->setAccessibleDescription(
        tr("Adds a last step that removes the key alias the JWT configuration used. Rollback brings it "
           "back."));
    if (m_planned && state()->createSession)
        showPlan();
}

} // namespace bp::ui
