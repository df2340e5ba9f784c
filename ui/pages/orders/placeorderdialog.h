#pragma once

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QJsonArray>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;
class Subscription;

// Place one order: user, restaurant, quantities of the items on that restaurant's live menu
// (an item that becomes unavailable cannot be ordered), address, and the total as it changes.
// Place sends one insert_orders_one mutation with the items nested; the dialog closes on success
// and says orderPlaced(), and shows an error inline otherwise.
class PlaceOrderDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceOrderDialog)

public:
    explicit PlaceOrderDialog(GraphqlWsClient *client, QWidget *parent = nullptr);

    QLineEdit *userEdit() const { return m_user; }
    QComboBox *restaurantBox() const { return m_restaurant; }
    QLineEdit *addressEdit() const { return m_address; }
    QPushButton *placeButton() const { return m_place; }
    QTableWidget *menuTable() const { return m_menu; }
    // The quantity box of the menu's row `row`, or null.
    QSpinBox *quantityBox(int row) const;
    double total() const;

public Q_SLOTS:
    void place();

Q_SIGNALS:
    void orderPlaced(const QString &orderId, const QDateTime &createdAt);

private:
    void onRestaurants(const GraphqlResult &result);
    void onMenu(const GraphqlResult &result);
    void restartMenu();
    void updateTotal();

    GraphqlWsClient *m_client;
    Subscription *m_restaurants = nullptr;
    Subscription *m_menuSubscription = nullptr;
    QJsonArray m_menuItems;
    QHash<int, int> m_quantities; // menu item id → quantity, kept across menu updates
    bool m_placing = false;

    QLineEdit *m_user;
    QComboBox *m_restaurant;
    QTableWidget *m_menu;
    QLineEdit *m_address;
    QLabel *m_total;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_place;
};

} // namespace trefoil::ui
