#include "ui/pages/orders/orderdetailpanel.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"
#include "ui/models/orderlistmodel.h"
#include "ui/models/orderworkflow.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

constexpr int EventIdRole = Qt::UserRole + 1;
constexpr int AttemptRole = Qt::UserRole + 2; // the attempt object of an attempt row
const QColor FailedColor(217, 83, 79);

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString clockText(const QJsonValue &value)
{
    const QDateTime time = timeOf(value);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")) : QString();
}

QString money(const QJsonValue &value)
{
    return value.isDouble() || value.isString() ? QString::number(value.toVariant().toDouble(), 'f', 2) : QString();
}

QString stepOf(const QString &triggerName)
{
    const int step = OrderWorkflow::stepOfTrigger(triggerName);
    return step < 0 ? triggerName
                    : QCoreApplication::translate("trefoil::ui::OrderWorkflow", OrderWorkflow::stepWorkName(step));
}

} // namespace

OrderDetailPanel::OrderDetailPanel(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_pay(new QPushButton(tr("Pay"), this))
    , m_redeliver(new QPushButton(tr("Redeliver"), this))
    , m_items(new QTreeWidget(this))
    , m_timeline(new QTreeWidget(this))
    , m_payload(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pay->setObjectName(QStringLiteral("payButton"));
    m_pay->setToolTip(tr("Pay this order (its restaurant takes payment by hand)"));
    m_redeliver->setObjectName(QStringLiteral("redeliverButton"));
    m_redeliver->setToolTip(tr("Run the failed step again"));

    m_items->setObjectName(QStringLiteral("orderItems"));
    m_items->setRootIsDecorated(false);
    m_items->setHeaderLabels({ tr("Item"), tr("Qty"), tr("Price"), tr("Subtotal") });
    m_items->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_items->header()->setStretchLastSection(false);

    m_timeline->setObjectName(QStringLiteral("orderTimeline"));
    m_timeline->setHeaderLabels({ tr("Step"), tr("Status"), tr("Tries"), tr("Time"), tr("Duration"), tr("Error") });
    m_timeline->header()->setStretchLastSection(true);
    m_timeline->setUniformRowHeights(true);
    m_payload->setReadOnly(true);
    m_payload->setPlaceholderText(tr("Select an attempt to see its request and response."));
    m_payload->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_pay, 0, Qt::AlignTop);
    actions->addWidget(m_redeliver, 0, Qt::AlignTop);

    auto *itemsBox = new QWidget(this);
    auto *itemsLayout = new QVBoxLayout(itemsBox);
    itemsLayout->setContentsMargins(0, 0, 0, 0);
    itemsLayout->addWidget(new QLabel(tr("Items"), itemsBox));
    itemsLayout->addWidget(m_items);
    auto *timelineBox = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(new QLabel(tr("Workflow timeline"), timelineBox));
    timelineLayout->addWidget(m_timeline);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(itemsBox);
    splitter->addWidget(timelineBox);
    splitter->addWidget(m_payload);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(actions);
    layout->addWidget(splitter, 1);

    connect(m_pay, &QPushButton::clicked, this, &OrderDetailPanel::pay);
    connect(m_redeliver, &QPushButton::clicked, this, &OrderDetailPanel::redeliver);
    connect(m_timeline, &QTreeWidget::currentItemChanged, this, &OrderDetailPanel::showPayload);
    setOrder({});
}

