// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimConfigMgr.h"
#include "sim/SimCryptoSupport.h"
#include "sim/SimFailSteps.h"
#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"
#include "sim/SimPackageManager.h"
#include "sim/SimReplicationAgents.h"
#include "sim/SimSlingPost.h"

#include <QSet>

namespace bp::sim {

struct SimulatorOptions;
class SimRepository;

// Routes requests to the simulated AEM author: dispatcher filter, faults, login page, authentication,
// CSRF, the version/package endpoints and Sling JSON rendering of the repository.
class SimAemHandler
{
public:
    SimAemHandler(const SimulatorOptions &options, SimRepository &repository);

    // authenticated is set to whether the request carried valid credentials (for the request log).
    SimHttpResponse handle(const SimHttpRequest &request, bool *authenticated);

    const SimCryptoSupport &cryptoSupport() const { return m_cryptoSupport; }
    SimCryptoSupport &cryptoSupport() { return m_cryptoSupport; }
    SimConfigMgr &configMgr() { return m_configMgr; }
    const SimPackageManager &packageManager() const { return m_packages; }
    // How the agent connection test asks the simulated IMS whether a client id and secret are registered.
    void setCredentialCheck(SimReplicationAgents::CredentialCheck check)
    {
        m_agents.setCredentialCheck(std::move(check));
    }

    // Pending items on the Brand Portal agents' queues (see SimReplicationAgents::addPendingItems).
    void addQueueItems(int n) { m_agents.addPendingItems(n); }
    void setQueueDrain(int perRead) { m_agents.setDrainPerRead(perRead); }
    void blockFirstQueue() { m_agents.blockFirstQueue(); }

private:
    enum class Auth
    {
        Missing,
        Valid,
        Invalid
    };

    Auth checkAuth(const SimHttpRequest &request) const;
    SimHttpResponse faultResponse(const SimHttpRequest &request, bool *handled) const;
    SimHttpResponse challenge(const QString &path) const;
    SimHttpResponse unauthenticated(const QString &path) const;
    SimHttpResponse loginRedirect(const QString &path) const;
    SimHttpResponse route(const SimHttpRequest &request);
    SimHttpResponse csrfToken();
    SimHttpResponse slingGet(const QString &path) const;
    bool isCloud() const;
    QString oauthUnavailable() const;

    const SimulatorOptions &m_options;
    SimRepository &m_repository;
    QSet<QByteArray> m_csrfTokens; // every token issued in this run stays valid
    SimFailSteps m_failSteps;
    SimConfigMgr m_configMgr;
    SimCryptoSupport m_cryptoSupport;
    SimSlingPost m_slingPost;
    SimReplicationAgents m_agents;
    SimPackageManager m_packages;
};

} // namespace bp::sim
