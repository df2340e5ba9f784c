#include "backend/events/eventworker.h"

#include "backend/events/triggerstore.h"
#include "backend/events/webhookclient.h"
#include "backend/pg/listener.h"
#include "backend/pg/pollingswitch.h"
#include "backend/pg/pool.h"
#include "backend/pg/transaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>
#include <memory>

namespace trefoil::events {

QString WorkerOptions::uniqueWorkerId()
{
    return QStringLiteral("%1:%2:%3")
        .arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
}

namespace {
constexpr qsizetype MaxStoredResponse = 4096;
const QString EventsChannel = QStringLiteral("trefoil_events");
const QString TriggersChannel = QStringLiteral("trefoil_triggers");
} // namespace

// One claimed event.
struct EventWorker::Claimed {
    Delivery delivery;
    qint64 createdAtMs = 0; // when the change's transaction wrote the event
};

// What to write back for one attempt.
struct EventWorker::Outcome {
    Claimed event;
    QString status; // delivered | pending | dead
    QDateTime nextAttemptAt;
    QString error;
    int httpStatus = 0;
    QDateTime startedAt;
    double durationMs = 0;
    QByteArray response;
};

struct EventWorker::BuiltinBatch {
    QList<Claimed> events;
    QList<Outcome> outcomes;
    pg::Session session;
    qsizetype next = 0;
    bool withSavepoints = false; // one per handler that uses the session
    bool redo = false; // a handler failed without a savepoint: start over with them
};

QString EventWorker::claimSql()
{
    // Only the events table is read: the worker passes the triggers it may deliver now (enabled,
    // not paused, of this handler kind, under their concurrency cap). That keeps the scan an
    // ordered walk of the partial index on next_attempt_at that stops after LIMIT rows; SKIP
    // LOCKED lets concurrent workers claim disjoint sets without waiting for each other.
    // The claimed ids come back as an array, so the update finds each row through the primary
    // key whatever the planner believes: a prepared statement's generic plan guesses that
    // `LIMIT $2` returns a tenth of the table and joined the claimed rows to a scan of the whole
    // table, once per batch.
    return QStringLiteral("UPDATE trefoil.events e"
                          "   SET locked_by = $1, tries = e.tries + 1, locked_until = now() + make_interval(secs => $4)"
                          " WHERE e.id = ANY (ARRAY("
                          "  SELECT d.id FROM trefoil.events d"
                          "   WHERE d.status = 'pending' AND d.next_attempt_at <= now()"
                          "     AND d.trigger_name = ANY ($3::text[])"
                          "     AND (d.locked_until IS NULL OR d.locked_until < now())"
                          "   ORDER BY d.next_attempt_at"
                          "   LIMIT $2"
                          "   FOR UPDATE SKIP LOCKED))"
                          " RETURNING e.id, e.trigger_name, e.tries, (extract(epoch FROM e.created_at) * 1000)::bigint,"
                          "   e.op, e.data, e.session_variables, to_json(e.created_at), e.schema_name, e.table_name");
}

namespace {
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// Hasura's event payload, assembled from the claimed row's columns (cheaper here than in SQL).
QByteArray hasuraPayload(const pg::Result &r, int row, int maxRetries)
{
    const QByteArray sessionVariables = r.isNull(row, 6) ? QByteArrayLiteral("null") : r.raw(row, 6);
    return QByteArrayLiteral("{\"event\":{\"op\":\"") + r.raw(row, 4) + QByteArrayLiteral("\",\"data\":")
        + r.raw(row, 5) + QByteArrayLiteral(",\"session_variables\":") + sessionVariables
        + QByteArrayLiteral(",\"trace_context\":null},\"created_at\":") + r.raw(row, 7)
        + QByteArrayLiteral(",\"id\":\"") + r.raw(row, 0) + QByteArrayLiteral("\",\"delivery_info\":{\"max_retries\":")
        + QByteArray::number(maxRetries) + QByteArrayLiteral(",\"current_retry\":")
        + QByteArray::number(r.toInt(row, 2) - 1) + QByteArrayLiteral("},\"trigger\":{\"name\":")
        + jsonString(r.text(row, 1)) + QByteArrayLiteral("},\"table\":{\"schema\":") + jsonString(r.text(row, 8))
        + QByteArrayLiteral(",\"name\":") + jsonString(r.text(row, 9)) + QByteArrayLiteral("}}");
}
} // namespace

QString EventWorker::completeSql()
{
    // One statement writes back a whole batch: the events' new state (only where this worker still
    // holds the lease) and one invocation-log row per attempt. It returns how many it updated, so
    // a batch whose lease was lost can be rolled back.
    // The plan must not depend on statistics: the events are found by `id = ANY ($2)`, an index
    // lookup, and each one's outcome is a key lookup in the jsonb object $3 (id → outcome), so
    // there is no join for the planner to get wrong. Joined to the outcomes as rows, the update
    // scanned the whole table per batch when the statistics said the table was small, and
    // compared every event with every outcome when they said the lease filter left one row.
    return QStringLiteral(
        "WITH done AS ("
        "  UPDATE trefoil.events e"
        "     SET status = $3::jsonb -> e.id::text ->> 'status',"
        "         delivered_at = CASE WHEN $3::jsonb -> e.id::text ->> 'status' = 'delivered'"
        "                             THEN clock_timestamp() END,"
        "         next_attempt_at = coalesce(($3::jsonb -> e.id::text ->> 'next_at')::timestamptz, e.next_attempt_at),"
        "         last_error = $3::jsonb -> e.id::text ->> 'error', locked_by = NULL, locked_until = NULL"
        "   WHERE e.id = ANY ($2::text[]::uuid[]) AND e.locked_by = $1"
        "  RETURNING e.id, $3::jsonb -> e.id::text AS o),"
        " logged AS ("
        "  INSERT INTO trefoil.invocations (event_id, trigger_name, attempt, worker_id, started_at, duration_ms,"
        "                                   http_status, response, error)"
        "  SELECT d.id, d.o ->> 'trigger_name', (d.o ->> 'attempt')::int, $1, (d.o ->> 'started_at')::timestamptz,"
        "         (d.o ->> 'duration_ms')::float8, (d.o ->> 'http_status')::int, d.o ->> 'response', d.o ->> 'error'"
        "    FROM done d)"
        " SELECT count(*) FROM done");
}

QVariantList EventWorker::completeParams(const QList<Outcome> &outcomes) const
{
    // completeSql()'s parameters: the worker id, the event ids, and each event's outcome by id.
    // Empty texts are NULL, as they were in the log before. A webhook's body is untrusted bytes
    // kept for operators as text, which cannot hold NUL (pg::Connection refuses it): NUL becomes
    // U+FFFD, as invalid UTF-8 already does.
    const auto textOrNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null)
                              : QJsonValue(QString(text).replace(QChar(0), QChar::ReplacementCharacter));
    };
    QStringList ids;
    QJsonObject byId;
    for (const Outcome &o : outcomes) {
        ids.append(o.event.delivery.eventId);
        byId.insert(o.event.delivery.eventId,
            QJsonObject { { QStringLiteral("status"), o.status },
                { QStringLiteral("attempt"), o.event.delivery.attempt },
                { QStringLiteral("next_at"),
                    o.nextAttemptAt.isValid() ? QJsonValue(o.nextAttemptAt.toString(Qt::ISODateWithMs))
                                              : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("error"), textOrNull(o.error) },
                { QStringLiteral("http_status"),
                    o.httpStatus ? QJsonValue(o.httpStatus) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("duration_ms"), o.durationMs },
                { QStringLiteral("started_at"), o.startedAt.toString(Qt::ISODateWithMs) },
                { QStringLiteral("response"), textOrNull(QString::fromUtf8(o.response)) },
                { QStringLiteral("trigger_name"), o.event.delivery.triggerName } });
    }
    return { m_options.workerId, ids, byId };
}

