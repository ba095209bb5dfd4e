// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

namespace bp {
class ApplyRun;
}

namespace bp::cli {

// `bpsetup apply [--dry-run] [--yes] [--plan FILE]`: makes the plan, shows it, asks (or takes --yes), saves
// the backup, applies and verifies each step, then tests every agent. A failure offers rollback.
class ApplyCommand
{
    Q_DECLARE_TR_FUNCTIONS(ApplyCommand)
public:
    explicit ApplyCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    QJsonObject report(const ApplyRun &run) const;
    void printOutcome(const ApplyRun &run);
    CliContext &m_ctx;
};

// `bpsetup rollback --backup ID [--yes]`: restores what one apply changed, from its backup.
class RollbackCommand
{
    Q_DECLARE_TR_FUNCTIONS(RollbackCommand)
public:
    explicit RollbackCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
