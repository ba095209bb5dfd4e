// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

namespace bp::cli {

// `bpsetup validate`: checks Developer Console credentials directly against Adobe IMS.
class ValidateCommand
{
    Q_DECLARE_TR_FUNCTIONS(ValidateCommand)

public:
    explicit ValidateCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
