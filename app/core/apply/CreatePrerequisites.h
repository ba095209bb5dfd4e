// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "change/ChangeTypes.h"
#include "credentials/Credential.h"

#include <QDate>
#include <QList>
#include <QStringList>

namespace bp {

// What the create path needs to know before it plans anything, beyond the instance model.
struct CreateFacts
{
    CredentialKind credentialKind = CredentialKind::Unknown;
    bool credentialValidated = false; // IMS issued a token for it
    bool hotfixPackageGiven = false;  // --hotfix-package / the wizard's file chooser
    QStringList runModes;             // empty: could not be read
    bool runModesReadable = false;
    QString consoleBlockedPath; // the Felix console route a dispatcher or firewall blocks ("" when reachable)
};

// The prerequisites of a new configuration on AEM 6.5 / 6.5 LTS (domain notes §1.3, §1.5, §2.1), pure and
// decided by the given day (never a hard-coded "now"). Ids: cloud-service, version-unknown, version-too-old,
// oauth-not-available, hotfix-required, hotfix-install (not blocking: the plan's first step), upgrade-needed
// (legacy gateway, broken),
//
// publish-instance, console-blocked, run-modes-unknown (not blocking), jwt-credential, credential-unknown,
// credential-not-validated.
QList<Prerequisite> createPrerequisites(const AemInstance &instance, const CreateFacts &facts,
                                        const QDate &today);

// The tenant given (a name, "" when none) against the one the existing configuration names: ids
// tenant-conflict, tenant-required (both blocking). Separate because the wizard asks for the tenant later.
QList<Prerequisite> tenantPrerequisites(const AemInstance &instance, const QString &givenTenant);
// JWT -> OAuth in place: Adobe's conversion keeps the client id (domain notes 1.6, 3.2), so an OAuth
// credential with another client id than the JWT configuration's is probably another project's
// (jwt-client-id-differs, blocking).
QList<Prerequisite> upgradeCredentialPrerequisites(const AemInstance &instance, const QString &clientId);

} // namespace bp
