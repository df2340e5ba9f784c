#include "ui/widgets/screenshottour.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/mainwindow.h"
#include "ui/widgets/connectdialog.h"

#include <QAbstractButton>
#include <QDialog>
#include <QDir>
#include <QJsonArray>
#include <QPixmap>
#include <QTimer>

namespace trefoil::ui {

namespace {
constexpr int PageSettleMs = 600; // a page's first paint and its subscription's first result
} // namespace

ScreenshotTour::ScreenshotTour(MainWindow *window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
    connect(window, &MainWindow::connected, this, &ScreenshotTour::begin);
}

void ScreenshotTour::begin()
{
    if (m_started)
        return;
    m_started = true;
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT finished(false, tr("Cannot create %1").arg(m_directory));
        return;
    }
    if (m_demoOrders <= 0) {
        QTimer::singleShot(m_settleMs, this, [this] { shootPage(0); });
        return;
    }
    stageIncident([this] {
        placeDemoOrders();
        QTimer::singleShot(m_settleMs, this, [this] { shootPage(0); });
    });
}

void ScreenshotTour::stageIncident(std::function<void()> then)
{
    // A webhook nobody listens on, for every payment: each one dies on its first attempt with
    // the same cause, so the Events page has dead events, a failure group and an audit entry to
    // show. On payments, not orders, so the Orders page shows the workflow as it is.
    const QJsonObject definition { { QStringLiteral("name"), QStringLiteral("ledger-export") },
        { QStringLiteral("table"),
            QJsonObject { { QStringLiteral("schema"), QStringLiteral("public") },
                { QStringLiteral("name"), QStringLiteral("payments") } } },
        { QStringLiteral("insert"), QJsonObject { { QStringLiteral("columns"), QStringLiteral("*") } } },
        { QStringLiteral("webhook"), QStringLiteral("http://127.0.0.1:9/ledger") },
        { QStringLiteral("retry_conf"),
            QJsonObject { { QStringLiteral("num_retries"), 0 }, { QStringLiteral("timeout_sec"), 5 } } } };
    m_window->client()->execute(
        GraphqlDocuments::request(QLatin1StringView("create_event_trigger"),
            { { QStringLiteral("definition"), definition }, { QStringLiteral("replace"), true } }),
        this, [this, then = std::move(then)](const GraphqlResult &result) {
            if (!result.isOk() && m_problem.isEmpty())
                m_problem = tr("Staging the demo incident failed: %1").arg(result.errorString());
            then();
        });
}

void ScreenshotTour::placeDemoOrders()
{
    // Restaurants 1, 2 and 4 pay automatically and run through the workflow; 3 waits for payment.
    const QList<QPair<int, int>> dishes = { { 1, 1 }, { 2, 5 }, { 4, 11 }, { 1, 2 }, { 3, 8 }, { 2, 6 } };
    for (int index = 0; index < m_demoOrders; ++index) {
        const auto [restaurant, dish] = dishes.at(index % dishes.size());
        const QJsonObject variables { { QStringLiteral("user_id"), QStringLiteral("demo-user-%1").arg(index % 5 + 1) },
            { QStringLiteral("restaurant_id"), restaurant },
            { QStringLiteral("address"), QStringLiteral("%1 Screenshot Street").arg(index + 1) },
            { QStringLiteral("items"),
                QJsonArray { QJsonObject {
                    { QStringLiteral("menu_item_id"), dish }, { QStringLiteral("quantity"), index % 3 + 1 } } } } };
        m_window->client()->execute(GraphqlDocuments::request(GraphqlDocuments::PlaceOrder, variables), this,
            [this](const GraphqlResult &result) {
                ++m_ordersAnswered;
                if (!result.isOk() && m_problem.isEmpty())
                    m_problem = tr("A demo order failed: %1").arg(result.errorString());
            });
    }
}

void ScreenshotTour::shootPage(int index)
{
    const QList<MainWindow::Page> pages = MainWindow::pages();
    if (!m_window)
        return;
    if (index >= pages.size()) {
        shootPageDialogs(0);
        return;
    }
    m_window->showPage(pages.at(index));
    QTimer::singleShot(PageSettleMs, this, [this, index, pages] {
        if (m_window)
            save(m_window, MainWindow::pageKey(pages.at(index)));
        shootPage(index + 1);
    });
}

// The dialogs a page opens from its buttons, found by the buttons' object names (this tour
// knows pages only through the window).
struct PageDialog {
    MainWindow::Page page;
    const char *button;
    const char *name;
};
const QList<PageDialog> PageDialogs = {
    { MainWindow::Page::Orders, "placeOrderButton", "place-order" },
    { MainWindow::Page::Orders, "placeManyButton", "place-many" },
};

void ScreenshotTour::shootPageDialogs(int index)
{
    if (!m_window)
        return;
    if (index >= PageDialogs.size()) {
        shootConnectDialog();
        return;
    }
    const PageDialog &step = PageDialogs.at(index);
    m_window->showPage(step.page);
    auto *button = m_window->findChild<QAbstractButton *>(QLatin1StringView(step.button));
    if (!button) {
        Q_EMIT finished(false,
            tr("No button %1 to open the %2 dialog").arg(QLatin1StringView(step.button), QLatin1StringView(step.name)));
        return;
    }
    button->click();
    QTimer::singleShot(PageSettleMs, this, [this, index, step] {
        QDialog *dialog = nullptr;
        for (QDialog *candidate : m_window->findChildren<QDialog *>())
            if (candidate->isVisible())
                dialog = candidate;
        if (!dialog) {
            Q_EMIT finished(false, tr("The %1 dialog did not open").arg(QLatin1StringView(step.name)));
            return;
        }
        save(dialog, QLatin1StringView(step.name));
        dialog->reject();
        shootPageDialogs(index + 1);
    });
}

void ScreenshotTour::shootConnectDialog()
{
    m_window->showConnectDialog();
    auto *dialog = m_window->findChild<ConnectDialog *>();
    if (!dialog) {
        Q_EMIT finished(false, tr("The Connect to… dialog did not open"));
        return;
    }
    QTimer::singleShot(PageSettleMs, this, [this, dialog] {
        save(dialog, QStringLiteral("connect"));
        dialog->close();
        Q_EMIT finished(m_problem.isEmpty(), m_problem);
    });
}

bool ScreenshotTour::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    if (widget->grab().save(path))
        return true;
    if (m_problem.isEmpty())
        m_problem = tr("Could not save %1").arg(path);
    return false;
}

} // namespace trefoil::ui
