#pragma once

#include "ui/mainwindow.h"

namespace trefoil::ui {

class GraphqlWsClient;

// The one place that builds the pages' content for a client: the desktop app and
// `trefoil-bench dashboard` hand it to MainWindow::setPageFactory, so both show the same pages.
// nullptr: the page has no content yet and keeps its placeholder.
QWidget *createDashboardPage(MainWindow::Page page, GraphqlWsClient *client);

} // namespace trefoil::ui
