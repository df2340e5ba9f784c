#pragma once

#include "core/metrics/family.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace trefoil::metrics {

using Labels = QList<QPair<QByteArray, QString>>;

enum class MetricType { Counter, Gauge, Histogram };

// One line of the exposition: full sample name (with _bucket/_sum/_count for histograms).
struct Sample {
    QByteArray name;
    Labels labels;
    double value = 0;
};

struct FamilySnapshot {
    QByteArray name;
    QByteArray help;
    MetricType type = MetricType::Counter;
    QList<Sample> samples;
};

// Owns a process's metrics and renders them in the Prometheus text format 0.0.4.
// Registering is idempotent: asking again for the same name and type returns the same object
// (registering a name with another type or other labels is a programming error and aborts).
// Metric objects live as long as the registry; update them from any thread, read from any other.
class Registry final {
    Q_DISABLE_COPY_MOVE(Registry)

public:
    static constexpr QByteArrayView contentType = "text/plain; version=0.0.4; charset=utf-8";

    Registry();
    ~Registry();

    Counter &counter(const QByteArray &name, const QByteArray &help);
    CounterFamily &counterFamily(const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames);
    Gauge &gauge(const QByteArray &name, const QByteArray &help);
    GaugeFamily &gaugeFamily(const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames);
    Histogram &histogram(
        const QByteArray &name, const QByteArray &help, const QList<double> &upperBounds = Histogram::defaultBuckets());
    HistogramFamily &histogramFamily(const QByteArray &name, const QByteArray &help, const QByteArrayList &labelNames,
        const QList<double> &upperBounds = Histogram::defaultBuckets());

    // Every family with its current samples, sorted by name; families without children are left out.
    QList<FamilySnapshot> collect() const;
    // collect() as exposition text.
    QByteArray render() const;
    static QByteArray render(const QList<FamilySnapshot> &families);

    // The value of one sample, e.g. value("trefoil_http_requests_total", {{"code", u"200"_s}})
    // or value("trefoil_job_seconds_count"). Labels must match exactly (order does not matter).
    std::optional<double> value(QByteArrayView sampleName, const Labels &labels = {}) const;

private:
    struct Entry;
    Entry &entry(const QByteArray &name, const QByteArray &help, MetricType type, const QByteArrayList &labelNames,
        const QList<double> &upperBounds);

    mutable QMutex m_mutex;
    std::vector<std::unique_ptr<Entry>> m_entries;
};

} // namespace trefoil::metrics
