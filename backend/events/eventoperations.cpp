#include "backend/events/eventoperations.h"

#include "backend/pg/pool.h"
#include "backend/pg/sqlbuilder.h"

#include <QJsonDocument>

namespace trefoil::events {

namespace {
// The WHERE clause for a filter; its values become the builder's parameters.
QString whereClause(const EventFilter &filter, pg::SqlBuilder &sql)
{
    QStringList conditions;
    auto bind = [&sql](const QVariant &value) { return sql.param(value); };
    if (!filter.ids.isEmpty())
        conditions.append(QLatin1String("e.id = ANY (") + bind(filter.ids) + QLatin1String("::text[]::uuid[])"));
    if (!filter.trigger.isEmpty())
        conditions.append(QLatin1String("e.trigger_name = ") + bind(filter.trigger));
    if (!filter.statuses.isEmpty())
        conditions.append(QLatin1String("e.status = ANY (") + bind(filter.statuses) + QLatin1String("::text[])"));
    if (!filter.schema.isEmpty())
        conditions.append(QLatin1String("e.schema_name = ") + bind(filter.schema));
    if (!filter.table.isEmpty())
        conditions.append(QLatin1String("e.table_name = ") + bind(filter.table));
    if (filter.createdFrom.isValid())
        conditions.append(QLatin1String("e.created_at >= ") + bind(filter.createdFrom));
    if (filter.createdTo.isValid())
        conditions.append(QLatin1String("e.created_at < ") + bind(filter.createdTo));
    if (!filter.errorContains.isEmpty()) {
        QString pattern = filter.errorContains;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        conditions.append(
            QLatin1String("e.last_error ILIKE ") + bind(QString(QLatin1Char('%') + pattern + QLatin1Char('%'))));
    }
    return conditions.isEmpty() ? QStringLiteral("true") : conditions.join(QLatin1String(" AND "));
}
} // namespace

EventFilter EventFilter::fromJson(const QJsonObject &json)
{
    EventFilter filter;
    for (const QJsonValue &id : json.value(QLatin1String("ids")).toArray())
        filter.ids.append(id.toString());
    if (json.contains(QLatin1String("event_id")))
        filter.ids.append(json.value(QLatin1String("event_id")).toString());
    filter.trigger
        = json.value(QLatin1String("trigger")).toString(json.value(QLatin1String("trigger_name")).toString());
    const QJsonValue status = json.value(QLatin1String("status"));
    if (status.isString())
        filter.statuses.append(status.toString());
    for (const QJsonValue &s : json.value(QLatin1String("statuses")).toArray())
        filter.statuses.append(s.toString());
    filter.schema = json.value(QLatin1String("schema")).toString();
    filter.table = json.value(QLatin1String("table")).toString();
    filter.createdFrom = QDateTime::fromString(json.value(QLatin1String("created_from")).toString(), Qt::ISODateWithMs);
    filter.createdTo = QDateTime::fromString(json.value(QLatin1String("created_to")).toString(), Qt::ISODateWithMs);
    filter.errorContains = json.value(QLatin1String("error_contains")).toString();
    return filter;
}

EventOperations::EventOperations(pg::Pool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

void EventOperations::list(const EventFilter &filter, int limit, int offset, QObject *context,
    std::function<void(const QJsonArray &, const QString &)> done)
{
    pg::SqlBuilder sql;
    const QString where = whereClause(filter, sql);
    const QString limitParam = sql.param(std::clamp(limit, 1, 10000));
    const QString offsetParam = sql.param(std::max(0, offset));
    m_pool->exec(
        QLatin1String(
            "SELECT coalesce(json_agg(row_to_json(x)), '[]') FROM ("
            " SELECT e.id, e.trigger_name, e.schema_name, e.table_name, e.op, e.status, e.tries, e.created_at,"
            "        e.next_attempt_at, e.delivered_at, e.locked_by, e.locked_until, e.last_error, e.cancel_reason,"
            "        e.redelivered, e.data"
            "   FROM trefoil.events e WHERE ")
            + where + QLatin1String(" ORDER BY e.created_at DESC LIMIT ") + limitParam + QLatin1String(" OFFSET ")
            + offsetParam + QLatin1String(") x"),
        sql.params(), context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            done(QJsonDocument::fromJson(result.raw(0, 0)).array(), {});
        });
}

void EventOperations::invocations(
    const QString &eventId, QObject *context, std::function<void(const QJsonArray &, const QString &)> done)
{
    m_pool->exec(QStringLiteral("SELECT coalesce(json_agg(row_to_json(i) ORDER BY i.attempt, i.id), '[]') FROM ("
                                " SELECT id, event_id, trigger_name, attempt, worker_id, started_at, duration_ms, "
                                "http_status, response, error"
                                "   FROM trefoil.invocations WHERE event_id = $1::uuid) i"),
        { eventId }, context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            done(QJsonDocument::fromJson(result.raw(0, 0)).array(), {});
        });
}

