#pragma once

#include "backend/functions/orderfunction.h"

namespace trefoil::functions {

// restaurant-approval on the database: reads the order (locked), its restaurant and its items'
// availability, lets workflow::Approval decide, and writes approved (approved_at) or rejected
// (reason, finished_at, the payment marked refunded); during the preparation delay it asks to be
// retried later instead of waiting; a restaurant that approves by hand leaves it waiting.
class ApprovalStep {
public:
    static void run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done);
};

} // namespace trefoil::functions
