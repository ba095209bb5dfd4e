// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <memory>
#include <utility>

namespace bp {

struct CertificateInfo; // net/CertificateInfo.h

// Every way an operation of the core can end badly. The CLI maps each code to an exit code explicitly
// (cli/ExitCode.h); a new code fails the build there until it is mapped.
enum class ErrorCode
{
    None,
    Network,        // connection refused, DNS, reset
    Timeout,        // no answer within the deadline
    Cancelled,      // the user cancelled
    Tls,            // certificate not trusted, handshake failed
    Http,           // unexpected HTTP status
    Auth,           // 401/403, login page instead of data
    InvalidInput,   // bad URL, bad option, unusable input file
    NotAem,         // the server answered but is not an AEM author
    NotIms,         // something other than Adobe IMS answered (captive portal, proxy page, another server)
    TooLarge,       // response body, header block or input file above its cap
    Unsupported,    // version or route not supported, refused prerequisite
    Keychain,       // the OS keychain could not be used
    Parse,          // a file or answer that should have a known shape does not (damaged file)
    Storage,        // a local file could not be written (disk full, permissions)
    Rejected,       // the checked thing is wrong: IMS rejected the credential, a test failed
    WriteRefused,   // a write was attempted by an operation that must not write (dry run, detect, diagnose)
    PartialApply,   // a change stopped part way; the instance holds some of the changes
    RollbackFailed, // restoring a backup did not complete
    Internal,       // a defect in bpsetup
};

// The one error type of the core.
// - id: stable, machine-readable, for --json, logs and tests ("ims-invalid_client", "profiles-damaged").
//   Defaults to the code's name.
// - userMessage: translated text saying what happened; remedy: translated text saying what to do next.
// - detail: redacted technical text for logs and --json.
// - certificate: for a Tls error because a server presented a certificate nobody trusted, that certificate
//   (whichever host it was: AEM, Adobe IMS, a proxy in front of either), so every face can show it and offer
//   to trust it however far up the error was passed.
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
    QString id;
    QString userMessage;
    QString remedy;
    QString detail;
    int httpStatus = 0;
    bool retryable = false;
    std::shared_ptr<const CertificateInfo> certificate;

    bool isError() const { return code != ErrorCode::None; }
    QString stableId() const;
    // The message and, when there is one, the remedy, as one paragraph for places with a single text.
    QString fullText() const;

    Error &withId(QString stableIdentifier)
    {
        id = std::move(stableIdentifier);
        return *this;
    }
    Error &withRemedy(QString text)
    {
        remedy = std::move(text);
        return *this;
    }
    // The untrusted certificate (null: none), for code that has the error without it.
    Error &withCertificate(const CertificateInfo &info);
};

QString errorCodeName(ErrorCode code);

} // namespace bp
