#pragma once

#include "backend/events/eventfilter.h"
#include "backend/pg/transaction.h"

#include <QJsonArray>
#include <QObject>
#include <QStringList>

#include <functional>

namespace trefoil::pg {
class Pool;
} // namespace trefoil::pg

namespace trefoil::events {

class TriggerStore;

// The operator console's summaries: failures grouped by fingerprint, and per-trigger and
// per-function activity over a recent window. Read-only. The pages ask every second or two while
// the workers write thousands of events a second, so no statement reads a whole table: each one
// goes through an index that holds only what it counts (see engine migration 0007).
class OperatorStats final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorStats)

public:
    using Rows = std::function<void(const QJsonArray &rows, const QString &error)>;
    static constexpr int MaxWindowSeconds = 86400;
    // How much older than the window an event delivered in it may be (the trigger statistics
    // read the window's deliveries through the (trigger_name, created_at) index). Events delivered
    // later than this after their creation are not counted, as in eventRatesSql().
    static constexpr int DeliveryMarginSeconds = 60;
    // Up to this size of trefoil.events (1,024 pages, some ten thousand events) delivered events
    // are counted exactly whatever the filter: reading it takes a millisecond or two.
    static constexpr qint64 SmallTableBytes = 8 * 1024 * 1024;

    OperatorStats(pg::Pool *pool, TriggerStore *triggers, QObject *parent = nullptr);

    // How many matching events are in each of the six states (the filter's statuses are ignored:
    // these are the counts of the console's status tabs). Delivered events are the bulk of the
    // table: unless the filter narrows them (deliveredCountIsExact), their count is the planner's
    // estimate, and the answer says so with "estimated": ["delivered"].
    void stateCounts(const EventFilter &filter, QObject *context,
        std::function<void(const QJsonObject &counts, const QString &error)> done);
    // Events with a last_error matching the filter, grouped by trefoil.error_fingerprint, biggest first.
    void failureGroups(const EventFilter &filter, int limit, QObject *context, Rows done);
    // Every trigger with its definition and its counts (window and now).
    void triggerStats(int seconds, QObject *context, Rows done);
    // Every named built-in function with the invocations of builtin triggers that use it.
    void functionStats(const QStringList &functions, int seconds, QObject *context, Rows done);

    // The statements, for the tests that check their plans.
    // The counts of stateCounts(); "delivered" is null when it has to be estimated.
    static pg::Statement stateCountsSql(const EventFilter &filter);
    // True when the filter narrows the delivered events to an index range (ids, trigger and a
    // start time, or an error); otherwise stateCounts() answers the planner's estimate for them
    // once the table is bigger than SmallTableBytes.
    static bool deliveredCountIsExact(const EventFilter &filter);
    // EXPLAIN (FORMAT JSON) of the delivered events matching the filter: its "Plan Rows" is the estimate.
    static pg::Statement deliveredEstimateSql(const EventFilter &filter);
    static pg::Statement failureGroupsSql(const EventFilter &filter, int limit);
    static pg::Statement triggerCountsSql(int seconds);
    static pg::Statement functionStatsSql(const QStringList &functions, int seconds);

private:
    pg::Pool *m_pool;
    TriggerStore *m_triggers;
};

} // namespace trefoil::events
