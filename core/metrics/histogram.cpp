#include "core/metrics/histogram.h"

#include <QtNumeric>

#include <algorithm>
#include <cmath>

namespace trefoil::metrics {

double HistogramSnapshot::quantile(double q) const
{
    if (count == 0 || cumulativeCounts.isEmpty() || std::isnan(q))
        return qQNaN();
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * static_cast<double>(count);
    qsizetype bucket = 0;
    while (bucket < cumulativeCounts.size() - 1 && static_cast<double>(cumulativeCounts.at(bucket)) < rank)
        ++bucket;
    if (bucket >= upperBounds.size()) // the +Inf bucket
        return upperBounds.isEmpty() ? qQNaN() : upperBounds.last();
    const double upper = upperBounds.at(bucket);
    if (bucket == 0 && upper <= 0)
        return upper;
    const double lower = bucket == 0 ? 0.0 : upperBounds.at(bucket - 1);
    const double below = bucket == 0 ? 0.0 : static_cast<double>(cumulativeCounts.at(bucket - 1));
    const double inBucket = static_cast<double>(cumulativeCounts.at(bucket)) - below;
    if (inBucket <= 0)
        return lower;
    return lower + (upper - lower) * (rank - below) / inBucket;
}

double HistogramSnapshot::mean() const
{
    return count == 0 ? qQNaN() : sum / static_cast<double>(count);
}

HistogramSnapshot HistogramSnapshot::since(const HistogramSnapshot &earlier) const
{
    HistogramSnapshot delta = *this;
    if (earlier.cumulativeCounts.size() != cumulativeCounts.size())
        return delta;
    for (qsizetype i = 0; i < delta.cumulativeCounts.size(); ++i) {
        const quint64 before = earlier.cumulativeCounts.at(i);
        delta.cumulativeCounts[i] = delta.cumulativeCounts.at(i) >= before ? delta.cumulativeCounts.at(i) - before : 0;
    }
    delta.count = count >= earlier.count ? count - earlier.count : 0;
    delta.sum = sum - earlier.sum;
    return delta;
}

Histogram::Histogram(QList<double> upperBounds)
{
    upperBounds.removeIf([](double b) { return !std::isfinite(b); });
    std::sort(upperBounds.begin(), upperBounds.end());
    upperBounds.erase(std::unique(upperBounds.begin(), upperBounds.end()), upperBounds.end());
    m_bounds = std::move(upperBounds);
    const auto buckets = static_cast<size_t>(m_bounds.size()) + 1;
    m_counts = std::make_unique<std::atomic<quint64>[]>(buckets);
    for (size_t i = 0; i < buckets; ++i)
        m_counts[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double value)
{
    if (std::isnan(value))
        return;
    // Bucket i counts values <= bound i ("le"), so the first bound not less than the value.
    const auto it = std::lower_bound(m_bounds.cbegin(), m_bounds.cend(), value);
    const auto index = static_cast<size_t>(it - m_bounds.cbegin());
    m_counts[index].fetch_add(1, std::memory_order_relaxed);
    m_sum.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const
{
    HistogramSnapshot s;
    s.upperBounds = m_bounds;
    s.cumulativeCounts.reserve(m_bounds.size() + 1);
    quint64 running = 0;
    for (qsizetype i = 0; i <= m_bounds.size(); ++i) {
        running += m_counts[static_cast<size_t>(i)].load(std::memory_order_relaxed);
        s.cumulativeCounts.append(running);
    }
    s.count = running;
    s.sum = m_sum.load(std::memory_order_relaxed);
    return s;
}

QList<double> Histogram::defaultBuckets()
{
    return { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
}

QList<double> Histogram::exponentialBuckets(double start, double factor, int count)
{
    QList<double> bounds;
    bounds.reserve(count);
    double bound = start;
    for (int i = 0; i < count; ++i, bound *= factor)
        bounds.append(bound);
    return bounds;
}

QList<double> Histogram::linearBuckets(double start, double width, int count)
{
    QList<double> bounds;
    bounds.reserve(count);
    for (int i = 0; i < count; ++i)
        bounds.append(start + width * i);
    return bounds;
}

} // namespace trefoil::metrics
