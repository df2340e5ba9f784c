#pragma once

#include "ui/client/graphqlrequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace trefoil::ui {

// The tables the GraphQL API exposes, read from its introspection (trigger_tables.graphql,
// table_columns.graphql), for the trigger editor and Fire manually: which tables a trigger can
// watch, their columns and primary keys, and the one query built at run time — the first rows of
// a table, whose name is only known then.
class TableCatalog final {
public:
    TableCatalog() = delete;

    struct Table {
        QString graphqlName; // "orders"
        QString schema; // "public"
        QString name; // "orders"
        QStringList primaryKey; // from <name>_by_pk's arguments; empty when it has none
    };

    // The tables (not views, not the engine's own trefoil_* tables) of a trigger_tables result, by name.
    static QList<Table> tables(const QJsonObject &data);
    // The scalar columns of a table_columns result, in the API's order.
    static QStringList columns(const QJsonObject &data);
    // The first `limit` rows of `table` by primary key, with `columns`; the answer's data holds
    // them under "rows". Names that are not GraphQL names give an empty request.
    static GraphqlRequest firstRows(const Table &table, const QStringList &columns, int limit);
    static bool isGraphqlName(const QString &name);
};

} // namespace trefoil::ui
