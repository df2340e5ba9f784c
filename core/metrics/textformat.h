#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Pieces of the Prometheus text exposition format 0.0.4, shared by the Registry and its tests.
namespace trefoil::metrics::textformat {

// Integral values print as integers, others in the shortest form that reads back exactly;
// NaN, +Inf and -Inf as Prometheus spells them.
QByteArray formatValue(double value);
// Inside a label value's double quotes: backslash, double quote and newline are escaped.
QByteArray escapeLabelValue(const QString &value);
// In a HELP line: backslash and newline are escaped.
QByteArray escapeHelp(QByteArrayView help);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool isValidMetricName(QByteArrayView name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved).
bool isValidLabelName(QByteArrayView name);

} // namespace trefoil::metrics::textformat
