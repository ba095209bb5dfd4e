// SPDX-License-Identifier: Apache-2.0
#include "profiles/ProfileManager.h"

namespace bp {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("bp::ProfileManager", text);
}

Error keychainError(SecretJob *job)
{
    return Error(ErrorCode::Keychain,
                 job->message().isEmpty() ? tr("The keychain did not answer.") : job->message(),
                 secretStatusId(job->status()));
}
} // namespace

ProfileOperation::~ProfileOperation()
{
    if (m_job)
        m_job->disconnect(this);
    delete m_job;
}

void ProfileOperation::start()
{
    if (m_started)
        return;
    m_started = true;
    // Asynchronous from the first step on, so finished() never fires inside start().
    QMetaObject::invokeMethod(this, &ProfileOperation::next, Qt::QueuedConnection);
}

void ProfileOperation::next()
{
    if (m_finished)
        return;
    if (m_steps.isEmpty()) {
        finish(m_commit ? m_commit() : Result<bool>(true));
        return;
    }
    const auto step = m_steps.takeFirst();
    m_job = step.first();
    connect(m_job, &SecretJob::finished, this, [this, check = step.second] {
        SecretJob *job = m_job;
        m_job = nullptr;
        const bool go = check(job);
        job->deleteLater();
        if (go)
            next();
    });
    m_job->start();
}

void ProfileOperation::finish(Result<bool> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    emit finished();
}

const QList<SecretKind> &ProfileManager::allSecretKinds()
{
    static const QList<SecretKind> kinds{SecretKind::AemPassword,  SecretKind::AemToken,
                                         SecretKind::ClientSecret, SecretKind::ClientSecret2,
                                         SecretKind::PrivateKey,   SecretKind::KeyPassphrase};
    return kinds;
}

ProfileManager::ProfileManager(SecretStore *secrets, QString profilesPath, QObject *parent)
    : QObject(parent), m_secrets(secrets), m_path(std::move(profilesPath))
{
}

ProfileOperation *ProfileManager::create()
{
    return new ProfileOperation(this);
}

ProfileOperation *ProfileManager::save(const Profile &profile,
                                       const QList<QPair<SecretKind, SecretString>> &secrets)
{
    ProfileOperation *op = create();
    const QString name = profile.name;
    if (const auto valid = ProfileStore::validateName(name); !valid) {
        op->m_commit = [e = valid.error()] { return Result<bool>(e); };
        return op;
    }
    if (!secrets.isEmpty()) {
        // A locked or missing keychain stops everything before the first write.
        op->m_steps.append({[this] { return m_secrets->probe(); },
                            [op](SecretJob *job) {
                                if (job->status() == SecretStatus::Ok)
                                    return true;
                                op->finish(Error(ErrorCode::Keychain,
                                                 tr("Nothing was saved: %1").arg(job->message()),
                                                 secretStatusId(job->status())));
                                return false;
                            }});
    }
    for (const auto &secret : secrets) {
        const SecretKind kind = secret.first;
        const SecretString value = secret.second;
        op->m_steps.append({[this, name, kind, value] { return m_secrets->write(name, kind, value); },
                            [op, kind](SecretJob *job) {
                                if (job->status() == SecretStatus::Ok) {
                                    op->m_written << kind;
                                    return true;
                                }
                                op->finish(keychainError(job));
                                return false;
                            }});
    }
    op->m_commit = [path = m_path, profile]() -> Result<bool> {
        ProfileStore store(path);
        if (const auto loaded = store.load(); !loaded && loaded.error().code == ErrorCode::Unsupported)
            return loaded.error();
        store.upsert(profile);
        return store.save();
    };
    return op;
}

ProfileOperation *ProfileManager::remove(const QString &name)
{
    ProfileOperation *op = create();
    for (SecretKind kind : allSecretKinds()) {
        op->m_steps.append({[this, name, kind] { return m_secrets->remove(name, kind); },
                            [op](SecretJob *job) {
                                if (job->status() == SecretStatus::Ok)
                                    return true;
                                op->finish(Error(ErrorCode::Keychain,
                                                 tr("The profile was kept, because its secrets could not be "
                                                    "removed: %1")
                                                     .arg(job->message()),
                                                 secretStatusId(job->status())));
                                return false;
                            }});
    }
    op->m_commit = [path = m_path, name]() -> Result<bool> {
        ProfileStore store(path);
        if (const auto loaded = store.load(); !loaded && loaded.error().code == ErrorCode::Unsupported)
            return loaded.error();
        store.remove(name);
        return store.save();
    };
    return op;
}

ProfileOperation *ProfileManager::rename(const QString &from, const QString &to)
{
    ProfileOperation *op = create();
    {
        ProfileStore store(m_path);
        store.load();
        if (!store.find(from)) {
            op->m_commit = [from] {
                return Result<bool>(
                    Error(ErrorCode::InvalidInput, tr("There is no profile named \"%1\".").arg(from)));
            };
            return op;
        }
        if (const auto check = ProfileStore(store).rename(from, to); !check) {
            op->m_commit = [e = check.error()] { return Result<bool>(e); };
            return op;
        }
    }
    for (SecretKind kind : allSecretKinds()) {
        // Read the old entry, and write it under the new name when there is one.
        op->m_steps.append({[this, from, kind] { return m_secrets->read(from, kind); },
                            [this, op, to, kind](SecretJob *job) {
                                if (job->status() == SecretStatus::NotFound)
                                    return true;
                                if (job->status() != SecretStatus::Ok) {
                                    op->finish(keychainError(job));
                                    return false;
                                }
                                const SecretString value = job->value();
                                op->m_steps.prepend(
                                    {[this, to, kind, value] { return m_secrets->write(to, kind, value); },
                                     [op](SecretJob *write) {
                                         if (write->status() == SecretStatus::Ok)
                                             return true;
                                         op->finish(keychainError(write));
                                         return false;
                                     }});
                                return true;
                            }});
    }
    op->m_commit = [this, path = m_path, from, to]() -> Result<bool> {
        ProfileStore store(path);
        if (const auto loaded = store.load(); !loaded && loaded.error().code == ErrorCode::Unsupported)
            return loaded.error();
        if (const auto renamed = store.rename(from, to); !renamed)
            return renamed;
        if (const auto saved = store.save(); !saved)
            return saved;
        // The old entries go last, once the new name is in place; a failure here leaves harmless copies.
        for (SecretKind kind : allSecretKinds()) {
            SecretJob *job = m_secrets->remove(from, kind);
            job->setParent(this);
            connect(job, &SecretJob::finished, job, &QObject::deleteLater);
            job->start();
        }
        return true;
    };
    return op;
}

ProfileOperation *ProfileManager::readSecrets(const QString &name, const QList<SecretKind> &kinds)
{
    ProfileOperation *op = create();
    for (SecretKind kind : kinds) {
        op->m_steps.append({[this, name, kind] { return m_secrets->read(name, kind); },
                            [op, kind](SecretJob *job) {
                                if (job->status() == SecretStatus::Ok)
                                    op->m_found.insert(kind, job->value());
                                else if (job->status() != SecretStatus::NotFound) {
                                    op->finish(keychainError(job));
                                    return false;
                                }
                                return true;
                            }});
    }
    return op;
}

} // namespace bp
