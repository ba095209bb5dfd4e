// SPDX-License-Identifier: Apache-2.0
#include "secrets/KeyringProbe.h"

#include "secrets/SecretMessages.h"

#ifdef BPSETUP_SECRET_SERVICE_PROBE
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QStringList>
#endif

namespace bp {

#ifdef BPSETUP_SECRET_SERVICE_PROBE
namespace {

const QString kSecretsService = QStringLiteral("org.freedesktop.secrets");

// QtKeychain 0.13 talks to KWallet directly (not through the Secret Service) on these desktops; mirror its
// detectDesktopEnvironment() so the Secret Service checks are not applied to a keychain it does not use.
bool desktopUsesKWallet()
{
    const QByteArray desktop = qgetenv("XDG_CURRENT_DESKTOP");
    const QByteArray session = qgetenv("DESKTOP_SESSION");
    const bool kde = desktop == "KDE" || (desktop.isEmpty() && (session == "kde" || session == "kde4"));
    const QByteArray version = qgetenv("KDE_SESSION_VERSION");
    return kde && (version == "4" || version == "5");
}

bool isNoAnswer(const QDBusError &error)
{
    return error.type() == QDBusError::NoReply || error.type() == QDBusError::Timeout ||
           error.type() == QDBusError::TimedOut;
}

using Done = std::function<void(const KeyringProbe::Answer &)>;

KeyringProbe::Answer decided(SecretStatus status, const QString &message, const QString &detail)
{
    KeyringProbe::Answer answer;
    answer.decided = true;
    answer.status = status;
    answer.message = message;
    answer.detail = detail;
    return answer;
}

// Sends one call and hands the reply to onReply, in context's thread.
void callAsync(QObject *context, const QDBusMessage &message, int timeoutMs,
               std::function<void(const QDBusMessage &)> onReply)
{
    QDBusPendingCallWatcher *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message, timeoutMs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [onReply = std::move(onReply)](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         onReply(w->reply());
                     });
}

QDBusMessage busCall(const QString &method)
{
    return QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                          QStringLiteral("/org/freedesktop/DBus"),
                                          QStringLiteral("org.freedesktop.DBus"), method);
}

void checkLocked(QObject *context, int timeoutMs, const Done &done)
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        kSecretsService, QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    callAsync(context, get, timeoutMs, [done, timeoutMs](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            const QDBusError error(reply);
            if (isNoAnswer(error)) {
                done(decided(SecretStatus::Timeout, SecretMessages::timeout(timeoutMs), error.message()));
                return;
            }
            // No default collection yet (a fresh account): QtKeychain creates or prompts for one.
            qCInfo(lcSecrets) << "no Locked property on the default collection:" << error.name();
            done(KeyringProbe::Answer());
            return;
        }
        const QVariant value = reply.arguments().value(0).value<QDBusVariant>().variant();
        if (value.toBool()) {
            done(decided(SecretStatus::Locked, SecretMessages::locked(),
                         QStringLiteral("default collection is locked")));
            return;
        }
        done(KeyringProbe::Answer());
    });
}

} // namespace

void KeyringProbe::run(QObject *context, int callTimeoutMs, std::function<void(const Answer &)> done)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        done(decided(SecretStatus::NoService, SecretMessages::noDbusSession(), bus.lastError().message()));
        return;
    }
    if (desktopUsesKWallet()) {
        done(Answer());
        return;
    }
    QDBusMessage hasOwner = busCall(QStringLiteral("NameHasOwner"));
    hasOwner << kSecretsService;
    Done shared = std::move(done);
    callAsync(context, hasOwner, callTimeoutMs, [context, callTimeoutMs, shared](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            const QDBusError error(reply);
            shared(decided(isNoAnswer(error) ? SecretStatus::Timeout : SecretStatus::NoService,
                           isNoAnswer(error) ? SecretMessages::timeout(callTimeoutMs)
                                             : SecretMessages::noDbusSession(),
                           error.message()));
            return;
        }
        if (reply.arguments().value(0).toBool()) {
            checkLocked(context, callTimeoutMs, shared);
            return;
        }
        // Not running: D-Bus starts it on the first call if it is installed (gnome-keyring ships an
        // activation file), so that also counts.
        callAsync(context, busCall(QStringLiteral("ListActivatableNames")), callTimeoutMs,
                  [context, callTimeoutMs, shared](const QDBusMessage &names) {
                      if (names.type() == QDBusMessage::ErrorMessage) {
                          const QDBusError error(names);
                          shared(decided(isNoAnswer(error) ? SecretStatus::Timeout : SecretStatus::NoService,
                                         isNoAnswer(error) ? SecretMessages::timeout(callTimeoutMs)
                                                           : SecretMessages::noService(),
                                         error.message()));
                          return;
                      }
                      if (!names.arguments().value(0).toStringList().contains(kSecretsService)) {
                          shared(decided(SecretStatus::NoService, SecretMessages::noService(),
                                         QStringLiteral("org.freedesktop.secrets is neither running nor "
                                                        "activatable")));
                          return;
                      }
                      checkLocked(context, callTimeoutMs, shared);
                  });
    });
}

QString KeyringProbe::backendName()
{
    return desktopUsesKWallet() ? QStringLiteral("KWallet")
                                : QStringLiteral("GNOME Keyring / Secret Service");
}

#else // no Secret Service: macOS, Windows

void KeyringProbe::run(QObject *context, int callTimeoutMs, std::function<void(const Answer &)> done)
{
    Q_UNUSED(context)
    Q_UNUSED(callTimeoutMs)
    done(Answer());
}

QString KeyringProbe::backendName()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("System keychain");
#endif
}

#endif

} // namespace bp
