// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace bp {

// A SecretStore in memory, for tests of everything that uses secrets. Same rules as the real one (entry
// names, profile checks, a locked keychain refuses writes and removes, NotFound only when usable, a
// deadline on every job), plus ways to make it fail like a real keychain does.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    SecretJob *probe() override;
    SecretJob *read(const QString &profile, SecretKind kind) override;
    SecretJob *write(const QString &profile, SecretKind kind, const SecretString &value) override;
    SecretJob *remove(const QString &profile, SecretKind kind) override;
    QString backendName() const override;

    // How every job behaves from now on: Ok (default), Locked, NoService, AccessDenied, Failed, or Timeout
    // (no answer at all; the job finishes with Timeout at its deadline). Anything but Ok leaves the stored
    // values untouched, as a real keychain would.
    void setAvailability(SecretStatus status) { m_availability = status; }
    SecretStatus availability() const { return m_availability; }
    // Only the next `count` jobs behave as setAvailability(status) would; then back to the availability.
    void failNext(SecretStatus status, int count = 1);
    // The deadline of jobs created from now on.
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }
    // Answers arrive this late (0: next event-loop turn). Later than the timeout means Timeout, and the late
    // answer is ignored and has no effect.
    void setAnswerDelayMs(int delayMs) { m_answerDelayMs = delayMs; }

    // For assertions: what is stored, without going through a job.
    bool contains(const QString &profile, SecretKind kind) const;
    SecretString storedValue(const QString &profile, SecretKind kind) const;
    int entryCount() const { return int(m_entries.size()); }
    // Profiles' entries as "<profile>/<kind>" keys, sorted.
    QStringList keys() const;
    int jobsStarted() const { return m_jobsStarted; }

private:
    friend class MemorySecretJob;
    SecretStatus takeBehaviour();

    QHash<QString, SecretString> m_entries;
    SecretStatus m_availability = SecretStatus::Ok;
    SecretStatus m_nextStatus = SecretStatus::Ok;
    int m_nextCount = 0;
    int m_timeoutMs = 10000;
    int m_answerDelayMs = 0;
    int m_jobsStarted = 0;
};

} // namespace bp
