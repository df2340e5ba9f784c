#pragma once

#include <QList>
#include <QtGlobal>

#include <atomic>
#include <memory>

namespace trefoil::metrics {

// A point-in-time copy of a histogram, for charts and quantiles. Counts are cumulative
// (Prometheus style): cumulativeCounts[i] observations were <= upperBounds[i]; the last entry
// (one more than upperBounds) is the +Inf bucket and equals count.
struct HistogramSnapshot {
    QList<double> upperBounds;
    QList<quint64> cumulativeCounts;
    double sum = 0;
    quint64 count = 0;

    // Estimates the q-quantile (0 <= q <= 1) by linear interpolation inside the bucket that holds
    // it, like PromQL's histogram_quantile. NaN when there are no observations. Values in the
    // +Inf bucket are reported as the largest finite bound.
    double quantile(double q) const;
    double mean() const;
    // What happened between `earlier` and this snapshot (same histogram): a sliding window is
    // two snapshots taken some seconds apart.
    HistogramSnapshot since(const HistogramSnapshot &earlier) const;
};

// Observations counted into fixed buckets, plus their sum. observe() is lock-free.
class Histogram final {
    Q_DISABLE_COPY_MOVE(Histogram)

public:
    // Upper bounds, finite and strictly increasing (sorted and de-duplicated here; an explicit
    // +Inf is dropped because the +Inf bucket always exists).
    explicit Histogram(QList<double> upperBounds = defaultBuckets());

    void observe(double value);

    HistogramSnapshot snapshot() const;
    const QList<double> &upperBounds() const { return m_bounds; }

    // Prometheus' defaults, in seconds: 5 ms … 10 s.
    static QList<double> defaultBuckets();
    // start, start·factor, start·factor², … (count bounds).
    static QList<double> exponentialBuckets(double start, double factor, int count);
    // start, start+width, … (count bounds).
    static QList<double> linearBuckets(double start, double width, int count);

private:
    QList<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_counts; // per bucket, not cumulative; last is +Inf
    std::atomic<double> m_sum { 0.0 };
};

} // namespace trefoil::metrics
