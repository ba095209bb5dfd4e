// SPDX-License-Identifier: Apache-2.0
#include "apply/UpgradeSteps.h"

#include "apply/AemReads.h"

#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"
#include "time/Clock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

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
               "Portal agent shows \"Queue is idle\"), or wait for them: the wizard's Wait for the queues "
               "button, or --wait-for-idle SECONDS on the command line. A blocked queue needs its first "
               "item fixed or removed. Nothing was changed."));
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

// ---- RemoveKeyAliasStep ----

namespace bp {

RemoveKeyAliasStep::RemoveKeyAliasStep(std::shared_ptr<CreateContext> context, QString alias, bool remove)
    : m_ctx(std::move(context)), m_alias(std::move(alias)), m_remove(remove)
{
}

QStringList RemoveKeyAliasStep::parseAliases(const QByteArray &json, bool *ok)
{
    QStringList out;
    for (const AemReads::KeystoreAlias &a : AemReads::keystoreAliases(json, QString(), ok))
        out << a.alias;
    return out;
}

Task *RemoveKeyAliasStep::findUser()
{
    // The first documented id that names an existing user wins (notes 4.3: the name is seen in demo
    // tooling only, so the list is data).
    auto *seq = new SequentialTask;
    for (const QString &id : m_ctx->recipe.list(QStringLiteral("jwtKeyServiceUserIds"))) {
        const QString query = AemReads::authorizableQuery(m_ctx->recipe, id);
        seq->addTask(new LazyTask([this, id, query]() -> Task * {
            if (!m_userPath.isEmpty())
                return nullptr;
            return new CallTask([this, query] { return m_ctx->session->get(query); },
                                [this, id](const AemCall &call) -> Result<bool> {
                                    bool ok = false;
                                    const QStringList homes =
                                        AemReads::authorizablePaths(call.response().body, &ok);
                                    if (call.status() != 200 || !ok)
                                        return unexpectedAnswer(call, tr("Looking up the user %1").arg(id));
                                    if (!homes.isEmpty()) {
                                        m_userId = id;
                                        m_userPath = homes.first();
                                    }
                                    return true;
                                });
        }));
    }
    return seq;
}

Task *RemoveKeyAliasStep::readKeystore()
{
    return new LazyTask([this]() -> Task * {
        if (m_userPath.isEmpty())
            return nullptr;
        const QString path = m_userPath + m_ctx->recipe.text(QStringLiteral("keystoreReadSuffix"));
        return new CallTask([this, path] { return m_ctx->session->get(path); },
                            [this](const AemCall &call) -> Result<bool> {
                                if (call.status() == 404)
                                    return true; // no keystore: nothing left over
                                bool ok = false;
                                m_aliases = parseAliases(call.response().body, &ok);
                                if (call.status() != 200 || !ok)
                                    return unexpectedAnswer(call,
                                                            tr("Reading the keystore of %1").arg(m_userId));
                                m_keystoreBody = call.response().body;
                                m_present = m_aliases.contains(m_alias);
                                return true;
                            });
    });
}

Task *RemoveKeyAliasStep::makeRead()
{
    m_userId.clear();
    m_userPath.clear();
    m_aliases.clear();
    m_keystoreBody.clear();
    m_present = false;
    m_readError = Error();
    auto *seq = new SequentialTask;
    seq->addTask(findUser());
    seq->addTask(readKeystore());
    if (m_remove)
        return seq; // asked for: a failed check fails the plan
    // Only offered: a lookup the instance does not allow (a dispatcher rule, another keystore format) must
    // not stop the upgrade; the plan says why the leftover could not be checked.
    QObject::connect(seq, &Task::finished, seq, [this, seq] {
        if (!seq->succeeded() && seq->error().code != ErrorCode::Cancelled)
            m_readError = seq->error();
    });
    return new OptionalTask(seq);
}

StepDescription RemoveKeyAliasStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("Remove the JWT key alias %1 from the keystore of %2")
                  .arg(m_alias, m_userId.isEmpty()
                                    ? m_ctx->recipe.list(QStringLiteral("jwtKeyServiceUserIds")).value(0)
                                    : m_userId);
    d.target = m_userPath.isEmpty() ? QString() : m_userPath + QStringLiteral("/keystore");
    d.action = m_present && m_remove ? ChangeAction::Delete : ChangeAction::Unchanged;
    if (m_present) {
        d.reason = tr("Left over from JWT: OAuth Server-to-Server needs no key pair. The keystore is in the "
                      "backup, so rollback brings the alias back.");
        d.changes.append({tr("alias"), m_alias, QString(), true, false, false});
    } else {
        d.reason = m_userPath.isEmpty() ? tr("No such user.") : tr("Already gone.");
    }
    return d;
}

