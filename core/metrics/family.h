#pragma once

#include "core/metrics/counter.h"
#include "core/metrics/gauge.h"
#include "core/metrics/histogram.h"

#include <QByteArrayList>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <utility>

namespace trefoil::metrics {

// One metric split by label values, e.g. trefoil_events_delivered_total{trigger="x"}.
// labels() creates a child on first use and returns the same object afterwards; the reference
// stays valid for the family's lifetime, so hot paths look it up once and keep it.
template<typename Metric> class Family final {
    Q_DISABLE_COPY_MOVE(Family)

public:
    using Factory = std::function<std::unique_ptr<Metric>()>;

    Family(QByteArrayList labelNames, Factory factory)
        : m_labelNames(std::move(labelNames))
        , m_factory(std::move(factory))
    {
    }

    // Values in the order of labelNames(); missing values are empty, extra ones are dropped.
    Metric &labels(QStringList values)
    {
        Q_ASSERT_X(values.size() == m_labelNames.size(), "metrics::Family::labels", "wrong number of label values");
        values.resize(m_labelNames.size());
        const QMutexLocker lock(&m_mutex);
        auto it = m_children.find(values);
        if (it == m_children.end())
            it = m_children.emplace(std::move(values), m_factory()).first;
        return *it->second;
    }

    const QByteArrayList &labelNames() const { return m_labelNames; }

    // Calls f(labelValues, metric) for every child, sorted by label values.
    template<typename F> void forEach(F &&f) const
    {
        const QMutexLocker lock(&m_mutex);
        for (const auto &[values, metric] : m_children)
            f(values, *metric);
    }

private:
    const QByteArrayList m_labelNames;
    const Factory m_factory;
    mutable QMutex m_mutex;
    std::map<QStringList, std::unique_ptr<Metric>> m_children;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

} // namespace trefoil::metrics
