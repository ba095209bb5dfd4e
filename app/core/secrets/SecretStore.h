// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "secrets/SecretString.h"
#include "tasks/Task.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <memory>

namespace bp {

class Clock;

// What a secret is, for its keychain entry name ("bpsetup" service, account "<profile>/<kind>").
enum class SecretKind
{
    ClientSecret,
    ClientSecret2,
    PrivateKey,
    KeyPassphrase,
    AemPassword,
    AemToken
};

// How the keychain answered. A locked or refused read is never reported as NotFound, and never leads to
// an overwrite of what is stored.
enum class SecretStatus
{
    Ok,
    NotFound,     // the keychain works and has no such entry
    Locked,       // the keychain (login keyring) is locked, or the user refused to unlock it
    NoService,    // no keychain service at all (no D-Bus session, no gnome-keyring/KWallet)
    AccessDenied, // the keychain refused this program
    Timeout,      // no answer in time (a hidden unlock prompt, a hung service)
    Cancelled,    // the job was cancelled before the keychain answered
    Failed,       // anything else, with detail
};

QString secretKindId(SecretKind kind); // "clientSecret", "clientSecret2", "privateKey", ...
QString
secretStatusId(SecretStatus status); // "ok", "not-found", "locked", "no-service", "access-denied", ...
// The one place a keychain answer becomes the core's Error: code Keychain (Cancelled for a cancelled job),
// id "keychain-<status>", the message, and what to do.
Error errorFromSecretStatus(SecretStatus status, const QString &message);

// One keychain operation, as a Task: it succeeds when the keychain answered definitively (Ok, or NotFound
// for a read), and fails with errorFromSecretStatus() otherwise. status() keeps the keychain's own answer.
class SecretJob : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    ~SecretJob() override = default;

    SecretStatus status() const { return m_status; }
    // Translated: what happened and what to do next (e.g. "unlock the login keyring", "install
    // gnome-keyring").
    const QString &message() const { return m_message; }
    // read(): the value when status() == Ok. Cleared when the job is destroyed.
    const SecretString &value() const { return m_value; }

protected:
    void complete(SecretStatus status, const QString &message, SecretString value = SecretString());
    bool abort() override;

private:
    SecretStatus m_status = SecretStatus::Failed;
    QString m_message;
    SecretString m_value;
    bool m_done = false;
};

// Secrets live only in the OS keychain (QtKeychain): GNOME Keyring/KWallet via libsecret, macOS Keychain,
// Windows Credential Manager. Jobs are created unstarted and owned by the caller.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SecretStore() override = default;

    // The clock for every job's deadline (and a test store's answer delays). Default: the system clock.
    void setClock(Clock &clock) { m_clock = &clock; }
    Clock &clock() const { return *m_clock; }

    // Checks, with a timeout, that the keychain can be used: Ok, Locked, NoService, AccessDenied, Timeout.
    virtual SecretJob *probe() = 0;
    virtual SecretJob *read(const QString &profile, SecretKind kind) = 0;
    // Writes, then reads back and compares; a mismatch is Failed. Refuses (Locked) when the keychain is
    // locked.
    virtual SecretJob *write(const QString &profile, SecretKind kind, const SecretString &value) = 0;
    // NotFound counts as success for remove.
    virtual SecretJob *remove(const QString &profile, SecretKind kind) = 0;
    // For people: "GNOME Keyring", "macOS Keychain", "Windows Credential Manager", ...
    virtual QString backendName() const = 0;

    // The real keychain (QtKeychain). timeoutMs bounds every operation.
    static std::unique_ptr<SecretStore> createSystemStore(int timeoutMs = 10000);

private:
    static Clock *systemClock();
    Clock *m_clock = systemClock();
};

} // namespace bp
