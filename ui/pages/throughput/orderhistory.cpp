#include "ui/pages/throughput/orderhistory.h"

#include <QJsonArray>

#include <algorithm>

namespace trefoil::ui {

namespace {

size_t at(OrderHistory::Stage stage)
{
    return static_cast<size_t>(stage);
}

size_t at(OrderHistory::Percentile percentile)
{
    return static_cast<size_t>(percentile);
}

} // namespace

OrderHistory::OrderHistory(int capacitySeconds)
    : m_capacity(std::max(2, capacitySeconds))
    , m_seconds(static_cast<size_t>(m_capacity))
{
    for (auto &stage : m_latestLatency)
        stage.fill(-1);
}

QLatin1StringView OrderHistory::key(Stage stage)
{
    switch (stage) {
    case Stage::Placed:
        return QLatin1StringView("placed");
    case Stage::Validated:
        return QLatin1StringView("validated");
    case Stage::Paid:
        return QLatin1StringView("paid");
    case Stage::Approved:
        return QLatin1StringView("approved");
    case Stage::Assigned:
        return QLatin1StringView("assigned");
    case Stage::Rejected:
        return QLatin1StringView("rejected");
    case Stage::Failed:
        return QLatin1StringView("failed");
    }
    return {};
}

void OrderHistory::Second::reset(qint64 second)
{
    epochSecond = second;
    counts.fill(0);
    for (auto &stage : latency)
        stage.fill(-1);
}

OrderHistory::Second &OrderHistory::slot(qint64 epochSecond)
{
    Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    if (s.epochSecond != epochSecond)
        s.reset(epochSecond);
    return s;
}

const OrderHistory::Second *OrderHistory::find(qint64 epochSecond) const
{
    if (epochSecond <= m_nowMs / 1000 - m_capacity)
        return nullptr;
    const Second &s = m_seconds[static_cast<size_t>(epochSecond % m_capacity)];
    return s.epochSecond == epochSecond ? &s : nullptr;
}

void OrderHistory::merge(const QJsonObject &stats, int windowSeconds)
{
    const qint64 nowMs = stats.value(QLatin1StringView("now_ms")).toInteger();
    if (nowMs <= 0)
        return;
    m_nowMs = std::max(m_nowMs, nowMs);
    const qint64 nowSecond = nowMs / 1000;
    const qint64 first = nowSecond - std::min(windowSeconds, m_capacity) + 1;
    for (qint64 s = first; s <= nowSecond; ++s)
        slot(s).reset(s);
    for (const QJsonValue value : stats.value(QLatin1StringView("seconds")).toArray()) {
        const QJsonObject entry = value.toObject();
        const qint64 second = entry.value(QLatin1StringView("t")).toInteger() / 1000;
        if (second < first || second > nowSecond)
            continue;
        const QString stageKey = entry.value(QLatin1StringView("stage")).toString();
        for (int i = 0; i < StageCount; ++i) {
            const auto stage = static_cast<Stage>(i);
            if (stageKey != key(stage))
                continue;
            Second &s = slot(second);
            s.counts[at(stage)] = entry.value(QLatin1StringView("n")).toInteger();
            const QJsonValue p50 = entry.value(QLatin1StringView("p50_ms"));
            const QJsonValue p95 = entry.value(QLatin1StringView("p95_ms"));
            s.latency[at(stage)] = { p50.isDouble() ? p50.toDouble() : -1, p95.isDouble() ? p95.toDouble() : -1 };
        }
    }
    const QJsonObject latency = stats.value(QLatin1StringView("latency")).toObject();
    for (int i = 0; i < StageCount; ++i) {
        const QJsonObject l = latency.value(key(static_cast<Stage>(i))).toObject();
        m_latestLatency[static_cast<size_t>(i)]
            = { l.value(QLatin1StringView("p50_ms")).toDouble(-1), l.value(QLatin1StringView("p95_ms")).toDouble(-1) };
    }
}

qint64 OrderHistory::count(Stage stage, qint64 epochSecond) const
{
    const Second *s = find(epochSecond);
    return s ? s->counts[at(stage)] : 0;
}

qint64 OrderHistory::total(Stage stage) const
{
    if (m_nowMs <= 0)
        return 0;
    const qint64 now = m_nowMs / 1000;
    qint64 sum = 0;
    for (qint64 s = now - m_capacity + 1; s <= now; ++s)
        sum += count(stage, s);
    return sum;
}

QList<QPointF> OrderHistory::points(Stage stage) const
{
    QList<QPointF> out;
    if (m_nowMs <= 0)
        return out;
    const qint64 last = m_nowMs / 1000 - 1;
    out.reserve(m_capacity - 1);
    for (qint64 s = last - m_capacity + 2; s <= last; ++s)
        out.append(QPointF(static_cast<double>(s - last - 1), static_cast<double>(count(stage, s))));
    return out;
}

double OrderHistory::latencyMs(Stage stage, Percentile percentile, qint64 epochSecond) const
{
    const Second *s = find(epochSecond);
    return s ? s->latency[at(stage)][at(percentile)] : -1;
}

QList<QPointF> OrderHistory::latencyPoints(Stage stage, Percentile percentile) const
{
    QList<QPointF> out;
    if (m_nowMs <= 0)
        return out;
    const qint64 last = m_nowMs / 1000 - 1;
    for (qint64 s = last - m_capacity + 2; s <= last; ++s) {
        const double ms = latencyMs(stage, percentile, s);
        if (ms >= 0)
            out.append(QPointF(static_cast<double>(s - last - 1), ms));
    }
    return out;
}

double OrderHistory::latestLatencyMs(Stage stage, Percentile percentile) const
{
    return m_latestLatency[at(stage)][at(percentile)];
}

} // namespace trefoil::ui
