#include "backend/events/operatorstats.h"

#include "backend/events/triggerstore.h"
#include "backend/pg/pool.h"
#include "backend/pg/sqlbuilder.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace trefoil::events {

namespace {
QJsonArray jsonRows(const pg::Result &result)
{
    return QJsonDocument::fromJson(result.raw(0, 0)).array();
}

QJsonObject jsonObjectOf(const pg::Result &result)
{
    return QJsonDocument::fromJson(result.raw(0, 0)).object();
}
} // namespace

OperatorStats::OperatorStats(pg::Pool *pool, TriggerStore *triggers, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_triggers(triggers)
{
}

void OperatorStats::stateCounts(
    const EventFilter &filter, QObject *context, std::function<void(const QJsonObject &, const QString &)> done)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql, false);
    QStringList counts;
    for (const QString &state : EventFilter::stateNames())
        counts.append(pg::SqlBuilder::quoteLiteral(state) + QLatin1String(", count(*) FILTER (WHERE ")
            + EventFilter::stateCondition(state) + QLatin1Char(')'));
    m_pool->exec(QLatin1String("SELECT json_build_object(") + counts.join(QLatin1String(", "))
            + QLatin1String(") FROM trefoil.events e WHERE ") + where,
        sql.params(), context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            done(jsonObjectOf(result), {});
        });
}

void OperatorStats::failureGroups(const EventFilter &filter, int limit, QObject *context, Rows done)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
    const QString limitParam = sql.param(std::clamp(limit, 1, 10000));
    m_pool->exec(
        QLatin1String("SELECT coalesce(json_agg(row_to_json(g) ORDER BY g.count DESC, g.last_seen DESC), '[]')"
                      " FROM (SELECT x.fingerprint, min(x.trigger_name) AS trigger, min(x.status) AS status,"
                      "   (array_agg(x.last_error ORDER BY x.created_at DESC))[1] AS sample_error,"
                      "   count(*) AS count, min(x.created_at) AS first_seen, max(x.created_at) AS last_seen"
                      " FROM (SELECT e.trigger_name, e.last_error, e.created_at,"
                      "   CASE WHEN e.status = 'pending' AND e.tries > 0 THEN 'retrying' ELSE e.status END AS status, ")
            + EventFilter::fingerprintExpression()
            + QLatin1String(" AS fingerprint FROM trefoil.events e WHERE e.last_error IS NOT NULL AND ") + where
            + QLatin1String(") x GROUP BY x.fingerprint ORDER BY count(*) DESC LIMIT ") + limitParam
            + QLatin1String(") g"),
        sql.params(), context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            done(jsonRows(result), {});
        });
}

