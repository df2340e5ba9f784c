#include "ui/mainwindow.h"

#include "ui/diagnostics/guistallmonitor.h"
#include "ui/widgets/diagnosticsdialog.h"
#include "ui/widgets/placeholderpage.h"
#include "ui/widgets/startupview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace trefoil::ui {

namespace {

struct PageInfo {
    MainWindow::Page page;
    const char *title;
    const char *explanation; // for the placeholder, until the page has content
};

// The navigation's order; titles and texts are translated where they are shown.
constexpr PageInfo Pages[] = {
    { MainWindow::Page::Orders, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Orders"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "Every order, live, with its progress through the workflow: placed, validated, paid, "
            "approved, assigned. Place an order or many from here.") },
    { MainWindow::Page::Restaurant, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Restaurant"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "One restaurant's incoming orders, oldest first, with approval by hand and its menu's availability.") },
    { MainWindow::Page::Throughput, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Throughput"),
        QT_TRANSLATE_NOOP(
            "trefoil::ui::MainWindow", "Orders and events per second and each step's latency, charted live.") },
    { MainWindow::Page::Events, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Events"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "Find failed and dead events, read their invocation logs and redeliver them. "
            "This page comes with the next release (Dashboard II).") },
    { MainWindow::Page::Triggers, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Triggers"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "Event triggers: pause, resume and tune retries and concurrency. "
            "This page comes with the next release (Dashboard II).") },
    { MainWindow::Page::Functions, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Functions"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "The workflow's functions: stage incidents with failure rates, latency and timeouts. "
            "This page comes with the next release (Dashboard II).") },
    { MainWindow::Page::Settings, QT_TRANSLATE_NOOP("trefoil::ui::MainWindow", "Settings"),
        QT_TRANSLATE_NOOP("trefoil::ui::MainWindow",
            "Connection, worker and retention settings. This page comes with the next release (Dashboard II).") },
};

constexpr auto GeometryKey = "window/geometry";
constexpr auto StateKey = "window/state";
constexpr auto PageKey = "window/page";

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_frame(new QStackedWidget(this))
    , m_startup(new StartupView(m_frame))
    , m_workspace(new QWidget(m_frame))
    , m_navigation(new QListWidget(m_workspace))
    , m_pages(new QStackedWidget(m_workspace))
    , m_pageActions(new QActionGroup(this))
    , m_databaseLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_stallMonitor(new GuiStallMonitor(this))
{
    setWindowTitle(tr("Trefoil"));
    resize(1200, 760);

    m_frame->addWidget(m_startup);
    m_frame->addWidget(m_workspace);
    setCentralWidget(m_frame);

    auto *layout = new QHBoxLayout(m_workspace);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    m_navigation->setBackgroundRole(QPalette::AlternateBase);
    m_navigation->setAutoFillBackground(true);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget::item { padding-left: 14px; }"));

    buildPages();
    buildMenus();

    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_connectionLabel);
    setDatabaseConnected(false, {});

    restoreSettings();
    m_stallMonitor->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages()
{
    int widest = 0;
    const QFontMetrics metrics(m_navigation->font());
    for (const PageInfo &info : Pages) {
        const QString title = tr(info.title);
        auto *item = new QListWidgetItem(title, m_navigation);
        item->setSizeHint(QSize(0, metrics.height() * 2));
        widest = std::max(widest, metrics.horizontalAdvance(title));
        m_pages->addWidget(new PlaceholderPage(title, tr(info.explanation), m_pages));
    }
    m_navigation->setFixedWidth(widest + 64);
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_pages->setCurrentIndex(row);
        m_pageActions->actions().at(row)->setChecked(true);
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_pageActions->setExclusive(true);
    for (int index = 0; index < int(std::size(Pages)); ++index) {
        const Page page = Pages[index].page;
        QAction *action = view->addAction(tr(Pages[index].title), this, [this, page] { showPage(page); });
        action->setCheckable(true);
        // Ctrl+1 … Ctrl+7, in the navigation's order.
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        m_pageActions->addAction(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Diagnostics…"), this, &MainWindow::showDiagnostics);
    help->addSeparator();
    help->addAction(tr("&About Trefoil"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Pages[std::max(0, m_pages->currentIndex())].page;
}

void MainWindow::showPage(Page page)
{
    for (int index = 0; index < int(std::size(Pages)); ++index) {
        if (Pages[index].page == page)
            m_navigation->setCurrentRow(index);
    }
}

void MainWindow::setPageWidget(Page page, QWidget *widget)
{
    for (int index = 0; index < int(std::size(Pages)); ++index) {
        if (Pages[index].page != page)
            continue;
        QWidget *old = m_pages->widget(index);
        const bool wasCurrent = m_pages->currentIndex() == index;
        m_pages->insertWidget(index, widget);
        m_pages->removeWidget(old);
        old->deleteLater();
        if (wasCurrent)
            m_pages->setCurrentIndex(index);
    }
}

void MainWindow::setDatabaseLocation(const QString &location)
{
    m_databaseLabel->setText(tr("Database: %1").arg(location));
}

void MainWindow::setDatabaseConnected(bool connected, const QString &detail)
{
    m_connectionLabel->setText(connected ? tr("● Connected") : tr("○ Not connected"));
    m_connectionLabel->setToolTip(detail);
    m_connectionLabel->setStyleSheet(connected ? QStringLiteral("color: #1a7f37") : QStringLiteral("color: #b35900"));
    if (connected)
        m_frame->setCurrentWidget(m_workspace);
    else if (!detail.isEmpty())
        statusBar()->showMessage(
            tr("The database connection was lost (%1); Trefoil reconnects by itself.").arg(detail));
}

void MainWindow::showProgress(const QString &step)
{
    m_startup->showStep(step);
}

void MainWindow::showFailure(const QString &message)
{
    m_startup->showFailure(message);
    m_frame->setCurrentWidget(m_startup);
}

void MainWindow::setServerVersion(const QString &version)
{
    m_serverVersion = version;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Trefoil"),
        tr("<h3>Trefoil %1</h3>"
           "<p>Realtime GraphQL, reliable eventing and the order workflow, with the dashboard "
           "that shows them.</p>"
           "<p>Qt %2<br>PostgreSQL %3</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                m_serverVersion.isEmpty() ? tr("(not connected)") : m_serverVersion.toHtmlEscaped()));
}

void MainWindow::showDiagnostics()
{
    auto *dialog = new DiagnosticsDialog(m_stallMonitor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QLatin1String(GeometryKey)).toByteArray());
    restoreState(settings.value(QLatin1String(StateKey)).toByteArray());
    const int page = settings.value(QLatin1String(PageKey), 0).toInt();
    m_navigation->setCurrentRow(page >= 0 && page < int(std::size(Pages)) ? page : 0);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1String(GeometryKey), saveGeometry());
    settings.setValue(QLatin1String(StateKey), saveState());
    settings.setValue(QLatin1String(PageKey), m_navigation->currentRow());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace trefoil::ui
