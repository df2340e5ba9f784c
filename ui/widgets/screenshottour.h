#pragma once

#include <QObject>

#include <QPointer>
#include <QString>
#include <functional>

namespace trefoil::ui {

class MainWindow;

// For scripts/screenshots and CI: once the window's client is connected, stages a small incident
// (a webhook trigger on payments that nobody answers) and places a few demo orders through the
// API (so the pages have something to show), lets the pages fill, then saves every page, the
// Orders page's dialogs and the Connect to… dialog as <directory>/<name>.png and emits finished().
class ScreenshotTour final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(MainWindow *window, QString directory, QObject *parent = nullptr);

    void setDemoOrders(int count) { m_demoOrders = count; }
    void setSettleMs(int ms) { m_settleMs = ms; }

Q_SIGNALS:
    // ok: every picture was saved; otherwise `problem` says which was not.
    void finished(bool ok, const QString &problem);

private:
    QPointer<MainWindow> m_window;
    QString m_directory;
    int m_demoOrders = 12;
    int m_settleMs = 2500;
    int m_ordersAnswered = 0;
    bool m_started = false;
    QString m_problem;

    void begin();
    void stageIncident(std::function<void()> then);
    void placeDemoOrders();
    void shootPage(int index);
    void shootPageDialogs(int index);
    void shootConnectDialog();
    bool save(QWidget *widget, const QString &name);
};

} // namespace trefoil::ui
