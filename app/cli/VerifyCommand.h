// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "cli/CliContext.h"

#include <QStringList>

namespace bp {
struct VerifyReport;
} // namespace bp

namespace bp::cli {

// `bpsetup verify`: checks the configured chain end to end (core VerifyTask) and prints each check. Exit 0
// when none failed, 1 when one did, the connection exit codes when AEM could not be read.
class VerifyCommand
{
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)

public:
    explicit VerifyCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    void printHuman(const QString &aemUrl, const VerifyReport &report);
    CliContext &m_ctx;
};

} // namespace bp::cli
