#include "ui/pages/throughput/ratehistory.h"

#include <QJsonArray>

#include <algorithm>

namespace trefoil::ui {

RateHistory::RateHistory(int capacitySeconds)
    : m_capacity(std::max(2, capacitySeconds))
    , m_seconds(static_cast<size_t>(m_capacity))
{
}

void RateHistory::Second::reset(qint64 second)
{
    epochSecond = second;
    counts.fill(0);
    p95Ms.fill(-1);
}

RateHistory::Second &RateHistory::slot(qint64 epochSecond)
{
    Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    if (s.epochSecond != epochSecond)
        s.reset(epochSecond);
    return s;
}

const RateHistory::Second *RateHistory::find(qint64 epochSecond) const
{
    if (epochSecond <= m_nowMs / 1000 - m_capacity)
        return nullptr; // its slot may not have been reused yet, but it is forgotten
    const Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    return s.epochSecond == epochSecond ? &s : nullptr;
}

int RateHistory::latencyIndex(const QString &trigger)
{
    int index = int(m_latencyOrder.indexOf(trigger));
    if (index < 0 && m_latencyOrder.size() < MaxLatencyTriggers) {
        m_latencyOrder.append(trigger);
        index = int(m_latencyOrder.size()) - 1;
    }
    return index;
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
        slot(s).reset(s);
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
            s.counts[static_cast<size_t>(Rate::Placed)] += created;
        if (trigger == CompletedTrigger)
            s.counts[static_cast<size_t>(Rate::Completed)] += delivered;
        s.counts[static_cast<size_t>(Rate::Delivered)] += delivered;
        const QJsonValue p95 = entry.value(QLatin1StringView("p95_ms"));
        const int index = p95.isDouble() ? latencyIndex(trigger) : -1;
        if (index >= 0)
            s.p95Ms[static_cast<size_t>(index)] = p95.toDouble();
    }
    m_windowLatency.clear();
    const QJsonObject latency = rates.value(QLatin1StringView("latency")).toObject();
    for (auto it = latency.constBegin(); it != latency.constEnd(); ++it) {
        latencyIndex(it.key());
        m_windowLatency.insert(it.key(), it.value().toObject().value(QLatin1StringView("p95_ms")).toDouble());
    }
}

qint64 RateHistory::count(Rate rate, qint64 epochSecond) const
{
    const Second *s = find(epochSecond);
    return s ? s->counts[static_cast<size_t>(rate)] : 0;
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
    const int index = int(m_latencyOrder.indexOf(trigger));
    if (index < 0 || m_nowMs <= 0)
        return out;
    const qint64 last = m_nowMs / 1000 - 1;
    for (qint64 second = last - m_capacity + 2; second <= last; ++second) {
        const Second *s = find(second);
        if (s && s->p95Ms[static_cast<size_t>(index)] >= 0)
            out.append(QPointF(static_cast<double>(second - last - 1), s->p95Ms[static_cast<size_t>(index)]));
    }
    return out;
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
