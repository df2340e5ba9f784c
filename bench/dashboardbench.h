#pragma once

#include "bench/ordersbench.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace trefoil::ui {
class GuiStallMonitor;
class MainWindow;
} // namespace trefoil::ui

namespace trefoil::bench {

// `trefoil-bench dashboard`: the real main window (offscreen), its pages made by the app's own
// page factory and one page shown (Orders unless told otherwise), connected to an in-process
// backend through the API while `trefoil-bench orders` runs the workflow at the given rate through
// it; on the Orders page an order's detail is open (the newest order is selected every two
// seconds, as an operator clicking through would, so its items and live timeline keep loading).
// Reports the GUI
// thread's worst and 99th-percentile stall (GuiStallMonitor, measured from the window's first
// connection to the end) and the process's RSS, with the orders figures. With
// TREFOIL_SCREENSHOT_DIR set, the window is saved there as dashboard-<page>.png at the end.
class DashboardBench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardBench)

public:
    explicit DashboardBench(
        OrdersBench::Options options, QString pageKey = QStringLiteral("orders"), QObject *parent = nullptr);
    ~DashboardBench() override;

    void run(std::function<void(const QJsonObject &figures, const QString &error)> done);

private:
    OrdersBench::Options m_options;
    QString m_pageKey;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::GuiStallMonitor *m_monitor;
    QTimer m_selectNewest;
    int m_detailsOpened = 0;

    void selectNewestOrder();
};

} // namespace trefoil::bench
