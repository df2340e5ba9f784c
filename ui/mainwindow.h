#pragma once

#include <QMainWindow>

class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace trefoil::ui {

class GuiStallMonitor;
class StartupView;

// The dashboard's frame: the start-up view until the backend answers, then a page navigation on
// the left and the pages; menus, shortcuts, remembered geometry and page; a status bar with where
// the database is and whether it is reachable.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Orders, Restaurant, Throughput, Events, Triggers, Functions, Settings };
    Q_ENUM(Page)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    // Replaces a page's placeholder with its content (the window owns it from then on).
    void setPageWidget(Page page, QWidget *widget);
    const GuiStallMonitor *stallMonitor() const { return m_stallMonitor; }

public Q_SLOTS:
    void showPage(trefoil::ui::MainWindow::Page page);
    void setDatabaseLocation(const QString &location);
    void setDatabaseConnected(bool connected, const QString &detail);
    void showProgress(const QString &step);
    void showFailure(const QString &message);
    void setServerVersion(const QString &version);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QStackedWidget *m_frame; // the start-up view, then the workspace
    StartupView *m_startup;
    QWidget *m_workspace;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QActionGroup *m_pageActions;
    QLabel *m_databaseLabel;
    QLabel *m_connectionLabel;
    GuiStallMonitor *m_stallMonitor;
    QString m_serverVersion;

    void buildPages();
    void buildMenus();
    void restoreSettings();
    void saveSettings() const;
    void showAbout();
    void showDiagnostics();
};

} // namespace trefoil::ui
