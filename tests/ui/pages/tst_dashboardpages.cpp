// The Restaurant and Throughput pages against the real trefoild (a child process with its event
// worker on the test cluster's database): an order of a restaurant that approves by hand waits on
// the Restaurant page, paid, until Approve is clicked, then moves on to agent_assigned; Reject asks
// for a reason and the order ends rejected with it; a menu toggle makes validation reject an order
// with that item; the Throughput page counts and charts the orders placed (counters equal to the
// database's counts), pauses, exports PNG and CSV, and changes its window. With
// TREFOIL_SCREENSHOT_DIR set, both pages are also saved as PNGs there (restaurantpage.png,
// throughputpage.png).
#include "tests/support/dashboardserver.h"
#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/models/checkcolumnproxymodel.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/pages/restaurant/restaurantpage.h"
#include "ui/pages/throughput/throughputpage.h"
#include "ui/widgets/counterlabel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineSeries>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <memory>
#include <optional>

using namespace trefoil::ui;
using trefoil::test::DashboardServer;

namespace {

constexpr int CurryCorner = 5; // approves by hand (demo migration 0007); menu items 13 to 16

void saveScreenshot(QWidget *page, const QString &name)
{
    const QString dir = qEnvironmentVariable("TREFOIL_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QVERIFY2(page->grab().save(QDir(dir).filePath(name)), qPrintable(name));
}

} // namespace

class TestDashboardPages : public QObject {
    Q_OBJECT

    DashboardServer m_server { QStringLiteral(TREFOILD_PATH), QStringLiteral("uipages") };
    GraphqlWsClient *m_client = nullptr;

    GraphqlResult run(const GraphqlRequest &request) const { return m_server.run(request); }

    QString placeOrder(int restaurant, int menuItem) const
    {
        return m_server.placeOrder(restaurant, menuItem, QStringLiteral("pages-test"));
    }

    QJsonObject orderRow(const QString &id)
    {
        return run({ QStringLiteral("query ($id: uuid!) { orders_by_pk(id: $id) { status status_reason } }"),
                       { { QStringLiteral("id"), id } }, {} })
            .data.value(QStringLiteral("orders_by_pk"))
            .toObject();
    }

    QString orderStatus(const QString &id) const { return m_server.orderStatus(id); }

    qint64 deliveredApprovals()
    {
        const GraphqlResult count
            = run({ QStringLiteral(
                        "{ trefoil_count_events(filter: {trigger: \"restaurant-approval\", status: \"delivered\"}) }"),
                {}, {} });
        return count.data.value(QStringLiteral("trefoil_count_events"))
            .toObject()
            .value(QStringLiteral("count"))
            .toInteger();
    }

    static void selectOrder(RestaurantPage &page, const QString &id)
    {
        const int row = page.ordersModel()->rowOfKey(id);
        QVERIFY(row >= 0);
        page.ordersView()->selectRow(row);
    }

    qint64 ordersWithStatus(const QString &status)
    {
        const QJsonObject where = status.isEmpty()
            ? QJsonObject {}
            : QJsonObject { { QStringLiteral("status"), QJsonObject { { QStringLiteral("_eq"), status } } } };
        const GraphqlResult count
            = run(GraphqlDocuments::request(QLatin1StringView("orders_count"), { { QStringLiteral("where"), where } }));
        if (!count.isOk())
            qWarning() << DashboardServer::describe(count);
        return count.data.value(QStringLiteral("orders_aggregate"))
            .toObject()
            .value(QStringLiteral("aggregate"))
            .toObject()
            .value(QStringLiteral("count"))
            .toInteger(-1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs); // the export dialog is driven here
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_client = m_server.client();
    }

    void manuallyApprovedOrderWaitsUntilApprove()
    {
        RestaurantPage page(m_client);
        page.resize(1100, 600);
        page.show();
        page.selectRestaurant(CurryCorner);
        QTRY_COMPARE_WITH_TIMEOUT(page.restaurantId(), CurryCorner, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page.menuModel()->rowCount(), 4, 30000);
        QVERIFY(!page.approveButton()->isHidden());

        const qint64 approvalsBefore = deliveredApprovals();
        const QString id = placeOrder(CurryCorner, 13);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(page.ordersModel()->rowOfKey(id) >= 0, 30000);
        // The approval step has run and delivered (waiting), and the order stays paid on the page.
        QTRY_VERIFY_WITH_TIMEOUT(deliveredApprovals() > approvalsBefore, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            page.ordersModel()->rowObject(page.ordersModel()->rowOfKey(id)).value(QStringLiteral("status")).toString(),
            QStringLiteral("paid"), 30000);
        QCOMPARE(orderStatus(id), QStringLiteral("paid"));

        selectOrder(page, id);
        QVERIFY(page.approveButton()->isEnabled());
        QVERIFY(page.rejectButton()->isEnabled());
        saveScreenshot(&page, QStringLiteral("restaurantpage.png"));
        QTest::mouseClick(page.approveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.ordersModel()->rowOfKey(id), -1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("agent_assigned"), 30000);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    }

