// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "cli/CliContext.h"

#include <QStringList>

namespace bp::cli {

// `bpsetup simulate`: serves the simulated AEM author and IMS until SIGINT/SIGTERM.
class SimulateCommand
{
    Q_DECLARE_TR_FUNCTIONS(SimulateCommand)

public:
    explicit SimulateCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
