#include "ui/pages/orders/placeorderdialog.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {
constexpr int MaxQuantity = 50; // what validation accepts
}

PlaceOrderDialog::PlaceOrderDialog(GraphqlWsClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_user(new QLineEdit(this))
    , m_restaurant(new QComboBox(this))
    , m_menu(new QTableWidget(0, 3, this))
    , m_address(new QLineEdit(this))
    , m_total(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_place(m_buttons->addButton(tr("Place"), QDialogButtonBox::AcceptRole))
{
    setWindowTitle(tr("Place order"));
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setText(QStringLiteral("user-%1").arg(QRandomGenerator::global()->bounded(1, 1000)));
    m_restaurant->setObjectName(QStringLiteral("restaurant"));
    m_address->setObjectName(QStringLiteral("address"));
    m_address->setText(tr("1 Main Street"));
    m_menu->setObjectName(QStringLiteral("menu"));
    m_menu->setHorizontalHeaderLabels({ tr("Item"), tr("Price"), tr("Quantity") });
    m_menu->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_menu->verticalHeader()->hide();
    m_menu->setSelectionMode(QAbstractItemView::NoSelection);
    m_menu->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_menu->setMinimumHeight(180);
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: rgb(217, 83, 79);"));
    m_error->hide();
    m_place->setObjectName(QStringLiteral("place"));
    m_place->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Restaurant:"), m_restaurant);
    form->addRow(tr("&Address:"), m_address);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_menu, 1);
    layout->addWidget(m_total, 0, Qt::AlignRight);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(460, 420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &PlaceOrderDialog::place);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restaurant, &QComboBox::currentIndexChanged, this, &PlaceOrderDialog::restartMenu);

    m_restaurants = m_client->subscribe(GraphqlDocuments::request(GraphqlDocuments::Restaurants), this);
    connect(m_restaurants, &Subscription::resultReceived, this, &PlaceOrderDialog::onRestaurants);
    connect(m_restaurants, &Subscription::failed, this, &PlaceOrderDialog::onRestaurants);
    m_restaurants->start();
    updateTotal();
}

QSpinBox *PlaceOrderDialog::quantityBox(int row) const
{
    return qobject_cast<QSpinBox *>(m_menu->cellWidget(row, 2));
}

void PlaceOrderDialog::onRestaurants(const GraphqlResult &result)
{
    if (!result.isOk()) {
        m_error->setText(tr("Could not read the restaurants: %1").arg(result.errorString()));
        m_error->show();
        return;
    }
    const QVariant current = m_restaurant->currentData();
    {
        const QSignalBlocker blocker(m_restaurant);
        m_restaurant->clear();
        for (const QJsonValue &value : result.data.value(QLatin1String("restaurants")).toArray()) {
            const QJsonObject restaurant = value.toObject();
            QString name = restaurant.value(QLatin1String("name")).toString();
            if (restaurant.value(QLatin1String("payment_mode")).toString() == QLatin1String("manual"))
                name = tr("%1 (pays by hand)").arg(name);
            if (restaurant.value(QLatin1String("approval_mode")).toString() == QLatin1String("manual"))
                name = tr("%1 (approves by hand)").arg(name);
            if (!restaurant.value(QLatin1String("is_open")).toBool(true))
                name = tr("%1 (closed)").arg(name);
            m_restaurant->addItem(name, restaurant.value(QLatin1String("id")).toInt());
        }
        m_restaurant->setCurrentIndex(std::max(0, m_restaurant->findData(current)));
    }
    if (m_restaurant->currentData() != current)
        restartMenu();
}

void PlaceOrderDialog::restartMenu()
{
    delete m_menuSubscription;
    m_menuSubscription = nullptr;
    m_quantities.clear();
    m_menuItems = {};
    m_menu->setRowCount(0);
    updateTotal();
    if (!m_restaurant->currentData().isValid())
        return;
    m_menuSubscription
        = m_client->subscribe(GraphqlDocuments::request(GraphqlDocuments::Menu,
                                  { { QStringLiteral("restaurant_id"), m_restaurant->currentData().toInt() } }),
            this);
    connect(m_menuSubscription, &Subscription::resultReceived, this, &PlaceOrderDialog::onMenu);
    connect(m_menuSubscription, &Subscription::failed, this, &PlaceOrderDialog::onMenu);
    m_menuSubscription->start();
}

