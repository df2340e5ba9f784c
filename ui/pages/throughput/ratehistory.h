#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace trefoil::ui {

// The Throughput page's memory: per-second figures of the last `capacity` seconds in a ring buffer
// (orders placed, orders completed, events delivered, and per trigger the 95th percentile latency
// of its events delivered in that second), filled from trefoil_event_rates results. A result's seconds replace what was
// known of them (a second's count grows until it has passed), so overlapping polls never count twice.
class RateHistory final {
public:
    enum class Rate { Placed, Completed, Delivered };

    // The triggers whose events stand for "an order was placed" (created) and "an order was
    // completed" (delivered): the demo workflow's first and last steps.
    static constexpr QLatin1StringView PlacedTrigger { "validate-order" };
    static constexpr QLatin1StringView CompletedTrigger { "agent-assignment" };

    // Triggers beyond this many get no latency line.
    static constexpr int MaxLatencyTriggers = 8;

    explicit RateHistory(int capacitySeconds = 300);

    int capacitySeconds() const { return m_capacity; }
    // The server's clock at the last merge (ms since the epoch); 0 before any.
    qint64 nowMs() const { return m_nowMs; }

    // Takes a trefoil_event_rates result that covered the last `windowSeconds` seconds.
    void merge(const QJsonObject &rates, int windowSeconds);

    // The count of `rate` in second `epochSecond` (0 when unknown or forgotten).
    qint64 count(Rate rate, qint64 epochSecond) const;
    // Per-second points of the complete seconds before nowMs(), x = seconds before now (negative).
    QList<QPointF> points(Rate rate) const;
    // The last complete second's count.
    qint64 latest(Rate rate) const;

    QStringList latencyTriggers() const { return m_latencyOrder; }
    // p95 latency of `trigger` per complete second that delivered any, x = seconds before now, y = ms.
    QList<QPointF> latencyPoints(const QString &trigger) const;
    // The p95 latency over the last merged result's window (0 when none).
    double latestLatencyMs(const QString &trigger) const { return m_windowLatency.value(trigger); }

    // At most `maxPoints` points: per bucket the first, the lowest and the highest point, so that
    // peaks survive (a plot never needs more points than it has pixels).
    static QList<QPointF> decimate(const QList<QPointF> &points, int maxPoints);

private:
    struct Second {
        qint64 epochSecond = -1;
        std::array<qint64, 3> counts {};
        std::array<double, MaxLatencyTriggers> p95Ms {}; // negative: nothing delivered
        void reset(qint64 second);
    };

    Second &slot(qint64 epochSecond);
    const Second *find(qint64 epochSecond) const;
    int latencyIndex(const QString &trigger);

    int m_capacity;
    std::vector<Second> m_seconds;
    QStringList m_latencyOrder; // triggers in the order they first appeared
    QHash<QString, double> m_windowLatency;
    qint64 m_nowMs = 0;
};

} // namespace trefoil::ui
