// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>

#include <optional>

namespace bp::cli {

// Synchronous helpers over the asynchronous SecretStore for the headless commands.
class ProfileSupport
{
    Q_DECLARE_TR_FUNCTIONS(ProfileSupport)

public:
    // Runs a job to completion (its own event loop) and deletes it.
    static SecretStatus run(SecretJob *job, QString *message = nullptr, SecretString *value = nullptr);
    // Runs a profile operation to completion and deletes it.
    static Result<bool> run(ProfileOperation *operation, QList<SecretKind> *written = nullptr);

    // A stored secret, nothing when there is none; an Error (Keychain) when the keychain could not say
    // (locked, no service, denied, timeout): callers must not treat that as "not stored".
    static Result<std::optional<SecretString>> readSecret(SecretStore &store, const QString &profile,
                                                          SecretKind kind);

    // Loads the profiles file; a damaged file is reported but not fatal (it was moved aside), a newer one
    // is read-only.
    static Result<Profile> loadProfile(ProfileStore &store, const QString &name, QStringList *warnings);
};

} // namespace bp::cli
