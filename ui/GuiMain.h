// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace bp::ui {

struct GuiOptions
{
    bool demo = false;
    QString demoVersion = QStringLiteral("6.5.22.0");
    QString demoState = QStringLiteral("none");
    // Setup steps the demo simulator fails once (Simulator::knownFailSteps()).
    QStringList demoFailSteps;
    // Items queued on every Brand Portal agent of the demo instance, one delivered per queue read (the
    // Review page's Wait for the queues), as text: checked when the simulator starts.
    QString demoQueueItems;
    // For the start-up benchmark: print "first-page-shown-ms <ms since process start>" once the first page
    // has been painted, then quit with 0.
    bool exitAfterFirstPage = false;
};

// Creates the QApplication and runs the wizard. Returns the process exit code.
int runGui(int &argc, char **argv, const GuiOptions &options);

} // namespace bp::ui
