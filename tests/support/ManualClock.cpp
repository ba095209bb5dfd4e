// SPDX-License-Identifier: Apache-2.0
#include "ManualClock.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>

namespace bp::test {

class ManualTimer : public ClockTimer
{
public:
    ManualTimer(ManualClock *clock, quint64 id, std::weak_ptr<bool> alive)
        : m_clock(clock), m_id(id), m_alive(std::move(alive))
    {
    }
    ~ManualTimer() override
    {
        if (!m_alive.expired())
            m_clock->cancel(m_id);
    }

private:
    ManualClock *m_clock;
    quint64 m_id;
    std::weak_ptr<bool> m_alive;
};

ManualClock::ManualClock(const QDateTime &startUtc) : m_now(startUtc) {}

ManualClock::~ManualClock() = default;

std::unique_ptr<ClockTimer> ManualClock::startTimer(int delayMs, std::function<void()> fn, TimerKind kind)
{
    const quint64 id = m_nextId++;
    m_pending.append(Pending{id, m_monotonicMs + qMax(0, delayMs), kind, std::move(fn)});
    if (kind == TimerKind::Wait && m_autoAdvanceWaits && !m_fastForwardQueued) {
        m_fastForwardQueued = true;
        std::weak_ptr<bool> alive = m_alive;
        QTimer::singleShot(0, QCoreApplication::instance(), [this, alive] {
            if (!alive.expired())
                fastForwardWaits();
        });
    }
    return std::make_unique<ManualTimer>(this, id, m_alive);
}

void ManualClock::fastForwardWaits()
{
    m_fastForwardQueued = false;
    qint64 due = -1;
    for (const Pending &p : std::as_const(m_pending)) {
        if (p.kind == TimerKind::Wait && (due < 0 || p.dueMs < due))
            due = p.dueMs;
    }
    if (due < 0)
        return;
    const qint64 step = due - m_monotonicMs;
    m_waitedMs += qMax<qint64>(0, step);
    advance(step);
}

void ManualClock::advance(qint64 ms)
{
    const qint64 target = m_monotonicMs + qMax<qint64>(0, ms);
    while (true) {
        auto next = std::min_element(m_pending.begin(), m_pending.end(),
                                     [](const Pending &a, const Pending &b) { return a.dueMs < b.dueMs; });
        if (next == m_pending.end() || next->dueMs > target)
            break;
        const qint64 step = next->dueMs - m_monotonicMs;
        m_monotonicMs = next->dueMs;
        m_now = m_now.addMSecs(step);
        Pending fired = *next;
        m_pending.erase(next); // before the call: it may start or cancel timers
        if (fired.fn)
            fired.fn();
    }
    m_now = m_now.addMSecs(target - m_monotonicMs);
    m_monotonicMs = target;
}

void ManualClock::cancel(quint64 id)
{
    m_pending.removeIf([id](const Pending &p) { return p.id == id; });
}

int ManualClock::pendingTimers() const
{
    return int(m_pending.size());
}

int ManualClock::pendingTimers(TimerKind kind) const
{
    return int(std::count_if(m_pending.begin(), m_pending.end(),
                             [kind](const Pending &p) { return p.kind == kind; }));
}

} // namespace bp::test
