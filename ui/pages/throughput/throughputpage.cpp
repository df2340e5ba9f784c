#include "ui/pages/throughput/throughputpage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/pages/throughput/throughputexport.h"
#include "ui/widgets/counterlabel.h"
#include "ui/widgets/statuscolours.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QPushButton>
#include <QSaveFile>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView EventRatesDocument { "event_rates" };
constexpr QLatin1StringView OrderStatsDocument { "order_stats" };
constexpr int SparsePoints = 20;
constexpr const char *TooltipName = "tooltipName";

using Stage = OrderHistory::Stage;
using Percentile = OrderHistory::Percentile;
using TriggerRate = RateHistory::TriggerRate;

// A round range for a count or latency axis: up to 1, 2 or 5 × 10^n above `value` (at least 5),
// with ticks on whole, round steps.
void setNiceRange(QValueAxis *axis, double value)
{
    double top = 5;
    double magnitude = 1;
    double step = 5;
    if (value > 5) {
        magnitude = std::pow(10.0, std::floor(std::log10(value)));
        for (double s : { 1.0, 2.0, 5.0, 10.0 }) {
            step = s;
            if (value <= s * magnitude)
                break;
        }
        top = step * magnitude;
    }
    // 1 × 10^n in steps of 2 × 10^(n-1), 2 × 10^n in steps of 5 × 10^(n-1), 5 × 10^n in steps of 10^n.
    const int ticks = (step == 2.0) ? 5 : 6;
    axis->setRange(0, top);
    axis->setTickCount(ticks);
}

double maxY(const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &p : points) {
        if (!std::isnan(p.y()))
            top = std::max(top, p.y());
    }
    return top;
}

// x from seconds to the axis' unit, then at most `width` points.
QList<QPointF> plotted(QList<QPointF> points, double unit, int width)
{
    if (unit != 1) {
        for (QPointF &p : points)
            p.setX(p.x() / unit);
    }
    return RateHistory::decimate(points, width);
}

// The same for a series with seconds that have no value: the line breaks where they are. Decimated
// points of an unbroken run are less than two buckets apart, so only real gaps break it.
QList<QPointF> plottedWithGaps(const QList<QPointF> &points, double unit, int width, int windowSeconds)
{
    const double bucketSeconds = 3.0 * windowSeconds / std::max(3, width);
    return RateHistory::breakGaps(plotted(points, unit, width), std::max(1.5, 2.5 * bucketSeconds) / unit);
}

