#pragma once

#include "backend/functions/orderfunction.h"

namespace trefoil::functions {

// agent-assignment on the database: reads the order (locked) and any assignment it has, then the
// best available driver that no other transaction holds (FOR UPDATE SKIP LOCKED, so racing workers
// take different drivers instead of waiting), lets workflow::Assignment decide, and writes the
// assignment (order_id UNIQUE), the driver's load and agent_assigned (agent_assigned_at, finished_at).
class AssignmentStep {
public:
    static void run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done);
};

} // namespace trefoil::functions
