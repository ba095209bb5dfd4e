// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "profiles/Profile.h"
#include "secrets/SecretStore.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QPair>

namespace bp {

// The one mapping between a saved profile and a Developer Console credential, for the CLI (--profile) and
// the wizard (saved connections, Finish).
namespace ProfileCredential {
// The non-secret part of the credential a profile remembers (with the JWT retirement warning for that day).
Credential fromProfile(const Profile &profile, const QDate &today);
// Adds the client secrets read from the keychain, in order.
void addSecrets(Credential &credential, const QMap<SecretKind, SecretString> &secrets);
// Writes the credential's non-secret fields into the profile (kind, client id, org id, scopes, ...).
void toProfile(const Credential &credential, Profile &profile);
// The credential's secrets as keychain entries (ClientSecret, ClientSecret2).
QList<QPair<SecretKind, SecretString>> secretsOf(const Credential &credential);
CredentialKind kindFromId(const QString &id);
} // namespace ProfileCredential

} // namespace bp
