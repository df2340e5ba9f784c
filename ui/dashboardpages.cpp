#include "ui/dashboardpages.h"

#include "ui/pages/events/eventspage.h"
#include "ui/pages/functions/functionspage.h"
#include "ui/pages/orders/orderspage.h"
#include "ui/pages/restaurant/restaurantpage.h"
#include "ui/pages/settings/settingspage.h"
#include "ui/pages/throughput/throughputpage.h"
#include "ui/pages/triggers/triggerspage.h"

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
    case MainWindow::Page::Triggers:
        return new TriggersPage(client);
    case MainWindow::Page::Functions:
        return new FunctionsPage(client);
    case MainWindow::Page::Settings:
        return new SettingsPage(client);
    }
    return nullptr;
}

} // namespace trefoil::ui
