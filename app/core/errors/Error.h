// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QString>

#include <utility>

namespace bp {

enum class ErrorCode
{
    None,
    Network,      // connection refused, DNS, reset
    Timeout,      // no answer within the deadline
    Cancelled,    // the user cancelled
    Tls,          // certificate not trusted, handshake failed
    Http,         // unexpected HTTP status
    Auth,         // 401/403, login page instead of data
    InvalidInput, // bad URL, bad option
    NotAem,       // the server answered but is not an AEM author
    TooLarge,     // response body above the cap
    Unsupported,  // version or route not supported
    Keychain,
    Parse,
    Internal,
};

// One error type for the whole core. userMessage is translated text that says what happened and what to do
// next; detail is redacted technical text for logs and --json.
struct Error
{
    Error() = default;
    Error(ErrorCode c, QString message, QString technicalDetail = QString(), int status = 0,
          bool canRetry = false)
        : code(c), userMessage(std::move(message)), detail(std::move(technicalDetail)), httpStatus(status),
          retryable(canRetry)
    {
    }

    ErrorCode code = ErrorCode::None;
    QString userMessage;
    QString detail;
    int httpStatus = 0;
    bool retryable = false;

    bool isError() const { return code != ErrorCode::None; }
};

QString errorCodeName(ErrorCode code);

} // namespace bp