QChart *newChart(const QString &title, const QPalette &palette)
{
    auto *chart = new QChart;
    // Before any series is added: the theme sets the background, grid and text colours, and the
    // series' own pens are set afterwards.
    chart->setTheme(isDarkPalette(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(4);
    chart->setAnimationOptions(QChart::NoAnimation); // animations would redraw between our updates
    return chart;
}

QValueAxis *valueAxis(QChart *chart, Qt::Alignment alignment, const QString &title)
{
    auto *axis = new QValueAxis(chart);
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTitleText(title);
    if (alignment == Qt::AlignLeft)
        axis->setRange(0, 5);
    chart->addAxis(axis, alignment);
    return axis;
}

QChartView *chartView(QChart *chart, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    return view;
}

const QList<QColor> &seriesColours()
{
    static const QList<QColor> colors { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
        QColor(0x7f, 0x7f, 0x7f) };
    return colors;
}

} // namespace

ThroughputPage::ThroughputPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_history(DefaultWindowSeconds + 1)
    , m_orders(DefaultWindowSeconds + 1)
{
    m_windowBox = new QComboBox(this);
    m_windowBox->setObjectName(QStringLiteral("throughputWindow"));
    for (int minutes : WindowMinutes)
        m_windowBox->addItem(windowName(minutes * 60), minutes * 60);
    m_windowBox->setCurrentIndex(int(m_windowBox->findData(DefaultWindowSeconds)));
    connect(m_windowBox, &QComboBox::currentIndexChanged, this,
        [this](int index) { setWindowSeconds(m_windowBox->itemData(index).toInt()); });
    m_triggerBox = new QComboBox(this);
    m_triggerBox->setObjectName(QStringLiteral("throughputTrigger"));
    m_triggerBox->addItem(tr("All triggers"), QString());
    m_triggerBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_triggerBox, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = true;
        if (!m_paused)
            redraw();
    });
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Freeze the charts; the figures keep being collected meanwhile"));
    connect(m_pauseButton, &QPushButton::toggled, this, &ThroughputPage::setPaused);
    m_exportPngButton = new QPushButton(tr("Export PNG…"), this);
    connect(m_exportPngButton, &QPushButton::clicked, this, [this] { askExportPath(true); });
    m_exportCsvButton = new QPushButton(tr("Export CSV…"), this);
    connect(m_exportCsvButton, &QPushButton::clicked, this, [this] { askExportPath(false); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_windowBox);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Events of:"), this));
    bar->addWidget(m_triggerBox);
    bar->addStretch(1);
    bar->addWidget(m_pauseButton);
    bar->addWidget(m_exportPngButton);
    bar->addWidget(m_exportCsvButton);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: palette(bright-text); background: #b3261e;"
                                          " border-radius: 4px; padding: 4px 8px; }"));
    m_error->hide();
    m_note = new QLabel(tr("Waiting for the first figures…"), this);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);

    const std::array<QString, OrderHistory::StageCount> captions { tr("Orders placed"), tr("Validated"), tr("Paid"),
        tr("Approved"), tr("Driver assigned"), tr("Rejected"), tr("Failed") };
    auto *counters = new QHBoxLayout;
    for (int i = 0; i < OrderHistory::StageCount; ++i) {
        m_counters[static_cast<size_t>(i)] = new CounterLabel(captions[static_cast<size_t>(i)], this);
        counters->addWidget(m_counters[static_cast<size_t>(i)], 1);
    }
    for (CounterLabel *c : m_counters)
        c->setToolTip(tr("Orders that reached this stage in the window. An order that took more than a minute "
                         "after it was placed to get there is not counted (the figures are read from the orders "
                         "placed since a minute before the window, so that the query stays cheap)."));
    counter(Stage::Rejected)->setAccent(QColor(0xe6, 0x7e, 0x22));
    counter(Stage::Failed)->setAccent(QColor(0xd6, 0x27, 0x28));

    m_charts = new QWidget(this);
    m_charts->setObjectName(QStringLiteral("throughputCharts"));

    QChart *rateChart = newChart(tr("Orders per second"), palette());
    QValueAxis *rateX = valueAxis(rateChart, Qt::AlignBottom, {});
    m_rateY = valueAxis(rateChart, Qt::AlignLeft, tr("per second"));
    m_placed = addSeries(rateChart, rateX, m_rateY, tr("Placed"), seriesColours().at(0));
    m_completed = addSeries(rateChart, rateX, m_rateY, tr("Completed (driver assigned)"), seriesColours().at(2));
    QPen placedPen = m_placed->pen(); // placed and completed run close together: dashed, both show
    placedPen.setStyle(Qt::DashLine);
    m_placed->setPen(placedPen);
    m_rateView = chartView(rateChart, m_charts);

    QChart *eventChart = newChart(tr("Events per second"), palette());
    QValueAxis *eventX = valueAxis(eventChart, Qt::AlignBottom, {});
    m_eventY = valueAxis(eventChart, Qt::AlignLeft, tr("per second"));
    m_eventSeries = { addSeries(eventChart, eventX, m_eventY, tr("Delivered"), seriesColours().at(1)),
        addSeries(eventChart, eventX, m_eventY, tr("Failed attempts"), seriesColours().at(3)),
        addSeries(eventChart, eventX, m_eventY, tr("Dead"), seriesColours().at(4)) };
    m_eventView = chartView(eventChart, m_charts);

    QChart *latencyChart
        = newChart(tr("Time to reach each stage from the one before: p95 (thick), p50 (thin)"), palette());
    QValueAxis *latencyX = valueAxis(latencyChart, Qt::AlignBottom, {});
    m_latencyY = valueAxis(latencyChart, Qt::AlignLeft, tr("ms"));
    const std::array<QString, OrderHistory::TimedStages.size()> stageNames { tr("Validated"), tr("Paid"),
        tr("Approved"), tr("Driver assigned") };
    for (size_t i = 0; i < OrderHistory::TimedStages.size(); ++i) {
        const QColor color = seriesColours().at(static_cast<qsizetype>(i));
        QLineSeries *p95 = addSeries(latencyChart, latencyX, m_latencyY, stageNames[i], color);
        QLineSeries *p50 = addSeries(latencyChart, latencyX, m_latencyY, tr("%1, p50 ms").arg(stageNames[i]), color);
        p95->setProperty(TooltipName, tr("%1, p95 ms").arg(stageNames[i])); // the legend's name is shorter
        // Thin and paler rather than dashed: Qt Charts draws a dashed line as one path that
        // bridges the NaN points where the line should break.
        QColor pale = color;
        pale.setAlpha(150);
        QPen pen = p50->pen();
        pen.setColor(pale);
        pen.setWidthF(1);
        p50->setPen(pen);
        for (QLegendMarker *marker : latencyChart->legend()->markers(p50))
            marker->setVisible(false); // one legend entry per stage; the title says which line is which
        m_stageSeries[i] = { p50, p95 };
    }
    m_latencyView = chartView(latencyChart, m_charts);

    m_pendingChart = newChart(tr("Pending backlog"), palette());
    m_pendingX = valueAxis(m_pendingChart, Qt::AlignBottom, {});
    m_pendingY = valueAxis(m_pendingChart, Qt::AlignLeft, tr("events"));
    m_pendingView = chartView(m_pendingChart, m_charts);

    m_timeAxes = { rateX, eventX, latencyX, m_pendingX };
    auto *grid = new QGridLayout(m_charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_rateView, 0, 0);
    grid->addWidget(m_eventView, 0, 1);
    grid->addWidget(m_latencyView, 1, 0);
    grid->addWidget(m_pendingView, 1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addLayout(counters);
    layout->addWidget(m_note);
    layout->addWidget(m_charts, 1);
    updateAxes();

    m_pollTimer.setInterval(PollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ThroughputPage::poll);
    m_redrawTimer.setInterval(RedrawIntervalMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (m_dirty && !m_paused)
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
        return m_eventSeries[0];
    }
    return nullptr;
}

