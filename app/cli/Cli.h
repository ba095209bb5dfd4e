// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIODevice>
#include <QStringList>
#include <QTextStream>

namespace bp::cli {

// Entry point of the headless face: `bpsetup COMMAND [options]`. Needs a QCoreApplication.
int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err, QIODevice *in);

// True when these arguments ask for the wizard (no arguments, or only wizard flags such as --demo).
bool wantsGui(const QStringList &arguments);

} // namespace bp::cli
