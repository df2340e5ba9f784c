#include "core/workflow/approval.h"

#include <QCoreApplication>

namespace trefoil::workflow {

StepDecision Approval::decide(const ApprovalInput &input)
{
    auto tr = [](const char *text) -> QString { return QCoreApplication::translate("Approval", text); };
    if (input.status != OrderStatus::Paid)
        return StepDecision::skip(tr("the order is %1, not awaiting approval").arg(statusName(input.status)));
    const QString restaurant = input.restaurantName.isEmpty() ? tr("the restaurant") : input.restaurantName;
    if (!input.restaurantOpen)
        return StepDecision::terminate(
            OrderStatus::Rejected, tr("%1 declined the order: it has closed").arg(restaurant));
    if (input.unavailableItems.size() == 1)
        return StepDecision::terminate(OrderStatus::Rejected,
            tr("%1 declined the order: %2 is no longer available")
                .arg(restaurant, input.unavailableItems.constFirst()));
    if (input.unavailableItems.size() > 1)
        return StepDecision::terminate(OrderStatus::Rejected,
            tr("%1 declined the order: %2 are no longer available")
                .arg(restaurant, input.unavailableItems.join(QLatin1String(", "))));
    if (input.mode == ApprovalMode::Manual)
        return StepDecision::wait(tr("waiting for %1 to approve or reject the order (approve_order)").arg(restaurant));
    const qint64 remaining = input.preparationDelayMs - input.msSincePaid;
    if (remaining > 0)
        return StepDecision::retryLater(remaining, tr("%1 approves after its preparation delay").arg(restaurant));
    return StepDecision::advance(OrderStatus::Approved);
}

} // namespace trefoil::workflow
