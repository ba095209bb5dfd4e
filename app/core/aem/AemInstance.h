// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemVersion.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bp {

// What the existing Brand Portal setup on an instance looks like.
enum class ConfigState
{
    Unknown,
    None,
    LegacyGateway,
    DevConsoleJwt,
    OAuthS2S,
    Broken
};

// Whether IMS configurations on this version can use OAuth Server-to-Server.
enum class OAuthSupport
{
    Unknown,
    Native,
    HotfixInstalled,
    HotfixRequired,
    NotAvailable
};

// One attempt to read the version from one AEM source.
struct VersionEvidence
{
    QString sourceId; // recipe id, e.g. "felix-productinfo"
    QString path;     // request path
    bool readable = false;
    QString version; // raw version text when readable
    QString problem; // why not readable (blocked, 404, no match)
};

struct ImsConfigInfo
{
    QString pid;      // com.adobe.granite.auth.oauth.accesstoken.provider.<suffix>
    QString filePath; // /apps/system/config/<file>.config
    QString title;
    QString clientId;
    QString orgId;
    QString scope;
    QString tokenRequestUrl;
    bool oauthMode = false;   // authorization.grants=client_credentials + /ims/token/v3
    bool jwtMode = false;     // default claims with a metascope
    bool brandPortal = false; // ent_brand_portal_sdk metascope, or referenced by a BP cloud configuration
};

struct CloudConfigInfo
{
    QString path; // /conf/.../mediaportal/<name> or /etc/cloudservices/mediaportal/<name>
    QString tenantUrl;
    QString imsConfigPid; // empty for legacy
    bool legacy = false;
};

struct ReplicationAgentInfo
{
    QString name;
    QString path;
    QString transportUri;
    bool enabled = false;
};

// The core's single model of an AEM instance: read once by InstanceDetector, shared by detect, the wizard
// and (later) apply, upgrade and diagnose.
struct AemInstance
{
    QUrl baseUrl;
    AemVersion version; // invalid when it could not be read
    bool versionChosenManually = false;
    QList<VersionEvidence> versionEvidence;
    QStringList versionConflicts; // sources that disagreed
    OAuthSupport oauthSupport = OAuthSupport::Unknown;
    bool imsHotfixInstalled = false;
    bool packageListReadable = false;

    ConfigState state = ConfigState::Unknown;
    QString tenant;
    QList<CloudConfigInfo> cloudConfigs;
    QList<ImsConfigInfo> imsConfigs; // Brand Portal IMS configurations only
    QList<ReplicationAgentInfo> brandPortalAgents;
    QStringList legacyUsers;     // mac-<tenant>-replication
    QStringList legacyUserPaths; // their nodes under /home/users/mac
    QStringList problems;        // translated, for "broken" and partial reads
    int requestCount = 0;        // requests detection made

    Deployment deployment() const { return version.isValid() ? version.deployment() : Deployment::Unknown; }
    bool oauthSupported() const
    {
        return oauthSupport == OAuthSupport::Native || oauthSupport == OAuthSupport::HotfixInstalled;
    }
    QStringList configPaths() const;
};

QString configStateId(
    ConfigState state); // "none", "legacy-gateway", "devconsole-jwt", "oauth-s2s", "broken", "unknown"
QString configStateDisplayName(ConfigState state); // translated
QString oauthSupportId(
    OAuthSupport support); // "native", "hotfix-installed", "hotfix-required", "not-available", "unknown"

} // namespace bp
