// SPDX-License-Identifier: Apache-2.0
#include "credentials/Credential.h"

namespace bp {

QString Credential::kindId(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::OAuthServerToServer:
        return QStringLiteral("oauth-s2s");
    case CredentialKind::ServiceAccountJwt:
        return QStringLiteral("jwt");
    case CredentialKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString Credential::kindDisplayName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::OAuthServerToServer:
        return tr("OAuth Server-to-Server");
    case CredentialKind::ServiceAccountJwt:
        return tr("Service Account (JWT) — retired by Adobe");
    case CredentialKind::Unknown:
        break;
    }
    return tr("Unknown credential kind");
}

} // namespace bp
