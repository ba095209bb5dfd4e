// SPDX-License-Identifier: Apache-2.0
#include "setup/SavedSetup.h"

#include "io/BoundedFile.h"
#include "profiles/ProfileCredential.h"
#include "setup/SetupState.h"

#include <QCoreApplication>

namespace bp::SavedSetup {

namespace {
// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::SavedSetup)
};
} // namespace

Profile profileFromState(const SetupState &state, const QString &name, const QDateTime &nowUtc)
{
    const AemConnection &c = state.connection;
    const AemInstance &instance = state.instance;
    Profile profile;
    profile.name = name;
    profile.aemUrl = c.baseUrl;
    // A user name only goes with a password; a token login has none (the Connect page relies on this).
    profile.aemUser = c.bearerToken.isEmpty() ? c.user : QString();
    if (instance.version.isValid()) {
        profile.deployment = deploymentId(instance.deployment());
        profile.version = instance.version.toString();
    }
    profile.tenant = instance.tenant;
    if (state.credential.kind != CredentialKind::Unknown) {
        profile.imsUrl = state.imsUrl;
        ProfileCredential::toProfile(state.credential, profile);
    }
    profile.pinnedSha256 = c.network.pinnedSha256.value(hostPortKey(c.baseUrl));
    profile.lastUsed = nowUtc;
    return profile;
}

QList<QPair<SecretKind, SecretString>> secretsFromState(const SetupState &state, QString *problem)
{
    QList<QPair<SecretKind, SecretString>> secrets;
    const AemConnection &c = state.connection;
    if (!c.password.isEmpty())
        secrets.append({SecretKind::AemPassword, c.password});
    else if (!c.bearerToken.isEmpty())
        secrets.append({SecretKind::AemToken, c.bearerToken});
    const Credential &credential = state.credential;
    if (credential.kind != CredentialKind::Unknown)
        secrets += ProfileCredential::secretsOf(credential);
    if (credential.kind == CredentialKind::ServiceAccountJwt && !credential.privateKeyHeldByAem) {
        SecretString pem = state.privateKeyPem;
        if (pem.isEmpty() && !state.privateKeyPemPath.isEmpty()) {
            auto read = BoundedFile::read(state.privateKeyPemPath, InputFileKind::PrivateKey);
            if (read) {
                pem = SecretString::fromUtf8(read.value());
                read.value().fill('\0');
            } else if (problem) {
                *problem = read.error().userMessage;
            }
        }
        if (!pem.isEmpty())
            secrets.append({SecretKind::PrivateKey, pem});
        // Only while it is still known: the Validate page discards a typed passphrase once the key is loaded.
        if (!pem.isEmpty() && !state.privateKeyPassphrase.isEmpty())
            secrets.append({SecretKind::KeyPassphrase, state.privateKeyPassphrase});
    }
    return secrets;
}

QString secretDisplayName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::AemPassword:
        return Text::tr("AEM password");
    case SecretKind::AemToken:
        return Text::tr("AEM token");
    case SecretKind::ClientSecret:
        return Text::tr("client secret");
    case SecretKind::ClientSecret2:
        return Text::tr("second client secret");
    case SecretKind::PrivateKey:
        return Text::tr("private key");
    case SecretKind::KeyPassphrase:
        return Text::tr("key passphrase");
    }
    return QString();
}

} // namespace bp::SavedSetup
