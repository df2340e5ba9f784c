#pragma once

#include "core/workflow/stepdecision.h"

#include <QStringList>

namespace trefoil::workflow {

enum class ApprovalMode { Automatic, Manual };

struct ApprovalInput {
    OrderStatus status = OrderStatus::Placed;
    ApprovalMode mode = ApprovalMode::Automatic;
    QString restaurantName;
    bool restaurantOpen = true;
    QStringList unavailableItems; // names of the order's items that are no longer available
    qint64 preparationDelayMs = 0;
    qint64 msSincePaid = 0;
};

// restaurant-approval: a paid order is declined (rejected, with the reason) when its restaurant
// has closed or an item became unavailable; otherwise approved once the restaurant's preparation
// delay has passed since payment (until then the attempt asks to be retried when it will have).
// A restaurant that approves by hand leaves the order waiting for public.approve_order() or
// public.reject_order(), which decide in SQL (closed and unavailable still decline at once).
struct Approval {
    static StepDecision decide(const ApprovalInput &input);
};

} // namespace trefoil::workflow
