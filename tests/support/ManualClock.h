// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "time/Clock.h"

#include <QList>

#include <memory>

namespace bp::test {

// A clock tests drive (KeePassXC's MockClock): time moves only in advance(), which fires the timers that
// fall due, in order, each at its due time. With setAutoAdvanceWaits(true), a Wait timer (retry back-off, a
// slow keychain) is fast-forwarded on the next event-loop turn, so code that waits runs at once; deadlines
// still fire only when the test moves time past them.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &startUtc = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC));
    ~ManualClock() override;

    QDateTime nowUtc() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonicMs; }
    std::unique_ptr<ClockTimer> startTimer(int delayMs, std::function<void()> fn, TimerKind kind) override;

    void advance(qint64 ms);
    // Moves the calendar (not the monotonic count): "it is 2026-03-02 now".
    void setNowUtc(const QDateTime &now) { m_now = now; }
    void setAutoAdvanceWaits(bool on) { m_autoAdvanceWaits = on; }
    int pendingTimers() const;
    int pendingTimers(TimerKind kind) const;
    // How far time was fast-forwarded for waits (the back-off a run would have slept).
    qint64 waitedMs() const { return m_waitedMs; }

private:
    friend class ManualTimer;
    struct Pending
    {
        quint64 id;
        qint64 dueMs;
        TimerKind kind;
        std::function<void()> fn;
    };
    void cancel(quint64 id);
    void fastForwardWaits();

    QDateTime m_now;
    qint64 m_monotonicMs = 0;
    quint64 m_nextId = 1;
    QList<Pending> m_pending;
    bool m_autoAdvanceWaits = false;
    bool m_fastForwardQueued = false;
    qint64 m_waitedMs = 0;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace bp::test
