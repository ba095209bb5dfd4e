// SPDX-License-Identifier: Apache-2.0
// Start-up benchmark: `bpsetup --demo` (wizard + in-process simulator) against a bare QWizard program built
// alongside it. Measures wall time from spawn to the first page being painted, and peak RSS (wait4), over
// several alternating runs, and prints medians side by side with the ratios. Target: both ratios <= 1.3.
#include "BenchProcess.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <csignal>
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
    const bench::ProcessRun p = bench::runProcess(exe, args, "first-page-shown-ms");
    Run run;
    run.wallMs = p.wallToMarkerMs;
    run.peakRssKb = p.peakRssKb;
    const int at = p.output.indexOf("first-page-shown-ms ");
    if (at >= 0)
        run.reportedMs = p.output.mid(at + 20).split('\n').value(0).toDouble();
    return run;
}

using bench::median;

struct Comparison
{
    double wallRatio = 0;
    double rssRatio = 0;
};

Comparison measure(const char *label, const QByteArray &bpsetup, const QByteArray &bare, int runs)
{
    QList<double> bpWall, bpReported, bpRss, bareWall, bareReported, bareRss;
    runOnce(bpsetup, {"--demo", "--exit-after-first-page"}); // warm the page cache for both
    runOnce(bare, {"--exit-after-first-page"});
    for (int i = 0; i < runs; ++i) {
        const Run a = runOnce(bpsetup, {"--demo", "--exit-after-first-page"});
        const Run b = runOnce(bare, {"--exit-after-first-page"});
        if (a.wallMs < 0 || b.wallMs < 0) {
            std::fprintf(stderr, "a run did not report its first page\n");
            std::exit(1);
        }
        bpWall << a.wallMs;
        bpReported << a.reportedMs;
        bpRss << a.peakRssKb;
        bareWall << b.wallMs;
        bareReported << b.reportedMs;
        bareRss << b.peakRssKb;
    }
    Comparison c{median(bpWall) / median(bareWall), median(bpRss) / median(bareRss)};
    std::printf("\nstart-up to first page, %s, median of %d alternating runs\n", label, runs);
    std::printf("%-28s %14s %14s %8s\n", "", "bpsetup --demo", "bare QWizard", "ratio");
    std::printf("%-28s %14.1f %14.1f %8.2f\n", "wall to first page (ms)", median(bpWall), median(bareWall),
                c.wallRatio);
    std::printf("%-28s %14.1f %14.1f %8.2f\n", "self-reported (ms)", median(bpReported), median(bareReported),
                median(bpReported) / median(bareReported));
    std::printf("%-28s %14.0f %14.0f %8.2f\n", "peak RSS (KiB)", median(bpRss), median(bareRss), c.rssRatio);
    return c;
}

// Starts Xvfb on a free display number so the real window (xcb) can be measured without a desktop.
pid_t startXvfb(QByteArray *display)
{
    const QByteArray xvfb = "/usr/bin/Xvfb";
    if (access(xvfb.constData(), X_OK) != 0)
        return 0;
    for (int n = 90; n < 100; ++n) {
        if (access(QByteArray("/tmp/.X11-unix/X" + QByteArray::number(n)).constData(), F_OK) == 0)
            continue;
        *display = ":" + QByteArray::number(n);
        QList<QByteArray> argvStore{xvfb, *display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"};
        std::vector<char *> argv;
        for (QByteArray &a : argvStore)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        if (posix_spawn(&pid, xvfb.constData(), nullptr, nullptr, argv.data(), environ) != 0)
            return 0;
        for (int i = 0; i < 50; ++i) { // up to 5 s for the socket to appear
            if (access(QByteArray("/tmp/.X11-unix/X" + QByteArray::number(n)).constData(), F_OK) == 0)
                return pid;
            usleep(100 * 1000);
        }
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_startup BPSETUP BARE_WIZARD [RUNS]\n");
        return 2;
    }
    const int runs = argc > 3 ? std::atoi(argv[3]) : 10;
    const QByteArray bpsetup = argv[1];
    const QByteArray bare = argv[2];

    // A real window is what a person sees: measure it on the current display, or on a private Xvfb.
    Comparison real;
    bool haveReal = false;
    pid_t xvfb = 0;
    if (std::getenv("DISPLAY")) {
        real = measure("real window on $DISPLAY", bpsetup, bare, runs);
        haveReal = true;
    } else {
        QByteArray display;
        xvfb = startXvfb(&display);
        if (xvfb) {
            setenv("DISPLAY", display.constData(), 1);
            real = measure("real window (xcb) on a private Xvfb", bpsetup, bare, runs);
            haveReal = true;
            unsetenv("DISPLAY");
            kill(xvfb, SIGTERM);
            waitpid(xvfb, nullptr, 0);
        }
    }
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    const Comparison offscreen = measure("offscreen platform (no window system)", bpsetup, bare, runs);

    const Comparison &verdict = haveReal ? real : offscreen;
    std::printf("\ntarget <= 1.30 (%s): time %.2f %s, memory %.2f %s\n",
                haveReal ? "real window" : "offscreen only", verdict.wallRatio,
                verdict.wallRatio <= 1.3 ? "met" : "MISSED", verdict.rssRatio,
                verdict.rssRatio <= 1.3 ? "met" : "MISSED");
    return 0;
}
