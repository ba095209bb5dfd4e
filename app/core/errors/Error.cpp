// SPDX-License-Identifier: Apache-2.0
#include "Error.h"

namespace bp {

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
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::Keychain:
        return QStringLiteral("keychain");
    case ErrorCode::Parse:
        return QStringLiteral("parse");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace bp
