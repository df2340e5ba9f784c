#include "backend/graphql/relationshipmetadata.h"

#include "backend/graphql/graphqlengine.h"
#include "backend/pg/transaction.h"

#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>

#include <utility>

namespace trefoil::graphql {

namespace {

const QString NotifySchema = QStringLiteral("SELECT pg_notify('trefoil_schema', 'relationships')");

QJsonObject errorBody(const QString &path, const QString &message, const QString &code)
{
    return { { QStringLiteral("path"), path }, { QStringLiteral("error"), message }, { QStringLiteral("code"), code } };
}

QJsonObject success()
{
    return { { QStringLiteral("message"), QStringLiteral("success") } };
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

bool isGraphqlName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[_A-Za-z][_0-9A-Za-z]*$"));
    return pattern.match(name).hasMatch();
}

} // namespace

RelationshipMetadata::RelationshipMetadata(pg::Pool *pool, GraphqlEngine *engine, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_engine(engine)
{
}

bool RelationshipMetadata::handle(const QString &type, const QJsonObject &args, const Reply &reply)
{
    if (type == QLatin1String("create_object_relationship") || type == QLatin1String("create_array_relationship")) {
        create(type == QLatin1String("create_array_relationship"), args, reply);
        return true;
    }
    if (type == QLatin1String("rename_relationship")) {
        rename(args, reply);
        return true;
    }
    if (type == QLatin1String("drop_relationship")) {
        drop(args, reply);
        return true;
    }
    return false;
}

void RelationshipMetadata::create(bool isArray, const QJsonObject &args, const Reply &reply)
{
    const Catalog *catalog = m_engine->catalog();
    if (!catalog)
        return reply(
            503, errorBody(QStringLiteral("$"), tr("the schema is not loaded yet"), QStringLiteral("unexpected")));
    MetadataRelationship relationship;
    std::tie(relationship.schema, relationship.table) = tableName(args.value(QLatin1String("table")));
    relationship.name = args.value(QLatin1String("name")).toString();
    relationship.isArray = isArray;
    relationship.definition = args.value(QLatin1String("using")).toObject();
    if (!isGraphqlName(relationship.name))
        return reply(400,
            errorBody(QStringLiteral("$.args.name"), tr("\"%1\" is not a valid GraphQL name").arg(relationship.name),
                QStringLiteral("invalid-params")));
    QString error;
    if (!catalog->resolve(relationship, &error))
        return reply(400, errorBody(QStringLiteral("$.args"), error, QStringLiteral("invalid-params")));
    const CatalogTable *table = catalog->table(relationship.schema, relationship.table);
    for (const CatalogColumn &column : table->columns) {
        if (column.name == relationship.name)
            return reply(400,
                errorBody(QStringLiteral("$.args"),
                    tr("relationship name \"%1\" conflicts with a column of \"%2\"")
                        .arg(relationship.name, relationship.table),
                    QStringLiteral("already-exists")));
    }
    const QList<pg::Statement> statements = {
        { QStringLiteral("INSERT INTO trefoil.relationships (table_schema, table_name, name, kind, definition, comment)"
                         " VALUES ($1, $2, $3, $4, $5::jsonb, $6)"),
            { relationship.schema, relationship.table, relationship.name,
                isArray ? QStringLiteral("array") : QStringLiteral("object"),
                QString::fromUtf8(QJsonDocument(relationship.definition).toJson(QJsonDocument::Compact)),
                args.value(QLatin1String("comment")).isString()
                    ? QVariant(args.value(QLatin1String("comment")).toString())
                    : QVariant() } },
        { NotifySchema, {} },
    };
    pg::runTransaction(
        m_pool, statements, this, [this, reply, relationship](const QList<pg::Result> &, const pg::Error &failure) {
            if (failure.kind == pg::ErrorKind::UniqueViolation)
                return reply(400,
                    errorBody(QStringLiteral("$.args"),
                        tr("relationship \"%1\" already exists on table \"%2\"")
                            .arg(relationship.name, relationship.table),
                        QStringLiteral("already-exists")));
            if (failure.isError())
                return reply(
                    500, errorBody(QStringLiteral("$.args"), failure.describe(), QStringLiteral("unexpected")));
            reloadThenReply(reply);
        });
}

void RelationshipMetadata::rename(const QJsonObject &args, const Reply &reply)
{
    const auto [schema, table] = tableName(args.value(QLatin1String("table")));
    const QString name = args.value(QLatin1String("name")).toString();
    const QString newName = args.value(QLatin1String("new_name")).toString();
    if (!isGraphqlName(newName))
        return reply(400,
            errorBody(QStringLiteral("$.args.new_name"), tr("\"%1\" is not a valid GraphQL name").arg(newName),
                QStringLiteral("invalid-params")));
    const QList<pg::Statement> statements = {
        { QStringLiteral("UPDATE trefoil.relationships SET name = $4"
                         " WHERE table_schema = $1 AND table_name = $2 AND name = $3"),
            { schema, table, name, newName } },
        { NotifySchema, {} },
    };
    pg::runTransaction(m_pool, statements, this,
        [this, reply, table, name, newName](const QList<pg::Result> &results, const pg::Error &failure) {
            if (failure.kind == pg::ErrorKind::UniqueViolation)
                return reply(400,
                    errorBody(QStringLiteral("$.args.new_name"),
                        tr("relationship \"%1\" already exists on table \"%2\"").arg(newName, table),
                        QStringLiteral("already-exists")));
            if (failure.isError())
                return reply(
                    500, errorBody(QStringLiteral("$.args"), failure.describe(), QStringLiteral("unexpected")));
            if (results.value(0).affectedRows() == 0)
                return reply(400,
                    errorBody(QStringLiteral("$.args.name"),
                        tr("relationship \"%1\" of table \"%2\" is not defined in metadata (relationships from "
                           "foreign keys are automatic and keep their names)")
                            .arg(name, table),
                        QStringLiteral("not-exists")));
            reloadThenReply(reply);
        });
}

void RelationshipMetadata::drop(const QJsonObject &args, const Reply &reply)
{
    const auto [schema, table] = tableName(args.value(QLatin1String("table")));
    const QString name = args.value(QLatin1String("relationship")).toString();
    const QList<pg::Statement> statements = {
        { QStringLiteral("DELETE FROM trefoil.relationships WHERE table_schema = $1 AND table_name = $2 AND name = $3"),
            { schema, table, name } },
        { NotifySchema, {} },
    };
    pg::runTransaction(m_pool, statements, this,
        [this, reply, table, name](const QList<pg::Result> &results, const pg::Error &failure) {
            if (failure.isError())
                return reply(
                    500, errorBody(QStringLiteral("$.args"), failure.describe(), QStringLiteral("unexpected")));
            if (results.value(0).affectedRows() == 0)
                return reply(400,
                    errorBody(QStringLiteral("$.args.relationship"),
                        tr("relationship \"%1\" of table \"%2\" is not defined in metadata (relationships from "
                           "foreign keys are automatic and cannot be dropped)")
                            .arg(name, table),
                        QStringLiteral("not-exists")));
            reloadThenReply(reply);
        });
}

void RelationshipMetadata::reloadThenReply(const Reply &reply)
{
    // This process's schema is rebuilt before the answer, so the caller's next query sees the
    // change; other processes rebuild on the trefoil_schema notification.
    m_engine->reloadSchema([self = QPointer<RelationshipMetadata>(this), reply](const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty())
            return reply(500,
                errorBody(QStringLiteral("$.args"), tr("stored, but the schema could not be rebuilt: %1").arg(error),
                    QStringLiteral("unexpected")));
        reply(200, success());
    });
}

void RelationshipMetadata::exportTables(
    QObject *context, std::function<void(QJsonArray tables, QString error)> done) const
{
    m_pool->exec(QStringLiteral("SELECT table_schema, table_name, name, kind, definition::text, comment"
                                " FROM trefoil.relationships ORDER BY table_schema, table_name, kind DESC, name"),
        context, [done](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().describe());
            QJsonArray tables;
            QJsonObject current;
            const auto flush = [&tables, &current] {
                if (!current.isEmpty())
                    tables.append(current);
            };
            for (int row = 0; row < result.rowCount(); ++row) {
                const QJsonObject table { { QStringLiteral("schema"), result.text(row, 0) },
                    { QStringLiteral("name"), result.text(row, 1) } };
                if (current.value(QLatin1String("table")).toObject() != table) {
                    flush();
                    current = { { QStringLiteral("table"), table } };
                }
                QJsonObject relationship { { QStringLiteral("name"), result.text(row, 2) },
                    { QStringLiteral("using"), QJsonDocument::fromJson(result.text(row, 4).toUtf8()).object() } };
                if (!result.isNull(row, 5))
                    relationship.insert(QStringLiteral("comment"), result.text(row, 5));
                const QString key = result.text(row, 3) == QLatin1String("array")
                    ? QStringLiteral("array_relationships")
                    : QStringLiteral("object_relationships");
                QJsonArray list = current.value(key).toArray();
                list.append(relationship);
                current.insert(key, list);
            }
            flush();
            done(tables, {});
        });
}

} // namespace trefoil::graphql
