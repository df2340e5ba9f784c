#include "ui/diagnostics/guistallmonitor.h"

#include <algorithm>
#include <cmath>

namespace trefoil::ui {

GuiStallMonitor::GuiStallMonitor(QObject *parent)
    : QObject(parent)
{
    // Precise, so the lateness measured is the event loop's, not the timer's coarse slack.
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(TickMs);
    connect(&m_ticker, &QTimer::timeout, this, &GuiStallMonitor::onTick);
}

void GuiStallMonitor::start()
{
    m_clock.start();
    m_lastTickMs = 0;
    m_worstEver = 0;
    m_worstPerSecond.fill(0);
    m_currentSecond = 0;
    m_histogram.fill(0);
    m_ticks = 0;
    m_ticker.start();
}

void GuiStallMonitor::onTick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 late = std::max<qint64>(0, now - m_lastTickMs - TickMs);
    m_lastTickMs = now;
    const qint64 second = now / 1000;
    // Seconds with no tick at all (a stall longer than a second) start from zero as well.
    for (qint64 s = std::max(m_currentSecond + 1, second - qint64(m_worstPerSecond.size()) + 1); s <= second; ++s)
        m_worstPerSecond[std::size_t(s % qint64(m_worstPerSecond.size()))] = 0;
    m_currentSecond = std::max(m_currentSecond, second);
    qint64 &slot = m_worstPerSecond[std::size_t(second % qint64(m_worstPerSecond.size()))];
    slot = std::max(slot, late);
    m_worstEver = std::max(m_worstEver, late);
    ++m_histogram[std::size_t(std::min<qint64>(late, qint64(m_histogram.size()) - 1))];
    ++m_ticks;
}

qint64 GuiStallMonitor::percentileStallMs(double fraction) const
{
    if (m_ticks == 0)
        return 0;
    const auto wanted = qint64(std::ceil(fraction * double(m_ticks)));
    qint64 seen = 0;
    for (std::size_t ms = 0; ms < m_histogram.size(); ++ms) {
        seen += m_histogram[ms];
        if (seen >= wanted)
            return qint64(ms);
    }
    return qint64(m_histogram.size()) - 1;
}

qint64 GuiStallMonitor::worstStallLastMinuteMs() const
{
    return *std::max_element(m_worstPerSecond.cbegin(), m_worstPerSecond.cend());
}

} // namespace trefoil::ui
