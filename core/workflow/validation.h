#pragma once

#include "core/workflow/stepdecision.h"

#include <QList>

namespace trefoil::workflow {

// One line of an order as validate-order's lookup found it.
struct OrderLine {
    int menuItemId = 0;
    QString name; // the menu item's name; empty when there is no such item
    int quantity = 0;
    bool onMenu = false; // the item exists on the order's restaurant's menu
    bool available = false;
    qint64 priceCents = 0;
};

struct ValidationInput {
    OrderStatus status = OrderStatus::Placed;
    QString address;
    QString restaurantName;
    bool restaurantOpen = false;
    QList<OrderLine> lines;
};

struct ValidationDecision {
    StepDecision step;
    qint64 totalCents = 0; // when validated
};

// validate-order: a placed order is validated (with its total) when its restaurant is open, it
// has a delivery address and 1 to MaxLines lines, each of an available item of that restaurant's
// menu in a quantity from 1 to MaxQuantity; otherwise it is rejected with every problem named.
struct Validation {
    static constexpr int MaxQuantity = 50;
    static constexpr int MaxLines = 100;
    static ValidationDecision decide(const ValidationInput &input);
};

} // namespace trefoil::workflow
