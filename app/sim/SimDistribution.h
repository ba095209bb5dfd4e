// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QString>

namespace bp::sim {

class SimRepository;

// Apache Sling Content Distribution's agent servlets for the Brand Portal distribution agent of an activated
// AEM as a Cloud Service author (domain notes 2.5, 4.6). Shapes follow
// sling-org-apache-sling-distribution-core (DistributionAgentServlet, DistributionAgentQueueServlet,
// ServletJsonUtils) [C]; whether AEMaaCS exposes these endpoints to a customer administrator is unverified
// [I].
//
// The agent is a node under AgentsRoot; its queues are child nodes (processing-queue, error-queue) whose
// children are the queued items.
class SimDistribution
{
public:
    static const QString AgentsRoot;       // /libs/sling/distribution/services/agents
    static const QString BrandPortalAgent; // bpdistributionagent0

    // Adds bpdistributionagent0 with empty queues; with failedItems > 0, that many failed items in its
    // error-queue (enqueued in the past, errorMessage set).
    static void addAgent(SimRepository &repo, const QString &tenant, int failedItems);

    static bool matches(const QString &path);
    // GET <agent>.0.json / <agent>.json, GET <agent>/queues.1.json / queues.json; POST <agent> action=TEST.
    // testFails: the test package is dropped (fault distribution-test-fails).
    static SimHttpResponse handle(const SimRepository &repo, const SimHttpRequest &request,
                                  const QString &path, bool testFails = false);
};

} // namespace bp::sim
