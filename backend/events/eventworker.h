#pragma once

#include "backend/events/handlerregistry.h"
#include "backend/events/triggerdefinition.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <memory>

namespace trefoil::pg {
class Pool;
class Listener;
class PollingSwitch;
class Result;
} // namespace trefoil::pg

namespace trefoil::events {

class WebhookClient;

// The record of one finished attempt, for metrics and charts.
struct AttemptRecord {
    QString eventId;
    QString triggerName;
    int attempt = 0;
    QString status; // delivered | pending (will retry) | dead
    double commitToStartMs = 0;
    double durationMs = 0;
    double commitToDoneMs = 0;
};

struct WorkerOptions {
    // Unique per process, readable in the lease column: which machine, which process
    // ("host:pid:random").
    static QString uniqueWorkerId();

    QString workerId = uniqueWorkerId(); // shown as the lease owner
    int builtinConcurrency = 2; // transactions delivering built-in events at once
    int webhookConcurrency = 64; // webhook requests in flight at once
    int batchSize = 50; // events claimed per built-in batch
    int sweepIntervalMs = 1000; // fallback wake-up; NOTIFY wakes the worker in normal operation
    int leaseGraceSeconds = 30; // lease = the trigger's timeout + this
};

// Claims due events with FOR UPDATE SKIP LOCKED under a lease, delivers them and records the
// outcome. Built-in handlers run in batches, one transaction per batch, their writes and the
// delivered marks committing together; webhooks run concurrently and their outcomes are
// written back in batches. Any number of workers, in any number of processes, share a database.
class EventWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventWorker)

public:
    EventWorker(pg::Pool *pool, pg::Listener *listener, const HandlerRegistry *handlers, WorkerOptions options,
        QObject *parent = nullptr);
    ~EventWorker() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    const WorkerOptions &options() const { return m_options; }
    // Events claimed and not yet finished.
    int inFlight() const { return m_inFlight; }
    // How this worker learns of new events: NOTIFY, or polling under a high rate of changes.
    pg::PollingSwitch *pollingSwitch() const { return m_pollingSwitch; }

    static QString claimSql();
    static QString completeSql();

public Q_SLOTS:
    // There may be due events (of any trigger): claim what capacity allows.
    void wake();

Q_SIGNALS:
    void attemptsFinished(const QList<trefoil::events::AttemptRecord> &records);
    void idle();

private:
    struct Claimed;
    struct Outcome;
    struct BuiltinBatch;

    pg::Pool *m_pool;
    pg::Listener *m_listener;
    const HandlerRegistry *m_handlers;
    WorkerOptions m_options;
    WebhookClient *m_webhooks;
    pg::PollingSwitch *m_pollingSwitch;
    QHash<QString, TriggerDefinition> m_triggers;
    bool m_running = false;
    bool m_triggersLoaded = false;
    quint64 m_triggerLoadsStarted = 0;
    quint64 m_triggerLoadApplied = 0;
    bool m_triggersStale = false;
    // Per handler kind: a claim is running, and whether more events may be due than were claimed.
    bool m_claimingBuiltin = false;
    bool m_claimingWebhook = false;
    bool m_builtinMayBeDue = false;
    bool m_webhookMayBeDue = false;
    int m_activeBatches = 0;
    // A built-in batch claimed while every batch slot was busy: it starts the moment one frees,
    // so the next claim's round trip and commit overlap the running batch instead of following it.
    QList<Claimed> m_readyBatch;
    int m_activeWebhooks = 0;
    int m_inFlight = 0;
    // Built-in batches still to run with a savepoint per handler after one failed.
    static constexpr int SavepointBatchesAfterFailure = 20;
    int m_savepointBatchesLeft = 0;
    QHash<QString, int> m_activePerTrigger;
    QList<Outcome> m_webhookOutcomes;
    bool m_flushScheduled = false;
    QTimer m_sweep;
    QTimer m_retryTimer;
    QRandomGenerator m_random;

    void loadTriggers();
    void wakeFor(const QString &triggerName);
    void claimWhatIsDue();
    void claim(bool builtin, int limit);
    void onClaimed(bool builtin, const pg::Result &result, int limit);
    void runBatch(QList<Claimed> events);
    void batchSlotFreed();
    void giveBack(const QList<Claimed> &events);
    void runHandlers(const std::shared_ptr<BuiltinBatch> &batch);
    void redoWithSavepoints(const std::shared_ptr<BuiltinBatch> &batch);
    void finishBatch(const std::shared_ptr<BuiltinBatch> &batch);
    void deliverWebhook(const Claimed &event);
    void flushWebhookOutcomes();
    Outcome outcomeFor(const Claimed &event, const HandlerResult &result, const QDateTime &started, double durationMs);
    void scheduleRetryWake(qint64 delayMs);
    void release(const QStringList &eventIds);
    void finished(const QList<Outcome> &outcomes);
    QVariantList completeParams(const QList<Outcome> &outcomes) const;
};

} // namespace trefoil::events

Q_DECLARE_METATYPE(trefoil::events::AttemptRecord)
