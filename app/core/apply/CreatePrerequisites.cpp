// SPDX-License-Identifier: Apache-2.0
#include "apply/CreatePrerequisites.h"

#include "policy/AdobePolicy.h"

#include <QCoreApplication>

namespace bp {

namespace {

const char *const Context = "CreatePrerequisites";

Prerequisite make(const QString &id, bool blocking, const char *message, const char *remedy,
                  const QString &arg = QString(), const QString &link = QString())
{
    Prerequisite p;
    p.id = id;
    p.blocking = blocking;
    p.message = QCoreApplication::translate(Context, message);
    p.remedy = QCoreApplication::translate(Context, remedy);
    if (!arg.isEmpty()) {
        p.message = p.message.arg(arg);
        p.remedy = p.remedy.contains(QLatin1String("%1")) ? p.remedy.arg(arg) : p.remedy;
    }
    p.link = link;
    return p;
}

QString hotfixLink()
{
    return QStringLiteral(
               "https://experience.adobe.com/#/downloads/content/software-distribution/en/aem.html?package="
               "/content/software-distribution/en/details.html/content/dam/aem/public/adobe/packages/"
               "cq650/hotfix/") +
           AdobePolicy::oauthHotfixPackageFile();
}

} // namespace

QList<Prerequisite> createPrerequisites(const AemInstance &instance, const CreateFacts &facts,
                                        const QDate &today)
{
    QList<Prerequisite> out;
    const AemVersion &v = instance.version;
    if (!v.isValid()) {
        out << make(
            QStringLiteral("version-unknown"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites", "The AEM version could not be read."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Give it with --aem-version (6.5.x.y or 6.6.x), or allow /system/console/productinfo."));
    } else if (instance.deployment() == Deployment::CloudService) {
        out << make(
            QStringLiteral("cloud-service"), true,
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "This is AEM as a Cloud Service: Brand Portal is activated in Cloud Manager, not configured "
                "on the instance."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Activate Brand Portal in Cloud Manager (your Adobe representative enables it)."));
    } else if (v < AdobePolicy::minimumDevConsoleVersion()) {
        out << make(
            QStringLiteral("version-too-old"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites", "AEM %1 cannot be connected to Brand Portal through "
                                                     "Adobe Developer Console (6.5.4.0 or later "
                                                     "is needed)."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Install the latest AEM 6.5 service pack (6.5.21.0 or later), then run bpsetup again."),
            v.toString());
    } else if (v < AdobePolicy::minimumOAuthHotfixVersion()) {
        out << make(
            QStringLiteral("oauth-not-available"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites", "AEM %1 has no OAuth Server-to-Server support, and new "
                                                     "JWT credentials cannot be created since "
                                                     "2024-06-03."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Install the latest AEM 6.5 service pack (6.5.21.0 or later; 6.5.11.0 with the compatibility "
                "hotfix at least), then run bpsetup again."),
            v.toString());
    } else if (instance.oauthSupport == OAuthSupport::HotfixRequired) {
        if (facts.hotfixPackageGiven)
            out << make(
                QStringLiteral("hotfix-install"), false,
                QT_TRANSLATE_NOOP(
                    "CreatePrerequisites",
                    "AEM %1 needs the OAuth compatibility hotfix; the package you gave is installed as the "
                    "plan's first step."),
                QT_TRANSLATE_NOOP("CreatePrerequisites", "Nothing to do."), v.toString());
        else
            out << make(
                QStringLiteral("hotfix-required"), true,
                QT_TRANSLATE_NOOP(
                    "CreatePrerequisites",
                    "AEM %1 needs the OAuth compatibility hotfix ims-jwt-compatibility-package-6.5-1.0.zip "
                    "before an OAuth Server-to-Server IMS configuration can be made."),
                QT_TRANSLATE_NOOP(
                    "CreatePrerequisites",
                    "Download the package from Adobe's Software Distribution (link below), install it with "
                    "Package Manager, then run bpsetup again; or install 6.5.21.0 or later."),
                v.toString(), hotfixLink());
    }
    // Every existing configuration has its upgrade (JWT switched in place, notes 3.2/3.3; legacy gateway and
    // broken deleted and recreated, 3.1/0): no refusal for the state itself.
    if (!facts.consoleBlockedPath.isEmpty())
        out << make(
            QStringLiteral("console-blocked"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites",
                              "%1 cannot be reached: a dispatcher or firewall blocks the Felix console, "
                              "and bpsetup writes the IMS configuration through it (configMgr) and has "
                              "AEM encrypt the client secret there (crypto)."),
            QT_TRANSLATE_NOOP("CreatePrerequisites",
                              "Allow /system/console/configMgr and /system/console/crypto for your "
                              "address (or connect to the author directly, e.g. port 4502), then "
                              "plan again."),
            facts.consoleBlockedPath);
    if (facts.runModesReadable && facts.runModes.contains(QStringLiteral("publish")))
        out << make(
            QStringLiteral("publish-instance"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites",
                              "This is a publish instance: Brand Portal is configured on the author."),
            QT_TRANSLATE_NOOP("CreatePrerequisites", "Connect to the AEM author instance instead."));
    else if (!facts.runModesReadable)
        out << make(
            QStringLiteral("run-modes-unknown"), false,
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "The run modes could not be read (/system/console blocked?): make sure this is the author."),
            QT_TRANSLATE_NOOP("CreatePrerequisites", "Nothing to do if it is the author."));
    switch (facts.credentialKind) {
    case CredentialKind::OAuthServerToServer:
        if (!facts.credentialValidated)
            out << make(
                QStringLiteral("credential-not-validated"), true,
                QT_TRANSLATE_NOOP("CreatePrerequisites", "IMS has not issued a token for this credential."),
                QT_TRANSLATE_NOOP(
                    "CreatePrerequisites",
                    "Check the client id and secret in Adobe Developer Console, then run again."));
        break;
    case CredentialKind::ServiceAccountJwt:
        out << make(
            QStringLiteral("jwt-credential"), true,
            AdobePolicy::jwtExchangeRetired(today)
                ? QT_TRANSLATE_NOOP(
                      "CreatePrerequisites",
                      "This is a Service Account (JWT) credential. Adobe converted every JWT credential to "
                      "OAuth Server-to-Server by 2026-03-01; JWT token exchange no longer works.")
                : QT_TRANSLATE_NOOP(
                      "CreatePrerequisites",
                      "This is a Service Account (JWT) credential; new configurations use OAuth "
                      "Server-to-Server (JWT reaches its end on 2026-03-01)."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Download the OAuth Server-to-Server credential of the same Developer Console project (the "
                "client id is the same) and give that file instead."));
        break;
    case CredentialKind::Unknown:
        out << make(
            QStringLiteral("credential-unknown"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites", "The credential's kind could not be recognised."),
            QT_TRANSLATE_NOOP(
                "CreatePrerequisites",
                "Give the OAuth Server-to-Server credential downloaded from Adobe Developer Console."));
        break;
    }
    return out;
}

QList<Prerequisite> upgradeCredentialPrerequisites(const AemInstance &instance, const QString &clientId)
{
    QList<Prerequisite> out;
    if (instance.state != ConfigState::DevConsoleJwt || clientId.isEmpty())
        return out;
    QStringList jwtClients;
    for (const ImsConfigInfo &i : instance.imsConfigs) {
        if (i.jwtMode && !i.clientId.isEmpty())
            jwtClients.append(i.clientId);
    }
    if (jwtClients.isEmpty() || jwtClients.contains(clientId))
        return out;
    out << make(
        QStringLiteral("jwt-client-id-differs"), true,
        QT_TRANSLATE_NOOP("CreatePrerequisites",
                          "The JWT configuration uses the client id %1, the credential given another one. "
                          "Adobe's conversion to OAuth Server-to-Server keeps the client id, so this "
                          "credential probably belongs to another Developer Console project."),
        QT_TRANSLATE_NOOP("CreatePrerequisites",
                          "Download the OAuth Server-to-Server credential of the project whose client id "
                          "is %1 (its credential page in Developer Console), and give that file."),
        jwtClients.join(QStringLiteral(", ")));
    return out;
}

QList<Prerequisite> tenantPrerequisites(const AemInstance &instance, const QString &givenTenant)
{
    QList<Prerequisite> out;
    const QString detectedTenant = instance.tenant.trimmed().toLower();
    if (!givenTenant.isEmpty() && !detectedTenant.isEmpty() && givenTenant != detectedTenant)
        out << make(QStringLiteral("tenant-conflict"), true,
                    QT_TRANSLATE_NOOP("CreatePrerequisites",
                                      "The existing configuration belongs to the tenant %1, not to the "
                                      "tenant given."),
                    QT_TRANSLATE_NOOP("CreatePrerequisites",
                                      "Leave the tenant out to keep %1 (it is read from the existing "
                                      "configuration), or remove that configuration first: Adobe allows "
                                      "one author per tenant."),
                    detectedTenant);
    else if (givenTenant.isEmpty() && detectedTenant.isEmpty())
        out << make(
            QStringLiteral("tenant-required"), true,
            QT_TRANSLATE_NOOP("CreatePrerequisites",
                              "No tenant was given and none can be read from an existing "
                              "configuration."),
            QT_TRANSLATE_NOOP("CreatePrerequisites",
                              "Give the tenant with --tenant (https://<tenant>.brand-portal.adobe.com "
                              "or its name)."));
    return out;
}

} // namespace bp
