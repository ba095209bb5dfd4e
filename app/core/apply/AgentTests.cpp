// SPDX-License-Identifier: Apache-2.0
#include "apply/AgentTests.h"

#include "apply/ApplyTasks.h"
#include "apply/CreateSteps.h"
#include "i18n/DisplayFormat.h"
#include "tasks/CompositeTasks.h"
#include "time/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace bp {

AgentTestsTask::AgentTestsTask(std::shared_ptr<CreateContext> context, QList<TestOutcome> *outcomes,
                               QObject *parent)
    : Task(parent), m_ctx(std::move(context)), m_outcomes(outcomes)
{
}

AgentTestsTask::~AgentTestsTask()
{
    if (m_current)
        m_current->cancel();
}

QString AgentTestsTask::testPageMessage(const QByteArray &html)
{
    QString text = QString::fromUtf8(html);
    text.remove(QRegularExpression(QStringLiteral("<(script|style)[^>]*>.*?</\\1>"),
                                   QRegularExpression::DotMatchesEverythingOption |
                                       QRegularExpression::CaseInsensitiveOption));
    text.replace(QRegularExpression(QStringLiteral("<br\\s*/?>|</(p|div|li|h\\d|pre)>"),
                                    QRegularExpression::CaseInsensitiveOption),
                 QStringLiteral("\n"));
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    text.replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    // The verdict is the last line that says how the test went.
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    static const QRegularExpression verdict(QStringLiteral("succeeded|failed|error|exception"),
                                            QRegularExpression::CaseInsensitiveOption);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->simplified();
        if (verdict.match(line).hasMatch())
            return line.left(300);
    }
    return lines.isEmpty() ? QString() : lines.last().simplified().left(300);
}

AgentTestsTask::QueueState AgentTestsTask::parseQueue(const QByteArray &json)
{
    QueueState s;
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError || !root.contains(QStringLiteral("queue")))
        return s;
    s.readable = true;
    const QJsonObject status =
        root.value(QStringLiteral("metaData")).toObject().value(QStringLiteral("queueStatus")).toObject();
    s.blocked = status.value(QStringLiteral("isBlocked")).toBool();
    s.paused = status.value(QStringLiteral("isPaused")).toBool();
    const QJsonArray items = root.value(QStringLiteral("queue")).toArray();
    s.items = int(items.size());
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        const qint64 time = qint64(item.value(QStringLiteral("time")).toDouble());
        if (s.oldestTimeMs == 0 || (time > 0 && time < s.oldestTimeMs)) {
            s.oldestTimeMs = time;
            s.oldestPath = item.value(QStringLiteral("path")).toString();
        }
    }
    return s;
}

void AgentTestsTask::run()
{
    auto ctx = m_ctx;
    auto agents = std::make_shared<QList<QPair<QString, QString>>>();
    Task *list = AgentsStep::readTenantAgents(ctx, [agents](const QList<AgentsStep::Agent> &found) {
        for (const AgentsStep::Agent &a : found)
            agents->append({a.name, a.path});
    });
    list->setParent(this);
    m_current = list;
    connect(list, &Task::finished, this, [this, list, agents] {
        m_current.clear();
        list->deleteLater();
        if (!isRunning())
            return;
        if (!list->succeeded()) {
            fail(list->error());
            return;
        }
        startTests(*agents);
    });
    list->start();
}

