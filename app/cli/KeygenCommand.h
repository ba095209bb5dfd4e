// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "cli/CliContext.h"

#include <QStringList>

namespace bp::cli {

// `bpsetup keygen`: writes private.key (mode 0600) and certificate_pub.crt for Developer Console.
class KeygenCommand
{
    Q_DECLARE_TR_FUNCTIONS(KeygenCommand)

public:
    explicit KeygenCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
