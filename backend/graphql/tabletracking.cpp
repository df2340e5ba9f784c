#include "backend/graphql/tabletracking.h"

#include "backend/graphql/graphqlengine.h"
#include "backend/pg/transaction.h"

#include <QPointer>

namespace trefoil::graphql {

namespace {

const QString NotifySchema = QStringLiteral("SELECT pg_notify('trefoil_schema', 'tables')");

QJsonObject errorBody(const QString &path, const QString &message, const QString &code)
{
    return { { QStringLiteral("path"), path }, { QStringLiteral("error"), message }, { QStringLiteral("code"), code } };
}

} // namespace

TableTracking::TableTracking(pg::Pool *pool, GraphqlEngine *engine, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_engine(engine)
{
}

bool TableTracking::handle(const QString &type, const QJsonObject &args, const Reply &reply)
{
    if (type != QLatin1String("track_table") && type != QLatin1String("untrack_table"))
        return false;
    // {"table": "name" | {"schema", "name"}}, or v1's {"schema", "name"} directly.
    const QJsonValue table = args.contains(QLatin1String("table")) ? args.value(QLatin1String("table")) : args;
    QString schema = QStringLiteral("public");
    QString name = table.toString();
    if (table.isObject()) {
        schema = table.toObject().value(QLatin1String("schema")).toString(schema);
        name = table.toObject().value(QLatin1String("name")).toString();
    }
    if (!m_engine->catalog()) {
        reply(503, errorBody(QStringLiteral("$"), tr("the schema is not loaded yet"), QStringLiteral("unexpected")));
        return true;
    }
    if (!m_engine->catalog()->table(schema, name)) {
        reply(400,
            errorBody(QStringLiteral("$.args"), tr("no such table/view exists in source: \"%1\"").arg(name),
                QStringLiteral("not-exists")));
        return true;
    }
    if (type == QLatin1String("track_table"))
        track(schema, name, reply);
    else
        untrack(schema, name, args.value(QLatin1String("cascade")).toBool(false), reply);
    return true;
}

void TableTracking::track(const QString &schema, const QString &table, const Reply &reply)
{
    const QList<pg::Statement> statements = {
        { QStringLiteral("DELETE FROM trefoil.untracked_tables WHERE table_schema = $1 AND table_name = $2"),
            { schema, table } },
        { NotifySchema, {} },
    };
    pg::runTransaction(
        m_pool, statements, this, [this, reply, table](const QList<pg::Result> &results, const pg::Error &failure) {
            if (failure.isError())
                return reply(
                    500, errorBody(QStringLiteral("$.args"), failure.describe(), QStringLiteral("unexpected")));
            if (results.value(0).affectedRows() == 0)
                return reply(400,
                    errorBody(QStringLiteral("$.args"), tr("view/table already tracked: \"%1\"").arg(table),
                        QStringLiteral("already-tracked")));
            reloadThenReply(reply);
        });
}

void TableTracking::untrack(const QString &schema, const QString &table, bool cascade, const Reply &reply)
{
    if (schema == QLatin1String("trefoil"))
        return reply(400,
            errorBody(QStringLiteral("$.args"),
                tr("Trefoil's own tables stay tracked: the dashboard and the operator fields read them"),
                QStringLiteral("not-supported")));
    // Metadata relationships on the table or pointing at it depend on it, as in Hasura.
    const QString dependents
        = QStringLiteral("SELECT table_name || '.' || name FROM trefoil.relationships"
                         " WHERE (table_schema = $1 AND table_name = $2)"
                         "    OR coalesce(definition #>> '{manual_configuration,remote_table,name}',"
                         "                definition #>> '{manual_configuration,remote_table}',"
                         "                definition #>> '{foreign_key_constraint_on,table,name}',"
                         "                definition #>> '{foreign_key_constraint_on,table}') = $2"
                         " ORDER BY 1");
    m_pool->exec(dependents, { schema, table }, this, [this, reply, schema, table, cascade](const pg::Result &found) {
        if (!found.ok())
            return reply(
                500, errorBody(QStringLiteral("$.args"), found.error().describe(), QStringLiteral("unexpected")));
        QStringList names;
        for (int row = 0; row < found.rowCount(); ++row)
            names.append(found.text(row, 0));
        if (!names.isEmpty() && !cascade)
            return reply(400,
                errorBody(QStringLiteral("$.args"),
                    tr("cannot drop due to the following dependent objects: %1").arg(names.join(QLatin1String(", "))),
                    QStringLiteral("dependency-error")));
        QList<pg::Statement> statements = {
            { QStringLiteral("INSERT INTO trefoil.untracked_tables (table_schema, table_name) VALUES ($1, $2)"),
                { schema, table } },
        };
        for (const QString &name : std::as_const(names)) {
            const QString relationship = name.section(QLatin1Char('.'), 1);
            const QString owner = name.section(QLatin1Char('.'), 0, 0);
            statements.append({ QStringLiteral("DELETE FROM trefoil.relationships WHERE table_name = $1 AND name = $2"),
                { owner, relationship } });
        }
        statements.append({ NotifySchema, {} });
        pg::runTransaction(
            m_pool, statements, this, [this, reply, table](const QList<pg::Result> &, const pg::Error &failure) {
                if (failure.kind == pg::ErrorKind::UniqueViolation)
                    return reply(400,
                        errorBody(QStringLiteral("$.args"), tr("view/table already untracked: \"%1\"").arg(table),
                            QStringLiteral("already-untracked")));
                if (failure.isError())
                    return reply(
                        500, errorBody(QStringLiteral("$.args"), failure.describe(), QStringLiteral("unexpected")));
                reloadThenReply(reply);
            });
    });
}

void TableTracking::reloadThenReply(const Reply &reply)
{
    m_engine->reloadSchema([self = QPointer<TableTracking>(this), reply](const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty())
            return reply(500,
                errorBody(QStringLiteral("$.args"), tr("stored, but the schema could not be rebuilt: %1").arg(error),
                    QStringLiteral("unexpected")));
        reply(200, QJsonObject { { QStringLiteral("message"), QStringLiteral("success") } });
    });
}

} // namespace trefoil::graphql
