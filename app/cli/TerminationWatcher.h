// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QSocketNotifier;

namespace bp::cli {

// Turns Ctrl+C and termination requests into a Qt signal, so shutdown runs in the event loop and never inside
// an asynchronous handler: SIGINT/SIGTERM through a self-pipe on Unix, the console control handler on
// Windows. One at a time.
class TerminationWatcher : public QObject
{
    Q_OBJECT
public:
    explicit TerminationWatcher(QObject *parent = nullptr);
    ~TerminationWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace bp::cli
