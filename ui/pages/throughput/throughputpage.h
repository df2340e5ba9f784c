#pragma once

#include "ui/pages/throughput/ratehistory.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace trefoil::ui {

class GraphqlWsClient;
struct GraphqlResult;

// Live throughput while the page is shown: orders placed and completed and events delivered per
// second over the last two minutes, and each workflow step's latency (95th percentile, event
// created → delivered, per second). Fed by the trefoil_event_rates query: the whole window once,
// then only the last few seconds twice a second, merged into bounded ring buffers (RateHistory); the charts are
// redrawn at most ten times a second, each series replaced in one call with decimated points.
class ThroughputPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputPage)

public:
    static constexpr int WindowSeconds = 120;
    static constexpr int PollIntervalMs = 500;
    static constexpr int RecentSeconds = 4; // asked for on each poll after the first
    static constexpr int RedrawIntervalMs = 100;

    explicit ThroughputPage(GraphqlWsClient *client, QWidget *parent = nullptr);
    ~ThroughputPage() override;

    const RateHistory &history() const { return m_history; }
    // Results merged so far (tests wait on it).
    int resultsMerged() const { return m_resultsMerged; }
    QString errorText() const;
    QLineSeries *rateSeries(RateHistory::Rate rate) const;
    QLineSeries *latencySeries(const QString &trigger) const { return m_latencySeries.value(trigger); }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void poll();
    void onRates(const GraphqlResult &result, int windowSeconds);
    void redraw();
    QLineSeries *addLatencySeries(const QString &trigger);
    int plotWidth(const QChartView *view) const;

    GraphqlWsClient *m_client;
    RateHistory m_history;
    QTimer m_pollTimer;
    QTimer m_redrawTimer;
    bool m_inFlight = false;
    bool m_haveWindow = false; // the whole window was read since the page was shown
    bool m_dirty = false;
    int m_resultsMerged = 0;
    quint64 m_generation = 0; // results of an earlier showing are dropped

    QLabel *m_error = nullptr;
    QLabel *m_now = nullptr;
    QChart *m_rateChart = nullptr;
    QChartView *m_rateView = nullptr;
    QValueAxis *m_rateY = nullptr;
    QLineSeries *m_placed = nullptr;
    QLineSeries *m_completed = nullptr;
    QLineSeries *m_delivered = nullptr;
    QChart *m_latencyChart = nullptr;
    QChartView *m_latencyView = nullptr;
    QValueAxis *m_latencyX = nullptr;
    QValueAxis *m_latencyY = nullptr;
    QHash<QString, QLineSeries *> m_latencySeries;
};

} // namespace trefoil::ui
