// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QString>

namespace bp::sim {

class SimNode;
class SimRepository;

// The Apache Felix web console's configuration manager (POST /system/console/configMgr/<pid>), as AEM 6.5
// and 6.6 answer it (domain notes 4.1, 4.2). ConfigAdmin's state is the set of <pid>.config files under
// /apps/system/config: create, update and delete change those files.
class SimConfigMgr
{
public:
    static const QString PathPrefix; // "/system/console/configMgr/"
    static const QString TemporaryPid;

    explicit SimConfigMgr(SimRepository &repository);

    // path: the decoded request path, starting with PathPrefix.
    SimHttpResponse post(const QString &path, const SimHttpRequest &request);

    // The .config file node holding pid: <pid>.config, else a file whose name matches pid when '.', '-' and
    // '~' are ignored (Sling's installer writes factory PIDs in either form). Null if none.
    static SimNode *findConfig(const SimRepository &repository, const QString &pid);
    // pid with the '.', '-' and '~' separators removed, for comparing PIDs written in different forms.
    static QString normalizedPid(const QString &pid);

private:
    SimRepository &m_repository;
};

} // namespace bp::sim
