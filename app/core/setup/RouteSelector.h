// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "aem/AemInstance.h"
#include "policy/AdobePolicy.h"

#include <QJsonObject>

#include <QDate>
#include <QString>
#include <QStringList>

namespace bp {

enum class Route
{
    ActivateBrandPortal,
    CreateConfiguration,
    UpgradeConfiguration,
    Unsupported,
    Unknown
};

// The rows of the routing table in DEVELOPERS.md.
enum class RouteRow
{
    None = -1,
    CloudService = 0,
    Aem65 = 1,
    Aem65Lts = 2
};
enum class RouteColumn
{
    None = -1,
    NewConfiguration = 0,
    UpgradeConfiguration = 1
};

struct RouteDecision
{
    Route route = Route::Unknown;
    RouteRow row = RouteRow::None;
    RouteColumn column = RouteColumn::None;
    QString reasonId;          // stable machine id, e.g. "version-too-old"
    QString reason;            // translated, says why and what to do next
    QStringList prerequisites; // translated steps needed before the route can be followed
    QString upgradeTarget;     // for unsupported versions: what to upgrade to
};

// Pure function of the instance model and today's date (JWT viability depends on the date).
class RouteSelector
{
    Q_DECLARE_TR_FUNCTIONS(RouteSelector)

public:
    static RouteDecision select(const AemInstance &instance, const QDate &today);

    // The routing-table row of a deployment (None for unknown or other releases).
    static RouteRow rowFor(Deployment deployment);
};

QString routeId(Route route); // "activate-brand-portal", "create-configuration", "upgrade-configuration",
                              // "unsupported", "unknown"
QString routeDisplayName(Route route);
// The decision's JSON form (route, reasonId, reason, prerequisites, upgradeTarget) for --json and reports.
QJsonObject decisionToJson(const RouteDecision &decision);

} // namespace bp
