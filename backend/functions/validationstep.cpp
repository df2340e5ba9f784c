#include "backend/functions/validationstep.h"

#include "backend/pg/pool.h"
#include "core/workflow/money.h"
#include "core/workflow/validation.h"

namespace trefoil::functions {

using namespace workflow;

void ValidationStep::run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done)
{
    // One row per item (one with NULL item columns for an order without items). The order row is
    // locked until the delivering transaction ends: a second delivery of the same event (another
    // worker, a redelivery) waits here and then sees the new status.
    lookupOrder(session,
        QStringLiteral("SELECT o.status, o.address, r.name, r.is_open,"
                       "       i.menu_item_id, i.quantity, coalesce(m.name, ''),"
                       "       m.id IS NOT NULL AND m.restaurant_id = o.restaurant_id, coalesce(m.available, false),"
                       "       coalesce(m.price, 0)"
                       "  FROM public.orders o JOIN public.restaurants r ON r.id = o.restaurant_id"
                       "  LEFT JOIN public.items i ON i.order_id = o.id"
                       "  LEFT JOIN public.menu_items m ON m.id = i.menu_item_id"
                       " WHERE o.id = $1::uuid ORDER BY i.id FOR UPDATE OF o"),
        orderId, context, done, [orderId, session, context, done](const pg::Result &rows, StepOutcome outcome) {
            ValidationInput input;
            input.status = orderStatusFromString(rows.text(0, 0)).value_or(OrderStatus::Failed);
            input.address = rows.text(0, 1);
            input.restaurantName = rows.text(0, 2);
            input.restaurantOpen = rows.toBool(0, 3);
            for (int row = 0; row < rows.rowCount(); ++row) {
                if (rows.isNull(row, 4))
                    continue;
                OrderLine line;
                line.menuItemId = int(rows.toInt(row, 4));
                line.quantity = int(rows.toInt(row, 5));
                line.name = rows.text(row, 6);
                line.onMenu = rows.toBool(row, 7);
                line.available = rows.toBool(row, 8);
                line.priceCents = money::parseCents(rows.text(row, 9)).value_or(0);
                input.lines.append(line);
            }
            const ValidationDecision decision = Validation::decide(input);
            outcome.decision = decision.step;
            if (!decision.step.changesOrder())
                return done(outcome);
            QString sql;
            QVariantList params { orderId };
            if (decision.step.action == StepAction::Advance) {
                outcome.details.insert(QStringLiteral("total"), money::format(decision.totalCents));
                sql = QStringLiteral(
                    "UPDATE public.orders SET status = 'validated', status_reason = NULL, total = $2::numeric,"
                    " validated_at = clock_timestamp() WHERE id = $1::uuid AND status = 'placed'");
                params.append(money::format(decision.totalCents));
            } else {
                sql = QStringLiteral(
                    "UPDATE public.orders SET status = $2, status_reason = $3, finished_at = clock_timestamp()"
                    " WHERE id = $1::uuid AND status = 'placed'");
                params.append(statusName(decision.step.status));
                params.append(decision.step.reason);
            }
            writeOrder(session, sql, params, context, std::move(outcome), done);
        });
}

} // namespace trefoil::functions
