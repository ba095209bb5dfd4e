// SPDX-License-Identifier: Apache-2.0
#include "sim/SimFailSteps.h"

#include "sim/SimConfigMgr.h"
#include "sim/SimCryptoSupport.h"
#include "sim/SimForm.h"
#include "sim/SimPackageManager.h"
#include "sim/SimReplicationAgents.h"
#include "sim/SimUsers.h"

namespace bp::sim {

namespace {

const QString ProviderFactory = QStringLiteral("com.adobe.granite.auth.oauth.accesstoken.provider");
const QString CustomizerFactory =
    QStringLiteral("com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl");
const QString CloudConfigs = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/");

QByteArray errorPage(const QString &path)
{
    const QByteArray p = path.toHtmlEscaped().toUtf8();
    return "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1>"
           "<p>The server encountered an internal error while processing " +
           p + ".</p><hr><address>Apache Sling (simulated failure)</address></body></html>\n";
}

} // namespace

QStringList SimFailSteps::known()
{
    return {QStringLiteral("ims-provider"), QStringLiteral("ims-customizer"),
            QStringLiteral("crypto"),       QStringLiteral("cloud-config"),
            QStringLiteral("agents"),       QStringLiteral("agent-update"),
            QStringLiteral("agent-test"),   QStringLiteral("hotfix"),
            QStringLiteral("delete-agent"), QStringLiteral("delete-cloud-service"),
            QStringLiteral("delete-user"),  QStringLiteral("remove-key-alias")};
}

SimFailSteps::SimFailSteps(const QStringList &steps)
{
    for (const QString &s : steps)
        m_armed.insert(s);
}

QString SimFailSteps::stepFor(const SimHttpRequest &request, const QString &path)
{
    if ((request.method == "GET" || request.method == "POST") && SimReplicationAgents::matches(path) &&
        path.endsWith(QLatin1String(".test.html")))
        return QStringLiteral("agent-test");
    // The Legacy OAuth Gateway upgrade's deletions: an agent (DELETE), the legacy cloud service (Sling
    // POST :operation=delete) and the replication user (POST deleteAuthorizable).
    if (request.method == "DELETE" && path.startsWith(SimReplicationAgents::AgentsFolder + QLatin1Char('/')))
        return QStringLiteral("delete-agent");
    if (request.method != "POST")
        return {};
    if (path.startsWith(QLatin1String("/etc/cloudservices/mediaportal/")))
        return QStringLiteral("delete-cloud-service");
    if (path.startsWith(QLatin1String("/home/users/"))) {
        // The JWT upgrade's offered clean-up: a keystore change (.ks.html removeAlias).
        if (SimUsers::isKeystoreRequest(path))
            return QStringLiteral("remove-key-alias");
        for (const auto &f : simFormList(request)) {
            if (f.first == QLatin1String("deleteAuthorizable"))
                return QStringLiteral("delete-user");
        }
        return {};
    }
    if (path == SimCryptoSupport::Path)
        return QStringLiteral("crypto");
    // Package Manager: the upload of the OAuth compatibility hotfix.
    if (path == SimPackageManager::ServicePath)
        return QStringLiteral("hotfix");
    if (path.startsWith(SimConfigMgr::PathPrefix)) {
        QString pid = path.mid(SimConfigMgr::PathPrefix.size());
        if (pid == SimConfigMgr::TemporaryPid) {
            const SimFormList fields = simFormList(request);
            for (const auto &f : fields) {
                if (f.first == QLatin1String("factoryPid"))
                    pid = f.second;
            }
        }
        const QString normalized = SimConfigMgr::normalizedPid(pid);
        if (normalized.startsWith(SimConfigMgr::normalizedPid(ProviderFactory)))
            return QStringLiteral("ims-provider");
        if (normalized.startsWith(SimConfigMgr::normalizedPid(CustomizerFactory)))
            return QStringLiteral("ims-customizer");
        return {};
    }
    if (path.startsWith(CloudConfigs))
        return QStringLiteral("cloud-config");
    if (path.startsWith(SimReplicationAgents::AgentsFolder + QLatin1Char('/')))
        return QStringLiteral("agent-update");
    return {};
}

bool SimFailSteps::take(const QString &step)
{
    return !step.isEmpty() && m_armed.remove(step);
}

SimHttpResponse SimFailSteps::failIfArmed(const SimHttpRequest &request, const QString &path, bool *handled)
{
    *handled = take(stepFor(request, path));
    if (!*handled)
        return {};
    return SimHttpResponse::html(500, errorPage(path));
}

} // namespace bp::sim
