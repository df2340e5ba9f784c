#include "ui/pages/restaurant/restaurantpage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"
#include "ui/models/agecolumnproxymodel.h"
#include "ui/models/checkcolumnproxymodel.h"
#include "ui/models/keyedrowmodel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView RestaurantListDocument { "restaurant_list" };
constexpr QLatin1StringView RestaurantOrdersDocument { "restaurant_orders" };
constexpr QLatin1StringView RestaurantMenuDocument { "restaurant_menu" };
constexpr QLatin1StringView SetMenuItemAvailableDocument { "set_menu_item_available" };
constexpr QLatin1StringView ApproveOrderDocument { "approve_order" };
constexpr QLatin1StringView RejectOrderDocument { "reject_order" };

constexpr int AgeColumn = 0;
constexpr int AvailableColumn = 0;

QString field(const QJsonObject &object, QLatin1StringView name)
{
    return object.value(name).toString();
}

// numeric(10, 2) arrives as a JSON number (or a string, should the server send it exactly).
QString money(const QJsonValue &value)
{
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'f', 2);
    return value.toString();
}

} // namespace

RestaurantPage::RestaurantPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_restaurants(new KeyedRowModel(QStringLiteral("id"), { { QStringLiteral("name"), tr("Restaurant") } }, this))
    , m_orders(new KeyedRowModel(QStringLiteral("id"),
          { { QStringLiteral("created_at"), tr("Age") }, { QStringLiteral("short_id"), tr("Order") },
              { QStringLiteral("status_text"), tr("Status") }, { QStringLiteral("items_text"), tr("Items") },
              { QStringLiteral("user_id"), tr("Customer") }, { QStringLiteral("total_text"), tr("Total") } },
          this))
    , m_ordersAges(new AgeColumnProxyModel(AgeColumn, this))
    , m_menu(new KeyedRowModel(QStringLiteral("id"),
          { { QStringLiteral("available"), tr("Available") }, { QStringLiteral("name"), tr("Item") },
              { QStringLiteral("price_text"), tr("Price") } },
          this))
    , m_menuChecks(new CheckColumnProxyModel(AvailableColumn, this))
{
    m_ordersAges->setSourceModel(m_orders);
    m_menuChecks->setSourceModel(m_menu);
    buildLayout();

    connect(m_menuChecks, &CheckColumnProxyModel::toggleRequested, this, &RestaurantPage::setMenuItemAvailable);
    connect(m_restaurants, &QAbstractItemModel::dataChanged, this, [this] {
        updateRestaurantSummary();
        m_orders->setRows(presentOrders(m_lastOrders, approvesByHand()));
        updateActions();
    });
    connect(m_orders, &QAbstractItemModel::rowsRemoved, this, &RestaurantPage::updateActions);
    connect(m_orders, &QAbstractItemModel::dataChanged, this, &RestaurantPage::updateActions);

    // A second is the age's resolution; the tick repaints one column.
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, [this] { m_ordersAges->setNow(QDateTime::currentDateTimeUtc()); });
    m_ageTimer.start();

    m_restaurantsSubscription = m_client->subscribe(GraphqlDocuments::request(RestaurantListDocument), this);
    connect(m_restaurantsSubscription, &Subscription::resultReceived, this, &RestaurantPage::onRestaurantsResult);
    connect(m_restaurantsSubscription, &Subscription::failed, this, [this](const GraphqlResult &error) {
        showError(tr("Could not list the restaurants: %1").arg(error.errorString()));
    });
    m_restaurantsSubscription->start();
}

RestaurantPage::~RestaurantPage() = default;

