#include "core/workflow/payment.h"

#include <QCoreApplication>

namespace trefoil::workflow {

PaymentDecision Payment::decide(const PaymentInput &input)
{
    if (input.status != OrderStatus::Validated)
        return { StepDecision::skip(QCoreApplication::translate("Payment", "the order is %1, not awaiting payment")
                                        .arg(statusName(input.status))),
            0 };
    if (input.mode == PaymentMode::Manual)
        return {
            StepDecision::wait(QCoreApplication::translate("Payment", "waiting for the customer to pay (pay_order)")), 0
        };
    if (!input.totalCents || *input.totalCents < 0)
        return { StepDecision::terminate(OrderStatus::Failed,
                     QCoreApplication::translate("Payment", "the order has no valid total to charge")),
            0 };
    return { StepDecision::advance(OrderStatus::Paid), *input.totalCents };
}

} // namespace trefoil::workflow
