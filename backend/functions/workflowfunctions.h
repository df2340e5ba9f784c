#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Pool;
}

namespace trefoil::events {
class HandlerRegistry;
}

namespace trefoil::functions {

class FaultInjector;

// The order workflow's entry points: as built-in handlers of the event worker, and as webhooks.

// Registers validate-order, payment, restaurant-approval and agent-assignment, each under
// `faults` when given (which must then outlive the handlers' use, or they run without faults).
void registerWorkflowFunctions(events::HandlerRegistry &registry, FaultInjector *faults);

// The answer to a webhook call: an HTTP status and a JSON body.
using WebhookReply = std::function<void(int httpStatus, const QByteArray &jsonBody)>;

// Runs function `name` for a Hasura event payload (event.data.new.id is the order's id) in a
// transaction of its own: 200 with the decision when it was applied or nothing was to be done
// (committed), 503 with retry_after_seconds when it asks to be retried later, 500 when it failed,
// 504 for a simulated timeout (each rolled back), 400 for a payload without an order id, 404 for
// an unknown function. Transport-agnostic: the HTTP server routes POST /v1/functions/<name> here.
void runFunctionFromWebhook(const QString &name, const QByteArray &hasuraPayload, pg::Pool *pool, QObject *context,
    WebhookReply reply, FaultInjector *faults = nullptr);

} // namespace trefoil::functions