QString OrderDetailPanel::uuidV7LowerBound(const QDateTime &time)
{
    const QString hex
        = QStringLiteral("%1").arg(std::max<qint64>(time.toMSecsSinceEpoch(), 0), 12, 16, QLatin1Char('0'));
    return hex.left(8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1String("-0000-0000-000000000000");
}

void OrderDetailPanel::setOrder(const QString &orderId, const QDateTime &createdAt)
{
    if (orderId == m_orderId && !orderId.isEmpty())
        return;
    delete m_detail;
    m_detail = nullptr;
    delete m_eventsSubscription;
    m_eventsSubscription = nullptr;
    m_eventsUntil.clear();
    m_orderId = orderId;
    m_order = {};
    m_events = {};
    m_timeline->clear();
    m_payload->clear();
    if (!orderId.isEmpty() && m_client) {
        m_detail = m_client->subscribe(
            GraphqlDocuments::request(GraphqlDocuments::OrderDetail, { { QStringLiteral("id"), orderId } }), this);
        connect(m_detail, &Subscription::resultReceived, this, &OrderDetailPanel::onDetail);
        connect(m_detail, &Subscription::failed, this, [this](const GraphqlResult &error) {
            Q_EMIT errorOccurred(tr("Order detail: %1").arg(error.errorString()));
        });
        m_detail->start();
        if (createdAt.isValid())
            startEvents(createdAt, createdAt);
    }
    updateHeader();
    updateItems();
    updateActions();
}

void OrderDetailPanel::startEvents(const QDateTime &createdAt, const QDateTime &lastChange)
{
    // An order's events are made by its status changes, in the changing transaction, so their
    // time-ordered ids lie between the order's creation and its last change (plus a margin for
    // the transaction's length). Reading that range keeps the timeline's refresh small however
    // many events other orders made since; a new status change moves the end, and restarts it.
    const QString since = uuidV7LowerBound(createdAt.addMSecs(-1000));
    const QString until = uuidV7LowerBound(lastChange.addMSecs(EventWindowMarginMs));
    if (m_eventsSubscription && m_eventsUntil == until)
        return;
    m_eventsUntil = until;
    delete m_eventsSubscription;
    m_eventsSubscription
        = m_client->subscribe(GraphqlDocuments::request(GraphqlDocuments::OrderEvents,
                                  { { QStringLiteral("order_id"), m_orderId }, { QStringLiteral("since"), since },
                                      { QStringLiteral("until"), until } }),
            this);
    connect(m_eventsSubscription, &Subscription::resultReceived, this, &OrderDetailPanel::onEvents);
    connect(m_eventsSubscription, &Subscription::failed, this, [this](const GraphqlResult &error) {
        Q_EMIT errorOccurred(tr("Order timeline: %1").arg(error.errorString()));
    });
    m_eventsSubscription->start();
}

void OrderDetailPanel::onDetail(const GraphqlResult &result)
{
    if (!result.isOk()) {
        Q_EMIT errorOccurred(tr("Order detail: %1").arg(result.errorString()));
        return;
    }
    m_order = result.data.value(QLatin1String("orders_by_pk")).toObject();
    if (!m_order.isEmpty()) {
        QDateTime lastChange = timeOf(m_order.value(QLatin1String("created_at")));
        for (const char *field : { "validated_at", "paid_at", "approved_at", "agent_assigned_at", "finished_at" }) {
            const QDateTime time = timeOf(m_order.value(QLatin1String(field)));
            if (time.isValid() && time > lastChange)
                lastChange = time;
        }
        startEvents(timeOf(m_order.value(QLatin1String("created_at"))), lastChange);
    }
    updateHeader();
    updateItems();
    updateActions();
}

void OrderDetailPanel::onEvents(const GraphqlResult &result)
{
    if (!result.isOk()) {
        Q_EMIT errorOccurred(tr("Order timeline: %1").arg(result.errorString()));
        return;
    }
    m_events = result.data.value(QLatin1String("trefoil_order_events")).toArray();
    updateHeader();
    updateTimeline();
    updateActions();
}

void OrderDetailPanel::updateHeader()
{
    if (m_orderId.isEmpty()) {
        m_title->setText(tr("No order selected"));
        m_summary->setText(tr("Select an order in the table to see its items and workflow."));
        return;
    }
    m_title->setText(tr("Order %1").arg(OrderListModel::shortId(m_orderId)));
    m_title->setToolTip(m_orderId);
    if (m_order.isEmpty()) {
        m_summary->setText(tr("Loading…"));
        return;
    }
    const OrderWorkflow workflow = OrderWorkflow::fromRow(m_order);
    QString status = OrderListModel::statusText(m_order.value(QLatin1String("status")).toString());
    const QString reason = m_order.value(QLatin1String("status_reason")).toString();
    if (!reason.isEmpty())
        status += QStringLiteral(" (") + reason + QLatin1Char(')');
    if (workflow.failedStep >= 0 && workflow.finished)
        status += QStringLiteral(" · ")
            + tr("%1 failed")
                  .arg(QCoreApplication::translate(
                      "trefoil::ui::OrderWorkflow", OrderWorkflow::stepWorkName(workflow.failedStep)));
    for (const QJsonValue &value : std::as_const(m_events)) {
        const QJsonObject event = value.toObject();
        const QString eventStatus = event.value(QLatin1String("status")).toString();
        if (eventStatus == QLatin1String("dead")
            || (eventStatus == QLatin1String("pending")
                && !event.value(QLatin1String("last_error")).toString().isEmpty()))
            status += QStringLiteral(" · ")
                + (eventStatus == QLatin1String("dead")
                        ? tr("%1 gave up").arg(stepOf(event.value(QLatin1String("trigger_name")).toString()))
                        : tr("%1 failing").arg(stepOf(event.value(QLatin1String("trigger_name")).toString())));
    }
    m_summary->setText(
        tr("%1 · %2 · total %3\n%4 · %5")
            .arg(m_order.value(QLatin1String("user_id")).toString(),
                m_order.value(QLatin1String("restaurant")).toObject().value(QLatin1String("name")).toString(),
                money(m_order.value(QLatin1String("total"))), status,
                m_order.value(QLatin1String("address")).toString()));
}

void OrderDetailPanel::updateItems()
{
    const QJsonArray items = m_order.value(QLatin1String("items")).toArray();
    // Items do not change once an order is placed: rebuild only when the order or count changes.
    if (m_items->topLevelItemCount() == items.size() && m_items->property("orderId").toString() == m_orderId)
        return;
    m_items->clear();
    m_items->setProperty("orderId", m_orderId);
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QJsonObject menuItem = item.value(QLatin1String("menu_item")).toObject();
        const int quantity = item.value(QLatin1String("quantity")).toInt();
        const double price = menuItem.value(QLatin1String("price")).toVariant().toDouble();
        auto *row = new QTreeWidgetItem(m_items,
            { menuItem.value(QLatin1String("name")).toString(), QString::number(quantity),
                QString::number(price, 'f', 2), QString::number(price * quantity, 'f', 2) });
        for (int column = 1; column < 4; ++column)
            row->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int column = 1; column < 4; ++column)
        m_items->resizeColumnToContents(column);
}

