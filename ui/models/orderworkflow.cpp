#include "ui/models/orderworkflow.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace trefoil::ui {

namespace {

const char *const StepNames[OrderWorkflow::StepCount] = {
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "placed"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "validated"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "paid"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "approved"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "assigned"),
};

const char *const StepWorkNames[OrderWorkflow::StepCount] = {
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "placing"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "validation"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "payment"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "approval"),
    QT_TRANSLATE_NOOP("trefoil::ui::OrderWorkflow", "assignment"),
};

// The timestamp each step sets when it is done; the index is the step.
const char *const StepTimes[OrderWorkflow::StepCount]
    = { "created_at", "validated_at", "paid_at", "approved_at", "agent_assigned_at" };

int stepOfStatus(const QString &status)
{
    static const QHash<QString, int> steps { { QStringLiteral("placed"), 0 }, { QStringLiteral("validated"), 1 },
        { QStringLiteral("paid"), 2 }, { QStringLiteral("approved"), 3 }, { QStringLiteral("agent_assigned"), 4 } };
    return steps.value(status, -1);
}

} // namespace

OrderWorkflow::StepState OrderWorkflow::stateOf(int step) const
{
    if (step == failedStep)
        return StepState::Failed;
    if (step <= reached)
        return StepState::Done;
    if (step == reached + 1 && !finished && failedStep < 0)
        return StepState::Current;
    return StepState::Pending;
}

OrderWorkflow OrderWorkflow::fromRow(const QJsonObject &order)
{
    OrderWorkflow workflow;
    const QString status = order.value(QLatin1String("status")).toString();
    const int statusStep = stepOfStatus(status);
    if (statusStep >= 0) {
        workflow.reached = statusStep;
        workflow.finished = statusStep == StepCount - 1;
    } else {
        // A terminal failure (rejected, payment_declined, failed): the step after the last one
        // done is the one that failed.
        for (int step = 1; step < StepCount; ++step) {
            if (order.value(QLatin1String(StepTimes[step])).isString())
                workflow.reached = step;
        }
        workflow.finished = true;
        workflow.failedStep = std::min(workflow.reached + 1, StepCount - 1);
        workflow.error = order.value(QLatin1String("status_reason")).toString();
    }
    const QJsonObject failing = order.value(QLatin1String("failing")).toObject();
    const int failingStep = stepOfTrigger(failing.value(QLatin1String("trigger_name")).toString());
    if (failingStep > workflow.reached) {
        // A step's event exists only once the step before it is done: the order row may come from
        // an older result than the failing event (two live queries), so the event says more.
        workflow.reached = failingStep - 1;
        workflow.failedStep = failingStep;
        workflow.tries = failing.value(QLatin1String("tries")).toInt();
        workflow.dead = failing.value(QLatin1String("status")).toString() == QLatin1String("dead");
        workflow.error = failing.value(QLatin1String("last_error")).toString();
    }
    return workflow;
}

int OrderWorkflow::stepOfTrigger(const QString &triggerName)
{
    static const QHash<QString, int> steps { { QStringLiteral("validate-order"), 1 }, { QStringLiteral("payment"), 2 },
        { QStringLiteral("restaurant-approval"), 3 }, { QStringLiteral("agent-assignment"), 4 } };
    return steps.value(triggerName, -1);
}

const char *OrderWorkflow::stepName(int step)
{
    return step >= 0 && step < StepCount ? StepNames[step] : "";
}

const char *OrderWorkflow::stepWorkName(int step)
{
    return step >= 0 && step < StepCount ? StepWorkNames[step] : "";
}

QJsonArray OrderWorkflow::withFailures(const QJsonArray &orders, const QJsonArray &failingEvents)
{
    if (failingEvents.isEmpty())
        return orders;
    QHash<QString, QJsonObject> failing;
    for (const QJsonValue &value : failingEvents) {
        const QJsonObject event = value.toObject();
        const QString orderId = event.value(QLatin1String("order_id")).toString();
        const QJsonObject known = failing.value(orderId);
        if (known.isEmpty()
            || stepOfTrigger(event.value(QLatin1String("trigger_name")).toString())
                > stepOfTrigger(known.value(QLatin1String("trigger_name")).toString()))
            failing.insert(orderId, event);
    }
    QJsonArray result;
    for (const QJsonValue &value : orders) {
        QJsonObject order = value.toObject();
        const auto it = failing.constFind(order.value(QLatin1String("id")).toString());
        if (it != failing.cend()) {
            QJsonObject event = *it;
            event.remove(QLatin1String("order_id"));
            order.insert(QLatin1String("failing"), event);
        }
        result.append(order);
    }
    return result;
}

} // namespace trefoil::ui
