// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>

namespace bench {

// One run of a program: wall time (to a marker line on stdout, and to exit), peak RSS from wait4, output.
struct ProcessRun
{
    double wallToMarkerMs = -1;
    double wallTotalMs = -1;
    long peakRssKb = -1;
    int exitCode = -1;
    QByteArray output;
};

ProcessRun runProcess(const QByteArray &exe, const QList<QByteArray> &args,
                      const QByteArray &marker = QByteArray());
double median(QList<double> values);

} // namespace bench
