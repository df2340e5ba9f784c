#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

#include <functional>

namespace trefoil::pg {
class Pool;
}

namespace trefoil::graphql {

class GraphqlEngine;

// Hasura's metadata calls for table relationships: (pg_)create_object_relationship,
// (pg_)create_array_relationship, (pg_)rename_relationship and (pg_)drop_relationship, stored in
// trefoil.relationships and announced on trefoil_schema so that every process rebuilds its schema;
// and the tables' part of export_metadata. Checked against the engine's catalog before storing.
class RelationshipMetadata final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelationshipMetadata)

public:
    using Reply = std::function<void(int httpStatus, const QJsonValue &body)>;

    RelationshipMetadata(pg::Pool *pool, GraphqlEngine *engine, QObject *parent = nullptr);

    // True when `type` (without the pg_ prefix) is one of the calls above; reply is then called once.
    bool handle(const QString &type, const QJsonObject &args, const Reply &reply);
    // Hasura v3's sources[0].tables: every table with metadata relationships, in Hasura's shape.
    void exportTables(QObject *context, std::function<void(QJsonArray tables, QString error)> done) const;

private:
    pg::Pool *m_pool;
    GraphqlEngine *m_engine;

    void create(bool isArray, const QJsonObject &args, const Reply &reply);
    void rename(const QJsonObject &args, const Reply &reply);
    void drop(const QJsonObject &args, const Reply &reply);
    void reloadThenReply(const Reply &reply);
};

} // namespace trefoil::graphql
