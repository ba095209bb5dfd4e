// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

#include <QObject>
#include <QString>

#include <functional>

namespace bp {

// The platform checks that run before QtKeychain is asked anything. QtKeychain 0.13 reports a locked
// keyring as EntryNotFound, and without a D-Bus session it tries to autolaunch one ("Cannot autolaunch
// D-Bus without X11 $DISPLAY"), so on Linux the Secret Service is asked directly, over QtDBus:
//   1. is there a session bus?                         no  -> NoService ("No D-Bus session")
//   2. is org.freedesktop.secrets owned or activatable? no  -> NoService ("No keychain service")
//   3. default collection's Locked property             yes -> Locked
// Anything else (no default collection yet, a KWallet desktop) is left to QtKeychain. Private to
// core/secrets.
class KeyringProbe
{
public:
    struct Answer
    {
        bool decided = false; // false: the platform checks passed, ask QtKeychain
        SecretStatus status = SecretStatus::Ok;
        QString message;
        QString detail; // technical, for the log
    };

    // Runs the checks asynchronously and calls done once, in context's thread; never if context is
    // destroyed first. Each D-Bus call is bounded by callTimeoutMs. Calls done immediately where there is
    // nothing to check (macOS, Windows).
    static void run(QObject *context, int callTimeoutMs, std::function<void(const Answer &)> done);

    // "GNOME Keyring / Secret Service", "KWallet", "macOS Keychain", "Windows Credential Manager".
    static QString backendName();
};

} // namespace bp
