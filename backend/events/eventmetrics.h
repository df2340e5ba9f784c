#pragma once

#include "backend/events/eventworker.h"

#include <QObject>

namespace trefoil::metrics {
class Registry;
}

namespace trefoil::events {

// Per-trigger counters and latency histograms of event delivery, fed by the worker's finished
// attempts; exported by the server at /metrics and readable in-process for charts.
class EventMetrics final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventMetrics)

public:
    EventMetrics(metrics::Registry *registry, QObject *parent = nullptr);

    void watch(EventWorker *worker);
    // Operator redeliveries, counted where they were asked for.
    void countRedelivered(qint64 events);

public Q_SLOTS:
    void record(const QList<trefoil::events::AttemptRecord> &records);

private:
    metrics::Registry *m_registry;
};

} // namespace trefoil::events
