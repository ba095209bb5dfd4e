// SPDX-License-Identifier: Apache-2.0
#include "cli/ProfileSupport.h"

#include <QEventLoop>

namespace bp::cli {

SecretStatus ProfileSupport::run(SecretJob *job, QString *message, SecretString *value)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(job, &SecretJob::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    job->start();
    if (!done)
        loop.exec();
    const SecretStatus status = job->status();
    if (message)
        *message = job->message();
    if (value && status == SecretStatus::Ok)
        *value = job->value();
    delete job;
    return status;
}

Result<bool> ProfileSupport::run(ProfileOperation *operation, QList<SecretKind> *written)
{
    QEventLoop loop;
    QObject::connect(operation, &ProfileOperation::finished, &loop, &QEventLoop::quit);
    operation->start();
    if (!operation->isFinished())
        loop.exec();
    const Result<bool> result = operation->result();
    if (written)
        *written = operation->written();
    delete operation;
    return result;
}

Result<std::optional<SecretString>> ProfileSupport::readSecret(SecretStore &store, const QString &profile,
                                                               SecretKind kind)
{
    QString message;
    SecretString value;
    const SecretStatus status = run(store.read(profile, kind), &message, &value);
    if (status == SecretStatus::Ok)
        return std::optional<SecretString>(value);
    if (status == SecretStatus::NotFound)
        return std::optional<SecretString>();
    return Error(ErrorCode::Keychain,
                 message.isEmpty() ? tr("The keychain did not answer (%1).").arg(secretStatusId(status))
                                   : message,
                 secretStatusId(status));
}

Result<Profile> ProfileSupport::loadProfile(ProfileStore &store, const QString &name, QStringList *warnings)
{
    const auto loaded = store.load();
    if (!loaded) {
        if (loaded.error().code != ErrorCode::Parse && loaded.error().code != ErrorCode::Unsupported)
            return loaded.error();
        if (warnings)
            *warnings << loaded.error().userMessage;
    }
    const auto profile = store.find(name);
    if (!profile) {
        QStringList names;
        for (const Profile &p : store.profiles())
            names << p.name;
        return Error(ErrorCode::InvalidInput,
                     names.isEmpty()
                         ? tr("There is no profile named \"%1\" (no profiles are saved yet; see bpsetup "
                              "profile save --help).")
                               .arg(name)
                         : tr("There is no profile named \"%1\". Saved profiles: %2.")
                               .arg(name, names.join(QLatin1String(", "))));
    }
    return *profile;
}

} // namespace bp::cli
