// SPDX-License-Identifier: Apache-2.0
#include "wizard/SetupWizard.h"

#include "change/ApplyRun.h"

#include "net/TrustStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "setup/SetupState.h"
#include "wizard/ApplyPage.h"
#include "wizard/ClipboardGuard.h"
#include "wizard/ConnectPage.h"
#include "wizard/CredentialsPage.h"
#include "wizard/DiagnosePage.h"
#include "wizard/FinishPage.h"
#include "wizard/HelpDialog.h"
#include "wizard/ReviewPage.h"
#include "wizard/RollbackSessionJob.h"
#include "wizard/RoutePage.h"
#include "wizard/StepList.h"
#include "wizard/TestPage.h"
#include "wizard/ValidatePage.h"
#include "wizard/VerifyPage.h"
#include "wizard/WelcomePage.h"

#include <QEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>

namespace bp::ui {

SetupWizard::SetupWizard(SetupState *state, QWidget *parent)
    : QWizard(parent), m_state(state),
      m_clipboardGuard(new ClipboardGuard(QGuiApplication::clipboard(), this)),
      m_rollbackFactory(&RollbackSessionJob::make)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    // Cancel stays available on every page; jobs are cancelled by the pages' cleanupPage()/destructors.
    setOption(QWizard::NoCancelButtonOnLastPage, false);
    setMinimumSize(760, 600);
    resize(840, 700);

    setPage(WelcomePageId, new WelcomePage(state, this));
    m_connectPage = new ConnectPage(state, this);
    setPage(ConnectPageId, m_connectPage);
    setPage(RoutePageId, new RoutePage(state, this));
    setPage(CredentialsPageId, new CredentialsPage(state, this));
    setPage(ValidatePageId, new ValidatePage(state, this));
    setPage(ReviewPageId, new ReviewPage(state, this));
    setPage(ApplyPageId, new ApplyPage(state, this));
    setPage(TestPageId, new TestPage(state, this));
    setPage(DiagnosePageId, new DiagnosePage(state, this));
    setPage(VerifyPageId, new VerifyPage(state, this));
    setPage(FinishPageId, new FinishPage(state, this));
    setStartId(WelcomePageId);

    // Where the user is: the steps of the path chosen so far, kept current as pages and choices change.
    m_stepList = new StepList(this);
    setSideWidget(m_stepList);
    connect(this, &QWizard::currentIdChanged, this, &SetupWizard::updateSteps);
    // After the header has its new subtitle and width.
    connect(this, &QWizard::currentIdChanged, this,
            [this] { QTimer::singleShot(0, this, &SetupWizard::fitHeader); });
    for (int id : pageIds())
        connect(page(id), &QWizardPage::completeChanged, this, &SetupWizard::updateSteps);

    // Help on every page: the button and F1 open the step's bundled help.
    setOption(QWizard::HaveHelpButton, true);
    connect(this, &QWizard::helpRequested, this, &SetupWizard::showHelp);
    auto *f1 = new QShortcut(QKeySequence::HelpContents, this);
    connect(f1, &QShortcut::activated, this, &SetupWizard::showHelp);

    retranslate();
}

QList<int> SetupWizard::plannedSteps() const
{
    QList<int> ids = visitedIds();
    const int current = currentId() < 0 ? startId() : currentId();
    if (ids.isEmpty() || ids.last() != current)
        ids << current;
    for (int id = nextIdAfter(current); id >= 0 && !ids.contains(id); id = nextIdAfter(id))
        ids << id;
    return ids;
}

QString SetupWizard::stepName(int id)
{
    switch (id) {
    case WelcomePageId:
        return tr("Welcome");
    case ConnectPageId:
        return tr("Connect");
    case RoutePageId:
        return tr("Route");
    case CredentialsPageId:
        return tr("Credentials");
    case ValidatePageId:
        return tr("Validate");
    case ReviewPageId:
        return tr("Review");
    case ApplyPageId:
        return tr("Apply");
    case TestPageId:
        return tr("Test");
    case DiagnosePageId:
        return tr("Diagnose");
    case VerifyPageId:
        return tr("Verify");
    case FinishPageId:
        return tr("Finish");
    default:
        return {};
    }
}

void SetupWizard::updateSteps()
{
    const int current = currentId() < 0 ? startId() : currentId();
    QList<StepList::Step> steps;
    bool beforeCurrent = true;
    for (int id : plannedSteps()) {
        StepList::Step s;
        s.name = stepName(id);
        s.current = id == current;
        if (s.current)
            beforeCurrent = false;
        s.done = beforeCurrent;
        steps << s;
    }
    m_stepList->setSteps(steps);
}

