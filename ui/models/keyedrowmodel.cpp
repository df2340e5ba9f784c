#include "ui/models/keyedrowmodel.h"

#include <QJsonDocument>

#include <algorithm>

namespace trefoil::ui {

namespace {

// Keys compare as text: "7" and 7 are the same order.
QString keyText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        const auto integer = static_cast<qint64>(number);
        return static_cast<double>(integer) == number ? QString::number(integer) : QString::number(number, 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QVariant displayValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const auto integer = static_cast<qint64>(number);
        return static_cast<double>(integer) == number ? QVariant(integer) : QVariant(number);
    }
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// For each element of `sequence`, whether it belongs to one longest strictly increasing
// subsequence (patience sorting, O(n log n)).
QList<bool> longestIncreasing(const QList<int> &sequence)
{
    QList<int> tailIndex; // tailIndex[l]: index of the smallest tail of an increasing run of length l + 1
    QList<int> previous(sequence.size(), -1);
    for (int i = 0; i < sequence.size(); ++i) {
        const auto it = std::lower_bound(tailIndex.begin(), tailIndex.end(), sequence.at(i),
            [&sequence](int index, int value) { return sequence.at(index) < value; });
        const auto length = static_cast<int>(it - tailIndex.begin());
        if (length > 0)
            previous[i] = tailIndex.at(length - 1);
        if (it == tailIndex.end())
            tailIndex.append(i);
        else
            *it = i;
    }
    QList<bool> member(sequence.size(), false);
    for (int i = tailIndex.isEmpty() ? -1 : tailIndex.last(); i >= 0; i = previous.at(i))
        member[i] = true;
    return member;
}

} // namespace

KeyedRowModel::KeyedRowModel(QString keyField, QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_keyField(std::move(keyField))
    , m_columns(std::move(columns))
{
}

QJsonValue KeyedRowModel::valueAt(const QJsonObject &object, const QString &field)
{
    if (!field.contains(QLatin1Char('.')))
        return object.value(field);
    QJsonValue value = object;
    for (const QStringView part : QStringView(field).split(QLatin1Char('.'))) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(part);
    }
    return value;
}

void KeyedRowModel::setRows(const QJsonArray &rows)
{
    QList<Row> target;
    target.reserve(rows.size());
    QHash<QString, int> targetKeys;
    targetKeys.reserve(rows.size());
    for (const QJsonValue value : rows) {
        QJsonObject object = value.toObject();
        QString key = keyText(valueAt(object, m_keyField));
        if (key.isNull() || targetKeys.contains(key))
            continue;
        targetKeys.insert(key, static_cast<int>(target.size()));
        target.append({ std::move(key), std::move(object) });
    }

    const QHash<QString, int> oldKeys = m_index;
    m_updating = true;
    removeRowsNotIn(targetKeys);
    reorderTo(target, oldKeys);
    insertRowsFrom(target, oldKeys);
    updateChangedRows(target);
    m_index = std::move(targetKeys);
    m_updating = false;
}

void KeyedRowModel::removeRowsNotIn(const QHash<QString, int> &keep)
{
    // From the bottom up, so the rows above a removed range keep their numbers.
    for (auto last = static_cast<int>(m_rows.size()) - 1; last >= 0;) {
        if (keep.contains(m_rows.at(last).key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !keep.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
}

void KeyedRowModel::reorderTo(const QList<Row> &target, const QHash<QString, int> &oldKeys)
{
    // The kept rows in their new order; m_rows holds exactly these, in their old order.
    QList<QString> order;
    order.reserve(m_rows.size());
    for (const Row &row : target) {
        if (oldKeys.contains(row.key))
            order.append(row.key);
    }
    bool same = true;
    for (int i = 0; i < order.size() && same; ++i)
        same = m_rows.at(i).key == order.at(i);
    if (same)
        return;

    QHash<QString, int> current;
    current.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        current.insert(m_rows.at(i).key, i);
    QList<int> positions;
    positions.reserve(order.size());
    for (const QString &key : std::as_const(order))
        positions.append(current.value(key));
    // The rows of a longest run already in order stay; only the others move.
    const QList<bool> stays = longestIncreasing(positions);
    const auto moves = std::count(stays.begin(), stays.end(), false);
    if (moves > MaxMovesPerUpdate)
        return relayoutTo(order);

    const auto positionOf = [this](const QString &key) {
        const auto it = std::find_if(m_rows.cbegin(), m_rows.cend(), [&key](const Row &row) { return row.key == key; });
        return static_cast<int>(it - m_rows.cbegin());
    };
    // Each moved row goes right after its predecessor in the new order: by induction the rows
    // placed so far, moved or staying, are then in the new order.
    for (int i = 0; i < order.size(); ++i) {
        if (stays.at(i))
            continue;
        const int from = positionOf(order.at(i));
        const int after = i == 0 ? -1 : positionOf(order.at(i - 1));
        const int to = from > after ? after + 1 : after; // its row number once moved
        if (from == to)
            continue;
        beginMoveRows({}, from, from, {}, from < to ? to + 1 : to);
        m_rows.move(from, to);
        endMoveRows();
    }
}

void KeyedRowModel::relayoutTo(const QList<QString> &order)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<QString> beforeKeys;
    beforeKeys.reserve(before.size());
    for (const QModelIndex &index : before)
        beforeKeys.append(m_rows.at(index.row()).key);

    QHash<QString, QJsonObject> objects;
    objects.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        objects.insert(row.key, row.object);
    QHash<QString, int> rowOf;
    rowOf.reserve(order.size());
    for (int i = 0; i < order.size(); ++i) {
        m_rows[i] = { order.at(i), objects.take(order.at(i)) };
        rowOf.insert(order.at(i), i);
    }

    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i)
        after.append(index(rowOf.value(beforeKeys.at(i)), before.at(i).column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void KeyedRowModel::insertRowsFrom(const QList<Row> &target, const QHash<QString, int> &oldKeys)
{
    // m_rows is the kept rows in the new order: each run of new rows goes where the result has it.
    for (int first = 0; first < target.size();) {
        if (oldKeys.contains(target.at(first).key)) {
            ++first;
            continue;
        }
        int end = first;
        while (end < target.size() && !oldKeys.contains(target.at(end).key))
            ++end;
        beginInsertRows({}, first, end - 1);
        m_rows.insert(first, end - first, Row());
        std::copy(target.begin() + first, target.begin() + end, m_rows.begin() + first);
        endInsertRows();
        first = end;
    }
}

void KeyedRowModel::updateChangedRows(const QList<Row> &target)
{
    Q_ASSERT(m_rows.size() == target.size());
    QList<int> changed;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).object != target.at(i).object) {
            m_rows[i].object = target.at(i).object;
            changed.append(i);
        }
    }
    if (changed.isEmpty())
        return;
    const int lastColumn = static_cast<int>(m_columns.size()) - 1;
    if (lastColumn < 0)
        return;
    // Most rows changed: one signal, cheaper for the view than one per row.
    if (changed.size() * 2 > m_rows.size()) {
        Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(m_rows.size()) - 1, lastColumn));
        return;
    }
    for (int i = 0; i < changed.size();) {
        int end = i + 1;
        while (end < changed.size() && changed.at(end) == changed.at(end - 1) + 1)
            ++end;
        Q_EMIT dataChanged(index(changed.at(i), 0), index(changed.at(end - 1), lastColumn));
        i = end;
    }
}

int KeyedRowModel::rowOfKey(const QString &key) const
{
    if (!m_updating)
        return m_index.value(key, -1);
    // The key index is rebuilt at the end of an update: views asking in between, while rows are
    // removed or moved (a selection that goes with its row), get their answer from the rows.
    for (int i = 0; i < rowCount(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

int KeyedRowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int KeyedRowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant KeyedRowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(valueAt(row.object, m_columns.at(index.column()).field));
    case ValueRole:
        return QVariant::fromValue(valueAt(row.object, m_columns.at(index.column()).field));
    case RowObjectRole:
        return row.object;
    case KeyRole:
        return row.key;
    default:
        return {};
    }
}

QVariant KeyedRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_columns.size())
        return m_columns.at(section).header;
    return QAbstractTableModel::headerData(section, orientation, role);
}

QHash<int, QByteArray> KeyedRowModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RowObjectRole, "row");
    names.insert(KeyRole, "key");
    names.insert(ValueRole, "value");
    return names;
}

} // namespace trefoil::ui
