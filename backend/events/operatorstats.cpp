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

// Runs the statements in one transaction without JIT compilation. These statements read a few
// thousand index entries, but their estimated cost can pass jit_above_cost (trefoil.event_triggers
// is too small to be analysed, so the planner assumes it holds 200 triggers and multiplies the
// per-trigger scan by that): compiling then takes tens of milliseconds for a millisecond's work.
void runWithoutJit(pg::Pool *pool, QList<pg::Statement> statements, QObject *context,
    std::function<void(const QList<pg::Result> &results, const QString &error)> done)
{
    statements.prepend({ QStringLiteral("SET LOCAL jit = off"), {} });
    pg::runTransaction(pool, std::move(statements), context,
        [done = std::move(done)](const QList<pg::Result> &results, const pg::Error &error) {
            if (error.isError())
                return done({}, error.describe());
            done(results.mid(1), {});
        });
}
} // namespace

OperatorStats::OperatorStats(pg::Pool *pool, TriggerStore *triggers, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_triggers(triggers)
{
}

bool OperatorStats::deliveredCountIsExact(const EventFilter &filter)
{
    return !filter.ids.isEmpty() || !filter.errorContains.isEmpty() || !filter.fingerprint.isEmpty()
        || (!filter.trigger.isEmpty() && filter.createdFrom.isValid());
}

pg::Statement OperatorStats::stateCountsSql(const EventFilter &filter)
{
    // One scan per stored status, each through that status's partial index (the pending ones
    // through events_due_idx); the filter's text is repeated, its parameters are bound once.
    pg::SqlBuilder sql;
    const QString where = filter.where(sql, false);
    const auto countOf = [&where](const QString &condition) -> QString {
        return QLatin1String("(SELECT count(*) FROM trefoil.events e WHERE ") + condition + QLatin1String(" AND ")
            + where + QLatin1Char(')');
    };
    QString statement = QLatin1String("SELECT json_build_object('pending', p.pending, 'in_flight', p.in_flight,"
                                      " 'retrying', p.retrying, 'dead', ")
        + countOf(EventFilter::stateCondition(QStringLiteral("dead"))) + QLatin1String(", 'cancelled', ")
        + countOf(EventFilter::stateCondition(QStringLiteral("cancelled")));
    // Delivered events never carry an error (a delivery clears it), so with an error filter the
    // error index answers exactly, and it is the one the planner should take. Otherwise they are
    // counted only while the table is small enough to read in a moment; beyond that the answer's
    // delivered is null and stateCounts() takes the planner's estimate (deliveredEstimateSql).
    const QString delivered = countOf(EventFilter::stateCondition(QStringLiteral("delivered"))
        + (filter.errorContains.isEmpty() && filter.fingerprint.isEmpty()
                ? QString()
                : QStringLiteral(" AND e.last_error IS NOT NULL")));
    statement += QLatin1String(", 'delivered', ")
        + (deliveredCountIsExact(filter) ? delivered
                                         : QLatin1String("CASE WHEN pg_relation_size('trefoil.events') <= ")
                    + sql.param(SmallTableBytes) + QLatin1String(" THEN ") + delivered + QLatin1String(" END"));
    statement += QLatin1String(") FROM (SELECT");
    QStringList pending;
    for (const QString &state : { QStringLiteral("pending"), QStringLiteral("in_flight"), QStringLiteral("retrying") })
        pending.append(QLatin1String(" count(*) FILTER (WHERE ") + EventFilter::stateCondition(state)
            + QLatin1String(") AS ") + state);
    statement += pending.join(QLatin1Char(','))
        + QLatin1String(" FROM trefoil.events e WHERE e.status = 'pending' AND ") + where + QLatin1String(") p");
    return { statement, sql.takeParams() };
}

pg::Statement OperatorStats::deliveredEstimateSql(const EventFilter &filter)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql, false);
    return { QLatin1String("EXPLAIN (FORMAT JSON) SELECT FROM trefoil.events e WHERE e.status = 'delivered' AND ")
            + where,
        sql.takeParams() };
}