    void rejectAsksForAReason()
    {
        RestaurantPage page(m_client);
        page.show();
        page.selectRestaurant(CurryCorner);
        const QString id = placeOrder(CurryCorner, 15);
        QTRY_VERIFY_WITH_TIMEOUT(page.ordersModel()->rowOfKey(id) >= 0
                && page.ordersModel()
                        ->rowObject(page.ordersModel()->rowOfKey(id))
                        .value(QStringLiteral("status"))
                        .toString()
                    == QLatin1String("paid"),
            30000);
        selectOrder(page, id);
        QTest::mouseClick(page.rejectButton(), Qt::LeftButton);
        auto *dialog = page.findChild<QInputDialog *>(QStringLiteral("rejectReasonDialog"));
        QVERIFY(dialog);
        dialog->setTextValue(QStringLiteral("the tandoor is cold"));
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(page.ordersModel()->rowOfKey(id), -1, 30000);
        const QJsonObject row = orderRow(id);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(row.value(QStringLiteral("status_reason")).toString(),
            QStringLiteral("Curry Corner declined the order: the tandoor is cold"));
    }

    void restaurantThatApprovesAutomaticallyHasNoButtons()
    {
        RestaurantPage page(m_client);
        page.show();
        page.selectRestaurant(1);
        QTRY_COMPARE_WITH_TIMEOUT(page.restaurantId(), 1, 30000);
        QVERIFY(page.approveButton()->isHidden());
        QVERIFY(page.rejectButton()->isHidden());
    }

