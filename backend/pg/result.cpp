#include "backend/pg/result.h"

#include <QUuid>

namespace trefoil::pg {

namespace {
// Type OIDs from pg_type.h; spelled out so that this file needs no libpq header.
constexpr quint32 BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Int2Oid = 21, Int4Oid = 23, OidOid = 26, Float4Oid = 700,
                  Float8Oid = 701, NumericOid = 1700, TimestampOid = 1114, TimestamptzOid = 1184;
} // namespace

Result Result::failure(Error error)
{
    Result result;
    result.m_error = std::move(error);
    return result;
}

bool Result::isNull(int row, int column) const
{
    if (row < 0 || row >= m_rowCount || column < 0 || column >= columnCount())
        return true;
    return m_nulls.at(row * columnCount() + column);
}

QByteArray Result::raw(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return m_cells.at(row * columnCount() + column);
}

QString Result::text(int row, int column) const
{
    return QString::fromUtf8(raw(row, column));
}

qint64 Result::toInt(int row, int column) const
{
    return raw(row, column).toLongLong();
}

double Result::toDouble(int row, int column) const
{
    return raw(row, column).toDouble();
}

bool Result::toBool(int row, int column) const
{
    const QByteArray value = raw(row, column);
    return value == "t" || value == "true";
}

QDateTime Result::toDateTime(int row, int column) const
{
    // PostgreSQL prints "2024-01-02 03:04:05.678+00"; Qt wants a 'T' and a full offset.
    QByteArray value = raw(row, column);
    if (value.isEmpty())
        return {};
    value[10] = 'T';
    const qsizetype sign = std::max(value.lastIndexOf('+'), value.lastIndexOf('-'));
    if (sign > 10 && value.size() - sign == 3)
        value += ":00";
    QDateTime parsed = QDateTime::fromString(QString::fromLatin1(value), Qt::ISODateWithMs);
    if (columnType(column) == TimestampOid)
        parsed.setTimeSpec(Qt::UTC);
    return parsed;
}

QVariant Result::value(int row, int column) const
{
    if (isNull(row, column))
        return {};
    switch (columnType(column)) {
    case BoolOid:
        return toBool(row, column);
    case Int2Oid:
    case Int4Oid:
    case Int8Oid:
    case OidOid:
        return toInt(row, column);
    case Float4Oid:
    case Float8Oid:
    case NumericOid:
        return toDouble(row, column);
    case TimestampOid:
    case TimestamptzOid:
        return toDateTime(row, column);
    case ByteaOid: {
        const QByteArray hex = raw(row, column);
        return hex.startsWith("\\x") ? QByteArray::fromHex(hex.mid(2)) : hex;
    }
    default:
        return text(row, column);
    }
}

} // namespace trefoil::pg
