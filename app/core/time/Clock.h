// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QDateTime>

#include <functional>
#include <memory>

namespace bp {

// What a timer is for. A manual clock in tests can fast-forward through waits (retry back-off, a slow
// keychain) whenever one is scheduled, while deadlines fire only when a test moves time on past them: a
// deadline races real I/O, a wait does not.
enum class TimerKind
{
    Deadline,
    Wait
};

// A pending call scheduled with Clock::startTimer(). Destroying it cancels the call.
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;
};

// Time as the core sees it: the date for Adobe's policy dates, "now" for JWT expiry and certificate checks,
// a monotonic count for elapsed times, and timers for deadlines, retries and back-off. Everything that waits
// or reads the time goes through one Clock, so tests drive time with a manual clock instead of waiting on
// the wall clock (KeePassXC's MockClock does the same).
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime nowUtc() const = 0;
    // Milliseconds on a monotonic scale with an arbitrary origin.
    virtual qint64 monotonicMs() const = 0;
    // Calls fn once, delayMs from now, unless the returned timer is destroyed first. The system clock calls
    // it from the event loop of the calling thread; a manual clock from advance().
    [[nodiscard]] virtual std::unique_ptr<ClockTimer> startTimer(int delayMs, std::function<void()> fn,
                                                                 TimerKind kind = TimerKind::Deadline) = 0;

    // The local calendar day (Adobe's dates are days; the admin's day is the one that counts).
    QDate today() const { return nowUtc().toLocalTime().date(); }

    // The real clock. Lives for the whole process.
    static Clock &system();
};

} // namespace bp
