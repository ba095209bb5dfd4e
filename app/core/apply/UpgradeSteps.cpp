// SPDX-License-Identifier: Apache-2.0
#include "apply/UpgradeSteps.h"

#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"
#include "time/Clock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace bp {

namespace {

// How many pending paths a message lists; the rest is counted.
constexpr int ListedPaths = 5;

// Both English forms spelled out rather than "%n item(s)", which needs an English translation loaded.
QString itemCount(int n)
{
    return n == 1 ? QueuesIdleStep::tr("1 item") : QueuesIdleStep::tr("%1 items").arg(n);
}

QString queuePath(const CreateContext &ctx, const ReplicationAgentInfo &agent)
{
    return ApplyRecipe::expand(
        ctx.recipe.text(QStringLiteral("agentQueuePath")),
        {{QStringLiteral("agentPath"), agent.path}, {QStringLiteral("agentName"), agent.name}});
}

QDateTime itemTime(const QJsonValue &v)
{
    // AEM's queue JSON gives epoch milliseconds; a string date is taken too.
    if (v.isDouble() && v.toDouble() > 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC);
    if (v.isString())
        return QDateTime::fromString(v.toString(), Qt::ISODate).toUTC();
    return QDateTime();
}

bool sensitiveName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("password|secret|token|privatekey|\\bpk\\b"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QString scalarText(const QJsonValue &v)
{
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts.append(e.toVariant().toString());
        return parts.join(QStringLiteral(", "));
    }
    return v.toVariant().toString();
}

} // namespace

// ---- QueuesIdleStep ----

QueuesIdleStep::QueuesIdleStep(std::shared_ptr<CreateContext> context, QList<ReplicationAgentInfo> agents,
                               int waitSeconds)
    : m_ctx(std::move(context)), m_agents(std::move(agents)), m_waitSeconds(qMax(0, waitSeconds))
{
}

QList<QueueItem> QueuesIdleStep::parseQueue(const QString &agent, const QByteArray &json)
{
    QList<QueueItem> out;
    const QJsonArray queue = QJsonDocument::fromJson(json).object().value(QStringLiteral("queue")).toArray();
    for (const QJsonValue &v : queue) {
        const QJsonObject o = v.toObject();
        QueueItem item;
        item.agent = agent;
        item.id = o.value(QStringLiteral("id")).toVariant().toString();
        const QJsonValue path = o.value(QStringLiteral("path"));
        item.path = path.isArray() ? scalarText(path) : path.toString();
        item.time = itemTime(o.value(QStringLiteral("time")));
        out.append(item);
    }
    return out;
}

Task *QueuesIdleStep::readOnce(std::shared_ptr<QList<QueueItem>> into, std::shared_ptr<Error> hardError)
{
    auto *all = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
    auto ctx = m_ctx;
    into->clear();
    for (const ReplicationAgentInfo &agent : std::as_const(m_agents)) {
        const QString path = queuePath(*ctx, agent);
        const QString name = agent.name;
        all->addTask(new CallTask(
            [ctx, path] { return ctx->session->get(path); },
            [into, hardError, name](const AemCall &call) -> Result<bool> {
                if (call.status() == 404)
                    return true; // the agent is already gone: nothing queued
                if (call.status() != 200 || !QJsonDocument::fromJson(call.response().body).isObject()) {
                    *hardError = unexpectedAnswer(call, tr("Reading the queue of the agent %1").arg(name));
                    return *hardError;
                }
                into->append(parseQueue(name, call.response().body));
                return true;
            }));
    }
    return all;
}

Task *QueuesIdleStep::makeRead()
{
    auto latest = std::make_shared<QList<QueueItem>>();
    auto hardError = std::make_shared<Error>();
    auto *seq = new SequentialTask;
    if (m_waitSeconds == 0) {
        seq->addTask(readOnce(latest, hardError));
    } else {
        // The poll ends early once every queue is empty; when the time is up the last read stands (and
        // is a refusal or a prerequisite below), so its "not yet" is collected, not propagated.
        auto *poll =
            new PollTask(*m_ctx->clock, m_ctx->recipe.number(QStringLiteral("queuePollMs")),
                         m_waitSeconds * 1000, [this, latest, hardError]() -> Task * {
                             auto *round = new SequentialTask;
                             round->addTask(readOnce(latest, hardError));
                             round->addTask(new FunctionTask([latest]() -> Result<bool> {
                                 if (latest->isEmpty())
                                     return true;
                                 return Error(ErrorCode::Rejected,
                                              tr("%1 still queued.").arg(itemCount(int(latest->size()))))
                                     .withId(QStringLiteral("queue-busy"));
                             }));
                             return round;
                         });
        auto *collect = new ConcurrentTask(ConcurrentTask::Mode::CollectResults);
        collect->addTask(poll);
        seq->addTask(collect);
    }
    seq->addTask(new FunctionTask([this, latest, hardError]() -> Result<bool> {
        if (hardError->isError())
            return *hardError;
        m_pending = *latest;
        std::sort(m_pending.begin(), m_pending.end(), [](const QueueItem &a, const QueueItem &b) {
            if (a.time.isValid() != b.time.isValid())
                return a.time.isValid();
            return a.time < b.time;
        });
        if (m_refuseWhenBusy && !m_pending.isEmpty())
            return busyError();
        return true;
    }));
    return seq;
}

