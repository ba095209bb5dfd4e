// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

#include <memory>

namespace bp {

class Clock;
class ClockTimer;

// A SecretJob with a deadline. A hidden unlock prompt or a hung secrets service must not hang the tool, so
// when the deadline passes the job finishes with Timeout and whatever answers arrive later are ignored.
// Private to core/secrets.
class TimedSecretJob : public SecretJob
{
    Q_OBJECT
public:
    TimedSecretJob(int timeoutMs, Clock &clock, QObject *parent);
    ~TimedSecretJob() override;

protected:
    void run() final;
    // Starts the work; called once, on the event-loop turn after start(), with the deadline running.
    virtual void begin() = 0;
    bool isDone() const { return isFinished(); }
    int timeoutMs() const { return m_timeoutMs; }
    Clock &clock() const { return *m_clock; }
    // Stops the deadline and completes the job. The receiver of finished() may deleteLater() the job, so
    // callers return right after this.
    void finish(SecretStatus status, const QString &message, SecretString value = SecretString());
    // Same, on the next event-loop turn.
    void finishLater(SecretStatus status, const QString &message);

private:
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_deadline;
    int m_timeoutMs;
};

} // namespace bp
