// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "crypto/PrivateKey.h"
#include "errors/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QUrl>

namespace bp {

// Builds the RS256 JWT that IMS exchanges for a service-account token (adobe-ims.md §2.2): header
// {"alg":"RS256","typ":"JWT"}, claims exp (now + lifetime, integer seconds), iss (org id), sub (technical
// account id), aud (<ims>/c/<client id>), one "<ims>/s/<metascope>": true per metascope.
class ServiceAccountJwt
{
public:
    static QJsonObject claims(const Credential &credential, const QUrl &imsBaseUrl, const QDateTime &now,
                              int lifetimeSeconds = 300);
    static Result<QByteArray> sign(const QJsonObject &claims, const PrivateKey &key);
    static QByteArray base64Url(const QByteArray &data);
};

} // namespace bp
