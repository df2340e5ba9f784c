#include "backend/graphql/compiler.h"

#include "backend/graphql/introspection.h"
#include "core/graphql/values.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace trefoil::graphql {

using pg::SqlBuilder;

namespace {

QString q(const QString &identifier)
{
    return SqlBuilder::quoteIdentifier(identifier);
}

QString col(const QString &alias, const QString &column)
{
    return alias + QLatin1Char('.') + q(column);
}

const Value *field(const Value &object, const QString &name)
{
    for (const ObjectField &f : object.fields) {
        if (f.name == name)
            return &f.value;
    }
    return nullptr;
}

QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// What a bound value of the column is cast to. format_type() without a typmod names char(n)
// "character", which as a cast means char(1) and cuts the value to one character: bpchar keeps
// it whole (and still compares as char(n) does, ignoring trailing spaces).
QString castType(const CatalogColumn &column)
{
    if (column.sqlType == QLatin1String("character"))
        return QStringLiteral("bpchar");
    if (column.sqlType == QLatin1String("character[]"))
        return QStringLiteral("bpchar[]");
    return column.sqlType;
}

QString direction(const QString &value)
{
    if (value == QLatin1String("asc_nulls_first"))
        return QStringLiteral("ASC NULLS FIRST");
    if (value == QLatin1String("desc"))
        return QStringLiteral("DESC NULLS FIRST");
    if (value == QLatin1String("desc_nulls_last"))
        return QStringLiteral("DESC NULLS LAST");
    if (value == QLatin1String("desc_nulls_first"))
        return QStringLiteral("DESC NULLS FIRST");
    return QStringLiteral("ASC NULLS LAST");
}

} // namespace

void Compiler::fail(const QString &message, const ResolvedField &f, const QString &code)
{
    GraphqlError e;
    e.message = message;
    e.code = code;
    e.locations.push_back(f.location);
    e.path = QJsonArray { f.key };
    m_errors.push_back(e);
}

QVariant Compiler::valueText(const Value &value)
{
    switch (value.kind) {
    case Value::Kind::Null:
    case Value::Kind::Variable:
        return QVariant();
    case Value::Kind::Boolean:
        return value.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Kind::List:
    case Value::Kind::Object:
        return QString::fromUtf8(jsonText(valueToJson(value, {})));
    default:
        return value.text;
    }
}

QString Compiler::valueParam(const Value &value, const CatalogColumn &column)
{
    const bool json = column.typeName == QLatin1String("json") || column.typeName == QLatin1String("jsonb");
    if (json && value.kind != Value::Kind::Null)
        return m_sql.param(QString::fromUtf8(jsonText(valueToJson(value, {}))), castType(column));
    if (column.sqlType.endsWith(QLatin1String("[]")) && value.kind == Value::Kind::List) {
        // array_agg over no elements is NULL: an empty list is the empty array.
        return QLatin1String("coalesce((SELECT array_agg(\"e\") FROM json_array_elements_text(")
            + m_sql.param(valueText(value), QStringLiteral("json")) + QLatin1String(") AS \"e\"), '{}')::")
            + castType(column);
    }
    return m_sql.param(valueText(value), castType(column));
}