void RestaurantPage::buildLayout()
{
    m_restaurantBox = new QComboBox(this);
    m_restaurantBox->setModel(m_restaurants);
    m_restaurantBox->setMinimumContentsLength(18);
    m_restaurantBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_restaurantBox->setPlaceholderText(tr("Loading restaurants…"));
    connect(m_restaurantBox, &QComboBox::currentIndexChanged, this, &RestaurantPage::onCurrentRestaurantChanged);

    auto *pick = new QLabel(tr("&Restaurant:"), this);
    pick->setBuddy(m_restaurantBox);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    auto *header = new QHBoxLayout;
    header->addWidget(pick);
    header->addWidget(m_restaurantBox);
    header->addSpacing(12);
    header->addWidget(m_summary, 1);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: palette(bright-text); background: #b3261e;"
                                          " border-radius: 4px; padding: 4px 8px; }"));
    m_error->hide();

    m_ordersView = new QTableView(this);
    m_ordersView->setModel(m_ordersAges);
    m_ordersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ordersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ordersView->setAlternatingRowColors(true);
    m_ordersView->verticalHeader()->hide();
    m_ordersView->horizontalHeader()->setStretchLastSection(false);
    m_ordersView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ordersView->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_ordersView->setWordWrap(false);
    connect(
        m_ordersView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RestaurantPage::updateActions);
    m_ordersEmpty = new QLabel(tr("No incoming orders."), this);
    m_ordersEmpty->setAlignment(Qt::AlignCenter);
    m_ordersEmpty->setEnabled(false);

    m_approve = new QPushButton(tr("&Approve"), this);
    m_reject = new QPushButton(tr("Re&ject…"), this);
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    connect(m_approve, &QPushButton::clicked, this, &RestaurantPage::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &RestaurantPage::rejectSelected);
    m_approvalHint = new QLabel(this);
    m_approvalHint->setWordWrap(true);
    m_approvalHint->setEnabled(false);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_approvalHint, 1);
    actions->addWidget(m_approve);
    actions->addWidget(m_reject);

    auto *ordersBox = new QGroupBox(tr("Incoming orders (oldest first)"), this);
    auto *ordersLayout = new QVBoxLayout(ordersBox);
    ordersLayout->addWidget(m_ordersView, 1);
    ordersLayout->addWidget(m_ordersEmpty);
    ordersLayout->addLayout(actions);

    m_menuView = new QTableView(this);
    m_menuView->setModel(m_menuChecks);
    m_menuView->setSelectionMode(QAbstractItemView::NoSelection);
    m_menuView->setAlternatingRowColors(true);
    m_menuView->verticalHeader()->hide();
    m_menuView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_menuView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto *menuHint = new QLabel(tr("Unavailable items are refused when an order is validated."), this);
    menuHint->setWordWrap(true);
    menuHint->setEnabled(false);
    auto *menuBox = new QGroupBox(tr("Menu"), this);
    auto *menuLayout = new QVBoxLayout(menuBox);
    menuLayout->addWidget(m_menuView, 1);
    menuLayout->addWidget(menuHint);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(ordersBox);
    splitter->addWidget(menuBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    updateActions();
}

void RestaurantPage::selectRestaurant(int id)
{
    m_wantedRestaurantId = id;
    const int row = m_restaurants->rowOfKey(QString::number(id));
    if (row >= 0)
        m_restaurantBox->setCurrentIndex(row);
}

QString RestaurantPage::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void RestaurantPage::onRestaurantsResult(const GraphqlResult &result)
{
    if (!result.isOk() && result.data.isEmpty())
        return showError(tr("Could not list the restaurants: %1").arg(result.errorString()));
    m_restaurants->setRows(result.data.value(QLatin1StringView("restaurants")).toArray());
    if (m_wantedRestaurantId >= 0) {
        const int row = m_restaurants->rowOfKey(QString::number(m_wantedRestaurantId));
        if (row >= 0)
            m_restaurantBox->setCurrentIndex(row);
    }
    if (m_restaurantBox->currentIndex() < 0 && m_restaurants->rowCount() > 0)
        m_restaurantBox->setCurrentIndex(0);
    updateRestaurantSummary();
}

void RestaurantPage::onCurrentRestaurantChanged()
{
    const int row = m_restaurantBox->currentIndex();
    showRestaurant(row < 0 ? -1 : m_restaurants->keyAt(row).toInt());
}

