// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretString.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace bp {

// The two Developer Console credential kinds that can call IMS server-to-server (adobe-ims.md §1-§3).
enum class CredentialKind
{
    Unknown,
    OAuthServerToServer,
    ServiceAccountJwt
};

// Where a credential was read from, for messages ("the project download", "the JWT payload", ...).
enum class CredentialSource
{
    Typed,
    ProjectDownload,
    FlatOAuth,
    FlatJwt,
    JwtPayload
};

// A Developer Console credential, normalised from any of the shapes the console hands out. Secrets are
// SecretString and never leave through QDebug, QVariant or JSON.
struct Credential
{
    Q_DECLARE_TR_FUNCTIONS(Credential)

public:
    CredentialKind kind = CredentialKind::Unknown;
    CredentialSource source = CredentialSource::Typed;
    QString clientId;
    QList<SecretString> clientSecrets; // OAuth S2S: up to two (rotation); JWT: exactly one
    QStringList scopes;                // OAuth S2S: verbatim from the credential, never a built-in list
    QString orgId;                     // XXXXXXXXXXXXXXXXXXXXXXXX@AdobeOrg
    QString technicalAccountId;        // XXXX@techacct.adobe.com (JWT "sub")
    QString technicalAccountEmail;
    QStringList metascopes; // JWT: short names such as ent_brand_portal_sdk
    // JWT only: the private key never came with the credential file. When AEM generated the key pair (the
    // user uploaded AEM's public certificate), it exists only inside AEM and direct validation is impossible.
    bool privateKeyHeldByAem = false;
    QStringList warnings; // translated: JWT retired, whitespace trimmed, both blocks present, ...

    static QString kindId(CredentialKind kind);          // "oauth-s2s", "jwt", "unknown"
    static QString kindDisplayName(CredentialKind kind); // translated
};

// A problem with one field, shown next to that field in the wizard and as "field: message" in the CLI.
struct FieldError
{
    QString field;   // "clientId", "clientSecrets", "scopes", "orgId", "technicalAccountId", "metascopes",
                     // "privateKey"
    QString message; // translated, says how to fix it in Developer Console
};

} // namespace bp
