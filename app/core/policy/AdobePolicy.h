// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemVersion.h"

#include <QDate>
#include <QString>

namespace bp {

// Whether IMS configurations on a version can use OAuth Server-to-Server.
enum class OAuthSupport
{
    Unknown,
    Native,
    HotfixInstalled,
    HotfixRequired,
    NotAvailable
};

QString oauthSupportId(OAuthSupport support); // "native", "hotfix-installed", "hotfix-required", ...

// Adobe's version gates and dates, from the domain notes (aem-brand-portal.md §1.3, §1.5), in one place.
// Pure data and pure functions: detection, credentials, routing and (later) apply all ask here.
namespace AdobePolicy {

AemVersion minimumDevConsoleVersion();  // 6.5.4.0
AemVersion minimumOAuthHotfixVersion(); // 6.5.11.0
AemVersion minimumOAuthNativeVersion(); // 6.5.21.0 (the notes' majority reading; see §1.3)
QString oauthHotfixPackageFile();       // ims-jwt-compatibility-package-6.5-1.0.zip

QDate jwtNoNewCredentials(); // 2024-06-03
QDate jwtEndOfLife();        // 2025-06-30
QDate jwtAutoConversion();   // 2026-03-01

OAuthSupport oauthSupportFor(const AemVersion &version, bool hotfixInstalled);
// JWT token exchange no longer works on this day (every remaining credential was converted).
bool jwtExchangeRetired(const QDate &today);

// A clock difference IMS cares about: JWTs are rejected for time beyond about a minute (adobe-ims.md). One
// threshold for the validator and the wizard.
constexpr qint64 kClockSkewToleranceSeconds = 60;
bool clockSkewMatters(qint64 skewSeconds);

} // namespace AdobePolicy

} // namespace bp