void RestaurantPage::showRestaurant(int id)
{
    if (id == m_restaurantId)
        return;
    m_restaurantId = id;
    // Deleting the old subscriptions stops them: a late result of the previous restaurant cannot arrive.
    delete m_ordersSubscription;
    delete m_menuSubscription;
    m_lastOrders = {};
    m_orders->setRows({});
    m_menu->setRows({});
    m_error->hide();
    updateRestaurantSummary();
    updateActions();
    if (id < 0)
        return;

    m_ordersSubscription
        = m_client->subscribe(GraphqlDocuments::request(RestaurantOrdersDocument,
                                  { { QStringLiteral("restaurant_id"), id }, { QStringLiteral("limit"), OrderLimit } }),
            this);
    connect(m_ordersSubscription, &Subscription::resultReceived, this, [this](const GraphqlResult &result) {
        if (!result.isOk())
            return showError(tr("Could not read the incoming orders: %1").arg(result.errorString()));
        m_lastOrders = result.data.value(QLatin1StringView("orders")).toArray();
        m_orders->setRows(presentOrders(m_lastOrders, approvesByHand()));
        m_ordersAges->setNow(QDateTime::currentDateTimeUtc());
        updateActions();
    });
    connect(m_ordersSubscription, &Subscription::failed, this, [this](const GraphqlResult &error) {
        showError(tr("Could not follow the incoming orders: %1").arg(error.errorString()));
    });
    m_ordersSubscription->start();

    m_menuSubscription = m_client->subscribe(
        GraphqlDocuments::request(RestaurantMenuDocument, { { QStringLiteral("restaurant_id"), id } }), this);
    connect(m_menuSubscription, &Subscription::resultReceived, this, [this](const GraphqlResult &result) {
        if (!result.isOk())
            return showError(tr("Could not read the menu: %1").arg(result.errorString()));
        QJsonArray items = result.data.value(QLatin1StringView("menu_items")).toArray();
        for (auto it = items.begin(); it != items.end(); ++it) {
            QJsonObject item = it->toObject();
            item.insert(QStringLiteral("price_text"), money(item.value(QLatin1StringView("price"))));
            *it = item;
        }
        m_menu->setRows(items);
    });
    connect(m_menuSubscription, &Subscription::failed, this, [this](const GraphqlResult &error) {
        showError(tr("Could not follow the menu: %1").arg(error.errorString()));
    });
    m_menuSubscription->start();
}

bool RestaurantPage::approvesByHand() const
{
    const int row = m_restaurants->rowOfKey(QString::number(m_restaurantId));
    return row >= 0
        && field(m_restaurants->rowObject(row), QLatin1StringView("approval_mode")) == QLatin1String("manual");
}

void RestaurantPage::updateRestaurantSummary()
{
    const int row = m_restaurants->rowOfKey(QString::number(m_restaurantId));
    if (row < 0) {
        m_summary->clear();
        return;
    }
    const QJsonObject restaurant = m_restaurants->rowObject(row);
    const QString open = restaurant.value(QLatin1StringView("is_open")).toBool() ? tr("Open") : tr("Closed");
    const QString payment = field(restaurant, QLatin1StringView("payment_mode")) == QLatin1String("manual")
        ? tr("customers pay by hand")
        : tr("payment is automatic");
    const QString approval = approvesByHand() ? tr("approves orders by hand") : tr("approves orders automatically");
    m_summary->setText(tr("%1 · %2 · %3").arg(open, payment, approval));
}

QJsonArray RestaurantPage::presentOrders(const QJsonArray &orders, bool approvesByHand)
{
    QJsonArray rows;
    for (const QJsonValue &value : orders) {
        QJsonObject order = value.toObject();
        QStringList items;
        for (const QJsonValue &item : order.value(QLatin1StringView("items")).toArray()) {
            const QJsonObject line = item.toObject();
            items.append(tr("%1× %2")
                             .arg(line.value(QLatin1StringView("quantity")).toInt())
                             .arg(KeyedRowModel::valueAt(line, QStringLiteral("menu_item.name")).toString()));
        }
        order.insert(QStringLiteral("items_text"), items.join(QLatin1String(", ")));
        order.insert(QStringLiteral("total_text"), money(order.value(QLatin1StringView("total"))));
        order.insert(QStringLiteral("short_id"), field(order, QLatin1StringView("id")).left(8));
        const QString status = field(order, QLatin1StringView("status"));
        QString text;
        if (status == QLatin1String("placed"))
            text = tr("placed, validating");
        else if (status == QLatin1String("validated"))
            text = tr("validated, awaiting payment");
        else if (status == QLatin1String("paid"))
            text = approvesByHand ? tr("paid — waiting for your approval") : tr("paid, being approved");
        else if (status == QLatin1String("approved"))
            text = tr("approved, finding a driver");
        else
            text = status;
        order.insert(QStringLiteral("status_text"), text);
        rows.append(order);
    }
    return rows;
}