QString Compiler::comparison(const QString &expr, const CatalogColumn &column, const Value &ops)
{
    const bool json = column.typeName == QLatin1String("json") || column.typeName == QLatin1String("jsonb");
    // Patterns and keys are text whatever the column: cast to the column's type, a varchar(n) or
    // char(n) would cut the pattern to n characters.
    static const QHash<QString, QString> patternOperators = { { QStringLiteral("_like"), QStringLiteral(" LIKE ") },
        { QStringLiteral("_nlike"), QStringLiteral(" NOT LIKE ") },
        { QStringLiteral("_ilike"), QStringLiteral(" ILIKE ") },
        { QStringLiteral("_nilike"), QStringLiteral(" NOT ILIKE ") },
        { QStringLiteral("_similar"), QStringLiteral(" SIMILAR TO ") },
        { QStringLiteral("_nsimilar"), QStringLiteral(" NOT SIMILAR TO ") },
        { QStringLiteral("_regex"), QStringLiteral(" ~ ") }, { QStringLiteral("_nregex"), QStringLiteral(" !~ ") },
        { QStringLiteral("_iregex"), QStringLiteral(" ~* ") }, { QStringLiteral("_niregex"), QStringLiteral(" !~* ") },
        { QStringLiteral("_has_key"), QStringLiteral(" ? ") } };
    static const QHash<QString, QString> operators = { { QStringLiteral("_eq"), QStringLiteral(" = ") },
        { QStringLiteral("_neq"), QStringLiteral(" <> ") }, { QStringLiteral("_gt"), QStringLiteral(" > ") },
        { QStringLiteral("_gte"), QStringLiteral(" >= ") }, { QStringLiteral("_lt"), QStringLiteral(" < ") },
        { QStringLiteral("_lte"), QStringLiteral(" <= ") }, { QStringLiteral("_contains"), QStringLiteral(" @> ") },
        { QStringLiteral("_contained_in"), QStringLiteral(" <@ ") } };
    QStringList parts;
    for (const ObjectField &op : ops.fields) {
        const QString &o = op.name;
        const Value &v = op.value;
        if (o == QLatin1String("_is_null")) {
            if (v.kind == Value::Kind::Boolean)
                parts.append(expr + (v.boolean ? QLatin1String(" IS NULL") : QLatin1String(" IS NOT NULL")));
            continue;
        }
        if (v.kind == Value::Kind::Null)
            continue; // Hasura ignores comparisons with null
        if ((o == QLatin1String("_in") || o == QLatin1String("_nin")) && column.sqlType.endsWith(QLatin1String("[]"))) {
            // Array columns: each item is an array, so a text[] of items cannot carry them.
            QStringList items;
            for (const Value &item : v.list)
                items.append(valueParam(item, column));
            const QString in = items.isEmpty()
                ? QStringLiteral("false")
                : expr + QLatin1String(" IN (") + items.join(QLatin1String(", ")) + QLatin1Char(')');
            parts.append(o == QLatin1String("_in") ? in : QLatin1String("NOT (") + in + QLatin1Char(')'));
            continue;
        }
        if (o == QLatin1String("_in") || o == QLatin1String("_nin")) {
            QStringList items;
            for (const Value &item : v.list)
                items.append(json ? QString::fromUtf8(jsonText(valueToJson(item, {}))) : valueText(item).toString());
            const QString array = QLatin1Char('(') + m_sql.param(items, QStringLiteral("text[]")) + QLatin1String(")::")
                + castType(column) + QLatin1String("[]");
            parts.append(o == QLatin1String("_in")
                    ? QString(expr + QLatin1String(" = ANY(") + array + QLatin1Char(')'))
                    : QString(QLatin1String("NOT (") + expr + QLatin1String(" = ANY(") + array + QLatin1String("))")));
            continue;
        }
        if (o == QLatin1String("_has_keys_any") || o == QLatin1String("_has_keys_all")) {
            QStringList keys;
            for (const Value &item : v.list)
                keys.append(valueText(item).toString());
            parts.append(expr + (o == QLatin1String("_has_keys_any") ? QLatin1String(" ?| ") : QLatin1String(" ?& "))
                + m_sql.param(keys, QStringLiteral("text[]")));
            continue;
        }
        if (o == QLatin1String("_cast")) {
            // jsonb's text form, compared with String's operators.
            if (const Value *asString = field(v, QStringLiteral("String"));
                asString && asString->kind == Value::Kind::Object) {
                CatalogColumn text;
                text.typeName = QStringLiteral("text");
                text.sqlType = QStringLiteral("text");
                parts.append(comparison(QLatin1Char('(') + expr + QLatin1String(")::text"), text, *asString));
            }
            continue;
        }
        if (const QString pattern = patternOperators.value(o); !pattern.isEmpty()) {
            parts.append(expr + pattern + m_sql.param(valueText(v), QStringLiteral("text")));
            continue;
        }
        const QString sqlOperator = operators.value(o);
        if (!sqlOperator.isEmpty())
            parts.append(expr + sqlOperator + valueParam(v, column));
    }
    return parts.isEmpty() ? QStringLiteral("true") : parts.join(QLatin1String(" AND "));
}

QString Compiler::boolExp(const TableInfo &table, const QString &alias, const Value &exp)
{
    if (exp.kind != Value::Kind::Object)
        return QStringLiteral("true");
    QStringList parts;
    for (const ObjectField &f : exp.fields) {
        if (f.name == QLatin1String("_and") || f.name == QLatin1String("_or")) {
            const bool isAnd = f.name == QLatin1String("_and");
            QStringList items;
            for (const Value &item : f.value.list)
                items.append(QLatin1Char('(') + boolExp(table, alias, item) + QLatin1Char(')'));
            if (f.value.kind == Value::Kind::Null)
                continue;
            parts.append(items.isEmpty() ? (isAnd ? QStringLiteral("true") : QStringLiteral("false"))
                                         : QLatin1Char('(')
                        + items.join(isAnd ? QLatin1String(" AND ") : QLatin1String(" OR ")) + QLatin1Char(')'));
        } else if (f.name == QLatin1String("_not")) {
            if (f.value.kind == Value::Kind::Object)
                parts.append(QLatin1String("NOT (") + boolExp(table, alias, f.value) + QLatin1Char(')'));
        } else if (const CatalogColumn *c = table.column(f.name)) {
            if (f.value.kind == Value::Kind::Object)
                parts.append(comparison(col(alias, c->name), *c, f.value));
        } else if (const Relationship *aggregated = aggregateRelationship(table, f.name)) {
            if (f.value.kind == Value::Kind::Object)
                parts.append(aggregatePredicates(*aggregated, alias, f.value));
        } else if (const Relationship *rel = table.relationship(f.name)) {
            if (f.value.kind != Value::Kind::Object)
                continue;
            const TableInfo &target = m_schema.table(rel->target);
            const QString a = m_sql.alias();
            QStringList conditions = correlation(*rel, a, alias);
            conditions.append(boolExp(target, a, f.value));
            parts.append(QLatin1String("EXISTS (SELECT 1 FROM ") + readTable(target) + QLatin1String(" AS ") + a
                + QLatin1String(" WHERE ") + conditions.join(QLatin1String(" AND ")) + QLatin1Char(')'));
        }
    }
    return parts.isEmpty() ? QStringLiteral("true") : parts.join(QLatin1String(" AND "));
}

