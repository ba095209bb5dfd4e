// SPDX-License-Identifier: Apache-2.0
#include "wizard/HelpDialog.h"

#include "wizard/SetupWizard.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

struct Link
{
    QString text;
    const char *url;
};

const char *const Bp65 = "https://experienceleague.adobe.com/en/docs/experience-manager-65/content/assets/"
                         "brandportal/configure-aem-assets-with-brand-portal";
const char *const BpCloud =
    "https://experienceleague.adobe.com/en/docs/experience-manager-cloud-service/content/"
    "assets/brand-portal/configure-aem-assets-with-brand-portal";
const char *const BpGuide =
    "https://experienceleague.adobe.com/en/docs/experience-manager-brand-portal/using/"
    "publish/configure-aem-assets-with-brand-portal";
const char *const S2sMigration = "https://developer.adobe.com/developer-console/docs/guides/authentication/"
                                 "ServerToServerAuthentication/migration/";
const char *const S2sImplementation =
    "https://developer.adobe.com/developer-console/docs/guides/authentication/"
    "ServerToServerAuthentication/implementation/";
const char *const ImsIntegrations =
    "https://experienceleague.adobe.com/en/docs/experience-manager-65/content/"
    "security/setting-up-ims-integrations-for-aem";
const char *const JwtDeprecation = "https://experienceleague.adobe.com/en/docs/experience-manager-65/content/"
                                   "security/jwt-credentials-deprecation-in-adobe-developer-console";
const char *const Troubleshoot = "https://experienceleague.adobe.com/en/docs/experience-manager-brand-portal/"
                                 "using/publish/troubleshoot-parallel-publishing";

QString page(const QString &title, const QStringList &paragraphs, const QList<Link> &links)
{
    QString html = QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped());
    for (const QString &p : paragraphs)
        html += QStringLiteral("<p>%1</p>").arg(p.toHtmlEscaped());
    if (!links.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>")
                    .arg(HelpDialog::tr("Adobe's documentation").toHtmlEscaped());
        for (const Link &l : links)
            html += QStringLiteral("<li><a href=\"%1\">%2</a></li>")
                        .arg(QString::fromLatin1(l.url), l.text.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    return html;
}

} // namespace

QString HelpDialog::title(int pageId)
{
    switch (pageId) {
    case SetupWizard::WelcomePageId:
        return tr("Getting started");
    case SetupWizard::ConnectPageId:
        return tr("Connecting to AEM");
    case SetupWizard::RoutePageId:
        return tr("The setup route");
    case SetupWizard::CredentialsPageId:
        return tr("Developer Console credentials");
    case SetupWizard::ValidatePageId:
        return tr("Validating with Adobe IMS");
    case SetupWizard::ReviewPageId:
        return tr("Reviewing the changes");
    case SetupWizard::ApplyPageId:
        return tr("Applying the changes");
    case SetupWizard::TestPageId:
        return tr("Testing the connection");
    case SetupWizard::DiagnosePageId:
        return tr("Diagnosing a setup");
    case SetupWizard::VerifyPageId:
        return tr("Verifying a configuration");
    case SetupWizard::FinishPageId:
        return tr("Finishing");
    default:
        return tr("Brand Portal Setup");
    }
}

