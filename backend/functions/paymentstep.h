#pragma once

#include "backend/functions/orderfunction.h"

namespace trefoil::functions {

// payment on the database: reads the order (locked) and its restaurant's payment mode, lets
// workflow::Payment decide, and records a succeeded payment and paid (paid_at), or leaves a
// manual-payment order waiting for public.pay_order().
class PaymentStep {
public:
    static void run(const QString &orderId, const pg::Session &session, QObject *context, StepDone done);
};

} // namespace trefoil::functions
