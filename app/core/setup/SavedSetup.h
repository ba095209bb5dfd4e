// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "profiles/Profile.h"
#include "secrets/SecretStore.h"

#include <QDateTime>
#include <QList>
#include <QPair>

namespace bp {

class SetupState;

// What "save this connection" keeps of a wizard run (the Finish page; later the CLI's apply): the profile's
// non-secret fields and the secrets, in keychain order.
namespace SavedSetup {
Profile profileFromState(const SetupState &state, const QString &name, const QDateTime &nowUtc);
// The JWT key is read from its file (capped) when it did not come from the keychain; problem says why it
// could not be.
QList<QPair<SecretKind, SecretString>> secretsFromState(const SetupState &state, QString *problem);
QString secretDisplayName(SecretKind kind); // translated: "AEM password", "client secret", ...
} // namespace SavedSetup

} // namespace bp