const Relationship *Compiler::aggregateRelationship(const TableInfo &table, const QString &name)
{
    if (!name.endsWith(QLatin1String("_aggregate")))
        return nullptr;
    const Relationship *rel = table.relationship(name.chopped(int(qstrlen("_aggregate"))));
    return rel && rel->isArray ? rel : nullptr;
}

QString Compiler::aggregatePredicates(const Relationship &rel, const QString &parentAlias, const Value &exp)
{
    // One correlated subquery per aggregate: `(SELECT count(…) FROM target WHERE correlation AND
    // filter) <predicate>`; a relationship with no rows aggregates to 0 (count) or NULL (bool_*),
    // as the aggregate of an empty set does in PostgreSQL.
    const TableInfo &target = m_schema.table(rel.target);
    QStringList parts;
    for (const ObjectField &f : exp.fields) {
        if (f.value.kind != Value::Kind::Object)
            continue;
        const QString a = m_sql.alias();
        QStringList arguments;
        if (const Value *args = field(f.value, QStringLiteral("arguments"))) {
            const std::vector<Value> list = args->kind == Value::Kind::List ? args->list : std::vector<Value> { *args };
            for (const Value &c : list) {
                if (c.kind == Value::Kind::Enum)
                    arguments.append(col(a, c.text));
            }
        }
        const Value *distinct = field(f.value, QStringLiteral("distinct"));
        const bool isDistinct = distinct && distinct->kind == Value::Kind::Boolean && distinct->boolean;
        QString argument = arguments.isEmpty() ? QStringLiteral("*")
            : arguments.size() == 1            ? arguments.front()
                                    : QLatin1String("ROW(") + arguments.join(QLatin1String(", ")) + QLatin1Char(')');
        if (isDistinct && !arguments.isEmpty())
            argument = QLatin1String("DISTINCT ") + argument;
        CatalogColumn result;
        if (f.name == QLatin1String("count")) {
            result.typeName = QStringLiteral("int8");
            result.sqlType = QStringLiteral("bigint");
        } else if (f.name == QLatin1String("bool_and") || f.name == QLatin1String("bool_or")) {
            if (arguments.isEmpty())
                continue;
            result.typeName = QStringLiteral("bool");
            result.sqlType = QStringLiteral("boolean");
        } else {
            continue;
        }
        QStringList where = correlation(rel, a, parentAlias);
        if (const Value *filter = field(f.value, QStringLiteral("filter"));
            filter && filter->kind == Value::Kind::Object)
            where.append(boolExp(target, a, *filter));
        const QString aggregate = QLatin1String("(SELECT ") + f.name + QLatin1Char('(') + argument
            + QLatin1String(") FROM ") + readTable(target) + QLatin1String(" AS ") + a + QLatin1String(" WHERE ")
            + where.join(QLatin1String(" AND ")) + QLatin1Char(')');
        const Value *predicate = field(f.value, QStringLiteral("predicate"));
        parts.append(predicate ? comparison(aggregate, result, *predicate) : QStringLiteral("true"));
    }
    return parts.isEmpty() ? QStringLiteral("true") : parts.join(QLatin1String(" AND "));
}

QStringList Compiler::correlation(const Relationship &rel, const QString &alias, const QString &parentAlias)
{
    QStringList conditions;
    for (qsizetype i = 0; i < rel.columns.size(); ++i)
        conditions.append(
            col(alias, rel.targetColumns.at(i)) + QLatin1String(" = ") + col(parentAlias, rel.columns.at(i)));
    return conditions;
}

