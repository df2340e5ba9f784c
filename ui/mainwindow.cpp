#include "ui/mainwindow.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"
#include "ui/diagnostics/guistallmonitor.h"
#include "ui/widgets/connectdialog.h"
#include "ui/widgets/diagnosticsdialog.h"
#include "ui/widgets/placeholderpage.h"
#include "ui/widgets/startupview.h"
#include "ui/widgets/statuscolours.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QJsonArray>
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

constexpr const char *PageKeys[]
    = { "orders", "restaurant", "throughput", "events", "triggers", "functions", "settings" };
static_assert(std::size(PageKeys) == std::size(Pages));

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
    , m_rateLabel(new QLabel(this))
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

    m_databaseLabel->setObjectName(QStringLiteral("databaseStatus"));
    m_rateLabel->setObjectName(QStringLiteral("eventRateStatus"));
    m_rateLabel->setToolTip(tr("Events delivered per second over the last 10 s (every delivery attempt counts)"));
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_clock.start();
    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer.start();
    refreshStatus();

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
    QAction *connectTo = file->addAction(tr("&Connect to…"), this, &MainWindow::showConnectDialog);
    connectTo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addSeparator();
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
    help->addAction(tr("&Diagnostics…"), this, &MainWindow::showDiagnostics)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    help->addSeparator();
    help->addAction(tr("&About Trefoil"), this, &MainWindow::showAbout)->setShortcut(QKeySequence::HelpContents);
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

QList<MainWindow::Page> MainWindow::pages()
{
    QList<Page> all;
    for (const PageInfo &info : Pages)
        all.append(info.page);
    return all;
}

QString MainWindow::pageKey(Page page)
{
    return QLatin1String(PageKeys[pages().indexOf(page)]);
}

QWidget *MainWindow::pageWidget(Page page) const
{
    return m_pages->widget(int(pages().indexOf(page)));
}

void MainWindow::setPageFactory(PageFactory factory)
{
    m_pageFactory = std::move(factory);
    if (m_client)
        rebuildPages();
}

void MainWindow::rebuildPages()
{
    for (const PageInfo &info : Pages) {
        QWidget *content = m_pageFactory && m_client ? m_pageFactory(info.page, m_client) : nullptr;
        setPageWidget(info.page, content ? content : new PlaceholderPage(tr(info.title), tr(info.explanation)));
    }
}

void MainWindow::setEmbeddedEndpoint(const GraphqlEndpoint &endpoint, const QString &location)
{
    m_embedded = endpoint;
    m_embeddedLocation = location;
    if (!m_client || m_usingEmbedded)
        connectTo(endpoint, location);
}

void MainWindow::connectTo(const GraphqlEndpoint &endpoint, const QString &location)
{
    if (m_client) {
        m_client->disconnect(this);
        m_client->close();
        m_client->deleteLater();
    }
    m_usingEmbedded = m_embedded && *m_embedded == endpoint;
    m_serverVersion.clear();
    m_eventRate.clear();
    setDatabaseLocation(location);
    m_client = new GraphqlWsClient(this);
    m_client->setEndpoint(endpoint);
    connect(m_client, &GraphqlWsClient::stateChanged, this, &MainWindow::onClientState);
    // Connecting before the pages are made: what they ask for at once waits for the connection
    // instead of failing as "not connected".
    m_client->open();
    // The pages, and the event rate, subscribe through the new client: the old pages go with the old client.
    rebuildPages();
    m_rateSubscription
        = m_client->subscribe(GraphqlDocuments::request(QLatin1StringView("latest_invocation")), m_client);
    connect(m_rateSubscription, &Subscription::resultReceived, this, [this](const GraphqlResult &result) {
        const QJsonArray rows = result.data.value(QLatin1StringView("trefoil_invocations")).toArray();
        // bigint ids arrive as numbers or strings, depending on their size.
        const QJsonValue id = rows.isEmpty() ? QJsonValue(0) : rows.first().toObject().value(QLatin1StringView("id"));
        m_eventRate.addSample(m_clock.elapsed(), id.isString() ? id.toString().toLongLong() : id.toInteger());
        refreshStatus();
    });
    m_rateSubscription->start();
    refreshStatus();
}

