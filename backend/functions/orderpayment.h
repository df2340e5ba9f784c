#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Pool;
class Session;
} // namespace trefoil::pg

namespace trefoil::functions {

// The customer's "pay" for an order of a restaurant that takes payment by hand (the demo's
// restaurant 3): public.pay_order() records the decision, and the payment step's next attempt
// acts on it. `done` gets the order row as JSON, or an error message.
void payOrder(pg::Pool *pool, const QString &orderId, bool accept, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);
// The same on a connection the caller holds (a GraphQL mutation's transaction).
void payOrder(const pg::Session &connection, const QString &orderId, bool accept, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);

} // namespace trefoil::functions
