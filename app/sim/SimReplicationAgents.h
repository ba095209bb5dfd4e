// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimConfigMgr.h"
#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QString>

#include <functional>
#include <QHash>
#include <QList>
#include <QSet>

namespace bp::sim {

class SimCryptoSupport;
class SimRepository;

// The replication agent pages AEM answers for Brand Portal agents (domain notes 2.4, 4.6):
// GET /etc/replication/agents.author/<agent>.test.html (the "Test Connection" page) and
// GET /etc/replication/agents.author/<agent>/jcr:content.queue.json (the queue, always empty here).
//
// The test succeeds only when the chain AEM walks to get a Brand Portal token is complete: agent enabled,
// cloud config for its tenant, imsConfig naming an IMS provider .config with client_credentials, client id,
// scope and a /ims/token/v3 endpoint (on 6.5.11-6.5.20 only with the hotfix installed), a customizer of the
// provider's type holding the client secret (protected by this simulator's Crypto Support, or plain), and the
// simulated IMS accepting that client id and secret.
class SimReplicationAgents
{
public:
    using CredentialCheck = std::function<bool(const QString &clientId, const QString &secret)>;

    static const QString AgentsFolder;

    // configMgr: what Configuration Admin holds decides the test (AEM's token provider is a service, not a
    // file).
    SimReplicationAgents(const SimRepository &repository, const SimConfigMgr &configMgr,
                         const SimCryptoSupport &crypto);

    void setCredentialCheck(CredentialCheck check) { m_credentialCheck = std::move(check); }
    // Why this AEM cannot use an OAuth Server-to-Server IMS configuration (empty: it can): 6.5 below SP21
    // without the compatibility hotfix has no client_credentials support (domain notes 1.3).
    using OAuthCheck = std::function<QString()>;
    void setOAuthCheck(OAuthCheck check) { m_oauthCheck = std::move(check); }

    // Whether path is one of the pages above (then get() answers it).
    static bool matches(const QString &path);
    SimHttpResponse get(const QString &path) const;

    // Pending items (SimulatorOptions::queueItems, Simulator::addQueueItems): n more on every Brand Portal
    // agent (transport URI on *.brand-portal.adobe.com) that exists now. Each queue read afterwards delivers
    // drainPerRead of them (0: the queue is stuck), so a client polling for idle sees it drain without any
    // real time passing.
    void addPendingItems(int n);
    void setDrainPerRead(int n) { m_drainPerRead = n; }
    // The first Brand Portal agent's queue is blocked: one item fails and stays (retried, never delivered).
    void blockFirstQueue();
    int pendingItems() const;

    // Empty when the agent's connection test would succeed, else the reason it fails.
    QString testFailure(const QString &agent) const;

private:
    SimHttpResponse testPage(const QString &agent) const;
    SimHttpResponse queue(const QString &agent) const;

    const SimRepository &m_repository;
    const SimConfigMgr &m_configMgr;
    const SimCryptoSupport &m_crypto;
    CredentialCheck m_credentialCheck;
    OAuthCheck m_oauthCheck;
    struct QueueEntry
    {
        QString id;
        QString path;
        qint64 timeMs = 0;
    };
    // Queues are Sling jobs in AEM, not content under the agent: kept here, outside the repository.
    mutable QHash<QString, QList<QueueEntry>> m_queues;
    QSet<QString> m_blocked; // agents whose queue is blocked
    int m_drainPerRead = 0;
    int m_itemsAdded = 0;
};

} // namespace bp::sim
