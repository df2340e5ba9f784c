#include "backend/functions/workflowfunctions.h"

#include "backend/events/handlerregistry.h"
#include "backend/functions/faultinjector.h"
#include "backend/functions/orderfunction.h"
#include "backend/pg/pool.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace trefoil::functions {

namespace {
QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), message } }).toJson(QJsonDocument::Compact);
}

// The HTTP answer for a handler's result, as a webhook receiver would give it.
void replyWith(const events::HandlerResult &result, const WebhookReply &reply)
{
    QJsonObject body = QJsonDocument::fromJson(result.response).object();
    using Kind = events::AttemptOutcome::Kind;
    if (result.outcome.kind == Kind::Delivered)
        return reply(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    body.insert(QStringLiteral("error"), result.error);
    int status = 500;
    if (result.outcome.kind == Kind::HttpError && result.outcome.httpStatus > 0)
        status = result.outcome.httpStatus;
    else if (result.outcome.kind == Kind::Timeout)
        status = 504;
    else if (result.outcome.kind == Kind::Rejected)
        status = 400;
    if (result.outcome.retryAfterSeconds)
        body.insert(QStringLiteral("retry_after_seconds"), *result.outcome.retryAfterSeconds);
    reply(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}
} // namespace

void registerWorkflowFunctions(events::HandlerRegistry &registry, FaultInjector *faults)
{
    for (const OrderFunction &function : OrderFunction::all()) {
        events::BuiltinHandler handler { [function](const events::Delivery &delivery, const pg::Session &session,
                                             QObject *context, std::function<void(events::HandlerResult)> done) {
                                            function.run(delivery.payload, session, context,
                                                [name = function.name, done](const StepOutcome &outcome) {
                                                    done(outcome.toHandlerResult(name));
                                                });
                                        },
            true };
        registry.add(function.name, faults ? faults->wrap(function.name, std::move(handler)) : std::move(handler));
    }
}

void runFunctionFromWebhook(const QString &name, const QByteArray &hasuraPayload, pg::Pool *pool, QObject *context,
    WebhookReply reply, FaultInjector *faults)
{
    const OrderFunction *function = OrderFunction::find(name);
    if (!function)
        return reply(
            404, errorBody(QCoreApplication::translate("functions", "there is no function named \"%1\"").arg(name)));
    QString error;
    if (!OrderEvent::fromHasuraPayload(hasuraPayload, &error))
        return reply(400, errorBody(error));
    QPointer<FaultInjector> injector(faults);
    pool->acquire(context,
        [function, hasuraPayload, context, reply, injector, hadFaults = faults != nullptr](
            pg::Session session, const pg::Error &acquireError) {
            if (!session.isValid())
                return reply(503, errorBody(acquireError.describe()));
            session.exec(QStringLiteral("BEGIN"), context, [](const pg::Result &) {});
            FaultInjector::Body body = [function, hasuraPayload, session, context](FaultInjector::Answer answer) {
                function->run(
                    hasuraPayload, session, context, [name = function->name, answer](const StepOutcome &outcome) {
                        answer(outcome.toHandlerResult(name));
                    });
            };
            FaultInjector::Answer finish = [session, context, reply](events::HandlerResult result) {
                const bool keep = result.outcome.kind == events::AttemptOutcome::Kind::Delivered;
                session.exec(keep ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"), context,
                    [session, reply, result](const pg::Result &ended) {
                        if (!ended.ok() && result.outcome.kind == events::AttemptOutcome::Kind::Delivered)
                            return reply(500, errorBody(ended.error().describe()));
                        replyWith(result, reply);
                    });
            };
            if (hadFaults && injector)
                injector->run(function->name, context, std::move(body), std::move(finish));
            else
                body(std::move(finish));
        });
}

} // namespace trefoil::functions
