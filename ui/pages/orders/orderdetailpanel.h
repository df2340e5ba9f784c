#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;
class Subscription;

// The selected order in detail, live: its items with prices, and a timeline of its workflow
// events — each step's attempts with times, durations, errors, request and response. "Pay" while
// a manual-payment order waits for its payment; "Redeliver" while a step has failed.
class OrderDetailPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPanel)

public:
    // How long after an order's last status change its events can still be made (the length of
    // the changing transaction, with room to spare).
    static constexpr int EventWindowMarginMs = 10000;

    explicit OrderDetailPanel(GraphqlWsClient *client, QWidget *parent = nullptr);

    // Shows `orderId` (empty: none). `createdAt`, when known, starts the timeline at once;
    // otherwise it starts when the order's detail arrives.
    void setOrder(const QString &orderId, const QDateTime &createdAt = {});
    QString orderId() const { return m_orderId; }

    const QJsonObject &order() const { return m_order; }
    const QJsonArray &events() const { return m_events; }
    QPushButton *payButton() const { return m_pay; }
    QPushButton *redeliverButton() const { return m_redeliver; }
    QTreeWidget *timeline() const { return m_timeline; }

    // The smallest time-ordered (v7) uuid of `time`, a lower bound for event ids made since.
    static QString uuidV7LowerBound(const QDateTime &time);

public Q_SLOTS:
    void pay();
    void redeliver();

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void busyChanged(bool busy);

private:
    void onDetail(const GraphqlResult &result);
    void onEvents(const GraphqlResult &result);
    void startEvents(const QDateTime &createdAt, const QDateTime &lastChange);
    void updateHeader();
    void updateItems();
    void updateTimeline();
    void updateActions();
    void showPayload();
    // Events that gave up (dead): what Redeliver sends again.
    QStringList failedEventIds() const;

    GraphqlWsClient *m_client;
    QString m_orderId;
    Subscription *m_detail = nullptr;
    Subscription *m_eventsSubscription = nullptr;
    QString m_eventsUntil; // the end of the event id range the timeline reads
    QJsonObject m_order;
    QJsonArray m_events;
    bool m_actionInFlight = false;

    QLabel *m_title;
    QLabel *m_summary;
    QPushButton *m_pay;
    QPushButton *m_redeliver;
    QTreeWidget *m_items;
    QTreeWidget *m_timeline;
    QPlainTextEdit *m_payload;
};

} // namespace trefoil::ui
