#include "backend/events/eventrates.h"

#include "backend/pg/pool.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>

namespace trefoil::events {

QString eventRatesSql()
{
    return QStringLiteral(
        "WITH w AS (SELECT date_trunc('second', now()) - make_interval(secs => $1::int - 1) AS since),"
        " e AS (SELECT ev.trigger_name, ev.created_at, ev.delivered_at FROM trefoil.events ev, w"
        "   WHERE ev.trigger_name = ANY (ARRAY(SELECT t.name FROM trefoil.event_triggers t))"
        "     AND ev.created_at >= w.since - interval '60 seconds'),"
        " c AS (SELECT trigger_name, date_trunc('second', created_at) AS t, count(*) AS n FROM e, w"
        "   WHERE created_at >= w.since GROUP BY 1, 2),"
        " d AS (SELECT trigger_name, date_trunc('second', delivered_at) AS t, count(*) AS n,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p95"
        "     FROM e, w WHERE delivered_at >= w.since GROUP BY 1, 2),"
        " l AS (SELECT trigger_name, avg(ms) AS avg_ms,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95_ms, count(*) AS n"
        "     FROM (SELECT trigger_name, extract(epoch FROM delivered_at - created_at) * 1000 AS ms FROM e, w"
        "            WHERE delivered_at >= w.since) x GROUP BY 1)"
        " SELECT json_build_object("
        "   'now_ms', (extract(epoch FROM now()) * 1000)::bigint,"
        "   'seconds', (SELECT coalesce(json_agg(json_build_object("
        "         't', (extract(epoch FROM coalesce(c.t, d.t)) * 1000)::bigint,"
        "         'trigger', coalesce(c.trigger_name, d.trigger_name),"
        "         'created', coalesce(c.n, 0), 'delivered', coalesce(d.n, 0),"
        "         'p95_ms', round((d.p95 * 1000)::numeric, 1))"
        "       ORDER BY coalesce(c.t, d.t)), '[]')"
        "     FROM c FULL JOIN d ON d.trigger_name = c.trigger_name AND d.t = c.t),"
        "   'latency', (SELECT coalesce(json_object_agg(l.trigger_name, json_build_object("
        "         'avg_ms', round(l.avg_ms::numeric, 1), 'p95_ms', round(l.p95_ms::numeric, 1), 'count', l.n)),"
        "       '{}') FROM l))::text");
}

void eventRates(pg::Pool *pool, int seconds, QObject *context,
    std::function<void(const QJsonObject &rates, const QString &error)> done)
{
    if (seconds < 1 || seconds > 3600)
        return done({}, QCoreApplication::translate("EventRates", "seconds must be between 1 and 3600"));
    pool->exec(eventRatesSql(), { seconds }, context, [done = std::move(done)](const pg::Result &result) {
        if (!result.ok())
            return done({}, result.error().message);
        done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
    });
}

} // namespace trefoil::events