EventWorker::EventWorker(
    pg::Pool *pool, pg::Listener *listener, const HandlerRegistry *handlers, WorkerOptions options, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_listener(listener)
    , m_handlers(handlers)
    , m_options(std::move(options))
    , m_webhooks(new WebhookClient(this))
    , m_pollingSwitch(new pg::PollingSwitch(pool, QStringLiteral("trefoil.workers_polling_until"), this))
    , m_random(QRandomGenerator::securelySeeded())
{
    m_sweep.setInterval(m_options.sweepIntervalMs);
    connect(&m_sweep, &QTimer::timeout, this, &EventWorker::wake);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &EventWorker::wake);
    connect(m_pollingSwitch, &pg::PollingSwitch::poll, this, &EventWorker::wake);
}

EventWorker::~EventWorker() = default;

void EventWorker::start()
{
    if (m_running)
        return;
    m_running = true;
    connect(m_listener, &pg::Listener::notification, this, [this](const QString &channel, const QString &payload) {
        if (channel == TriggersChannel)
            loadTriggers();
        else if (channel == EventsChannel) {
            m_pollingSwitch->notified();
            wakeFor(payload);
        }
    });
    // After a reconnect, NOTIFYs sent while we were away are lost: look for work at once.
    connect(m_listener, &pg::Listener::listening, this, [this] {
        loadTriggers();
        wake();
    });
    m_listener->listen(EventsChannel);
    m_listener->listen(TriggersChannel);
    m_sweep.start();
    loadTriggers();
}

