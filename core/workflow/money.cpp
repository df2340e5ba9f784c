#include "core/workflow/money.h"

namespace trefoil::workflow::money {

std::optional<qint64> parseCents(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    const bool negative = trimmed.startsWith(QLatin1Char('-'));
    const QString digits = negative ? trimmed.mid(1) : trimmed;
    const qsizetype dot = digits.indexOf(QLatin1Char('.'));
    const QString whole = dot < 0 ? digits : digits.left(dot);
    QString fraction = dot < 0 ? QString() : digits.mid(dot + 1);
    if (whole.isEmpty() || whole.size() > 15 || fraction.size() > 2)
        return std::nullopt;
    for (const QChar c : QString(whole + fraction)) {
        if (!c.isDigit() || c.unicode() > 127)
            return std::nullopt;
    }
    while (fraction.size() < 2)
        fraction.append(QLatin1Char('0'));
    const qint64 cents = whole.toLongLong() * 100 + fraction.toLongLong();
    return negative ? -cents : cents;
}

QString format(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return (cents < 0 ? QStringLiteral("-") : QString()) + QString::number(magnitude / 100) + QLatin1Char('.')
        + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

} // namespace trefoil::workflow::money
