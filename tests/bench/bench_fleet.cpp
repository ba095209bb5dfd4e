// SPDX-License-Identifier: Apache-2.0
// Fleet diagnose benchmark (issue 12): 100 simulated authors, 50 ms latency per answer, served by one
// simulator process (this program with --farm), diagnosed by `bpsetup diagnose --inventory` with
// --parallel 1 (the baseline) and the default: wall time, requests, peak memory of bpsetup, speed-up.
// Then one instance in-process: wall time against the critical path (the waves of requests that must
// follow one another, read off the simulator's request log) times the latency. Targets: speed-up >= 10x,
// one instance within 1.2 x critical path.
#include "BenchProcess.h"
#include "diagnose/DiagnoseTask.h"
#include "sim/Simulator.h"
#include "time/Clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace bp;

namespace {

constexpr int Instances = 100;
constexpr int LatencyMs = 50;

sim::SimulatorOptions farmOptions(int i)
{
    sim::SimulatorOptions o;
    o.latencyMs = LatencyMs;
    // A realistic mix: most configured with OAuth, some JWT, some legacy, some faulty.
    switch (i % 5) {
    case 0:
    case 1:
        o.state = sim::SimState::OAuthS2S;
        break;
    case 2:
        o.state = sim::SimState::DevConsoleJwt;
        break;
    case 3:
        o.state = sim::SimState::LegacyGateway;
        break;
    default:
        o.state = sim::SimState::OAuthS2S;
        o.faults = {sim::SimFault::AgentDisabled};
        break;
    }
    return o;
}

// --farm N FILE: serves N simulators in this one process, writes the inventory to FILE, prints "ready";
// each line on stdin asks for the total of requests served since the last line; EOF ends it.
int farm(int n, const QString &inventory)
{
    std::vector<std::unique_ptr<sim::Simulator>> sims;
    QFile file(inventory);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write("name,url,user\n");
    for (int i = 0; i < n; ++i) {
        sims.push_back(std::make_unique<sim::Simulator>(farmOptions(i)));
        if (!sims.back()->start())
            return 1;
        file.write(
            QStringLiteral("author-%1,%2,admin\n").arg(i + 1).arg(sims.back()->aemUrl().toString()).toUtf8());
    }
    file.close();
    std::printf("ready\n");
    std::fflush(stdout);
    QSocketNotifier stdinReady(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinReady, &QSocketNotifier::activated, [&sims] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            QCoreApplication::quit();
            return;
        }
        int total = 0;
        for (auto &s : sims) {
            total += s->requestCount();
            s->clearRequestLog();
        }
        std::printf("%d\n", total);
        std::fflush(stdout);
    });
    return QCoreApplication::exec();
}

// The waves of a request log: a request received at least half a latency after the previous wave began
// starts the next one (its request had to wait for an earlier answer).
int waves(const QList<sim::SimRequestRecord> &log)
{
    QList<qint64> times;
    for (const sim::SimRequestRecord &r : log)
        times << r.receivedMs;
    std::sort(times.begin(), times.end());
    int n = 0;
    qint64 waveStart = -1;
    for (qint64 t : times) {
        if (waveStart < 0 || t - waveStart >= LatencyMs / 2) {
            ++n;
            waveStart = t;
        }
    }
    return n;
}