QString RestaurantPage::selectedOrderId() const
{
    const QModelIndexList rows = m_ordersView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(KeyedRowModel::KeyRole).toString();
}

void RestaurantPage::updateActions()
{
    const bool byHand = approvesByHand();
    const QString id = selectedOrderId();
    const int row = id.isEmpty() ? -1 : m_orders->rowOfKey(id);
    const bool waiting = row >= 0
        && field(m_orders->rowObject(row), QLatin1StringView("status")) == QLatin1String("paid")
        && !m_deciding.contains(id);
    m_approve->setVisible(byHand);
    m_reject->setVisible(byHand);
    m_approve->setEnabled(byHand && waiting);
    m_reject->setEnabled(byHand && waiting);
    if (m_restaurantId < 0)
        m_approvalHint->setText({});
    else if (!byHand)
        m_approvalHint->setText(tr("This restaurant approves orders automatically."));
    else if (row < 0)
        m_approvalHint->setText(tr("Select a paid order to approve or reject it."));
    else if (m_deciding.contains(id))
        m_approvalHint->setText(tr("Sending your decision…"));
    else if (!waiting)
        m_approvalHint->setText(tr("Only paid orders wait for approval."));
    else
        m_approvalHint->setText(tr("This order waits for your decision."));
    const bool empty = m_orders->rowCount() == 0;
    m_ordersEmpty->setVisible(empty && m_restaurantId >= 0);
}

void RestaurantPage::approveSelected()
{
    const QString id = selectedOrderId();
    if (id.isEmpty())
        return;
    m_deciding.insert(id);
    updateActions();
    m_client->execute(GraphqlDocuments::request(ApproveOrderDocument, { { QStringLiteral("order_id"), id } }), this,
        [this, id](const GraphqlResult &result) {
            m_deciding.remove(id);
            if (!result.isOk())
                showError(tr("Could not approve order %1: %2").arg(id.left(8), result.errorString()));
            updateActions();
        });
}

void RestaurantPage::rejectSelected()
{
    const QString id = selectedOrderId();
    if (id.isEmpty())
        return;
    // Not exec(): the GUI thread keeps serving the live queries while the question is open.
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("rejectReasonDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Reject order %1").arg(id.left(8)));
    dialog->setLabelText(tr("Why is the order rejected? The customer sees the reason."));
    dialog->setTextValue(tr("Out of an ingredient"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &reason) { reject(id, reason); });
    dialog->open();
}

void RestaurantPage::reject(const QString &orderId, const QString &reason)
{
    m_deciding.insert(orderId);
    updateActions();
    m_client->execute(GraphqlDocuments::request(RejectOrderDocument,
                          { { QStringLiteral("order_id"), orderId }, { QStringLiteral("reason"), reason.trimmed() } }),
        this, [this, orderId](const GraphqlResult &result) {
            m_deciding.remove(orderId);
            if (!result.isOk())
                showError(tr("Could not reject order %1: %2").arg(orderId.left(8), result.errorString()));
            updateActions();
        });
}

void RestaurantPage::setMenuItemAvailable(const QString &key, bool available)
{
    m_client->execute(GraphqlDocuments::request(SetMenuItemAvailableDocument,
                          { { QStringLiteral("id"), key.toInt() }, { QStringLiteral("available"), available } }),
        this, [this, key](const GraphqlResult &result) {
            if (!result.isOk()) {
                m_menuChecks->clearPending(key);
                return showError(tr("Could not change the menu: %1").arg(result.errorString()));
            }
            // Nothing changed (someone else already did it): no live result will clear the mark.
            const int row = m_menu->rowOfKey(key);
            const bool now = row >= 0 && m_menu->rowObject(row).value(QLatin1StringView("available")).toBool();
            const QJsonObject item = result.data.value(QLatin1StringView("update_menu_items_by_pk")).toObject();
            if (item.isEmpty() || item.value(QLatin1StringView("available")).toBool() == now)
                m_menuChecks->clearPending(key);
        });
}

void RestaurantPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace trefoil::ui