BackupRecord RemoveKeyAliasStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    // The keystore comes back from the plan's content package, like a deleted node.
    r.kind = QStringLiteral("deleted");
    r.target = m_userPath + QStringLiteral("/keystore");
    r.existed = m_present && m_remove;
    r.before.insert(QStringLiteral("user"), m_userId);
    r.before.insert(QStringLiteral("userPath"), m_userPath);
    r.before.insert(QStringLiteral("alias"), m_alias);
    r.before.insert(QStringLiteral("aliases"), QJsonArray::fromStringList(m_aliases));
    return r;
}

QByteArray RemoveKeyAliasStep::fingerprint() const
{
    const QByteArray digestInput = m_userPath.toUtf8() + '\n' + m_keystoreBody;
    return QCryptographicHash::hash(digestInput, QCryptographicHash::Sha256);
}

Task *RemoveKeyAliasStep::makeApply(BackupRecord *)
{
    if (!m_present || !m_remove)
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_userPath + m_ctx->recipe.text(QStringLiteral("keystoreWriteSuffix"));
    FormFields fields;
    for (const auto &f : m_ctx->recipe.properties(QStringLiteral("keyAliasRemoveFields")))
        fields.append({f.first, ApplyRecipe::expand(f.second, {{QStringLiteral("alias"), m_alias}})});
    const QString what = describe().title;
    return new CallTask([ctx, path, fields] { return ctx->session->postMultipart(path, fields, {}); },
                        [what](const AemCall &call) -> Result<bool> {
                            if (call.status() == 200 || call.status() == 201 || call.status() == 204)
                                return true;
                            return unexpectedAnswer(call, what);
                        });
}

Task *RemoveKeyAliasStep::makeVerify()
{
    if (!m_present || !m_remove)
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_userPath + m_ctx->recipe.text(QStringLiteral("keystoreReadSuffix"));
    const QString alias = m_alias;
    const QString user = m_userId;
    return readBackPoll(*ctx, [ctx, path, alias, user]() -> Task * {
        return new CallTask(
            [ctx, path] { return ctx->session->get(path); },
            [alias, user](const AemCall &call) -> Result<bool> {
                bool ok = false;
                const QStringList aliases = parseAliases(call.response().body, &ok);
                if (call.status() == 404 || (call.status() == 200 && ok && !aliases.contains(alias)))
                    return true;
                return Error(ErrorCode::Rejected,
                             tr("The keystore of %1 still holds the alias %2.").arg(user, alias));
            });
    });
}

QList<Prerequisite> RemoveKeyAliasStep::prerequisites() const
{
    QList<Prerequisite> out;
    if (m_remove)
        return out;
    if (m_readError.code != ErrorCode::None) {
        Prerequisite p;
        p.id = QStringLiteral("jwt-key-alias-unchecked");
        p.blocking = false;
        p.message = tr("Could not check whether the JWT key alias %1 is still in a keystore: %2")
                        .arg(m_alias, m_readError.userMessage);
        p.remedy = tr("Nothing depends on it. To clean up by hand: Tools › Security › Users › %1 › Keystore.")
                       .arg(m_ctx->recipe.list(QStringLiteral("jwtKeyServiceUserIds")).value(0));
        out.append(p);
    } else if (m_present) {
        Prerequisite p;
        p.id = QStringLiteral("jwt-key-alias-left");
        p.blocking = false;
        p.message =
            tr("The keystore of %1 still holds the JWT key alias %2, which OAuth Server-to-Server does "
               "not use.")
                .arg(m_userId, m_alias);
        p.remedy =
            tr("Remove it with this upgrade: run again with --remove-jwt-key-alias (in the wizard: tick "
               "\"Also remove the JWT key alias\" on the Review page). It is backed up first.");
        out.append(p);
    }
    return out;
}

} // namespace bp
