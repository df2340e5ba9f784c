#pragma once

#include <QString>

#include <optional>

namespace trefoil::workflow {

// Where an order stands: placed → validated → paid → approved → agent_assigned; rejected,
// payment_declined and failed end it early. Spelled as in public.orders.status.
enum class OrderStatus { Placed, Validated, Paid, Approved, AgentAssigned, Rejected, PaymentDeclined, Failed };

QString statusName(OrderStatus status);
std::optional<OrderStatus> orderStatusFromString(const QString &text);
// No step moves an order on from here.
bool isFinal(OrderStatus status);

} // namespace trefoil::workflow
