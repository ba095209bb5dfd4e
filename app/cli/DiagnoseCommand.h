// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

#include "diagnose/DiagnoseTask.h"

class QCommandLineParser;

namespace bp::cli {

class ConnectionOptions;

// `bpsetup diagnose`: the read-only health checks of one author (core DiagnoseTask), each with evidence and
// a remedy. Exit 0 when none failed, 1 when one did, 3 when AEM could not be reached.
class DiagnoseCommand
{
    Q_DECLARE_TR_FUNCTIONS(DiagnoseCommand)

public:
    explicit DiagnoseCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    void printHuman(const DiagnoseReport &report);
    struct FleetRun
    {
        QString inventoryPath;
        int parallel = 16;
        int instanceTimeoutMs = 120000;
        bool maskHosts = false;
        QString reportPath;
        DiagnoseTask::Options options;
    };
    int runFleet(const QCommandLineParser &parser, const ConnectionOptions &connection, const FleetRun &run);
    int listChecks();
    CliContext &m_ctx;
};

} // namespace bp::cli
