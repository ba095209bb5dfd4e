// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/Simulator.h"

namespace bp::sim {

class SimRepository;

// Fills a SimRepository with what an author in the given Brand Portal state contains, and derives the
// identifiers (client id, technical account, PIDs) the IMS side must agree on. Everything is derived from
// the tenant name so that runs are reproducible.
class SimContentBuilder
{
public:
    static void build(SimRepository &repo, const SimulatorOptions &options);
    // The faults that change repository content (agent-disabled, no-close-connection, two-ims-configs,
    // dangling-cloud-config), after build.
    static void applyFaults(SimRepository &repo, const SimulatorOptions &options);

    static QString orgId();
    static QString clientId(const QString &tenant);
    static QString techAccountId(const QString &tenant);
    static QString tenantUrl(const QString &tenant);
    // The scopes of the simulated OAuth S2S credential (comma-separated, as IMS takes them).
    static QString oauthScopes();
    // The "{hex}" client secret of the pre-built Developer Console configurations (the same in every run).
    static QString prebuiltProtectedSecret(const QString &tenant);
    // The PID of the IMS provider config the Brand Portal cloud config points at in this state (empty for
    // none and legacy-gateway).
    static QString imsProviderPid(SimState state);

    // The four replication agents AEM creates for a tenant when its Brand Portal cloud configuration is
    // saved (domain notes 2.4); names made up, transportUri the tenant's /bin/receive.
    static void addTenantAgents(SimRepository &repo, const QString &tenant);
    // Whether any agent under /etc/replication/agents.author already replicates to tenant.
    static bool hasTenantAgents(const SimRepository &repo, const QString &tenant);

private:
    static void buildCommon(SimRepository &repo);
    static void buildLegacyGateway(SimRepository &repo, const SimulatorOptions &options);
    static void buildDevConsole(SimRepository &repo, const QString &tenant, SimState state);
    static void buildBroken(SimRepository &repo, const QString &tenant);
    static void buildCloudActivated(SimRepository &repo, const QString &tenant, int failedItems);
    static void addCloudConfig(SimRepository &repo, const QString &tenant, const QString &imsPid);
    static void addAgent(SimRepository &repo, const QString &name, const QString &title, const QString &uri);
};

} // namespace bp::sim