int singleInstance()
{
    sim::SimulatorOptions o;
    o.state = sim::SimState::OAuthS2S;
    o.latencyMs = LatencyMs;
    sim::Simulator simulator(o);
    if (!simulator.start())
        return 1;
    QList<qint64> walls;
    int requests = 0, rounds = 0;
    for (int run = 0; run < 5; ++run) {
        simulator.clearRequestLog();
        AemConnection c;
        c.baseUrl = simulator.aemUrl();
        c.user = QStringLiteral("admin");
        c.password = SecretString(QStringLiteral("admin"));
        DiagnoseTask task(c, Clock::system(), DiagnoseTask::Options{});
        QEventLoop loop;
        QObject::connect(&task, &Task::finished, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        task.start();
        loop.exec();
        walls << timer.elapsed();
        if (!task.succeeded()) {
            std::fprintf(stderr, "diagnose failed: %s\n", qPrintable(task.error().userMessage));
            return 1;
        }
        requests = simulator.requestCount();
        rounds = waves(simulator.requests());
    }
    std::sort(walls.begin(), walls.end());
    const qint64 wall = walls.at(walls.size() / 2);
    const qint64 critical = qint64(rounds) * LatencyMs;
    std::printf("\none instance (6.5.22.0, OAuth), median of 5 runs\n");
    std::printf("%-10s %9s %14s %18s %8s %s\n", "requests", "waves", "wall (ms)", "waves x latency", "ratio",
                "target <= 1.20");
    std::printf("%-10d %9d %14lld %18lld %8.2f %s\n", requests, rounds, static_cast<long long>(wall),
                static_cast<long long>(critical), double(wall) / double(critical),
                double(wall) <= 1.2 * double(critical) ? "met" : "MISSED");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args.at(1) == QLatin1String("--farm"))
        return farm(args.at(2).toInt(), args.at(3));
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_fleet BPSETUP\n");
        return 2;
    }
    const QByteArray bpsetup = args.at(1).toLocal8Bit();
    QTemporaryDir dir;
    const QString inventory = dir.filePath(QStringLiteral("fleet.csv"));
    QProcess farmProcess;
    farmProcess.start(app.applicationFilePath(),
                      {QStringLiteral("--farm"), QString::number(Instances), inventory});
    if (!farmProcess.waitForStarted() || !farmProcess.waitForReadyRead(60000) ||
        !farmProcess.readLine().startsWith("ready")) {
        std::fprintf(stderr, "the simulator farm did not start\n");
        return 1;
    }
    const auto servedSinceLast = [&farmProcess]() {
        farmProcess.write("count\n");
        farmProcess.waitForReadyRead(10000);
        return farmProcess.readLine().trimmed().toInt();
    };
    servedSinceLast();
    qputenv("BPSETUP_AEM_PASSWORD", "admin");
    // Profiles, trust and backups of a throwaway home: the benchmark touches nothing of the user's.
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toLocal8Bit());

    std::printf("fleet diagnose: %d simulated authors in one simulator process, %d ms latency per answer\n",
                Instances, LatencyMs);
    std::printf("%-16s %10s %10s %14s %10s %8s\n", "parallel", "wall (ms)", "requests", "peak RSS (MiB)",
                "instances", "speed-up");
    double baseline = 0;
    double atDefault = 0;
    for (const QByteArray &parallel : {QByteArray("1"), QByteArray("default"), QByteArray("32")}) {
        QList<QByteArray> cmd{"diagnose", "--inventory", inventory.toLocal8Bit(), "--json"};
        if (parallel != "default")
            cmd << "--parallel" << parallel;
        const bench::ProcessRun run = bench::runProcess(bpsetup, cmd);
        const int requests = servedSinceLast();
        const QJsonObject json = QJsonDocument::fromJson(run.output).object();
        const int reached = int(json.value(QStringLiteral("instances")).toArray().size()) -
                            json.value(QStringLiteral("unreachable")).toInt();
        if (parallel == "1")
            baseline = run.wallTotalMs;
        if (parallel == "default")
            atDefault = baseline / run.wallTotalMs;
        std::printf("%-16s %10.0f %10d %14.1f %10d %7.1fx\n", parallel.constData(), run.wallTotalMs, requests,
                    double(run.peakRssKb) / 1024.0, reached, baseline / run.wallTotalMs);
        if (reached != Instances) {
            std::fprintf(stderr, "only %d of %d instances were diagnosed (exit %d)\n", reached, Instances,
                         run.exitCode);
            return 1;
        }
    }
    std::printf("target: speed-up >= 10x over --parallel 1 at the default: %.1fx, %s\n", atDefault,
                atDefault >= 10 ? "met" : "MISSED");
    farmProcess.closeWriteChannel();
    farmProcess.waitForFinished(10000);
    return singleInstance();
}
