#include "ui/widgets/workflowprogressdelegate.h"

#include "ui/models/keyedrowmodel.h"
#include "ui/models/orderlistmodel.h"
#include "ui/models/orderworkflow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QJsonObject>
#include <QPainter>
#include <QToolTip>

namespace trefoil::ui {

namespace {

constexpr int Dot = 10; // diameter of a step's dot
constexpr int Gap = 8; // line between two dots
constexpr int Margin = 6;

const QColor DoneColor(58, 157, 93);
const QColor FailedColor(217, 83, 79);

QString describe(const OrderWorkflow &workflow, const QJsonObject &order)
{
    QString text = OrderListModel::statusText(order.value(QLatin1String("status")).toString());
    if (workflow.failedStep >= 0 && !order.value(QLatin1String("failing")).isUndefined()) {
        const QString step = QCoreApplication::translate(
            "trefoil::ui::OrderWorkflow", OrderWorkflow::stepWorkName(workflow.failedStep));
        text = workflow.dead
            ? QCoreApplication::translate(
                "trefoil::ui::WorkflowProgressDelegate", "%1 dead after %n tries", nullptr, workflow.tries)
                  .arg(step)
            : QCoreApplication::translate("trefoil::ui::WorkflowProgressDelegate", "%1 failing, try %2")
                  .arg(step)
                  .arg(workflow.tries);
    }
    return text;
}

} // namespace

WorkflowProgressDelegate::WorkflowProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void WorkflowProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QJsonObject order = index.data(KeyedRowModel::RowObjectRole).toJsonObject();
    const OrderWorkflow workflow = OrderWorkflow::fromRow(order);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QColor text = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    const QColor pending = palette.color(QPalette::Mid);
    const QColor current = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect rect = option.rect.adjusted(Margin, 0, -Margin, 0);
    const int y = rect.center().y();
    int x = rect.left();
    for (int step = 0; step < OrderWorkflow::StepCount; ++step) {
        const OrderWorkflow::StepState state = workflow.stateOf(step);
        if (step > 0) {
            const bool reached = state == OrderWorkflow::StepState::Done;
            painter->setPen(QPen(reached ? DoneColor : pending, 2));
            painter->drawLine(x - Gap, y, x, y);
        }
        const QRectF dot(x, y - Dot / 2.0, Dot, Dot);
        switch (state) {
        case OrderWorkflow::StepState::Done:
            painter->setPen(Qt::NoPen);
            painter->setBrush(DoneColor);
            painter->drawEllipse(dot);
            break;
        case OrderWorkflow::StepState::Current:
            painter->setPen(QPen(current, 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(dot.adjusted(-1, -1, 1, 1));
            painter->setPen(Qt::NoPen);
            painter->setBrush(current);
            painter->drawEllipse(dot.adjusted(3, 3, -3, -3));
            break;
        case OrderWorkflow::StepState::Failed:
            painter->setPen(Qt::NoPen);
            painter->setBrush(FailedColor);
            painter->drawEllipse(dot.adjusted(-1, -1, 1, 1));
            painter->setPen(QPen(Qt::white, 1.6));
            painter->drawLine(dot.center() + QPointF(-2.5, -2.5), dot.center() + QPointF(2.5, 2.5));
            painter->drawLine(dot.center() + QPointF(-2.5, 2.5), dot.center() + QPointF(2.5, -2.5));
            break;
        case OrderWorkflow::StepState::Pending:
            painter->setPen(QPen(pending, 1.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(dot);
            break;
        }
        x += Dot + Gap;
    }
    const QRect textRect(x + Margin - Gap, rect.top(), rect.right() - x - Margin + Gap, rect.height());
    painter->setPen(workflow.failedStep >= 0 && !selected ? FailedColor : text);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
        option.fontMetrics.elidedText(describe(workflow, order), Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize WorkflowProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    const int dots = OrderWorkflow::StepCount * (Dot + Gap) + 2 * Margin;
    return { dots + option.fontMetrics.horizontalAdvance(QStringLiteral("restaurant-approval failing, try 5")) / 2 + 40,
        std::max(base.height(), Dot + 8) };
}

bool WorkflowProgressDelegate::helpEvent(
    QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QJsonObject order = index.data(KeyedRowModel::RowObjectRole).toJsonObject();
    const OrderWorkflow workflow = OrderWorkflow::fromRow(order);
    QStringList lines;
    for (int step = 0; step < OrderWorkflow::StepCount; ++step) {
        const QString name = QCoreApplication::translate("trefoil::ui::OrderWorkflow", OrderWorkflow::stepName(step));
        switch (workflow.stateOf(step)) {
        case OrderWorkflow::StepState::Done:
            lines << tr("✓ %1").arg(name);
            break;
        case OrderWorkflow::StepState::Current:
            lines << tr("▶ %1 (in progress)").arg(name);
            break;
        case OrderWorkflow::StepState::Failed:
            lines << tr("✗ %1: %2").arg(name, workflow.error.isEmpty() ? tr("failed") : workflow.error);
            break;
        case OrderWorkflow::StepState::Pending:
            lines << tr("· %1").arg(name);
            break;
        }
    }
    QToolTip::showText(event->globalPos(), lines.join(QLatin1Char('\n')), view);
    return true;
}

} // namespace trefoil::ui
