// SPDX-License-Identifier: Apache-2.0
#include "sim/SimReplicationAgents.h"

#include "sim/SimAemPages.h"
#include "sim/SimConfigMgr.h"
#include "sim/SimCryptoSupport.h"
#include "sim/SimRepository.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QVariant>

namespace bp::sim {

namespace {

const QString TestSuffix = QStringLiteral(".test.html");
const QString QueueSuffix = QStringLiteral("/jcr:content.queue.json");
const QString CloudConfigs = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal");
const QString TenantHostSuffix = QStringLiteral(".brand-portal.adobe.com");

// A property's first value (arrays give their first item).
QString firstString(const QVariant &value)
{
    if (value.typeId() == QMetaType::QStringList) {
        const QStringList list = value.toStringList();
        return list.isEmpty() ? QString() : list.first();
    }
    return value.toString();
}

QString tenantOf(const QString &url)
{
    const QString host = QUrl(url).host();
    if (!host.endsWith(TenantHostSuffix) || host.size() == TenantHostSuffix.size())
        return {};
    return host.chopped(TenantHostSuffix.size());
}

QByteArray page(const QString &agent, const QString &message)
{
    const QByteArray m = message.toHtmlEscaped().toUtf8();
    return "<!DOCTYPE html>\n<html><head><title>Replication Test: " + agent.toHtmlEscaped().toUtf8() +
           "</title></head>\n<body><h2>Replication (TEST) of /content</h2>\n<div id=\"result\">" + m +
           "</div>\n</body></html>\n";
}

} // namespace

const QString SimReplicationAgents::AgentsFolder = QStringLiteral("/etc/replication/agents.author");

SimReplicationAgents::SimReplicationAgents(const SimRepository &repository, const SimConfigMgr &configMgr,
                                           const SimCryptoSupport &crypto)
    : m_repository(repository), m_configMgr(configMgr), m_crypto(crypto)
{
}

bool SimReplicationAgents::matches(const QString &path)
{
    if (!path.startsWith(AgentsFolder + QLatin1Char('/')))
        return false;
    const QString rest = path.mid(AgentsFolder.size() + 1);
    return (rest.endsWith(TestSuffix) && !rest.contains(QLatin1Char('/'))) ||
           (rest.endsWith(QueueSuffix) && rest.count(QLatin1Char('/')) == 1);
}

SimHttpResponse SimReplicationAgents::get(const QString &path) const
{
    const QString rest = path.mid(AgentsFolder.size() + 1);
    const QString agent =
        rest.endsWith(TestSuffix) ? rest.chopped(TestSuffix.size()) : rest.chopped(QueueSuffix.size());
    const SimNode *node = m_repository.node(AgentsFolder + QLatin1Char('/') + agent);
    if (agent.isEmpty() || !node || !node->child(QStringLiteral("jcr:content")))
        return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
    return rest.endsWith(TestSuffix) ? testPage(agent) : queue(agent);
}

SimHttpResponse SimReplicationAgents::queue(const QString &agent) const
{
    // Written by hand to keep AEM's key order (QJsonObject would sort the keys). Item fields as the
    // replication queue UI reads them (id, path, time in epoch ms, userid, type, lastProcessed,
    // numProcessed): the simulator's assumption from public AEM clients, not a documented contract.
    const auto quoted = [](const QString &text) {
        return QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    };
    QList<QueueEntry> &entries = m_queues[agent];
    QByteArray items;
    for (const QueueEntry &e : std::as_const(entries)) {
        if (!items.isEmpty())
            items += ',';
        items += "{\"id\":" + quoted(e.id) + ",\"path\":" + quoted(e.path) +
                 ",\"time\":" + QByteArray::number(e.timeMs) +
                 ",\"userid\":\"admin\",\"type\":\"Activate\",\"lastProcessed\":0,"
                 "\"numProcessed\":0}";
    }
    const qint64 since = entries.isEmpty() ? 0 : entries.first().timeMs;
    const bool blocked = m_blocked.contains(agent) && !entries.isEmpty();
    const QByteArray body = "{\"metaData\":{\"queueStatus\":{\"agentName\":" + quoted(agent) +
                            ",\"isBlocked\":" + (blocked ? "true" : "false") +
                            ",\"isPaused\":false,\"nextRetryPeriod\":0,"
                            "\"processingSince\":" +
                            QByteArray::number(since) + ",\"lastProcessTime\":0}},\"queue\":[" + items + "]}";
    // Delivered between this read and the next (a blocked queue delivers nothing).
    if (!blocked)
        entries.erase(entries.begin(), entries.begin() + qMin<qsizetype>(m_drainPerRead, entries.size()));
    return SimHttpResponse::json(200, body);
}

void SimReplicationAgents::addPendingItems(int n)
{
    const SimNode *folder = m_repository.node(AgentsFolder);
    if (!folder || n <= 0)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const SimNode *agent : folder->children()) {
        const SimNode *content = agent->child(QStringLiteral("jcr:content"));
        if (!content || tenantOf(content->property(QStringLiteral("transportUri")).toString()).isEmpty())
            continue;
        QList<QueueEntry> &entries = m_queues[agent->name()];
        for (int i = 0; i < n; ++i) {
            const int number = m_itemsAdded + i + 1;
            // Oldest first, a minute apart, the newest a minute ago.
            entries.append({QStringLiteral("%1-job-%2").arg(agent->name()).arg(number),
                            QStringLiteral("/content/dam/we-retail/en/activities/asset-%1.jpg").arg(number),
                            now - qint64(n - i) * 60000});
        }
    }
    m_itemsAdded += n;
}

