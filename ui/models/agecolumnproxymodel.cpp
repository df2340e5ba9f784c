#include "ui/models/agecolumnproxymodel.h"

#include <QCoreApplication>

namespace trefoil::ui {

AgeColumnProxyModel::AgeColumnProxyModel(int column, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_column(column)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void AgeColumnProxyModel::setNow(const QDateTime &now)
{
    m_now = now;
    const int rows = rowCount();
    if (rows > 0 && m_column < columnCount())
        Q_EMIT dataChanged(index(0, m_column), index(rows - 1, m_column), { Qt::DisplayRole, AgeMsRole });
}

QVariant AgeColumnProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != m_column || (role != Qt::DisplayRole && role != AgeMsRole))
        return QIdentityProxyModel::data(index, role);
    const QString stamp = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    const QDateTime at = QDateTime::fromString(stamp, Qt::ISODateWithMs);
    if (!at.isValid())
        return {};
    const qint64 ms = std::max<qint64>(0, at.msecsTo(m_now));
    if (role == AgeMsRole)
        return ms;
    return formatAge(ms);
}

QString AgeColumnProxyModel::formatAge(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s < 60)
        return QCoreApplication::translate("AgeColumnProxyModel", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("AgeColumnProxyModel", "%1 min %2 s")
            .arg(s / 60)
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("AgeColumnProxyModel", "%1 h %2 min")
        .arg(s / 3600)
        .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace trefoil::ui
