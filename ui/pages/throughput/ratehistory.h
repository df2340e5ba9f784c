#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

namespace trefoil::ui {

// The Throughput page's memory: per-second counts of the last `capacity` seconds in a ring buffer
// (orders placed, orders completed, events delivered) and per trigger a bounded ring of latency
// samples, filled from trefoil_event_rates results. A result's seconds replace what was known of
// them (a second's count grows until it has passed), so overlapping polls never count twice.
class RateHistory final {
public:
    enum class Rate { Placed, Completed, Delivered };

    // The triggers whose events stand for "an order was placed" (created) and "an order was
    // completed" (delivered): the demo workflow's first and last steps.
    static constexpr QLatin1StringView PlacedTrigger { "validate-order" };
    static constexpr QLatin1StringView CompletedTrigger { "agent-assignment" };

    explicit RateHistory(int capacitySeconds = 300, int latencySamples = 600);

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
    // p95 latency samples of `trigger`, x = seconds before now (negative), y = ms.
    QList<QPointF> latencyPoints(const QString &trigger) const;
    double latestLatencyMs(const QString &trigger) const;

    // At most `maxPoints` points: per bucket the first, the lowest and the highest point, so that
    // peaks survive (a plot never needs more points than it has pixels).
    static QList<QPointF> decimate(const QList<QPointF> &points, int maxPoints);

private:
    struct Second {
        qint64 epochSecond = -1;
        qint64 counts[3] = { 0, 0, 0 };
    };
    struct LatencySample {
        qint64 atMs = 0;
        double p95Ms = 0;
    };
    struct LatencyRing {
        std::vector<LatencySample> samples;
        int next = 0;
        int size = 0;
    };

    Second &slot(qint64 epochSecond);

    int m_capacity;
    int m_latencySamples;
    std::vector<Second> m_seconds;
    QHash<QString, LatencyRing> m_latency;
    QStringList m_latencyOrder; // triggers in the order they first appeared
    qint64 m_nowMs = 0;
};

} // namespace trefoil::ui
