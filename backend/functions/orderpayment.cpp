#include "backend/functions/orderpayment.h"

#include "backend/pg/pool.h"

#include <QJsonDocument>

namespace trefoil::functions {

namespace {

// Pool or Session: both run one statement with the same signature.
template<typename Database>
void runPayOrder(Database &database, const QString &orderId, bool accept, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    database.exec(QStringLiteral("SELECT row_to_json(o)::text FROM public.pay_order($1::uuid, $2) o"),
        { orderId, accept }, context, [done = std::move(done)](const pg::Result &result) {
            if (!result.ok())
                return done({}, result.error().message);
            done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
        });
}

} // namespace

void payOrder(pg::Pool *pool, const QString &orderId, bool accept, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runPayOrder(*pool, orderId, accept, context, std::move(done));
}

void payOrder(const pg::Session &connection, const QString &orderId, bool accept, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done)
{
    runPayOrder(connection, orderId, accept, context, std::move(done));
}

} // namespace trefoil::functions