void EventWorker::stop()
{
    m_running = false;
    giveBack(std::exchange(m_readyBatch, {}));
    m_sweep.stop();
    m_retryTimer.stop();
    m_pollingSwitch->stop();
    disconnect(m_listener, nullptr, this, nullptr);
}

void EventWorker::loadTriggers()
{
    // Loads run on any pooled connection, so their answers may come back out of order: only the
    // newest may apply, or a stale answer (a trigger still paused) would stop claims for good.
    const quint64 load = ++m_triggerLoadsStarted;
    m_pool->exec(QLatin1String("SELECT ") + QLatin1String(TriggerStore::SelectColumns)
            + QLatin1String(" FROM trefoil.event_triggers"),
        this, [this, load](const pg::Result &result) {
            if (load < m_triggerLoadApplied)
                return;
            m_triggerLoadApplied = load;
            // A failed load leaves the cache stale: the next sweep loads again.
            m_triggersStale = !result.ok();
            if (!result.ok())
                return;
            QHash<QString, TriggerDefinition> triggers;
            for (int row = 0; row < result.rowCount(); ++row) {
                TriggerDefinition trigger = TriggerStore::fromRow(result, row);
                triggers.insert(trigger.name, trigger);
            }
            m_triggers = std::move(triggers);
            m_triggersLoaded = true;
            wake();
        });
}

void EventWorker::wake()
{
    if (m_triggersStale) {
        m_triggersStale = false;
        return loadTriggers(); // it wakes the worker when it has loaded
    }
    m_builtinMayBeDue = true;
    m_webhookMayBeDue = true;
    claimWhatIsDue();
}

void EventWorker::wakeFor(const QString &triggerName)
{
    if (m_pollingSwitch->isPolling())
        return; // the next poll claims this event with the others that arrived meanwhile
    // The NOTIFY payload names the trigger, so only the kind of delivery it needs is woken.
    const auto trigger = m_triggers.constFind(triggerName);
    if (trigger == m_triggers.cend())
        return wake();
    if (trigger->handlerKind == TriggerDefinition::HandlerKind::Builtin)
        m_builtinMayBeDue = true;
    else
        m_webhookMayBeDue = true;
    claimWhatIsDue();
}

