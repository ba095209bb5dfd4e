// SPDX-License-Identifier: Apache-2.0
#include "time/Clock.h"

#include <QElapsedTimer>
#include <QTimer>

namespace bp {

namespace {

class SystemTimer : public ClockTimer
{
public:
    SystemTimer(int delayMs, std::function<void()> fn) : m_fn(std::move(fn))
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            // Moved out first: fn may destroy this timer.
            const auto call = std::move(m_fn);
            m_fn = nullptr;
            if (call)
                call();
        });
        m_timer.start(qMax(0, delayMs));
    }

private:
    QTimer m_timer;
    std::function<void()> m_fn;
};

class SystemClock : public Clock
{
public:
    SystemClock() { m_monotonic.start(); }
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    qint64 monotonicMs() const override { return m_monotonic.elapsed(); }
    std::unique_ptr<ClockTimer> startTimer(int delayMs, std::function<void()> fn, TimerKind) override
    {
        return std::make_unique<SystemTimer>(delayMs, std::move(fn));
    }

private:
    QElapsedTimer m_monotonic;
};

} // namespace

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace bp
