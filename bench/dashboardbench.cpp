#include "bench/dashboardbench.h"

#include "bench/benchreport.h"
#include "ui/client/graphqlendpoint.h"
#include "ui/dashboardpages.h"
#include "ui/diagnostics/guistallmonitor.h"
#include "ui/mainwindow.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/pages/orders/orderspage.h"

#include <QDir>
#include <QPixmap>
#include <QUrl>
#include <QUuid>

#include <cmath>

namespace trefoil::bench {

DashboardBench::DashboardBench(OrdersBench::Options options, QString pageKey, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_pageKey(std::move(pageKey))
    , m_window(std::make_unique<ui::MainWindow>())
    , m_monitor(new ui::GuiStallMonitor(this))
{
}

DashboardBench::~DashboardBench() = default;

void DashboardBench::run(std::function<void(const QJsonObject &, const QString &)> done)
{
    m_window->setPageFactory(&ui::createDashboardPage);
    m_window->resize(1400, 900);
    m_window->show();
    ui::MainWindow::Page page = ui::MainWindow::Page::Orders;
    for (ui::MainWindow::Page candidate : ui::MainWindow::pages()) {
        if (ui::MainWindow::pageKey(candidate) == m_pageKey)
            page = candidate;
    }
    m_window->showPage(page);
    const bool pageBuilt = [page] {
        // Whether the factory builds the page yet, or the placeholder stands in for it.
        std::unique_ptr<QWidget> probe(ui::createDashboardPage(page, nullptr));
        return probe != nullptr;
    }();

    // Measured from the window's first connection: start-up (initdb, migrations) is not the GUI's.
    connect(
        m_window.get(), &ui::MainWindow::connected, this,
        [this, page] {
            m_monitor->start();
            if (page == ui::MainWindow::Page::Orders)
                m_selectNewest.start();
        },
        Qt::SingleShotConnection);
    m_selectNewest.setInterval(2000);
    connect(&m_selectNewest, &QTimer::timeout, this, &DashboardBench::selectNewestOrder);

    OrdersBench::Options options = m_options;
    options.adminSecret = QString::fromLatin1(QUuid::createUuid().toByteArray(QUuid::Id128));
    options.backendReady = [this, secret = options.adminSecret](quint16 port) {
        say(tr("Connecting the dashboard to port %1…").arg(port));
        m_window->connectTo(
            { QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/graphql").arg(port)), secret }, tr("the benchmark's database"));
    };
    auto *orders = new OrdersBench(options, this);
    orders->run([this, done, pageBuilt](const QJsonObject &ordersFigures, const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        QJsonObject figures = ordersFigures;
        figures.insert(QStringLiteral("mode"), QStringLiteral("dashboard"));
        const QString shots = qEnvironmentVariable("TREFOIL_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            m_window->grab().save(QDir(shots).filePath(
                QStringLiteral("dashboard-%1.png").arg(ui::MainWindow::pageKey(m_window->currentPage()))));
        figures.insert(ui::MainWindow::pageKey(m_window->currentPage()) + QStringLiteral("_page"),
            pageBuilt ? QStringLiteral("content") : QStringLiteral("placeholder"));
        figures.insert(QStringLiteral("order_details_opened"), m_detailsOpened);
        figures.insert(QStringLiteral("gui_ticks"), m_monitor->tickCount());
        figures.insert(QStringLiteral("gui_worst_stall_ms"), m_monitor->worstStallMs());
        figures.insert(QStringLiteral("gui_p99_stall_ms"), m_monitor->percentileStallMs(0.99));
        figures.insert(QStringLiteral("gui_p50_stall_ms"), m_monitor->percentileStallMs(0.5));
        figures.insert(QStringLiteral("status_bar"), m_window->connectionStatusText());
        figures.insert(QStringLiteral("rss_mb"), std::round(residentMegabytes()));
        done(figures, {});
    });
}

void DashboardBench::selectNewestOrder()
{
    auto *page = m_window->findChild<ui::OrdersPage *>();
    if (!page || page->orders()->rowCount() == 0)
        return;
    // The page's default order is newest first.
    page->selectOrder(page->orders()->keyAt(0));
    ++m_detailsOpened;
}

} // namespace trefoil::bench
