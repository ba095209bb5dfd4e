// SPDX-License-Identifier: Apache-2.0
#include "secrets/MemorySecretStore.h"

#include "secrets/SecretMessages.h"
#include "secrets/TimedSecretJob.h"

#include "time/Clock.h"
#include <QPointer>

#include <algorithm>

namespace bp {

class MemorySecretJob : public TimedSecretJob
{
public:
    enum class Op
    {
        Probe,
        Read,
        Write,
        Remove
    };

    MemorySecretJob(MemorySecretStore *store, Op op, QString profile, SecretKind kind, SecretString value)
        : TimedSecretJob(store->timeoutMs(), store->clock(), nullptr), m_store(store), m_op(op),
          m_profile(std::move(profile)), m_kind(kind), m_value(std::move(value)),
          m_answerDelayMs(store->m_answerDelayMs)
    {
    }

protected:
    void begin() override
    {
        if (!m_store) {
            finishLater(SecretStatus::NoService, SecretMessages::noService());
            return;
        }
        ++m_store->m_jobsStarted;
        // Decided at start, like a keychain whose state is what it is when the request arrives.
        const SecretStatus behaviour = m_store->takeBehaviour();
        if (behaviour == SecretStatus::Timeout)
            return; // never answers; the deadline finishes the job
        if (m_answerDelayMs <= 0) {
            QMetaObject::invokeMethod(
                this, [this, behaviour] { answer(behaviour); }, Qt::QueuedConnection);
            return;
        }
        // A slow keychain, on the store's clock: tests advance it instead of waiting.
        m_answerTimer = clock().startTimer(
            m_answerDelayMs, [this, behaviour] { answer(behaviour); }, TimerKind::Wait);
    }

private:
    void answer(SecretStatus behaviour)
    {
        if (isDone())
            return; // timed out meanwhile: the answer is ignored and changes nothing
        if (!m_store) {
            finish(SecretStatus::NoService, SecretMessages::noService());
            return;
        }
        if (m_op != Op::Probe) {
            const QString problem = checkProfileName(m_profile);
            if (!problem.isEmpty()) {
                finish(SecretStatus::Failed, problem);
                return;
            }
        }
        if (behaviour != SecretStatus::Ok) {
            finish(behaviour, SecretMessages::forStatus(behaviour, timeoutMs()));
            return;
        }
        const QString key = secretEntryKey(m_profile, m_kind);
        switch (m_op) {
        case Op::Probe:
            finish(SecretStatus::Ok, QString());
            return;
        case Op::Read: {
            const auto it = m_store->m_entries.constFind(key);
            if (it == m_store->m_entries.constEnd()) {
                finish(SecretStatus::NotFound, SecretMessages::notFound(m_profile, m_kind));
                return;
            }
            finish(SecretStatus::Ok, QString(), it.value());
            return;
        }
        case Op::Write:
            if (m_value.isEmpty()) {
                finish(SecretStatus::Failed, SecretMessages::emptyValue());
                return;
            }
            m_store->m_entries.insert(key, m_value);
            m_value.clear();
            finish(SecretStatus::Ok, QString());
            return;
        case Op::Remove:
            m_store->m_entries.remove(key);
            finish(SecretStatus::Ok, QString());
            return;
        }
    }

    QPointer<MemorySecretStore> m_store;
    const Op m_op;
    const QString m_profile;
    const SecretKind m_kind;
    SecretString m_value;
    const int m_answerDelayMs;
    std::unique_ptr<ClockTimer> m_answerTimer;
};

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretStore(parent) {}

SecretJob *MemorySecretStore::probe()
{
    return new MemorySecretJob(this, MemorySecretJob::Op::Probe, QString(), SecretKind::ClientSecret,
                               SecretString());
}

SecretJob *MemorySecretStore::read(const QString &profile, SecretKind kind)
{
    return new MemorySecretJob(this, MemorySecretJob::Op::Read, profile, kind, SecretString());
}

SecretJob *MemorySecretStore::write(const QString &profile, SecretKind kind, const SecretString &value)
{
    return new MemorySecretJob(this, MemorySecretJob::Op::Write, profile, kind, value);
}

SecretJob *MemorySecretStore::remove(const QString &profile, SecretKind kind)
{
    return new MemorySecretJob(this, MemorySecretJob::Op::Remove, profile, kind, SecretString());
}

QString MemorySecretStore::backendName() const
{
    return QStringLiteral("Memory (tests)");
}

void MemorySecretStore::failNext(SecretStatus status, int count)
{
    m_nextStatus = status;
    m_nextCount = qMax(0, count);
}

bool MemorySecretStore::contains(const QString &profile, SecretKind kind) const
{
    return m_entries.contains(secretEntryKey(profile, kind));
}

SecretString MemorySecretStore::storedValue(const QString &profile, SecretKind kind) const
{
    return m_entries.value(secretEntryKey(profile, kind));
}

QStringList MemorySecretStore::keys() const
{
    QStringList result = m_entries.keys();
    std::sort(result.begin(), result.end());
    return result;
}

SecretStatus MemorySecretStore::takeBehaviour()
{
    if (m_nextCount > 0) {
        --m_nextCount;
        return m_nextStatus;
    }
    return m_availability;
}

} // namespace bp