void EventOperations::count(const EventFilter &filter, QObject *context, Counted done)
{
    pg::SqlBuilder sql;
    const QString where = whereClause(filter, sql);
    m_pool->exec(QLatin1String("SELECT count(*) FROM trefoil.events e WHERE ") + where, sql.params(), context,
        [done](const pg::Result &result) { done(result.ok() ? result.toInt(0, 0) : 0, result.error().describe()); });
}

void EventOperations::runInBatches(
    const QString &sql, const QVariantList &params, QObject *context, Counted done, qint64 total)
{
    m_pool->exec(sql, params, context, [this, sql, params, context, done, total](const pg::Result &result) {
        if (!result.ok())
            return done(total, result.error().describe());
        // DELETE … RETURNING wrapped in a CTE reports its count as a row; plain UPDATEs as affected rows.
        const qint64 touched
            = result.columnCount() == 1 && result.rowCount() == 1 ? result.toInt(0, 0) : result.affectedRows();
        if (touched < BatchSize)
            return done(total + touched, {});
        runInBatches(sql, params, context, done, total + touched);
    });
}

void EventOperations::redeliver(const EventFilter &filter, QObject *context, Counted done)
{
    pg::SqlBuilder sql;
    const QString where = whereClause(filter, sql);
    // Each batch commits on its own and then NOTIFYs the workers; events being delivered right now
    // (locked) are left alone rather than waited for. An event redelivered once leaves the
    // selection (its redelivered_at moves past the start), so the loop ends.
    const QString startedParam = sql.param(QDateTime::currentDateTimeUtc());
    const QVariantList params = sql.takeParams();
    auto loop = std::make_shared<std::function<void(qint64)>>();
    const QString statement = QLatin1String("WITH picked AS (SELECT e.id FROM trefoil.events e WHERE ") + where
        + QLatin1String(" AND e.status <> 'pending' AND e.locked_by IS NULL"
                        " AND (e.redelivered_at IS NULL OR e.redelivered_at < ")
        + startedParam + QLatin1String(") LIMIT ") + QString::number(BatchSize)
        + QLatin1String(" FOR UPDATE SKIP LOCKED),"
                        " changed AS (UPDATE trefoil.events e SET status = 'pending', tries = 0, next_attempt_at = "
                        "clock_timestamp(),"
                        "   delivered_at = NULL, cancel_reason = NULL, redelivered = e.redelivered + 1, redelivered_at "
                        "= clock_timestamp()"
                        "   FROM picked WHERE e.id = picked.id RETURNING e.id)"
                        " SELECT count(*) FROM changed");
    *loop = [this, statement, params, context, done, loop](qint64 total) {
        m_pool->exec(statement, params, context, [this, done, loop, total](const pg::Result &result) {
            if (!result.ok()) {
                const Counted finish = done;
                *loop = nullptr;
                return finish(total, result.error().describe());
            }
            const qint64 touched = result.toInt(0, 0);
            if (touched > 0)
                m_pool->exec(QStringLiteral("NOTIFY trefoil_events, 'redeliver'"), this, [](const pg::Result &) {});
            if (touched < BatchSize) {
                const Counted finish = done;
                *loop = nullptr;
                return finish(total + touched, {});
            }
            (*loop)(total + touched);
        });
    };
    (*loop)(0);
}

