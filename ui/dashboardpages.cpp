#include "ui/dashboardpages.h"

#include "ui/pages/events/eventspage.h"
#include "ui/pages/orders/orderspage.h"
#include "ui/pages/restaurant/restaurantpage.h"
#include "ui/pages/throughput/throughputpage.h"

namespace trefoil::ui {

QWidget *createDashboardPage(MainWindow::Page page, GraphqlWsClient *client)
{
    switch (page) {
    case MainWindow::Page::Orders:
        return new OrdersPage(client);
    case MainWindow::Page::Restaurant:
        return new RestaurantPage(client);
    case MainWindow::Page::Throughput:
        return new ThroughputPage(client);
    case MainWindow::Page::Events:
        return new EventsPage(client);
    // The Dashboard II pages keep their placeholders, which say what they will show.
    case MainWindow::Page::Triggers:
    case MainWindow::Page::Functions:
    case MainWindow::Page::Settings:
        return nullptr;
    }
    return nullptr;
}

} // namespace trefoil::ui
