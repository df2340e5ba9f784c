#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Pool;
}

namespace trefoil::functions {

// The demo's order figures for the dashboard's Throughput page, in one statement over the orders
// created since a minute before the window (orders_created_idx, demo migration 0008): per second of the last
// `seconds`, how many orders reached each stage then (placed, validated, paid, approved,
// assigned; rejected; failed = payment_declined or failed, by finished_at), with the stages' p50
// and p95 latency from the previous stage for the orders that reached them in that second; and the
// same percentiles over the whole window. An order that reached a stage more than a minute after it
// was placed is not counted, so that the scan stays short.
// `done` gets {"now_ms", "seconds": [{"t", "stage", "n", "p50_ms", "p95_ms"}], "latency": {stage:
// {"p50_ms", "p95_ms", "count"}}}, or an error message.
void orderStats(pg::Pool *pool, int seconds, QObject *context,
    std::function<void(const QJsonObject &stats, const QString &error)> done);

// The statement, for tests: $1 is the number of seconds (1 to 3600).
QString orderStatsSql();

} // namespace trefoil::functions
