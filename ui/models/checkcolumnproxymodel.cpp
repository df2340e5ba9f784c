#include "ui/models/checkcolumnproxymodel.h"

#include "ui/models/keyedrowmodel.h"

#include <QJsonValue>

namespace trefoil::ui {

CheckColumnProxyModel::CheckColumnProxyModel(int column, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_column(column)
{
}

void CheckColumnProxyModel::setSourceModel(QAbstractItemModel *source)
{
    disconnect(m_sourceChanged);
    m_pending.clear();
    QIdentityProxyModel::setSourceModel(source);
    if (source)
        m_sourceChanged = connect(source, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                onSourceDataChanged(topLeft, bottomRight);
            });
}

void CheckColumnProxyModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (m_pending.isEmpty())
        return;
    // The identity proxy has already forwarded the change, read while still pending: say again.
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        if (m_pending.remove(keyOf(index(row, 0)))) {
            const QModelIndex cell = index(row, m_column);
            Q_EMIT dataChanged(cell, cell, { Qt::CheckStateRole, PendingRole });
        }
    }
}

void CheckColumnProxyModel::clearPending(const QString &key)
{
    if (!m_pending.remove(key))
        return;
    for (int row = 0; row < rowCount(); ++row) {
        if (keyOf(index(row, 0)) == key) {
            const QModelIndex cell = index(row, m_column);
            Q_EMIT dataChanged(cell, cell, { Qt::CheckStateRole, PendingRole });
            return;
        }
    }
}

QString CheckColumnProxyModel::keyOf(const QModelIndex &index) const
{
    return index.data(KeyedRowModel::KeyRole).toString();
}

QVariant CheckColumnProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != m_column)
        return QIdentityProxyModel::data(index, role);
    if (role == Qt::CheckStateRole) {
        bool checked = index.data(KeyedRowModel::ValueRole).toJsonValue().toBool();
        if (m_pending.contains(keyOf(index)))
            checked = !checked;
        return checked ? Qt::Checked : Qt::Unchecked;
    }
    if (role == PendingRole)
        return m_pending.contains(keyOf(index));
    if (role == Qt::DisplayRole)
        return {};
    return QIdentityProxyModel::data(index, role);
}

bool CheckColumnProxyModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != m_column || role != Qt::CheckStateRole)
        return false;
    const QString key = keyOf(index);
    if (key.isEmpty() || m_pending.contains(key))
        return false;
    const bool current = index.data(KeyedRowModel::ValueRole).toJsonValue().toBool();
    const bool wanted = value.toInt() == Qt::Checked;
    if (wanted == current)
        return false;
    m_pending.insert(key);
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole, PendingRole });
    Q_EMIT toggleRequested(key, wanted);
    return true;
}

Qt::ItemFlags CheckColumnProxyModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
    if (index.isValid() && index.column() == m_column) {
        flags |= Qt::ItemIsUserCheckable;
        if (m_pending.contains(keyOf(index)))
            flags &= ~Qt::ItemIsEnabled;
    }
    return flags;
}

} // namespace trefoil::ui