void EventWorker::claimWhatIsDue()
{
    if (!m_running || !m_triggersLoaded)
        return;
    // A flag stays set while there is no capacity, so finishing work claims again; it is cleared
    // only by a claim that found less than it could take.
    // One batch more than there are slots is claimed ahead, to wait for the first slot to free.
    const bool builtinRoom = m_activeBatches < m_options.builtinConcurrency
        || (m_activeBatches == m_options.builtinConcurrency && m_readyBatch.isEmpty());
    if (m_builtinMayBeDue && !m_claimingBuiltin && builtinRoom)
        claim(true, m_options.batchSize);
    const int freeWebhookSlots = m_options.webhookConcurrency - m_activeWebhooks;
    if (m_webhookMayBeDue && !m_claimingWebhook && freeWebhookSlots > 0)
        claim(false, freeWebhookSlots);
}

void EventWorker::claim(bool builtin, int limit)
{
    QStringList claimable;
    int longestTimeout = 0;
    for (const TriggerDefinition &trigger : std::as_const(m_triggers)) {
        if (!trigger.enabled || trigger.paused
            || (trigger.handlerKind == TriggerDefinition::HandlerKind::Builtin) != builtin)
            continue;
        if (trigger.maxConcurrency && m_activePerTrigger.value(trigger.name) >= *trigger.maxConcurrency)
            continue;
        claimable.append(trigger.name);
        longestTimeout = std::max(longestTimeout, trigger.retry.timeoutSeconds);
    }
    if (claimable.isEmpty())
        return;
    (builtin ? m_claimingBuiltin : m_claimingWebhook) = true;
    (builtin ? m_builtinMayBeDue : m_webhookMayBeDue) = false;
    // The claim is planned afresh each time (a custom plan, with its LIMIT and the table's current
    // size), not from the prepared statement's generic plan: the queue table goes from empty to
    // tens of thousands of rows and back, and a generic plan made while it was small (on a new
    // database, before autovacuum first measures it) scanned it whole per claim for as long as
    // it was kept. Planning costs a fraction of a millisecond per claimed batch.
    pg::runTransaction(m_pool,
        { { QStringLiteral("SET LOCAL plan_cache_mode = force_custom_plan"), {} },
            { claimSql(), { m_options.workerId, limit, claimable, longestTimeout + m_options.leaseGraceSeconds } } },
        this, [this, builtin, limit](const QList<pg::Result> &results, const pg::Error &error) {
            onClaimed(builtin, error.isError() ? pg::Result::failure(error) : results.at(1), limit);
        });
}

void EventWorker::onClaimed(bool builtin, const pg::Result &result, int limit)
{
    (builtin ? m_claimingBuiltin : m_claimingWebhook) = false;
    if (!result.ok() || result.rowCount() == limit)
        (builtin ? m_builtinMayBeDue : m_webhookMayBeDue) = true; // a full batch: more are probably waiting
    if (result.ok() && result.rowCount() > 0) {
        QList<Claimed> events;
        QStringList overLimit;
        events.reserve(result.rowCount());
        for (int row = 0; row < result.rowCount(); ++row) {
            Claimed event;
            event.delivery.eventId = result.text(row, 0);
            event.delivery.triggerName = result.text(row, 1);
            event.delivery.attempt = int(result.toInt(row, 2));
            event.createdAtMs = result.toInt(row, 3);
            // A trigger's own concurrency cap: what exceeds it goes back at once, unattempted.
            const auto trigger = m_triggers.constFind(event.delivery.triggerName);
            event.delivery.payload
                = hasuraPayload(result, row, trigger != m_triggers.cend() ? trigger->retry.numRetries : 0);
            int &active = m_activePerTrigger[event.delivery.triggerName];
            if (trigger != m_triggers.cend() && trigger->maxConcurrency && active >= *trigger->maxConcurrency) {
                overLimit.append(event.delivery.eventId);
                continue;
            }
            ++active;
            events.append(event);
        }
        if (!overLimit.isEmpty())
            release(overLimit);
        m_pollingSwitch->claimed(int(events.size()));
        m_inFlight += int(events.size());
        if (builtin) {
            if (m_activeBatches >= m_options.builtinConcurrency)
                m_readyBatch = events; // claimed ahead: runs when a slot frees (batchSlotFreed)
            else if (!events.isEmpty())
                runBatch(events);
        } else {
            for (const Claimed &event : std::as_const(events))
                deliverWebhook(event);
        }
    }
    if (!result.ok()) {
        // The database is unreachable or the claim failed: the sweep or the listener's
        // reconnect will try again, rather than a tight loop now (polling included).
        m_pollingSwitch->stop();
        return;
    }
    claimWhatIsDue();
    if (m_inFlight == 0 && !m_claimingBuiltin && !m_claimingWebhook)
        Q_EMIT idle();
}