    void menuToggleMakesValidationRejectTheItem()
    {
        RestaurantPage page(m_client);
        page.show();
        page.selectRestaurant(CurryCorner);
        QTRY_COMPARE_WITH_TIMEOUT(page.menuModel()->rowCount(), 4, 30000);
        const int row = page.menuModel()->rowOfKey(QStringLiteral("16"));
        QVERIFY(row >= 0);
        QAbstractItemModel *menu = page.menuView()->model();
        QCOMPARE(menu->index(row, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(menu->setData(menu->index(row, 0), Qt::Unchecked, Qt::CheckStateRole));
        // The live result, not the click, shows it off the menu.
        QTRY_VERIFY_WITH_TIMEOUT(!page.menuModel()->rowObject(row).value(QStringLiteral("available")).toBool(), 30000);
        QTRY_VERIFY(!menu->index(row, 0).data(CheckColumnProxyModel::PendingRole).toBool());
        QCOMPARE(menu->index(row, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        const QString id = placeOrder(CurryCorner, 16);
        QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("rejected"), 30000);
        QVERIFY2(orderRow(id).value(QStringLiteral("status_reason")).toString().contains(QLatin1String("Mango lassi")),
            qPrintable(orderRow(id).value(QStringLiteral("status_reason")).toString()));

        // And back on: the next order goes through to approval.
        QVERIFY(menu->setData(menu->index(row, 0), Qt::Checked, Qt::CheckStateRole));
        QTRY_VERIFY_WITH_TIMEOUT(page.menuModel()->rowObject(row).value(QStringLiteral("available")).toBool(), 30000);
        const QString again = placeOrder(CurryCorner, 16);
        QTRY_COMPARE_WITH_TIMEOUT(orderStatus(again), QStringLiteral("paid"), 30000);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    }

    void throughputChartsTheOrders()
    {
        // Orders to chart, one after the other, completing automatically.
        QList<QString> ids;
        for (int i = 0; i < 120; ++i)
            ids.append(placeOrder(1 + i % 2, i % 2 ? 5 : 1));
        ThroughputPage page(m_client);
        page.resize(1200, 800);
        page.show();
        QCOMPARE(page.windowSeconds(), ThroughputPage::DefaultWindowSeconds);
        QTRY_VERIFY_WITH_TIMEOUT(page.resultsMerged() >= 3 && page.orderResultsMerged() >= 3, 30000);
        QVERIFY(page.hasOrderStats());
        qint64 placed = 0;
        const qint64 now = page.history().nowMs() / 1000;
        for (qint64 s = now - 60; s <= now; ++s)
            placed += page.history().count(RateHistory::Rate::Placed, s);
        QVERIFY2(placed >= ids.size(), qPrintable(QString::number(placed)));

        // The counters are the database's own counts (every order of this test run is in the
        // five-minute window) once the workflow has settled.
        QTRY_VERIFY_WITH_TIMEOUT(ordersWithStatus(QStringLiteral("agent_assigned")) >= ids.size(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(page.counter(OrderHistory::Stage::Placed)->value(), ordersWithStatus({}), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page.counter(OrderHistory::Stage::Assigned)->value(),
            ordersWithStatus(QStringLiteral("agent_assigned")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            page.counter(OrderHistory::Stage::Rejected)->value(), ordersWithStatus(QStringLiteral("rejected")), 30000);
        QVERIFY(page.counter(OrderHistory::Stage::Validated)->value() >= ids.size());
        QVERIFY(!page.counter(OrderHistory::Stage::Placed)->valueText().isEmpty());

        QTRY_VERIFY_WITH_TIMEOUT(page.rateSeries(RateHistory::Rate::Placed)->count() > 0, 10000);
        QVERIFY(page.rateSeries(RateHistory::Rate::Placed)->count() <= ThroughputPage::DefaultWindowSeconds);
        QTRY_VERIFY_WITH_TIMEOUT(page.eventSeries(RateHistory::TriggerRate::Delivered)->count() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.stageSeries(OrderHistory::Stage::Validated, OrderHistory::Percentile::P95)->count() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page.pendingSeries(QStringLiteral("validate-order")) != nullptr, 10000);
        QVERIFY(page.triggerBox()->findData(QStringLiteral("validate-order")) > 0);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
        saveScreenshot(&page, QStringLiteral("throughputpage.png"));

        // Values on hover: the time, the series' name and the value.
        Q_EMIT page.eventSeries(RateHistory::TriggerRate::Delivered)->hovered(QPointF(-0.5, 42), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QLatin1String("Delivered: 42")), qPrintable(QToolTip::text()));
        Q_EMIT page.eventSeries(RateHistory::TriggerRate::Delivered)->hovered(QPointF(-0.5, 42), false);
        QTRY_VERIFY(!QToolTip::isVisible());

        // Pause freezes the drawing while results keep arriving; Resume draws them.
        QTest::mouseClick(page.pauseButton(), Qt::LeftButton);
        QVERIFY(page.isPaused());
        const int redraws = page.redraws();
        const int merged = page.resultsMerged();
        QTRY_VERIFY_WITH_TIMEOUT(page.resultsMerged() >= merged + 3, 10000);
        QCOMPARE(page.redraws(), redraws);
        QTest::mouseClick(page.pauseButton(), Qt::LeftButton);
        QVERIFY(!page.isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(page.redraws() > redraws, 5000);

        // Export, without and through the dialog.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("charts.png"));
        QVERIFY(page.exportPng(png));
        const QImage image(png);
        QCOMPARE(image.size(), page.chartsWidget()->size() * page.chartsWidget()->devicePixelRatio());
        QTest::mouseClick(page.exportCsvButton(), Qt::LeftButton);
        auto *dialog = page.findChild<QFileDialog *>(QStringLiteral("throughputExportDialog"));
        QVERIFY(dialog);
        const QString csv = dir.filePath(QStringLiteral("figures.csv"));
        dialog->selectFile(csv);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog's override is protected
        QTRY_VERIFY(QFileInfo::exists(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + ThroughputPage::DefaultWindowSeconds); // header, then every complete second
        QVERIFY(lines.constFirst().startsWith("time_utc,orders_placed,"));
        QVERIFY(lines.constFirst().contains("validate-order pending"));

        // Another window: buffers sized to it, the whole window read again.
        page.windowBox()->setCurrentIndex(page.windowBox()->findData(60));
        QCOMPARE(page.windowSeconds(), 60);
        QCOMPARE(page.history().capacitySeconds(), 61);
        const int before = page.resultsMerged();
        QTRY_VERIFY_WITH_TIMEOUT(page.resultsMerged() >= before + 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page.rateSeries(RateHistory::Rate::Placed)->count() > 0, 10000);
        QVERIFY(page.rateSeries(RateHistory::Rate::Placed)->count() <= 60);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    }

    void throughputWithoutTheDemo()
    {
        // A server without the demo has no order_stats: the page says so, leaves the counters
        // empty and charts the events alone, without an error.
        DashboardServer server(
            QStringLiteral(TREFOILD_PATH), QStringLiteral("uipagesnodemo"), { QStringLiteral("--no-demo") });
        const QString failure = server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        ThroughputPage page(server.client());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(!page.hasOrderStats(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page.resultsMerged() >= 3 && page.redraws() > 0, 30000);
        QCOMPARE(page.orderResultsMerged(), 0);
        QCOMPARE(page.counter(OrderHistory::Stage::Placed)->value(), -1);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("events.csv"));
        QVERIFY(page.exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readLine().startsWith("time_utc,events_delivered"));
    }
};

QTEST_MAIN(TestDashboardPages)
#include "tst_dashboardpages.moc"
