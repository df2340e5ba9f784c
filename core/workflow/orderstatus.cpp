#include "core/workflow/orderstatus.h"

#include <array>
#include <utility>

namespace trefoil::workflow {

namespace {
constexpr std::array<std::pair<OrderStatus, const char *>, 8> Names { {
    { OrderStatus::Placed, "placed" },
    { OrderStatus::Validated, "validated" },
    { OrderStatus::Paid, "paid" },
    { OrderStatus::Approved, "approved" },
    { OrderStatus::AgentAssigned, "agent_assigned" },
    { OrderStatus::Rejected, "rejected" },
    { OrderStatus::PaymentDeclined, "payment_declined" },
    { OrderStatus::Failed, "failed" },
} };
} // namespace

QString statusName(OrderStatus status)
{
    for (const auto &[value, name] : Names) {
        if (value == status)
            return QLatin1String(name);
    }
    return {};
}

std::optional<OrderStatus> orderStatusFromString(const QString &text)
{
    for (const auto &[value, name] : Names) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

bool isFinal(OrderStatus status)
{
    return status == OrderStatus::AgentAssigned || status == OrderStatus::Rejected
        || status == OrderStatus::PaymentDeclined || status == OrderStatus::Failed;
}

} // namespace trefoil::workflow