void OrderDetailPanel::updateTimeline()
{
    // Updated in place, keyed by event id and attempt number, so that expansion, the selection
    // and the scroll position survive each push.
    for (int i = 0; i < m_events.size(); ++i) {
        const QJsonObject event = m_events.at(i).toObject();
        const QString id = event.value(QLatin1String("id")).toString();
        QTreeWidgetItem *item = i < m_timeline->topLevelItemCount() ? m_timeline->topLevelItem(i) : nullptr;
        if (!item || item->data(0, EventIdRole).toString() != id) {
            item = new QTreeWidgetItem;
            item->setData(0, EventIdRole, id);
            m_timeline->insertTopLevelItem(i, item);
            item->setExpanded(true);
        }
        const QString status = event.value(QLatin1String("status")).toString();
        const QString error = event.value(QLatin1String("last_error")).toString();
        QString statusText = status;
        if (status == QLatin1String("delivered"))
            statusText = tr("delivered");
        else if (status == QLatin1String("dead"))
            statusText = tr("dead");
        else if (status == QLatin1String("cancelled"))
            statusText = tr("cancelled");
        else if (!event.value(QLatin1String("locked_by")).toString().isEmpty())
            statusText = tr("running");
        else if (!error.isEmpty())
            statusText = tr("retry at %1").arg(clockText(event.value(QLatin1String("next_attempt_at"))));
        else
            statusText = tr("pending");
        const QDateTime created = timeOf(event.value(QLatin1String("created_at")));
        const QDateTime delivered = timeOf(event.value(QLatin1String("delivered_at")));
        const int redelivered = event.value(QLatin1String("redelivered")).toInt();
        item->setText(0, stepOf(event.value(QLatin1String("trigger_name")).toString()));
        item->setText(1, redelivered > 0 ? tr("%1 (redelivered %2×)").arg(statusText).arg(redelivered) : statusText);
        item->setText(2, QString::number(event.value(QLatin1String("tries")).toInt()));
        item->setText(3, clockText(event.value(QLatin1String("created_at"))));
        item->setText(4, delivered.isValid() ? tr("%1 ms").arg(created.msecsTo(delivered)) : QString());
        item->setText(5, error);
        item->setToolTip(5, error);
        const bool failed = status == QLatin1String("dead") || (status == QLatin1String("pending") && !error.isEmpty());
        const QBrush brush = failed ? QBrush(FailedColor) : QBrush();
        for (int column = 0; column < m_timeline->columnCount(); ++column)
            item->setForeground(column, brush);

        const QJsonArray attempts = event.value(QLatin1String("attempts")).toArray();
        while (item->childCount() > attempts.size())
            delete item->takeChild(item->childCount() - 1);
        for (int a = 0; a < attempts.size(); ++a) {
            const QJsonObject attempt = attempts.at(a).toObject();
            QTreeWidgetItem *child = a < item->childCount() ? item->child(a) : new QTreeWidgetItem(item);
            const QString attemptError = attempt.value(QLatin1String("error")).toString();
            const QJsonValue httpStatus = attempt.value(QLatin1String("http_status"));
            child->setData(0, EventIdRole, id);
            child->setData(0, AttemptRole, attempt);
            child->setText(0, tr("attempt %1").arg(attempt.value(QLatin1String("attempt")).toInt()));
            child->setText(1, attemptError.isEmpty() ? tr("ok") : tr("failed"));
            child->setText(2, httpStatus.isDouble() ? tr("HTTP %1").arg(httpStatus.toInt()) : QString());
            child->setText(3, clockText(attempt.value(QLatin1String("started_at"))));
            child->setText(4, tr("%1 ms").arg(attempt.value(QLatin1String("duration_ms")).toDouble(), 0, 'f', 1));
            child->setText(5, attemptError);
            child->setToolTip(5, attemptError);
            const QBrush attemptBrush = attemptError.isEmpty() ? QBrush() : QBrush(FailedColor);
            for (int column = 0; column < m_timeline->columnCount(); ++column)
                child->setForeground(column, attemptBrush);
        }
    }
    while (m_timeline->topLevelItemCount() > m_events.size())
        delete m_timeline->takeTopLevelItem(m_timeline->topLevelItemCount() - 1);
    for (int column = 0; column < 5; ++column)
        m_timeline->resizeColumnToContents(column);
    showPayload();
}

