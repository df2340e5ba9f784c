#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Pool;
}

namespace trefoil::events {

// Recent event rates for the dashboard's Throughput page, in one statement over the
// (trigger_name, created_at) index: per trigger and per second of the last `seconds`, events
// created and events delivered (with the delivered ones' 95th percentile latency), and each
// trigger's latency from created to delivered (average and
// 95th percentile) over the same seconds. Events delivered more than a minute after they were
// created (long retries) are not counted among the delivered, so that the scan stays short.
// `done` gets {"now_ms", "seconds": [{"t", "trigger", "created", "delivered", "p95_ms"}], "latency":
// {trigger: {"avg_ms", "p95_ms", "count"}}}, or an error message.
void eventRates(pg::Pool *pool, int seconds, QObject *context,
    std::function<void(const QJsonObject &rates, const QString &error)> done);

// The statement, for tests: $1 is the number of seconds (1 to 3600).
QString eventRatesSql();

} // namespace trefoil::events
