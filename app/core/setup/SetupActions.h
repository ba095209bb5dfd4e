// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "setup/RouteSelector.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace bp {

// What the user can do on the route the instance is on (issue: Route page). Each is carried out by the same
// core services as the CLI: Create, Upgrade and RotateSecret are a CreateSession plan and apply; Keep and
// CloudChecklist run verify (nothing is written).
enum class SetupAction
{
    None,
    Create,         // 6.5 / LTS without a configuration
    Upgrade,        // legacy gateway, JWT or broken -> OAuth Server-to-Server (or an OAuth one re-applied)
    Keep,           // leave the configuration as it is and verify it
    RotateSecret,   // OAuth: replace the client secret with the credential's other one
    CloudChecklist, // Cloud Service: activation in Cloud Manager, then verify from the AEM side
};

struct OfferedAction
{
    SetupAction action = SetupAction::None;
    bool recommended = false;
    QString reason; // translated: why this one is (or is not) the recommendation
};

class SetupActions
{
    Q_DECLARE_TR_FUNCTIONS(SetupActions)
public:
    // Pure: what the route page offers for this instance and decision, the recommended one first. Empty
    // when setup cannot continue (unsupported or unknown version).
    static QList<OfferedAction> offered(const AemInstance &instance, const RouteDecision &decision);
    // The action chosen when the user makes no choice (the recommended one, or None).
    static SetupAction defaultAction(const AemInstance &instance, const RouteDecision &decision);
    // Whether the action writes to AEM (through the plan/apply pages) rather than only verifying.
    static bool applies(SetupAction action);
};

QString setupActionId(SetupAction action); // "create", "upgrade", "keep", "rotate-secret", "cloud-checklist"
QString setupActionDisplayName(SetupAction action); // translated, with a mnemonic (&)

} // namespace bp
