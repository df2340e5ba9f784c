#include "backend/functions/validationstep.h"

#include "backend/pg/pool.h"
#include "core/workflow/money.h"
#include "core/workflow/validation.h"

#include <QCoreApplication>

#include <memory>

namespace trefoil::functions {

using namespace workflow;

void ValidationStep::run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done)
{
    struct Lookup {
        ValidationInput input;
        bool found = false;
        pg::Error error;
    };
    auto lookup = std::make_shared<Lookup>();
    // The order row is locked until the delivering transaction ends: a second delivery of the
    // same event (another worker, a redelivery) waits here and then sees the new status.
    session.exec(QStringLiteral("SELECT o.status, o.address, r.name, r.is_open"
                                "  FROM public.orders o JOIN public.restaurants r ON r.id = o.restaurant_id"
                                " WHERE o.id = $1::uuid FOR UPDATE OF o"),
        { orderId }, context, [lookup](const pg::Result &result) {
            if (!result.ok()) {
                lookup->error = result.error();
                return;
            }
            if (result.rowCount() == 0)
                return;
            lookup->found = true;
            lookup->input.status = orderStatusFromString(result.text(0, 0)).value_or(OrderStatus::Failed);
            lookup->input.address = result.text(0, 1);
            lookup->input.restaurantName = result.text(0, 2);
            lookup->input.restaurantOpen = result.toBool(0, 3);
        });
    session.exec(
        QStringLiteral("SELECT i.menu_item_id, i.quantity, coalesce(m.name, ''),"
                       "       m.id IS NOT NULL AND m.restaurant_id = o.restaurant_id, coalesce(m.available, false),"
                       "       coalesce(m.price, 0)"
                       "  FROM public.items i JOIN public.orders o ON o.id = i.order_id"
                       "  LEFT JOIN public.menu_items m ON m.id = i.menu_item_id"
                       " WHERE i.order_id = $1::uuid ORDER BY i.id"),
        { orderId }, context, [lookup, orderId, session, context, done](const pg::Result &lines) {
            StepOutcome outcome;
            outcome.orderId = orderId;
            if (lookup->error.isError() || !lines.ok()) {
                outcome.error = lookup->error.isError() ? lookup->error : lines.error();
                return done(outcome);
            }
            if (!lookup->found) {
                outcome.decision
                    = StepDecision::skip(QCoreApplication::translate("ValidationStep", "the order no longer exists"));
                return done(outcome);
            }
            for (int row = 0; row < lines.rowCount(); ++row) {
                OrderLine line;
                line.menuItemId = int(lines.toInt(row, 0));
                line.quantity = int(lines.toInt(row, 1));
                line.name = lines.text(row, 2);
                line.onMenu = lines.toBool(row, 3);
                line.available = lines.toBool(row, 4);
                line.priceCents = money::parseCents(lines.text(row, 5)).value_or(0);
                lookup->input.lines.append(line);
            }
            const ValidationDecision decision = Validation::decide(lookup->input);
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
            writeOrder(session, sql, params, context, outcome, done);
        });
}

} // namespace trefoil::functions
