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

// The restaurant's decision on a paid order, for restaurants that approve by hand (the demo's
// restaurant 5): public.approve_order() moves it on to approved (agent-assignment follows),
// public.reject_order() ends it as rejected with the reason and refunds the payment. Both are
// idempotent; an unknown order or one not awaiting approval is an error. `done` gets the order
// row as JSON, or an error message.
void approveOrder(pg::Pool *pool, const QString &orderId, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);
void rejectOrder(pg::Pool *pool, const QString &orderId, const QString &reason, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);
// The same on a connection the caller holds (a GraphQL mutation's transaction).
void approveOrder(const pg::Session &connection, const QString &orderId, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);
void rejectOrder(const pg::Session &connection, const QString &orderId, const QString &reason, QObject *context,
    std::function<void(const QJsonObject &order, const QString &error)> done);

} // namespace trefoil::functions
