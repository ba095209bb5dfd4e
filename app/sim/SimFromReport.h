// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "sim/Simulator.h"

#include <QJsonObject>

namespace bp::sim {

// `bpsetup simulate --from-report REPORT.json`: the simulator options that reproduce the instance a diagnose
// report (diagnose --json) describes, so support can reproduce and train on a case without the customer's
// AEM. Read from the report: the version (deployment), the configuration state, the tenant (a masked
// placeholder such as tenant-1 is a valid tenant), OAuth support (the hotfix), and the faults, from the
// checks that failed or warned. What the simulator cannot model is listed in notes, not guessed.
struct ReportReproduction
{
    SimulatorOptions options;
    QStringList notes; // failed checks the simulator reproduces only through the state, or not at all
};

class SimFromReport
{
public:
    static Result<ReportReproduction> options(const QJsonObject &report);
};

} // namespace bp::sim
