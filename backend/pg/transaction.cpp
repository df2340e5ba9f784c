#include "backend/pg/transaction.h"

#include <memory>

namespace trefoil::pg {

void runTransaction(Pool *pool, QList<Statement> statements, QObject *context,
    std::function<void(const QList<Result> &, const Error &)> done)
{
    pool->acquire(context,
        [statements = std::move(statements), context, done = std::move(done)](
            Session session, const Error &acquireError) {
            if (!session.isValid()) {
                done({}, acquireError);
                return;
            }
            auto results = std::make_shared<QList<Result>>();
            session.exec(QStringLiteral("BEGIN"), context, [](const Result &) {});
            for (const Statement &statement : statements)
                session.exec(statement.sql, statement.params, context,
                    [results](const Result &result) { results->append(result); });
            // COMMIT of a failed transaction rolls it back; the statement's own error is the one to report.
            session.exec(QStringLiteral("COMMIT"), context, [session, results, done](const Result &committed) {
                for (const Result &result : std::as_const(*results)) {
                    if (!result.ok()) {
                        done({}, result.error());
                        return;
                    }
                }
                if (!committed.ok()) {
                    done({}, committed.error());
                    return;
                }
                done(*results, {});
            });
        });
}

} // namespace trefoil::pg
