// SPDX-License-Identifier: Apache-2.0
#include "setup/SetupActions.h"

namespace bp {

QList<OfferedAction> SetupActions::offered(const AemInstance &instance, const RouteDecision &decision)
{
    QList<OfferedAction> out;
    switch (decision.route) {
    case Route::ActivateBrandPortal:
        // No configuration is written on Cloud Service, ever: Cloud Manager activates, bpsetup verifies.
        out.append(
            {SetupAction::CloudChecklist, true,
             instance.state == ConfigState::OAuthS2S
                 ? tr("Brand Portal looks activated: verify the cloud configuration and the distribution "
                      "agent bpdistributionagent0 from the AEM side.")
                 : tr("Activate Brand Portal in Cloud Manager (through your Adobe representative while "
                      "Brand Portal is in maintenance mode), then verify what activation creates.")});
        break;
    case Route::CreateConfiguration:
        out.append({SetupAction::Create, true,
                    tr("No Brand Portal configuration exists: create one with an OAuth Server-to-Server "
                       "credential.")});
        break;
    case Route::UpgradeConfiguration:
        switch (instance.state) {
        case ConfigState::LegacyGateway:
            out.append(
                {SetupAction::Upgrade, true,
                 tr("The Legacy OAuth Gateway is gone: publishing to Brand Portal no longer works. The "
                    "upgrade deletes the old agents, cloud service and replication user (after a "
                    "backup) and creates the OAuth Server-to-Server configuration.")});
            break;
        case ConfigState::DevConsoleJwt:
            out.append({SetupAction::Upgrade, true,
                        tr("JWT token exchange stopped working on 2026-03-01. The upgrade switches the IMS "
                           "configuration to OAuth Server-to-Server in place (same client id), after a "
                           "backup.")});
            break;
        case ConfigState::Broken:
            out.append({SetupAction::Upgrade, true,
                        tr("The configuration is inconsistent. Adobe's remedy is to delete and recreate it; "
                           "the upgrade does that after a backup.")});
            break;
        case ConfigState::OAuthS2S:
            out.append({SetupAction::Keep, true,
                        tr("The configuration already uses OAuth Server-to-Server: verify it end to end.")});
            out.append({SetupAction::RotateSecret, false,
                        tr("Replace the client secret with the credential's other secret (Developer Console "
                           "holds two), validated with Adobe IMS before it is written.")});
            return out;
        case ConfigState::None:
        case ConfigState::Unknown:
            return out;
        }
        out.append({SetupAction::Keep, false,
                    tr("Change nothing and verify the configuration as it is (it is expected to fail).")});
        break;
    case Route::Unsupported:
    case Route::Unknown:
        break;
    }
    return out;
}

SetupAction SetupActions::defaultAction(const AemInstance &instance, const RouteDecision &decision)
{
    const QList<OfferedAction> actions = offered(instance, decision);
    for (const OfferedAction &a : actions) {
        if (a.recommended)
            return a.action;
    }
    return SetupAction::None;
}

bool SetupActions::applies(SetupAction action)
{
    return action == SetupAction::Create || action == SetupAction::Upgrade ||
           action == SetupAction::RotateSecret;
}

QString setupActionId(SetupAction action)
{
    switch (action) {
    case SetupAction::None:
        return QStringLiteral("none");
    case SetupAction::Create:
        return QStringLiteral("create");
    case SetupAction::Upgrade:
        return QStringLiteral("upgrade");
    case SetupAction::Keep:
        return QStringLiteral("keep");
    case SetupAction::RotateSecret:
        return QStringLiteral("rotate-secret");
    case SetupAction::CloudChecklist:
        return QStringLiteral("cloud-checklist");
    }
    return QString();
}

QString setupActionDisplayName(SetupAction action)
{
    switch (action) {
    case SetupAction::None:
        return QString();
    case SetupAction::Create:
        return SetupActions::tr("&Create the configuration");
    case SetupAction::Upgrade:
        return SetupActions::tr("&Upgrade to OAuth Server-to-Server");
    case SetupAction::Keep:
        return SetupActions::tr("&Keep it and verify");
    case SetupAction::RotateSecret:
        return SetupActions::tr("Rotate the client &secret");
    case SetupAction::CloudChecklist:
        return SetupActions::tr("Activation &checklist and verify");
    }
    return QString();
}

} // namespace bp
