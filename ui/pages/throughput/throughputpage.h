#pragma once

#include "ui/pages/throughput/orderhistory.h"
#include "ui/pages/throughput/ratehistory.h"

#include <QHash>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <array>

class QAbstractSeries;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace trefoil::ui {

class CounterLabel;
class GraphqlWsClient;
struct GraphqlResult;

// Live throughput while the page is shown, over a window of 1, 5, 15 or 60 minutes: the demo's
// order counters (placed … assigned, rejected, failed) as large numbers; orders placed and
// completed per second; events delivered, failed and dead per second (all triggers or one);
// each workflow stage's latency (p50 and p95); and each trigger's pending backlog. Fed by the
// trefoil_event_rates and order_stats queries (the latter only when the server has the demo): the
// whole window once, then only the last few seconds twice a second, merged into ring buffers sized
// to the window. The charts are redrawn at most ten times a second, each series replaced in one
// call with points decimated to the plot's width. Pause freezes the charts and counters while the
// polls go on filling the buffers, so that Resume shows the whole window at once.
class ThroughputPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputPage)

public:
    static constexpr std::array<int, 4> WindowMinutes { 1, 5, 15, 60 };
    static constexpr int DefaultWindowSeconds = 5 * 60;
    static constexpr int PollIntervalMs = 500;
    static constexpr int RecentSeconds = 4; // asked for on each poll after the first
    static constexpr int RedrawIntervalMs = 100;

    explicit ThroughputPage(GraphqlWsClient *client, QWidget *parent = nullptr);
    ~ThroughputPage() override;

    int windowSeconds() const { return m_windowSeconds; }
    void setWindowSeconds(int seconds);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);

    const RateHistory &history() const { return m_history; }
    const OrderHistory &orders() const { return m_orders; }
    // False once the server answered that it has no order_stats (no demo installed).
    bool hasOrderStats() const { return m_orderStatsAvailable; }
    // Results merged so far (tests wait on them).
    int resultsMerged() const { return m_resultsMerged; }
    int orderResultsMerged() const { return m_orderResultsMerged; }
    int redraws() const { return m_redraws; }
    QString errorText() const;
    QLineSeries *rateSeries(RateHistory::Rate rate) const;
    QLineSeries *eventSeries(RateHistory::TriggerRate rate) const;
    QLineSeries *pendingSeries(const QString &trigger) const { return m_pendingSeries.value(trigger); }
    QLineSeries *stageSeries(OrderHistory::Stage stage, OrderHistory::Percentile percentile) const;
    CounterLabel *counter(OrderHistory::Stage stage) const;
    QComboBox *windowBox() const { return m_windowBox; }
    QComboBox *triggerBox() const { return m_triggerBox; }
    QPushButton *pauseButton() const { return m_pauseButton; }
    QPushButton *exportPngButton() const { return m_exportPngButton; }
    QPushButton *exportCsvButton() const { return m_exportCsvButton; }
    // The charts, as Export PNG saves them.
    QWidget *chartsWidget() const { return m_charts; }

    // What Export writes, without a dialog.
    bool exportPng(const QString &path);
    bool exportCsv(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void restart();
    void poll();
    void onRates(const GraphqlResult &result, int windowSeconds);
    void onOrderStats(const GraphqlResult &result, int windowSeconds);
    void redraw();
    void redrawEvents(double unit, int width);
    void redrawLatency(double unit, int width);
    void redrawPending(double unit, int width);
    void updateAxes();
    void showTooltip(QLineSeries *series, const QPointF &point, bool state);
    void askExportPath(bool png);
    QLineSeries *addSeries(QChart *chart, QValueAxis *x, QValueAxis *y, const QString &name, const QColor &color);
    int plotWidth(const QChartView *view) const;
    static QString windowName(int seconds);
    double xUnitSeconds() const;

    GraphqlWsClient *m_client;
    int m_windowSeconds = DefaultWindowSeconds;
    RateHistory m_history;
    OrderHistory m_orders;
    QTimer m_pollTimer;
    QTimer m_redrawTimer;
    bool m_ratesInFlight = false;
    bool m_ordersInFlight = false;
    bool m_haveWindow = false; // the whole window of event rates was read since the page was shown
    bool m_haveOrderWindow = false;
    bool m_orderStatsAvailable = true;
    bool m_dirty = false;
    bool m_paused = false;
    int m_resultsMerged = 0;
    int m_orderResultsMerged = 0;
    int m_redraws = 0;
    qint64 m_drawnNowMs = 0; // the server clock of what is drawn (for the tooltips' times)
    quint64 m_generation = 0; // results of an earlier showing or window are dropped

    QLabel *m_error = nullptr;
    QLabel *m_note = nullptr;
    QComboBox *m_windowBox = nullptr;
    QComboBox *m_triggerBox = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_exportPngButton = nullptr;
    QPushButton *m_exportCsvButton = nullptr;
    std::array<CounterLabel *, OrderHistory::StageCount> m_counters {};
    QWidget *m_charts = nullptr;
    QList<QValueAxis *> m_timeAxes;

    QChartView *m_rateView = nullptr;
    QValueAxis *m_rateY = nullptr;
    QLineSeries *m_placed = nullptr;
    QLineSeries *m_completed = nullptr;

    QChartView *m_eventView = nullptr;
    QValueAxis *m_eventY = nullptr;
    std::array<QLineSeries *, 3> m_eventSeries {};

    QChartView *m_latencyView = nullptr;
    QValueAxis *m_latencyY = nullptr;
    std::array<std::array<QLineSeries *, 2>, OrderHistory::TimedStages.size()> m_stageSeries {};

    QChartView *m_pendingView = nullptr;
    QChart *m_pendingChart = nullptr;
    QValueAxis *m_pendingX = nullptr;
    QValueAxis *m_pendingY = nullptr;
    QHash<QString, QLineSeries *> m_pendingSeries;
};

} // namespace trefoil::ui
