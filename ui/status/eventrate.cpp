#include "ui/status/eventrate.h"

#include <algorithm>

namespace trefoil::ui {

void EventRate::addSample(qint64 atMs, qint64 counter)
{
    m_samples.push_back({ atMs, counter });
    // Keep the newest sample at or before the window's start: the counter's value there.
    while (m_samples.size() > 2 && m_samples[1].atMs <= atMs - WindowMs)
        m_samples.pop_front();
}

std::optional<double> EventRate::perSecond(qint64 nowMs) const
{
    if (m_samples.empty())
        return std::nullopt;
    const qint64 windowStart = nowMs - WindowMs;
    // The counter's value at the window's start, if known; else the first sample and its time.
    auto base = m_samples.front();
    for (const Sample &sample : m_samples) {
        if (sample.atMs <= windowStart)
            base = sample;
    }
    const qint64 spanMs = nowMs - std::max(base.atMs, windowStart);
    if (base.atMs > windowStart && spanMs < 1000)
        return std::nullopt;
    const qint64 growth = std::max<qint64>(0, m_samples.back().counter - base.counter);
    return double(growth) * 1000.0 / double(std::max<qint64>(spanMs, 1000));
}

} // namespace trefoil::ui