void EventOperations::cancel(const EventFilter &filter, const QString &reason, QObject *context, Counted done)
{
    pg::SqlBuilder sql;
    const QString where = whereClause(filter, sql);
    const QString reasonParam = sql.param(reason.isEmpty() ? tr("cancelled by an operator") : reason);
    runInBatches(QLatin1String("UPDATE trefoil.events SET status = 'cancelled', cancel_reason = ") + reasonParam
            + QLatin1String(
                ", locked_by = NULL, locked_until = NULL WHERE id IN (SELECT e.id FROM trefoil.events e WHERE ")
            + where + QLatin1String(" AND e.status = 'pending' LIMIT ") + QString::number(BatchSize)
            + QLatin1String(" FOR UPDATE SKIP LOCKED)"),
        sql.params(), context, done);
}

void EventOperations::releaseLeases(const EventFilter &filter, QObject *context, Counted done)
{
    pg::SqlBuilder sql;
    const QString where = whereClause(filter, sql);
    runInBatches(QLatin1String("UPDATE trefoil.events SET locked_by = NULL, locked_until = NULL WHERE id IN (SELECT "
                               "e.id FROM trefoil.events e WHERE ")
            + where + QLatin1String(" AND e.status = 'pending' AND e.locked_by IS NOT NULL LIMIT ")
            + QString::number(BatchSize) + QLatin1String(")"),
        sql.params(), context, [this, done](qint64 count, const QString &error) {
            if (count > 0)
                m_pool->exec(QStringLiteral("NOTIFY trefoil_events, 'released'"), this, [](const pg::Result &) {});
            done(count, error);
        });
}

void EventOperations::invoke(const QString &trigger, const QJsonObject &payload, QObject *context,
    std::function<void(const QString &, const QString &)> done)
{
    m_pool->exec(QStringLiteral("WITH t AS (SELECT name, schema_name, table_name FROM trefoil.event_triggers WHERE "
                                "name = $1 AND on_manual),"
                                " ins AS (INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data)"
                                "   SELECT name, schema_name, table_name, 'MANUAL', jsonb_build_object('old', NULL, "
                                "'new', $2::jsonb) FROM t"
                                "   RETURNING id)"
                                " SELECT id, pg_notify('trefoil_events', $1) FROM ins"),
        { trigger, payload }, context, [done, trigger](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            if (result.rowCount() == 0)
                return done(
                    {}, tr("event trigger \"%1\" does not exist or does not allow manual invocation").arg(trigger));
            done(result.text(0, 0), {});
        });
}

void EventOperations::applyRetention(int deliveredAgeSeconds, int deadAgeSeconds, QObject *context, Counted done)
{
    // Small batches: each deletes a bounded set, so autovacuum keeps up and no lock is held long.
    runInBatches(
        QStringLiteral(
            "WITH gone AS (DELETE FROM trefoil.events WHERE id IN ("
            "  SELECT id FROM trefoil.events"
            "   WHERE (status IN ('delivered', 'cancelled') AND created_at < now() - make_interval(secs => $1))"
            "      OR (status = 'dead' AND created_at < now() - make_interval(secs => $2))"
            "   LIMIT %1 FOR UPDATE SKIP LOCKED) RETURNING id),"
            " logs AS (DELETE FROM trefoil.invocations i USING gone WHERE i.event_id = gone.id)"
            " SELECT count(*) FROM gone")
            .arg(BatchSize),
        { deliveredAgeSeconds, deadAgeSeconds }, context, done);
}

} // namespace trefoil::events
