// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "credentials/Credential.h"
#include "profiles/Profile.h"
#include "secrets/SecretStore.h"
#include "tasks/Task.h"

#include <QPointer>
#include <QUrl>

namespace bp {

class Clock;
class ProfileManager;
class ProfileOperation;

// A saved connection made usable: the profile, the AEM connection it describes (address, user, password or
// token from the keychain, the profile's pinned certificate), its credential with the client secrets, the
// JWT key material and the IMS address.
struct SavedConnection
{
    Profile profile;
    AemConnection connection;
    Credential credential;
    SecretString privateKeyPem;
    SecretString keyPassphrase;
    QUrl imsUrl;              // empty: the default
    QList<SecretKind> stored; // which secrets the keychain had
};

// The one flow that turns a profile name into a SavedConnection, for the CLI's --profile and the wizard's
// saved connections. A Task: fails with the profiles file's or the keychain's error (a locked keychain is an
// error, never "no password"), InvalidInput for an unknown profile.
class SavedConnectionLoader : public Task
{
    Q_OBJECT
public:
    SavedConnectionLoader(ProfileManager *manager, QString name, QList<SecretKind> kinds, Clock &clock,
                          QObject *parent = nullptr);

    const SavedConnection &result() const { return m_result; }

protected:
    void run() override;
    bool abort() override;

private:
    ProfileManager *m_manager;
    QString m_name;
    QList<SecretKind> m_kinds;
    Clock *m_clock;
    QPointer<ProfileOperation> m_read;
    SavedConnection m_result;
};

} // namespace bp
