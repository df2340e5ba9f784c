#include "ui/pages/throughput/throughputpage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView EventRatesDocument { "event_rates" };

// A round upper bound for an axis: 1, 2, 5 × 10^n above `value`.
// At least 5, so that five intervals always fall on whole numbers.
double niceCeiling(double value)
{
    if (value <= 5)
        return 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : { 1.0, 2.0, 5.0, 10.0 }) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

double maxY(const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &p : points)
        top = std::max(top, p.y());
    return top;
}

QLineSeries *lineSeries(const QString &name, const QColor &color, QObject *parent)
{
    auto *series = new QLineSeries(parent);
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2);
    series->setPen(pen);
    return series;
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(4);
    chart->setAnimationOptions(QChart::NoAnimation); // animations would redraw between our updates
    return chart;
}

QValueAxis *timeAxis(QChart *chart, const QString &title)
{
    auto *axis = new QValueAxis(chart);
    axis->setRange(-ThroughputPage::WindowSeconds, 0);
    axis->setTickCount(ThroughputPage::WindowSeconds / 20 + 1); // a tick every 20 s
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTitleText(title);
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

} // namespace

ThroughputPage::ThroughputPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_history(WindowSeconds)
{
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: palette(bright-text); background: #b3261e;"
                                          " border-radius: 4px; padding: 4px 8px; }"));
    m_error->hide();
    m_now = new QLabel(tr("Waiting for the first figures…"), this);
    m_now->setTextFormat(Qt::PlainText);
    m_now->setWordWrap(true);

    m_rateChart = newChart(tr("Per second"));
    m_placed = lineSeries(tr("Orders placed"), QColor(0x1f, 0x77, 0xb4), m_rateChart);
    m_completed = lineSeries(tr("Orders assigned a driver"), QColor(0x2c, 0xa0, 0x2c), m_rateChart);
    m_delivered = lineSeries(tr("Events delivered"), QColor(0xff, 0x7f, 0x0e), m_rateChart);
    // Placed and completed run close together: the dashed line lets both be seen.
    QPen placedPen = m_placed->pen();
    placedPen.setStyle(Qt::DashLine);
    m_placed->setPen(placedPen);
    QValueAxis *rateX = timeAxis(m_rateChart, tr("seconds ago"));
    m_rateY = new QValueAxis(m_rateChart);
    m_rateY->setRange(0, 10);
    m_rateY->setLabelFormat(QStringLiteral("%d"));
    m_rateY->setTitleText(tr("per second"));
    m_rateChart->addAxis(m_rateY, Qt::AlignLeft);
    for (QLineSeries *series : { m_placed, m_completed, m_delivered }) {
        m_rateChart->addSeries(series);
        series->attachAxis(rateX);
        series->attachAxis(m_rateY);
    }
    m_rateView = new QChartView(m_rateChart, this);
    m_rateView->setRenderHint(QPainter::Antialiasing);
    m_rateView->setMinimumHeight(220);

    m_latencyChart = newChart(tr("Step latency, event created → delivered (95th percentile)"));
    m_latencyX = timeAxis(m_latencyChart, tr("seconds ago"));
    m_latencyY = new QValueAxis(m_latencyChart);
    m_latencyY->setRange(0, 10);
    m_latencyY->setLabelFormat(QStringLiteral("%d"));
    m_latencyY->setTitleText(tr("ms"));
    m_latencyChart->addAxis(m_latencyY, Qt::AlignLeft);
    m_latencyView = new QChartView(m_latencyChart, this);
    m_latencyView->setRenderHint(QPainter::Antialiasing);
    m_latencyView->setMinimumHeight(200);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addWidget(m_now);
    layout->addWidget(m_rateView, 3);
    layout->addWidget(m_latencyView, 2);

    m_pollTimer.setInterval(PollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ThroughputPage::poll);
    m_redrawTimer.setInterval(RedrawIntervalMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            redraw();
    });
}

ThroughputPage::~ThroughputPage() = default;

