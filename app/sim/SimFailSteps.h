// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QSet>
#include <QStringList>

namespace bp::sim {

// One-shot failures of the setup steps a wizard performs against the author (SimulatorOptions::failSteps):
// each listed step fails the first request that matches it, once, with 500; "agents" instead makes the
// first cloud-config save that would create the tenant's agents create none; "hotfix" fails the first
// Package Manager upload.
class SimFailSteps
{
public:
    static QStringList known();

    explicit SimFailSteps(const QStringList &steps);

    // The step a request belongs to ("" for none). path: the decoded request path.
    static QString stepFor(const SimHttpRequest &request, const QString &path);
    // True (and the step is used up) if step is still armed.
    bool take(const QString &step);
    // A 500 for the request if its step is still armed; handled says whether it was.
    SimHttpResponse failIfArmed(const SimHttpRequest &request, const QString &path, bool *handled);

private:
    QSet<QString> m_armed;
};

} // namespace bp::sim
