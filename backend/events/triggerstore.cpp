#include "backend/events/triggerstore.h"

#include "backend/events/triggersql.h"
#include "backend/pg/pool.h"
#include "backend/pg/transaction.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <memory>

namespace trefoil::events {

namespace {
QStringList parseTextArray(const QString &literal)
{
    // Column names as PostgreSQL prints text[]: {a,b,"with space"}.
    QStringList items;
    QString current;
    bool quoted = false;
    bool escaped = false;
    for (qsizetype i = 1; i + 1 < literal.size(); ++i) {
        const QChar c = literal.at(i);
        if (escaped) {
            current += c;
            escaped = false;
        } else if (c == QLatin1Char('\\')) {
            escaped = true;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (c == QLatin1Char(',') && !quoted) {
            items.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (literal.size() > 2)
        items.append(current);
    return items;
}
} // namespace

TriggerStore::TriggerStore(pg::Pool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

TriggerDefinition TriggerStore::fromRow(const pg::Result &r, int row)
{
    TriggerDefinition t;
    t.name = r.text(row, QStringLiteral("name"));
    t.schema = r.text(row, QStringLiteral("schema_name"));
    t.table = r.text(row, QStringLiteral("table_name"));
    t.onInsert = r.toBool(row, r.columnIndex(QStringLiteral("on_insert")));
    t.onUpdate = r.toBool(row, r.columnIndex(QStringLiteral("on_update")));
    t.onDelete = r.toBool(row, r.columnIndex(QStringLiteral("on_delete")));
    t.onManual = r.toBool(row, r.columnIndex(QStringLiteral("on_manual")));
    if (!r.isNull(row, QStringLiteral("update_columns")))
        t.updateColumns = parseTextArray(r.text(row, QStringLiteral("update_columns")));
    if (!r.isNull(row, QStringLiteral("update_values")))
        t.updateValues = QJsonDocument::fromJson(r.raw(row, r.columnIndex(QStringLiteral("update_values")))).object();
    if (!r.isNull(row, QStringLiteral("payload_columns")))
        t.payloadColumns = parseTextArray(r.text(row, QStringLiteral("payload_columns")));
    t.handlerKind = r.text(row, QStringLiteral("handler_kind")) == QLatin1String("builtin")
        ? TriggerDefinition::HandlerKind::Builtin
        : TriggerDefinition::HandlerKind::Webhook;
    t.handler = r.text(row, QStringLiteral("handler"));
    t.headers = QJsonDocument::fromJson(r.raw(row, r.columnIndex(QStringLiteral("headers")))).array();
    t.retry.numRetries = int(r.toInt(row, QStringLiteral("num_retries")));
    t.retry.intervalSeconds = int(r.toInt(row, QStringLiteral("interval_sec")));
    t.retry.timeoutSeconds = int(r.toInt(row, QStringLiteral("timeout_sec")));
    t.retry.backoff = r.text(row, QStringLiteral("backoff")) == QLatin1String("exponential")
        ? RetryPolicy::Backoff::Exponential
        : RetryPolicy::Backoff::Fixed;
    t.retry.maxIntervalSeconds = int(r.toInt(row, QStringLiteral("max_interval_sec")));
    t.retry.jitter = r.toDouble(row, r.columnIndex(QStringLiteral("jitter")));
    if (!r.isNull(row, QStringLiteral("max_concurrency")))
        t.maxConcurrency = int(r.toInt(row, QStringLiteral("max_concurrency")));
    t.enabled = r.toBool(row, r.columnIndex(QStringLiteral("enabled")));
    t.paused = r.toBool(row, r.columnIndex(QStringLiteral("paused")));
    return t;
}

void TriggerStore::create(const TriggerDefinition &trigger, bool replace, QObject *context, Done done)
{
    // Check the table and the named columns first: PL/pgSQL resolves names only when it runs, and
    // a trigger that fails at run time would make the user's own writes fail.
    m_pool->exec(QStringLiteral("SELECT (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = "
                                "c.oid AND a.attnum > 0 AND NOT a.attisdropped),"
                                "       c.relkind::text,"
                                "       (SELECT schema_name FROM trefoil.event_triggers WHERE name = $3),"
                                "       (SELECT table_name FROM trefoil.event_triggers WHERE name = $3)"
                                "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                " WHERE n.nspname = $1 AND c.relname = $2"),
        { trigger.schema, trigger.table, trigger.name }, context,
        [this, trigger, replace, context, done](const pg::Result &result) {
            if (!result.ok())
                return done(result.error().describe(), QStringLiteral("unexpected"));
            if (result.rowCount() == 0)
                return done(tr("table \"%1.%2\" does not exist").arg(trigger.schema, trigger.table),
                    QStringLiteral("not-exists"));
            if (result.text(0, 1) != QLatin1String("r") && result.text(0, 1) != QLatin1String("p"))
                return done(
                    tr("\"%1.%2\" is not a table; event triggers need a table").arg(trigger.schema, trigger.table),
                    QStringLiteral("invalid-params"));
            const QStringList existing = parseTextArray(result.text(0, 0));
            const QSet<QString> columns(existing.cbegin(), existing.cend());
            std::optional<QStringList> valueColumnsList;
            if (!trigger.updateValues.isEmpty())
                valueColumnsList = trigger.updateValues.keys();
            const std::optional<QStringList> &valueColumns = valueColumnsList;
            for (const auto *list : { &trigger.updateColumns, &trigger.payloadColumns, &valueColumns }) {
                if (!*list)
                    continue;
                for (const QString &column : **list) {
                    if (!columns.contains(column))
                        return done(tr("column \"%1\" does not exist on table \"%2.%3\"")
                                        .arg(column, trigger.schema, trigger.table),
                            QStringLiteral("not-exists"));
                }
            }
            if (!result.isNull(0, 2) && !replace)
                return done(
                    tr("event trigger \"%1\" already exists").arg(trigger.name), QStringLiteral("already-exists"));
            install(trigger, replace, result.text(0, 2), result.text(0, 3), context, done);
        });
}

void TriggerStore::install(const TriggerDefinition &t, bool replace, const QString &previousSchema,
    const QString &previousTable, QObject *context, Done done)
{
    auto columns = [](const std::optional<QStringList> &list) { return list ? QVariant(*list) : QVariant(); };
    QList<pg::Statement> statements;
    if (!previousTable.isEmpty())
        statements.append({ TriggerSql::dropTrigger(t.name, previousSchema, previousTable), {} });
    QString upsert = QStringLiteral("INSERT INTO trefoil.event_triggers (name, schema_name, table_name, on_insert, "
                                    "on_update, update_columns, on_delete, "
                                    "  on_manual, payload_columns, handler_kind, handler, headers, num_retries, "
                                    "interval_sec, timeout_sec, backoff, "
                                    "  max_interval_sec, jitter, max_concurrency, enabled, paused, update_values)"
                                    " VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::text[], $10, $11, "
                                    "$12::jsonb, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
                                    "         $22::jsonb)");
    if (replace) {
        upsert += QStringLiteral(
            " ON CONFLICT (name) DO UPDATE SET schema_name = EXCLUDED.schema_name, table_name = EXCLUDED.table_name,"
            " on_insert = EXCLUDED.on_insert, on_update = EXCLUDED.on_update, update_columns = EXCLUDED.update_columns,"
            " on_delete = EXCLUDED.on_delete, on_manual = EXCLUDED.on_manual, payload_columns = "
            "EXCLUDED.payload_columns,"
            " handler_kind = EXCLUDED.handler_kind, handler = EXCLUDED.handler, headers = EXCLUDED.headers,"
            " num_retries = EXCLUDED.num_retries, interval_sec = EXCLUDED.interval_sec, timeout_sec = "
            "EXCLUDED.timeout_sec,"
            " backoff = EXCLUDED.backoff, max_interval_sec = EXCLUDED.max_interval_sec, jitter = EXCLUDED.jitter,"
            " max_concurrency = EXCLUDED.max_concurrency, enabled = EXCLUDED.enabled, paused = EXCLUDED.paused,"
            " update_values = EXCLUDED.update_values, updated_at = now()");
    }
    statements.append({ upsert,
        { t.name, t.schema, t.table, t.onInsert, t.onUpdate, columns(t.updateColumns), t.onDelete, t.onManual,
            columns(t.payloadColumns),
            t.handlerKind == TriggerDefinition::HandlerKind::Builtin ? QStringLiteral("builtin")
                                                                     : QStringLiteral("webhook"),
            t.handler, t.headers, t.retry.numRetries, t.retry.intervalSeconds, t.retry.timeoutSeconds,
            t.retry.backoff == RetryPolicy::Backoff::Exponential ? QStringLiteral("exponential")
                                                                 : QStringLiteral("fixed"),
            t.retry.maxIntervalSeconds, t.retry.jitter, t.maxConcurrency ? QVariant(*t.maxConcurrency) : QVariant(),
            t.enabled, t.paused, t.updateValues.isEmpty() ? QVariant() : QVariant(t.updateValues) } });
    statements.append({ TriggerSql::createFunction(t), {} });
    statements.append({ TriggerSql::dropTrigger(t.name, t.schema, t.table), {} });
    const QString createTrigger = TriggerSql::createTrigger(t);
    if (!createTrigger.isEmpty())
        statements.append({ createTrigger, {} });
    statements.append({ QStringLiteral("SELECT pg_notify('trefoil_triggers', $1)"), { t.name } });
    pg::runTransaction(
        m_pool, statements, context, [done, name = t.name](const QList<pg::Result> &, const pg::Error &error) {
            if (error.kind == pg::ErrorKind::UniqueViolation)
                return done(tr("event trigger \"%1\" already exists").arg(name), QStringLiteral("already-exists"));
            if (error.isError())
                return done(error.describe(), QStringLiteral("unexpected"));
            done({}, {});
        });
}

void TriggerStore::remove(const QString &name, QObject *context, Done done)
{
    m_pool->exec(QStringLiteral("SELECT schema_name, table_name FROM trefoil.event_triggers WHERE name = $1"), { name },
        context, [this, name, context, done](const pg::Result &found) {
            if (!found.ok())
                return done(found.error().describe(), QStringLiteral("unexpected"));
            if (found.rowCount() == 0)
                return done(tr("event trigger \"%1\" does not exist").arg(name), QStringLiteral("not-exists"));
            // Pending events of a removed trigger cannot be delivered any more: they are
            // cancelled, not silently dropped, so an operator can still see them.
            const QList<pg::Statement> statements = {
                { TriggerSql::dropTrigger(name, found.text(0, 0), found.text(0, 1)), {} },
                { TriggerSql::dropFunction(name), {} },
                { QStringLiteral("DELETE FROM trefoil.event_triggers WHERE name = $1"), { name } },
                { QStringLiteral(
                      "UPDATE trefoil.events SET status = 'cancelled', cancel_reason = 'trigger deleted',"
                      " locked_by = NULL, locked_until = NULL WHERE trigger_name = $1 AND status = 'pending'"),
                    { name } },
                { QStringLiteral("SELECT pg_notify('trefoil_triggers', $1)"), { name } },
            };
            pg::runTransaction(m_pool, statements, context, [done](const QList<pg::Result> &, const pg::Error &error) {
                done(error.isError() ? error.describe() : QString(),
                    error.isError() ? QStringLiteral("unexpected") : QString());
            });
        });
}

void TriggerStore::setPaused(const QString &name, bool paused, QObject *context, Done done)
{
    pg::runTransaction(m_pool,
        { { QStringLiteral("UPDATE trefoil.event_triggers SET paused = $2, updated_at = now() WHERE name = $1"),
              { name, paused } },
            { QStringLiteral("SELECT pg_notify('trefoil_triggers', $1)"), { name } } },
        context, [done, name](const QList<pg::Result> &results, const pg::Error &error) {
            if (error.isError())
                return done(error.describe(), QStringLiteral("unexpected"));
            if (results.at(0).affectedRows() == 0)
                return done(tr("event trigger \"%1\" does not exist").arg(name), QStringLiteral("not-exists"));
            done({}, {});
        });
}

void TriggerStore::setState(const QString &name, std::optional<bool> paused, std::optional<bool> enabled,
    QObject *context, std::function<void(bool, bool, const QString &, const QString &)> done)
{
    const QVariant pausedValue = paused ? QVariant(*paused) : QVariant();
    const QVariant enabledValue = enabled ? QVariant(*enabled) : QVariant();
    pg::runTransaction(m_pool,
        { { QStringLiteral("UPDATE trefoil.event_triggers SET paused = coalesce($2::boolean, paused),"
                           " enabled = coalesce($3::boolean, enabled), updated_at = now()"
                           " WHERE name = $1 RETURNING paused, enabled"),
              { name, pausedValue, enabledValue } },
            { QStringLiteral("SELECT pg_notify('trefoil_triggers', $1)"), { name } } },
        context, [done, name](const QList<pg::Result> &results, const pg::Error &error) {
            if (error.isError())
                return done(false, false, error.describe(), QStringLiteral("unexpected"));
            const pg::Result &row = results.at(0);
            if (row.rowCount() == 0)
                return done(
                    false, false, tr("event trigger \"%1\" does not exist").arg(name), QStringLiteral("not-exists"));
            done(row.toBool(0, 0), row.toBool(0, 1), {}, {});
        });
}

void TriggerStore::list(QObject *context, std::function<void(const QList<TriggerDefinition> &, const QString &)> done)
{
    m_pool->exec(QLatin1String("SELECT ") + QLatin1String(SelectColumns)
            + QLatin1String(" FROM trefoil.event_triggers ORDER BY name"),
        context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            QList<TriggerDefinition> triggers;
            for (int row = 0; row < result.rowCount(); ++row)
                triggers.append(fromRow(result, row));
            done(triggers, {});
        });
}

void TriggerStore::loadFile(const QString &path, QObject *context, Done done)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return done(
            tr("cannot read trigger file %1: %2").arg(path, file.errorString()), QStringLiteral("invalid-params"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return done(tr("%1 is not valid JSON: %2").arg(path, parseError.errorString()), QStringLiteral("invalid-json"));
    const QJsonArray entries = document.object().value(QLatin1String("event_triggers")).toArray();
    auto remaining = std::make_shared<QList<TriggerDefinition>>();
    for (const QJsonValue &entry : entries) {
        QString error;
        const auto trigger = TriggerDefinition::fromHasuraArgs(entry.toObject(), &error);
        if (!trigger)
            return done(tr("%1: %2").arg(path, error), QStringLiteral("invalid-params"));
        remaining->append(*trigger);
    }
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, remaining, context, done, next] {
        if (remaining->isEmpty()) {
            const Done finish = done; // the closure is destroyed by the next line
            *next = nullptr;
            return finish({}, {});
        }
        const TriggerDefinition trigger = remaining->takeFirst();
        create(trigger, true, context, [done, next](const QString &error, const QString &code) {
            if (!error.isEmpty()) {
                *next = nullptr;
                return done(error, code);
            }
            (*next)();
        });
    };
    (*next)();
}

} // namespace trefoil::events
