#pragma once

#include "backend/graphql/graphqlerror.h"
#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"
#include "core/graphql/parser.h"

#include <QJsonObject>
#include <QString>
#include <QVariantList>

#include <memory>
#include <vector>

namespace trefoil::graphql {

class GraphqlEngine;

// What a StreamSubscription runs for one `<table>_stream` field. See StreamSubscription for why
// there is a frontier and a list of running transactions.
struct StreamPlan {
    // How far the stream may read in one round, given what was running when the frontier was read.
    enum class Frontier : quint8 {
        // max(cursor column) of the table: rows up to and including it (integers, text, …).
        LargestValue,
        // statement_timestamp() (timestamptz) or the UUID v7 of its millisecond (uuid): rows
        // strictly below it.
        Clock,
    };

    QString key; // the response key of the root field
    QString schemaName; // the table whose changes should wake the stream
    QString tableName;
    QString column; // the cursor column
    bool descending = false;
    int batchSize = 0;
    QString initialValue; // the cursor column's initial value as text
    Frontier frontier = Frontier::LargestValue;
    // uuid: rows made in the frontier's millisecond wait for a round after it.
    bool millisecondFrontier = false;

    // One row: "frontier" (text, may be null) and "running" (text[] of virtual transaction ids).
    QString epochSql;
    // Parameters $1 = cursor (text), $2 = frontier (text), then fetchParams[2…]. One row: "data"
    // (the response's data object as JSON), "cursor" (the last row's cursor value as text, null
    // when no row) and "rows".
    QString fetchSql;
    QVariantList fetchParams;
    // "running" → how many of $1 (text[]) are still running.
    QString runningSql;

    std::vector<GraphqlError> errors;
    std::shared_ptr<const Schema> schema; // keeps the plan's schema alive

    bool ok() const { return errors.empty(); }
};

// Compiles a validated `subscription { <table>_stream(…) { … } }` to a StreamPlan, with Hasura's
// argument rules (one cursor item with exactly one column; batch_size ≥ 0).
class StreamCompiler {
public:
    explicit StreamCompiler(const Schema &schema)
        : m_schema(schema)
    {
    }

    // True when `operation` is a subscription to a `<table>_stream` field.
    static bool isStream(const ResolvedOperation &operation);

    StreamPlan compile(const ResolvedOperation &operation) const;

    // Parse + validate + compile a request {"query", "variables", "operationName"} against `schema`.
    static StreamPlan compileRequest(const GraphqlEngine &engine, const QJsonObject &request, const QString &role);

private:
    const Schema &m_schema;
};

} // namespace trefoil::graphql