void SetupWizard::resizeEvent(QResizeEvent *event)
{
    QWizard::resizeEvent(event);
    QTimer::singleShot(0, this, &SetupWizard::fitHeader); // once the header has its new width
}

void SetupWizard::fitHeader()
{
    // QWizard's header caps its height at what it measured for a 512-pixel line of the subtitle; a long
    // subtitle (German, or Japanese, whose lines break anywhere) then loses its last line at the real width.
    // The header is private (no meta object of its own): it is the parent of the label showing the subtitle.
    if (!currentPage() || currentPage()->subTitle().isEmpty())
        return;
    for (QLabel *label : findChildren<QLabel *>()) {
        if (label->text() != currentPage()->subTitle() || !label->wordWrap() || label->width() <= 0 ||
            !label->parentWidget() || label->parentWidget() == currentPage())
            continue;
        const int missing = label->heightForWidth(label->width()) - label->height();
        if (missing > 0) {
            QWidget *header = label->parentWidget();
            header->setMaximumHeight(header->height() + missing);
            header->setMinimumHeight(header->height() + missing);
        }
    }
}

void SetupWizard::showHelp()
{
    auto *dialog = new HelpDialog(currentId() < 0 ? startId() : currentId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

SetupWizard::~SetupWizard()
{
    // Pages are QObject children; the Connect and Validate pages cancel their jobs in their own destructors.
    // The probe job is ours: it must not report into a half-destroyed wizard.
    if (m_probeJob) {
        m_probeJob->disconnect(this);
        delete m_probeJob;
    }
    // Pages cancelling their work while they are destroyed report completeChanged: the step list (maybe
    // gone already) must not hear it.
    for (int id : pageIds())
        disconnect(page(id), nullptr, this, nullptr);
    disconnect(this, &QWizard::currentIdChanged, this, &SetupWizard::updateSteps);
}

int SetupWizard::nextId() const
{
    return nextIdAfter(currentId());
}

int SetupWizard::nextIdAfter(int id) const
{
    switch (id) {
    case WelcomePageId:
        return ConnectPageId;
    case ConnectPageId:
        // Support staff diagnose what is there: no route to choose.
        return m_state->mode == SetupState::Mode::Diagnose ? DiagnosePageId : RoutePageId;
    case RoutePageId:
        if (m_state->mode == SetupState::Mode::Diagnose)
            return DiagnosePageId;
        // Keep and the Cloud Service checklist only verify: no credential is needed (and none is written).
        // Before the Route page has chosen (SetupAction::None), the usual path is the one that applies.
        return m_state->appliesConfiguration() || m_state->action == SetupAction::None ? CredentialsPageId
                                                                                       : VerifyPageId;
    case CredentialsPageId:
        return ValidatePageId;
    case ValidatePageId:
        return ReviewPageId;
    case ReviewPageId:
        return ApplyPageId;
    case ApplyPageId:
        return TestPageId;
    case DiagnosePageId:
        // "Upgrade this configuration" switches to the setup path.
        if (m_state->mode == SetupState::Mode::Setup && m_state->appliesConfiguration())
            return CredentialsPageId;
        return FinishPageId;
    case TestPageId:
    case VerifyPageId:
        return FinishPageId;
    case FinishPageId:
    default:
        return -1;
    }
}

void SetupWizard::reject()
{
    if (auto *verify = qobject_cast<VerifyPage *>(currentPage()); verify && verify->isBusy()) {
        verify->verifyOrCancel(); // cancels; the page stays so that the user sees what was checked
        return;
    }
    if (auto *apply = qobject_cast<ApplyPage *>(currentPage()); apply && apply->isBusy()) {
        apply->requestCancel();
        return;
    }
    // After real work (a credential validated or waved through, a plan applied) closing loses it: ask.
    const QString lost = workLostOnClose();
    if (!lost.isEmpty()) {
        QMessageBox ask(QMessageBox::Question, tr("Close Brand Portal Setup?"), lost, QMessageBox::NoButton,
                        this);
        ask.setObjectName(QStringLiteral("closeQuestion"));
        QPushButton *close = ask.addButton(tr("&Close"), QMessageBox::AcceptRole);
        QPushButton *stay = ask.addButton(tr("&Stay"), QMessageBox::RejectRole);
        ask.setDefaultButton(stay);
        ask.setEscapeButton(stay);
        ask.exec();
        if (ask.clickedButton() != close)
            return;
    }
    QWizard::reject();
}

QString SetupWizard::workLostOnClose() const
{
    if (currentId() == FinishPageId)
        return {}; // everything is said on that page; closing there is the end
    const ApplyRun *run = m_state->applyRun;
    if (run && run->isFinished() && run->wroteAnything())
        return tr("The configuration was applied to AEM and stays there; closing now skips the remaining "
                  "steps (tests, saving the connection). Roll back later with bpsetup rollback if needed.");
    if (m_state->credentialValidated || m_state->validationOverridden)
        return tr("The credential was checked, but nothing was applied to AEM yet. Closing forgets the "
                  "credential and what you typed.");
    return {};
}

QString SetupWizard::trustStorePath() const
{
    return m_trustStorePath.isEmpty() ? TrustStore::defaultPath() : m_trustStorePath;
}

void SetupWizard::setTrustStorePath(const QString &path)
{
    m_trustStorePath = path;
}

void SetupWizard::setSecretStore(SecretStore *store)
{
    if (store == m_secretStore)
        return;
    m_secretStore = store;
    delete m_profileManager;
    m_profileManager = nullptr;
    m_keychainProbed = false;
    if (m_probeJob) {
        m_probeJob->disconnect(this);
        m_probeJob->deleteLater();
    }
    if (m_painted)
        startKeychainProbe();
}

QString SetupWizard::profilesPath() const
{
    return m_profilesPath.isEmpty() ? ProfileStore::defaultPath() : m_profilesPath;
}

void SetupWizard::setProfilesPath(const QString &path)
{
    m_profilesPath = path;
    delete m_profileManager;
    m_profileManager = nullptr;
}

ProfileManager *SetupWizard::profileManager()
{
    if (!m_secretStore)
        return nullptr;
    if (!m_profileManager) {
        m_profileManager = new ProfileManager(m_secretStore, profilesPath(), this);
        m_profileManager->setClock(*m_state->clock);
    }
    return m_profileManager;
}

bool SetupWizard::event(QEvent *event)
{
    if (!m_painted && event->type() == QEvent::Paint) {
        m_painted = true;
        // After the first paint has reached the screen: even a quick D-Bus round trip must not delay it.
        QTimer::singleShot(0, this, &SetupWizard::startKeychainProbe);
    }
    return QWizard::event(event);
}

void SetupWizard::startKeychainProbe()
{
    if (!m_secretStore || m_probeJob || m_keychainProbed)
        return;
    SecretJob *job = m_secretStore->probe();
    m_probeJob = job;
    connect(job, &SecretJob::finished, this, [this, job] {
        m_probeJob = nullptr;
        m_keychainProbed = true;
        m_keychainStatus = job->status();
        m_keychainMessage = job->message();
        job->deleteLater();
        emit keychainProbeFinished();
    });
    job->start();
}

void SetupWizard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizard::changeEvent(event);
}

void SetupWizard::retranslate()
{
    // Never put anything user-entered (and certainly no secret) into the title: it ends up in task switchers
    // and screen recordings.
    if (m_state->isDemo())
        setWindowTitle(tr("Brand Portal Setup — Demo mode — connected to the built-in simulator"));
    else
        setWindowTitle(tr("Brand Portal Setup"));
    setButtonText(QWizard::HelpButton, tr("&Help"));
    QTimer::singleShot(0, this, &SetupWizard::fitHeader);
    // What the wizard's own buttons do, for screen readers.
    const QList<QPair<WizardButton, QString>> descriptions{
        {QWizard::BackButton, tr("The previous step; nothing you entered is lost.")},
        {QWizard::NextButton, tr("The next step, once this one is complete.")},
        {QWizard::CommitButton, tr("Writes the reviewed changes to AEM, with a backup first.")},
        {QWizard::FinishButton, tr("Saves the connection if chosen, and closes the wizard.")},
        {QWizard::CancelButton, tr("Closes the wizard; asks first when work would be lost.")},
        {QWizard::HelpButton, tr("Explains this step, with links to Adobe's documentation (F1).")}};
    for (const auto &[which, text] : descriptions)
        button(which)->setAccessibleDescription(text);
    m_stepList->setAccessibleName(tr("Steps"));
    updateSteps();
}

} // namespace bp::ui
