#include "ui/pages/throughput/ratehistory.h"

#include <QJsonArray>

#include <algorithm>

namespace trefoil::ui {

RateHistory::RateHistory(int capacitySeconds, int latencySamples)
    : m_capacity(std::max(2, capacitySeconds))
    , m_latencySamples(std::max(2, latencySamples))
    , m_seconds(static_cast<size_t>(m_capacity))
{
}

RateHistory::Second &RateHistory::slot(qint64 epochSecond)
{
    Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    if (s.epochSecond != epochSecond)
        s = Second { epochSecond, { 0, 0, 0 } };
    return s;
}

void RateHistory::merge(const QJsonObject &rates, int windowSeconds)
{
    const qint64 nowMs = rates.value(QLatin1StringView("now_ms")).toInteger();
    if (nowMs <= 0)
        return;
    m_nowMs = std::max(m_nowMs, nowMs);
    const qint64 nowSecond = nowMs / 1000;
    const qint64 first = nowSecond - std::min(windowSeconds, m_capacity) + 1;
    for (qint64 s = first; s <= nowSecond; ++s)
        slot(s) = Second { s, { 0, 0, 0 } };
    for (const QJsonValue &value : rates.value(QLatin1StringView("seconds")).toArray()) {
        const QJsonObject entry = value.toObject();
        const qint64 second = entry.value(QLatin1StringView("t")).toInteger() / 1000;
        if (second < first || second > nowSecond)
            continue;
        const QString trigger = entry.value(QLatin1StringView("trigger")).toString();
        const qint64 created = entry.value(QLatin1StringView("created")).toInteger();
        const qint64 delivered = entry.value(QLatin1StringView("delivered")).toInteger();
        Second &s = slot(second);
        if (trigger == PlacedTrigger)
            s.counts[static_cast<int>(Rate::Placed)] += created;
        if (trigger == CompletedTrigger)
            s.counts[static_cast<int>(Rate::Completed)] += delivered;
        s.counts[static_cast<int>(Rate::Delivered)] += delivered;
    }
    const QJsonObject latency = rates.value(QLatin1StringView("latency")).toObject();
    for (auto it = latency.constBegin(); it != latency.constEnd(); ++it) {
        LatencyRing &ring = m_latency[it.key()];
        if (ring.samples.empty()) {
            ring.samples.resize(static_cast<size_t>(m_latencySamples));
            m_latencyOrder.append(it.key());
        }
        ring.samples[static_cast<size_t>(ring.next)]
            = { nowMs, it.value().toObject().value(QLatin1StringView("p95_ms")).toDouble() };
        ring.next = (ring.next + 1) % m_latencySamples;
        ring.size = std::min(ring.size + 1, m_latencySamples);
    }
}

qint64 RateHistory::count(Rate rate, qint64 epochSecond) const
{
    if (epochSecond <= m_nowMs / 1000 - m_capacity)
        return 0; // its slot may not have been reused yet, but it is forgotten
    const Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    return s.epochSecond == epochSecond ? s.counts[static_cast<int>(rate)] : 0;
}

QList<QPointF> RateHistory::points(Rate rate) const
{
    QList<QPointF> out;
    if (m_nowMs <= 0)
        return out;
    const qint64 last = m_nowMs / 1000 - 1; // the current second is not complete yet
    out.reserve(m_capacity - 1);
    for (qint64 s = last - m_capacity + 2; s <= last; ++s)
        out.append(QPointF(static_cast<double>(s - last - 1), static_cast<double>(count(rate, s))));
    return out;
}

qint64 RateHistory::latest(Rate rate) const
{
    return m_nowMs > 0 ? count(rate, m_nowMs / 1000 - 1) : 0;
}

QList<QPointF> RateHistory::latencyPoints(const QString &trigger) const
{
    QList<QPointF> out;
    const auto it = m_latency.constFind(trigger);
    if (it == m_latency.constEnd())
        return out;
    const LatencyRing &ring = *it;
    out.reserve(ring.size);
    for (int i = 0; i < ring.size; ++i) {
        const LatencySample &sample
            = ring.samples[static_cast<size_t>((ring.next - ring.size + i + m_latencySamples) % m_latencySamples)];
        const double x = static_cast<double>(sample.atMs - m_nowMs) / 1000.0;
        if (x >= -m_capacity)
            out.append(QPointF(x, sample.p95Ms));
    }
    return out;
}

double RateHistory::latestLatencyMs(const QString &trigger) const
{
    const auto it = m_latency.constFind(trigger);
    if (it == m_latency.constEnd() || it->size == 0)
        return 0;
    return it->samples[static_cast<size_t>((it->next - 1 + m_latencySamples) % m_latencySamples)].p95Ms;
}

QList<QPointF> RateHistory::decimate(const QList<QPointF> &points, int maxPoints)
{
    if (maxPoints < 3 || points.size() <= maxPoints)
        return points;
    const int buckets = maxPoints / 3;
    QList<QPointF> out;
    out.reserve(buckets * 3);
    const double per = static_cast<double>(points.size()) / buckets;
    for (int b = 0; b < buckets; ++b) {
        const auto begin = points.cbegin() + static_cast<qsizetype>(b * per);
        const auto end = points.cbegin() + std::min<qsizetype>(points.size(), static_cast<qsizetype>((b + 1) * per));
        if (begin >= end)
            continue;
        const auto [low, high]
            = std::minmax_element(begin, end, [](const QPointF &a, const QPointF &c) { return a.y() < c.y(); });
        // In x order, so that the line does not double back.
        QList<QPointF> three { *begin, *low, *high };
        std::sort(three.begin(), three.end(), [](const QPointF &a, const QPointF &c) { return a.x() < c.x(); });
        for (const QPointF &p : three) {
            if (out.isEmpty() || out.constLast() != p)
                out.append(p);
        }
    }
    return out;
}

} // namespace trefoil::ui
