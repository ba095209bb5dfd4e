// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QIODevice>
#include <QStringList>

namespace bp::cli {

// Entry point of the headless face: `bpsetup COMMAND [options]`. Needs a QCoreApplication. Results go to
// out, diagnostics to err (both through TerminalSafeDevice); tests pass buffers and an environment.
int runCli(const QStringList &arguments, QIODevice *out, QIODevice *err, QIODevice *in,
           const CliEnvironment &environment = CliEnvironment());

// True when these arguments ask for the wizard (no arguments, or only wizard flags such as --demo).
bool wantsGui(const QStringList &arguments);

} // namespace bp::cli
