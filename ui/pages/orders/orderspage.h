#pragma once

#include <QJsonArray>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;
class KeyedRowModel;
class MessageBar;
class OrderDetailPanel;
class OrderListModel;
class Subscription;

// The Orders page: a live window of the orders (one page of rows from the server, filtered by
// status, user, restaurant and id, in the order the header's sort asks for), each with its workflow
// progress; the selected order's detail beside it; Place order and Place many. The page holds at
// most PageSize rows: paging, filtering and sorting are done by the server's live query.
class OrdersPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)

public:
    static constexpr int PageSize = 200;

    // Without a client (a probe of the page factory) the page is an empty frame.
    explicit OrdersPage(GraphqlWsClient *client, QWidget *parent = nullptr);
    ~OrdersPage() override;

    // Shows `orderId`'s detail at once, and selects its row when it is (or comes) in the window.
    void selectOrder(const QString &orderId, const QDateTime &createdAt = {});

    KeyedRowModel *orders() const { return m_orders; }
    QTableView *table() const { return m_table; }
    OrderDetailPanel *detail() const { return m_detail; }
    MessageBar *messageBar() const { return m_messages; }
    int page() const { return m_page; }

    // Column numbers of the table.
    enum Column { IdColumn, UserColumn, RestaurantColumn, TotalColumn, WorkflowColumn, AgeColumn, ColumnCount };

public Q_SLOTS:
    void openPlaceOrder();
    void openPlaceMany();
    void nextPage();
    void previousPage();

private:
    void restartWindow();
    // The filters changed: count again now, and drop any count of the old filters.
    void restartCount();
    void refreshCount();
    QJsonObject where() const;
    QJsonArray orderBy() const;
    void onOrders(const GraphqlResult &result);
    void onTroubles(const GraphqlResult &result);
    void onCount(const GraphqlResult &result);
    void onRestaurants(const GraphqlResult &result);
    void showRows();
    void selectPendingRow();
    void onCurrentRowChanged();
    void updatePager();
    void setLoading(bool loading);
    void showError(const QString &message);

    GraphqlWsClient *m_client;
    KeyedRowModel *m_orders;
    OrderListModel *m_display;
    Subscription *m_window = nullptr;
    QTimer m_countTimer;
    quint64 m_countGeneration = 0; // bumped by each filter change
    bool m_countInFlight = false;
    bool m_countAgain = false;
    Subscription *m_troubles = nullptr;
    Subscription *m_restaurants = nullptr;
    QJsonArray m_lastOrders;
    QJsonArray m_lastTroubles;
    qint64 m_total = -1; // orders matching the filters; -1 until known
    int m_page = 0;
    int m_sortColumn = AgeColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder; // by age: newest first
    QString m_pendingSelection;
    bool m_loading = false;

    MessageBar *m_messages;
    QComboBox *m_status;
    QLineEdit *m_user;
    QComboBox *m_restaurant;
    QLineEdit *m_search;
    QPushButton *m_placeOrder;
    QPushButton *m_placeMany;
    QTableView *m_table;
    OrderDetailPanel *m_detail;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_pageLabel;
    QProgressBar *m_busy;
    QTimer m_filterDebounce;
    QTimer m_busyDelay; // a result that takes longer than this shows the busy indicator
};

} // namespace trefoil::ui
