#include "core/metrics/textformat.h"

#include <charconv>
#include <cmath>

namespace trefoil::metrics::textformat {

QByteArray formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) // 2^53
        return QByteArray::number(static_cast<qint64>(value));
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, result.ptr - buffer);
}

namespace {
// Prometheus escapes backslash and newline everywhere, the double quote only in label values.
QByteArray escape(QByteArrayView text, bool quotes)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quotes)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}
} // namespace

QByteArray escapeLabelValue(const QString &value)
{
    return escape(value.toUtf8(), true);
}

QByteArray escapeHelp(QByteArrayView help)
{
    return escape(help, false);
}

namespace {
bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
} // namespace

bool isValidMetricName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name.at(i);
        if (!(isAlpha(c) || c == ':' || (i > 0 && isDigit(c))))
            return false;
    }
    return true;
}

bool isValidLabelName(QByteArrayView name)
{
    if (name.isEmpty() || name.startsWith("__"))
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name.at(i);
        if (!(isAlpha(c) || (i > 0 && isDigit(c))))
            return false;
    }
    return true;
}

} // namespace trefoil::metrics::textformat
