// SPDX-License-Identifier: Apache-2.0
// Validate benchmark: `bpsetup validate` against the simulated IMS, side by side with a small Node script
// using Adobe's own @adobe/aio-lib-ims against the same simulator (its client-credentials call goes to
// /ims/token/v2, bpsetup's to /ims/token/v3; both are served by the same simulated IMS). Wall time from spawn
// to exit and peak RSS (wait4), medians of alternating runs. Targets: time <= 0.15x, memory <= 0.5x the peer.
#include "BenchProcess.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

// Starts `bpsetup simulate --json --credentials-out DIR` and reads its first line (the URLs).
pid_t startSimulator(const QByteArray &bpsetup, const QByteArray &dir, QJsonObject *info)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    QList<QByteArray> store{bpsetup, "simulate", "--json", "--credentials-out", dir};
    std::vector<char *> argv;
    for (QByteArray &a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, bpsetup.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (rc != 0)
        return 0;
    QByteArray line;
    char c = 0;
    while (read(pipeFds[0], &c, 1) == 1 && c != '\n')
        line.append(c);
    close(pipeFds[0]);
    *info = QJsonDocument::fromJson(line).object();
    return pid;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_validate BPSETUP NODE_PEER_DIR [RUNS]\n");
        return 2;
    }
    const QByteArray bpsetup = argv[1];
    const QByteArray peerDir = argv[2];
    const int runs = argc > 3 ? std::atoi(argv[3]) : 10;
    QTemporaryDir dir;
    QJsonObject info;
    const pid_t sim = startSimulator(bpsetup, dir.path().toLocal8Bit(), &info);
    if (!sim || info.isEmpty()) {
        std::fprintf(stderr, "the simulator did not start\n");
        return 1;
    }
    const QByteArray ims = info.value(QStringLiteral("imsUrl")).toString().toUtf8();
    const QByteArray credentials = dir.filePath(QStringLiteral("oauth-s2s-project.json")).toLocal8Bit();
    const QByteArray script = peerDir + "/validate-aio.js";

    const QList<QByteArray> ours{"validate", "--credentials", credentials, "--ims-url", ims, "--json"};
    const QList<QByteArray> peer{script, ims, credentials};
    // Warm up both (page cache, Node's compile cache) and check they really get a token.
    const bench::ProcessRun a0 = bench::runProcess(bpsetup, ours);
    const bench::ProcessRun b0 = bench::runProcess("node", peer);
    if (a0.exitCode != 0 || b0.exitCode != 0) {
        std::fprintf(stderr, "a warm-up run failed (bpsetup exit %d, node exit %d): %s %s\n", a0.exitCode,
                     b0.exitCode, a0.output.constData(), b0.output.constData());
        kill(sim, SIGTERM);
        waitpid(sim, nullptr, 0);
        return 1;
    }
    QList<double> ourWall, ourRss, peerWall, peerRss;
    for (int i = 0; i < runs; ++i) {
        const bench::ProcessRun a = bench::runProcess(bpsetup, ours);
        const bench::ProcessRun b = bench::runProcess("node", peer);
        if (a.exitCode != 0 || b.exitCode != 0) {
            std::fprintf(stderr, "a run failed\n");
            break;
        }
        ourWall << a.wallTotalMs;
        ourRss << a.peakRssKb;
        peerWall << b.wallTotalMs;
        peerRss << b.peakRssKb;
    }
    kill(sim, SIGTERM);
    waitpid(sim, nullptr, 0);
    if (ourWall.isEmpty())
        return 1;
    const double timeRatio = bench::median(ourWall) / bench::median(peerWall);
    const double rssRatio = bench::median(ourRss) / bench::median(peerRss);
    std::printf("\nvalidate (OAuth S2S) against the simulated IMS, median of %d alternating runs\n", runs);
    std::printf("%-24s %16s %22s %8s\n", "", "bpsetup validate", "node + aio-lib-ims", "ratio");
    std::printf("%-24s %16.1f %22.1f %8.3f\n", "wall, spawn to exit (ms)", bench::median(ourWall),
                bench::median(peerWall), timeRatio);
    std::printf("%-24s %16.0f %22.0f %8.3f\n", "peak RSS (KiB)", bench::median(ourRss),
                bench::median(peerRss), rssRatio);
    std::printf("targets: time <= 0.15x %s, memory <= 0.5x %s\n", timeRatio <= 0.15 ? "met" : "MISSED",
                rssRatio <= 0.5 ? "met" : "MISSED");
    return 0;
}
