#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

#include <functional>

namespace trefoil::pg {
class Pool;
}

namespace trefoil::graphql {

class GraphqlEngine;

// Hasura's (pg_)track_table and (pg_)untrack_table. Trefoil tracks every table of the exposed
// schemas; untracking lists one in trefoil.untracked_tables, which the schema build skips, and
// tracking removes it again. Announced on trefoil_schema like relationship changes.
class TableTracking final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableTracking)

public:
    using Reply = std::function<void(int httpStatus, const QJsonValue &body)>;

    TableTracking(pg::Pool *pool, GraphqlEngine *engine, QObject *parent = nullptr);

    // True when `type` (without the pg_ prefix) is track_table or untrack_table; reply is then called once.
    bool handle(const QString &type, const QJsonObject &args, const Reply &reply);

private:
    pg::Pool *m_pool;
    GraphqlEngine *m_engine;

    void track(const QString &schema, const QString &table, const Reply &reply);
    void untrack(const QString &schema, const QString &table, bool cascade, const Reply &reply);
    void reloadThenReply(const Reply &reply);
};

} // namespace trefoil::graphql