void OrderDetailPanel::showPayload()
{
    const QTreeWidgetItem *item = m_timeline->currentItem();
    if (!item) {
        m_payload->clear();
        return;
    }
    const QJsonObject attempt = item->data(0, AttemptRole).toJsonObject();
    const QString eventId = item->data(0, EventIdRole).toString();
    QJsonObject event;
    for (const QJsonValue &value : std::as_const(m_events)) {
        if (value.toObject().value(QLatin1String("id")).toString() == eventId)
            event = value.toObject();
    }
    const auto json = [](const QJsonValue &value) -> QString {
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
        return value.toVariant().toString();
    };
    QStringList sections;
    if (attempt.isEmpty()) {
        const QString error = event.value(QLatin1String("last_error")).toString();
        if (!error.isEmpty())
            sections << tr("Last error:") + QLatin1Char('\n') + error;
        sections << tr("Event payload:") + QLatin1Char('\n') + json(event.value(QLatin1String("payload")));
    } else {
        const QString error = attempt.value(QLatin1String("error")).toString();
        if (!error.isEmpty())
            sections << tr("Error:") + QLatin1Char('\n') + error;
        const QJsonValue request = attempt.value(QLatin1String("request"));
        // A built-in handler is given the event itself; a webhook's request is recorded with the attempt.
        if (request.isNull() || request.isUndefined())
            sections << tr("Request (the event, to a built-in handler):") + QLatin1Char('\n')
                    + json(event.value(QLatin1String("payload")));
        else
            sections << tr("Request:") + QLatin1Char('\n') + json(request);
        const QString response = attempt.value(QLatin1String("response")).toString();
        sections << tr("Response:") + QLatin1Char('\n') + (response.isEmpty() ? tr("(none)") : response);
    }
    const QString text = sections.join(QStringLiteral("\n\n"));
    if (m_payload->toPlainText() != text)
        m_payload->setPlainText(text);
}

QStringList OrderDetailPanel::failedEventIds() const
{
    QStringList ids;
    for (const QJsonValue &value : m_events) {
        const QJsonObject event = value.toObject();
        // A retrying event is the worker's to deliver: only one that gave up can be redelivered.
        if (event.value(QLatin1String("status")).toString() == QLatin1String("dead"))
            ids << event.value(QLatin1String("id")).toString();
    }
    return ids;
}

void OrderDetailPanel::updateActions()
{
    const bool manual
        = m_order.value(QLatin1String("restaurant")).toObject().value(QLatin1String("payment_mode")).toString()
        == QLatin1String("manual");
    m_pay->setVisible(manual && m_order.value(QLatin1String("status")).toString() == QLatin1String("validated"));
    m_pay->setEnabled(!m_actionInFlight);
    const QStringList failed = failedEventIds();
    m_redeliver->setVisible(!failed.isEmpty());
    m_redeliver->setEnabled(!m_actionInFlight);
}

void OrderDetailPanel::pay()
{
    if (!m_client || m_orderId.isEmpty() || m_actionInFlight)
        return;
    m_actionInFlight = true;
    updateActions();
    Q_EMIT busyChanged(true);
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::PayOrder, { { QStringLiteral("order_id"), m_orderId } }), this,
        [this](const GraphqlResult &result) {
            m_actionInFlight = false;
            updateActions();
            Q_EMIT busyChanged(false);
            if (!result.isOk())
                Q_EMIT errorOccurred(tr("Could not pay the order: %1").arg(result.errorString()));
        });
}

void OrderDetailPanel::redeliver()
{
    const QStringList ids = failedEventIds();
    if (!m_client || ids.isEmpty() || m_actionInFlight)
        return;
    m_actionInFlight = true;
    updateActions();
    Q_EMIT busyChanged(true);
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::RedeliverEvents,
                          { { QStringLiteral("ids"), QJsonArray::fromStringList(ids) } }),
        this, [this](const GraphqlResult &result) {
            m_actionInFlight = false;
            updateActions();
            Q_EMIT busyChanged(false);
            if (!result.isOk())
                Q_EMIT errorOccurred(tr("Could not redeliver: %1").arg(result.errorString()));
        });
}

} // namespace trefoil::ui