QString QueuesIdleStep::busyMessage() const
{
    QStringList agents;
    for (const QueueItem &i : m_pending) {
        if (!agents.contains(i.agent))
            agents.append(i.agent);
    }
    const QueueItem &oldest = m_pending.first();
    QStringList paths;
    for (int i = 0; i < m_pending.size() && i < ListedPaths; ++i)
        paths.append(m_pending.at(i).path);
    QString text = tr("%1 queued on the Brand Portal agents (%2); the oldest, %3, since %4. Deleting the "
                      "agents now would lose them. Pending: %5")
                       .arg(itemCount(int(m_pending.size())), agents.join(QStringLiteral(", ")), oldest.path,
                            oldest.time.isValid() ? oldest.time.toString(Qt::ISODate) : tr("an unknown time"),
                            paths.join(QStringLiteral(", ")));
    if (m_pending.size() > ListedPaths)
        text += tr(" and %1 more").arg(m_pending.size() - ListedPaths);
    return text;
}

QList<Prerequisite> QueuesIdleStep::prerequisites() const
{
    if (m_pending.isEmpty())
        return {};
    Prerequisite p;
    p.id = QStringLiteral("queue-busy");
    p.blocking = true;
    p.message = busyMessage();
    p.remedy = busyError().remedy;
    return {p};
}

Error QueuesIdleStep::busyError() const
{
    return Error(ErrorCode::Unsupported,
                 m_pending.isEmpty() ? tr("The agent queues are idle.") : busyMessage())
        .withId(QStringLiteral("queue-busy"))
        .withRemedy(
            tr("Let the queues drain (Tools › Deployment › Replication › Agents on author: each Brand "
               "Portal agent shows \"Queue is idle\"), or run again with --wait-for-idle SECONDS to "
               "wait for them. A blocked queue needs its first item fixed or removed. Nothing was "
               "changed."));
}

StepDescription QueuesIdleStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("Check that the Brand Portal agent queues are idle");
    d.target = m_ctx->recipe.text(QStringLiteral("agentsRoot"));
    d.action = ChangeAction::Unchanged;
    d.reason = tr("Adobe's upgrade starts with idle queues: queued items of deleted agents are lost. Checked "
                  "again right before the first change.");
    QStringList states;
    for (const ReplicationAgentInfo &a : m_agents) {
        const int n = int(std::count_if(m_pending.begin(), m_pending.end(),
                                        [&a](const QueueItem &i) { return i.agent == a.name; }));
        states.append(n == 0 ? tr("%1 idle").arg(a.name) : tr("%1: %2 queued").arg(a.name, itemCount(n)));
    }
    d.reason += QLatin1Char(' ') + tr("Now: %1.").arg(states.join(QStringLiteral(", ")));
    return d;
}

BackupRecord QueuesIdleStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    r.kind = QStringLiteral("check");
    r.target = m_ctx->recipe.text(QStringLiteral("agentsRoot"));
    r.existed = true;
    return r;
}

QByteArray QueuesIdleStep::fingerprint() const
{
    // Only whether something is queued: a queue that drained meanwhile is no reason to re-plan.
    return m_pending.isEmpty() ? QByteArrayLiteral("idle") : QByteArrayLiteral("busy");
}

// ---- DeleteNodeStep ----

DeleteNodeStep::DeleteNodeStep(std::shared_ptr<CreateContext> context, Kind kind, QString path,
                               QString reason)
    : m_ctx(std::move(context)), m_kind(kind), m_path(std::move(path)), m_reason(std::move(reason))
{
}

QString DeleteNodeStep::id() const
{
    return QStringLiteral("delete:") + m_path;
}

QString DeleteNodeStep::title() const
{
    const QString name = m_path.section(QLatin1Char('/'), -1);
    switch (m_kind) {
    case Kind::ReplicationAgent:
        return tr("Delete the replication agent %1").arg(name);
    case Kind::CloudConfig:
        return tr("Delete the Brand Portal cloud configuration %1").arg(name);
    case Kind::ReplicationUser:
        return tr("Delete the replication user %1")
            .arg(m_node.value(QStringLiteral("rep:authorizableId")).toString(name));
    }
    return QString();
}

