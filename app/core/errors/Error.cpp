// SPDX-License-Identifier: Apache-2.0
#include "Error.h"

#include "net/CertificateInfo.h"

namespace bp {

QString Error::stableId() const
{
    return id.isEmpty() ? errorCodeName(code) : id;
}

QString Error::fullText() const
{
    if (remedy.isEmpty() || userMessage.contains(remedy))
        return userMessage;
    return userMessage + QLatin1Char(' ') + remedy;
}

Error &Error::withCertificate(const CertificateInfo &info)
{
    certificate = info.isNull() ? nullptr : std::make_shared<const CertificateInfo>(info);
    return *this;
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("none");
    case ErrorCode::Network:
        return QStringLiteral("network");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Tls:
        return QStringLiteral("tls");
    case ErrorCode::Http:
        return QStringLiteral("http");
    case ErrorCode::Auth:
        return QStringLiteral("auth");
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid-input");
    case ErrorCode::NotAem:
        return QStringLiteral("not-aem");
    case ErrorCode::NotIms:
        return QStringLiteral("not-ims");
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::Keychain:
        return QStringLiteral("keychain");
    case ErrorCode::Parse:
        return QStringLiteral("parse");
    case ErrorCode::Storage:
        return QStringLiteral("storage");
    case ErrorCode::Rejected:
        return QStringLiteral("rejected");
    case ErrorCode::WriteRefused:
        return QStringLiteral("write-refused");
    case ErrorCode::PartialApply:
        return QStringLiteral("partial-apply");
    case ErrorCode::RollbackFailed:
        return QStringLiteral("rollback-failed");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace bp
