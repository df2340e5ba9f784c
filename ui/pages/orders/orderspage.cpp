#include "ui/pages/orders/orderspage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/models/orderlistmodel.h"
#include "ui/models/orderworkflow.h"
#include "ui/pages/orders/orderdetailpanel.h"
#include "ui/pages/orders/placemanydialog.h"
#include "ui/pages/orders/placeorderdialog.h"
#include "ui/widgets/messagebar.h"
#include "ui/widgets/workflowprogressdelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace trefoil::ui {

namespace {

// Orders with a failing step that the page learns of at most (newest first).
constexpr int TroublesLimit = 2000;

QJsonObject cmp(const char *op, const QJsonValue &value)
{
    return { { QLatin1String(op), value } };
}

} // namespace

OrdersPage::OrdersPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_orders(new KeyedRowModel(QStringLiteral("id"),
          { { QStringLiteral("id"), tr("Order") }, { QStringLiteral("user_id"), tr("User") },
              { QStringLiteral("restaurant.name"), tr("Restaurant") }, { QStringLiteral("total"), tr("Total") },
              { QStringLiteral("status"), tr("Workflow") }, { QStringLiteral("created_at"), tr("Age") } },
          this))
    , m_display(new OrderListModel(m_orders, this))
    , m_messages(new MessageBar(this))
    , m_status(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_restaurant(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_placeOrder(new QPushButton(tr("Place order…"), this))
    , m_placeMany(new QPushButton(tr("Place many…"), this))
    , m_table(new QTableView(this))
    , m_detail(new OrderDetailPanel(client, this))
    , m_previous(new QPushButton(tr("◀ Newer"), this))
    , m_next(new QPushButton(tr("Older ▶"), this))
    , m_pageLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All statuses"), QString());
    for (const char *status :
        { "placed", "validated", "paid", "approved", "agent_assigned", "rejected", "payment_declined", "failed" })
        m_status->addItem(OrderListModel::statusText(QLatin1String(status)), QLatin1String(status));
    m_user->setObjectName(QStringLiteral("userFilter"));
    m_user->setPlaceholderText(tr("User"));
    m_user->setClearButtonEnabled(true);
    m_restaurant->setObjectName(QStringLiteral("restaurantFilter"));
    m_restaurant->addItem(tr("All restaurants"), QVariant());
    m_restaurant->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search->setObjectName(QStringLiteral("idSearch"));
    m_search->setPlaceholderText(tr("Search by order id"));
    m_search->setClearButtonEnabled(true);
    m_placeOrder->setObjectName(QStringLiteral("placeOrderButton"));
    m_placeMany->setObjectName(QStringLiteral("placeManyButton"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(m_pageLabel->sizeHint().height());
    m_busy->setTextVisible(false);
    m_busy->hide();

    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setModel(m_display);
    m_table->setItemDelegateForColumn(WorkflowColumn, new WorkflowProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_sortColumn, m_sortOrder);
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    const int digit = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_table->setColumnWidth(IdColumn, digit * 11);
    m_table->setColumnWidth(UserColumn, digit * 12);
    m_table->setColumnWidth(RestaurantColumn, digit * 17);
    m_table->setColumnWidth(TotalColumn, digit * 9);
    m_table->setColumnWidth(WorkflowColumn, digit * 36);
    header->setSectionResizeMode(WorkflowColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(AgeColumn, digit * 8);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_user, 1);
    filters->addWidget(m_restaurant);
    filters->addWidget(m_search, 2);
    filters->addSpacing(12);
    filters->addWidget(m_placeOrder);
    filters->addWidget(m_placeMany);

    auto *pager = new QHBoxLayout;
    pager->addWidget(m_previous);
    pager->addWidget(m_pageLabel);
    pager->addWidget(m_busy);
    pager->addStretch(1);
    pager->addWidget(m_next);

    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addLayout(pager);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tableBox);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    m_filterDebounce.setSingleShot(true);
    m_filterDebounce.setInterval(300);
    m_countTimer.setInterval(5000);
    connect(&m_countTimer, &QTimer::timeout, this, &OrdersPage::refreshCount);
    m_countTimer.start();
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(200);
    connect(&m_filterDebounce, &QTimer::timeout, this, [this] {
        m_page = 0;
        restartWindow();
        restartCount();
    });
    connect(&m_busyDelay, &QTimer::timeout, this, [this] { m_busy->setVisible(m_loading); });
    const auto refilterNow = [this] {
        m_filterDebounce.stop();
        m_page = 0;
        restartWindow();
        restartCount();
    };
    connect(m_status, &QComboBox::currentIndexChanged, this, refilterNow);
    connect(m_restaurant, &QComboBox::currentIndexChanged, this, refilterNow);
    connect(m_user, &QLineEdit::textChanged, this, [this] { m_filterDebounce.start(); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_filterDebounce.start(); });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        m_sortColumn = column;
        m_sortOrder = order;
        m_page = 0;
        restartWindow();
    });
    connect(m_previous, &QPushButton::clicked, this, &OrdersPage::previousPage);
    connect(m_next, &QPushButton::clicked, this, &OrdersPage::nextPage);
    connect(m_placeOrder, &QPushButton::clicked, this, &OrdersPage::openPlaceOrder);
    connect(m_placeMany, &QPushButton::clicked, this, &OrdersPage::openPlaceMany);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OrdersPage::onCurrentRowChanged);
    connect(m_orders, &QAbstractItemModel::rowsInserted, this, &OrdersPage::selectPendingRow);
    connect(m_detail, &OrderDetailPanel::errorOccurred, this, &OrdersPage::showError);

    if (!m_client) // a page built without a connection (a probe) shows its empty frame
        return;
    m_troubles = m_client->subscribe(
        GraphqlDocuments::request(GraphqlDocuments::OrderTroubles, { { QStringLiteral("limit"), TroublesLimit } }),
        this);
    connect(m_troubles, &Subscription::resultReceived, this, &OrdersPage::onTroubles);
    connect(m_troubles, &Subscription::failed, this, &OrdersPage::onTroubles);
    m_troubles->start();
    m_restaurants = m_client->subscribe(GraphqlDocuments::request(GraphqlDocuments::Restaurants), this);
    connect(m_restaurants, &Subscription::resultReceived, this, &OrdersPage::onRestaurants);
    connect(m_restaurants, &Subscription::failed, this, &OrdersPage::onRestaurants);
    m_restaurants->start();
    restartWindow();
    restartCount();
}

