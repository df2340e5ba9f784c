#include "backend/functions/orderapproval.h"

#include "backend/pg/pool.h"

#include <QJsonDocument>

namespace trefoil::functions {

namespace {

void runDecision(pg::Pool *pool, const QString &sql, const QVariantList &params, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    pool->exec(sql, params, context, [done = std::move(done)](const pg::Result &result) {
        if (!result.ok())
            return done({}, result.error().message);
        done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
    });
}

} // namespace

void approveOrder(pg::Pool *pool, const QString &orderId, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(pool, QStringLiteral("SELECT row_to_json(o)::text FROM public.approve_order($1::uuid) o"), { orderId },
        context, std::move(done));
}

void rejectOrder(pg::Pool *pool, const QString &orderId, const QString &reason, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runDecision(pool, QStringLiteral("SELECT row_to_json(o)::text FROM public.reject_order($1::uuid, $2) o"),
        { orderId, reason.isNull() ? QVariant() : QVariant(reason) }, context, std::move(done));
}

} // namespace trefoil::functions
