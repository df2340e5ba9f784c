#pragma once

#include "core/workflow/orderstatus.h"

#include <QString>

namespace trefoil::workflow {

// What one workflow step decided about one order; the step's write applies it.
enum class StepAction {
    Skip, // not this step's business, or already done: delivered, nothing written
    Wait, // waiting for something outside the workflow (a manual payment): delivered, nothing written
    Advance, // the order moves on to `status`
    Terminate, // the order ends in `status` (rejected, payment_declined, failed) because of `reason`
    RetryLater, // this attempt fails and asks to be retried after `retryAfterMs`
    Fail, // this attempt fails; the trigger's retry policy decides what happens next
};

struct StepDecision {
    StepAction action = StepAction::Skip;
    OrderStatus status = OrderStatus::Placed; // for Advance and Terminate
    QString reason; // for people: why it skipped, waits, ended or failed
    qint64 retryAfterMs = 0; // for RetryLater

    static StepDecision skip(QString reason) { return { StepAction::Skip, OrderStatus::Placed, std::move(reason), 0 }; }
    static StepDecision wait(QString reason) { return { StepAction::Wait, OrderStatus::Placed, std::move(reason), 0 }; }
    static StepDecision advance(OrderStatus to) { return { StepAction::Advance, to, {}, 0 }; }
    static StepDecision terminate(OrderStatus to, QString reason)
    {
        return { StepAction::Terminate, to, std::move(reason), 0 };
    }
    static StepDecision retryLater(qint64 ms, QString reason)
    {
        return { StepAction::RetryLater, OrderStatus::Placed, std::move(reason), ms };
    }
    static StepDecision fail(QString reason) { return { StepAction::Fail, OrderStatus::Placed, std::move(reason), 0 }; }

    // The order changes (Advance or Terminate).
    bool changesOrder() const { return action == StepAction::Advance || action == StepAction::Terminate; }
    // The attempt counts as delivered (everything but RetryLater and Fail).
    bool delivers() const { return action != StepAction::RetryLater && action != StepAction::Fail; }
    // "skip", "wait", "advance", "terminate", "retry_later", "fail".
    QString actionName() const;
};

} // namespace trefoil::workflow
