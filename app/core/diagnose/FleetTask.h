// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diagnose/DiagnoseTask.h"
#include "errors/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>

#include <memory>

namespace bp {

class ClockTimer;

// One line of an inventory file (diagnose --inventory): a saved profile, or a URL with the user; the
// password comes from the profile's keychain entry or the one --password-stdin for all.
struct InventoryEntry
{
    QString name; // shown in the summary (the profile name or the URL when not given)
    QString url;
    QString user;
    QString profile;
};

class Inventory
{
    Q_DECLARE_TR_FUNCTIONS(Inventory)
public:
    // JSON (an array of objects, or {"instances": [...]}, keys name/url/user/profile) or CSV with a header
    // line naming those columns. InvalidInput naming the line for anything else.
    static Result<QList<InventoryEntry>> parse(const QByteArray &bytes);
};

// The outcome of one instance of a fleet run.
struct FleetResult
{
    QString name;
    QString url;
    bool finished = false; // diagnose ran to its end
    Error error;           // why not (unreachable, timeout, cancelled)
    DiagnoseReport report; // when finished
    qint64 durationMs = 0;

    QString statusId() const; // "ok", "failing", "unreachable", "timeout"
};

// Diagnoses many authors at once: at most `parallel` at a time, each within its own time limit (so one slow
// or dead instance never stalls the rest). Always succeeds once every instance has a result (or fails only
// when cancelled); progress is the number of instances done.
class FleetTask : public Task
{
    Q_OBJECT
public:
    struct Instance
    {
        QString name;
        AemConnection connection;
    };
    struct Options
    {
        int parallel = 16;
        int instanceTimeoutMs = 120000;
        DiagnoseTask::Options diagnose;
    };
    FleetTask(QList<Instance> instances, Clock &clock, Options options, QObject *parent = nullptr);
    ~FleetTask() override;

    const QList<FleetResult> &results() const { return m_results; }
    int maxRunningSeen() const { return m_maxRunning; }

signals:
    void instanceFinished(int index);

protected:
    void run() override;
    bool abort() override;

private:
    void startNext();
    void onFinished(int index);
    void markSharedTenants();

    QList<Instance> m_instances;
    Clock &m_clock;
    Options m_options;
    QList<FleetResult> m_results;
    std::vector<std::unique_ptr<DiagnoseTask>> m_tasks;
    std::vector<std::unique_ptr<ClockTimer>> m_timers;
    std::vector<qint64> m_started;
    int m_next = 0;
    int m_running = 0;
    int m_done = 0;
    int m_maxRunning = 0;
};

} // namespace bp
