#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointF>

#include <array>
#include <vector>

namespace trefoil::ui {

// The Throughput page's memory of the demo's orders: per second of the last `capacity` seconds in a
// ring buffer, how many orders reached each stage and the stages' p50/p95 latency from the stage
// before, filled from order_stats results. As in RateHistory, a result's seconds replace what was
// known of them, so overlapping polls never count twice, and memory is bounded by the capacity.
class OrderHistory final {
public:
    enum class Stage { Placed, Validated, Paid, Approved, Assigned, Rejected, Failed };
    static constexpr int StageCount = 7;
    // The stages with a latency (from the stage before): Validated to Assigned.
    static constexpr std::array<Stage, 4> TimedStages { Stage::Validated, Stage::Paid, Stage::Approved,
        Stage::Assigned };
    enum class Percentile { P50, P95 };

    explicit OrderHistory(int capacitySeconds = 300);

    // The stage's key in order_stats results ("placed", "validated", …).
    static QLatin1StringView key(Stage stage);

    int capacitySeconds() const { return m_capacity; }
    qint64 nowMs() const { return m_nowMs; }

    // Takes an order_stats result that covered the last `windowSeconds` seconds.
    void merge(const QJsonObject &stats, int windowSeconds);

    // Orders that reached `stage` in second `epochSecond` (0 when unknown or forgotten).
    qint64 count(Stage stage, qint64 epochSecond) const;
    // Orders that reached `stage` in the seconds the buffer holds (the window), the current one included.
    qint64 total(Stage stage) const;
    // Per complete second before nowMs(), x = seconds before now (negative).
    QList<QPointF> points(Stage stage) const;
    // A timed stage's latency per complete second that had any, y = ms.
    QList<QPointF> latencyPoints(Stage stage, Percentile percentile) const;
    // The latency of a second (negative when none or unknown).
    double latencyMs(Stage stage, Percentile percentile, qint64 epochSecond) const;
    // The latency over the last merged result's seconds (negative when none reached the stage).
    double latestLatencyMs(Stage stage, Percentile percentile) const;

private:
    struct Second {
        qint64 epochSecond = -1;
        std::array<qint64, StageCount> counts {};
        std::array<std::array<double, 2>, StageCount> latency {};
        void reset(qint64 second);
    };

    Second &slot(qint64 epochSecond);
    const Second *find(qint64 epochSecond) const;

    int m_capacity;
    std::vector<Second> m_seconds;
    std::array<std::array<double, 2>, StageCount> m_latestLatency {};
    qint64 m_nowMs = 0;
};

} // namespace trefoil::ui
