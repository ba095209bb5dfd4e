// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "errors/Result.h"

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace bp {

// One independent place AEM reveals its product version.
struct VersionSource
{
    QString id;
    QString path;                    // request path (may include a query)
    QString kind;                    // "html-regex" or "packmgr-xml"
    QString confidence;              // "D", "C" or "I" as in the domain notes
    QRegularExpression pattern;      // html-regex: capture group 1 is the version
    QRegularExpression packageGroup; // packmgr-xml: service pack package group
    QString packageName;             // packmgr-xml: service pack package name
};

// What detection reads and how it interprets it. Shipped as resources/recipes/detect.json so that facts the
// domain notes mark as inferred or unknown (package names, agent names, About-dialog markup) are data that
// support staff can override with --recipe FILE, not code.
struct DetectionRecipe
{
    Q_DECLARE_TR_FUNCTIONS(DetectionRecipe)

public:
    QList<VersionSource> versionSources;
    QRegularExpression cloudVersionPattern;
    QRegularExpression cloudHostPattern;
    QRegularExpression hotfixPackageName;
    QString bpCloudConfigRoot;     // /conf/global/settings/cloudconfigs/mediaportal
    QString legacyCloudConfigRoot; // /etc/cloudservices/mediaportal
    QString legacyUserRoot;        // /home/users/mac
    QString osgiConfigRoot;        // /apps/system/config
    QString agentsRoot;            // /etc/replication/agents.author
    // Cloud Service: the Brand Portal distribution agent (Sling path C, exposure I); empty: not read.
    QString distributionAgentPath;        // /libs/sling/distribution/services/agents/bpdistributionagent0
    QString imsProviderFactoryPid;        // com.adobe.granite.auth.oauth.accesstoken.provider
    QString bpMetascope;                  // ent_brand_portal_sdk
    QRegularExpression bpTransportHost;   // host part of a BP agent's transportUri
    QRegularExpression legacyUserPattern; // mac-<tenant>-replication (both spellings)

    static Result<DetectionRecipe> fromJson(const QJsonObject &json);
    static Result<DetectionRecipe> fromFile(const QString &path);
    static DetectionRecipe builtIn(); // resources/recipes/detect.json
};

} // namespace bp
