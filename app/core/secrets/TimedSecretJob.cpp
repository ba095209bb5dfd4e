// SPDX-License-Identifier: Apache-2.0
#include "secrets/TimedSecretJob.h"

#include "secrets/SecretMessages.h"
#include "time/Clock.h"

namespace bp {

TimedSecretJob::TimedSecretJob(int timeoutMs, Clock &clock, QObject *parent)
    : SecretJob(parent), m_clock(&clock), m_timeoutMs(timeoutMs)
{
}

TimedSecretJob::~TimedSecretJob() = default;

void TimedSecretJob::run()
{
    m_deadline = m_clock->startTimer(qMax(0, m_timeoutMs), [this] {
        qCWarning(lcSecrets) << "keychain operation timed out after" << m_timeoutMs << "ms";
        finish(SecretStatus::Timeout, SecretMessages::timeout(m_timeoutMs));
    });
    // Queued, so that the keychain is asked only once the caller's event loop turns (callers often connect
    // right after starting the job).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!isFinished())
                begin();
        },
        Qt::QueuedConnection);
}

void TimedSecretJob::finish(SecretStatus status, const QString &message, SecretString value)
{
    if (isFinished())
        return;
    // The fired deadline is not destroyed from inside its own call; it goes with the job.
    complete(status, message, std::move(value));
}

void TimedSecretJob::finishLater(SecretStatus status, const QString &message)
{
    QMetaObject::invokeMethod(
        this, [this, status, message] { finish(status, message); }, Qt::QueuedConnection);
}

} // namespace bp
