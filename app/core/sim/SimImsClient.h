// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace bp::sim {

// One OAuth Server-to-Server credential registered with the simulated IMS.
struct SimImsClient
{
    QString clientId;
    QStringList secrets; // at most two, like the Developer Console allows
    QStringList scopes;
    QString orgId;
    QString technicalAccountId;
};

} // namespace bp::sim
