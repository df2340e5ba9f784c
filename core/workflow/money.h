#pragma once

#include <QString>

#include <optional>

namespace trefoil::workflow {

// Amounts as whole cents, so totals add up exactly; converted from and to numeric(10, 2) text.
namespace money {
// "12.5", "12.50", "-3", "0.07" → cents; nullopt for anything else or more than two decimals.
std::optional<qint64> parseCents(const QString &text);
// 1250 → "12.50".
QString format(qint64 cents);
// The largest amount numeric(10, 2) holds.
constexpr qint64 MaxCents = 9'999'999'999;
} // namespace money

} // namespace trefoil::workflow