std::vector<std::pair<QString, QString>> Compiler::orderBy(
    const TableInfo &table, const QString &alias, const Value &spec)
{
    std::vector<std::pair<QString, QString>> out; // expression, direction
    const std::vector<Value> items = spec.kind == Value::Kind::List ? spec.list : std::vector<Value> { spec };
    for (const Value &item : items) {
        for (const ObjectField &f : item.fields) {
            if (f.value.kind == Value::Kind::Null)
                continue;
            if (table.column(f.name)) {
                out.emplace_back(col(alias, f.name), direction(f.value.text));
            } else if (const Relationship *rel = table.relationship(f.name); rel && !rel->isArray) {
                const TableInfo &target = m_schema.table(rel->target);
                const QString a = m_sql.alias();
                const QString where = correlation(*rel, a, alias).join(QLatin1String(" AND "));
                for (const auto &[expr, dir] : orderBy(target, a, f.value)) {
                    out.emplace_back(QLatin1String("(SELECT ") + expr + QLatin1String(" FROM ") + readTable(target)
                            + QLatin1String(" AS ") + a + QLatin1String(" WHERE ") + where + QLatin1Char(')'),
                        dir);
                }
            }
        }
    }
    return out;
}

QString Compiler::readTable(const TableInfo &table)
{
    m_read.insert(int(&table - m_schema.tables().data()));
    return SqlBuilder::qualified(table.schema, table.name);
}

QString Compiler::tableSource(const TableInfo &table)
{
    const QString qualified = readTable(table);
    const int index = int(&table - m_schema.tables().data());
    const auto it = m_inserted.constFind(index);
    if (it == m_inserted.constEnd())
        return qualified;
    QString source = QLatin1String("(SELECT * FROM ") + qualified;
    for (const QString &cte : *it)
        source += QLatin1String(" UNION ALL SELECT * FROM ") + q(cte);
    return source + QLatin1Char(')');
}

Compiler::Inner Compiler::innerSelect(
    const TableInfo &table, const QString &alias, const ResolvedField *args, const QStringList &conditions)
{
    Inner inner;
    QStringList where = conditions;
    QStringList innerOrder;
    QStringList extras;
    QStringList distinct;
    QString limit;
    if (args) {
        if (const Value *w = args->arg(QStringLiteral("where")))
            where.append(boolExp(table, alias, *w));
        if (const Value *o = args->arg(QStringLiteral("order_by"))) {
            int n = 0;
            for (const auto &[expr, dir] : orderBy(table, alias, *o)) {
                innerOrder.append(expr + QLatin1Char(' ') + dir);
                if (expr.startsWith(alias + QLatin1Char('.'))) {
                    inner.outerOrder.append(expr + QLatin1Char(' ') + dir);
                } else {
                    const QString name = QStringLiteral("__order_") + QString::number(n++);
                    extras.append(expr + QLatin1String(" AS ") + q(name));
                    inner.outerOrder.append(col(alias, name) + QLatin1Char(' ') + dir);
                }
            }
        }
        if (const Value *d = args->arg(QStringLiteral("distinct_on"))) {
            for (const Value &c : d->list)
                distinct.append(col(alias, c.text));
        }
        if (const Value *l = args->arg(QStringLiteral("limit")); l && l->kind == Value::Kind::Int)
            limit += QLatin1String(" LIMIT ") + m_sql.param(l->text, QStringLiteral("bigint"));
        if (const Value *o = args->arg(QStringLiteral("offset")); o && o->kind == Value::Kind::Int)
            limit += QLatin1String(" OFFSET ") + m_sql.param(o->text, QStringLiteral("bigint"));
    }
    const QString columns = extras.isEmpty()
        ? QString(alias + QLatin1String(".*"))
        : QString(alias + QLatin1String(".*, ") + extras.join(QLatin1String(", ")));
    const QString from = QLatin1String(" FROM ") + tableSource(table) + QLatin1String(" AS ") + alias
        + (where.isEmpty() ? QString() : QLatin1String(" WHERE ") + where.join(QLatin1String(" AND ")));
    if (distinct.isEmpty()) {
        inner.sql = QLatin1String("SELECT ") + columns + from
            + (innerOrder.isEmpty() ? QString() : QLatin1String(" ORDER BY ") + innerOrder.join(QLatin1String(", ")))
            + limit;
    } else {
        inner.sql = QLatin1String("SELECT * FROM (SELECT DISTINCT ON (") + distinct.join(QLatin1String(", "))
            + QLatin1String(") ") + columns + from + QLatin1String(" ORDER BY ")
            + (distinct + innerOrder).join(QLatin1String(", ")) + QLatin1String(") AS ") + alias
            + (inner.outerOrder.isEmpty() ? QString()
                                          : QLatin1String(" ORDER BY ") + inner.outerOrder.join(QLatin1String(", ")))
            + limit;
    }
    return inner;
}

