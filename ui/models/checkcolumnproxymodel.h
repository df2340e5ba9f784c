#pragma once

#include <QIdentityProxyModel>
#include <QSet>

namespace trefoil::ui {

// Shows one boolean column of a KeyedRowModel as a check box the user can toggle. A toggle does
// not change the data: it asks for the change (toggleRequested, with the row's key) and marks the
// row pending until the next result for it arrives — the server's live result, not the click, is
// the truth, so a refused change springs back by itself.
class CheckColumnProxyModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckColumnProxyModel)

public:
    static constexpr int PendingRole = Qt::UserRole + 101;

    explicit CheckColumnProxyModel(int column, QObject *parent = nullptr);

    int checkColumn() const { return m_column; }
    bool isPending(const QString &key) const { return m_pending.contains(key); }
    // The request for `key` failed: it is no longer pending.
    void clearPending(const QString &key);

    void setSourceModel(QAbstractItemModel *source) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void toggleRequested(const QString &key, bool checked);

private:
    QString keyOf(const QModelIndex &index) const;
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    int m_column;
    QSet<QString> m_pending;
    QMetaObject::Connection m_sourceChanged;
};

} // namespace trefoil::ui
