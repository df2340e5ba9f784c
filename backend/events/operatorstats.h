#pragma once

#include "backend/events/eventfilter.h"

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
// per-function activity over a recent window. Read-only; every answer is one statement.
class OperatorStats final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorStats)

public:
    using Rows = std::function<void(const QJsonArray &rows, const QString &error)>;
    static constexpr int MaxWindowSeconds = 86400;

    OperatorStats(pg::Pool *pool, TriggerStore *triggers, QObject *parent = nullptr);

    // How many matching events are in each of the six states (the filter's statuses are ignored:
    // these are the counts of the console's status tabs).
    void stateCounts(const EventFilter &filter, QObject *context,
        std::function<void(const QJsonObject &counts, const QString &error)> done);
    // Events with a last_error matching the filter, grouped by trefoil.error_fingerprint, biggest first.
    void failureGroups(const EventFilter &filter, int limit, QObject *context, Rows done);
    // Every trigger with its definition and its counts (window and now).
    void triggerStats(int seconds, QObject *context, Rows done);
    // Every named built-in function with the invocations of builtin triggers that use it.
    void functionStats(const QStringList &functions, int seconds, QObject *context, Rows done);

private:
    pg::Pool *m_pool;
    TriggerStore *m_triggers;
};

} // namespace trefoil::events
