// SPDX-License-Identifier: Apache-2.0
// Apply benchmark: plan + apply + agent tests against the simulator with 50 ms latency per answer. Prints,
// per phase, the wall time, the request count, the dependent round trips on the critical path (the longest
// chain of requests each sent only after the previous one's answer, read off the simulator's request log),
// and the ratio of wall time to (critical-path round trips x latency): close to 1 means the run waits only
// on requests that depend on each other, with independent reads and tests in flight together. Target <= 1.2.
#include "apply/CreateSession.h"
#include "sim/SimContentBuilder.h"
#include "sim/Simulator.h"
#include "time/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace bp;

namespace {

constexpr int LatencyMs = 50;

// The longest chain of requests where each one arrived after the previous one was answered.
int criticalPath(const QList<sim::SimRequestRecord> &log)
{
    QList<qint64> times;
    for (const auto &r : log)
        times << r.receivedMs;
    std::sort(times.begin(), times.end());
    QList<int> chain(times.size(), 1);
    int longest = 0;
    for (int i = 0; i < times.size(); ++i) {
        for (int j = 0; j < i; ++j) {
            // A few ms of slack: the answer leaves LatencyMs after arrival, the next request follows it.
            if (times[j] + LatencyMs <= times[i] + 3)
                chain[i] = std::max(chain[i], chain[j] + 1);
        }
        longest = std::max(longest, chain[i]);
    }
    return longest;
}

bool runTask(Task &task)
{
    QEventLoop loop;
    QObject::connect(&task, &Task::finished, &loop, &QEventLoop::quit);
    task.start();
    if (!task.isFinished())
        loop.exec();
    return task.succeeded();
}

struct Phase
{
    qint64 wallMs = 0;
    int requests = 0;
    int chain = 0;
    double ratio() const { return chain ? double(wallMs) / double(chain * LatencyMs) : 0.0; }
};

void print(const char *name, const Phase &p)
{
    const qint64 serial = qint64(p.requests) * LatencyMs;
    std::printf("  %-16s %8lld %9d %9d %11lld %8.2f %8.1fx  %s\n", name, static_cast<long long>(p.wallMs),
                p.requests, p.chain, static_cast<long long>(serial), p.ratio(),
                p.wallMs ? double(serial) / double(p.wallMs) : 0.0, p.ratio() <= 1.2 ? "met" : "NOT MET");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::printf(
        "apply against the simulator, %d ms latency per answer (plan, then apply with backup, verify and "
        "agent tests)\n",
        LatencyMs);
    std::printf("  %-16s %8s %9s %9s %11s %8s %9s  %s\n", "phase", "wall ms", "requests", "critical",
                "serial ms", "ratio", "speed-up", "ratio <= 1.2");
    int failures = 0;
    for (const QString &version : {QStringLiteral("6.5.22.0"), QStringLiteral("6.6.3")}) {
        sim::SimulatorOptions options;
        options.aemVersion = version;
        options.latencyMs = LatencyMs;
        sim::Simulator simulator(options);
        if (!simulator.start()) {
            std::fprintf(stderr, "simulator did not start\n");
            return 1;
        }
        CreateInputs in;
        in.connection.baseUrl = simulator.aemUrl();
        in.connection.user = QStringLiteral("admin");
        in.connection.password = SecretString(QStringLiteral("admin"));
        in.imsUrl = simulator.imsUrl();
        in.tenant = QStringLiteral("bpdemo");
        in.credential.kind = CredentialKind::OAuthServerToServer;
        in.credential.clientId = simulator.imsClientId();
        in.credential.orgId = simulator.imsOrgId();
        in.credential.scopes = sim::SimContentBuilder::oauthScopes().split(QLatin1Char(','));
        in.credential.clientSecrets = {SecretString(simulator.clientSecretsForTests().first())};
        QTemporaryDir backups;
        CreateSession session(in, WritePolicy::Allow, Clock::system(), BackupStore(backups.path()));

        std::printf("AEM %s, clean author\n", qPrintable(version));
        Phase plan;
        {
            std::unique_ptr<Task> task(session.makePlanTask());
            QElapsedTimer t;
            t.start();
            if (!runTask(*task) || session.plan().blocking()) {
                std::fprintf(stderr, "plan failed: %s\n", qPrintable(task->error().fullText()));
                return 1;
            }
            plan.wallMs = t.elapsed();
            plan.requests = simulator.requestCount();
            plan.chain = criticalPath(simulator.requests());
        }
        simulator.clearRequestLog();
        Phase apply;
        {
            ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
            QElapsedTimer t;
            t.start();
            if (!runTask(*run)) {
                std::fprintf(stderr, "apply failed: %s\n", qPrintable(run->error().fullText()));
                return 1;
            }
            apply.wallMs = t.elapsed();
            apply.requests = simulator.requestCount();
            apply.chain = criticalPath(simulator.requests());
        }
        print("plan", plan);
        print("apply + tests", apply);
        const Phase total{plan.wallMs + apply.wallMs, plan.requests + apply.requests,
                          plan.chain + apply.chain};
        print("total", total);
        failures += total.ratio() > 1.2 ? 1 : 0;
    }
    std::printf(
        "serial ms = requests x latency (all requests one after another); speed-up = serial / wall.\n");
    return failures ? 2 : 0;
}
