// SPDX-License-Identifier: Apache-2.0
#include "sim/SimDistribution.h"

#include "sim/SimContentBuilder.h"
#include "sim/SimForm.h"
#include "sim/SimNode.h"
#include "sim/SimRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp::sim {

const QString SimDistribution::AgentsRoot = QStringLiteral("/libs/sling/distribution/services/agents");
const QString SimDistribution::BrandPortalAgent = QStringLiteral("bpdistributionagent0");

namespace {

const QStringList QueueNames = {QStringLiteral("processing-queue"), QStringLiteral("error-queue")};

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SimHttpResponse agentNotFound()
{
    // DistributionAgentServlet answers an unknown agent with 404 and this message [C].
    return SimHttpResponse::json(404,
                                 toJson({{QStringLiteral("message"), QStringLiteral("agent not found")}}));
}

QJsonObject queueJson(const SimNode *queue)
{
    // ServletJsonUtils: state, empty, itemsCount, and the items as "items" (ids) plus one object per id [C];
    // that the items are inlined at this depth is our simplification [I].
    const QList<SimNode *> items = queue ? queue->children() : QList<SimNode *>();
    QJsonObject out{
        {QStringLiteral("state"), items.isEmpty() ? QStringLiteral("IDLE") : QStringLiteral("BLOCKED")},
        {QStringLiteral("empty"), items.isEmpty()},
        {QStringLiteral("itemsCount"), int(items.size())}};
    QJsonArray ids;
    for (const SimNode *item : items) {
        ids.append(item->name());
        QJsonObject o{{QStringLiteral("id"), item->name()}};
        for (const auto &[name, value] : item->properties()) {
            if (name == QLatin1String("jcr:primaryType"))
                continue;
            if (value.typeId() == QMetaType::QStringList)
                o.insert(name, QJsonArray::fromStringList(value.toStringList()));
            else if (value.typeId() == QMetaType::LongLong)
                o.insert(name, value.toLongLong());
            else
                o.insert(name, value.toString());
        }
        out.insert(item->name(), o);
    }
    if (!items.isEmpty())
        out.insert(QStringLiteral("items"), ids);
    return out;
}

} // namespace

void SimDistribution::addAgent(SimRepository &repo, const QString &tenant, int failedItems)
{
    SimNode *agent = repo.ensureNode(AgentsRoot + QLatin1Char('/') + BrandPortalAgent,
                                     QStringLiteral("sling:OsgiConfig"), QStringLiteral("sling:Folder"));
    agent->setProperty(QStringLiteral("name"), BrandPortalAgent);
    agent->setProperty(QStringLiteral("title"), QStringLiteral("Publish to Brand Portal"));
    // Where the agent sends packages: the tenant's import endpoint [I].
    agent->setProperty(QStringLiteral("endpoint"), SimContentBuilder::tenantUrl(tenant));
    for (const QString &queue : QueueNames)
        agent->addChild(queue, QStringLiteral("nt:unstructured"));
    SimNode *errors = agent->child(QStringLiteral("error-queue"));
    // Fixed times in the past (2026-01-05T10:00:00Z, then a minute apart) keep runs reproducible.
    const qlonglong first = 1767607200000LL;
    for (int i = 0; i < failedItems; ++i) {
        const QString id = QStringLiteral("DSTRQ%1").arg(i + 2);
        SimNode *item = errors->addChild(id, QStringLiteral("nt:unstructured"));
        item->setProperty(QStringLiteral("pkgId"), QStringLiteral("dstrpck-%1").arg(first + i * 60000));
        item->setProperty(QStringLiteral("paths"),
                          QStringList{QStringLiteral("/content/dam/brand/asset-%1.jpg").arg(i + 1)});
        item->setProperty(QStringLiteral("action"), QStringLiteral("ADD"));
        item->setProperty(QStringLiteral("userid"), QStringLiteral("admin"));
        item->setProperty(QStringLiteral("attempts"), qlonglong(3));
        item->setProperty(QStringLiteral("time"), first + i * 60000);
        item->setProperty(QStringLiteral("state"), QStringLiteral("ERROR"));
        item->setProperty(QStringLiteral("errorMessage"),
                          QStringLiteral("Failed to deliver package: 401 Unauthorized from Brand Portal"));
    }
}

