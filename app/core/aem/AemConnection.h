// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "net/HttpClient.h"
#include "net/NetworkSettings.h"
#include "secrets/SecretString.h"

#include <QUrl>

#include <memory>

namespace bp {

class Clock;

// Everything needed to talk to one AEM author. Its network settings are its own: clients made from it never
// share a proxy, CA list or pin with another connection.
struct AemConnection
{
    QUrl baseUrl;
    QString user;
    SecretString password;
    SecretString bearerToken; // Cloud Service: a developer/local token instead of a password
    NetworkSettings network;
};

// An HttpClient for this connection: credentials only ever sent to its origin, its network settings, the
// given write policy. InvalidInput for an unreadable CA file or a bad proxy.
Result<std::unique_ptr<HttpClient>> makeAemClient(const AemConnection &connection, WritePolicy policy,
                                                  Clock &clock);

} // namespace bp
