#pragma once

#include <QJsonArray>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace trefoil::ui {

class AgeColumnProxyModel;
class CheckColumnProxyModel;
class GraphqlWsClient;
class KeyedRowModel;
class Subscription;
struct GraphqlResult;

// The restaurant's view: pick a restaurant; its incoming orders (workflow not finished), oldest
// first, with a ticking age; Approve / Reject (with a reason) for a restaurant that approves by
// hand; its menu with availability check boxes that validation honours at once. Everything comes
// from live queries, and actions are mutations whose effect arrives through those live queries.
class RestaurantPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestaurantPage)

public:
    // At most this many incoming orders are shown (the oldest ones).
    static constexpr int OrderLimit = 500;

    explicit RestaurantPage(GraphqlWsClient *client, QWidget *parent = nullptr);
    ~RestaurantPage() override;

    // For tests and the main window: the restaurant shown (-1 before the list arrived).
    int restaurantId() const { return m_restaurantId; }
    // Shows restaurant `id` once it is in the list (now, or when the list arrives).
    void selectRestaurant(int id);

    KeyedRowModel *ordersModel() const { return m_orders; }
    KeyedRowModel *menuModel() const { return m_menu; }
    QTableView *ordersView() const { return m_ordersView; }
    QTableView *menuView() const { return m_menuView; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    // The inline error line (empty when all is well).
    QString errorText() const;

    // Rows as the orders table shows them: a short id, the items as one line, the status as a
    // person reads it (a paid order of a restaurant that approves by hand "waits for approval").
    static QJsonArray presentOrders(const QJsonArray &orders, bool approvesByHand);

private:
    void buildLayout();
    void onRestaurantsResult(const GraphqlResult &result);
    void onCurrentRestaurantChanged();
    void showRestaurant(int id);
    void updateRestaurantSummary();
    void updateActions();
    bool approvesByHand() const;
    QString selectedOrderId() const;
    void approveSelected();
    void rejectSelected();
    void reject(const QString &orderId, const QString &reason);
    void setMenuItemAvailable(const QString &key, bool available);
    void showError(const QString &message);

    GraphqlWsClient *m_client;
    KeyedRowModel *m_restaurants;
    KeyedRowModel *m_orders;
    AgeColumnProxyModel *m_ordersAges;
    KeyedRowModel *m_menu;
    CheckColumnProxyModel *m_menuChecks;
    Subscription *m_restaurantsSubscription = nullptr;
    QPointer<Subscription> m_ordersSubscription;
    QPointer<Subscription> m_menuSubscription;
    QJsonArray m_lastOrders; // as received, to present again when the restaurant's mode changes
    int m_restaurantId = -1;
    int m_wantedRestaurantId = -1;
    QSet<QString> m_deciding; // orders with an approve or reject in flight
    QTimer m_ageTimer;

    QComboBox *m_restaurantBox = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_ordersView = nullptr;
    QLabel *m_ordersEmpty = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QLabel *m_approvalHint = nullptr;
    QTableView *m_menuView = nullptr;
};

} // namespace trefoil::ui
