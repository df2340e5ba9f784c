#pragma once

#include "ui/client/connectionstate.h"
#include "ui/client/graphqlendpoint.h"
#include "ui/status/eventrate.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace trefoil::ui {

class GraphqlWsClient;
class GuiStallMonitor;
class StartupView;
class Subscription;

// The dashboard's frame: the start-up view until its client is connected, then a page navigation
// on the left and the pages; menus, shortcuts, remembered geometry and page; a status bar with the
// connection's state, where the database is and the live event rate. It is handed an endpoint
// (URL + secret), never a backend: the same window works against a remote trefoild.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Orders, Restaurant, Throughput, Events, Triggers, Functions, Settings };
    Q_ENUM(Page)
    // Builds a page's content for a client (the page subscribes through it); nullptr keeps the
    // placeholder. Called again for every page whenever the window connects somewhere else.
    using PageFactory = std::function<QWidget *(Page page, GraphqlWsClient *client)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    static QList<Page> pages();
    // A stable, untranslated name ("orders"), for file names.
    static QString pageKey(Page page);

    Page currentPage() const;
    QWidget *pageWidget(Page page) const;
    // Replaces a page's content (the window owns it from then on).
    void setPageWidget(Page page, QWidget *widget);
    void setPageFactory(PageFactory factory);
    const GuiStallMonitor *stallMonitor() const { return m_stallMonitor; }

    // The embedded backend's endpoint, once it serves: the default connection, used at once
    // unless the user already connected elsewhere.
    void setEmbeddedEndpoint(const GraphqlEndpoint &endpoint, const QString &location);
    // Drops the current client and its pages' subscriptions, and connects to `endpoint`.
    void connectTo(const GraphqlEndpoint &endpoint, const QString &location);
    GraphqlWsClient *client() const;

    // What the status bar says, for tests and the screenshot tour.
    QString connectionStatusText() const;
    QString eventRateText() const;
    QString serverVersion() const { return m_serverVersion; }

public Q_SLOTS:
    void showPage(trefoil::ui::MainWindow::Page page);
    void setDatabaseLocation(const QString &location);
    void setDatabaseConnected(bool connected, const QString &detail);
    void showProgress(const QString &step);
    void showFailure(const QString &message);
    void showConnectDialog();

Q_SIGNALS:
    // The client is connected (after each connectTo() and each reconnect).
    void connected();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QStackedWidget *m_frame; // the start-up view, then the workspace
    StartupView *m_startup;
    QWidget *m_workspace;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QActionGroup *m_pageActions;
    QLabel *m_databaseLabel;
    QLabel *m_rateLabel;
    QLabel *m_connectionLabel;
    GuiStallMonitor *m_stallMonitor;
    PageFactory m_pageFactory;
    QPointer<GraphqlWsClient> m_client;
    QPointer<Subscription> m_rateSubscription;
    std::optional<GraphqlEndpoint> m_embedded;
    QString m_embeddedLocation;
    bool m_usingEmbedded = false;
    QString m_serverVersion;
    QTimer m_statusTimer; // counts down "Reconnecting in N s" and ages the event rate
    EventRate m_eventRate;
    QElapsedTimer m_clock;

    void buildPages();
    void buildMenus();
    void rebuildPages();
    void onClientState(const ConnectionState &state);
    void refreshStatus();
    void fetchServerInfo();
    void restoreSettings();
    void saveSettings() const;
    void showAbout();
    void showDiagnostics();
};

} // namespace trefoil::ui
