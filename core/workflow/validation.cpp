#include "core/workflow/validation.h"

#include "core/workflow/money.h"

#include <QCoreApplication>
#include <QStringList>

namespace trefoil::workflow {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Validation", text);
}

QString lineName(const OrderLine &line)
{
    return line.name.isEmpty() ? tr("item #%1").arg(line.menuItemId) : QLatin1Char('"') + line.name + QLatin1Char('"');
}
} // namespace

ValidationDecision Validation::decide(const ValidationInput &input)
{
    if (input.status != OrderStatus::Placed)
        return { StepDecision::skip(tr("the order is already %1").arg(statusName(input.status))), 0 };

    QStringList problems;
    if (!input.restaurantOpen)
        problems.append(input.restaurantName.isEmpty() ? tr("the restaurant is closed")
                                                       : tr("%1 is closed").arg(input.restaurantName));
    if (input.address.trimmed().isEmpty())
        problems.append(tr("the delivery address is empty"));
    if (input.lines.isEmpty())
        problems.append(tr("the order has no items"));
    else if (input.lines.size() > MaxLines)
        problems.append(tr("the order has %1 lines, more than the %2 allowed").arg(input.lines.size()).arg(MaxLines));

    qint64 total = 0;
    bool totalKnown = true;
    for (const OrderLine &line : input.lines) {
        if (line.quantity < 1)
            problems.append(tr("the quantity of %1 must be at least 1").arg(lineName(line)));
        else if (line.quantity > MaxQuantity)
            problems.append(tr("the quantity of %1 is %2, more than the %3 allowed")
                                .arg(lineName(line))
                                .arg(line.quantity)
                                .arg(MaxQuantity));
        if (!line.onMenu) {
            problems.append(tr("%1 is not on the menu of %2")
                                .arg(lineName(line),
                                    input.restaurantName.isEmpty() ? tr("this restaurant") : input.restaurantName));
            totalKnown = false;
        } else if (!line.available) {
            problems.append(tr("%1 is not available").arg(lineName(line)));
        }
        if (line.quantity >= 1 && line.quantity <= MaxQuantity && line.onMenu)
            total += line.priceCents * line.quantity;
    }
    if (problems.isEmpty() && totalKnown && total > money::MaxCents)
        problems.append(tr("the total of %1 is more than can be paid in one order").arg(money::format(total)));

    if (!problems.isEmpty())
        return { StepDecision::terminate(OrderStatus::Rejected, problems.join(QLatin1String("; "))), 0 };
    return { StepDecision::advance(OrderStatus::Validated), total };
}

} // namespace trefoil::workflow
