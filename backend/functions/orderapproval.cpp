#include "backend/functions/orderapproval.h"

#include "backend/pg/pool.h"

#include <QJsonDocument>

namespace trefoil::functions {

namespace {

// Pool or Session: both run one statement with the same signature.
template<typename Database>
void runDecision(Database &database, const QString &sql, const QVariantList &params, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    database.exec(sql, params, context, [done = std::move(done)](const pg::Result &result) {
        if (!result.ok())
            return done({}, result.error().message);
        done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
    });
}

const QString ApproveSql = QStringLiteral("SELECT row_to_json(o)::text FROM public.approve_order($1::uuid) o");
const QString RejectSql = QStringLiteral("SELECT row_to_json(o)::text FROM public.reject_order($1::uuid, $2) o");

QVariantList rejectParams(const QString &orderId, const QString &reason)
{
    return { orderId, reason.isNull() ? QVariant() : QVariant(reason) };
}

} // namespace

void approveOrder(pg::Pool *pool, const QString &orderId, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(*pool, ApproveSql, { orderId }, context, std::move(done));
}

void approveOrder(const pg::Session &connection, const QString &orderId, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(connection, ApproveSql, { orderId }, context, std::move(done));
}

void rejectOrder(pg::Pool *pool, const QString &orderId, const QString &reason, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(*pool, RejectSql, rejectParams(orderId, reason), context, std::move(done));
}

void rejectOrder(const pg::Session &connection, const QString &orderId, const QString &reason, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(connection, RejectSql, rejectParams(orderId, reason), context, std::move(done));
}

} // namespace trefoil::functions
