#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <array>

namespace trefoil::ui {

// Measures how long the GUI thread fails to get back to its event loop: a timer that should fire
// every TickMs records how late each tick is. Keeps the worst lateness of each of the last 60
// seconds, so "the worst stall of the last minute" needs no unbounded history, and a histogram of
// every tick's lateness for percentiles.
class GuiStallMonitor final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiStallMonitor)

public:
    static constexpr int TickMs = 10;

    explicit GuiStallMonitor(QObject *parent = nullptr);

    void start();
    // The worst lateness, in milliseconds, seen in the last minute (0 before any tick was late).
    qint64 worstStallLastMinuteMs() const;
    // The worst lateness since start().
    qint64 worstStallMs() const { return m_worstEver; }
    // The lateness that `fraction` (e.g. 0.99) of the ticks since start() stayed at or under, in
    // whole milliseconds (a histogram of 1 ms buckets; lateness over a second counts as a second).
    qint64 percentileStallMs(double fraction) const;
    qint64 tickCount() const { return m_ticks; }

private:
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    qint64 m_worstEver = 0;
    std::array<qint64, 60> m_worstPerSecond {};
    qint64 m_currentSecond = 0;
    std::array<qint64, 1001> m_histogram {}; // ticks by lateness in ms, the last bucket for ≥ 1 s
    qint64 m_ticks = 0;

    void onTick();
};

} // namespace trefoil::ui
