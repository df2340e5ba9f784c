#include "ui/models/orderlistmodel.h"

#include "ui/models/keyedrowmodel.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <algorithm>

namespace trefoil::ui {

OrderListModel::OrderListModel(KeyedRowModel *orders, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_orders(orders)
    , m_now(QDateTime::currentDateTimeUtc())
{
    setSourceModel(orders);
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, [this] { setNow(QDateTime::currentDateTimeUtc()); });
    m_ageTimer.start();
}

void OrderListModel::setAgeUpdatesEnabled(bool enabled)
{
    if (enabled)
        m_ageTimer.start();
    else
        m_ageTimer.stop();
}

void OrderListModel::setNow(const QDateTime &now)
{
    m_now = now;
    const int rows = rowCount();
    for (int column = 0; column < columnCount(); ++column) {
        if (rows > 0 && fieldOf(column) == QLatin1String("created_at"))
            Q_EMIT dataChanged(index(0, column), index(rows - 1, column), { Qt::DisplayRole });
    }
}

QString OrderListModel::fieldOf(int column) const
{
    return column >= 0 && column < m_orders->columns().size() ? m_orders->columns().at(column).field : QString();
}

QString OrderListModel::formatAge(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    if (seconds < 60)
        return QCoreApplication::translate("trefoil::ui::OrderListModel", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("trefoil::ui::OrderListModel", "%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return QCoreApplication::translate("trefoil::ui::OrderListModel", "%1 h").arg(seconds / 3600);
    return QCoreApplication::translate("trefoil::ui::OrderListModel", "%1 d").arg(seconds / 86400);
}

QString OrderListModel::statusText(const QString &status)
{
    if (status == QLatin1String("placed"))
        return tr("placed");
    if (status == QLatin1String("validated"))
        return tr("validated");
    if (status == QLatin1String("paid"))
        return tr("paid");
    if (status == QLatin1String("approved"))
        return tr("approved");
    if (status == QLatin1String("agent_assigned"))
        return tr("assigned");
    if (status == QLatin1String("rejected"))
        return tr("rejected");
    if (status == QLatin1String("payment_declined"))
        return tr("payment declined");
    if (status == QLatin1String("failed"))
        return tr("failed");
    return status;
}

QVariant OrderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString field = fieldOf(index.column());
    if (role == Qt::TextAlignmentRole && (field == QLatin1String("total") || field == QLatin1String("created_at")))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QIdentityProxyModel::data(index, role);
    const QJsonValue value = QIdentityProxyModel::data(index, KeyedRowModel::ValueRole).value<QJsonValue>();
    if (field == QLatin1String("id"))
        return role == Qt::DisplayRole ? shortId(value.toString()) : value.toString();
    if (role == Qt::ToolTipRole) {
        if (field == QLatin1String("created_at"))
            return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toLocalTime().toString(Qt::ISODate);
        return QIdentityProxyModel::data(index, role);
    }
    if (field == QLatin1String("total"))
        return value.isNull() || value.isUndefined() ? QString() : QString::number(value.toDouble(), 'f', 2);
    if (field == QLatin1String("status"))
        return statusText(value.toString());
    if (field == QLatin1String("created_at")) {
        const QDateTime created = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return created.isValid() ? formatAge(created.secsTo(m_now)) : QString();
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace trefoil::ui
