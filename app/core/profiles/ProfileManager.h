// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "profiles/ProfileStore.h"
#include "secrets/SecretStore.h"
#include "tasks/CompositeTasks.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>

#include <memory>

namespace bp {

class Clock;

// One profile operation across the settings file and the keychain, as a SequentialTask: the keychain steps
// run one after another, the settings file is written last, and the first failure stops it. Every keychain
// write is undone when a later step fails (the value stored before comes back, or the new entry goes), so a
// failed save or delete leaves the keychain as it was. finished() is emitted exactly once.
class ProfileOperation : public SequentialTask
{
    Q_OBJECT
public:
    // The outcome: true, or why it stopped.
    Result<bool> result() const;
    // readSecrets(): what was found (absent kinds were not stored). Cleared with the operation.
    const QMap<SecretKind, SecretString> &secrets() const { return m_state->found; }
    // save(): the kinds written to the keychain (and kept).
    const QList<SecretKind> &written() const { return m_state->written; }
    // checkSecrets(): the kinds the keychain holds for the profile, in allSecretKinds() order.
    const QList<SecretKind> &stored() const { return m_state->stored; }

private:
    friend class ProfileManager;
    struct State
    {
        QMap<SecretKind, SecretString> found;
        QList<SecretKind> written;
        QList<SecretKind> stored;
    };
    explicit ProfileOperation(QObject *parent) : SequentialTask(parent), m_state(std::make_shared<State>()) {}
    std::shared_ptr<State> m_state;
};

// Everything the profiles file held, and whether it could be read as it is.
struct ProfileList
{
    QList<Profile> profiles;
    Error problem; // damaged (kept aside), unreadable, newer; None when all is well
    bool readOnly = false;
    QString movedAside; // where a damaged file was kept
};

// Profiles with their secrets: the one service behind `bpsetup profile ...` and the wizard.
class ProfileManager : public QObject
{
    Q_OBJECT
public:
    static const QList<SecretKind> &allSecretKinds();

    ProfileManager(SecretStore *secrets, QString profilesPath = ProfileStore::defaultPath(),
                   QObject *parent = nullptr);

    SecretStore *secretStore() const { return m_secrets; }
    const QString &profilesPath() const { return m_path; }
    void setClock(Clock &clock) { m_clock = &clock; }

    // Reads the profiles file (moving a damaged one aside, as ProfileStore does).
    ProfileList list() const;
    // One profile by name, or InvalidInput naming the saved ones.
    Result<Profile> find(const QString &name) const;

    // Operations are created unstarted and parented to this manager; deleteLater() them when done.
    // Probes the keychain, writes every secret (verified by read-back), then the settings file; a failure
    // restores what the keychain held before.
    ProfileOperation *save(const Profile &profile, const QList<QPair<SecretKind, SecretString>> &secrets);
    // Removes every keychain entry of the profile, then the profile. A locked keychain keeps both; a settings
    // file that cannot be written puts the secrets back.
    ProfileOperation *remove(const QString &name);
    // Copies the secrets to the new name, renames in the settings file, then removes the old entries.
    ProfileOperation *rename(const QString &from, const QString &to);
    // Reads the given kinds; NotFound is "not stored"; Locked, NoService, ... fail the operation.
    ProfileOperation *readSecrets(const QString &name, const QList<SecretKind> &kinds);
    // Asks the keychain which of the profile's secrets it really holds (stored()), keeping no value; a
    // locked or unusable keychain fails the operation rather than reporting "not stored".
    ProfileOperation *checkSecrets(const QString &name);

private:
    ProfileOperation *create();
    // Reads kind (keeping the value in state->found[kind], or recording that there was none), as a step.
    void addRead(ProfileOperation *op, const QString &profile, SecretKind kind, bool keep);
    // Undo of a write/remove of (profile, kind): writes back what was read before, or removes the entry.
    Task *restoreTask(const std::shared_ptr<ProfileOperation::State> &before, const QString &profile,
                      SecretKind kind);
    ProfileStore makeStore() const;
    // The profiles file loaded, or why it must not be written (checked before anything goes to the keychain).
    Result<ProfileStore> loadWritable() const;
    Result<bool> requireWritable() const;

    SecretStore *m_secrets;
    QString m_path;
    Clock *m_clock;
};

} // namespace bp
