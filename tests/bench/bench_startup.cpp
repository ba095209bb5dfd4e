// SPDX-License-Identifier: Apache-2.0
// Start-up benchmark: `bpsetup --demo` (wizard + in-process simulator) against a bare QWizard program built
// alongside it. Measures wall time from spawn to the first page being painted, and peak RSS (wait4), over
// several alternating runs, and prints medians side by side with the ratios. Target: both ratios <= 1.3.
#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

struct Run
{
    double wallMs = -1;     // spawn -> "first-page-shown-ms" line read
    double reportedMs = -1; // what the program measured from its own process start
    long peakRssKb = -1;
};

Run runOnce(const QByteArray &exe, const QList<QByteArray> &args)
{
    Run run;
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return run;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    QList<QByteArray> argvStore{exe};
    argvStore += args;
    std::vector<char *> argv;
    for (QByteArray &a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, exe.constData(), &actions, nullptr, argv.data(), environ) != 0) {
        std::fprintf(stderr, "cannot start %s\n", exe.constData());
        return run;
    }
    close(pipeFds[1]);
    QByteArray output;
    char buffer[512];
    ssize_t n = 0;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) {
        output.append(buffer, static_cast<int>(n));
        if (run.wallMs < 0 && output.contains("first-page-shown-ms"))
            run.wallMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    }
    close(pipeFds[0]);
    int status = 0;
    struct rusage usage
    {
    };
    wait4(pid, &status, 0, &usage);
    posix_spawn_file_actions_destroy(&actions);
    run.peakRssKb = usage.ru_maxrss;
    const int at = output.indexOf("first-page-shown-ms ");
    if (at >= 0)
        run.reportedMs = output.mid(at + 20).split('\n').value(0).toDouble();
    return run;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_startup BPSETUP BARE_WIZARD [RUNS]\n");
        return 2;
    }
    // On a display (e.g. Xvfb) measure the real window; without one, the offscreen platform.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
    const int runs = argc > 3 ? std::atoi(argv[3]) : 10;
    const QByteArray bpsetup = argv[1];
    const QByteArray bare = argv[2];
    QList<double> bpWall, bpReported, bpRss, bareWall, bareReported, bareRss;
    runOnce(bpsetup, {"--demo", "--exit-after-first-page"}); // warm the page cache for both
    runOnce(bare, {"--exit-after-first-page"});
    for (int i = 0; i < runs; ++i) {
        const Run a = runOnce(bpsetup, {"--demo", "--exit-after-first-page"});
        const Run b = runOnce(bare, {"--exit-after-first-page"});
        if (a.wallMs < 0 || b.wallMs < 0) {
            std::fprintf(stderr, "a run did not report its first page\n");
            return 1;
        }
        bpWall << a.wallMs;
        bpReported << a.reportedMs;
        bpRss << a.peakRssKb;
        bareWall << b.wallMs;
        bareReported << b.reportedMs;
        bareRss << b.peakRssKb;
    }
    const double wallRatio = median(bpWall) / median(bareWall);
    const double rssRatio = median(bpRss) / median(bareRss);
    const char *platform = std::getenv("QT_QPA_PLATFORM");
    std::printf("start-up to first page (platform: %s), median of %d alternating runs\n",
                platform ? platform : "default", runs);
    std::printf("%-28s %14s %14s %8s\n", "", "bpsetup --demo", "bare QWizard", "ratio");
    std::printf("%-28s %14.1f %14.1f %8.2f\n", "wall to first page (ms)", median(bpWall), median(bareWall),
                wallRatio);
    std::printf("%-28s %14.1f %14.1f %8.2f\n", "self-reported (ms)", median(bpReported), median(bareReported),
                median(bpReported) / median(bareReported));
    std::printf("%-28s %14.0f %14.0f %8.2f\n", "peak RSS (KiB)", median(bpRss), median(bareRss), rssRatio);
    std::printf("target <= 1.30: time %s, memory %s\n", wallRatio <= 1.3 ? "met" : "MISSED",
                rssRatio <= 1.3 ? "met" : "MISSED");
    return 0;
}
