#include "backend/functions/paymentstep.h"

#include "backend/pg/pool.h"
#include "core/workflow/money.h"
#include "core/workflow/payment.h"

#include <QCoreApplication>

namespace trefoil::functions {

using namespace workflow;

void PaymentStep::run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done)
{
    lookupOrder(session,
        QStringLiteral("SELECT o.status, o.total, r.payment_mode"
                       "  FROM public.orders o JOIN public.restaurants r ON r.id = o.restaurant_id"
                       " WHERE o.id = $1::uuid FOR UPDATE OF o"),
        orderId, context, done, [orderId, session, context, done](const pg::Result &order, StepOutcome outcome) {
            PaymentInput input;
            input.status = orderStatusFromString(order.text(0, 0)).value_or(OrderStatus::Failed);
            if (!order.isNull(0, 1))
                input.totalCents = money::parseCents(order.text(0, 1));
            input.mode = order.text(0, 2) == QLatin1String("manual") ? PaymentMode::Manual : PaymentMode::Automatic;
            const PaymentDecision decision = Payment::decide(input);
            outcome.decision = decision.step;
            if (!decision.step.changesOrder())
                return done(outcome);
            QString sql;
            QVariantList params { orderId };
            if (decision.step.action == StepAction::Advance) {
                outcome.details.insert(QStringLiteral("amount"), money::format(decision.amountCents));
                // pay_order() holds the same row lock, so the payment cannot already exist;
                // ON CONFLICT keeps the write harmless should it ever.
                sql = QStringLiteral(
                    "WITH payment AS (INSERT INTO public.payments (order_id, amount, status, created_at)"
                    "   VALUES ($1::uuid, $2::numeric, 'succeeded', clock_timestamp())"
                    "   ON CONFLICT (order_id) DO NOTHING)"
                    " UPDATE public.orders SET status = 'paid', status_reason = NULL, paid_at = clock_timestamp()"
                    "  WHERE id = $1::uuid AND status = 'validated'");
                params.append(money::format(decision.amountCents));
            } else {
                sql = QStringLiteral(
                    "UPDATE public.orders SET status = $2, status_reason = $3, finished_at = clock_timestamp()"
                    " WHERE id = $1::uuid AND status = 'validated'");
                params.append(statusName(decision.step.status));
                params.append(decision.step.reason);
            }
            writeOrder(session, sql, params, context, outcome, done);
        });
}

} // namespace trefoil::functions
