// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Error.h"

namespace bp::cli {

// Exit codes shared by every command (documented in README.md).
enum ExitCode : int
{
    ExitOk = 0,          // success
    ExitCheckFailed = 1, // the checked thing is wrong (rejected, test failed), or cancelled
    ExitUsage = 2,       // bad input or usage
    ExitUnreachable = 3, // could not reach or authenticate to AEM/IMS (network, TLS, 401/403)
    ExitUnsupported = 4, // unsupported version or route
};

// Every code is listed: no default, so a new ErrorCode does not compile (-Wswitch, warnings as errors in
// CI) until it has an exit code.
constexpr int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return ExitOk;
    case ErrorCode::InvalidInput:
        return ExitUsage;
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::Tls:
    case ErrorCode::Http:
    case ErrorCode::Auth:
    case ErrorCode::NotAem:
    case ErrorCode::NotIms:
    case ErrorCode::TooLarge:
        return ExitUnreachable;
    case ErrorCode::Unsupported:
        return ExitUnsupported;
    case ErrorCode::Cancelled:
    case ErrorCode::Keychain:
    case ErrorCode::Parse:
    case ErrorCode::Storage:
    case ErrorCode::Rejected:
    case ErrorCode::WriteRefused:
    case ErrorCode::PartialApply:
    case ErrorCode::RollbackFailed:
    case ErrorCode::Internal:
        return ExitCheckFailed;
    }
    return ExitCheckFailed;
}

} // namespace bp::cli
