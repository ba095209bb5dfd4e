// SPDX-License-Identifier: Apache-2.0
#include "secrets/SecretStore.h"

#include "secrets/KeychainSecretStore.h"

namespace bp {

QString secretKindId(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return QStringLiteral("clientSecret");
    case SecretKind::ClientSecret2:
        return QStringLiteral("clientSecret2");
    case SecretKind::PrivateKey:
        return QStringLiteral("privateKey");
    case SecretKind::KeyPassphrase:
        return QStringLiteral("keyPassphrase");
    case SecretKind::AemPassword:
        return QStringLiteral("aemPassword");
    case SecretKind::AemToken:
        return QStringLiteral("aemToken");
    }
    return QStringLiteral("unknown");
}

QString secretStatusId(SecretStatus status)
{
    switch (status) {
    case SecretStatus::Ok:
        return QStringLiteral("ok");
    case SecretStatus::NotFound:
        return QStringLiteral("not-found");
    case SecretStatus::Locked:
        return QStringLiteral("locked");
    case SecretStatus::NoService:
        return QStringLiteral("no-service");
    case SecretStatus::AccessDenied:
        return QStringLiteral("access-denied");
    case SecretStatus::Timeout:
        return QStringLiteral("timeout");
    case SecretStatus::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

void SecretJob::complete(SecretStatus status, const QString &message, SecretString value)
{
    if (m_done)
        return; // exactly once: a late keychain answer after a timeout changes nothing
    m_done = true;
    m_status = status;
    m_message = message;
    if (status == SecretStatus::Ok)
        m_value = value;
    value.clear();
    // Last statement: a receiver may delete this job.
    emit finished();
}

std::unique_ptr<SecretStore> SecretStore::createSystemStore(int timeoutMs)
{
    KeychainSecretStore::Options options;
    options.timeoutMs = timeoutMs;
    return std::make_unique<KeychainSecretStore>(options);
}

} // namespace bp
