#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <array>

namespace trefoil::ui {

// Measures how long the GUI thread fails to get back to its event loop: a timer that should fire
// every TickMs records how late each tick is. Keeps the worst lateness of each of the last 60
// seconds, so "the worst stall of the last minute" needs no unbounded history.
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

private:
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    qint64 m_worstEver = 0;
    std::array<qint64, 60> m_worstPerSecond {};
    qint64 m_currentSecond = 0;

    void onTick();
};

} // namespace trefoil::ui