OrdersPage::~OrdersPage() = default;

QJsonObject OrdersPage::where() const
{
    QJsonObject where;
    const QString status = m_status->currentData().toString();
    if (!status.isEmpty())
        where.insert(QLatin1String("status"), cmp("_eq", status));
    const QString user = m_user->text().trimmed();
    if (!user.isEmpty())
        where.insert(QLatin1String("user_id"), cmp("_ilike", QString(QLatin1Char('%') + user + QLatin1Char('%'))));
    if (m_restaurant->currentData().isValid())
        where.insert(QLatin1String("restaurant_id"), cmp("_eq", m_restaurant->currentData().toInt()));
    // An id prefix is a range of uuids: the prefix padded with 0s up to the prefix padded with fs.
    QString prefix = m_search->text().trimmed().toLower();
    prefix.remove(QLatin1Char('-'));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{1,32}$"));
    if (hex.match(prefix).hasMatch()) {
        const auto uuid = [](const QString &digits) -> QString {
            return digits.left(8) + QLatin1Char('-') + digits.mid(8, 4) + QLatin1Char('-') + digits.mid(12, 4)
                + QLatin1Char('-') + digits.mid(16, 4) + QLatin1Char('-') + digits.mid(20);
        };
        where.insert(QLatin1String("id"),
            QJsonObject { { QLatin1String("_gte"), uuid(prefix.leftJustified(32, QLatin1Char('0'))) },
                { QLatin1String("_lte"), uuid(prefix.leftJustified(32, QLatin1Char('f'))) } });
    }
    return where;
}

QJsonArray OrdersPage::orderBy() const
{
    const QString direction = m_sortOrder == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc");
    const QString reversed = m_sortOrder == Qt::AscendingOrder ? QStringLiteral("desc") : QStringLiteral("asc");
    QJsonArray orderBy;
    switch (m_sortColumn) {
    case IdColumn:
        return { QJsonObject { { QLatin1String("id"), direction } } };
    case UserColumn:
        orderBy.append(QJsonObject { { QLatin1String("user_id"), direction } });
        break;
    case RestaurantColumn:
        orderBy.append(
            QJsonObject { { QLatin1String("restaurant"), QJsonObject { { QLatin1String("name"), direction } } } });
        break;
    case TotalColumn:
        orderBy.append(QJsonObject { { QLatin1String("total"), direction } });
        break;
    case WorkflowColumn:
        orderBy.append(QJsonObject { { QLatin1String("status"), direction } });
        break;
    default: // age: the youngest first is the newest creation time first
        orderBy.append(QJsonObject { { QLatin1String("created_at"), reversed } });
        break;
    }
    // A unique last key, so that pages neither overlap nor skip rows that tie.
    orderBy.append(QJsonObject { { QLatin1String("id"), QStringLiteral("asc") } });
    return orderBy;
}

void OrdersPage::restartWindow()
{
    if (!m_client)
        return;
    // The old subscription goes with its handle: a result of the old filters cannot arrive after
    // this (the handle that would receive it is gone).
    delete m_window;
    m_window = m_client->subscribe(
        GraphqlDocuments::request(GraphqlDocuments::OrdersPage,
            { { QStringLiteral("where"), where() }, { QStringLiteral("order_by"), orderBy() },
                { QStringLiteral("limit"), PageSize }, { QStringLiteral("offset"), m_page * PageSize } }),
        this);
    connect(m_window, &Subscription::resultReceived, this, &OrdersPage::onOrders);
    connect(m_window, &Subscription::failed, this, &OrdersPage::onOrders);
    m_window->start();
    setLoading(true);
    updatePager();
}

void OrdersPage::restartCount()
{
    ++m_countGeneration;
    m_total = -1;
    updatePager();
    refreshCount();
}

