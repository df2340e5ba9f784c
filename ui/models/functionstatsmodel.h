#pragma once

#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QJsonObject>

namespace trefoil::ui {

class KeyedRowModel;

// The Functions page's table: trefoil_function_stats' rows (one per built-in function, keyed by
// name) — calls per second, error rate, average and p95 duration, and the fault it simulates in
// words. Each result is applied as incremental changes, so the selection survives refreshes.
class FunctionStatsModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FunctionStatsModel)

public:
    enum Column { NameColumn, RateColumn, ErrorRateColumn, AverageColumn, P95Column, FaultColumn, ColumnCount };

    explicit FunctionStatsModel(QObject *parent = nullptr);

    void setStats(const QJsonArray &stats);
    // The function's row as received (with the words added), or an empty object.
    QJsonObject function(const QString &name) const;
    QString nameAt(int row) const;
    int rowOfName(const QString &name) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The fault in words ("fails 30 % · +200 ms"), "none", or that faults are not available (null).
    static QString faultText(const QJsonValue &fault);
    static QJsonArray present(const QJsonArray &stats);

private:
    KeyedRowModel *m_rows;
};

} // namespace trefoil::ui
