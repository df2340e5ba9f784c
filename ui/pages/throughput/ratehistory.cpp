#include "ui/pages/throughput/ratehistory.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>
#include <optional>

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
    triggers.fill(PerTrigger {});
}

void RateHistory::Second::clearCounts()
{
    counts.fill(0);
    for (PerTrigger &t : triggers)
        t = PerTrigger { 0, 0, 0, t.pending, -1 };
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

int RateHistory::triggerIndex(const QString &trigger)
{
    int index = int(m_triggerOrder.indexOf(trigger));
    if (index < 0 && m_triggerOrder.size() < MaxTriggers) {
        m_triggerOrder.append(trigger);
        index = int(m_triggerOrder.size()) - 1;
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
        slot(s).clearCounts();
    for (const QJsonValue value : rates.value(QLatin1StringView("seconds")).toArray()) {
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
        const int index = triggerIndex(trigger);
        if (index < 0)
            continue;
        PerTrigger &t = s.triggers[static_cast<size_t>(index)];
        t.delivered = delivered;
        t.failed = entry.value(QLatin1StringView("failed")).toInteger();
        t.dead = entry.value(QLatin1StringView("dead")).toInteger();
        const QJsonValue p95 = entry.value(QLatin1StringView("p95_ms"));
        t.p95Ms = p95.isDouble() ? p95.toDouble() : -1;
    }
    m_windowLatency.clear();
    const QJsonObject latency = rates.value(QLatin1StringView("latency")).toObject();
    for (auto it = latency.constBegin(); it != latency.constEnd(); ++it) {
        triggerIndex(it.key());
        m_windowLatency.insert(it.key(), it.value().toObject().value(QLatin1StringView("p95_ms")).toDouble());
    }
    // The backlog is read now: known triggers without an entry have none pending.
    if (!rates.contains(QLatin1StringView("pending")))
        return; // a server from before the backlog was reported
    const QJsonObject pending = rates.value(QLatin1StringView("pending")).toObject();
    for (auto it = pending.constBegin(); it != pending.constEnd(); ++it)
        triggerIndex(it.key());
    m_latestPending.clear();
    Second &now = slot(nowSecond);
    for (int i = 0; i < int(m_triggerOrder.size()); ++i) {
        const qint64 n = pending.value(m_triggerOrder.at(i)).toInteger();
        now.triggers[static_cast<size_t>(i)].pending = n;
        m_latestPending.insert(m_triggerOrder.at(i), n);
    }
}

qint64 RateHistory::count(Rate rate, qint64 epochSecond) const
{
    const Second *s = find(epochSecond);
    return s ? s->counts[static_cast<size_t>(rate)] : 0;
}

qint64 RateHistory::triggerCount(TriggerRate rate, const QString &trigger, qint64 epochSecond) const
{
    const Second *s = find(epochSecond);
    const int only = trigger.isEmpty() ? -1 : int(m_triggerOrder.indexOf(trigger));
    if (!trigger.isEmpty() && only < 0)
        return rate == TriggerRate::Pending ? -1 : 0;
    if (!s)
        return rate == TriggerRate::Pending ? -1 : 0;
    if (rate == TriggerRate::Delivered && trigger.isEmpty())
        return s->counts[static_cast<size_t>(Rate::Delivered)]; // includes triggers beyond MaxTriggers
    qint64 sum = 0;
    bool known = false;
    for (int i = 0; i < int(m_triggerOrder.size()); ++i) {
        if (only >= 0 && i != only)
            continue;
        const PerTrigger &t = s->triggers[static_cast<size_t>(i)];
        switch (rate) {
        case TriggerRate::Delivered:
            sum += t.delivered;
            break;
        case TriggerRate::Failed:
            sum += t.failed;
            break;
        case TriggerRate::Dead:
            sum += t.dead;
            break;
        case TriggerRate::Pending:
            if (t.pending >= 0) {
                sum += t.pending;
                known = true;
            }
            break;
        }
    }
    return rate == TriggerRate::Pending && !known ? -1 : sum;
}

double RateHistory::latencyMs(const QString &trigger, qint64 epochSecond) const
{
    const int index = int(m_triggerOrder.indexOf(trigger));
    const Second *s = find(epochSecond);
    return index >= 0 && s ? s->triggers[static_cast<size_t>(index)].p95Ms : -1;
}

template<typename F> QList<QPointF> RateHistory::completeSeconds(F valueOf) const
{
    QList<QPointF> out;
    if (m_nowMs <= 0)
        return out;
    const qint64 last = m_nowMs / 1000 - 1; // the current second is not complete yet
    out.reserve(m_capacity - 1);
    for (qint64 s = last - m_capacity + 2; s <= last; ++s) {
        const std::optional<double> y = valueOf(s);
        if (y)
            out.append(QPointF(static_cast<double>(s - last - 1), *y));
    }
    return out;
}

QList<QPointF> RateHistory::points(Rate rate) const
{
    return completeSeconds([this, rate](qint64 s) { return std::optional<double>(double(count(rate, s))); });
}

QList<QPointF> RateHistory::triggerPoints(TriggerRate rate, const QString &trigger) const
{
    return completeSeconds([this, rate, &trigger](qint64 s) -> std::optional<double> {
        const qint64 n = triggerCount(rate, trigger, s);
        if (n < 0)
            return std::nullopt;
        return double(n);
    });
}

qint64 RateHistory::latest(Rate rate) const
{
    return m_nowMs > 0 ? count(rate, m_nowMs / 1000 - 1) : 0;
}

QList<QPointF> RateHistory::latencyPoints(const QString &trigger) const
{
    if (!m_triggerOrder.contains(trigger))
        return {};
    return completeSeconds([this, &trigger](qint64 s) -> std::optional<double> {
        const double ms = latencyMs(trigger, s);
        if (ms < 0)
            return std::nullopt;
        return ms;
    });
}

QList<QPointF> RateHistory::decimate(const QList<QPointF> &points, int maxPoints)
{
    if (maxPoints < 3 || points.size() <= maxPoints)
        return points;
    const int buckets = maxPoints / 3;
    QList<QPointF> out;
    out.reserve(qsizetype(buckets) * 3);
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

QList<QPointF> RateHistory::breakGaps(const QList<QPointF> &points, double maxGap)
{
    QList<QPointF> out;
    out.reserve(points.size());
    for (const QPointF &p : points) {
        if (!out.isEmpty() && p.x() - out.constLast().x() > maxGap)
            out.append(QPointF((p.x() + out.constLast().x()) / 2, std::numeric_limits<double>::quiet_NaN()));
        out.append(p);
    }
    return out;
}

} // namespace trefoil::ui
