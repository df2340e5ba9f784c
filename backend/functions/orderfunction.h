#pragma once

#include "backend/events/handlerregistry.h"
#include "backend/pg/error.h"
#include "core/workflow/stepdecision.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

class QObject;

namespace trefoil::pg {
class Result;
class Session;
} // namespace trefoil::pg

namespace trefoil::functions {

// What one run of a workflow function came to.
struct StepOutcome {
    QString orderId;
    workflow::StepDecision decision;
    pg::Error error; // lookup or write failed: the attempt fails and its writes are undone
    bool badInput = false; // the event does not name an order: retrying cannot help
    QJsonObject details; // what was written (total, amount, driver_id), for the invocation log

    bool delivers() const { return !error.isError() && !badInput && decision.delivers(); }
    // The attempt's result as the event worker records it.
    events::HandlerResult toHandlerResult(const QString &function) const;
    // {"function", "order_id", "decision", "status", "reason", …details}.
    QJsonObject toJson(const QString &function) const;
};

using StepDone = std::function<void(const StepOutcome &)>;

// A step's lookup: runs `sql` ($1 = the order id; it should lock the order row) on the step's
// transaction and calls `found` with the row and an outcome to fill in — or ends the step itself
// when the lookup failed (the attempt fails) or the order no longer exists (nothing to do).
void lookupOrder(const pg::Session &session, const QString &sql, const QString &orderId, QObject *context,
    StepDone done, std::function<void(const pg::Result &order, StepOutcome outcome)> found);
// The write of a step: runs `sql` on the step's session and finishes with `outcome`, or with the
// statement's error.
void writeOrder(const pg::Session &session, const QString &sql, const QVariantList &params, QObject *context,
    StepOutcome outcome, StepDone done);

// The order and, when the event carries it, the status the change left it in.
struct OrderEvent {
    QString orderId;
    std::optional<QString> newStatus;
    // Hasura's event payload: event.data.new.{id, status}.
    static std::optional<OrderEvent> fromHasuraPayload(const QByteArray &payload, QString *error);
};

// One step of the order workflow: lookup (in the caller's transaction) → operate (the pure
// decision in core/workflow) → write (on the same session). Idempotent: each step acts only on an
// order in the status it `awaits`, read under a row lock, so running it again changes nothing.
struct OrderFunction {
    using Body = void (*)(const QString &orderId, const pg::Session &session, QObject *context, StepDone done);

    QString name;
    workflow::OrderStatus awaits;
    Body body;

    // Parses the payload and runs the body; an event whose new status is not `awaits` is skipped
    // without touching the database.
    void run(const QByteArray &hasuraPayload, const pg::Session &session, QObject *context, StepDone done) const;

    // validate-order, payment, restaurant-approval, agent-assignment.
    static const QList<OrderFunction> &all();
    static const OrderFunction *find(const QString &name);
};

} // namespace trefoil::functions
