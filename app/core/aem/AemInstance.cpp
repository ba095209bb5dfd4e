// SPDX-License-Identifier: Apache-2.0
#include "aem/AemInstance.h"

#include <QCoreApplication>

namespace bp {

QStringList AemInstance::configPaths() const
{
    QStringList paths;
    for (const auto &c : cloudConfigs)
        paths << c.path;
    for (const auto &i : imsConfigs)
        paths << i.filePath;
    for (const auto &a : brandPortalAgents)
        paths << a.path;
    paths << legacyUserPaths;
    return paths;
}

QString configStateId(ConfigState state)
{
    switch (state) {
    case ConfigState::None:
        return QStringLiteral("none");
    case ConfigState::LegacyGateway:
        return QStringLiteral("legacy-gateway");
    case ConfigState::DevConsoleJwt:
        return QStringLiteral("devconsole-jwt");
    case ConfigState::OAuthS2S:
        return QStringLiteral("oauth-s2s");
    case ConfigState::Broken:
        return QStringLiteral("broken");
    case ConfigState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString configStateDisplayName(ConfigState state)
{
    switch (state) {
    case ConfigState::None:
        return QCoreApplication::translate("bp", "No Brand Portal configuration");
    case ConfigState::LegacyGateway:
        return QCoreApplication::translate("bp", "Legacy OAuth Gateway configuration");
    case ConfigState::DevConsoleJwt:
        return QCoreApplication::translate(
            "bp", "Developer Console configuration with a JWT (Service Account) credential");
    case ConfigState::OAuthS2S:
        return QCoreApplication::translate("bp",
                                           "Developer Console configuration with OAuth Server-to-Server");
    case ConfigState::Broken:
        return QCoreApplication::translate("bp", "Configured, but inconsistent or failing");
    case ConfigState::Unknown:
        break;
    }
    return QCoreApplication::translate("bp", "Could not be read");
}

QString oauthSupportId(OAuthSupport support)
{
    switch (support) {
    case OAuthSupport::Native:
        return QStringLiteral("native");
    case OAuthSupport::HotfixInstalled:
        return QStringLiteral("hotfix-installed");
    case OAuthSupport::HotfixRequired:
        return QStringLiteral("hotfix-required");
    case OAuthSupport::NotAvailable:
        return QStringLiteral("not-available");
    case OAuthSupport::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace bp
