// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemVersion.h"
#include "aem/Finding.h"
#include "policy/AdobePolicy.h"

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

// One attempt to read the version from one AEM source. Why it failed is data (problemId, status, detail);
// versionEvidenceProblem() turns it into words when shown.
struct VersionEvidence
{
    QString sourceId; // recipe id, e.g. "felix-productinfo"
    QString path;     // request path
    bool readable = false;
    QString version;   // raw version text when readable
    QString problemId; // "http-status", "no-version", "no-service-pack", "not-a-version", "not-xml",
                       // "no-answer" (with problemDetail, the transport error's message)
    int httpStatus = 0;
    QString problemDetail;
};

// Two version sources that disagree.
struct VersionConflict
{
    QString firstSource;
    QString firstVersion;
    QString otherSource;
    QString otherVersion;
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
    QString keypairAlias;     // JWT mode: the key alias in the service user's keystore
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

// The core's single model of an AEM instance: read once as a snapshot and classified by pure functions
// (InstanceClassifier), shared by detect, the wizard and (later) apply, upgrade and diagnose.
struct AemInstance
{
    QUrl baseUrl;
    AemVersion version; // invalid when it could not be read
    bool versionChosenManually = false;
    QList<VersionEvidence> versionEvidence;
    QList<VersionConflict> versionConflicts;
    OAuthSupport oauthSupport = OAuthSupport::Unknown;
    bool imsHotfixInstalled = false;
    bool packageListReadable = false;

    ConfigState state = ConfigState::Unknown;
    QString tenant;
    QList<CloudConfigInfo> cloudConfigs;
    QList<ImsConfigInfo> imsConfigs; // Brand Portal IMS configurations only
    QList<ReplicationAgentInfo> brandPortalAgents;
    // Cloud Service: the Brand Portal distribution agent (Sling Content Distribution). Readable false when
    // it was not read or answered neither 200 nor 404 (AEMaaCS may not expose it [I]).
    QString distributionAgentPath;
    bool distributionAgentReadable = false;
    bool distributionAgentFound = false;
    QStringList legacyUsers;     // mac-<tenant>-replication
    QStringList legacyUserPaths; // their nodes under /home/users/mac
    QList<Finding> findings;     // what is inconsistent or could not be read
    int requestCount = 0;        // requests detection made

    Deployment deployment() const { return version.isValid() ? version.deployment() : Deployment::Unknown; }
    bool oauthSupported() const
    {
        return oauthSupport == OAuthSupport::Native || oauthSupport == OAuthSupport::HotfixInstalled;
    }
    QStringList configPaths() const;
    // The findings as text (for people), in order.
    QStringList problemTexts() const;
};

QString configStateId(
    ConfigState state); // "none", "legacy-gateway", "devconsole-jwt", "oauth-s2s", "broken", "unknown"
QString configStateDisplayName(ConfigState state);               // translated
QString versionEvidenceProblem(const VersionEvidence &evidence); // translated, empty when readable
QString versionConflictText(const VersionConflict &conflict);    // translated

} // namespace bp