Task *DeleteNodeStep::makeRead()
{
    const QString path = m_path + m_ctx->recipe.text(QStringLiteral("deleteReadSuffix"));
    return new CallTask([this, path] { return m_ctx->session->get(path); },
                        [this](const AemCall &call) -> Result<bool> {
                            m_exists = call.status() == 200;
                            m_body = m_exists ? call.response().body : QByteArray();
                            m_node = QJsonDocument::fromJson(m_body).object();
                            if (!m_exists && call.status() != 404)
                                return unexpectedAnswer(call, tr("Reading %1").arg(m_path));
                            if (m_exists && m_node.isEmpty())
                                return unexpectedAnswer(call, tr("Reading %1").arg(m_path));
                            return true;
                        });
}

StepDescription DeleteNodeStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = title();
    d.target = m_path;
    d.action = m_exists ? ChangeAction::Delete : ChangeAction::Unchanged;
    d.reason = m_exists ? m_reason : tr("Already gone.");
    // What goes: the node's own properties and its content's, and the child nodes by name (a user's
    // keystore). Sensitive values are never shown.
    auto add = [&d](const QString &prefix, const QJsonObject &o) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isObject())
                continue;
            if (it.key().startsWith(QLatin1String("jcr:created")) ||
                it.key().startsWith(QLatin1String("jcr:lastModified")) ||
                it.key() == QLatin1String("jcr:uuid"))
                continue;
            const bool secret = sensitiveName(it.key());
            d.changes.append({prefix + it.key(), secret ? FieldChange::masked() : scalarText(it.value()),
                              QString(), true, false, secret});
        }
    };
    add(QString(), m_node);
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        if (!it.value().isObject())
            continue;
        if (it.key() == QLatin1String("jcr:content"))
            add(QStringLiteral("jcr:content/"), it.value().toObject());
        else
            d.changes.append({it.key() + QLatin1Char('/'),
                              it.value().toObject().value(QStringLiteral("jcr:primaryType")).toString(),
                              QString(), true, false, false});
    }
    return d;
}

BackupRecord DeleteNodeStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    r.kind = QStringLiteral("deleted");
    r.target = m_path;
    r.existed = m_exists;
    QJsonObject summary;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        if (!it.value().isObject() && !sensitiveName(it.key()))
            summary.insert(it.key(), it.value());
    }
    // The node itself comes back from the content package; this is what it was, for people and checks.
    r.before.insert(QStringLiteral("properties"), summary);
    return r;
}

QByteArray DeleteNodeStep::fingerprint() const
{
    return m_exists ? QCryptographicHash::hash(m_body, QCryptographicHash::Sha256)
                    : QByteArrayLiteral("absent");
}

Task *DeleteNodeStep::makeApply(BackupRecord *)
{
    if (!m_exists)
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_path;
    const Kind kind = m_kind;
    const QString what = title();
    return new CallTask(
        [ctx, path, kind]() -> AemCall * {
            FormFields fields;
            switch (kind) {
            case Kind::ReplicationAgent:
                return ctx->session->deleteResource(path); // documented (notes 3.1, 4.1)
            case Kind::ReplicationUser:
                for (const auto &f : ctx->recipe.properties(QStringLiteral("userDeleteFields")))
                    fields.append({f.first, f.second});
                break;
            case Kind::CloudConfig:
                for (const auto &f : ctx->recipe.properties(QStringLiteral("nodeDeleteFields")))
                    fields.append({f.first, f.second});
                break;
            }
            return ctx->session->post(path, fields);
        },
        [what](const AemCall &call) -> Result<bool> {
            // 404: already gone (a repeated apply, or deleted by hand meanwhile).
            if (call.status() == 200 || call.status() == 201 || call.status() == 204 || call.status() == 404)
                return true;
            return unexpectedAnswer(call, what);
        });
}

Task *DeleteNodeStep::makeVerify()
{
    if (!m_exists)
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_path + m_ctx->recipe.text(QStringLiteral("deleteReadSuffix"));
    const QString shown = m_path;
    return readBackPoll(*ctx, [ctx, path, shown]() -> Task * {
        return new CallTask([ctx, path] { return ctx->session->get(path); },
                            [shown](const AemCall &call) -> Result<bool> {
                                if (call.status() == 404)
                                    return true;
                                return Error(ErrorCode::Rejected, tr("%1 is still there.").arg(shown));
                            });
    });
}

} // namespace bp