EventWorker::Outcome EventWorker::outcomeFor(
    const Claimed &event, const HandlerResult &result, const QDateTime &started, double durationMs)
{
    Outcome outcome;
    outcome.event = event;
    outcome.startedAt = started;
    outcome.durationMs = durationMs;
    outcome.error = result.error;
    outcome.httpStatus = result.outcome.httpStatus;
    outcome.response = result.response.left(MaxStoredResponse);
    if (result.outcome.kind == AttemptOutcome::Kind::Delivered) {
        outcome.status = QStringLiteral("delivered");
        return outcome;
    }
    const auto trigger = m_triggers.constFind(event.delivery.triggerName);
    const RetryPolicy policy = trigger != m_triggers.cend() ? trigger->retry : RetryPolicy {};
    const auto delay = policy.nextDelayMs(event.delivery.attempt, result.outcome, m_random.generateDouble());
    if (!delay) {
        outcome.status = QStringLiteral("dead");
    } else {
        outcome.status = QStringLiteral("pending");
        outcome.nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(*delay);
        scheduleRetryWake(*delay);
    }
    return outcome;
}

void EventWorker::runBatch(QList<Claimed> events)
{
    ++m_activeBatches;
    auto batch = std::make_shared<BuiltinBatch>();
    batch->events = std::move(events);
    batch->withSavepoints = m_savepointBatchesLeft > 0;
    m_pool->acquire(this, [this, batch](pg::Session session, const pg::Error &error) {
        if (!session.isValid()) {
            Q_UNUSED(error);
            --m_activeBatches;
            giveBack(batch->events);
            batchSlotFreed();
            return;
        }
        batch->session = session;
        session.exec(QStringLiteral("BEGIN"), this, [](const pg::Result &) {});
        runHandlers(batch);
    });
}

void EventWorker::batchSlotFreed()
{
    if (m_readyBatch.isEmpty())
        return;
    if (m_running)
        runBatch(std::exchange(m_readyBatch, {}));
    else
        giveBack(std::exchange(m_readyBatch, {}));
}

void EventWorker::giveBack(const QList<Claimed> &events)
{
    // Claimed but not attempted: uncounted, back to the queue for any worker, and no longer ours.
    if (events.isEmpty())
        return;
    QStringList ids;
    ids.reserve(events.size());
    for (const Claimed &event : events) {
        ids.append(event.delivery.eventId);
        --m_activePerTrigger[event.delivery.triggerName];
    }
    m_inFlight -= int(events.size());
    release(ids);
}

