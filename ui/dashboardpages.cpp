#include "ui/dashboardpages.h"

namespace trefoil::ui {

QWidget *createDashboardPage(MainWindow::Page page, GraphqlWsClient *client)
{
    Q_UNUSED(client)
    switch (page) {
    // The Orders, Restaurant and Throughput pages are built on their own branches; each adds its
    // case here, e.g. `case MainWindow::Page::Orders: return new OrdersPage(client);`.
    case MainWindow::Page::Orders:
    case MainWindow::Page::Restaurant:
    case MainWindow::Page::Throughput:
    case MainWindow::Page::Events:
    case MainWindow::Page::Triggers:
    case MainWindow::Page::Functions:
    case MainWindow::Page::Settings:
        return nullptr;
    }
    return nullptr;
}

} // namespace trefoil::ui
