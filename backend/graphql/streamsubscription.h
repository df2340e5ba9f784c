#pragma once

#include "backend/graphql/streamcompiler.h"
#include "backend/graphql/subscriptions.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace trefoil::pg {
class Pool;
class Result;
} // namespace trefoil::pg

namespace trefoil::graphql {

// Runs one `<table>_stream` subscription: every row exactly once, in cursor order, in batches of
// at most batch_size, also when transactions commit out of cursor order.
//
// Why it is sound. Reading `cursor > last` alone (Hasura) loses a row whose transaction took a
// smaller cursor value but commits after a larger one was streamed (hasura/graphql-engine#8632).
// So a row is streamed only once no row at or below it can still appear. Each round:
//   1. epoch: one statement reads a frontier F from its snapshot, then the virtual transaction ids
//      of every transaction running at that moment (pg_locks; autovacuum excepted). F is the
//      largest cursor value in the table (LargestValue), or for time-derived cursors
//      (timestamptz, UUID v7) the statement's start time (Clock, rows strictly below it).
//   2. drain: wait until every one of those transactions has ended (re-checked with a growing
//      delay; none running → no wait). CREATE INDEX CONCURRENTLY waits for transactions the same way.
//   3. fetch, with a NEW snapshot: rows with cursor > last and cursor ≤ F (< F for Clock),
//      ordered, limited to batch_size; repeated while batches are full.
// A row invisible to the fetch belongs to a transaction that was not running at step 1 (those
// have ended before the fetch's snapshot), so it started later and made its cursor value later.
// Given that cursor values are made by a clock or sequence inside the inserting transaction
// (serial/identity with CACHE 1, now()/clock_timestamp() defaults, trefoil.uuid_v7()), a value
// made later is above F: nothing at or below F can still appear. What does not hold: values made
// outside the inserting transaction (a client-supplied timestamp, nextval() in another
// transaction), sequences with CACHE > 1, a clock set back, a non-time-ordered UUID (held back
// until the clock passes it), and ties of a non-unique cursor split across batches (Hasura's
// documented limitation). The cost: a row waits for the transactions that ran when it could be
// read, so an open idle transaction holds the stream back until it ends.
//
// Wake-ups: tableChanged() (the hub's change signal for plan().schemaName/tableName) and a
// safety-net poll while subscribed. Results go to the sink; nothing is called after destruction,
// and a sink function may delete the subscription.
class StreamSubscription final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamSubscription)

public:
    struct Options {
        int pollIntervalMs = 500; // safety net when no change signal arrives
        int drainMinMs = 1; // first re-check for running transactions, doubled up to drainMaxMs
        int drainMaxMs = 100;
    };

    StreamSubscription(
        pg::Pool *pool, StreamPlan plan, SubscriptionSink sink, Options options, QObject *parent = nullptr);
    StreamSubscription(pg::Pool *pool, StreamPlan plan, SubscriptionSink sink, QObject *parent = nullptr)
        : StreamSubscription(pool, std::move(plan), std::move(sink), Options {}, parent)
    {
    }

    const StreamPlan &plan() const { return m_plan; }
    // The cursor value after the last delivered batch (the initial value before the first).
    QString cursor() const { return m_cursor; }

    // Starts streaming (the first batch as soon as it is safe).
    void start();

public Q_SLOTS:
    // Something committed in the stream's table: look for new rows (coalesced with a round in progress).
    void tableChanged();

Q_SIGNALS:
    // A batch of `rows` rows went to sink.next.
    void delivered(int rows);
    // Rows may be held back: `running` transactions that were running at the frontier read have not ended.
    void waitingForTransactions(int running);
    // A round ended with everything up to its frontier streamed.
    void caughtUp();

private:
    enum class State : quint8 { Idle, Epoch, Draining, Fetching, Failed };

    pg::Pool *m_pool;
    StreamPlan m_plan;
    SubscriptionSink m_sink;
    Options m_options;
    QString m_cursor;
    QString m_frontier;
    QStringList m_running;
    State m_state = State::Idle;
    bool m_started = false;
    bool m_again = false; // a wake-up arrived during a round
    bool m_woken = false; // this round follows a change signal
    int m_drainDelayMs = 0;
    QTimer m_poll;
    QTimer m_drain;
    // UUID v7 cursors: a change signal usually arrives within the millisecond its rows were made,
    // which the frontier excludes, so one more round follows just after.
    QTimer m_settle;

    // Starts a round, or asks for one more after the round in progress.
    void wake();
    void round();
    void onEpoch(const pg::Result &result);
    void checkRunning();
    void onRunning(const pg::Result &result);
    void fetch();
    void onFetch(const pg::Result &result);
    void finishRound();
    // A database error: connection trouble is retried at the next poll; anything else ends the stream.
    bool failedOn(const pg::Result &result);
};

} // namespace trefoil::graphql