bool SimDistribution::matches(const QString &path)
{
    return path.startsWith(AgentsRoot + QLatin1Char('/'));
}

SimHttpResponse SimDistribution::handle(const SimRepository &repo, const SimHttpRequest &request,
                                        const QString &path, bool testFails)
{
    QString rest = path.mid(AgentsRoot.size() + 1);
    QString name = rest.section(QLatin1Char('/'), 0, 0);
    const QString sub = rest.section(QLatin1Char('/'), 1);
    const QString selectors = name.contains(QLatin1Char('.')) ? name.section(QLatin1Char('.'), 1) : QString();
    name = name.section(QLatin1Char('.'), 0, 0);
    const SimNode *agent = repo.node(AgentsRoot + QLatin1Char('/') + name);
    if (!agent)
        return agentNotFound();

    if (request.method == "POST") {
        if (!sub.isEmpty() || !selectors.isEmpty())
            return agentNotFound();
        const SimFormList form = simFormList(request);
        QString action;
        for (const auto &[key, value] : form) {
            if (key == QLatin1String("action"))
                action = value;
        }
        if (action != QLatin1String("TEST"))
            return SimHttpResponse::json(
                400,
                toJson({{QStringLiteral("success"), false},
                        {QStringLiteral("state"), QStringLiteral("DROPPED")},
                        {QStringLiteral("message"), QStringLiteral("unsupported action %1").arg(action)}}));
        // The test package is delivered when the tenant the agent sends to has a cloud configuration.
        const QString endpoint = agent->property(QStringLiteral("endpoint")).toString();
        const QString tenant = endpoint.section(QStringLiteral("://"), 1).section(QLatin1Char('.'), 0, 0);
        const bool configured =
            repo.node(QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/") + tenant) != nullptr;
        if (testFails)
            return SimHttpResponse::json(
                400, toJson({{QStringLiteral("success"), false},
                             {QStringLiteral("state"), QStringLiteral("DROPPED")},
                             {QStringLiteral("message"),
                              QStringLiteral("package dropped: 401 Unauthorized from %1").arg(endpoint)}}));
        if (!configured)
            return SimHttpResponse::json(
                400,
                toJson({{QStringLiteral("success"), false},
                        {QStringLiteral("state"), QStringLiteral("DROPPED")},
                        {QStringLiteral("message"), QStringLiteral("no Brand Portal cloud configuration")}}));
        return SimHttpResponse::json(
            200, toJson({{QStringLiteral("success"), true},
                         {QStringLiteral("state"), QStringLiteral("DISTRIBUTED")},
                         {QStringLiteral("message"),
                          QStringLiteral("test package delivered to %1").arg(endpoint)}}));
    }

    if (sub.isEmpty() && (selectors == QLatin1String("json") || selectors == QLatin1String("0.json"))) {
        QJsonArray queues;
        for (const QString &q : QueueNames)
            queues.append(q);
        return SimHttpResponse::json(
            200, toJson({{QStringLiteral("name"), name},
                         {QStringLiteral("title"), agent->property(QStringLiteral("title")).toString()},
                         {QStringLiteral("status"),
                          QJsonObject{{QStringLiteral("state"), QStringLiteral("IDLE")}}},
                         {QStringLiteral("queues"), queues}}));
    }
    if (sub == QLatin1String("queues.json") || sub == QLatin1String("queues.1.json")) {
        QJsonArray names;
        QJsonObject out;
        for (const QString &q : QueueNames) {
            names.append(q);
            out.insert(q, queueJson(agent->child(q)));
        }
        out.insert(QStringLiteral("items"), names);
        return SimHttpResponse::json(200, toJson(out));
    }
    return agentNotFound();
}

} // namespace bp::sim
