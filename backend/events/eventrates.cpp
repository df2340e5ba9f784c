#include "backend/events/eventrates.h"

#include "backend/pg/pool.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>

namespace trefoil::events {

QString eventRatesSql()
{
    // e: the triggers' events created since a minute before the window, by the (trigger_name,
    // created_at) index; every other figure is read from those rows (and, for the few that ever
    // failed, their invocation-log rows by the (event_id, attempt) index). Only the backlog reads
    // other events: the pending ones, by the partial index the worker claims from.
    return QStringLiteral(
        "WITH w AS (SELECT date_trunc('second', now()) - make_interval(secs => $1::int - 1) AS since),"
        " e AS (SELECT ev.id, ev.trigger_name, ev.created_at, ev.delivered_at, ev.status, ev.tries,"
        "          ev.last_error, ev.next_attempt_at FROM trefoil.events ev, w"
        "   WHERE ev.trigger_name = ANY (ARRAY(SELECT t.name FROM trefoil.event_triggers t))"
        "     AND ev.created_at >= w.since - interval '60 seconds'),"
        " c AS (SELECT trigger_name, date_trunc('second', created_at) AS t, count(*) AS n FROM e, w"
        "   WHERE created_at >= w.since GROUP BY 1, 2),"
        " d AS (SELECT trigger_name, date_trunc('second', delivered_at) AS t, count(*) AS n,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) AS p95"
        "     FROM e, w WHERE delivered_at >= w.since GROUP BY 1, 2),"
        " f AS (SELECT e.trigger_name, date_trunc('second', i.started_at) AS t, count(*) AS n"
        "     FROM e JOIN trefoil.invocations i ON i.event_id = e.id, w"
        "    WHERE (e.tries > 1 OR e.status = 'dead' OR e.last_error IS NOT NULL)"
        "      AND (i.error IS NOT NULL OR coalesce(i.http_status, 200) NOT BETWEEN 200 AND 299)"
        "      AND i.started_at >= w.since GROUP BY 1, 2),"
        " g AS (SELECT trigger_name, date_trunc('second', next_attempt_at) AS t, count(*) AS n FROM e, w"
        "   WHERE status = 'dead' AND next_attempt_at >= w.since GROUP BY 1, 2),"
        " k AS (SELECT trigger_name, t FROM c UNION SELECT trigger_name, t FROM d"
        "   UNION SELECT trigger_name, t FROM f UNION SELECT trigger_name, t FROM g),"
        " l AS (SELECT trigger_name, avg(ms) AS avg_ms,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95_ms, count(*) AS n"
        "     FROM (SELECT trigger_name, extract(epoch FROM delivered_at - created_at) * 1000 AS ms FROM e, w"
        "            WHERE delivered_at >= w.since) x GROUP BY 1),"
        " p AS (SELECT ev.trigger_name, count(*) AS n FROM trefoil.events ev"
        "   WHERE ev.status = 'pending'"
        "     AND ev.trigger_name = ANY (ARRAY(SELECT t.name FROM trefoil.event_triggers t)) GROUP BY 1)"
        " SELECT json_build_object("
        "   'now_ms', (extract(epoch FROM now()) * 1000)::bigint,"
        "   'seconds', (SELECT coalesce(json_agg(json_build_object("
        "         't', (extract(epoch FROM k.t) * 1000)::bigint, 'trigger', k.trigger_name,"
        "         'created', coalesce(c.n, 0), 'delivered', coalesce(d.n, 0),"
        "         'failed', coalesce(f.n, 0), 'dead', coalesce(g.n, 0),"
        "         'p95_ms', round((d.p95 * 1000)::numeric, 1))"
        "       ORDER BY k.t), '[]')"
        "     FROM k LEFT JOIN c ON c.trigger_name = k.trigger_name AND c.t = k.t"
        "       LEFT JOIN d ON d.trigger_name = k.trigger_name AND d.t = k.t"
        "       LEFT JOIN f ON f.trigger_name = k.trigger_name AND f.t = k.t"
        "       LEFT JOIN g ON g.trigger_name = k.trigger_name AND g.t = k.t),"
        "   'latency', (SELECT coalesce(json_object_agg(l.trigger_name, json_build_object("
        "         'avg_ms', round(l.avg_ms::numeric, 1), 'p95_ms', round(l.p95_ms::numeric, 1), 'count', l.n)),"
        "       '{}') FROM l),"
        "   'pending', (SELECT coalesce(json_object_agg(p.trigger_name, p.n), '{}') FROM p))::text");
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
