// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

namespace bp::sim {

class SimRepository;

// AEM's QueryBuilder JSON servlet (GET /bin/querybuilder.json, documented by Adobe for 6.5 and Cloud
// Service), reduced to the predicates bpsetup sends: path (a subtree), type (a node type; rep:User also
// matches rep:SystemUser, as XPath element(*, rep:User) does), property with property.value (equality),
// p.limit (default 10, -1 for all), p.hits=selective with p.properties (space-separated names, jcr:path
// included). The answer has Adobe's shape: success, results, total, more, offset, hits.
class SimQueryBuilder
{
public:
    static const QString Path;
    static SimHttpResponse query(const SimRepository &repo, const SimHttpRequest &request);
};

} // namespace bp::sim