void MainWindow::onClientState(const ConnectionState &state)
{
    if (state.kind == ConnectionState::Kind::Connected) {
        m_frame->setCurrentWidget(m_workspace);
        fetchServerInfo();
        Q_EMIT connected();
    }
    refreshStatus();
}

void MainWindow::fetchServerInfo()
{
    m_client->execute(
        GraphqlDocuments::request(QLatin1StringView("server_info")), this, [this](const GraphqlResult &result) {
            const QJsonObject info = result.data.value(QLatin1StringView("trefoil_server_info")).toObject();
            m_serverVersion = info.value(QLatin1StringView("postgres_version")).toString();
            const QString trefoil = info.value(QLatin1StringView("trefoil_version")).toString();
            // A remote server may run another Trefoil than this dashboard: say which.
            if (!trefoil.isEmpty() && trefoil != QApplication::applicationVersion())
                m_serverVersion = tr("%1 (server: Trefoil %2)").arg(m_serverVersion, trefoil);
            if (!result.isOk())
                m_serverVersion = tr("unknown (%1)").arg(result.errorString());
        });
}

GraphqlWsClient *MainWindow::client() const
{
    return m_client;
}

void MainWindow::setDatabaseLocation(const QString &location)
{
    m_databaseLabel->setText(tr("Database: %1").arg(location));
}

QString MainWindow::connectionStatusText() const
{
    return m_connectionLabel->text();
}

QString MainWindow::eventRateText() const
{
    return m_rateLabel->text();
}

void MainWindow::refreshStatus()
{
    const ConnectionState state = m_client ? m_client->state() : ConnectionState {};
    StatusTone tone = StatusTone::Warning;
    QString text;
    switch (state.kind) {
    case ConnectionState::Kind::Connected:
        tone = StatusTone::Good;
        text = tr("● Connected");
        break;
    case ConnectionState::Kind::Failed:
        tone = StatusTone::Bad;
        text = tr("○ Failed: %1").arg(state.describe());
        break;
    case ConnectionState::Kind::Disconnected:
        text = m_client ? tr("○ Not connected") : tr("○ Starting…");
        break;
    case ConnectionState::Kind::Connecting:
    case ConnectionState::Kind::Reconnecting:
        text = QStringLiteral("○ ") + state.describe();
        break;
    }
    // Long reasons go to the tooltip; the status bar keeps one short line.
    m_connectionLabel->setToolTip(text);
    m_connectionLabel->setText(m_connectionLabel->fontMetrics().elidedText(text, Qt::ElideRight, 480));
    QPalette palette = m_connectionLabel->palette();
    palette.setColor(QPalette::WindowText, statusColour(tone, this->palette()));
    m_connectionLabel->setPalette(palette);

    const std::optional<double> rate = m_eventRate.perSecond(m_clock.elapsed());
    m_rateLabel->setText(rate ? tr("%L1 events/s").arg(*rate, 0, 'f', *rate < 10 ? 1 : 0) : tr("– events/s"));
}

void MainWindow::setDatabaseConnected(bool connected, const QString &detail)
{
    // The client's state is what the status bar shows; a lost database is worth a word of its own.
    if (!connected && !detail.isEmpty())
        statusBar()->showMessage(
            tr("The database connection was lost (%1); Trefoil reconnects by itself.").arg(detail), 10000);
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

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(m_embedded, m_embeddedLocation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        connectTo(dialog->endpoint(),
            dialog->isEmbedded() ? m_embeddedLocation : tr("behind %1").arg(dialog->endpoint().displayName()));
    });
    dialog->open();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refreshStatus();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Trefoil"),
        tr("<h3>Trefoil %1</h3>"
           "<p>Realtime GraphQL, reliable eventing and the order workflow, with the dashboard "
           "that shows them.</p>"
           "<p>Qt %2<br>PostgreSQL %3</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                m_serverVersion.isEmpty() ? tr("(not known yet)") : m_serverVersion.toHtmlEscaped()));
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