Compiler::RowJson Compiler::rowJson(
    const TableInfo &table, const std::vector<ResolvedField> &selection, const QString &alias)
{
    RowJson row;
    std::vector<std::pair<QString, QString>> pairs;
    for (const ResolvedField &f : selection) {
        if (!f.def) {
            pairs.emplace_back(f.key, SqlBuilder::quoteLiteral(table.graphqlName) + QLatin1String("::text"));
            continue;
        }
        if (f.def->role == FieldRole::Column) {
            pairs.emplace_back(f.key, col(alias, f.def->column));
            continue;
        }
        const Relationship &rel = table.relationships.at(size_t(f.def->relationship));
        const TableInfo &target = m_schema.table(rel.target);
        const QString a = m_sql.alias();
        const QStringList conditions = correlation(rel, a, alias);
        QString select;
        if (f.def->role == FieldRole::ObjectRelationship)
            select = selectOne(target, f, conditions, a);
        else if (f.def->role == FieldRole::ArrayRelationship)
            select = selectMany(target, f, conditions, a);
        else
            select = selectAggregate(target, f, conditions, a);
        const QString lateral = m_sql.alias();
        row.joins += QLatin1String(" LEFT JOIN LATERAL (") + select + QLatin1String(") AS ") + lateral
            + QLatin1String(" ON true");
        pairs.emplace_back(f.key, col(lateral, QStringLiteral("v")));
    }
    row.json = SqlBuilder::jsonObject(pairs);
    return row;
}

QString Compiler::selectMany(
    const TableInfo &table, const ResolvedField &f, const QStringList &conditions, const QString &alias)
{
    const Inner inner = innerSelect(table, alias, &f, conditions);
    const RowJson row = rowJson(table, f.children, alias);
    return QLatin1String("SELECT coalesce(json_agg(") + row.json
        + (inner.outerOrder.isEmpty() ? QString()
                                      : QLatin1String(" ORDER BY ") + inner.outerOrder.join(QLatin1String(", ")))
        + QLatin1String("), '[]'::json) AS \"v\" FROM (") + inner.sql + QLatin1String(") AS ") + alias + row.joins;
}

QString Compiler::selectOne(
    const TableInfo &table, const ResolvedField &f, const QStringList &conditions, const QString &alias)
{
    Inner inner = innerSelect(table, alias, nullptr, conditions);
    const RowJson row = rowJson(table, f.children, alias);
    return QLatin1String("SELECT ") + row.json + QLatin1String(" AS \"v\" FROM (") + inner.sql
        + QLatin1String(" LIMIT 1) AS ") + alias + row.joins;
}

QString Compiler::aggregateFields(const TableInfo &table, const ResolvedField &f, const QString &alias)
{
    std::vector<std::pair<QString, QString>> pairs;
    for (const ResolvedField &c : f.children) {
        if (!c.def) {
            pairs.emplace_back(c.key, SqlBuilder::quoteLiteral(c.parentType) + QLatin1String("::text"));
        } else if (c.name == QLatin1String("count")) {
            QStringList columns;
            if (const Value *cols = c.arg(QStringLiteral("columns"))) {
                for (const Value &v : cols->list)
                    columns.append(col(alias, v.text));
            }
            const Value *distinct = c.arg(QStringLiteral("distinct"));
            const bool isDistinct = distinct && distinct->kind == Value::Kind::Boolean && distinct->boolean;
            QString arg = columns.isEmpty() ? QStringLiteral("*")
                : columns.size() == 1       ? columns.front()
                                      : QLatin1String("ROW(") + columns.join(QLatin1String(", ")) + QLatin1Char(')');
            if (isDistinct && !columns.isEmpty())
                arg = QLatin1String("DISTINCT ") + arg;
            pairs.emplace_back(c.key, QLatin1String("count(") + arg + QLatin1Char(')'));
        } else {
            const TypeDef *columnsType = m_schema.type(Schema::namedType(c.def->type));
            std::vector<std::pair<QString, QString>> columnPairs;
            for (const ResolvedField &cc : c.children) {
                if (!cc.def)
                    columnPairs.emplace_back(cc.key, SqlBuilder::quoteLiteral(cc.parentType) + QLatin1String("::text"));
                else
                    columnPairs.emplace_back(cc.key,
                        columnsType->aggregateFunction + QLatin1Char('(') + col(alias, cc.def->column)
                            + QLatin1Char(')'));
            }
            pairs.emplace_back(c.key, SqlBuilder::jsonObject(columnPairs));
        }
    }
    Q_UNUSED(table)
    return SqlBuilder::jsonObject(pairs);
}

QString Compiler::selectAggregate(
    const TableInfo &table, const ResolvedField &f, const QStringList &conditions, const QString &alias)
{
    const Inner inner = innerSelect(table, alias, &f, conditions);
    QString joins;
    std::vector<std::pair<QString, QString>> pairs;
    for (const ResolvedField &c : f.children) {
        if (!c.def) {
            pairs.emplace_back(c.key, SqlBuilder::quoteLiteral(c.parentType) + QLatin1String("::text"));
        } else if (c.name == QLatin1String("aggregate")) {
            pairs.emplace_back(c.key, aggregateFields(table, c, alias));
        } else {
            const RowJson row = rowJson(table, c.children, alias);
            joins += row.joins;
            pairs.emplace_back(c.key,
                QLatin1String("coalesce(json_agg(") + row.json
                    + (inner.outerOrder.isEmpty()
                            ? QString()
                            : QLatin1String(" ORDER BY ") + inner.outerOrder.join(QLatin1String(", ")))
                    + QLatin1String("), '[]'::json)"));
        }
    }
    return QLatin1String("SELECT ") + SqlBuilder::jsonObject(pairs) + QLatin1String(" AS \"v\" FROM (") + inner.sql
        + QLatin1String(") AS ") + alias + joins;
}

