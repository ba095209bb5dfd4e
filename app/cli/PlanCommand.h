// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

namespace bp::cli {

// `bpsetup plan`: what creating the Brand Portal configuration would change, with its prerequisites.
// Read-only: its HTTP client refuses every write.
class PlanCommand
{
    Q_DECLARE_TR_FUNCTIONS(PlanCommand)
public:
    explicit PlanCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

// `bpsetup backups list [--json]`: the backups apply saved before changing an instance.
class BackupsCommand
{
    Q_DECLARE_TR_FUNCTIONS(BackupsCommand)
public:
    explicit BackupsCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
