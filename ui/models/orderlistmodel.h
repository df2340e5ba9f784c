#pragma once

#include <QDateTime>
#include <QIdentityProxyModel>
#include <QTimer>

namespace trefoil::ui {

class KeyedRowModel;

// The Orders table as people read it, over a KeyedRowModel of order rows: the id in short form
// (the whole id as tooltip), totals with two decimals, the status in words and the age of each
// order instead of its creation time. Ages move on once a second, as one dataChanged of the age
// column (the only column that changes with time), never a reset.
class OrderListModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderListModel)

public:
    explicit OrderListModel(KeyedRowModel *orders, QObject *parent = nullptr);

    // The clock ages are measured against; set by tests, otherwise moved on by the timer.
    void setNow(const QDateTime &now);
    void setAgeUpdatesEnabled(bool enabled);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // "12 s", "4 min", "3 h", "2 d".
    static QString formatAge(qint64 seconds);
    // The first 8 hex digits of a uuid, as people quote an order.
    static QString shortId(const QString &id) { return id.left(8); }
    static QString statusText(const QString &status);

private:
    QString fieldOf(int column) const;

    KeyedRowModel *m_orders;
    QDateTime m_now;
    QTimer m_ageTimer;
};

} // namespace trefoil::ui
