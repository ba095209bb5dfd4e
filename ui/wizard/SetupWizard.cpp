// SPDX-License-Identifier: Apache-2.0
#include "wizard/SetupWizard.h"

#include "net/TrustStore.h"
#include "setup/SetupState.h"
#include "wizard/ConnectPage.h"
#include "wizard/CredentialsPage.h"
#include "wizard/PlaceholderPage.h"
#include "wizard/RoutePage.h"
#include "wizard/ValidatePage.h"
#include "wizard/WelcomePage.h"

#include <QEvent>

namespace bp::ui {

SetupWizard::SetupWizard(SetupState *state, QNetworkAccessManager *nam, QWidget *parent)
    : QWizard(parent), m_state(state), m_nam(nam)
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
    setPage(ReviewPageId, new PlaceholderPage(state, PlaceholderPage::Step::Review, this));
    setPage(ApplyPageId, new PlaceholderPage(state, PlaceholderPage::Step::Apply, this));
    setPage(TestPageId, new PlaceholderPage(state, PlaceholderPage::Step::Test, this));
    setPage(DiagnosePageId, new PlaceholderPage(state, PlaceholderPage::Step::Diagnose, this));
    setStartId(WelcomePageId);

    retranslate();
}

SetupWizard::~SetupWizard()
{
    // Pages are QObject children; the Connect and Validate pages cancel their jobs in their own destructors.
}

int SetupWizard::nextId() const
{
    switch (currentId()) {
    case WelcomePageId:
        return ConnectPageId;
    case ConnectPageId:
        return RoutePageId;
    case RoutePageId:
        return m_state->mode == SetupState::Mode::Diagnose ? DiagnosePageId : CredentialsPageId;
    case CredentialsPageId:
        return ValidatePageId;
    case ValidatePageId:
        return ReviewPageId;
    case ReviewPageId:
        return ApplyPageId;
    case ApplyPageId:
        return TestPageId;
    case TestPageId:
    case DiagnosePageId:
    default:
        return -1;
    }
}

QString SetupWizard::trustStorePath() const
{
    return m_trustStorePath.isEmpty() ? TrustStore::defaultPath() : m_trustStorePath;
}

void SetupWizard::setTrustStorePath(const QString &path)
{
    m_trustStorePath = path;
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
    if (m_state->demo)
        setWindowTitle(tr("Brand Portal Setup — Demo mode — connected to the built-in simulator"));
    else
        setWindowTitle(tr("Brand Portal Setup"));
}

} // namespace bp::ui
