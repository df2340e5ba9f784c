#pragma once

#include <QDateTime>
#include <QDialog>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;

// Place many: N random orders (up to 100,000) at a chosen rate, to demo and load the system from
// the desktop. A timer sends what the rate allows so far, with at most MaxInFlight mutations
// unanswered, so the GUI thread never waits; a live count shows how many of this run's orders the
// workflow has completed (polled once a second, one count at a time). Cancel stops sending (orders already sent go on).
class PlaceManyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceManyDialog)

public:
    static constexpr int MaxOrders = 100000;
    static constexpr int MaxInFlight = 64;

    explicit PlaceManyDialog(GraphqlWsClient *client, QWidget *parent = nullptr);

    QSpinBox *countBox() const { return m_count; }
    QSpinBox *rateBox() const { return m_rate; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    int sent() const { return m_sent; }
    int inFlight() const { return m_inFlight; }
    int placed() const { return m_placed; }
    int failed() const { return m_failed; }
    qint64 completed() const { return m_completed; }
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void start();
    void cancel();

private:
    void onCatalog(const GraphqlResult &result);
    void tick();
    void sendOne();
    void pollCompleted();
    void updateStatus();
    void finish();

    GraphqlWsClient *m_client;
    QTimer m_ticker;
    QElapsedTimer m_elapsed;
    QTimer m_completionTimer; // counts this run's completed orders once a second
    bool m_completionInFlight = false;
    QDateTime m_startedAt;
    QString m_runTag; // in each order's address, so that this run's completions can be counted
    QList<int> m_restaurants;
    QHash<int, QList<int>> m_menus; // restaurant → available menu item ids
    int m_target = 0;
    int m_sent = 0;
    int m_placed = 0;
    int m_failed = 0;
    int m_inFlight = 0;
    qint64 m_completed = 0;
    bool m_running = false;
    QString m_firstError;

    QSpinBox *m_count;
    QSpinBox *m_rate;
    QCheckBox *m_manual;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace trefoil::ui
