// SPDX-License-Identifier: Apache-2.0
#include "BenchProcess.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace bench {

ProcessRun runProcess(const QByteArray &exe, const QList<QByteArray> &args, const QByteArray &marker)
{
    ProcessRun run;
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
    // posix_spawnp: the Node peer is found on PATH.
    if (posix_spawnp(&pid, exe.constData(), &actions, nullptr, argv.data(), environ) != 0) {
        std::fprintf(stderr, "cannot start %s\n", exe.constData());
        close(pipeFds[0]);
        close(pipeFds[1]);
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    close(pipeFds[1]);
    char buffer[4096];
    ssize_t n = 0;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) {
        run.output.append(buffer, static_cast<int>(n));
        if (!marker.isEmpty() && run.wallToMarkerMs < 0 && run.output.contains(marker))
            run.wallToMarkerMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    }
    close(pipeFds[0]);
    int status = 0;
    struct rusage usage
    {
    };
    wait4(pid, &status, 0, &usage);
    run.wallTotalMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    posix_spawn_file_actions_destroy(&actions);
    run.peakRssKb = usage.ru_maxrss;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace bench
