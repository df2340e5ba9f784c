#pragma once

#include "core/workflow/stepdecision.h"

#include <optional>

namespace trefoil::workflow {

enum class PaymentMode { Automatic, Manual };

struct PaymentInput {
    OrderStatus status = OrderStatus::Placed;
    PaymentMode mode = PaymentMode::Automatic;
    std::optional<qint64> totalCents; // null when the order was never validated
};

struct PaymentDecision {
    StepDecision step;
    qint64 amountCents = 0; // recorded as a succeeded payment when the order advances to paid
};

// payment: a validated order of an automatic-payment restaurant is paid for its total; one of a
// manual-payment restaurant waits for public.pay_order(), which decides with the same rules in SQL.
struct Payment {
    static PaymentDecision decide(const PaymentInput &input);
};

} // namespace trefoil::workflow
