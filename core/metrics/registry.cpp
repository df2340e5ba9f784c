#include "core/metrics/registry.h"

#include "core/metrics/textformat.h"

#include <algorithm>

namespace trefoil::metrics {

struct Registry::Entry {
    QByteArray name;
    QByteArray help;
    MetricType type = MetricType::Counter;
    QByteArrayList labelNames;
    std::variant<std::unique_ptr<CounterFamily>, std::unique_ptr<GaugeFamily>, std::unique_ptr<HistogramFamily>> family;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry &Registry::entry(const QByteArray &name, const QByteArray &help, MetricType type,
    const QByteArrayList &labelNames, const QList<double> &upperBounds)
{
    if (!textformat::isValidMetricName(name))
        qFatal("metrics: invalid metric name \"%s\"", name.constData());
    for (const QByteArray &label : labelNames) {
        if (!textformat::isValidLabelName(label) || (type == MetricType::Histogram && label == "le"))
            qFatal("metrics: invalid label name \"%s\" on %s", label.constData(), name.constData());
    }

    const QMutexLocker lock(&m_mutex);
    for (const auto &existing : m_entries) {
        if (existing->name != name)
            continue;
        if (existing->type != type || existing->labelNames != labelNames)
            qFatal("metrics: %s registered twice with a different type or labels", name.constData());
        return *existing;
    }

    auto e = std::make_unique<Entry>();
    e->name = name;
    e->help = help;
    e->type = type;
    e->labelNames = labelNames;
    switch (type) {
    case MetricType::Counter:
        e->family = std::make_unique<CounterFamily>(labelNames, [] { return std::make_unique<Counter>(); });
        break;
    case MetricType::Gauge:
        e->family = std::make_unique<GaugeFamily>(labelNames, [] { return std::make_unique<Gauge>(); });
        break;
    case MetricType::Histogram:
        e->family = std::make_unique<HistogramFamily>(
            labelNames, [upperBounds] { return std::make_unique<Histogram>(upperBounds); });
        break;
    }
    m_entries.push_back(std::move(e));
    return *m_entries.back();
}

Counter &Registry::counter(const QByteArray &name, const QByteArray &help)
{
    return counterFamily(name, help, {}).labels({});
}

CounterFamily &Registry::counterFamily(const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames)
{
    return *std::get<std::unique_ptr<CounterFamily>>(entry(name, help, MetricType::Counter, labelNames, {}).family);
}

Gauge &Registry::gauge(const QByteArray &name, const QByteArray &help)
{
    return gaugeFamily(name, help, {}).labels({});
}

GaugeFamily &Registry::gaugeFamily(const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames)
{
    return *std::get<std::unique_ptr<GaugeFamily>>(entry(name, help, MetricType::Gauge, labelNames, {}).family);
}

Histogram &Registry::histogram(const QByteArray &name, const QByteArray &help, const QList<double> &upperBounds)
{
    return histogramFamily(name, help, {}, upperBounds).labels({});
}

HistogramFamily &Registry::histogramFamily(
    const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames, const QList<double> &upperBounds)
{
    return *std::get<std::unique_ptr<HistogramFamily>>(
        entry(name, help, MetricType::Histogram, labelNames, upperBounds).family);
}

namespace {

Labels zipLabels(const QByteArrayList &names, const QStringList &values)
{
    Labels labels;
    labels.reserve(names.size() + 1);
    for (qsizetype i = 0; i < names.size(); ++i)
        labels.append({ names.at(i), values.value(i) });
    return labels;
}

} // namespace

QList<FamilySnapshot> Registry::collect() const
{
    QList<FamilySnapshot> out;
    const QMutexLocker lock(&m_mutex);
    out.reserve(static_cast<qsizetype>(m_entries.size()));
    for (const auto &e : m_entries) {
        FamilySnapshot family { e->name, e->help, e->type, {} };
        if (const auto *counters = std::get_if<std::unique_ptr<CounterFamily>>(&e->family)) {
            (*counters)->forEach([&](const QStringList &values, const Counter &c) {
                family.samples.append({ e->name, zipLabels(e->labelNames, values), c.value() });
            });
        } else if (const auto *gauges = std::get_if<std::unique_ptr<GaugeFamily>>(&e->family)) {
            (*gauges)->forEach([&](const QStringList &values, const Gauge &g) {
                family.samples.append({ e->name, zipLabels(e->labelNames, values), g.value() });
            });
        } else if (const auto *histograms = std::get_if<std::unique_ptr<HistogramFamily>>(&e->family)) {
            const QByteArray bucketName = e->name + "_bucket";
            const QByteArray sumName = e->name + "_sum";
            const QByteArray countName = e->name + "_count";
            (*histograms)->forEach([&](const QStringList &values, const Histogram &h) {
                const HistogramSnapshot s = h.snapshot();
                const Labels labels = zipLabels(e->labelNames, values);
                for (qsizetype i = 0; i < s.cumulativeCounts.size(); ++i) {
                    Labels withLe = labels;
                    const QByteArray le = i < s.upperBounds.size() ? textformat::formatValue(s.upperBounds.at(i))
                                                                   : QByteArrayLiteral("+Inf");
                    withLe.append({ QByteArrayLiteral("le"), QString::fromLatin1(le) });
                    family.samples.append(
                        { bucketName, std::move(withLe), static_cast<double>(s.cumulativeCounts.at(i)) });
                }
                family.samples.append({ sumName, labels, s.sum });
                family.samples.append({ countName, labels, static_cast<double>(s.count) });
            });
        }
        if (!family.samples.isEmpty())
            out.append(std::move(family));
    }
    std::sort(out.begin(), out.end(), [](const FamilySnapshot &a, const FamilySnapshot &b) { return a.name < b.name; });
    return out;
}

QByteArray Registry::render() const
{
    return render(collect());
}

QByteArray Registry::render(const QList<FamilySnapshot> &families)
{
    QByteArray out;
    out.reserve(4096);
    for (const FamilySnapshot &family : families) {
        out += "# HELP " + family.name + ' ' + textformat::escapeHelp(family.help) + '\n';
        out += "# TYPE " + family.name + ' ';
        switch (family.type) {
        case MetricType::Counter:
            out += "counter\n";
            break;
        case MetricType::Gauge:
            out += "gauge\n";
            break;
        case MetricType::Histogram:
            out += "histogram\n";
            break;
        }
        for (const Sample &sample : family.samples) {
            out += sample.name;
            if (!sample.labels.isEmpty()) {
                out += '{';
                for (qsizetype i = 0; i < sample.labels.size(); ++i) {
                    if (i > 0)
                        out += ',';
                    out += sample.labels.at(i).first + "=\"" + textformat::escapeLabelValue(sample.labels.at(i).second)
                        + '"';
                }
                out += '}';
            }
            out += ' ' + textformat::formatValue(sample.value) + '\n';
        }
    }
    return out;
}

std::optional<double> Registry::value(QByteArrayView sampleName, const Labels &labels) const
{
    Labels wanted = labels;
    std::sort(wanted.begin(), wanted.end());
    const QList<FamilySnapshot> families = collect();
    for (const FamilySnapshot &family : families) {
        if (!QByteArrayView(sampleName).startsWith(family.name))
            continue;
        for (const Sample &sample : family.samples) {
            if (sample.name != sampleName)
                continue;
            Labels have = sample.labels;
            std::sort(have.begin(), have.end());
            if (have == wanted)
                return sample.value;
        }
    }
    return std::nullopt;
}

} // namespace trefoil::metrics
