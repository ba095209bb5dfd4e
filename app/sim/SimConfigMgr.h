// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

#include <optional>

namespace bp::sim {

class SimNode;
class SimRepository;
struct SimulatorOptions;

// One configuration as Configuration Admin holds it.
struct SimConfiguration
{
    QString pid;
    QString factoryPid;                  // empty for a singleton configuration
    QHash<QString, QVariant> properties; // QString or QStringList (booleans as "true"/"false")
    QString filePath;                    // the .config file it was installed from ("" console only)
};

// The Apache Felix web console's configuration manager (POST /system/console/configMgr/<pid>, GET
// configMgr/<pid or OSGi filter>.json), as AEM 6.5 and 6.6 answer it (domain notes 4.1, 4.2, [S45]).
// Configuration Admin holds the <pid>.config files under /apps/system/config that Sling's installer
// installed (all of them, unless a fault says otherwise) and the configurations that live only in the
// console; create, update and delete write the files (AEM's write-back to the repository).
class SimConfigMgr
{
public:
    static const QString PathPrefix; // "/system/console/configMgr/"
    static const QString TemporaryPid;

    explicit SimConfigMgr(SimRepository &repository);

    // inactive-ims-config: the installer skipped the IMS provider files; console-only-ims-config: the
    // Brand Portal IMS provider and customizer configurations are in Configuration Admin only.
    void applyFaults(const SimulatorOptions &options);

    // path: the decoded request path, starting with PathPrefix.
    SimHttpResponse post(const QString &path, const SimHttpRequest &request);
    // GET PathPrefix<pid or filter>.json (or ?pidFilter=): the JSON array Felix's ConfigManager.doGet sends.
    static bool isListRequest(const QString &path);
    SimHttpResponse list(const QString &path, const SimHttpRequest &request) const;

    // What Configuration Admin holds now (what AEM's services use).
    QList<SimConfiguration> configurations() const;
    // The configuration of pid in Configuration Admin (PIDs compared as normalizedPid()); nullopt if none.
    std::optional<SimConfiguration> configuration(const QString &pid) const;

    // The .config file node holding pid: <pid>.config, else a file whose name matches pid when '.', '-' and
    // '~' are ignored (Sling's installer writes factory PIDs in either form). Null if none.
    static SimNode *findConfig(const SimRepository &repository, const QString &pid);
    // pid with the '.', '-' and '~' separators removed, for comparing PIDs written in different forms.
    static QString normalizedPid(const QString &pid);

private:
    SimRepository &m_repository;
    QSet<QString> m_skippedFiles;          // paths of .config files the installer did not install
    QList<SimConfiguration> m_consoleOnly; // configurations not written to the repository
};

} // namespace bp::sim
