#pragma once

#include <QStyledItemDelegate>

namespace trefoil::ui {

// Paints an order's workflow in one table cell: a dot per step (placed → validated → paid →
// approved → assigned) — done steps filled, the step in progress highlighted, a failed step red —
// then the status in words with the failing step's tries. Reads the row object
// (KeyedRowModel::RowObjectRole) through OrderWorkflow.
class WorkflowProgressDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkflowProgressDelegate)

public:
    explicit WorkflowProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
};

} // namespace trefoil::ui
