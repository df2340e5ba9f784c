#pragma once

#include "core/workflow/stepdecision.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace trefoil::workflow {

struct DriverCandidate {
    int id = 0;
    int activeOrders = 0;
    QDateTime lastAssignedAt; // invalid: never assigned
};

struct AssignmentInput {
    OrderStatus status = OrderStatus::Placed;
    std::optional<int> assignedDriver; // an assignment that already exists for the order
    QList<DriverCandidate> candidates; // available drivers no other transaction holds
};

struct AssignmentDecision {
    StepDecision step;
    int driverId = 0;
    bool newAssignment = false; // false: the existing assignment stands, only the status catches up
};

// agent-assignment: an approved order gets the least loaded available driver, ties going to the one
// idle longest (never assigned first, then lowest id); no driver free fails the attempt so the
// retry policy tries again later. An order never gets a second driver.
struct Assignment {
    static AssignmentDecision decide(const AssignmentInput &input);
    // Whether `a` is to be preferred over `b`.
    static bool prefer(const DriverCandidate &a, const DriverCandidate &b);
};

} // namespace trefoil::workflow