void OrdersPage::refreshCount()
{
    if (!m_client)
        return;
    if (m_countInFlight) {
        m_countAgain = true;
        return;
    }
    m_countInFlight = true;
    const quint64 generation = m_countGeneration;
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::OrdersCount, { { QStringLiteral("where"), where() } }), this,
        [this, generation](const GraphqlResult &result) {
            m_countInFlight = false;
            // A count of filters that have since changed is stale: dropped, and counted again.
            if (generation == m_countGeneration)
                onCount(result);
            if (std::exchange(m_countAgain, false) || generation != m_countGeneration)
                refreshCount();
        });
}

void OrdersPage::onOrders(const GraphqlResult &result)
{
    setLoading(false);
    if (!result.isOk()) {
        showError(tr("Orders: %1").arg(result.errorString()));
        return;
    }
    m_lastOrders = result.data.value(QLatin1String("orders")).toArray();
    showRows();
    updatePager();
}

void OrdersPage::onTroubles(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showError(tr("Failing steps: %1").arg(result.errorString()));
        return;
    }
    m_lastTroubles = result.data.value(QLatin1String("trefoil_order_events")).toArray();
    showRows();
}

void OrdersPage::onCount(const GraphqlResult &result)
{
    if (!result.isOk()) {
        // Without a count the pager still works: it shows "page N".
        m_total = -1;
        updatePager();
        return;
    }
    m_total = result.data.value(QLatin1String("orders_aggregate"))
                  .toObject()
                  .value(QLatin1String("aggregate"))
                  .toObject()
                  .value(QLatin1String("count"))
                  .toInteger(-1);
    updatePager();
}

void OrdersPage::onRestaurants(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showError(tr("Restaurants: %1").arg(result.errorString()));
        return;
    }
    const QVariant current = m_restaurant->currentData();
    const QSignalBlocker blocker(m_restaurant);
    while (m_restaurant->count() > 1)
        m_restaurant->removeItem(1);
    for (const QJsonValue &value : result.data.value(QLatin1String("restaurants")).toArray()) {
        const QJsonObject restaurant = value.toObject();
        m_restaurant->addItem(
            restaurant.value(QLatin1String("name")).toString(), restaurant.value(QLatin1String("id")).toInt());
    }
    m_restaurant->setCurrentIndex(std::max(0, m_restaurant->findData(current)));
}

void OrdersPage::showRows()
{
    m_orders->setRows(OrderWorkflow::withFailures(m_lastOrders, m_lastTroubles));
    selectPendingRow();
}

void OrdersPage::selectOrder(const QString &orderId, const QDateTime &createdAt)
{
    m_pendingSelection = orderId;
    m_detail->setOrder(orderId, createdAt);
    selectPendingRow();
}

void OrdersPage::selectPendingRow()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_orders->rowOfKey(m_pendingSelection);
    if (row < 0)
        return;
    m_pendingSelection.clear();
    const QModelIndex index = m_display->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void OrdersPage::onCurrentRowChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const QJsonObject order = m_orders->rowObject(current.row());
    m_detail->setOrder(order.value(QLatin1String("id")).toString(),
        QDateTime::fromString(order.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs));
}

void OrdersPage::nextPage()
{
    if (m_orders->rowCount() < PageSize)
        return;
    ++m_page;
    restartWindow();
}

void OrdersPage::previousPage()
{
    if (m_page == 0)
        return;
    --m_page;
    restartWindow();
}

void OrdersPage::updatePager()
{
    const int first = m_page * PageSize + 1;
    const int last = m_page * PageSize + m_orders->rowCount();
    QString text;
    if (m_total >= 0) {
        const qint64 pages = std::max<qint64>(1, (m_total + PageSize - 1) / PageSize);
        text = m_orders->rowCount() == 0 ? tr("Page %L1 of %L2 · no orders").arg(m_page + 1).arg(pages)
                                         : tr("Page %L1 of %L2 · orders %L3–%L4 of %L5")
                                               .arg(m_page + 1)
                                               .arg(pages)
                                               .arg(first)
                                               .arg(last)
                                               .arg(m_total);
    } else {
        text = tr("Page %1").arg(m_page + 1);
    }
    m_pageLabel->setText(text);
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_orders->rowCount() >= PageSize && (m_total < 0 || last < m_total));
}

void OrdersPage::setLoading(bool loading)
{
    m_loading = loading;
    if (loading) {
        m_busyDelay.start();
    } else {
        m_busyDelay.stop();
        m_busy->hide();
    }
}

void OrdersPage::showError(const QString &message)
{
    m_messages->showMessage(message, MessageBar::Kind::Error);
}

void OrdersPage::openPlaceOrder()
{
    if (!m_client)
        return;
    auto *dialog = new PlaceOrderDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlaceOrderDialog::orderPlaced, this,
        [this](const QString &id, const QDateTime &createdAt) { selectOrder(id, createdAt); });
    dialog->open();
}

void OrdersPage::openPlaceMany()
{
    if (!m_client)
        return;
    auto *dialog = new PlaceManyDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace trefoil::ui
