#include "backend/graphql/catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace trefoil::graphql {

QString Catalog::query()
{
    return QStringLiteral(R"SQL(
SELECT coalesce(json_agg(json_build_object(
    'schema', n.nspname, 'name', c.relname, 'view', c.relkind IN ('v', 'm'),
    'columns', (SELECT coalesce(json_agg(json_build_object(
            'name', a.attname, 'type', t.typname, 'sqltype', format_type(a.atttypid, NULL),
            'notnull', a.attnotnull,
            'default', a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',
            'generated', a.attgenerated <> '' OR a.attidentity = 'a') ORDER BY a.attnum), '[]'::json)
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
    'constraints', (SELECT coalesce(json_agg(json_build_object(
            'name', k.conname, 'type', k.contype,
            'columns', (SELECT json_agg(a.attname ORDER BY u.ord)
                        FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
            'refschema', rn.nspname, 'reftable', rc.relname,
            'refcolumns', (SELECT json_agg(a.attname ORDER BY u.ord)
                           FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                           JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum))
            ORDER BY k.conname), '[]'::json)
        FROM pg_constraint k
        LEFT JOIN pg_class rc ON rc.oid = k.confrelid
        LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u', 'f'))
    ) ORDER BY n.nspname, c.relname), '[]'::json)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
)SQL");
}

static QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

std::optional<Catalog> Catalog::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isArray()) {
        if (error)
            *error = QStringLiteral("malformed catalog: ") + parseError.errorString();
        return std::nullopt;
    }
    Catalog catalog;
    const QJsonArray tables = document.array();
    for (const QJsonValue &tableValue : tables) {
        const QJsonObject t = tableValue.toObject();
        CatalogTable table;
        table.schema = t.value(QLatin1String("schema")).toString();
        table.name = t.value(QLatin1String("name")).toString();
        table.isView = t.value(QLatin1String("view")).toBool();
        const QJsonArray columns = t.value(QLatin1String("columns")).toArray();
        for (const QJsonValue &columnValue : columns) {
            const QJsonObject c = columnValue.toObject();
            table.columns.push_back(
                { c.value(QLatin1String("name")).toString(), c.value(QLatin1String("type")).toString(),
                    c.value(QLatin1String("sqltype")).toString(), c.value(QLatin1String("notnull")).toBool(),
                    c.value(QLatin1String("default")).toBool(), c.value(QLatin1String("generated")).toBool() });
        }
        const QJsonArray constraints = t.value(QLatin1String("constraints")).toArray();
        for (const QJsonValue &constraintValue : constraints) {
            const QJsonObject k = constraintValue.toObject();
            CatalogConstraint constraint;
            constraint.name = k.value(QLatin1String("name")).toString();
            constraint.type = k.value(QLatin1String("type")).toString().front();
            constraint.columns = toStringList(k.value(QLatin1String("columns")));
            constraint.refSchema = k.value(QLatin1String("refschema")).toString();
            constraint.refTable = k.value(QLatin1String("reftable")).toString();
            constraint.refColumns = toStringList(k.value(QLatin1String("refcolumns")));
            table.constraints.push_back(constraint);
        }
        catalog.tables.push_back(std::move(table));
    }
    return catalog;
}

QString Catalog::relationshipsQuery()
{
    return QStringLiteral(R"SQL(
SELECT json_build_object(
    'relationships', (SELECT coalesce(json_agg(json_build_object('schema', table_schema, 'table', table_name,
            'name', name, 'array', kind = 'array', 'using', definition)
            ORDER BY table_schema, table_name, name), '[]'::json) FROM trefoil.relationships),
    'untracked', (SELECT coalesce(json_agg(table_schema || '.' || table_name), '[]'::json)
                  FROM trefoil.untracked_tables))
)SQL");
}

void Catalog::setMetadata(const QByteArray &json)
{
    const QJsonObject metadata = QJsonDocument::fromJson(json).object();
    relationships.clear();
    untracked = toStringList(metadata.value(QLatin1String("untracked")));
    const QJsonArray rows = metadata.value(QLatin1String("relationships")).toArray();
    for (const QJsonValue &rowValue : rows) {
        const QJsonObject row = rowValue.toObject();
        relationships.push_back({ row.value(QLatin1String("schema")).toString(),
            row.value(QLatin1String("table")).toString(), row.value(QLatin1String("name")).toString(),
            row.value(QLatin1String("array")).toBool(), row.value(QLatin1String("using")).toObject() });
    }
}

const CatalogTable *Catalog::table(const QString &schema, const QString &name) const
{
    for (const CatalogTable &t : tables) {
        if (t.schema == schema && t.name == name)
            return &t;
    }
    return nullptr;
}

namespace {

bool hasColumn(const CatalogTable &table, const QString &name)
{
    return std::any_of(
        table.columns.cbegin(), table.columns.cend(), [&name](const CatalogColumn &c) { return c.name == name; });
}

// Hasura names a table as "name" (schema public) or {"schema", "name"}.
std::pair<QString, QString> tableName(const QJsonValue &value)
{
    if (value.isString())
        return { QStringLiteral("public"), value.toString() };
    const QJsonObject o = value.toObject();
    return { o.value(QLatin1String("schema")).toString(QStringLiteral("public")),
        o.value(QLatin1String("name")).toString() };
}

// "column" or ["columns"]: both spellings Hasura accepts.
QStringList columnList(const QJsonValue &value)
{
    if (value.isString())
        return { value.toString() };
    return toStringList(value);
}

} // namespace

std::optional<ResolvedRelationship> Catalog::resolve(const MetadataRelationship &relationship, QString *error) const
{
    const auto fail = [error](const QString &message) -> std::optional<ResolvedRelationship> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const CatalogTable *self = table(relationship.schema, relationship.table);
    if (!self)
        return fail(QStringLiteral("table \"%1\" does not exist").arg(relationship.table));
    const QJsonObject &d = relationship.definition;
    if (d.contains(QLatin1String("manual_configuration"))) {
        const QJsonObject manual = d.value(QLatin1String("manual_configuration")).toObject();
        const auto [schema, name] = tableName(manual.value(QLatin1String("remote_table")));
        const CatalogTable *remote = table(schema, name);
        if (!remote)
            return fail(QStringLiteral("table \"%1\" does not exist").arg(name));
        const QJsonObject mapping = manual.value(QLatin1String("column_mapping")).toObject();
        if (mapping.isEmpty())
            return fail(QStringLiteral("\"column_mapping\" must map at least one column"));
        ResolvedRelationship r { schema, name, {}, {} };
        for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it) {
            if (!hasColumn(*self, it.key()))
                return fail(QStringLiteral("column \"%1\" does not exist in \"%2\"").arg(it.key(), self->name));
            if (!hasColumn(*remote, it.value().toString()))
                return fail(QStringLiteral("column \"%1\" does not exist in \"%2\"").arg(it.value().toString(), name));
            r.columns.append(it.key());
            r.targetColumns.append(it.value().toString());
        }
        return r;
    }
    if (!d.contains(QLatin1String("foreign_key_constraint_on")))
        return fail(QStringLiteral("\"using\" needs \"foreign_key_constraint_on\" or \"manual_configuration\""));
    const QJsonValue on = d.value(QLatin1String("foreign_key_constraint_on"));
    if (!on.isObject()) {
        // An object relationship through this table's own foreign key.
        const QStringList columns = columnList(on);
        if (relationship.isArray)
            return fail(
                QStringLiteral("an array relationship needs {\"table\", \"column\"} in foreign_key_constraint_on"));
        for (const CatalogConstraint &k : self->constraints) {
            if (k.type == QLatin1Char('f') && k.columns == columns)
                return ResolvedRelationship { k.refSchema, k.refTable, k.columns, k.refColumns };
        }
        return fail(QStringLiteral("no foreign constraint exists on the given column(s) %1 of \"%2\"")
                        .arg(columns.join(QLatin1String(", ")), self->name));
    }
    // The remote table's foreign key to this one.
    const QJsonObject remoteKey = on.toObject();
    const auto [schema, name] = tableName(remoteKey.value(QLatin1String("table")));
    const CatalogTable *remote = table(schema, name);
    if (!remote)
        return fail(QStringLiteral("table \"%1\" does not exist").arg(name));
    const QStringList columns
        = columnList(remoteKey.contains(QLatin1String("columns")) ? remoteKey.value(QLatin1String("columns"))
                                                                  : remoteKey.value(QLatin1String("column")));
    for (const CatalogConstraint &k : remote->constraints) {
        if (k.type == QLatin1Char('f') && k.columns == columns && k.refSchema == self->schema
            && k.refTable == self->name)
            return ResolvedRelationship { schema, name, k.refColumns, k.columns };
    }
    return fail(QStringLiteral("no foreign constraint exists on the given column(s) %1 of \"%2\" referencing \"%3\"")
                    .arg(columns.join(QLatin1String(", ")), name, self->name));
}

} // namespace trefoil::graphql
