// SPDX-License-Identifier: Apache-2.0
#include "secrets/SecretStore.h"

#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretMessages.h"
#include "time/Clock.h"

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
    case SecretStatus::Cancelled:
        return QStringLiteral("cancelled");
    case SecretStatus::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

Error errorFromSecretStatus(SecretStatus status, const QString &message)
{
    const QString text = message.isEmpty() ? SecretMessages::forStatus(status, 0) : message;
    Error e(status == SecretStatus::Cancelled ? ErrorCode::Cancelled : ErrorCode::Keychain, text,
            secretStatusId(status));
    e.id = QStringLiteral("keychain-") + secretStatusId(status);
    return e;
}

void SecretJob::complete(SecretStatus status, const QString &message, SecretString value)
{
    if (m_done || isFinished())
        return; // exactly once: a late keychain answer after a timeout or cancel changes nothing
    m_done = true;
    m_status = status;
    m_message = message;
    if (status == SecretStatus::Ok)
        m_value = value;
    value.clear();
    // Last statement: a receiver may deleteLater() this job.
    if (status == SecretStatus::Ok || status == SecretStatus::NotFound)
        succeed();
    else
        fail(errorFromSecretStatus(status, message));
}

bool SecretJob::abort()
{
    if (!m_done) {
        m_done = true;
        m_status = SecretStatus::Cancelled;
        m_message = SecretMessages::cancelled();
    }
    return false;
}

Clock *SecretStore::systemClock()
{
    return &Clock::system();
}

std::unique_ptr<SecretStore> SecretStore::createSystemStore(int timeoutMs)
{
    KeychainSecretStore::Options options;
    options.timeoutMs = timeoutMs;
    return std::make_unique<KeychainSecretStore>(options);
}

} // namespace bp