void OperatorStats::stateCounts(
    const EventFilter &filter, QObject *context, std::function<void(const QJsonObject &, const QString &)> done)
{
    // The estimate is planned in the same round trip; it is used only when the count is null.
    QList<pg::Statement> statements { stateCountsSql(filter) };
    if (!deliveredCountIsExact(filter))
        statements.append(deliveredEstimateSql(filter));
    runWithoutJit(m_pool, statements, context, [done](const QList<pg::Result> &results, const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        QJsonObject counts = jsonObjectOf(results.at(0));
        if (counts.value(QLatin1String("delivered")).isNull() && results.size() > 1) {
            const QJsonObject plan = QJsonDocument::fromJson(results.at(1).raw(0, 0))
                                         .array()
                                         .at(0)
                                         .toObject()
                                         .value(QLatin1String("Plan"))
                                         .toObject();
            counts.insert(QStringLiteral("delivered"), qint64(plan.value(QLatin1String("Plan Rows")).toDouble()));
            counts.insert(QStringLiteral("estimated"), QJsonArray { QStringLiteral("delivered") });
        }
        done(counts, {});
    });
}

pg::Statement OperatorStats::failureGroupsSql(const EventFilter &filter, int limit)
{
    // Only events with an error: events_error_idx holds exactly those.
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
    const QString limitParam = sql.param(std::clamp(limit, 1, 10000));
    return { QLatin1String(
                 "SELECT coalesce(json_agg(row_to_json(g) ORDER BY g.count DESC, g.last_seen DESC), '[]')"
                 " FROM (SELECT x.fingerprint, min(x.trigger_name) AS trigger, min(x.status) AS status,"
                 "   (array_agg(x.last_error ORDER BY x.created_at DESC))[1] AS sample_error,"
                 "   count(*) AS count, min(x.created_at) AS first_seen, max(x.created_at) AS last_seen"
                 " FROM (SELECT e.trigger_name, e.last_error, e.created_at,"
                 "   CASE WHEN e.status = 'pending' AND e.tries > 0 THEN 'retrying' ELSE e.status END AS status, ")
            + EventFilter::fingerprintExpression()
            + QLatin1String(" AS fingerprint FROM trefoil.events e WHERE e.last_error IS NOT NULL AND ") + where
            + QLatin1String(") x GROUP BY x.fingerprint ORDER BY count(*) DESC LIMIT ") + limitParam
            + QLatin1String(") g"),
        sql.takeParams() };
}

void OperatorStats::failureGroups(const EventFilter &filter, int limit, QObject *context, Rows done)
{
    const pg::Statement statement = failureGroupsSql(filter, limit);
    runWithoutJit(m_pool, { statement }, context, [done](const QList<pg::Result> &results, const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        done(jsonRows(results.at(0)), {});
    });
}

