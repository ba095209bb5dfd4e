// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bp {

// Everything non-secret about one connection. Secrets (AEM password/token, client secrets, private key,
// passphrase) are in the keychain under the profile's name, never here.
struct Profile
{
    QString name;
    QUrl aemUrl;
    QString aemUser;
    QString deployment; // last seen: "cloud", "6.5", "6.5-lts"
    QString version;    // last seen
    QString tenant;
    QUrl imsUrl;
    QString credentialKind; // "oauth-s2s", "jwt" or empty
    QString clientId;
    QString orgId;
    QStringList scopes;
    QString technicalAccountId;
    QStringList metascopes;
    QString pinnedSha256; // the AEM server certificate the user trusted, if any
    QDateTime created;
    QDateTime modified;
    QDateTime lastUsed;

    QJsonObject toJson() const;
    static Profile fromJson(const QJsonObject &json);
};

} // namespace bp