void EventWorker::runHandlers(const std::shared_ptr<BuiltinBatch> &batch)
{
    // Runs the handlers one after another on the batch's transaction. A handler may answer
    // synchronously: the loop then continues without recursion.
    // The loop refers to itself weakly; a pending handler callback holds it strongly.
    auto loop = std::make_shared<std::function<void()>>();
    *loop = [this, batch, weakStep = std::weak_ptr<std::function<void()>>(loop)] {
        const auto step = weakStep.lock();
        while (batch->next < batch->events.size() && !batch->redo) {
            const Claimed &event = batch->events.at(batch->next);
            const auto trigger = m_triggers.constFind(event.delivery.triggerName);
            const BuiltinHandler *handler = trigger != m_triggers.cend() ? m_handlers->find(trigger->handler) : nullptr;
            const QDateTime started = QDateTime::currentDateTimeUtc();
            if (!handler) {
                batch->outcomes.append(outcomeFor(event,
                    HandlerResult::failed(tr("no built-in function named \"%1\"")
                                              .arg(trigger != m_triggers.cend() ? trigger->handler : QString())),
                    started, 0));
                ++batch->next;
                continue;
            }
            const bool savepoint = batch->withSavepoints && handler->usesSession;
            if (savepoint)
                batch->session.exec(QStringLiteral("SAVEPOINT handler"), this, [](const pg::Result &) {});
            auto timer = std::make_shared<QElapsedTimer>();
            timer->start();
            // Whether the handler answered before run() returned; shared, as the callback may outlive this frame.
            enum class Answer { Pending, Synchronous, Asynchronous };
            auto answer = std::make_shared<Answer>(Answer::Pending);
            handler->run(event.delivery, batch->session, this,
                [this, batch, step, event, started, timer, savepoint, answer, usesSession = handler->usesSession](
                    HandlerResult result) {
                    const double duration = double(timer->nsecsElapsed()) / 1e6;
                    const bool delivered = result.outcome.kind == AttemptOutcome::Kind::Delivered;
                    if (savepoint) {
                        batch->session.exec(delivered ? QStringLiteral("RELEASE SAVEPOINT handler")
                                                      : QStringLiteral("ROLLBACK TO SAVEPOINT handler"),
                            this, [](const pg::Result &) {});
                    } else if (!delivered && usesSession && !result.untouched) {
                        // Without a savepoint its writes (or the error that aborted the
                        // transaction) cannot be undone alone: the batch starts over
                        // with savepoints (see redoWithSavepoints).
                        batch->redo = true;
                    }
                    if (!batch->redo)
                        batch->outcomes.append(outcomeFor(event, result, started, duration));
                    ++batch->next;
                    if (*answer == Answer::Pending) {
                        *answer = Answer::Synchronous;
                        return;
                    }
                    (*step)();
                });
            if (*answer == Answer::Pending) {
                *answer = Answer::Asynchronous;
                return; // the handler's callback continues the loop
            }
        }
        if (batch->redo)
            return redoWithSavepoints(batch);
        finishBatch(batch);
    };
    (*loop)();
}

void EventWorker::redoWithSavepoints(const std::shared_ptr<BuiltinBatch> &batch)
{
    // Savepoints cost two statements per handler, so a batch runs without them while handlers
    // succeed. One that fails (and may have written) undoes the whole batch, which then runs
    // again with a savepoint per handler; so do the next batches, until failures stop.
    m_savepointBatchesLeft = SavepointBatchesAfterFailure;
    batch->session.exec(QStringLiteral("ROLLBACK"), this, [](const pg::Result &) {});
    batch->session.exec(QStringLiteral("BEGIN"), this, [](const pg::Result &) {});
    batch->outcomes.clear();
    batch->next = 0;
    batch->redo = false;
    batch->withSavepoints = true;
    runHandlers(batch);
}

void EventWorker::finishBatch(const std::shared_ptr<BuiltinBatch> &batch)
{
    if (batch->withSavepoints && m_savepointBatchesLeft > 0) {
        const bool allDelivered = std::all_of(batch->outcomes.cbegin(), batch->outcomes.cend(),
            [](const Outcome &o) { return o.status == QLatin1String("delivered"); });
        m_savepointBatchesLeft = allDelivered ? m_savepointBatchesLeft - 1 : SavepointBatchesAfterFailure;
    }
    // All handlers ran: write the outcomes and commit, in the same transaction.
    const qsizetype expected = batch->outcomes.size();
    batch->session.exec(
        completeSql(), completeParams(batch->outcomes), this, [this, batch, expected](const pg::Result &written) {
            // A lost lease means another worker owns some of these events now:
            // undo everything, that worker will deliver them.
            const bool keep = written.ok() && written.toInt(0, 0) == expected;
            batch->session.exec(keep ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"), this,
                [this, batch, keep](const pg::Result &committed) {
                    batch->session = {};
                    --m_activeBatches;
                    batchSlotFreed();
                    if (keep && committed.ok()) {
                        // The handlers' writes may have raised events: look at once
                        // rather than wait for their NOTIFY. When polling, the next
                        // poll looks, and finds more of them together.
                        if (!m_pollingSwitch->isPolling())
                            m_builtinMayBeDue = m_webhookMayBeDue = true;
                        finished(batch->outcomes);
                    } else {
                        giveBack(batch->events);
                        finished({});
                    }
                });
        });
}

