#pragma once

#include "backend/pg/pool.h"

namespace trefoil::pg {

struct Statement {
    QString sql;
    QVariantList params;
};

// Runs statements as one transaction on a pooled connection, queued back to back (one round trip
// of latency in total, not one per statement): all of them commit, or none. The callback gets
// every result, or the first error.
void runTransaction(Pool *pool, QList<Statement> statements, QObject *context,
    std::function<void(const QList<Result> &results, const Error &error)> done);

} // namespace trefoil::pg
