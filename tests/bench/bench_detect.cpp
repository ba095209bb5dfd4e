// SPDX-License-Identifier: Apache-2.0
// Detection benchmark: `detect` against the simulator with 100 ms latency per answer. Prints the request
// count and wall time next to what the same requests would take one after another.
#include "aem/InstanceDetector.h"
#include "sim/Simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>

using namespace bp;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int latencyMs = 100;
    const int runs = 5;
    std::printf("detect against the simulator, %d ms latency per answer, median of %d runs\n", latencyMs,
                runs);
    std::printf("%-34s %9s %10s %12s %8s\n", "version / state", "requests", "wall (ms)", "serial (ms)",
                "speed-up");
    const QList<QPair<QString, sim::SimState>> cases{
        {QStringLiteral("6.5.22.0"), sim::SimState::None},
        {QStringLiteral("6.5.17.0"), sim::SimState::LegacyGateway},
        {QStringLiteral("6.6.3"), sim::SimState::OAuthS2S}};
    for (const auto &c : cases) {
        sim::SimulatorOptions options;
        options.aemVersion = c.first;
        options.state = c.second;
        options.latencyMs = latencyMs;
        sim::Simulator simulator(options);
        if (!simulator.start()) {
            std::fprintf(stderr, "simulator did not start\n");
            return 1;
        }
        QList<qint64> walls;
        int requests = 0;
        for (int i = 0; i < runs; ++i) {
            AemConnection connection;
            connection.baseUrl = simulator.aemUrl();
            connection.user = QStringLiteral("admin");
            connection.password = SecretString(QStringLiteral("admin"));
            InstanceDetector detector(connection);
            QEventLoop loop;
            QObject::connect(&detector, &Task::finished, &loop, &QEventLoop::quit);
            QElapsedTimer timer;
            timer.start();
            detector.start();
            loop.exec();
            walls << timer.elapsed();
            if (!detector.result().ok()) {
                std::fprintf(stderr, "detect failed: %s\n",
                             qPrintable(detector.result().error().userMessage));
                return 1;
            }
            requests = detector.requestCount();
        }
        std::sort(walls.begin(), walls.end());
        const qint64 wall = walls.at(walls.size() / 2);
        const qint64 serial = static_cast<qint64>(requests) * latencyMs;
        std::printf("%-34s %9d %10lld %12lld %7.1fx\n",
                    qPrintable(c.first + QStringLiteral(" / ") + sim::Simulator::stateName(c.second)),
                    requests, static_cast<long long>(wall), static_cast<long long>(serial),
                    static_cast<double>(serial) / static_cast<double>(wall));
    }
    return 0;
}
