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

// The Throughput page's memory of the events: per-second figures of the last `capacity` seconds in
// a ring buffer (orders placed, orders completed and events delivered, and per trigger the events
// delivered, the failed attempts, the events given up on (dead), the 95th percentile latency and
// the pending backlog seen in that second), filled from trefoil_event_rates results. A result's
// seconds replace what was known of them (a second's count grows until it has passed), so
// overlapping polls never count twice; the backlog, a reading of "now", is kept per second it was
// read in. Memory is bounded by capacity × MaxTriggers whatever the load.
class RateHistory final {
public:
    enum class Rate { Placed, Completed, Delivered };
    enum class TriggerRate { Delivered, Failed, Dead, Pending };

    // The triggers whose events stand for "an order was placed" (created) and "an order was
    // completed" (delivered): the demo workflow's first and last steps.
    static constexpr QLatin1StringView PlacedTrigger { "validate-order" };
    static constexpr QLatin1StringView CompletedTrigger { "agent-assignment" };

    // Triggers beyond this many get no lines of their own (they still count in the totals).
    static constexpr int MaxTriggers = 8;

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

    // Triggers in the order they first appeared (at most MaxTriggers).
    QStringList triggers() const { return m_triggerOrder; }
    // `rate` of `trigger` (an empty trigger: all of them) in second `epochSecond`; -1 for a
    // backlog not read in that second.
    qint64 triggerCount(TriggerRate rate, const QString &trigger, qint64 epochSecond) const;
    // Per complete second, x = seconds before now; Pending only where the backlog was read.
    QList<QPointF> triggerPoints(TriggerRate rate, const QString &trigger) const;
    // The backlog at the last merge (0 when unknown).
    qint64 latestPending(const QString &trigger) const { return m_latestPending.value(trigger); }

    // p95 latency of `trigger` per complete second that delivered any, x = seconds before now, y = ms.
    QList<QPointF> latencyPoints(const QString &trigger) const;
    // The p95 latency of a second (negative when none delivered or unknown).
    double latencyMs(const QString &trigger, qint64 epochSecond) const;
    // The p95 latency over the last merged result's window (0 when none).
    double latestLatencyMs(const QString &trigger) const { return m_windowLatency.value(trigger); }

    // At most `maxPoints` points: per bucket the first, the lowest and the highest point, so that
    // peaks survive (a plot never needs more points than it has pixels).
    static QList<QPointF> decimate(const QList<QPointF> &points, int maxPoints);
    // A point with y = NaN between neighbours more than `maxGap` apart in x: Qt Charts breaks a line
    // there, so that seconds without a value (no latency, backlog not read) are not bridged.
    static QList<QPointF> breakGaps(const QList<QPointF> &points, double maxGap);

private:
    struct PerTrigger {
        qint64 delivered = 0;
        qint64 failed = 0;
        qint64 dead = 0;
        qint64 pending = -1; // -1: not read in this second
        double p95Ms = -1; // negative: nothing delivered
    };
    struct Second {
        qint64 epochSecond = -1;
        std::array<qint64, 3> counts {};
        std::array<PerTrigger, MaxTriggers> triggers {};
        void reset(qint64 second);
        void clearCounts(); // a result covers the second again: its counts are replaced, its backlog kept
    };

    Second &slot(qint64 epochSecond);
    const Second *find(qint64 epochSecond) const;
    int triggerIndex(const QString &trigger);
    template<typename F> QList<QPointF> completeSeconds(F valueOf) const;

    int m_capacity;
    std::vector<Second> m_seconds;
    QStringList m_triggerOrder;
    QHash<QString, double> m_windowLatency;
    QHash<QString, qint64> m_latestPending;
    qint64 m_nowMs = 0;
};

} // namespace trefoil::ui
