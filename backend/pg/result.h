#pragma once

#include "backend/pg/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace trefoil::pg {

// The complete outcome of one statement, copied out of the PGresult: rows in text format,
// column names and type OIDs, the affected-row count, or the error. Cheap to copy (implicitly shared data).
class Result {
public:
    Result() = default;
    static Result failure(Error error);

    bool ok() const { return !m_error.isError(); }
    const Error &error() const { return m_error; }

    int rowCount() const { return m_rowCount; }
    int columnCount() const { return int(m_columnNames.size()); }
    QString columnName(int column) const { return m_columnNames.value(column); }
    // -1 when there is no such column.
    int columnIndex(const QString &name) const { return int(m_columnNames.indexOf(name)); }
    quint32 columnType(int column) const { return m_columnTypes.value(column); }
    qint64 affectedRows() const { return m_affectedRows; }

    bool isNull(int row, int column) const;
    QByteArray raw(int row, int column) const;
    QString text(int row, int column) const;
    qint64 toInt(int row, int column) const;
    double toDouble(int row, int column) const;
    bool toBool(int row, int column) const;
    QDateTime toDateTime(int row, int column) const;
    // Converted by the column's type: int, double, bool, timestamps, bytea, json text, otherwise QString; null →
    // invalid QVariant.
    QVariant value(int row, int column) const;

    // By column name; -1 index (unknown column) gives null/empty values.
    QString text(int row, const QString &column) const { return text(row, columnIndex(column)); }
    qint64 toInt(int row, const QString &column) const { return toInt(row, columnIndex(column)); }
    bool isNull(int row, const QString &column) const { return isNull(row, columnIndex(column)); }

private:
    friend class ResultBuilder;
    Error m_error;
    int m_rowCount = 0;
    qint64 m_affectedRows = 0;
    QList<QString> m_columnNames;
    QList<quint32> m_columnTypes;
    QList<QByteArray> m_cells; // row-major
    QList<bool> m_nulls; // row-major
};

} // namespace trefoil::pg

Q_DECLARE_METATYPE(trefoil::pg::Result)
