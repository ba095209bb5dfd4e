// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QString>

namespace bp::sim {

class SimFailSteps;
class SimRepository;

// Sling's default POST servlet (domain notes 4.6) on any path no other servlet takes: form fields set string
// properties on the node at the path, creating it and missing ancestors; "a/b" addresses child nodes;
// "name@Delete" removes a property; repeated fields make multi-values; jcr:primaryType sets a new node's
// type; ":operation=delete" removes the node; a multipart file field named "*" stores an nt:file child.
// Answers 201 + Location when the node was created, 200 when modified, with Sling's HTML status page.
//
// Side effect like AEM's: saving a Brand Portal cloud configuration (tenantURL and imsConfig on
// /conf/global/settings/cloudconfigs/mediaportal/<name>/jcr:content) creates the tenant's four replication
// agents if it has none.
class SimSlingPost
{
public:
    SimSlingPost(SimRepository &repository, SimFailSteps &failSteps);

    // path: the decoded request path.
    SimHttpResponse post(const QString &path, const SimHttpRequest &request);

private:
    void createTenantAgents(const QString &path);

    SimRepository &m_repository;
    SimFailSteps &m_failSteps;
};

} // namespace bp::sim
