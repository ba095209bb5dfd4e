// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

#include <QTimer>

namespace bp {

// A SecretJob with a deadline. A hidden unlock prompt or a hung secrets service must not hang the tool, so
// when the deadline passes the job finishes with Timeout and whatever answers arrive later are ignored.
// Private to core/secrets.
class TimedSecretJob : public SecretJob
{
    Q_OBJECT
public:
    TimedSecretJob(int timeoutMs, QObject *parent);
    void start() final;

protected:
    // Starts the work; called once, on the event-loop turn after start(), with the deadline running.
    virtual void begin() = 0;
    bool isDone() const { return m_done; }
    int timeoutMs() const { return m_timeoutMs; }
    // Stops the deadline and completes the job. The receiver of finished() may delete the job, so callers
    // return right after this.
    void finish(SecretStatus status, const QString &message, SecretString value = SecretString());
    // Same, on the next event-loop turn: start() must not emit finished() before it returns.
    void finishLater(SecretStatus status, const QString &message);

private:
    QTimer m_deadline;
    int m_timeoutMs;
    bool m_started = false;
    bool m_done = false;
};

} // namespace bp