void OperatorStats::triggerStats(int seconds, QObject *context, Rows done)
{
    // One pass over the events and one over the window's invocations, keyed by trigger name; the
    // definitions come from the store, so the console edits exactly what the metadata API accepts.
    const int window = std::clamp(seconds, 1, MaxWindowSeconds);
    m_triggers->list(
        context, [this, window, context, done](const QList<TriggerDefinition> &triggers, const QString &error) {
            if (!error.isEmpty())
                return done({}, error);
            m_pool->exec(
                QStringLiteral(
                    "WITH w AS (SELECT now() - make_interval(secs => $1::int) AS since),"
                    " ev AS (SELECT e.trigger_name,"
                    "     count(*) FILTER (WHERE e.delivered_at >= w.since) AS delivered,"
                    "     count(*) FILTER (WHERE e.status = 'dead') AS dead,"
                    "     count(*) FILTER (WHERE e.status = 'pending'"
                    "                        AND (e.locked_until IS NULL OR e.locked_until <= now())) AS pending,"
                    "     count(*) FILTER (WHERE e.status = 'pending' AND e.locked_until > now()) AS in_flight"
                    "   FROM trefoil.events e, w GROUP BY 1),"
                    " inv AS (SELECT i.trigger_name, count(*) FILTER (WHERE i.error IS NOT NULL) AS failed"
                    "   FROM trefoil.invocations i, w WHERE i.started_at >= w.since GROUP BY 1)"
                    " SELECT coalesce(json_object_agg(n.name, json_build_object("
                    "     'delivered', coalesce(ev.delivered, 0), 'dead', coalesce(ev.dead, 0),"
                    "     'pending', coalesce(ev.pending, 0), 'in_flight', coalesce(ev.in_flight, 0),"
                    "     'failed', coalesce(inv.failed, 0))), '{}')"
                    " FROM (SELECT name FROM trefoil.event_triggers) n"
                    " LEFT JOIN ev ON ev.trigger_name = n.name LEFT JOIN inv ON inv.trigger_name = n.name"),
                { window }, context, [triggers, window, done](const pg::Result &result) {
                    if (!result.ok())
                        return done({}, result.error().describe());
                    const QJsonObject counts = jsonObjectOf(result);
                    QJsonArray rows;
                    for (const TriggerDefinition &t : triggers) {
                        QJsonArray operations;
                        if (t.onInsert)
                            operations.append(QStringLiteral("insert"));
                        if (t.onUpdate)
                            operations.append(QStringLiteral("update"));
                        if (t.onDelete)
                            operations.append(QStringLiteral("delete"));
                        if (t.onManual)
                            operations.append(QStringLiteral("manual"));
                        QJsonObject row = counts.value(t.name).toObject();
                        const double delivered = row.value(QLatin1String("delivered")).toDouble();
                        row.insert(QStringLiteral("name"), t.name);
                        row.insert(QStringLiteral("table"), QString(t.schema + QLatin1Char('.') + t.table));
                        row.insert(QStringLiteral("operations"), operations);
                        row.insert(QStringLiteral("handler_kind"),
                            t.handlerKind == TriggerDefinition::HandlerKind::Builtin ? QStringLiteral("builtin")
                                                                                     : QStringLiteral("webhook"));
                        row.insert(QStringLiteral("handler"), t.handler);
                        row.insert(QStringLiteral("enabled"), t.enabled);
                        row.insert(QStringLiteral("paused"), t.paused);
                        row.insert(QStringLiteral("rate"), delivered / window);
                        row.insert(QStringLiteral("definition"), t.toJson());
                        rows.append(row);
                    }
                    done(rows, {});
                });
        });
}

void OperatorStats::functionStats(const QStringList &functions, int seconds, QObject *context, Rows done)
{
    const int window = std::clamp(seconds, 1, MaxWindowSeconds);
    m_pool->exec(
        QStringLiteral("WITH w AS (SELECT now() - make_interval(secs => $2::int) AS since),"
                       " s AS (SELECT t.handler, count(*) AS calls, count(*) FILTER (WHERE i.error IS NOT NULL)"
                       "     AS errors, avg(i.duration_ms) AS avg_ms,"
                       "     percentile_cont(0.95) WITHIN GROUP (ORDER BY i.duration_ms) AS p95_ms"
                       "   FROM trefoil.invocations i"
                       "   JOIN trefoil.event_triggers t ON t.name = i.trigger_name AND t.handler_kind = 'builtin',"
                       "   w WHERE i.started_at >= w.since GROUP BY 1)"
                       " SELECT coalesce(json_agg(json_build_object('name', f.name,"
                       "     'calls', coalesce(s.calls, 0), 'errors', coalesce(s.errors, 0),"
                       "     'rate', coalesce(s.calls, 0)::float8 / $2::int,"
                       "     'error_rate', CASE WHEN s.calls > 0 THEN s.errors::float8 / s.calls ELSE 0 END,"
                       "     'avg_ms', round(s.avg_ms::numeric, 1), 'p95_ms', round(s.p95_ms::numeric, 1))"
                       "   ORDER BY f.name), '[]')"
                       " FROM unnest($1::text[]) AS f(name) LEFT JOIN s ON s.handler = f.name"),
        { functions, window }, context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            done(jsonRows(result), {});
        });
}

} // namespace trefoil::events
