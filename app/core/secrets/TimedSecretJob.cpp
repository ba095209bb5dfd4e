// SPDX-License-Identifier: Apache-2.0
#include "secrets/TimedSecretJob.h"

#include "secrets/SecretMessages.h"

namespace bp {

TimedSecretJob::TimedSecretJob(int timeoutMs, QObject *parent) : SecretJob(parent), m_timeoutMs(timeoutMs)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCWarning(lcSecrets) << "keychain operation timed out after" << m_timeoutMs << "ms";
        finish(SecretStatus::Timeout, SecretMessages::timeout(m_timeoutMs));
    });
}

void TimedSecretJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_deadline.start(qMax(0, m_timeoutMs));
    // Queued, so that no implementation can emit finished() from inside start() (callers often connect
    // right after creating the job, or wait in an event loop they enter after start()).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_done)
                begin();
        },
        Qt::QueuedConnection);
}

void TimedSecretJob::finish(SecretStatus status, const QString &message, SecretString value)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    complete(status, message, std::move(value));
}

void TimedSecretJob::finishLater(SecretStatus status, const QString &message)
{
    QMetaObject::invokeMethod(
        this, [this, status, message] { finish(status, message); }, Qt::QueuedConnection);
}

} // namespace bp
