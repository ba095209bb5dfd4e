// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "change/ApplyRun.h"

#include <memory>
#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>

namespace bp {

struct CreateContext;

// The end-to-end test after apply: finds the tenant's replication agents (by transport URI), then runs
// every agent's Test Connection and reads every agent's queue, all at once. A test passes when the page
// reports success; a queue passes when it is not blocked and holds no items.
class AgentTestsTask : public Task
{
    Q_OBJECT
public:
    AgentTestsTask(std::shared_ptr<CreateContext> context, QList<TestOutcome> *outcomes,
                   QObject *parent = nullptr);
    ~AgentTestsTask() override;
    // false: only the queues are read (diagnose without --run-tests: a Test Connection replicates a test
    // package, so it runs only when asked). Before start().
    void setRunTests(bool run) { m_runTests = run; }

    // Pure parsers, for tests.
    // The text of an agent's test page for people ("Replication test failed: ..."), without markup.
    static QString testPageMessage(const QByteArray &html);
    struct QueueState
    {
        bool readable = false;
        bool blocked = false;
        bool paused = false;
        int items = 0;
        QString oldestPath;
        qint64 oldestTimeMs = 0; // epoch ms of the oldest item, 0 when unknown
    };
    static QueueState parseQueue(const QByteArray &json);

protected:
    void run() override;
    bool abort() override;

private:
    void startTests(const QList<QPair<QString, QString>> &agents);

    std::shared_ptr<CreateContext> m_ctx;
    QList<TestOutcome> *m_outcomes;
    bool m_runTests = true;
    QPointer<Task> m_current;
};

} // namespace bp
