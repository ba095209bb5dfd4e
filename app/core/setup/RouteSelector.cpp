// SPDX-License-Identifier: Apache-2.0
#include "setup/RouteSelector.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace bp {

namespace {

bool hasExistingConfiguration(ConfigState state)
{
    return state == ConfigState::LegacyGateway || state == ConfigState::DevConsoleJwt ||
           state == ConfigState::OAuthS2S || state == ConfigState::Broken;
}

QString upgradeReason(ConfigState state, const QDate &today)
{
    switch (state) {
    case ConfigState::LegacyGateway:
        return RouteSelector::tr(
            "A Legacy OAuth Gateway configuration exists. Adobe has not supported it for new setups since "
            "2020-04-06; when it misbehaves the fix is to delete it and recreate it through Adobe Developer "
            "Console. The upgrade checks that the Brand Portal queues are idle, deletes the old agents, "
            "cloud configuration and replication user, and recreates the configuration.");
    case ConfigState::DevConsoleJwt:
        if (today >= AdobePolicy::jwtAutoConversion())
            return RouteSelector::tr(
                "The IMS configuration still uses a JWT (Service Account) credential. JWT credentials "
                "reached end of life on 2025-06-30 and Adobe converted the remaining ones to OAuth "
                "Server-to-Server by 2026-03-01, so token exchange through JWT no longer works. Switch the "
                "IMS configuration to OAuth: the client ID stays the same; you need the OAuth client secret "
                "and scopes from Developer Console.");
        return RouteSelector::tr(
            "The IMS configuration uses a JWT (Service Account) credential. JWT credentials reached end of "
            "life on 2025-06-30 and are converted to OAuth Server-to-Server at certificate expiry or on "
            "2026-03-01, whichever comes first. Switch the IMS configuration to OAuth now.");
    case ConfigState::OAuthS2S:
        return RouteSelector::tr(
            "A Brand Portal configuration with OAuth Server-to-Server already exists: nothing needs "
            "migrating. The upgrade path re-verifies it and can rotate its credentials; to look for "
            "problems, use Diagnose.");
    case ConfigState::Broken:
        return RouteSelector::tr(
            "A Brand Portal configuration exists but is inconsistent or failing. Adobe's advice is to delete "
            "it and create a new one through Adobe Developer Console; the upgrade path does that with a "
            "backup first.");
    default:
        break;
    }
    return QString();
}

void addOAuthPrerequisites(RouteDecision &d, const AemInstance &instance, const QDate &today)
{
    switch (instance.oauthSupport) {
    case OAuthSupport::HotfixRequired:
        d.prerequisites
            << RouteSelector::tr(
                   "Install the hotfix %1 (AEM 6.5.11.0 to 6.5.20.0), or upgrade to AEM 6.5.21.0 or "
                   "later, where OAuth Server-to-Server is built in. Adobe's pages disagree on whether "
                   "6.5.20.0 needs it; the tool follows the majority and treats it as required.")
                   .arg(AdobePolicy::oauthHotfixPackageFile());
        break;
    case OAuthSupport::NotAvailable:
        d.prerequisites
            << (today >= AdobePolicy::jwtNoNewCredentials()
                    ? RouteSelector::tr(
                          "Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1): "
                          "this version has no OAuth Server-to-Server option, and new JWT credentials "
                          "cannot be created since 2024-06-03.")
                    : RouteSelector::tr(
                          "Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1) to "
                          "use OAuth Server-to-Server."))
                   .arg(AdobePolicy::oauthHotfixPackageFile());
        break;
    case OAuthSupport::Unknown:
        if (!instance.packageListReadable)
            d.prerequisites
                << RouteSelector::tr(
                       "Could not read the package list to check for the hotfix %1; if AEM is below "
                       "6.5.21.0, check in Package Manager that it is installed.")
                       .arg(AdobePolicy::oauthHotfixPackageFile());
        break;
    default:
        break;
    }
}

} // namespace

RouteRow RouteSelector::rowFor(Deployment deployment)
{
    switch (deployment) {
    case Deployment::CloudService:
        return RouteRow::CloudService;
    case Deployment::Aem65:
        return RouteRow::Aem65;
    case Deployment::Aem65Lts:
        return RouteRow::Aem65Lts;
    default:
        return RouteRow::None;
    }
}

