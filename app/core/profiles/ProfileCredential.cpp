// SPDX-License-Identifier: Apache-2.0
#include "profiles/ProfileCredential.h"

#include "credentials/CredentialImporter.h"

namespace bp::ProfileCredential {

CredentialKind kindFromId(const QString &id)
{
    for (CredentialKind kind : {CredentialKind::OAuthServerToServer, CredentialKind::ServiceAccountJwt}) {
        if (Credential::kindId(kind) == id)
            return kind;
    }
    return CredentialKind::Unknown;
}

Credential fromProfile(const Profile &profile, const QDate &today)
{
    Credential c;
    c.kind = kindFromId(profile.credentialKind);
    c.clientId = profile.clientId;
    c.orgId = profile.orgId;
    c.scopes = profile.scopes;
    c.technicalAccountId = profile.technicalAccountId;
    c.metascopes = profile.metascopes;
    if (c.kind == CredentialKind::ServiceAccountJwt)
        c.warnings << CredentialImporter::jwtRetirementWarning(today);
    return c;
}

void addSecrets(Credential &credential, const QMap<SecretKind, SecretString> &secrets)
{
    for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::ClientSecret2}) {
        const SecretString secret = secrets.value(kind);
        if (!secret.isEmpty())
            credential.clientSecrets.append(secret);
    }
}

void toProfile(const Credential &credential, Profile &profile)
{
    profile.credentialKind =
        credential.kind == CredentialKind::Unknown ? QString() : Credential::kindId(credential.kind);
    profile.clientId = credential.clientId;
    profile.orgId = credential.orgId;
    profile.scopes = credential.scopes;
    profile.technicalAccountId = credential.technicalAccountId;
    profile.metascopes = credential.metascopes;
}

QList<QPair<SecretKind, SecretString>> secretsOf(const Credential &credential)
{
    QList<QPair<SecretKind, SecretString>> out;
    if (!credential.clientSecrets.value(0).isEmpty())
        out.append({SecretKind::ClientSecret, credential.clientSecrets.at(0)});
    if (!credential.clientSecrets.value(1).isEmpty())
        out.append({SecretKind::ClientSecret2, credential.clientSecrets.at(1)});
    return out;
}

} // namespace bp::ProfileCredential
