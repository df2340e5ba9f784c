#include "ui/pages/orders/placemanydialog.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace trefoil::ui {

namespace {
constexpr int TickMs = 20;
}

PlaceManyDialog::PlaceManyDialog(GraphqlWsClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_count(new QSpinBox(this))
    , m_rate(new QSpinBox(this))
    , m_manual(new QCheckBox(tr("Include restaurants that take payment or approve by hand"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Place many orders"));
    m_count->setRange(1, MaxOrders);
    m_count->setValue(1000);
    m_count->setGroupSeparatorShown(true);
    m_rate->setRange(1, 5000);
    m_rate->setValue(100);
    m_rate->setSuffix(tr(" orders/s"));
    m_manual->setToolTip(tr("Their orders wait for Pay or Approve, so they do not complete by themselves"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_status->setMinimumWidth(360);
    m_status->setText(tr("Orders go to random users and restaurants, with random items from the live menus."));
    m_cancel->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Orders:"), m_count);
    form->addRow(tr("&Rate:"), m_rate);
    form->addRow(QString(), m_manual);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    m_ticker.setInterval(TickMs);
    m_completionTimer.setInterval(1000);
    connect(&m_completionTimer, &QTimer::timeout, this, &PlaceManyDialog::pollCompleted);
    connect(&m_ticker, &QTimer::timeout, this, &PlaceManyDialog::tick);
    connect(m_start, &QPushButton::clicked, this, &PlaceManyDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &PlaceManyDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PlaceManyDialog::start()
{
    if (m_running)
        return;
    m_running = true;
    m_target = m_count->value();
    m_sent = m_placed = m_failed = 0;
    m_completed = 0;
    m_firstError.clear();
    m_runTag = QString::number(QRandomGenerator::global()->generate(), 36);
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_count->setEnabled(false);
    m_manual->setEnabled(false);
    m_progress->setRange(0, m_target);
    m_progress->setValue(0);
    m_status->setText(tr("Reading the menus…"));
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::PlaceManyCatalog), this,
        [this](const GraphqlResult &result) { onCatalog(result); });
}

void PlaceManyDialog::onCatalog(const GraphqlResult &result)
{
    if (!m_running)
        return;
    if (!result.isOk()) {
        m_firstError = result.errorString();
        finish();
        return;
    }
    QHash<int, bool> usable;
    for (const QJsonValue &value : result.data.value(QLatin1String("restaurants")).toArray()) {
        const QJsonObject restaurant = value.toObject();
        usable.insert(restaurant.value(QLatin1String("id")).toInt(),
            restaurant.value(QLatin1String("is_open")).toBool(true)
                && (m_manual->isChecked()
                    || (restaurant.value(QLatin1String("payment_mode")).toString() != QLatin1String("manual")
                        && restaurant.value(QLatin1String("approval_mode")).toString() != QLatin1String("manual"))));
    }
    m_menus.clear();
    for (const QJsonValue &value : result.data.value(QLatin1String("menu_items")).toArray()) {
        const QJsonObject item = value.toObject();
        const int restaurant = item.value(QLatin1String("restaurant_id")).toInt();
        if (usable.value(restaurant))
            m_menus[restaurant].append(item.value(QLatin1String("id")).toInt());
    }
    m_restaurants = m_menus.keys();
    std::sort(m_restaurants.begin(), m_restaurants.end());
    if (m_restaurants.isEmpty()) {
        m_firstError = tr("no open restaurant has an available item");
        finish();
        return;
    }
    m_completionTimer.start();
    m_elapsed.start();
    m_ticker.start();
    updateStatus();
}

void PlaceManyDialog::tick()
{
    // What the rate allows since the start, less what was sent, within the in-flight bound.
    const qint64 due = std::min<qint64>(
        m_target, static_cast<qint64>(std::floor(m_elapsed.elapsed() * m_rate->value() / 1000.0)) + 1);
    while (m_sent < due && m_inFlight < MaxInFlight)
        sendOne();
    updateStatus();
    if (m_sent >= m_target)
        m_ticker.stop();
}

void PlaceManyDialog::sendOne()
{
    auto *random = QRandomGenerator::global();
    const int restaurant = m_restaurants.at(int(random->bounded(qsizetype(m_restaurants.size()))));
    const QList<int> &menu = m_menus.value(restaurant);
    QJsonArray items;
    const int kinds = 1 + int(random->bounded(std::min<qsizetype>(3, menu.size())));
    QList<int> chosen = menu;
    std::shuffle(chosen.begin(), chosen.end(), *random);
    for (int i = 0; i < kinds; ++i)
        items.append(QJsonObject { { QStringLiteral("menu_item_id"), chosen.at(i) },
            { QStringLiteral("quantity"), 1 + int(random->bounded(3)) } });
    ++m_sent;
    ++m_inFlight;
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::PlaceOrder,
                          { { QStringLiteral("user_id"), QStringLiteral("user-%1").arg(random->bounded(1, 1000)) },
                              { QStringLiteral("restaurant_id"), restaurant },
                              { QStringLiteral("address"),
                                  QString(tr("%1 Load Street").arg(m_sent) + QStringLiteral(" #") + m_runTag) },
                              { QStringLiteral("items"), items } }),
        this, [this](const GraphqlResult &result) {
            --m_inFlight;
            if (result.isOk()) {
                ++m_placed;
            } else {
                ++m_failed;
                if (m_firstError.isEmpty())
                    m_firstError = result.errorString();
            }
            if (m_running && m_ticker.isActive() == false && m_inFlight == 0)
                finish();
        });
}

void PlaceManyDialog::pollCompleted()
{
    if (m_completionInFlight)
        return;
    if (!m_running && m_completed >= m_placed) {
        m_completionTimer.stop();
        return;
    }
    m_completionInFlight = true;
    // This run's orders carry its tag; the time bound (with a margin for the clocks of client and
    // database) lets the count read only the orders created since the run began.
    const QJsonObject where {
        { QStringLiteral("created_at"),
            QJsonObject { { QStringLiteral("_gte"), m_startedAt.addSecs(-300).toString(Qt::ISODateWithMs) } } },
        { QStringLiteral("address"),
            QJsonObject { { QStringLiteral("_like"), QString(QStringLiteral("%#") + m_runTag) } } },
        { QStringLiteral("status"), QJsonObject { { QStringLiteral("_eq"), QStringLiteral("agent_assigned") } } }
    };
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::OrdersCount, { { QStringLiteral("where"), where } }),
        this, [this](const GraphqlResult &result) {
            m_completionInFlight = false;
            if (!result.isOk())
                return;
            m_completed = result.data.value(QLatin1String("orders_aggregate"))
                              .toObject()
                              .value(QLatin1String("aggregate"))
                              .toObject()
                              .value(QLatin1String("count"))
                              .toInteger();
            updateStatus();
        });
}

void PlaceManyDialog::updateStatus()
{
    m_progress->setValue(m_placed + m_failed);
    QString text = tr("Placed %L1 of %L2 · completed %L3 · in flight %4")
                       .arg(m_placed)
                       .arg(m_target)
                       .arg(m_completed)
                       .arg(m_inFlight);
    if (m_failed > 0)
        text += QLatin1Char('\n') + tr("%n failed; the first error: %1", nullptr, m_failed).arg(m_firstError);
    else if (!m_firstError.isEmpty())
        text += QLatin1Char('\n') + m_firstError;
    if (!m_running && m_sent < m_target && m_sent > 0)
        text += QLatin1Char('\n') + tr("Cancelled after %L1 orders.").arg(m_sent);
    m_status->setText(text);
}

void PlaceManyDialog::cancel()
{
    m_ticker.stop();
    finish();
}

void PlaceManyDialog::finish()
{
    m_ticker.stop();
    m_running = false;
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_count->setEnabled(true);
    m_manual->setEnabled(true);
    updateStatus();
}

} // namespace trefoil::ui
