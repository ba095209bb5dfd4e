// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QString>

namespace bp {

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

// Entry names and the user-facing texts, shared by every SecretStore so the real and the test store say the
// same thing. Private to core/secrets.
class SecretMessages
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)
public:
    static QString noDbusSession();
    static QString noService();
    static QString locked();
    static QString accessDenied();
    static QString timeout(int timeoutMs);
    static QString cancelled();
    static QString notFound(const QString &profile, SecretKind kind);
    static QString failed(const QString &detail);
    static QString invalidProfile();
    static QString emptyValue();
    static QString readBackMismatch();
    static QString corruptEntry();
    // A write the keychain said it took, but reading it back finds nothing: with libsecret this is what a
    // dismissed "create keyring" or "unlock" prompt leaves (the prompt's dismissal reports no error).
    static QString promptDismissed();
    // The plain-words text for a keychain's own error string (QtKeychain passes libsecret's and D-Bus's
    // messages through): known causes get their own text, anything else is "reported an error: detail".
    static QString fromBackendDetail(const QString &detail);
    // The generic text for a status (no detail), e.g. for simulated failures.
    static QString forStatus(SecretStatus status, int timeoutMs);
};

// Empty when the profile name can be used in an entry name; otherwise the message to report (Failed).
QString checkProfileName(const QString &profile);
// "<profile>/<secretKindId>", e.g. "prod-author/aemPassword".
QString secretEntryKey(const QString &profile, SecretKind kind);
// Zeroes a buffer that held a secret. A buffer shared with another QByteArray is only released: filling it
// would detach and zero a fresh copy, leaving the shared bytes untouched.
void wipeBytes(QByteArray &bytes);

} // namespace bp
