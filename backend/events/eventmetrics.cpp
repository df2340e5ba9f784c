#include "backend/events/eventmetrics.h"

#include "core/metrics/registry.h"

namespace trefoil::events {

namespace {
const QByteArrayList TriggerLabel = { QByteArrayLiteral("trigger") };

QList<double> latencyBuckets()
{
    // Milliseconds, 0.25 ms to about a minute: built-in steps take a few ms, webhooks seconds.
    return metrics::Histogram::exponentialBuckets(0.25, 2, 18);
}
} // namespace

EventMetrics::EventMetrics(metrics::Registry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
{
}

void EventMetrics::watch(EventWorker *worker)
{
    connect(worker, &EventWorker::attemptsFinished, this, &EventMetrics::record);
}

void EventMetrics::countRedelivered(qint64 events)
{
    m_registry->counter("trefoil_events_redelivered_total", "Events an operator asked to be delivered again")
        .inc(double(events));
}

void EventMetrics::record(const QList<AttemptRecord> &records)
{
    auto &firstAttempts = m_registry->counterFamily("trefoil_events_first_attempts_total",
        "Events attempted for the first time (created and claimed)", TriggerLabel);
    auto &delivered = m_registry->counterFamily("trefoil_events_delivered_total", "Events delivered", TriggerLabel);
    auto &failed = m_registry->counterFamily(
        "trefoil_events_failed_attempts_total", "Delivery attempts that failed", TriggerLabel);
    auto &dead
        = m_registry->counterFamily("trefoil_events_dead_total", "Events that used up their retries", TriggerLabel);
    auto &toStart = m_registry->histogramFamily("trefoil_events_commit_to_start_ms",
        "From the change's commit to the start of the first attempt, ms", TriggerLabel, latencyBuckets());
    auto &duration = m_registry->histogramFamily(
        "trefoil_events_attempt_duration_ms", "Duration of one attempt, ms", TriggerLabel, latencyBuckets());
    auto &toDelivered = m_registry->histogramFamily("trefoil_events_commit_to_delivered_ms",
        "From the change's commit to its delivery, ms", TriggerLabel, latencyBuckets());
    for (const AttemptRecord &record : records) {
        const QStringList trigger { record.triggerName };
        if (record.attempt == 1) {
            firstAttempts.labels(trigger).inc();
            toStart.labels(trigger).observe(std::max(0.0, record.commitToStartMs));
        }
        duration.labels(trigger).observe(record.durationMs);
        if (record.status == QLatin1String("delivered")) {
            delivered.labels(trigger).inc();
            toDelivered.labels(trigger).observe(std::max(0.0, record.commitToDoneMs));
        } else {
            failed.labels(trigger).inc();
            if (record.status == QLatin1String("dead"))
                dead.labels(trigger).inc();
        }
    }
}

} // namespace trefoil::events
