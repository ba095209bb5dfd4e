// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimCrypto.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bp::sim {

// One Developer Console credential registered with the simulated IMS.
struct SimImsClient
{
    enum class Kind
    {
        OAuthServerToServer, // client credentials at /ims/token/v2 and /ims/token/v3
        ServiceAccountJwt,   // JWT exchange at /ims/exchange/jwt
    };

    Kind kind = Kind::OAuthServerToServer;
    QString clientId;
    QStringList secrets; // S2S: at most two, like the Developer Console allows; JWT: exactly one
    QStringList scopes;  // S2S only: plain IMS scope names
    QString orgId;
    QString technicalAccountId;
    QString technicalAccountEmail;
    QStringList metascopes;             // JWT only: short names (ent_..._sdk), as in the console download
    QList<SimCertificate> certificates; // JWT only: the uploaded public certificates ("bindings")
};

} // namespace bp::sim
