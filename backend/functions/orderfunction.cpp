#include "backend/functions/orderfunction.h"

#include "backend/pg/pool.h"

#include "backend/functions/approvalstep.h"
#include "backend/functions/assignmentstep.h"
#include "backend/functions/paymentstep.h"
#include "backend/functions/validationstep.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

namespace trefoil::functions {

using workflow::OrderStatus;
using workflow::StepAction;

QJsonObject StepOutcome::toJson(const QString &function) const
{
    QJsonObject json = details;
    json.insert(QStringLiteral("function"), function);
    json.insert(QStringLiteral("order_id"), orderId);
    if (error.isError() || badInput) {
        json.insert(QStringLiteral("error"), error.isError() ? error.describe() : decision.reason);
        return json;
    }
    json.insert(QStringLiteral("decision"), decision.actionName());
    if (decision.changesOrder())
        json.insert(QStringLiteral("status"), workflow::statusName(decision.status));
    if (!decision.reason.isEmpty())
        json.insert(QStringLiteral("reason"), decision.reason);
    if (decision.action == StepAction::RetryLater)
        json.insert(QStringLiteral("retry_after_ms"), decision.retryAfterMs);
    return json;
}

events::HandlerResult StepOutcome::toHandlerResult(const QString &function) const
{
    const QByteArray body = QJsonDocument(toJson(function)).toJson(QJsonDocument::Compact);
    if (badInput) {
        events::HandlerResult result
            = events::HandlerResult::failed(decision.reason, events::AttemptOutcome::Kind::Rejected);
        result.untouched = true; // decided before any statement
        return result;
    }
    if (error.isError()) {
        events::HandlerResult result = events::HandlerResult::failed(error.describe());
        result.response = body;
        return result;
    }
    switch (decision.action) {
    case StepAction::Skip:
    case StepAction::Wait:
    case StepAction::Advance:
    case StepAction::Terminate:
        return events::HandlerResult::delivered(body);
    // A step writes only when its decision changes the order, and those deliver: a decision to
    // retry or fail was taken after reading alone (its lookups succeeded, or `error` would be set).
    case StepAction::RetryLater: {
        // Asked to come back later, like a webhook answering 503 with Retry-After.
        events::HandlerResult result
            = events::HandlerResult::failed(decision.reason, events::AttemptOutcome::Kind::HttpError);
        result.outcome.httpStatus = 503;
        result.outcome.retryAfterSeconds = int(std::ceil(double(decision.retryAfterMs) / 1000.0));
        result.response = body;
        result.untouched = true;
        return result;
    }
    case StepAction::Fail: {
        events::HandlerResult result = events::HandlerResult::failed(decision.reason);
        result.response = body;
        result.untouched = true;
        return result;
    }
    }
    return events::HandlerResult::failed(QStringLiteral("unknown decision"));
}

std::optional<OrderEvent> OrderEvent::fromHasuraPayload(const QByteArray &payload, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (!document.isObject()) {
        *error = QCoreApplication::translate("OrderEvent", "the payload is not a JSON object: %1")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject row = document.object()
                                .value(QLatin1String("event"))
                                .toObject()
                                .value(QLatin1String("data"))
                                .toObject()
                                .value(QLatin1String("new"))
                                .toObject();
    OrderEvent event;
    event.orderId = row.value(QLatin1String("id")).toString();
    if (event.orderId.isEmpty()) {
        *error = QCoreApplication::translate("OrderEvent", "the payload has no event.data.new.id (the order's id)");
        return std::nullopt;
    }
    const QJsonValue status = row.value(QLatin1String("status"));
    if (status.isString())
        event.newStatus = status.toString();
    return event;
}

void OrderFunction::run(
    const QByteArray &hasuraPayload, const pg::Session &session, QObject *context, StepDone done) const
{
    QString error;
    const auto event = OrderEvent::fromHasuraPayload(hasuraPayload, &error);
    if (!event) {
        StepOutcome outcome;
        outcome.badInput = true;
        outcome.decision = workflow::StepDecision::fail(error);
        return done(outcome);
    }
    // Every status change raises an event for each step; only the one it concerns reads the order.
    if (event->newStatus && *event->newStatus != workflow::statusName(awaits)) {
        StepOutcome outcome;
        outcome.orderId = event->orderId;
        outcome.decision = workflow::StepDecision::skip(
            QCoreApplication::translate("OrderFunction", "the change made the order %1; %2 acts on %3 orders")
                .arg(*event->newStatus, name, workflow::statusName(awaits)));
        return done(outcome);
    }
    body(event->orderId, session, context, std::move(done));
}

const QList<OrderFunction> &OrderFunction::all()
{
    static const QList<OrderFunction> functions = {
        { QStringLiteral("validate-order"), OrderStatus::Placed, &ValidationStep::run },
        { QStringLiteral("payment"), OrderStatus::Validated, &PaymentStep::run },
        { QStringLiteral("restaurant-approval"), OrderStatus::Paid, &ApprovalStep::run },
        { QStringLiteral("agent-assignment"), OrderStatus::Approved, &AssignmentStep::run },
    };
    return functions;
}

const OrderFunction *OrderFunction::find(const QString &name)
{
    for (const OrderFunction &function : all()) {
        if (function.name == name)
            return &function;
    }
    return nullptr;
}

void lookupOrder(const pg::Session &session, const QString &sql, const QString &orderId, QObject *context,
    StepDone done, std::function<void(const pg::Result &, StepOutcome)> found)
{
    session.exec(sql, { orderId }, context, [orderId, done, found](const pg::Result &order) {
        StepOutcome outcome;
        outcome.orderId = orderId;
        if (!order.ok()) {
            outcome.error = order.error();
            return done(outcome);
        }
        if (order.rowCount() == 0) {
            outcome.decision = workflow::StepDecision::skip(
                QCoreApplication::translate("OrderFunction", "the order no longer exists"));
            return done(outcome);
        }
        found(order, std::move(outcome));
    });
}

void writeOrder(const pg::Session &session, const QString &sql, const QVariantList &params, QObject *context,
    StepOutcome outcome, StepDone done)
{
    session.exec(sql, params, context,
        [outcome = std::move(outcome), done = std::move(done)](const pg::Result &written) mutable {
            if (!written.ok())
                outcome.error = written.error();
            done(outcome);
        });
}

} // namespace trefoil::functions
