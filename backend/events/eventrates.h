#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Pool;
}

namespace trefoil::events {

// Recent event rates for the dashboard's Throughput page, in one statement over indexes only (the
// (trigger_name, created_at) index, the invocation log's (event_id, attempt) index for events that
// ever failed, and the pending events' partial index): per trigger and per second of the last
// `seconds`, events created, events delivered (with their 95th percentile latency), failed attempts
// (by when they started) and events given up on (dead, by when their last attempt was due); each
// trigger's latency from created to delivered (average and 95th percentile) over the same seconds;
// and each trigger's pending backlog now. Only events created at most a minute before the window
// are looked at, so that the scan stays short: a delivery, failure or death that came later than
// that (long retries) is not counted.
// `done` gets {"now_ms", "seconds": [{"t", "trigger", "created", "delivered", "failed", "dead",
// "p95_ms"}], "latency": {trigger: {"avg_ms", "p95_ms", "count"}}, "pending": {trigger: n}}, or an
// error message.
void eventRates(pg::Pool *pool, int seconds, QObject *context,
    std::function<void(const QJsonObject &rates, const QString &error)> done);

// The statement, for tests: $1 is the number of seconds (1 to 3600).
QString eventRatesSql();

} // namespace trefoil::events