QLineSeries *ThroughputPage::eventSeries(RateHistory::TriggerRate rate) const
{
    const auto index = static_cast<size_t>(rate);
    return index < m_eventSeries.size() ? m_eventSeries[index] : nullptr;
}

QLineSeries *ThroughputPage::stageSeries(OrderHistory::Stage stage, OrderHistory::Percentile percentile) const
{
    for (size_t i = 0; i < OrderHistory::TimedStages.size(); ++i) {
        if (OrderHistory::TimedStages[i] == stage)
            return m_stageSeries[i][static_cast<size_t>(percentile)];
    }
    return nullptr;
}

CounterLabel *ThroughputPage::counter(OrderHistory::Stage stage) const
{
    return m_counters[static_cast<size_t>(stage)];
}

QLineSeries *ThroughputPage::addSeries(
    QChart *chart, QValueAxis *x, QValueAxis *y, const QString &name, const QColor &color)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2);
    series->setPen(pen);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    connect(series, &QLineSeries::hovered, this,
        [this, series](const QPointF &point, bool state) { showTooltip(series, point, state); });
    return series;
}

QString ThroughputPage::windowName(int seconds)
{
    return seconds == 60 ? tr("Last minute") : tr("Last %1 minutes").arg(seconds / 60);
}

double ThroughputPage::xUnitSeconds() const
{
    return m_windowSeconds <= 60 ? 1 : 60;
}

void ThroughputPage::updateAxes()
{
    const double unit = xUnitSeconds();
    const int span = static_cast<int>(m_windowSeconds / unit);
    // A tick every 10 s, 1 min, 5 min or 10 min.
    const int step = unit == 1 ? 10 : span <= 5 ? 1 : span <= 15 ? 5 : 10;
    for (QValueAxis *axis : std::as_const(m_timeAxes)) {
        axis->setRange(-span, 0);
        axis->setTickCount(span / step + 1);
        axis->setTitleText(unit == 1 ? tr("seconds ago") : tr("minutes ago"));
    }
}

void ThroughputPage::setWindowSeconds(int seconds)
{
    seconds = std::clamp(seconds, 60, 3600);
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    const int index = int(m_windowBox->findData(seconds));
    if (index >= 0 && index != m_windowBox->currentIndex())
        m_windowBox->setCurrentIndex(index);
    // Buffers sized to the window: one more second than it spans, the current incomplete one.
    m_history = RateHistory(seconds + 1);
    m_orders = OrderHistory(seconds + 1);
    updateAxes();
    redraw(); // even when paused: the frozen lines belonged to the other window's axes
    if (isVisible())
        restart();
}

void ThroughputPage::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && m_dirty)
        redraw();
}

void ThroughputPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    restart();
}

void ThroughputPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    ++m_generation;
    m_pollTimer.stop();
    m_redrawTimer.stop();
}