QString Compiler::pkConditions(
    const TableInfo &table, const QString &alias, const std::vector<Argument> &args, const Value *object)
{
    QStringList conditions;
    for (const QString &key : table.primaryKey) {
        const Value *v = nullptr;
        if (object) {
            v = field(*object, key);
        } else {
            for (const Argument &a : args) {
                if (a.name == key)
                    v = &a.value;
            }
        }
        if (v)
            conditions.append(col(alias, key) + QLatin1String(" = ") + valueParam(*v, *table.column(key)));
    }
    return conditions.join(QLatin1String(" AND "));
}

CompiledOperation Compiler::compile(const ResolvedOperation &operation)
{
    CompiledOperation out;
    out.type = operation.type;
    out.isMutation = operation.type == OperationType::Mutation;
    Introspection introspection(m_schema);
    std::vector<std::pair<QString, QString>> pairs;
    bool needsDatabase = false;
    m_sql = SqlBuilder();
    m_read.clear();
    if (!out.isMutation)
        m_sql.setParamSource(m_paramSource);
    for (const ResolvedField &f : operation.fields) {
        CompiledRootField root;
        root.key = f.key;
        if (!f.def || f.def->role == FieldRole::IntrospectionSchema || f.def->role == FieldRole::IntrospectionType) {
            root.kind = CompiledRootField::Kind::Static;
            root.json = jsonText(f.def ? introspection.resolve(f)
                                       : QJsonValue(operation.type == OperationType::Mutation ? m_schema.mutationType()
                                                                                              : operation.rootType));
        } else if (f.def->role == FieldRole::Custom) {
            root.kind = CompiledRootField::Kind::Custom;
            root.custom = f.def->custom;
            for (const Argument &a : f.args)
                root.args.insert(a.name, valueToJson(a.value, {}));
            root.selection = f.children;
        } else if (out.isMutation) {
            m_ctes.clear();
            m_inserted.clear();
            m_sql = SqlBuilder();
            root = compileMutationField(f);
        } else if (f.def->role == FieldRole::Stream) {
            fail(QStringLiteral("'%1' is a streaming subscription: subscribe to it over a WebSocket").arg(f.name), f);
            continue;
        } else {
            needsDatabase = true;
            const TableInfo &table = m_schema.table(f.def->table);
            const QString a = m_sql.alias();
            QString select;
            if (f.def->role == FieldRole::Select)
                select = selectMany(table, f, {}, a);
            else if (f.def->role == FieldRole::SelectAggregate)
                select = selectAggregate(table, f, {}, a);
            else
                select = selectOne(table, f, { pkConditions(table, a, f.args, nullptr) }, a);
            pairs.emplace_back(f.key, QLatin1Char('(') + select + QLatin1Char(')'));
            out.rootFields.push_back(root);
            continue;
        }
        if (!out.isMutation && root.kind != CompiledRootField::Kind::Sql) {
            root.paramIndex = int(m_sql.params().size());
            pairs.emplace_back(f.key,
                m_sql.param(
                    root.kind == CompiledRootField::Kind::Static ? QVariant(QString::fromUtf8(root.json)) : QVariant(),
                    QStringLiteral("json")));
        }
        out.rootFields.push_back(root);
    }
    if (!out.isMutation && needsDatabase) {
        out.sql = QLatin1String("SELECT ") + SqlBuilder::jsonObject(pairs) + QLatin1String(" AS \"data\"");
        out.params = m_sql.takeParams();
        for (const int index : std::as_const(m_read)) {
            const TableInfo &table = m_schema.tables().at(size_t(index));
            out.readTables.append(table.schema + QLatin1Char('.') + table.name);
            out.readsView = out.readsView || table.isView;
        }
        out.readTables.sort();
    }
    out.errors = m_errors;
    return out;
}

QString Compiler::withCtes(const QString &select) const
{
    QStringList ctes;
    for (const auto &[name, sql] : m_ctes)
        ctes.append(q(name) + QLatin1String(" AS (") + sql + QLatin1Char(')'));
    return (ctes.isEmpty() ? QString() : QLatin1String("WITH ") + ctes.join(QLatin1String(", ")) + QLatin1Char(' '))
        + select;
}

