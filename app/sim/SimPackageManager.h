// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QString>

namespace bp::sim {

struct SimulatorOptions;
class SimNode;
class SimRepository;

// CRX Package Manager (domain notes 4.1): GET /crx/packmgr/service.jsp?cmd=ls lists the packages as XML;
// POST /crx/packmgr/service/.json with a multipart cmd=upload (force=true to replace) and a "package" file
// part stores a content package at /etc/packages/<group>/<name>[-<version>].zip (an nt:file, its
// properties in jcr:content/vlt:definition, so Simulator::snapshot() shows it); POST
// /crx/packmgr/service/.json<package path>?cmd=install|uninstall|delete installs (sets lastUnpacked),
// uninstalls or removes it; cmd=create (packageName, groupName) makes an empty package there, POST
// /crx/packmgr/update.jsp (path, filter JSON) sets its filter and cmd=build zips the filter roots (as Sling
// JSON, a simplification of FileVault's .content.xml); GET on the package path downloads it (Sling). Answers
// are packmgr's JSON ({"success": ..., "msg": ..., "path": ...}). The listing also holds the fixed packages
// of the simulated instance (service pack, the hotfix when SimulatorOptions::imsHotfixInstalled). CSRF and
// the request log are the handler's, as for every write.
class SimPackageManager
{
public:
    static const QString ListPath;    // /crx/packmgr/service.jsp
    static const QString ServicePath; // /crx/packmgr/service/.json
    static const QString UpdatePath;  // /crx/packmgr/update.jsp
    static const QString Root;        // /etc/packages

    SimPackageManager(const SimulatorOptions &options, SimRepository &repository);

    // path: the decoded request path.
    static bool handlesWrite(const QString &path);
    SimHttpResponse list(const SimHttpRequest &request) const;
    SimHttpResponse post(const QString &path, const SimHttpRequest &request);

    // Whether an installed package (stored or fixed) matches the OAuth compatibility hotfix's name.
    bool hotfixInstalled() const;

private:
    SimHttpResponse upload(const SimHttpRequest &request);
    SimHttpResponse create(const QString &packagePath, const SimHttpRequest &request);
    SimHttpResponse update(const SimHttpRequest &request);
    void build(SimNode *file);
    void unpack(SimNode *file);
    SimNode *store(const QString &path, const QByteArray &zip, const QString &name, const QString &group,
                   const QString &version);

    const SimulatorOptions &m_options;
    SimRepository &m_repository;
};

} // namespace bp::sim
