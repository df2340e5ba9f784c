#pragma once

#include <QtGlobal>

#include <deque>
#include <optional>

namespace trefoil::ui {

// Events delivered per second from samples of a counter that only grows (the newest invocation's
// id, pushed by a live query whenever it changes): the growth over the last Window ms. A counter
// that stops growing sends no samples, so the rate is computed at read time and falls to zero.
class EventRate final {
public:
    static constexpr qint64 WindowMs = 10000;

    void addSample(qint64 atMs, qint64 counter);
    // Per second over the window ending at nowMs; nullopt until samples span a second.
    std::optional<double> perSecond(qint64 nowMs) const;
    void clear() { m_samples.clear(); }

private:
    struct Sample {
        qint64 atMs;
        qint64 counter;
    };
    std::deque<Sample> m_samples; // oldest first; at most one older than the window is kept
};

} // namespace trefoil::ui
