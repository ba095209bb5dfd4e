// SPDX-License-Identifier: Apache-2.0
#include "profiles/ProfileManager.h"

#include "tasks/FunctionTask.h"
#include "time/Clock.h"

namespace bp {

Result<bool> ProfileOperation::result() const
{
    if (succeeded())
        return true;
    if (!isFinished())
        return Error(ErrorCode::Internal, QString(), QStringLiteral("not finished"));
    return error();
}

const QList<SecretKind> &ProfileManager::allSecretKinds()
{
    static const QList<SecretKind> kinds{SecretKind::AemPassword,  SecretKind::AemToken,
                                         SecretKind::ClientSecret, SecretKind::ClientSecret2,
                                         SecretKind::PrivateKey,   SecretKind::KeyPassphrase};
    return kinds;
}

ProfileManager::ProfileManager(SecretStore *secrets, QString profilesPath, QObject *parent)
    : QObject(parent), m_secrets(secrets), m_path(std::move(profilesPath)), m_clock(&Clock::system())
{
}

ProfileStore ProfileManager::makeStore() const
{
    return ProfileStore(m_path, *m_clock);
}

Result<ProfileStore> ProfileManager::loadWritable() const
{
    ProfileStore store = makeStore();
    const Result<bool> loaded = store.load();
    if (!store.isWritable())
        return loaded.ok() ? Error(ErrorCode::Storage, tr("The profiles file cannot be written."))
                           : loaded.error();
    return store;
}

Result<bool> ProfileManager::requireWritable() const
{
    const auto loaded = loadWritable();
    if (!loaded.ok())
        return loaded.error();
    return true;
}

ProfileList ProfileManager::list() const
{
    ProfileStore store = makeStore();
    const Result<bool> loaded = store.load();
    ProfileList out;
    out.profiles = store.profiles();
    out.readOnly = store.isReadOnly();
    out.movedAside = store.movedAsidePath();
    if (!loaded)
        out.problem = loaded.error();
    return out;
}

Result<Profile> ProfileManager::find(const QString &name) const
{
    const ProfileList all = list();
    for (const Profile &p : all.profiles) {
        if (p.name == name)
            return p;
    }
    QStringList names;
    for (const Profile &p : all.profiles)
        names << p.name;
    if (all.problem.code == ErrorCode::Storage || all.problem.id == QLatin1String("profiles-damaged-kept"))
        return all.problem;
    return Error(ErrorCode::InvalidInput,
                 names.isEmpty()
                     ? tr("There is no profile named \"%1\" (no profiles are saved yet; see bpsetup "
                          "profile save --help).")
                           .arg(name)
                     : tr("There is no profile named \"%1\". Saved profiles: %2.")
                           .arg(name, names.join(QLatin1String(", "))))
        .withId(QStringLiteral("profile-unknown"));
}

ProfileOperation *ProfileManager::create()
{
    return new ProfileOperation(this);
}

void ProfileManager::addRead(ProfileOperation *op, const QString &profile, SecretKind kind, bool keep)
{
    SecretJob *job = m_secrets->read(profile, kind);
    const auto state = op->m_state;
    connect(job, &Task::finished, op, [job, state, kind, keep] {
        if (keep && job->status() == SecretStatus::Ok)
            state->found.insert(kind, job->value());
    });
    op->addTask(job);
}

Task *ProfileManager::restoreTask(const std::shared_ptr<ProfileOperation::State> &before,
                                  const QString &profile, SecretKind kind)
{
    const auto it = before->found.constFind(kind);
    if (it != before->found.constEnd())
        return m_secrets->write(profile, kind, it.value());
    return m_secrets->remove(profile, kind);
}

ProfileOperation *ProfileManager::save(const Profile &profile,
                                       const QList<QPair<SecretKind, SecretString>> &secrets)
{
    ProfileOperation *op = create();
    const QString name = profile.name;
    if (const auto valid = ProfileStore::validateName(name); !valid) {
        op->addTask(new FunctionTask([e = valid.error()] { return Result<bool>(e); }));
        return op;
    }
    // The settings file must be writable before anything goes to the keychain.
    op->addTask(new FunctionTask([this] { return requireWritable(); }));
    if (!secrets.isEmpty()) {
        // A locked or missing keychain stops everything before the first write.
        op->addTask(m_secrets->probe());
    }
    // What each entry held before, for the undo.
    auto before = std::make_shared<ProfileOperation::State>();
    for (const auto &secret : secrets) {
        const SecretKind kind = secret.first;
        const SecretString value = secret.second;
        SecretJob *read = m_secrets->read(name, kind);
        connect(read, &Task::finished, op, [read, before, kind] {
            if (read->status() == SecretStatus::Ok)
                before->found.insert(kind, read->value());
        });
        op->addTask(read);
        SecretJob *write = m_secrets->write(name, kind, value);
        const auto state = op->m_state;
        connect(write, &Task::finished, op, [write, state, kind] {
            if (write->succeeded())
                state->written << kind;
        });
        // Undone also when the write itself failed: a write that failed its read-back may have landed.
        op->addTask(
            write,
            [this, before, name, kind, state = op->m_state]() {
                state->written.removeAll(kind);
                return restoreTask(before, name, kind);
            },
            SequentialTask::UndoWhen::Started);
    }
    op->addTask(new FunctionTask([this, profile] {
        ProfileStore store = makeStore();
        if (const auto loaded = store.load(); !loaded && !store.isWritable())
            return Result<bool>(loaded.error());
        store.upsert(profile);
        return store.save();
    }));
    return op;
}

ProfileOperation *ProfileManager::remove(const QString &name)
{
    ProfileOperation *op = create();
    op->addTask(new FunctionTask([this] { return requireWritable(); }));
    auto before = std::make_shared<ProfileOperation::State>();
    for (SecretKind kind : allSecretKinds()) {
        SecretJob *read = m_secrets->read(name, kind);
        connect(read, &Task::finished, op, [read, before, kind] {
            if (read->status() == SecretStatus::Ok)
                before->found.insert(kind, read->value());
        });
        op->addTask(read);
        op->addTask(m_secrets->remove(name, kind), [this, before, name, kind]() -> Task * {
            // Only what was there comes back.
            const auto it = before->found.constFind(kind);
            return it == before->found.constEnd() ? nullptr : m_secrets->write(name, kind, it.value());
        });
    }
    op->addTask(new FunctionTask([this, name] {
        ProfileStore store = makeStore();
        if (const auto loaded = store.load(); !loaded && !store.isWritable())
            return Result<bool>(loaded.error());
        store.remove(name);
        return store.save();
    }));
    return op;
}

ProfileOperation *ProfileManager::rename(const QString &from, const QString &to)
{
    ProfileOperation *op = create();
    op->addTask(new FunctionTask([this, from, to] {
        auto loaded = loadWritable();
        if (!loaded.ok())
            return Result<bool>(loaded.error());
        ProfileStore &store = loaded.value();
        if (!store.find(from))
            return Result<bool>(
                Error(ErrorCode::InvalidInput, tr("There is no profile named \"%1\".").arg(from))
                    .withId(QStringLiteral("profile-unknown")));
        return store.rename(from, to); // checks the new name on a copy; nothing is saved yet
    }));
    auto old = std::make_shared<ProfileOperation::State>();
    for (SecretKind kind : allSecretKinds()) {
        SecretJob *read = m_secrets->read(from, kind);
        connect(read, &Task::finished, op, [read, old, kind] {
            if (read->status() == SecretStatus::Ok)
                old->found.insert(kind, read->value());
        });
        op->addTask(read);
        // Written under the new name only when there was something; undone by removing the copy.
        op->addTask(new LazyTask([this, old, to, kind]() -> Task * {
                        const auto it = old->found.constFind(kind);
                        return it == old->found.constEnd() ? nullptr : m_secrets->write(to, kind, it.value());
                    }),
                    [this, old, to, kind]() -> Task * {
                        return old->found.contains(kind) ? m_secrets->remove(to, kind) : nullptr;
                    });
    }
    op->addTask(new FunctionTask([this, from, to] {
        ProfileStore store = makeStore();
        if (const auto loaded = store.load(); !loaded && !store.isWritable())
            return Result<bool>(loaded.error());
        if (const auto renamed = store.rename(from, to); !renamed)
            return renamed;
        return store.save();
    }));
    // The old entries go last, once the new name is in place; a failure here leaves harmless copies, so it
    // does not fail the rename.
    for (SecretKind kind : allSecretKinds()) {
        op->addTask(new LazyTask([this, old, from, kind]() -> Task * {
            return old->found.contains(kind) ? new OptionalTask(m_secrets->remove(from, kind)) : nullptr;
        }));
    }
    return op;
}

ProfileOperation *ProfileManager::readSecrets(const QString &name, const QList<SecretKind> &kinds)
{
    ProfileOperation *op = create();
    for (SecretKind kind : kinds)
        addRead(op, name, kind, true);
    return op;
}

ProfileOperation *ProfileManager::checkSecrets(const QString &name)
{
    ProfileOperation *op = create();
    for (SecretKind kind : allSecretKinds()) {
        SecretJob *job = m_secrets->read(name, kind);
        const auto state = op->m_state;
        // Only whether there is an entry; the value goes with the job.
        connect(job, &Task::finished, op, [job, state, kind] {
            if (job->status() == SecretStatus::Ok)
                state->stored << kind;
        });
        op->addTask(job);
    }
    return op;
}

} // namespace bp
