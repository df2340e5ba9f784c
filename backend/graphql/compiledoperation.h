#pragma once

#include "backend/graphql/graphqlerror.h"
#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"
#include "core/graphql/ast.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <vector>

namespace trefoil::graphql {

// One root field of a compiled operation.
struct CompiledRootField {
    enum class Kind : quint8 { Sql, Static, Custom };

    QString key;
    Kind kind = Kind::Sql;
    // Sql (mutations): one statement returning one row with one json column.
    QString sql;
    QVariantList params;
    // Static: the field's JSON (introspection, __typename).
    QByteArray json;
    // Custom: the handler to call with args; its result is projected on selection.
    int custom = -1;
    QJsonObject args;
    std::vector<ResolvedField> selection;
    // Queries: the parameter (0-based) of `sql` that carries this field's JSON; -1 when none.
    int paramIndex = -1;
};

// An operation turned into SQL. A query or subscription is ONE statement (`sql`, `params`)
// returning one row with one json column: the whole "data" object. Custom root fields' results
// are bound as json parameters before it runs. When no root field needs the database, `sql` is
// empty and the data is assembled from `rootFields`. A mutation runs `rootFields` in order, in
// one transaction.
struct CompiledOperation {
    OperationType type = OperationType::Query;
    bool isMutation = false;
    QString sql;
    QVariantList params;
    std::vector<CompiledRootField> rootFields;
    std::vector<GraphqlError> errors;
    // Queries: the tables the statement reads, as "schema.name" (live queries refresh when one
    // changes), and whether it reads a view (whose base tables are not known here).
    QStringList readTables;
    bool readsView = false;
    // Keeps the schema that custom fields' selections point into alive.
    std::shared_ptr<const Schema> schema;

    bool ok() const { return errors.empty(); }
};

} // namespace trefoil::graphql
