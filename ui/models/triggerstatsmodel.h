#pragma once

#include <QCoreApplication>
#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QJsonObject>

namespace trefoil::ui {

class KeyedRowModel;

// The Triggers page's table: trefoil_trigger_stats' rows (one per trigger, keyed by name) as a
// person reads them — operations, handler and state as words, the rate per second, failures in
// the window, the backlog (pending and in flight) and the dead events. Each result is applied as
// incremental changes (KeyedRowModel), so the selection survives the page's refreshes.
class TriggerStatsModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriggerStatsModel)

public:
    enum Column {
        NameColumn,
        TableColumn,
        OperationsColumn,
        HandlerColumn,
        StateColumn,
        RateColumn,
        FailedColumn,
        BacklogColumn,
        DeadColumn,
        ColumnCount
    };

    explicit TriggerStatsModel(QObject *parent = nullptr);

    // Replaces the rows with one trefoil_trigger_stats result.
    void setStats(const QJsonArray &stats);
    // The trigger's row as received (with the words added), or an empty object.
    QJsonObject trigger(const QString &name) const;
    QString nameAt(int row) const;
    int rowOfName(const QString &name) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The rows as the table shows them (exposed for tests).
    static QJsonArray present(const QJsonArray &stats);

private:
    KeyedRowModel *m_rows;
};

} // namespace trefoil::ui
