#include "ui/models/rowdiffmodel.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace trefoil::ui {

RowDiffModel::RowDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RowDiffModel::setRows(const QJsonObject &oldRow, const QJsonObject &newRow)
{
    // A different event each time: one reset, not a stream of updates.
    beginResetModel();
    m_lines.clear();
    QStringList fields = oldRow.keys();
    for (const QString &field : newRow.keys()) {
        if (!oldRow.contains(field))
            fields.append(field);
    }
    const bool both = !oldRow.isEmpty() && !newRow.isEmpty();
    for (const QString &field : std::as_const(fields)) {
        Line line { field, Change::Same, oldRow.value(field), newRow.value(field) };
        if (both && !oldRow.contains(field))
            line.change = Change::Added;
        else if (both && !newRow.contains(field))
            line.change = Change::Removed;
        else if (both && line.oldValue != line.newValue)
            line.change = Change::Changed;
        m_lines.append(line);
    }
    std::stable_sort(m_lines.begin(), m_lines.end(),
        [](const Line &a, const Line &b) { return (a.change != Change::Same) > (b.change != Change::Same); });
    endResetModel();
}

int RowDiffModel::changedCount() const
{
    return static_cast<int>(
        std::count_if(m_lines.cbegin(), m_lines.cend(), [](const Line &line) { return line.change != Change::Same; }));
}

QString RowDiffModel::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return value.toVariant().toString();
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return {};
}

int RowDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int RowDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RowDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = m_lines.at(index.row());
    if (role == ChangeRole)
        return static_cast<int>(line.change);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case FieldColumn:
        return line.field;
    case ChangeColumn:
        switch (line.change) {
        case Change::Same:
            return QString();
        case Change::Changed:
            return tr("changed");
        case Change::Added:
            return tr("added");
        case Change::Removed:
            return tr("removed");
        }
        return {};
    case OldColumn:
        return text(line.oldValue);
    case NewColumn:
        return text(line.newValue);
    default:
        return {};
    }
}

QVariant RowDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn:
        return tr("Column");
    case ChangeColumn:
        return tr("Change");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    default:
        return {};
    }
}

} // namespace trefoil::ui