void SimReplicationAgents::blockFirstQueue()
{
    const SimNode *folder = m_repository.node(AgentsFolder);
    if (!folder)
        return;
    for (const SimNode *agent : folder->children()) {
        const SimNode *content = agent->child(QStringLiteral("jcr:content"));
        if (!content || tenantOf(content->property(QStringLiteral("transportUri")).toString()).isEmpty())
            continue;
        QList<QueueEntry> &entries = m_queues[agent->name()];
        if (entries.isEmpty())
            entries.append({agent->name() + QStringLiteral("-job-blocked"),
                            QStringLiteral("/content/dam/we-retail/en/activities/hiking.jpg"),
                            QDateTime::currentMSecsSinceEpoch() - qint64(3) * 3600 * 1000});
        m_blocked.insert(agent->name());
        return;
    }
}

int SimReplicationAgents::pendingItems() const
{
    int n = 0;
    for (const QList<QueueEntry> &entries : std::as_const(m_queues))
        n += int(entries.size());
    return n;
}

SimHttpResponse SimReplicationAgents::testPage(const QString &agent) const
{
    const QString failure = testFailure(agent);
    const QString message = failure.isEmpty() ? QStringLiteral("Replication test succeeded")
                                              : QStringLiteral("Replication test failed: ") + failure;
    return SimHttpResponse::html(200, page(agent, message));
}

QString SimReplicationAgents::testFailure(const QString &agent) const
{
    const SimNode *content =
        m_repository.node(AgentsFolder + QLatin1Char('/') + agent + QStringLiteral("/jcr:content"));
    if (!content)
        return QStringLiteral("agent %1 not found").arg(agent);
    const QVariant enabled = content->property(QStringLiteral("enabled"));
    if (!(enabled.toString() == QLatin1String("true") ||
          (enabled.typeId() == QMetaType::Bool && enabled.toBool())))
        return QStringLiteral("agent %1 is disabled").arg(agent);
    const QString transport = content->property(QStringLiteral("transportUri")).toString();
    const QString tenant = tenantOf(transport);
    if (tenant.isEmpty())
        return QStringLiteral("could not connect to %1").arg(transport);

    const SimNode *configs = m_repository.node(CloudConfigs);
    const SimNode *cloudConfig = nullptr;
    if (configs) {
        const QList<SimNode *> children = configs->children();
        for (const SimNode *c : children) {
            const SimNode *cc = c->child(QStringLiteral("jcr:content"));
            if (cc && tenantOf(cc->property(QStringLiteral("tenantURL")).toString()) == tenant) {
                cloudConfig = cc;
                break;
            }
        }
    }
    if (!cloudConfig)
        return QStringLiteral("no Brand Portal cloud configuration for tenant %1").arg(tenant);

    const QString imsConfig = cloudConfig->property(QStringLiteral("imsConfig")).toString();
    const std::optional<SimConfiguration> providerConfig = m_configMgr.configuration(imsConfig);
    if (imsConfig.isEmpty() || !providerConfig)
        return QStringLiteral("IMS configuration %1 not found").arg(imsConfig);
    const QHash<QString, QVariant> &provider = providerConfig->properties;
    if (firstString(provider.value(QStringLiteral("auth.token.provider.authorization.grants"))) !=
        QLatin1String("client_credentials"))
        return QStringLiteral("IMS configuration %1 does not use the client_credentials grant")
            .arg(imsConfig);
    if (m_oauthCheck) {
        const QString unavailable = m_oauthCheck();
        if (!unavailable.isEmpty())
            return unavailable;
    }
    const QString clientId = firstString(provider.value(QStringLiteral("auth.token.provider.client.id")));
    if (clientId.isEmpty())
        return QStringLiteral("IMS configuration %1 has no client id").arg(imsConfig);
    if (firstString(provider.value(QStringLiteral("auth.token.provider.scope"))).isEmpty())
        return QStringLiteral("IMS configuration %1 has no scope").arg(imsConfig);
    if (!firstString(provider.value(QStringLiteral("auth.access.token.request")))
             .endsWith(QLatin1String("/ims/token/v3")))
        return QStringLiteral("IMS configuration %1 does not request tokens from /ims/token/v3")
            .arg(imsConfig);
    const QString customizerType =
        firstString(provider.value(QStringLiteral("token.request.customizer.type")));

    QString secret;
    bool customizerFound = false;
    const QList<SimConfiguration> configurations = m_configMgr.configurations();
    for (const SimConfiguration &configuration : configurations) {
        const QHash<QString, QVariant> &props = configuration.properties;
        if (customizerType.isEmpty() ||
            firstString(props.value(QStringLiteral("customizer.type"))) != customizerType)
            continue;
        const QString value = firstString(props.value(QStringLiteral("auth.ims.client.secret")));
        if (value.isEmpty())
            continue;
        customizerFound = true;
        if (value.startsWith(QLatin1Char('{')) && value.endsWith(QLatin1Char('}'))) {
            bool ok = false;
            secret = m_crypto.unprotect(value, &ok);
            if (!ok)
                return QStringLiteral("the client secret of customizer %1 cannot be decrypted")
                    .arg(customizerType);
        } else {
            secret = value;
        }
        break;
    }
    if (!customizerFound)
        return QStringLiteral("no access token request customizer of type \"%1\" with a client secret")
            .arg(customizerType);

    if (!m_credentialCheck || !m_credentialCheck(clientId, secret))
        return QStringLiteral("IMS rejected the client credentials (invalid_client)");
    return {};
}

} // namespace bp::sim
