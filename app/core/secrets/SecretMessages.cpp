// SPDX-License-Identifier: Apache-2.0
#include "secrets/SecretMessages.h"

namespace bp {

Q_LOGGING_CATEGORY(lcSecrets, "bpsetup.secrets", QtWarningMsg)

QString SecretMessages::noDbusSession()
{
    return tr("No D-Bus session: the keychain cannot be reached. Run bpsetup inside a desktop session, or "
              "start one with dbus-run-session.");
}

QString SecretMessages::noService()
{
    return tr("No keychain service: install gnome-keyring (or KWallet) and log in again.");
}

QString SecretMessages::locked()
{
    return tr(
        "The login keyring is locked: unlock it (e.g. open Passwords and Keys / seahorse) and try again.");
}

QString SecretMessages::accessDenied()
{
    return tr("The keychain refused access to bpsetup: allow it when the keychain asks, or check the "
              "keychain's access settings, and try again.");
}

QString SecretMessages::timeout(int timeoutMs)
{
    const int seconds = qMax(1, (timeoutMs + 999) / 1000);
    return tr("The keychain did not answer within %1 seconds. If an unlock prompt is open, answer it and try "
              "again; otherwise restart the keychain service (log out and in again).")
        .arg(seconds);
}

QString SecretMessages::cancelled()
{
    return tr("Cancelled before the keychain answered.");
}

QString SecretMessages::notFound(const QString &profile, SecretKind kind)
{
    return tr("No %1 is stored in the keychain for profile \"%2\".").arg(secretKindId(kind), profile);
}

QString SecretMessages::failed(const QString &detail)
{
    return tr("The keychain reported an error: %1").arg(detail.isEmpty() ? tr("unknown error") : detail);
}

QString SecretMessages::promptDismissed()
{
    return tr("Not stored: the keychain did not keep the secret. If a keyring prompt appeared (to create or "
              "unlock the keyring), it was cancelled: save again and answer it, or untick storing secrets to "
              "save the settings without them.");
}

QString SecretMessages::fromBackendDetail(const QString &detail)
{
    // The texts libsecret, gnome-keyring and KWallet's Secret Service put into these errors, lower case.
    // Matched loosely because they are not a stable interface; an unknown text is passed on as the detail.
    struct Known
    {
        const char *fragment;
        QString (*message)();
    };
    static const Known known[] = {
        {"dismissed", &SecretMessages::promptDismissed},
        {"prompt was cancelled", &SecretMessages::promptDismissed},
        {"locked collection", &SecretMessages::locked},
        {"secret.error.islocked", &SecretMessages::locked},
        {"failed to unlock", &SecretMessages::locked},
        {"org.freedesktop.dbus.error.serviceunknown", &SecretMessages::noService},
        {"was not provided by any .service files", &SecretMessages::noService},
        {"cannot autolaunch d-bus", &SecretMessages::noDbusSession},
        {"dbus_session_bus_address", &SecretMessages::noDbusSession},
    };
    const QString lower = detail.toLower();
    for (const Known &k : known) {
        if (lower.contains(QLatin1String(k.fragment)))
            return k.message();
    }
    return failed(detail);
}

QString SecretMessages::invalidProfile()
{
    return tr("The profile name must not be empty and must not contain '/'.");
}

QString SecretMessages::emptyValue()
{
    return tr("An empty secret cannot be stored; remove the entry instead.");
}

QString SecretMessages::readBackMismatch()
{
    return tr("The keychain did not store the secret correctly: reading it back gave a different value. Try "
              "again, or check the keychain.");
}

QString SecretMessages::corruptEntry()
{
    return tr("The keychain entry is damaged (part of a split value is missing). Save the secret again.");
}

QString SecretMessages::forStatus(SecretStatus status, int timeoutMs)
{
    switch (status) {
    case SecretStatus::Ok:
        return QString();
    case SecretStatus::NotFound:
        return tr("No such entry in the keychain.");
    case SecretStatus::Locked:
        return locked();
    case SecretStatus::NoService:
        return noService();
    case SecretStatus::AccessDenied:
        return accessDenied();
    case SecretStatus::Timeout:
        return timeout(timeoutMs);
    case SecretStatus::Cancelled:
        return cancelled();
    case SecretStatus::Failed:
        break;
    }
    return failed(QString());
}

QString checkProfileName(const QString &profile)
{
    if (profile.isEmpty() || profile.contains(QLatin1Char('/')))
        return SecretMessages::invalidProfile();
    return QString();
}

QString secretEntryKey(const QString &profile, SecretKind kind)
{
    return profile + QLatin1Char('/') + secretKindId(kind);
}

void wipeBytes(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        bytes.fill('\0');
    bytes.clear();
}

} // namespace bp