void EventWorker::deliverWebhook(const Claimed &event)
{
    ++m_activeWebhooks;
    const auto trigger = m_triggers.constFind(event.delivery.triggerName);
    if (trigger == m_triggers.cend()) {
        m_webhookOutcomes.append(outcomeFor(
            event, HandlerResult::failed(tr("the trigger was removed")), QDateTime::currentDateTimeUtc(), 0));
        flushWebhookOutcomes();
        return;
    }
    const QDateTime started = QDateTime::currentDateTimeUtc();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_webhooks->post(QUrl(trigger->handler), trigger->headers, event.delivery.payload,
        trigger->retry.timeoutSeconds * 1000, this, [this, event, started, timer](HandlerResult result) {
            --m_activeWebhooks;
            m_webhookOutcomes.append(outcomeFor(event, result, started, double(timer->nsecsElapsed()) / 1e6));
            if (!m_flushScheduled) {
                // Outcomes that arrive in the same event-loop turn are written together.
                m_flushScheduled = true;
                QTimer::singleShot(0, this, &EventWorker::flushWebhookOutcomes);
            }
        });
}

void EventWorker::flushWebhookOutcomes()
{
    m_flushScheduled = false;
    if (m_webhookOutcomes.isEmpty())
        return;
    const QList<Outcome> outcomes = std::exchange(m_webhookOutcomes, {});
    m_pool->exec(
        completeSql(), completeParams(outcomes), this, [this, outcomes](const pg::Result &) { finished(outcomes); });
}

void EventWorker::finished(const QList<Outcome> &outcomes)
{
    QList<AttemptRecord> records;
    records.reserve(outcomes.size());
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    for (const Outcome &o : outcomes) {
        --m_activePerTrigger[o.event.delivery.triggerName];
        AttemptRecord record;
        record.eventId = o.event.delivery.eventId;
        record.triggerName = o.event.delivery.triggerName;
        record.attempt = o.event.delivery.attempt;
        record.status = o.status;
        record.commitToStartMs = double(o.startedAt.toMSecsSinceEpoch() - o.event.createdAtMs);
        record.durationMs = o.durationMs;
        record.commitToDoneMs = double(nowMs - o.event.createdAtMs);
        records.append(record);
    }
    m_inFlight -= int(outcomes.size());
    if (!records.isEmpty())
        Q_EMIT attemptsFinished(records);
    claimWhatIsDue();
}

void EventWorker::scheduleRetryWake(qint64 delayMs)
{
    if (delayMs >= m_options.sweepIntervalMs)
        return; // the sweep comes first anyway
    const int remaining = m_retryTimer.isActive() ? m_retryTimer.remainingTime() : -1;
    if (remaining < 0 || delayMs < remaining)
        m_retryTimer.start(int(delayMs) + 1);
}

void EventWorker::release(const QStringList &eventIds)
{
    // Give claimed-but-unattempted events back, uncounted, for any worker to take.
    m_pool->exec(
        QStringLiteral("UPDATE trefoil.events SET locked_by = NULL, locked_until = NULL, tries = greatest(tries - 1, 0)"
                       " WHERE id = ANY ($1::text[]::uuid[]) AND locked_by = $2"),
        { eventIds, m_options.workerId }, this, [this](const pg::Result &) { wake(); });
}

} // namespace trefoil::events
