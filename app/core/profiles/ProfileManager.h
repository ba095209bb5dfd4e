// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "profiles/ProfileStore.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>

#include <functional>

namespace bp {

// One profile operation across the settings file and the keychain: the keychain steps run one after
// another (asynchronously), the settings file is written only when they all succeeded, and the first
// failure stops it. finished() is emitted exactly once.
class ProfileOperation : public QObject
{
    Q_OBJECT
public:
    ~ProfileOperation() override;
    void start();
    bool isFinished() const { return m_finished; }
    const Result<bool> &result() const { return m_result; }
    // readSecrets(): what was found (absent kinds were not stored). Cleared with the operation.
    const QMap<SecretKind, SecretString> &secrets() const { return m_found; }
    // save(): the kinds written to the keychain.
    const QList<SecretKind> &written() const { return m_written; }

signals:
    void finished();

private:
    friend class ProfileManager;
    using Step = std::function<SecretJob *()>;
    using Check = std::function<bool(SecretJob *)>; // false stops the operation (m_result set by the check)
    explicit ProfileOperation(QObject *parent) : QObject(parent) {}
    void next();
    void finish(Result<bool> result);

    QList<QPair<Step, Check>> m_steps;
    std::function<Result<bool>()> m_commit; // runs after the keychain steps (writes the settings file)
    SecretJob *m_job = nullptr;
    Result<bool> m_result{Error(ErrorCode::Internal, QString(), QStringLiteral("not run"))};
    QMap<SecretKind, SecretString> m_found;
    QList<SecretKind> m_written;
    bool m_started = false;
    bool m_finished = false;
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

    // Operations are created unstarted and parented to this manager; delete them when done.
    // Probes the keychain, writes every secret (verified by read-back), then the settings file.
    ProfileOperation *save(const Profile &profile, const QList<QPair<SecretKind, SecretString>> &secrets);
    // Removes every keychain entry of the profile, then the profile. A locked keychain keeps both.
    ProfileOperation *remove(const QString &name);
    // Copies the secrets to the new name, renames in the settings file, then removes the old entries.
    ProfileOperation *rename(const QString &from, const QString &to);
    // Reads the given kinds; NotFound is "not stored"; Locked, NoService, ... fail the operation.
    ProfileOperation *readSecrets(const QString &name, const QList<SecretKind> &kinds);

private:
    ProfileOperation *create();
    SecretStore *m_secrets;
    QString m_path;
};

} // namespace bp