RouteDecision RouteSelector::select(const AemInstance &instance, const QDate &today)
{
    RouteDecision d;
    const Deployment deployment = instance.deployment();
    d.row = rowFor(deployment);

    if (!instance.version.isValid()) {
        d.route = Route::Unknown;
        d.reasonId = QStringLiteral("version-unknown");
        d.reason = RouteSelector::tr(
            "The AEM version could not be read from any source, so the route cannot be chosen "
            "safely. Choose the version by hand (wizard: Connect page; CLI: --aem-version), or ask an "
            "administrator to allow /system/console/productinfo or the Package Manager for this user.");
        return d;
    }

    if (deployment == Deployment::Other) {
        d.route = Route::Unsupported;
        d.reasonId = QStringLiteral("version-unsupported");
        d.upgradeTarget = RouteSelector::tr(
            "AEM 6.5 with the latest service pack (6.5.21.0 or later), AEM 6.5 LTS, or AEM as a "
            "Cloud Service");
        d.reason =
            RouteSelector::tr(
                "AEM %1 is not supported for Brand Portal setup: Adobe documents it only for AEM as a Cloud "
                "Service and AEM 6.5.4.0 and later (6.4, 6.3 and 6.2 have reached end of support). Upgrade "
                "to %2.")
                .arg(instance.version.toString(), d.upgradeTarget);
        return d;
    }

    if (deployment == Deployment::CloudService) {
        d.route = Route::ActivateBrandPortal;
        d.column = RouteColumn::NewConfiguration;
        d.reasonId = hasExistingConfiguration(instance.state) ? QStringLiteral("cloud-already-configured")
                                                              : QStringLiteral("cloud-activate");
        d.reason =
            hasExistingConfiguration(instance.state)
                ? RouteSelector::tr(
                      "AEM as a Cloud Service: Brand Portal is activated from Cloud Manager, which creates "
                      "the IMS configuration and cloud service itself. A configuration already exists; do "
                      "not modify the autogenerated settings. Use Diagnose to check it.")
                : RouteSelector::tr(
                      "AEM as a Cloud Service: activate Brand Portal in Cloud Manager (Environments › "
                      "Activate "
                      "Brand Portal) on the production environment; activation creates the IMS "
                      "configuration and cloud service automatically on the same IMS org. Brand Portal is in "
                      "maintenance mode: new activations currently go through your Adobe representative.");
        return d;
    }

    // AEM 6.5 and 6.5 LTS.
    if (deployment == Deployment::Aem65 && instance.version < AdobePolicy::minimumDevConsoleVersion()) {
        d.route = Route::Unsupported;
        d.reasonId = QStringLiteral("version-too-old");
        d.upgradeTarget = RouteSelector::tr(
            "the latest AEM 6.5 service pack (at least 6.5.4.0; 6.5.21.0 or later adds OAuth "
            "Server-to-Server)");
        d.reason =
            RouteSelector::tr(
                "AEM %1 is older than 6.5.4.0, the first version that can be connected to Brand Portal "
                "through Adobe Developer Console. Install %2, then run this tool again.")
                .arg(instance.version.toString(), d.upgradeTarget);
        return d;
    }

    if (instance.state == ConfigState::Unknown) {
        d.route = Route::Unknown;
        d.reasonId = QStringLiteral("state-unknown");
        d.reason = RouteSelector::tr(
            "The existing Brand Portal configuration could not be read, so it is unclear whether to create "
            "or upgrade. Connect as an administrator (the user needs read access to /conf, /etc, "
            "/apps/system/config and /home/users).");
        return d;
    }

    if (hasExistingConfiguration(instance.state)) {
        d.route = Route::UpgradeConfiguration;
        d.column = RouteColumn::UpgradeConfiguration;
        d.reasonId = QStringLiteral("upgrade-") + configStateId(instance.state);
        d.reason = upgradeReason(instance.state, today);
    } else {
        d.route = Route::CreateConfiguration;
        d.column = RouteColumn::NewConfiguration;
        d.reasonId = QStringLiteral("create");
        d.reason =
            deployment == Deployment::Aem65Lts
                ? RouteSelector::tr(
                      "No Brand Portal configuration yet. AEM 6.5 LTS supports OAuth Server-to-Server only: "
                      "create an OAuth Server-to-Server credential with the AEM Brand Portal API and the "
                      "Assets Brand Portal product profile in Adobe Developer Console, then create the IMS "
                      "configuration and the Brand Portal cloud configuration.")
                : RouteSelector::tr(
                      "No Brand Portal configuration yet. Create an OAuth Server-to-Server credential with "
                      "the "
                      "AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer "
                      "Console, then create the IMS configuration and the Brand Portal cloud configuration.");
    }
    if (instance.state == ConfigState::LegacyGateway || instance.state == ConfigState::Broken ||
        instance.state == ConfigState::None || instance.state == ConfigState::DevConsoleJwt)
        addOAuthPrerequisites(d, instance, today);
    return d;
}

QString routeId(Route route)
{
    switch (route) {
    case Route::ActivateBrandPortal:
        return QStringLiteral("activate-brand-portal");
    case Route::CreateConfiguration:
        return QStringLiteral("create-configuration");
    case Route::UpgradeConfiguration:
        return QStringLiteral("upgrade-configuration");
    case Route::Unsupported:
        return QStringLiteral("unsupported");
    case Route::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString routeDisplayName(Route route)
{
    switch (route) {
    case Route::ActivateBrandPortal:
        return RouteSelector::tr("Activate Brand Portal");
    case Route::CreateConfiguration:
        return RouteSelector::tr("Create configuration");
    case Route::UpgradeConfiguration:
        return RouteSelector::tr("Upgrade configuration");
    case Route::Unsupported:
        return RouteSelector::tr("Not supported");
    case Route::Unknown:
        break;
    }
    return RouteSelector::tr("Cannot be determined");
}

QJsonObject decisionToJson(const RouteDecision &decision)
{
    return QJsonObject{
        {QStringLiteral("route"), routeId(decision.route)},
        {QStringLiteral("reasonId"), decision.reasonId},
        {QStringLiteral("reason"), decision.reason},
        {QStringLiteral("prerequisites"), QJsonArray::fromStringList(decision.prerequisites)},
        {QStringLiteral("upgradeTarget"), decision.upgradeTarget.isEmpty()
                                              ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(decision.upgradeTarget)},
    };
}

} // namespace bp
