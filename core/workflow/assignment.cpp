#include "core/workflow/assignment.h"

#include <QCoreApplication>

#include <algorithm>

namespace trefoil::workflow {

bool Assignment::prefer(const DriverCandidate &a, const DriverCandidate &b)
{
    if (a.activeOrders != b.activeOrders)
        return a.activeOrders < b.activeOrders;
    if (a.lastAssignedAt.isValid() != b.lastAssignedAt.isValid())
        return !a.lastAssignedAt.isValid();
    if (a.lastAssignedAt != b.lastAssignedAt)
        return a.lastAssignedAt < b.lastAssignedAt;
    return a.id < b.id;
}

AssignmentDecision Assignment::decide(const AssignmentInput &input)
{
    if (input.status != OrderStatus::Approved)
        return { StepDecision::skip(QCoreApplication::translate("Assignment", "the order is %1, not awaiting a driver")
                                        .arg(statusName(input.status))),
            0, false };
    if (input.assignedDriver)
        return { StepDecision::advance(OrderStatus::AgentAssigned), *input.assignedDriver, false };
    if (input.candidates.isEmpty())
        return { StepDecision::fail(QCoreApplication::translate("Assignment", "no driver is available")), 0, false };
    const auto best = std::min_element(input.candidates.cbegin(), input.candidates.cend(), &Assignment::prefer);
    return { StepDecision::advance(OrderStatus::AgentAssigned), best->id, true };
}

} // namespace trefoil::workflow