QString Compiler::insertRow(const TableInfo &table, const Value &object, const Value *onConflict,
    const Relationship *parentRel, const QString &parentCte, QStringList *allCtes)
{
    QStringList columns;
    QStringList values;
    QStringList froms;
    const auto set = [&](const QString &column, const QString &expression) {
        const qsizetype i = columns.indexOf(q(column));
        if (i >= 0) {
            values[i] = expression;
        } else {
            columns.append(q(column));
            values.append(expression);
        }
    };
    for (const ObjectField &f : object.fields) {
        if (const CatalogColumn *c = table.column(f.name)) {
            if (!columns.contains(q(c->name)))
                set(c->name, valueParam(f.value, *c));
        } else if (const Relationship *rel = table.relationship(f.name);
                   rel && !rel->isArray && f.value.kind == Value::Kind::Object) {
            const Value *data = field(f.value, QStringLiteral("data"));
            if (!data)
                continue;
            const QString cte = insertRow(m_schema.table(rel->target), *data,
                field(f.value, QStringLiteral("on_conflict")), nullptr, {}, allCtes);
            froms.append(q(cte));
            for (qsizetype i = 0; i < rel->columns.size(); ++i)
                set(rel->columns.at(i), col(q(cte), rel->targetColumns.at(i)));
        }
    }
    if (parentRel) {
        froms.append(q(parentCte));
        for (qsizetype i = 0; i < parentRel->columns.size(); ++i)
            set(parentRel->targetColumns.at(i), col(q(parentCte), parentRel->columns.at(i)));
    }
    const QString alias = m_sql.alias();
    QString sql = QLatin1String("INSERT INTO ") + SqlBuilder::qualified(table.schema, table.name)
        + QLatin1String(" AS ") + alias;
    if (columns.isEmpty()) {
        sql += QLatin1String(" DEFAULT VALUES");
    } else {
        sql += QLatin1String(" (") + columns.join(QLatin1String(", ")) + QLatin1String(") SELECT ")
            + values.join(QLatin1String(", "));
        if (!froms.isEmpty())
            sql += QLatin1String(" FROM ") + froms.join(QLatin1String(", "));
    }
    if (onConflict && onConflict->kind == Value::Kind::Object) {
        const Value *constraint = field(*onConflict, QStringLiteral("constraint"));
        const Value *updateColumns = field(*onConflict, QStringLiteral("update_columns"));
        const Value *where = field(*onConflict, QStringLiteral("where"));
        sql += QLatin1String(" ON CONFLICT ON CONSTRAINT ") + q(constraint ? constraint->text : QString());
        QStringList updates;
        if (updateColumns) {
            for (const Value &c : updateColumns->list)
                updates.append(q(c.text) + QLatin1String(" = EXCLUDED.") + q(c.text));
        }
        if (updates.isEmpty()) {
            sql += QLatin1String(" DO NOTHING");
        } else {
            sql += QLatin1String(" DO UPDATE SET ") + updates.join(QLatin1String(", "));
            if (where && where->kind == Value::Kind::Object)
                sql += QLatin1String(" WHERE ") + boolExp(table, alias, *where);
        }
    }
    sql += QLatin1String(" RETURNING ") + alias + QLatin1String(".*");
    const QString name = QStringLiteral("_ins") + QString::number(m_ctes.size() + 1);
    m_ctes.emplace_back(name, sql);
    allCtes->append(name);
    if (!onConflict || onConflict->kind != Value::Kind::Object)
        m_inserted[int(&table - m_schema.tables().data())].append(name);
    // Children through array relationships, once this row exists.
    for (const ObjectField &f : object.fields) {
        const Relationship *rel = table.relationship(f.name);
        if (!rel || !rel->isArray || f.value.kind != Value::Kind::Object)
            continue;
        const Value *data = field(f.value, QStringLiteral("data"));
        if (!data)
            continue;
        for (const Value &child : data->list)
            insertRow(
                m_schema.table(rel->target), child, field(f.value, QStringLiteral("on_conflict")), rel, name, allCtes);
    }
    return name;
}

QString Compiler::mutationResponse(
    const TableInfo &table, const ResolvedField &f, const QStringList &rowCtes, const QStringList &countCtes)
{
    std::vector<std::pair<QString, QString>> pairs;
    for (const ResolvedField &c : f.children) {
        if (!c.def) {
            pairs.emplace_back(c.key, SqlBuilder::quoteLiteral(c.parentType) + QLatin1String("::text"));
        } else if (c.name == QLatin1String("affected_rows")) {
            QStringList counts;
            for (const QString &cte : countCtes)
                counts.append(QLatin1String("(SELECT count(*) FROM ") + q(cte) + QLatin1Char(')'));
            pairs.emplace_back(c.key, counts.isEmpty() ? QStringLiteral("0") : counts.join(QLatin1String(" + ")));
        } else {
            QStringList sources;
            for (const QString &cte : rowCtes)
                sources.append(QLatin1String("SELECT * FROM ") + q(cte));
            const QString alias = m_sql.alias();
            const RowJson row = rowJson(table, c.children, alias);
            pairs.emplace_back(c.key,
                QLatin1String("(SELECT coalesce(json_agg(") + row.json + QLatin1String("), '[]'::json) FROM (")
                    + sources.join(QLatin1String(" UNION ALL ")) + QLatin1String(") AS ") + alias + row.joins
                    + QLatin1Char(')'));
        }
    }
    return SqlBuilder::jsonObject(pairs);
}

