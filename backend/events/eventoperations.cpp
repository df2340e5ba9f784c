#include "backend/events/eventoperations.h"

#include "backend/pg/pool.h"
#include "backend/pg/sqlbuilder.h"

#include <QJsonDocument>

namespace trefoil::events {

namespace {
// Cancelling leaves events being delivered right now alone: their handler already runs.
const QLatin1String Cancellable("e.status = 'pending' AND (e.locked_until IS NULL OR e.locked_until <= now())");

QString cancelSet(pg::SqlBuilder &sql, const QString &reason)
{
    return QLatin1String("status = 'cancelled', cancel_reason = ")
        + sql.param(reason.isEmpty() ? EventOperations::tr("cancelled by an operator") : reason)
        + QLatin1String(", locked_by = NULL, locked_until = NULL");
}

const QLatin1String RedeliverSet("status = 'pending', tries = 0, next_attempt_at = clock_timestamp(),"
                                 " delivered_at = NULL, cancel_reason = NULL, redelivered = e.redelivered + 1,"
                                 " redelivered_at = clock_timestamp()");

// The batch's cursor and size as a condition and a LIMIT on the builder.
QString batchWindow(pg::SqlBuilder &sql, int limit, const QString &afterId)
{
    QString window;
    if (!afterId.isEmpty())
        window = QLatin1String(" AND e.id > ") + sql.param(afterId) + QLatin1String("::uuid");
    return window + QLatin1String(" ORDER BY e.id LIMIT ")
        + sql.param(std::clamp(limit, 1, EventOperations::MaxBatchLimit));
}
} // namespace

EventOperations::EventOperations(pg::Pool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

void EventOperations::list(const EventFilter &filter, int limit, int offset, QObject *context,
    std::function<void(const QJsonArray &, const QString &)> done, bool withData)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
    const QString limitParam = sql.param(std::clamp(limit, 1, 10000));
    const QString offsetParam = sql.param(std::max(0, offset));
    m_pool->exec(
        QLatin1String("SELECT coalesce(json_agg(row_to_json(x)), '[]') FROM ("
                      " SELECT e.id, e.trigger_name AS trigger, e.schema_name AS schema, e.table_name AS table, e.op, ")
            + EventFilter::stateExpression()
            + QLatin1String(
                " AS state, e.status, e.tries, e.created_at, e.next_attempt_at, e.delivered_at, e.locked_by,"
                " e.locked_until, e.last_error, CASE WHEN e.last_error IS NOT NULL THEN ")
            + EventFilter::fingerprintExpression()
            + QLatin1String(" END AS fingerprint, e.cancel_reason, e.redelivered")
            + (withData ? QLatin1String(", e.data") : QLatin1String()) + QLatin1String(" FROM trefoil.events e WHERE ")
            + where + QLatin1String(" ORDER BY e.created_at DESC, e.id DESC LIMIT ") + limitParam
            + QLatin1String(" OFFSET ") + offsetParam + QLatin1String(") x"),
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
                                "http_status, request, response, error"
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
    const QString where = filter.where(sql);
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
    const QString where = filter.where(sql);
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
    const QString where = filter.where(sql);
    const QString set = cancelSet(sql, reason);
    runInBatches(QLatin1String("UPDATE trefoil.events SET ") + set
            + QLatin1String(" WHERE id IN (SELECT e.id FROM trefoil.events e WHERE ") + where + QLatin1String(" AND ")
            + Cancellable + QLatin1String(" LIMIT ") + QString::number(BatchSize)
            + QLatin1String(" FOR UPDATE SKIP LOCKED)"),
        sql.params(), context, done);
}

void EventOperations::runBatch(const QString &sql, const QVariantList &params, QObject *context, BatchDone done)
{
    m_pool->exec(sql, params, context, [done](const pg::Result &result) {
        if (!result.ok())
            return done(0, {}, result.error().describe());
        done(result.toInt(0, 0), result.isNull(0, 1) ? QString() : result.text(0, 1), {});
    });
}

void EventOperations::redeliverBatch(
    const EventFilter &filter, int limit, const QString &afterId, QObject *context, BatchDone done)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
    const QString window = batchWindow(sql, limit, afterId);
    // As redeliver(): pending events stay as they are; one short transaction per batch.
    runBatch(QLatin1String("WITH picked AS (SELECT e.id FROM trefoil.events e WHERE ") + where
            + QLatin1String(" AND e.status <> 'pending' AND e.locked_by IS NULL") + window
            + QLatin1String(" FOR UPDATE SKIP LOCKED), changed AS (UPDATE trefoil.events e SET ") + RedeliverSet
            + QLatin1String(
                " FROM picked WHERE e.id = picked.id RETURNING e.id),"
                " woken AS (SELECT pg_notify('trefoil_events', 'redeliver') WHERE EXISTS (SELECT FROM changed))"
                " SELECT (SELECT count(*) FROM changed), (SELECT id FROM changed ORDER BY id DESC LIMIT 1),"
                " (SELECT count(*) FROM woken)"),
        sql.params(), context, std::move(done));
}

void EventOperations::cancelBatch(const EventFilter &filter, const QString &reason, int limit, const QString &afterId,
    QObject *context, BatchDone done)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
    const QString window = batchWindow(sql, limit, afterId);
    const QString set = cancelSet(sql, reason);
    runBatch(QLatin1String("WITH picked AS (SELECT e.id FROM trefoil.events e WHERE ") + where + QLatin1String(" AND ")
            + Cancellable + window + QLatin1String(" FOR UPDATE SKIP LOCKED), changed AS (UPDATE trefoil.events e SET ")
            + set
            + QLatin1String(" FROM picked WHERE e.id = picked.id RETURNING e.id)"
                            " SELECT count(*), (SELECT id FROM changed ORDER BY id DESC LIMIT 1) FROM changed"),
        sql.params(), context, std::move(done));
}

void EventOperations::releaseLeases(const EventFilter &filter, QObject *context, Counted done)
{
    pg::SqlBuilder sql;
    const QString where = filter.where(sql);
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
        QStringLiteral("WITH gone AS (DELETE FROM trefoil.events WHERE id IN ("
                       "  SELECT id FROM trefoil.events"
                       "   WHERE ($1 >= 0 AND status IN ('delivered', 'cancelled') AND created_at < now() - "
                       "make_interval(secs => $1))"
                       "      OR ($2 >= 0 AND status = 'dead' AND created_at < now() - make_interval(secs => $2))"
                       "   LIMIT %1 FOR UPDATE SKIP LOCKED) RETURNING id),"
                       " logs AS (DELETE FROM trefoil.invocations i USING gone WHERE i.event_id = gone.id)"
                       " SELECT count(*) FROM gone")
            .arg(BatchSize),
        { deliveredAgeSeconds, deadAgeSeconds }, context, done);
}

} // namespace trefoil::events
