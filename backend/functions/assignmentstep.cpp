#include "backend/functions/assignmentstep.h"

#include "backend/pg/pool.h"
#include "core/workflow/assignment.h"

#include <QCoreApplication>

namespace trefoil::functions {

using namespace workflow;

namespace {
void decideAndWrite(
    const QString &orderId, AssignmentInput input, const pg::Session &session, QObject *context, StepDone done)
{
    StepOutcome outcome;
    outcome.orderId = orderId;
    const AssignmentDecision decision = Assignment::decide(input);
    outcome.decision = decision.step;
    if (!decision.step.changesOrder())
        return done(outcome);
    outcome.details.insert(QStringLiteral("driver_id"), decision.driverId);
    // The assignment, the driver's load and the order's status change together; order_id UNIQUE
    // makes a second assignment impossible even if every other safeguard failed. The insert
    // returns at most one row, so the driver is found by `id = (subquery)`, a key lookup in any
    // plan (an IN join scanned and hashed the drivers in the plan made on a new database).
    const QString sql = decision.newAssignment
        ? QStringLiteral(
            "WITH assigned AS (INSERT INTO public.assignments (order_id, driver_id, assigned_at)"
            "   VALUES ($1::uuid, $2, clock_timestamp()) ON CONFLICT (order_id) DO NOTHING RETURNING driver_id),"
            " driver AS (UPDATE public.drivers SET active_orders = active_orders + 1,"
            "   last_assigned_at = clock_timestamp() WHERE id = (SELECT driver_id FROM assigned))"
            " UPDATE public.orders SET status = 'agent_assigned', status_reason = NULL,"
            "   agent_assigned_at = clock_timestamp(), finished_at = clock_timestamp()"
            "  WHERE id = $1::uuid AND status = 'approved' AND EXISTS (SELECT 1 FROM assigned)")
        : QStringLiteral("UPDATE public.orders SET status = 'agent_assigned', status_reason = NULL,"
                         "   agent_assigned_at = clock_timestamp(), finished_at = clock_timestamp()"
                         "  WHERE id = $1::uuid AND status = 'approved'");
    const QVariantList params
        = decision.newAssignment ? QVariantList { orderId, decision.driverId } : QVariantList { orderId };
    session.exec(sql, params, context, [outcome, done](const pg::Result &written) mutable {
        if (!written.ok())
            outcome.error = written.error();
        else if (written.affectedRows() != 1)
            outcome.error = pg::Error { pg::ErrorKind::Other, {},
                QCoreApplication::translate("AssignmentStep", "the order was assigned concurrently"), {}, {} };
        done(outcome);
    });
}
} // namespace

void AssignmentStep::run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done)
{
    lookupOrder(session,
        QStringLiteral("SELECT o.status, a.driver_id FROM public.orders o"
                       "  LEFT JOIN public.assignments a ON a.order_id = o.id"
                       " WHERE o.id = $1::uuid FOR UPDATE OF o"),
        orderId, context, done, [orderId, session, context, done](const pg::Result &order, StepOutcome) {
            AssignmentInput input;
            input.status = orderStatusFromString(order.text(0, 0)).value_or(OrderStatus::Failed);
            if (!order.isNull(0, 1))
                input.assignedDriver = int(order.toInt(0, 1));
            if (input.status != OrderStatus::Approved || input.assignedDriver)
                return decideAndWrite(orderId, input, session, context, done);
            // Only a driver is locked, and only one: the others stay free for other workers.
            session.exec(QStringLiteral("SELECT id, active_orders, last_assigned_at FROM public.drivers WHERE available"
                                        " ORDER BY active_orders, last_assigned_at NULLS FIRST, id LIMIT 1"
                                        " FOR UPDATE SKIP LOCKED"),
                context, [orderId, input, session, context, done](const pg::Result &drivers) mutable {
                    if (!drivers.ok()) {
                        StepOutcome failed;
                        failed.orderId = orderId;
                        failed.error = drivers.error();
                        return done(failed);
                    }
                    for (int row = 0; row < drivers.rowCount(); ++row) {
                        DriverCandidate candidate;
                        candidate.id = int(drivers.toInt(row, 0));
                        candidate.activeOrders = int(drivers.toInt(row, 1));
                        if (!drivers.isNull(row, 2))
                            candidate.lastAssignedAt = drivers.toDateTime(row, 2);
                        input.candidates.append(candidate);
                    }
                    decideAndWrite(orderId, input, session, context, done);
                });
        });
}

} // namespace trefoil::functions
