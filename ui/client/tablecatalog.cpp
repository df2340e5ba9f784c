#include "ui/client/tablecatalog.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace trefoil::ui {

namespace {

const QLatin1String InsertPrefix("insert_");
const QLatin1String OneSuffix("_one");
const QLatin1String ByPkSuffix("_by_pk");
const QLatin1String EnginePrefix("trefoil_");

QJsonArray fieldsOf(const QJsonObject &schema, QLatin1StringView type)
{
    return schema.value(type).toObject().value(QLatin1String("fields")).toArray();
}

} // namespace

bool TableCatalog::isGraphqlName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[_A-Za-z][_0-9A-Za-z]*$"));
    return pattern.match(name).hasMatch();
}

QList<TableCatalog::Table> TableCatalog::tables(const QJsonObject &data)
{
    const QJsonObject schema = data.value(QLatin1String("__schema")).toObject();
    QHash<QString, QStringList> keys;
    for (const QJsonValue value : fieldsOf(schema, QLatin1StringView("queryType"))) {
        const QJsonObject field = value.toObject();
        const QString name = field.value(QLatin1String("name")).toString();
        if (!name.endsWith(ByPkSuffix))
            continue;
        QStringList columns;
        for (const QJsonValue argument : field.value(QLatin1String("args")).toArray())
            columns.append(argument.toObject().value(QLatin1String("name")).toString());
        keys.insert(name.chopped(ByPkSuffix.size()), columns);
    }
    QList<Table> tables;
    for (const QJsonValue value : fieldsOf(schema, QLatin1StringView("mutationType"))) {
        const QString field = value.toObject().value(QLatin1String("name")).toString();
        if (!field.startsWith(InsertPrefix) || !field.endsWith(OneSuffix))
            continue;
        const QString name = field.mid(InsertPrefix.size()).chopped(OneSuffix.size());
        // The engine's own tables (schema trefoil) are not for triggers of the operator's.
        if (name.isEmpty() || name.startsWith(EnginePrefix))
            continue;
        // Tables of other schemas than public are exposed as <schema>_<table>: the split is not
        // recoverable from the name, so only public tables are offered.
        tables.append({ name, QStringLiteral("public"), name, keys.value(name) });
    }
    std::sort(tables.begin(), tables.end(), [](const Table &a, const Table &b) { return a.name < b.name; });
    return tables;
}

QStringList TableCatalog::columns(const QJsonObject &data)
{
    QStringList columns;
    for (const QJsonValue value :
        data.value(QLatin1String("__type")).toObject().value(QLatin1String("fields")).toArray()) {
        const QJsonObject field = value.toObject();
        QJsonObject type = field.value(QLatin1String("type")).toObject();
        if (type.value(QLatin1String("kind")).toString() == QLatin1String("NON_NULL"))
            type = type.value(QLatin1String("ofType")).toObject();
        if (type.value(QLatin1String("kind")).toString() == QLatin1String("SCALAR"))
            columns.append(field.value(QLatin1String("name")).toString());
    }
    return columns;
}

GraphqlRequest TableCatalog::firstRows(const Table &table, const QStringList &columns, int limit)
{
    if (!isGraphqlName(table.graphqlName) || columns.isEmpty())
        return {};
    for (const QString &column : columns + table.primaryKey) {
        if (!isGraphqlName(column))
            return {};
    }
    QStringList order;
    for (const QString &column : table.primaryKey)
        order.append(column + QLatin1String(": asc"));
    QString query = QStringLiteral("query FirstRows($limit: Int!) {\n  rows: ") + table.graphqlName
        + QStringLiteral("(limit: $limit");
    if (!order.isEmpty())
        query += QStringLiteral(", order_by: {") + order.join(QLatin1String(", ")) + QLatin1Char('}');
    query += QStringLiteral(") {\n    ") + columns.join(QLatin1String("\n    ")) + QStringLiteral("\n  }\n}\n");
    return { query, { { QStringLiteral("limit"), limit } }, {} };
}

} // namespace trefoil::ui