pg::Statement OperatorStats::triggerCountsSql(int seconds)
{
    // Each count through its own index: the window's deliveries per trigger through
    // events_trigger_created_idx (created at most DeliveryMarginSeconds before the window), the
    // waiting and leased ones through events_due_idx, the dead through events_dead_idx, the
    // window's failed attempts through invocations_started_brin.
    return {
        QStringLiteral(
            "WITH p AS (SELECT e.trigger_name,"
            "     count(*) FILTER (WHERE e.locked_until IS NULL OR e.locked_until <= now()) AS pending,"
            "     count(*) FILTER (WHERE e.locked_until > now()) AS in_flight"
            "   FROM trefoil.events e WHERE e.status = 'pending' GROUP BY 1),"
            " x AS (SELECT e.trigger_name, count(*) AS dead FROM trefoil.events e WHERE e.status = 'dead' GROUP BY 1),"
            " f AS (SELECT i.trigger_name, count(*) AS failed FROM trefoil.invocations i"
            "   WHERE i.started_at >= now() - make_interval(secs => $1::int) AND i.error IS NOT NULL GROUP BY 1)"
            " SELECT coalesce(json_object_agg(t.name, json_build_object("
            "     'delivered', d.delivered, 'dead', coalesce(x.dead, 0),"
            "     'pending', coalesce(p.pending, 0), 'in_flight', coalesce(p.in_flight, 0),"
            "     'failed', coalesce(f.failed, 0))), '{}')"
            " FROM trefoil.event_triggers t"
            " CROSS JOIN LATERAL (SELECT count(*) AS delivered FROM trefoil.events e"
            "   WHERE e.trigger_name = t.name AND e.created_at >= now() - make_interval(secs => $1::int + $2::int)"
            "     AND e.delivered_at >= now() - make_interval(secs => $1::int)) d"
            " LEFT JOIN p ON p.trigger_name = t.name LEFT JOIN x ON x.trigger_name = t.name"
            " LEFT JOIN f ON f.trigger_name = t.name"),
        { std::clamp(seconds, 1, MaxWindowSeconds), DeliveryMarginSeconds }
    };
}

void OperatorStats::triggerStats(int seconds, QObject *context, Rows done)
{
    // The counts keyed by trigger name (triggerCountsSql); the definitions come from the store, so
    // the console edits exactly what the metadata API accepts.
    const int window = std::clamp(seconds, 1, MaxWindowSeconds);
    m_triggers->list(
        context, [this, window, context, done](const QList<TriggerDefinition> &triggers, const QString &error) {
            if (!error.isEmpty())
                return done({}, error);
            const pg::Statement statement = triggerCountsSql(window);
            runWithoutJit(m_pool, { statement }, context,
                [triggers, window, done](const QList<pg::Result> &results, const QString &queryError) {
                    if (!queryError.isEmpty())
                        return done({}, queryError);
                    const QJsonObject counts = jsonObjectOf(results.at(0));
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

pg::Statement OperatorStats::functionStatsSql(const QStringList &functions, int seconds)
{
    // The window's invocations through invocations_started_brin; the window's start is written
    // out (not a joined row) so that the planner estimates it from the column's histogram.
    return { QStringLiteral(
                 "WITH s AS (SELECT t.handler, count(*) AS calls, count(*) FILTER (WHERE i.error IS NOT NULL)"
                 "     AS errors, avg(i.duration_ms) AS avg_ms,"
                 "     percentile_cont(0.95) WITHIN GROUP (ORDER BY i.duration_ms) AS p95_ms"
                 "   FROM trefoil.invocations i"
                 "   JOIN trefoil.event_triggers t ON t.name = i.trigger_name AND t.handler_kind = 'builtin'"
                 "   WHERE i.started_at >= now() - make_interval(secs => $2::int) GROUP BY 1)"
                 " SELECT coalesce(json_agg(json_build_object('name', f.name,"
                 "     'calls', coalesce(s.calls, 0), 'errors', coalesce(s.errors, 0),"
                 "     'rate', coalesce(s.calls, 0)::float8 / $2::int,"
                 "     'error_rate', CASE WHEN s.calls > 0 THEN s.errors::float8 / s.calls ELSE 0 END,"
                 "     'avg_ms', round(s.avg_ms::numeric, 1), 'p95_ms', round(s.p95_ms::numeric, 1))"
                 "   ORDER BY f.name), '[]')"
                 " FROM unnest($1::text[]) AS f(name) LEFT JOIN s ON s.handler = f.name"),
        { functions, std::clamp(seconds, 1, MaxWindowSeconds) } };
}

void OperatorStats::functionStats(const QStringList &functions, int seconds, QObject *context, Rows done)
{
    const pg::Statement statement = functionStatsSql(functions, seconds);
    runWithoutJit(m_pool, { statement }, context, [done](const QList<pg::Result> &results, const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        done(jsonRows(results.at(0)), {});
    });
}

} // namespace trefoil::events
