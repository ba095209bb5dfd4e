// SPDX-License-Identifier: Apache-2.0
#include "policy/AdobePolicy.h"

namespace bp {

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

namespace AdobePolicy {

AemVersion minimumDevConsoleVersion()
{
    return AemVersion::parse(QStringLiteral("6.5.4.0"));
}
AemVersion minimumOAuthHotfixVersion()
{
    return AemVersion::parse(QStringLiteral("6.5.11.0"));
}
AemVersion minimumOAuthNativeVersion()
{
    return AemVersion::parse(QStringLiteral("6.5.21.0"));
}
QString oauthHotfixPackageFile()
{
    return QStringLiteral("ims-jwt-compatibility-package-6.5-1.0.zip");
}
QDate jwtNoNewCredentials()
{
    return QDate(2024, 6, 3);
}
QDate jwtEndOfLife()
{
    return QDate(2025, 6, 30);
}
QDate jwtAutoConversion()
{
    return QDate(2026, 3, 1);
}

OAuthSupport oauthSupportFor(const AemVersion &version, bool hotfixInstalled)
{
    switch (version.deployment()) {
    case Deployment::CloudService:
    case Deployment::Aem65Lts:
        return OAuthSupport::Native;
    case Deployment::Aem65:
        if (version >= minimumOAuthNativeVersion())
            return OAuthSupport::Native;
        if (version >= minimumOAuthHotfixVersion())
            return hotfixInstalled ? OAuthSupport::HotfixInstalled : OAuthSupport::HotfixRequired;
        return OAuthSupport::NotAvailable;
    case Deployment::Other:
    case Deployment::Unknown:
        break;
    }
    return OAuthSupport::Unknown;
}

bool jwtExchangeRetired(const QDate &today)
{
    return today >= jwtAutoConversion();
}

bool clockSkewMatters(qint64 skewSeconds)
{
    return qAbs(skewSeconds) > kClockSkewToleranceSeconds;
}

} // namespace AdobePolicy

} // namespace bp