QString HelpDialog::html(int pageId)
{
    const QString t = title(pageId);
    switch (pageId) {
    case SetupWizard::WelcomePageId:
        return page(
            t,
            {tr("This wizard connects AEM Assets to Brand Portal, or checks a connection that exists. "
                "Choose \"Set up Brand Portal\" to create or upgrade the configuration, or \"Diagnose an "
                "existing setup\" to run read-only health checks and save a report for support."),
             tr("Nothing is changed on AEM before the Apply step, and every change made there can be "
                "rolled back from the backup taken first.")},
            {{tr("Configure AEM Assets with Brand Portal (AEM 6.5)"), Bp65},
             {tr("Configure AEM Assets with Brand Portal (Cloud Service)"), BpCloud}});
    case SetupWizard::ConnectPageId:
        return page(t,
                    {tr("Enter the address of the AEM author instance (not a publish instance and not the "
                        "dispatcher's address if it blocks /system/console) and an administrator's user name "
                        "and password. The password is kept in the OS keychain only if you save a profile."),
                     tr("If AEM presents a certificate this computer does not trust, you are shown its "
                        "fingerprint: compare it with the one your AEM administrator gives you before you "
                        "trust it.")},
                    {{tr("Setting up IMS integrations for AEM"), ImsIntegrations}});
    case SetupWizard::RoutePageId:
        return page(
            t,
            {tr("The route follows from the AEM version and from what is configured today. AEM as a "
                "Cloud Service is activated from Cloud Manager; AEM 6.5 (6.5.4.0 and above) and 6.5 LTS "
                "use a Developer Console project with an OAuth Server-to-Server credential."),
             tr("A Developer Console JWT or Legacy OAuth Gateway configuration no longer works (JWT "
                "token exchange stopped when Adobe converted the remaining JWT credentials on "
                "2026-03-01): upgrade it to OAuth Server-to-Server.")},
            {{tr("Configure AEM Assets with Brand Portal"), BpGuide},
             {tr("JWT credentials deprecation in Adobe Developer Console"), JwtDeprecation}});
    case SetupWizard::CredentialsPageId:
        return page(
            t,
            {tr("In Adobe Developer Console, open the project with the Brand Portal API and its OAuth "
                "Server-to-Server credential, then use Download JSON on the credential page (or the "
                "project's Download all), or copy the client id, client secret, organization id and "
                "scopes."),
             tr("The client secret is kept only in memory and, if you save a profile, in the OS "
                "keychain; it is never written to a file or a log.")},
            {{tr("OAuth Server-to-Server implementation"), S2sImplementation},
             {tr("Migrating from JWT to OAuth Server-to-Server"), S2sMigration}});
    case SetupWizard::ValidatePageId:
        return page(t,
                    {tr("The credential is checked by asking Adobe IMS for an access token, as AEM will. A "
                        "rejected client id or secret, a wrong organization or missing scopes are named with "
                        "what to do."),
                     tr("Behind a TLS-inspecting proxy, IMS may present a certificate this computer does not "
                        "trust: check its fingerprint with your network team before trusting it.")},
                    {{tr("OAuth Server-to-Server implementation"), S2sImplementation}});
    case SetupWizard::ReviewPageId:
        return page(
            t,
            {tr("Every change the apply would make is listed with its old and new values (secrets "
                "shown as ***). Problems that block the apply come first, with what to do."),
             tr("Nothing has been written yet. A backup of everything listed is saved before the first "
                "change.")},
            {{tr("Configure AEM Assets with Brand Portal (AEM 6.5)"), Bp65}});
    case SetupWizard::ApplyPageId:
        return page(
            t,
            {tr("The steps run in order; each is read back from AEM to verify it. Cancel stops after "
                "the step in progress."),
             tr("If a step fails, Roll back restores what was there before from the backup, and Retry "
                "runs the remaining steps again.")},
            {{tr("Configure AEM Assets with Brand Portal (AEM 6.5)"), Bp65}});
    case SetupWizard::TestPageId:
        return page(
            t,
            {tr("The Brand Portal replication agents' Test Connection shows whether AEM can reach the "
                "tenant with the new configuration. A failed test names the agent and AEM's answer.")},
            {{tr("Troubleshoot issues in parallel publishing to Brand Portal"), Troubleshoot}});
    case SetupWizard::DiagnosePageId:
        return page(
            t,
            {tr("Read-only checks of the whole chain: AEM, the IMS configuration, Adobe IMS, the Brand "
                "Portal tenant, the agents and their queues. Each failed check says what to do."),
             tr("Save report writes one HTML file without secrets that a customer can send to "
                "support; Copy summary copies the text version.")},
            {{tr("Troubleshoot issues in parallel publishing to Brand Portal"), Troubleshoot},
             {tr("Configure AEM Assets with Brand Portal"), BpGuide}});
    case SetupWizard::VerifyPageId:
        return page(t,
                    {tr("The configured chain is checked end to end without changing it; only the agents' "
                        "Test Connection is sent. On Cloud Service the page lists the activation checks.")},
                    {{tr("Configure AEM Assets with Brand Portal (Cloud Service)"), BpCloud}});
    case SetupWizard::FinishPageId:
        return page(t,
                    {tr("The summary says what was done and where the backup is. Saving a profile keeps the "
                        "connection for next time, its secrets in the OS keychain."),
                     tr("Publish a test asset to Brand Portal from AEM Assets to see the whole path work.")},
                    {{tr("Configure AEM Assets with Brand Portal"), BpGuide}});
    default:
        return page(t, {}, {{tr("Configure AEM Assets with Brand Portal"), BpGuide}});
    }
}

HelpDialog::HelpDialog(int pageId, QWidget *parent) : QDialog(parent), m_text(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("Help: %1").arg(title(pageId)));
    m_text->setObjectName(QStringLiteral("helpText"));
    m_text->setOpenExternalLinks(true);
    m_text->setHtml(html(pageId));
    m_text->setAccessibleName(tr("Help text"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(560, 420);
}

} // namespace bp::ui