QString Compiler::singleRow(const TableInfo &table, const ResolvedField &f, const QString &cte)
{
    const QString alias = m_sql.alias();
    const RowJson row = rowJson(table, f.children, alias);
    return QLatin1String("(SELECT ") + row.json + QLatin1String(" FROM ") + q(cte) + QLatin1String(" AS ") + alias
        + row.joins + QLatin1String(" LIMIT 1)");
}

CompiledRootField Compiler::compileMutationField(const ResolvedField &f)
{
    CompiledRootField root;
    root.key = f.key;
    root.kind = CompiledRootField::Kind::Sql;
    const TableInfo &table = m_schema.table(f.def->table);
    const QString target = SqlBuilder::qualified(table.schema, table.name);
    QString result;
    switch (f.def->role) {
    case FieldRole::Insert:
    case FieldRole::InsertOne: {
        const bool one = f.def->role == FieldRole::InsertOne;
        const Value *objects = f.arg(one ? QStringLiteral("object") : QStringLiteral("objects"));
        const Value *onConflict = f.arg(QStringLiteral("on_conflict"));
        QStringList rows;
        QStringList all;
        const std::vector<Value> list = one ? std::vector<Value> { *objects } : objects->list;
        for (const Value &object : list)
            rows.append(insertRow(table, object, onConflict, nullptr, {}, &all));
        if (one)
            result = singleRow(table, f, rows.value(0));
        else if (rows.isEmpty())
            result = mutationResponse(table, f, {}, {})
                         .replace(QLatin1String("FROM ()"),
                             QLatin1String("FROM (SELECT * FROM ") + target + QLatin1String(" WHERE false)"));
        else
            result = mutationResponse(table, f, rows, all);
        break;
    }
    case FieldRole::Update:
    case FieldRole::UpdateByPk: {
        const QString alias = m_sql.alias();
        QStringList sets;
        if (const Value *s = f.arg(QStringLiteral("_set"))) {
            for (const ObjectField &c : s->fields)
                sets.append(q(c.name) + QLatin1String(" = ") + valueParam(c.value, *table.column(c.name)));
        }
        if (const Value *inc = f.arg(QStringLiteral("_inc"))) {
            for (const ObjectField &c : inc->fields)
                sets.append(q(c.name) + QLatin1String(" = ") + col(alias, c.name) + QLatin1String(" + ")
                    + valueParam(c.value, *table.column(c.name)));
        }
        if (sets.isEmpty()) {
            fail(QStringLiteral("at least any one of _set, _inc is expected"), f);
            return root;
        }
        const QString where = f.def->role == FieldRole::Update
            ? boolExp(table, alias, *f.arg(QStringLiteral("where")))
            : pkConditions(table, alias, {}, f.arg(QStringLiteral("pk_columns")));
        m_ctes.emplace_back(QStringLiteral("_upd"),
            QLatin1String("UPDATE ") + target + QLatin1String(" AS ") + alias + QLatin1String(" SET ")
                + sets.join(QLatin1String(", ")) + QLatin1String(" WHERE ") + where + QLatin1String(" RETURNING ")
                + alias + QLatin1String(".*"));
        result = f.def->role == FieldRole::Update
            ? mutationResponse(table, f, { QStringLiteral("_upd") }, { QStringLiteral("_upd") })
            : singleRow(table, f, QStringLiteral("_upd"));
        break;
    }
    case FieldRole::Delete:
    case FieldRole::DeleteByPk: {
        const QString alias = m_sql.alias();
        const QString where = f.def->role == FieldRole::Delete ? boolExp(table, alias, *f.arg(QStringLiteral("where")))
                                                               : pkConditions(table, alias, f.args, nullptr);
        m_ctes.emplace_back(QStringLiteral("_del"),
            QLatin1String("DELETE FROM ") + target + QLatin1String(" AS ") + alias + QLatin1String(" WHERE ") + where
                + QLatin1String(" RETURNING ") + alias + QLatin1String(".*"));
        result = f.def->role == FieldRole::Delete
            ? mutationResponse(table, f, { QStringLiteral("_del") }, { QStringLiteral("_del") })
            : singleRow(table, f, QStringLiteral("_del"));
        break;
    }
    default:
        fail(QStringLiteral("field '%1' cannot be used in a mutation").arg(f.name), f);
        return root;
    }
    root.sql = withCtes(QLatin1String("SELECT ") + result + QLatin1String(" AS \"v\""));
    root.params = m_sql.takeParams();
    return root;
}

} // namespace trefoil::graphql
