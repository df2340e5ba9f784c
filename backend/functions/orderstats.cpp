#include "backend/functions/orderstats.h"

#include "backend/pg/pool.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace trefoil::functions {

QString orderStatsSql()
{
    // s: one row per stage an order reached within the window, with the time it took from the
    // previous stage (none for placed, rejected and failed).
    return QStringLiteral(
        "WITH w AS (SELECT date_trunc('second', now()) - make_interval(secs => $1::int - 1) AS since),"
        " o AS (SELECT o.status, o.created_at, o.validated_at, o.paid_at, o.approved_at, o.agent_assigned_at,"
        "          o.finished_at FROM public.orders o, w WHERE o.created_at >= w.since - interval '60 seconds'),"
        " s AS (SELECT v.stage, date_trunc('second', v.at) AS t, v.ms FROM o, w, LATERAL (VALUES"
        "     ('placed', o.created_at, NULL::float8),"
        "     ('validated', o.validated_at, extract(epoch FROM o.validated_at - o.created_at) * 1000),"
        "     ('paid', o.paid_at, extract(epoch FROM o.paid_at - o.validated_at) * 1000),"
        "     ('approved', o.approved_at, extract(epoch FROM o.approved_at - o.paid_at) * 1000),"
        "     ('assigned', o.agent_assigned_at, extract(epoch FROM o.agent_assigned_at - o.approved_at) * 1000),"
        "     ('rejected', CASE WHEN o.status = 'rejected' THEN coalesce(o.finished_at, o.created_at) END,"
        "        NULL::float8),"
        "     ('failed', CASE WHEN o.status IN ('payment_declined', 'failed')"
        "        THEN coalesce(o.finished_at, o.created_at) END, NULL::float8)) v(stage, at, ms)"
        "   WHERE v.at >= w.since),"
        " ps AS (SELECT t, stage, count(*) AS n,"
        "          percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95 FROM s GROUP BY 1, 2),"
        " pw AS (SELECT stage, count(*) AS n,"
        "          percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,"
        "          percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95"
        "     FROM s WHERE ms IS NOT NULL GROUP BY 1)"
        " SELECT json_build_object("
        "   'now_ms', (extract(epoch FROM now()) * 1000)::bigint,"
        "   'seconds', (SELECT coalesce(json_agg(json_build_object("
        "         't', (extract(epoch FROM ps.t) * 1000)::bigint, 'stage', ps.stage, 'n', ps.n,"
        "         'p50_ms', round(ps.p50::numeric, 1), 'p95_ms', round(ps.p95::numeric, 1))"
        "       ORDER BY ps.t, ps.stage), '[]') FROM ps),"
        "   'latency', (SELECT coalesce(json_object_agg(pw.stage, json_build_object("
        "         'p50_ms', round(pw.p50::numeric, 1), 'p95_ms', round(pw.p95::numeric, 1), 'count', pw.n)),"
        "       '{}') FROM pw))::text");
}

void orderStats(pg::Pool *pool, int seconds, QObject *context,
    std::function<void(const QJsonObject &stats, const QString &error)> done)
{
    if (seconds < 1 || seconds > 3600)
        return done({}, QCoreApplication::translate("OrderStats", "seconds must be between 1 and 3600"));
    pool->exec(orderStatsSql(), { seconds }, context, [done = std::move(done)](const pg::Result &result) {
        if (!result.ok())
            return done({}, result.error().message);
        done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
    });
}

} // namespace trefoil::functions
