// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"
#include "sim/SimImsClient.h"

#include <QUrl>

namespace bp::sim {

// The simulated Adobe IMS: OIDC discovery and the OAuth S2S token endpoint (/ims/token/v3) with the error
// answers the domain notes list. The JWT exchange is deliberately not simulated yet (404).
class SimImsHandler
{
public:
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    void addClient(const SimImsClient &client) { m_clients.append(client); }
    const QList<SimImsClient> &clients() const { return m_clients; }

    SimHttpResponse handle(const SimHttpRequest &request) const;

private:
    SimHttpResponse discovery() const;
    SimHttpResponse token(const SimHttpRequest &request) const;
    static SimHttpResponse error(int status, const QString &code, const QString &description);
    QByteArray accessToken(const SimImsClient &client, const QStringList &scopes) const;
    QString base() const;

    QUrl m_baseUrl;
    QList<SimImsClient> m_clients;
};

} // namespace bp::sim
