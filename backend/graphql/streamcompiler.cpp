#include "backend/graphql/streamcompiler.h"

#include "backend/graphql/compiler.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/pg/sqlbuilder.h"

namespace trefoil::graphql {

using pg::SqlBuilder;

namespace {

GraphqlError fieldError(const QString &message, const ResolvedField &field)
{
    GraphqlError e;
    e.message = message;
    e.locations.push_back(field.location);
    e.path = QJsonArray { field.key };
    return e;
}

// The UUID v7 of statement_timestamp()'s millisecond with zero random bits: trefoil.uuid_v7()
// computes the millisecond the same way (rounded), so every id made later is not below it.
const char *const uuidClock = "encode(overlay(decode(repeat('00', 16), 'hex') PLACING "
                              "substring(int8send((extract(epoch FROM statement_timestamp()) * 1000)::bigint) FROM 3) "
                              "FROM 1 FOR 6), 'hex')::uuid";

} // namespace

bool StreamCompiler::isStream(const ResolvedOperation &operation)
{
    return operation.type == OperationType::Subscription && operation.fields.size() == 1 && operation.fields.front().def
        && operation.fields.front().def->role == FieldRole::Stream;
}

StreamPlan StreamCompiler::compile(const ResolvedOperation &operation) const
{
    StreamPlan plan;
    if (!isStream(operation)) {
        GraphqlError e;
        e.message = QStringLiteral("the operation is not a streaming subscription");
        plan.errors.push_back(e);
        return plan;
    }
    const ResolvedField &f = operation.fields.front();
    const TableInfo &table = m_schema.table(f.def->table);
    plan.key = f.key;
    plan.schemaName = table.schema;
    plan.tableName = table.name;
    const auto failed = [&plan, &f](const QString &message) {
        plan.errors.push_back(fieldError(message, f));
        return plan;
    };

    // Hasura: batch_size is a non-negative Int; the cursor list holds exactly one column in all.
    const Value *batch = f.arg(QStringLiteral("batch_size"));
    plan.batchSize = batch ? batch->text.toInt() : -1;
    if (plan.batchSize < 0)
        return failed(QStringLiteral("expected a non-negative integer for 'batch_size'"));
    const Value *cursor = f.arg(QStringLiteral("cursor"));
    const ObjectField *initial = nullptr;
    int columns = 0;
    static const std::vector<Value> noItems;
    static const std::vector<ObjectField> noFields;
    for (const Value &item : cursor ? cursor->list : noItems) {
        if (item.kind != Value::Kind::Object)
            continue;
        bool descending = false;
        const Value *values = nullptr;
        for (const ObjectField &of : item.fields) {
            if (of.name == QLatin1String("ordering"))
                descending = of.value.kind == Value::Kind::Enum && of.value.text == QLatin1String("DESC");
            else if (of.name == QLatin1String("initial_value"))
                values = &of.value;
        }
        for (const ObjectField &of : values ? values->fields : noFields) {
            ++columns;
            initial = &of;
            plan.descending = descending;
        }
    }
    if (columns == 0)
        return failed(QStringLiteral("one streaming column field is expected"));
    if (columns > 1)
        return failed(QStringLiteral("multiple column cursors are not supported yet"));
    const CatalogColumn *column = table.column(initial->name);
    if (!column)
        return failed(QStringLiteral("unknown cursor column '%1'").arg(initial->name));
    if (initial->value.kind == Value::Kind::Null)
        return failed(QStringLiteral("the initial value of the cursor column '%1' must not be null").arg(column->name));
    if (column->typeName == QLatin1String("json") || column->typeName == QLatin1String("bool")
        || column->typeName.startsWith(QLatin1Char('_')))
        return failed(QStringLiteral("the column '%1' cannot be a cursor: its values have no order").arg(column->name));
    plan.column = column->name;
    plan.initialValue = Compiler::valueText(initial->value).toString();
    plan.frontier = column->typeName == QLatin1String("timestamptz") || column->typeName == QLatin1String("uuid")
        ? StreamPlan::Frontier::Clock
        : StreamPlan::Frontier::LargestValue;

    Compiler compiler(m_schema);
    const QString cursorParam = compiler.m_sql.param(QVariant(), column->sqlType);
    const QString frontierParam = compiler.m_sql.param(QVariant(), column->sqlType);
    const QString alias = compiler.m_sql.alias();
    const QString expr = alias + QLatin1Char('.') + SqlBuilder::quoteIdentifier(column->name);
    const QStringList conditions
        = { expr + (plan.descending ? QLatin1String(" < ") : QLatin1String(" > ")) + cursorParam,
              expr + (plan.frontier == StreamPlan::Frontier::Clock ? QLatin1String(" < ") : QLatin1String(" <= "))
                  + frontierParam };
    // The rows of one batch: the user's filter, ordered by the cursor, at most batch_size.
    ResolvedField args = f;
    args.args.clear();
    if (const Value *where = f.arg(QStringLiteral("where")))
        args.args.push_back(Argument { QStringLiteral("where"), *where, {} });
    Value direction;
    direction.kind = Value::Kind::Enum;
    direction.text = plan.descending ? QStringLiteral("desc") : QStringLiteral("asc");
    Value orderBy;
    orderBy.kind = Value::Kind::Object;
    orderBy.fields.push_back(ObjectField { column->name, direction, {} });
    args.args.push_back(Argument { QStringLiteral("order_by"), orderBy, {} });
    Value limit;
    limit.kind = Value::Kind::Int;
    limit.text = QString::number(plan.batchSize);
    args.args.push_back(Argument { QStringLiteral("limit"), limit, {} });
    const Compiler::Inner inner = compiler.innerSelect(table, alias, &args, conditions);
    const Compiler::RowJson row = compiler.rowJson(table, f.children, alias);
    const QString order = inner.outerOrder.join(QLatin1String(", "));
    const QString rows = QLatin1String("coalesce(json_agg(") + row.json + QLatin1String(" ORDER BY ") + order
        + QLatin1String("), '[]'::json)");
    plan.fetchSql = QLatin1String("SELECT ") + SqlBuilder::jsonObject({ { f.key, rows } })
        + QLatin1String(" AS \"data\", (array_agg(") + expr + QLatin1String("::text ORDER BY ") + expr
        + (plan.descending ? QLatin1String(" ASC") : QLatin1String(" DESC"))
        + QLatin1String("))[1] AS \"cursor\", count(*) AS \"rows\" FROM (") + inner.sql + QLatin1String(") AS ") + alias
        + row.joins;
    plan.fetchParams = compiler.m_sql.takeParams();
    plan.errors = compiler.m_errors;

    const QString qualified = SqlBuilder::qualified(table.schema, table.name);
    const QString quoted = SqlBuilder::quoteIdentifier(column->name);
    QString frontier;
    if (plan.frontier == StreamPlan::Frontier::LargestValue)
        frontier = QLatin1String("(SELECT \"t\".") + quoted + QLatin1String(" FROM ") + qualified
            + QLatin1String(" AS \"t\" WHERE \"t\".") + quoted + QLatin1String(" IS NOT NULL ORDER BY \"t\".") + quoted
            + QLatin1String(" DESC LIMIT 1)");
    else if (column->typeName == QLatin1String("uuid"))
        frontier = QLatin1String(uuidClock);
    else
        frontier = QStringLiteral("statement_timestamp()");
    plan.millisecondFrontier = column->typeName == QLatin1String("uuid");
    // The frontier is read from the statement's snapshot, taken before pg_locks is read below.
    // Every transaction holds the lock on its own virtual transaction id until it ends, with or
    // without a real xid; a prepared transaction (two-phase commit) has none, so it is listed by
    // its xid instead.
    plan.epochSql = QLatin1String("SELECT (") + frontier
        + QLatin1String(")::text AS \"frontier\", ARRAY(SELECT l.virtualxid FROM pg_catalog.pg_locks AS l "
                        "LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid "
                        "WHERE l.locktype = 'virtualxid' AND l.mode = 'ExclusiveLock' AND l.granted "
                        "AND l.pid IS DISTINCT FROM pg_backend_pid() "
                        "AND a.backend_type IS DISTINCT FROM 'autovacuum worker' "
                        "UNION ALL SELECT 'prepared:' || p.transaction::text FROM pg_catalog.pg_prepared_xacts AS p) "
                        "AS \"running\"");
    plan.runningSql = QStringLiteral(
        "SELECT (SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'virtualxid' AND mode = 'ExclusiveLock' "
        "AND granted AND virtualxid = ANY ($1::text[])) + (SELECT count(*) FROM pg_catalog.pg_prepared_xacts "
        "WHERE 'prepared:' || transaction::text = ANY ($1::text[]))");
    return plan;
}

StreamPlan StreamCompiler::compileRequest(const GraphqlEngine &engine, const QJsonObject &request, const QString &role)
{
    const GraphqlEngine::Resolution resolution = engine.resolve(request.value(QStringLiteral("query")).toString(),
        request.value(QStringLiteral("operationName")).toString(),
        request.value(QStringLiteral("variables")).toObject(), role);
    if (!resolution.operation) {
        StreamPlan plan;
        plan.errors = resolution.errors;
        return plan;
    }
    StreamPlan plan = StreamCompiler(*resolution.schema).compile(*resolution.operation);
    plan.schema = resolution.schema;
    return plan;
}

} // namespace trefoil::graphql
