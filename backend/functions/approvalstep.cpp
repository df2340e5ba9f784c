#include "backend/functions/approvalstep.h"

#include "backend/pg/pool.h"
#include "core/workflow/approval.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace trefoil::functions {

using namespace workflow;

void ApprovalStep::run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done)
{
    lookupOrder(session,
        QStringLiteral("SELECT o.status, r.name, r.is_open, r.preparation_delay_ms, r.approval_mode,"
                       "       coalesce((extract(epoch FROM clock_timestamp() - o.paid_at) * 1000)::bigint, 0),"
                       "       (SELECT coalesce(json_agg(DISTINCT m.name), '[]')"
                       "          FROM public.items i JOIN public.menu_items m ON m.id = i.menu_item_id"
                       "         WHERE i.order_id = o.id AND NOT m.available)"
                       "  FROM public.orders o JOIN public.restaurants r ON r.id = o.restaurant_id"
                       " WHERE o.id = $1::uuid FOR UPDATE OF o"),
        orderId, context, done, [orderId, session, context, done](const pg::Result &order, StepOutcome outcome) {
            ApprovalInput input;
            input.status = orderStatusFromString(order.text(0, 0)).value_or(OrderStatus::Failed);
            input.restaurantName = order.text(0, 1);
            input.restaurantOpen = order.toBool(0, 2);
            input.preparationDelayMs = order.toInt(0, 3);
            input.mode = order.text(0, 4) == QLatin1String("manual") ? ApprovalMode::Manual : ApprovalMode::Automatic;
            input.msSincePaid = order.toInt(0, 5);
            const QJsonArray unavailable = QJsonDocument::fromJson(order.raw(0, 6)).array();
            for (const QJsonValue &name : unavailable)
                input.unavailableItems.append(name.toString());
            outcome.decision = Approval::decide(input);
            if (!outcome.decision.changesOrder())
                return done(outcome);
            QString sql;
            QVariantList params { orderId };
            if (outcome.decision.action == StepAction::Advance) {
                sql = QStringLiteral("UPDATE public.orders SET status = 'approved', status_reason = NULL, approved_at "
                                     "= clock_timestamp()"
                                     " WHERE id = $1::uuid AND status = 'paid'");
            } else {
                // The customer paid for an order that will not come: the payment is refunded.
                sql = QStringLiteral(
                    "WITH refund AS (UPDATE public.payments SET refunded_at = clock_timestamp()"
                    "   WHERE order_id = $1::uuid AND status = 'succeeded' AND refunded_at IS NULL)"
                    " UPDATE public.orders SET status = $2, status_reason = $3, finished_at = clock_timestamp()"
                    "  WHERE id = $1::uuid AND status = 'paid'");
                params.append(statusName(outcome.decision.status));
                params.append(outcome.decision.reason);
            }
            writeOrder(session, sql, params, context, outcome, done);
        });
}

} // namespace trefoil::functions
