// SPDX-License-Identifier: Apache-2.0
#include "services/SavedConnection.h"

#include "profiles/ProfileCredential.h"
#include "profiles/ProfileManager.h"
#include "time/Clock.h"

namespace bp {

SavedConnectionLoader::SavedConnectionLoader(ProfileManager *manager, QString name, QList<SecretKind> kinds,
                                             Clock &clock, QObject *parent)
    : Task(parent), m_manager(manager), m_name(std::move(name)), m_kinds(std::move(kinds)), m_clock(&clock)
{
}

void SavedConnectionLoader::run()
{
    const Result<Profile> profile = m_manager->find(m_name);
    if (!profile) {
        fail(profile.error());
        return;
    }
    m_result.profile = profile.value();
    m_result.connection.baseUrl = m_result.profile.aemUrl;
    m_result.connection.user = m_result.profile.aemUser;
    m_result.imsUrl = m_result.profile.imsUrl;
    m_result.credential = ProfileCredential::fromProfile(m_result.profile, m_clock->today());
    if (m_kinds.isEmpty()) {
        succeed();
        return;
    }
    ProfileOperation *read = m_manager->readSecrets(m_name, m_kinds);
    read->setParent(this);
    m_read = read;
    connect(read, &Task::finished, this, [this, read] {
        if (!isRunning())
            return;
        if (!read->succeeded()) {
            fail(read->error());
            return;
        }
        const auto &secrets = read->secrets();
        m_result.stored = secrets.keys();
        m_result.connection.password = secrets.value(SecretKind::AemPassword);
        m_result.connection.bearerToken = secrets.value(SecretKind::AemToken);
        ProfileCredential::addSecrets(m_result.credential, secrets);
        m_result.privateKeyPem = secrets.value(SecretKind::PrivateKey);
        m_result.keyPassphrase = secrets.value(SecretKind::KeyPassphrase);
        read->deleteLater();
        succeed();
    });
    read->start();
}

bool SavedConnectionLoader::abort()
{
    if (ProfileOperation *read = m_read) {
        read->disconnect(this);
        read->cancel();
    }
    return false;
}

} // namespace bp