void PlaceOrderDialog::onMenu(const GraphqlResult &result)
{
    if (!result.isOk()) {
        m_error->setText(tr("Could not read the menu: %1").arg(result.errorString()));
        m_error->show();
        return;
    }
    m_menuItems = result.data.value(QLatin1String("menu_items")).toArray();
    m_menu->setRowCount(int(m_menuItems.size()));
    for (int row = 0; row < m_menuItems.size(); ++row) {
        const QJsonObject item = m_menuItems.at(row).toObject();
        const int id = item.value(QLatin1String("id")).toInt();
        const bool available = item.value(QLatin1String("available")).toBool();
        QString name = item.value(QLatin1String("name")).toString();
        if (!available)
            name = tr("%1 (unavailable)").arg(name);
        auto *nameCell = new QTableWidgetItem(name);
        auto *priceCell = new QTableWidgetItem(QString::number(item.value(QLatin1String("price")).toDouble(), 'f', 2));
        priceCell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (!available) {
            nameCell->setFlags(nameCell->flags() & ~Qt::ItemIsEnabled);
            priceCell->setFlags(priceCell->flags() & ~Qt::ItemIsEnabled);
        }
        m_menu->setItem(row, 0, nameCell);
        m_menu->setItem(row, 1, priceCell);
        QSpinBox *quantity = quantityBox(row);
        if (!quantity || quantity->property("menuItemId").toInt() != id) {
            quantity = new QSpinBox(m_menu);
            quantity->setRange(0, MaxQuantity);
            quantity->setProperty("menuItemId", id);
            quantity->setAccessibleName(tr("Quantity of %1").arg(item.value(QLatin1String("name")).toString()));
            connect(quantity, &QSpinBox::valueChanged, this, [this, id](int value) {
                m_quantities.insert(id, value);
                updateTotal();
            });
            m_menu->setCellWidget(row, 2, quantity);
        }
        const QSignalBlocker blocker(quantity);
        quantity->setValue(available ? m_quantities.value(id) : 0);
        quantity->setEnabled(available);
        if (!available)
            m_quantities.remove(id);
    }
    m_menu->resizeColumnToContents(1);
    updateTotal();
}

double PlaceOrderDialog::total() const
{
    double total = 0;
    for (const QJsonValue &value : m_menuItems) {
        const QJsonObject item = value.toObject();
        total += item.value(QLatin1String("price")).toDouble()
            * m_quantities.value(item.value(QLatin1String("id")).toInt());
    }
    return total;
}

void PlaceOrderDialog::updateTotal()
{
    m_total->setText(tr("Total: %1").arg(total(), 0, 'f', 2));
    bool any = false;
    for (const int quantity : std::as_const(m_quantities))
        any = any || quantity > 0;
    m_place->setEnabled(any && !m_placing);
}

void PlaceOrderDialog::place()
{
    QJsonArray items;
    for (auto it = m_quantities.cbegin(); it != m_quantities.cend(); ++it) {
        if (it.value() > 0)
            items.append(QJsonObject {
                { QStringLiteral("menu_item_id"), it.key() }, { QStringLiteral("quantity"), it.value() } });
    }
    if (items.isEmpty() || m_placing)
        return;
    m_placing = true;
    m_error->hide();
    m_place->setEnabled(false);
    m_place->setText(tr("Placing…"));
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::PlaceOrder,
            { { QStringLiteral("user_id"), m_user->text().trimmed() },
                { QStringLiteral("restaurant_id"), m_restaurant->currentData().toInt() },
                { QStringLiteral("address"), m_address->text().trimmed() }, { QStringLiteral("items"), items } }),
        this, [this](const GraphqlResult &result) {
            m_placing = false;
            m_place->setText(tr("Place"));
            updateTotal();
            if (!result.isOk()) {
                m_error->setText(tr("The order was not placed: %1").arg(result.errorString()));
                m_error->show();
                return;
            }
            const QJsonObject order = result.data.value(QLatin1String("insert_orders_one")).toObject();
            Q_EMIT orderPlaced(order.value(QLatin1String("id")).toString(),
                QDateTime::fromString(order.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs));
            accept();
        });
}

} // namespace trefoil::ui
