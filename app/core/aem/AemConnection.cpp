// SPDX-License-Identifier: Apache-2.0
#include "aem/AemConnection.h"

#include "time/Clock.h"

namespace bp {

Result<std::unique_ptr<HttpClient>> makeAemClient(const AemConnection &connection, WritePolicy policy,
                                                  Clock &clock)
{
    auto client = std::make_unique<HttpClient>(clock);
    if (const auto applied = client->setNetworkSettings(connection.network); !applied)
        return applied.error();
    client->setPeerKind(PeerKind::Aem);
    client->setWritePolicy(policy);
    client->setOrigin(connection.baseUrl);
    if (!connection.bearerToken.isEmpty())
        client->setBearerToken(connection.bearerToken);
    else if (!connection.user.isEmpty())
        client->setBasicAuth(connection.user, connection.password);
    return client;
}

} // namespace bp
