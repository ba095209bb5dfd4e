// SPDX-License-Identifier: Apache-2.0
#include "wizard/PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bp::ui {

PlaceholderPage::PlaceholderPage(SetupState *state, Step step, QWidget *parent)
    : BasePage(state, parent), m_step(step)
{
    static const char *const names[] = {"credentialsPage", "validatePage", "diagnosePage"};
    setObjectName(QLatin1String(names[static_cast<int>(step)]));
}

void PlaceholderPage::initializePage()
{
    ensureBuilt();
}

void PlaceholderPage::buildUi()
{

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("placeholderNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fe; color: #102a43; border: 1px solid "
                                           "#9bb8e8; border-radius: 4px; padding: 8px 10px; }"));

    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("placeholderDescription"));
    m_description->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addSpacing(8);
    layout->addWidget(m_description);
    layout->addStretch(1);
}

void PlaceholderPage::retranslate()
{
    m_notice->setText(QStringLiteral("<b>") +
                      tr("Not yet available in this version — coming in a later release.") +
                      QStringLiteral("</b>"));
    switch (m_step) {
    case Step::Credentials:
        setTitle(tr("Credentials"));
        setSubTitle(tr("Enter the Adobe Developer Console credentials for Brand Portal."));
        m_description->setText(
            tr("This step will ask for the OAuth Server-to-Server client ID, client secret and "
               "organization ID from Adobe Developer Console, and store the secret in your "
               "system keychain."));
        break;
    case Step::ValidateCredentials:
        setTitle(tr("Validate credentials"));
        setSubTitle(tr("Check the credentials with Adobe IMS before anything is changed."));
        m_description->setText(
            tr("This step will request a test token from Adobe IMS and report clearly whether "
               "the client ID, secret, organization and scopes are correct."));
        break;
    case Step::Diagnose:
        setTitle(tr("Diagnose"));
        setSubTitle(tr("Check the existing Brand Portal setup."));
        m_description->setText(
            tr("This step will check the IMS configurations, cloud service configurations, "
               "replication agents and deadlines such as the JWT end of life, and explain "
               "what to fix."));
        break;
    }
}

} // namespace bp::ui
