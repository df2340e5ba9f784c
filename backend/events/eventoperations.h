#pragma once

#include "backend/events/eventfilter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace trefoil::pg {
class Pool;
}

namespace trefoil::events {

// What operators do to events: look, count, redeliver, cancel, release leases, invoke manual
// triggers and apply retention. Large changes run in batches of short transactions, so they never
// hold long locks on a busy events table; every operation reports how many events it touched.
class EventOperations final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventOperations)

public:
    using Counted = std::function<void(qint64 count, const QString &error)>;
    static constexpr int BatchSize = 1000;

    explicit EventOperations(pg::Pool *pool, QObject *parent = nullptr);

    // Newest first; each event with its lease owner and expiry and its last error.
    // withData adds each event's {"old", "new"} (the detail view; lists leave it out).
    void list(const EventFilter &filter, int limit, int offset, QObject *context,
        std::function<void(const QJsonArray &events, const QString &error)> done, bool withData = false);
    // The attempts of one event, oldest first.
    void invocations(
        const QString &eventId, QObject *context, std::function<void(const QJsonArray &, const QString &error)> done);
    void count(const EventFilter &filter, QObject *context, Counted done);
    // Makes matching events pending and due now (their retry budget starts again).
    void redeliver(const EventFilter &filter, QObject *context, Counted done);
    // Pending and retrying events (not those being delivered now) become cancelled, with the reason
    // kept for the operator.
    void cancel(const EventFilter &filter, const QString &reason, QObject *context, Counted done);

    // One batch of a bulk action the operator's client drives: at most `limit` matching events with
    // an id after `afterId` (empty: from the start), in id order. lastId is the last one touched,
    // empty when none was (the action is done), so the client can show progress and stop between
    // batches.
    using BatchDone = std::function<void(qint64 count, const QString &lastId, const QString &error)>;
    static constexpr int MaxBatchLimit = 5000;
    void redeliverBatch(const EventFilter &filter, int limit, const QString &afterId, QObject *context, BatchDone done);
    void cancelBatch(const EventFilter &filter, const QString &reason, int limit, const QString &afterId,
        QObject *context, BatchDone done);
    // Ends the leases of matching in-flight events so any worker may take them now.
    void releaseLeases(const EventFilter &filter, QObject *context, Counted done);
    // Creates a MANUAL event for a trigger with enable_manual; returns its id.
    void invoke(const QString &trigger, const QJsonObject &payload, QObject *context,
        std::function<void(const QString &eventId, const QString &error)> done);
    // Deletes delivered/cancelled events older than deliveredAge and dead ones older than deadAge,
    // with their invocation logs. A negative age keeps those events for ever.
    void applyRetention(int deliveredAgeSeconds, int deadAgeSeconds, QObject *context, Counted done);

private:
    pg::Pool *m_pool;
    void runBatch(const QString &sql, const QVariantList &params, QObject *context, BatchDone done);
    void runInBatches(const QString &sql, const QVariantList &params, QObject *context, Counted done, qint64 total = 0);
};

} // namespace trefoil::events