QString ThroughputPage::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QLineSeries *ThroughputPage::rateSeries(RateHistory::Rate rate) const
{
    switch (rate) {
    case RateHistory::Rate::Placed:
        return m_placed;
    case RateHistory::Rate::Completed:
        return m_completed;
    case RateHistory::Rate::Delivered:
        return m_delivered;
    }
    return nullptr;
}

void ThroughputPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Hidden, the page asks nothing; shown again, it reads the whole window first.
    ++m_generation;
    m_inFlight = false;
    m_haveWindow = false;
    m_pollTimer.start();
    m_redrawTimer.start();
    poll();
}

void ThroughputPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    ++m_generation;
    m_pollTimer.stop();
    m_redrawTimer.stop();
}

void ThroughputPage::poll()
{
    if (m_inFlight)
        return; // a slow answer is not overtaken by a pile of new questions
    m_inFlight = true;
    const int window = m_haveWindow ? RecentSeconds : WindowSeconds;
    const quint64 generation = m_generation;
    m_client->execute(GraphqlDocuments::request(EventRatesDocument, { { QStringLiteral("seconds"), window } }), this,
        [this, window, generation](const GraphqlResult &result) {
            if (generation != m_generation)
                return;
            m_inFlight = false;
            onRates(result, window);
        });
}

void ThroughputPage::onRates(const GraphqlResult &result, int windowSeconds)
{
    if (!result.isOk()) {
        m_error->setText(tr("Could not read the event rates: %1").arg(result.errorString()));
        m_error->show();
        return;
    }
    m_error->hide();
    m_history.merge(result.data.value(QLatin1StringView("trefoil_event_rates")).toObject(), windowSeconds);
    m_haveWindow = true;
    ++m_resultsMerged;
    m_dirty = true;
}

int ThroughputPage::plotWidth(const QChartView *view) const
{
    return std::max(60, static_cast<int>(view->chart()->plotArea().width()));
}

QLineSeries *ThroughputPage::addLatencySeries(const QString &trigger)
{
    static const QList<QColor> palette { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b) };
    QLineSeries *series = lineSeries(trigger, palette.at(m_latencySeries.size() % palette.size()), m_latencyChart);
    m_latencyChart->addSeries(series);
    series->attachAxis(m_latencyX);
    series->attachAxis(m_latencyY);
    m_latencySeries.insert(trigger, series);
    return series;
}

void ThroughputPage::redraw()
{
    m_dirty = false;
    const int width = plotWidth(m_rateView);
    double top = 0;
    for (auto rate : { RateHistory::Rate::Placed, RateHistory::Rate::Completed, RateHistory::Rate::Delivered }) {
        const QList<QPointF> points = RateHistory::decimate(m_history.points(rate), width);
        top = std::max(top, maxY(points));
        rateSeries(rate)->replace(points);
    }
    m_rateY->setRange(0, niceCeiling(top * 1.1));

    const int latencyWidth = plotWidth(m_latencyView);
    double latencyTop = 0;
    QStringList latencyNow;
    for (const QString &trigger : m_history.latencyTriggers()) {
        QLineSeries *series = m_latencySeries.value(trigger);
        if (!series)
            series = addLatencySeries(trigger);
        const QList<QPointF> points = RateHistory::decimate(m_history.latencyPoints(trigger), latencyWidth);
        latencyTop = std::max(latencyTop, maxY(points));
        series->replace(points);
        latencyNow.append(tr("%1 %2 ms").arg(trigger, QLocale().toString(m_history.latestLatencyMs(trigger), 'f', 0)));
    }
    m_latencyY->setRange(0, niceCeiling(latencyTop * 1.1));

    QString summary = tr("Last second: %1 orders placed, %2 assigned a driver, %3 events delivered.")
                          .arg(m_history.latest(RateHistory::Rate::Placed))
                          .arg(m_history.latest(RateHistory::Rate::Completed))
                          .arg(m_history.latest(RateHistory::Rate::Delivered));
    if (!latencyNow.isEmpty())
        summary += QLatin1Char(' ') + tr("p95 latency: %1.").arg(latencyNow.join(QLatin1String(", ")));
    m_now->setText(summary);
}

} // namespace trefoil::ui