void ThroughputPage::restart()
{
    // Hidden, the page asks nothing; shown again (or given another window), it reads the whole
    // window first.
    ++m_generation;
    m_ratesInFlight = false;
    m_ordersInFlight = false;
    m_haveWindow = false;
    m_haveOrderWindow = false;
    m_pollTimer.start();
    m_redrawTimer.start();
    poll();
}

void ThroughputPage::poll()
{
    const quint64 generation = m_generation;
    // A slow answer is not overtaken by a pile of new questions.
    if (!m_ratesInFlight) {
        m_ratesInFlight = true;
        const int window = m_haveWindow ? RecentSeconds : m_windowSeconds;
        m_client->execute(GraphqlDocuments::request(EventRatesDocument, { { QStringLiteral("seconds"), window } }),
            this, [this, window, generation](const GraphqlResult &result) {
                if (generation != m_generation)
                    return;
                m_ratesInFlight = false;
                onRates(result, window);
            });
    }
    if (m_orderStatsAvailable && !m_ordersInFlight) {
        m_ordersInFlight = true;
        const int window = m_haveOrderWindow ? RecentSeconds : m_windowSeconds;
        m_client->execute(GraphqlDocuments::request(OrderStatsDocument, { { QStringLiteral("seconds"), window } }),
            this, [this, window, generation](const GraphqlResult &result) {
                if (generation != m_generation)
                    return;
                m_ordersInFlight = false;
                onOrderStats(result, window);
            });
    }
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

void ThroughputPage::onOrderStats(const GraphqlResult &result, int windowSeconds)
{
    if (!result.isOk()) {
        if (!result.isTransportError() && result.errorString().contains(QLatin1String("'order_stats' not found"))) {
            // A server without the demo: the order figures come from the workflow's events instead.
            m_orderStatsAvailable = false;
            for (CounterLabel *c : m_counters)
                c->clear();
            m_dirty = true;
            return;
        }
        m_error->setText(tr("Could not read the order figures: %1").arg(result.errorString()));
        m_error->show();
        return;
    }
    m_orders.merge(result.data.value(QLatin1StringView("order_stats")).toObject(), windowSeconds);
    m_haveOrderWindow = true;
    ++m_orderResultsMerged;
    m_dirty = true;
}

int ThroughputPage::plotWidth(const QChartView *view) const
{
    return std::max(60, static_cast<int>(view->chart()->plotArea().width()));
}

void ThroughputPage::redraw()
{
    m_dirty = false;
    ++m_redraws;
    m_drawnNowMs = std::max(m_history.nowMs(), m_orders.nowMs());
    const double unit = xUnitSeconds();
    const bool orderFigures = m_orderStatsAvailable && m_orderResultsMerged > 0;

    const int width = plotWidth(m_rateView);
    const QList<QPointF> placed = plotted(
        orderFigures ? m_orders.points(Stage::Placed) : m_history.points(RateHistory::Rate::Placed), unit, width);
    const QList<QPointF> completed = plotted(
        orderFigures ? m_orders.points(Stage::Assigned) : m_history.points(RateHistory::Rate::Completed), unit, width);
    m_placed->replace(placed);
    m_completed->replace(completed);
    setNiceRange(m_rateY, std::max(maxY(placed), maxY(completed)) * 1.1);

    redrawEvents(unit, plotWidth(m_eventView));
    redrawLatency(unit, plotWidth(m_latencyView));
    redrawPending(unit, plotWidth(m_pendingView));

    for (int i = 0; i < OrderHistory::StageCount; ++i) {
        if (orderFigures)
            m_counters[static_cast<size_t>(i)]->setValue(m_orders.total(static_cast<Stage>(i)));
        else
            m_counters[static_cast<size_t>(i)]->clear();
    }

    QString note;
    if (!m_orderStatsAvailable) {
        note = tr("This server has no order figures (the demo is not installed): orders are counted from the "
                  "workflow's events, and the counters and stage latencies stay empty.");
    } else {
        QStringList latency;
        for (Stage stage : OrderHistory::TimedStages) {
            const double p95 = m_orders.latestLatencyMs(stage, Percentile::P95);
            if (p95 >= 0)
                latency.append(tr("%1 %2 ms").arg(OrderHistory::key(stage), QLocale().toString(p95, 'f', 0)));
        }
        note = m_windowSeconds == 60
            ? tr("Counters: orders that reached each stage in the last minute.")
            : tr("Counters: orders that reached each stage in the last %1 minutes.").arg(m_windowSeconds / 60);
        if (!latency.isEmpty())
            note += QLatin1Char(' ')
                + tr("Stage latency over the last %1 seconds, p95: %2.")
                      .arg(RecentSeconds)
                      .arg(latency.join(QLatin1String(", ")));
    }
    m_note->setText(note);
}

void ThroughputPage::redrawEvents(double unit, int width)
{
    const QStringList triggers = m_history.triggers();
    for (const QString &trigger : triggers) {
        if (m_triggerBox->findData(trigger) < 0)
            m_triggerBox->addItem(trigger, trigger);
    }
    const QString trigger = m_triggerBox->currentData().toString();
    double top = 0;
    for (auto rate : { TriggerRate::Delivered, TriggerRate::Failed, TriggerRate::Dead }) {
        const QList<QPointF> points = plotted(m_history.triggerPoints(rate, trigger), unit, width);
        top = std::max(top, maxY(points));
        eventSeries(rate)->replace(points);
    }
    setNiceRange(m_eventY, top * 1.1);
}

void ThroughputPage::redrawLatency(double unit, int width)
{
    double top = 0;
    for (size_t i = 0; i < OrderHistory::TimedStages.size(); ++i) {
        for (auto percentile : { Percentile::P50, Percentile::P95 }) {
            const QList<QPointF> points = plottedWithGaps(
                m_orders.latencyPoints(OrderHistory::TimedStages[i], percentile), unit, width, m_windowSeconds);
            top = std::max(top, maxY(points));
            QLineSeries *series = m_stageSeries[i][static_cast<size_t>(percentile)];
            // A lone second between gaps has no line to draw: markers show it while values are few.
            series->setPointsVisible(points.size() <= SparsePoints);
            series->replace(points);
        }
    }
    setNiceRange(m_latencyY, top * 1.1);
}

void ThroughputPage::redrawPending(double unit, int width)
{
    double top = 0;
    for (const QString &trigger : m_history.triggers()) {
        QLineSeries *series = m_pendingSeries.value(trigger);
        if (!series) {
            series = addSeries(m_pendingChart, m_pendingX, m_pendingY, trigger,
                seriesColours().at(m_pendingSeries.size() % seriesColours().size()));
            m_pendingSeries.insert(trigger, series);
        }
        const QList<QPointF> points
            = plottedWithGaps(m_history.triggerPoints(TriggerRate::Pending, trigger), unit, width, m_windowSeconds);
        top = std::max(top, maxY(points));
        series->setPointsVisible(points.size() <= SparsePoints);
        series->replace(points);
    }
    setNiceRange(m_pendingY, top * 1.1);
}

void ThroughputPage::showTooltip(QLineSeries *series, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    // x is in the axis' unit before the drawn "now"; the nearest second is the one meant.
    const qint64 second = m_drawnNowMs / 1000 + std::llround(point.x() * xUnitSeconds());
    const QString time = QLocale().toString(QDateTime::fromSecsSinceEpoch(second).time(), QLocale::LongFormat);
    const QVariant tooltipName = series->property(TooltipName);
    const QString name = tooltipName.isValid() ? tooltipName.toString() : series->name();
    QToolTip::showText(QCursor::pos(),
        tr("%1\n%2: %3").arg(time, name, QLocale().toString(point.y(), 'f', point.y() < 10 ? 1 : 0)), this);
}

void ThroughputPage::askExportPath(bool png)
{
    auto *dialog = new QFileDialog(this, png ? tr("Export the charts as PNG") : tr("Export the figures as CSV"));
    dialog->setObjectName(QStringLiteral("throughputExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    dialog->setDefaultSuffix(png ? QStringLiteral("png") : QStringLiteral("csv"));
    dialog->selectFile(png ? QStringLiteral("throughput.png") : QStringLiteral("throughput.csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, png](const QString &path) {
        const bool written = png ? exportPng(path) : exportCsv(path);
        if (!written) {
            m_error->setText(tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
            m_error->show();
        }
    });
    dialog->open();
}

bool ThroughputPage::exportPng(const QString &path)
{
    return ThroughputExport::writePng(m_charts, path);
}

bool ThroughputPage::exportCsv(const QString &path)
{
    QSaveFile file(path); // a failed export leaves an earlier file as it was
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (!ThroughputExport::writeCsv(&file, m_history, m_orderStatsAvailable ? &m_orders : nullptr)) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace trefoil::ui
