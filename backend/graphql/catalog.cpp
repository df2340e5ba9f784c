#include "backend/graphql/catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

} // namespace trefoil::graphql
