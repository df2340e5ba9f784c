#pragma once

#include "backend/functions/orderfunction.h"

namespace trefoil::functions {

// validate-order on the database: reads the order (locked), its restaurant and its lines, lets
// workflow::Validation decide, and writes validated (total, validated_at) or rejected (reason, finished_at).
class ValidationStep {
public:
    static void run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done);
};

} // namespace trefoil::functions