void AgentTestsTask::startTests(const QList<QPair<QString, QString>> &agents)
{
    m_outcomes->clear();
    if (agents.isEmpty()) {
        TestOutcome o;
        o.id = QStringLiteral("agents-present");
        o.target = m_ctx->recipe.text(QStringLiteral("agentsRoot"));
        o.message = tr("No Brand Portal replication agent for %1 was found.").arg(m_ctx->tenant);
        o.remedy = tr("Open the Brand Portal cloud configuration, save it again and run apply again; AEM "
                      "creates the agents when it is saved.");
        m_outcomes->append(o);
        succeed();
        return;
    }
    auto ctx = m_ctx;
    Clock &clock = *ctx->clock;
    const qint64 started = clock.monotonicMs();
    auto *all = new ConcurrentTask(ConcurrentTask::Mode::CollectResults, 0, this);
    QList<TestOutcome> *outcomes = m_outcomes;
    const bool runTests = m_runTests;
    for (const auto &[name, path] : agents) {
        const int testIndex = int(outcomes->size());
        if (runTests) {
            TestOutcome test;
            test.id = QStringLiteral("agent-test:") + name;
            test.target = path;
            outcomes->append(test);
        }
        const int queueIndex = int(outcomes->size());
        TestOutcome queue;
        queue.id = QStringLiteral("agent-queue:") + name;
        queue.target = path;
        outcomes->append(queue);
        const QHash<QString, QString> vars{{QStringLiteral("agentPath"), path},
                                           {QStringLiteral("agentName"), name}};
        const QString testPath = ApplyRecipe::expand(ctx->recipe.text(QStringLiteral("agentTestPath")), vars);
        const QString queuePath =
            ApplyRecipe::expand(ctx->recipe.text(QStringLiteral("agentQueuePath")), vars);
        const QString agentName = name;
        if (runTests)
            all->addTask(new CallTask(
                [ctx, testPath] { return ctx->session->get(testPath); },
                [ctx, outcomes, testIndex, agentName, started, &clock](const AemCall &call) -> Result<bool> {
                    TestOutcome &o = (*outcomes)[testIndex];
                    o.durationMs = clock.monotonicMs() - started;
                    const QString page = testPageMessage(call.response().body);
                    o.passed = call.status() == 200 &&
                               QString::fromUtf8(call.response().body)
                                   .contains(ctx->recipe.text(QStringLiteral("agentTestSuccess")),
                                             Qt::CaseInsensitive);
                    if (o.passed) {
                        o.message = tr("Test Connection of %1 succeeded.").arg(agentName);
                    } else {
                        o.message = tr("Test Connection of %1 failed (%2): %3")
                                        .arg(agentName, httpStatusText(call.status()),
                                             page.isEmpty() ? tr("no result on the page") : page);
                        o.remedy =
                            tr("Check the IMS configuration (Tools › Security › Adobe IMS Configurations › "
                               "Check Health), that Extended › Close Connection is set on the agent, and "
                               "the replication log; then run the test again.");
                    }
                    return true;
                }));
        all->addTask(new CallTask(
            [ctx, queuePath] { return ctx->session->get(queuePath); },
            [outcomes, queueIndex, agentName, started, &clock](const AemCall &call) -> Result<bool> {
                TestOutcome &o = (*outcomes)[queueIndex];
                o.durationMs = clock.monotonicMs() - started;
                const QueueState q = call.status() == 200 ? parseQueue(call.response().body) : QueueState();
                o.passed = q.readable && !q.blocked && q.items == 0;
                o.queueItems = q.items;
                o.oldestPath = q.oldestPath;
                o.oldestTimeMs = q.oldestTimeMs;
                if (!q.readable) {
                    o.message = tr("The queue of %1 could not be read (%2).")
                                    .arg(agentName, httpStatusText(call.status()));
                    o.remedy =
                        tr("Open the agent in Tools › Deployment › Replication and look at its queue.");
                } else if (o.passed) {
                    o.message = tr("The queue of %1 is idle.").arg(agentName);
                } else {
                    o.message =
                        q.blocked ? tr("The queue of %1 is blocked with %n item(s).", nullptr, q.items)
                                        .arg(agentName)
                                  : tr("The queue of %1 holds %n item(s).", nullptr, q.items).arg(agentName);
                    if (!q.oldestPath.isEmpty())
                        o.message += QLatin1Char(' ') + tr("Oldest: %1.").arg(q.oldestPath);
                    o.remedy = tr("Look at the replication log for the first failing item; do not disable "
                                  "the agent (queued assets can fail). Retry or clear the item once the "
                                  "cause is fixed.");
                }
                return true;
            }));
    }
    m_current = all;
    connect(all, &Task::finished, this, [this, all] {
        m_current.clear();
        all->deleteLater();
        if (isRunning())
            succeed(); // each outcome says whether it passed
    });
    all->start();
}

bool AgentTestsTask::abort()
{
    if (m_current)
        m_current->cancel();
    return false;
}

} // namespace bp
