#include "backend/graphql/streamsubscription.h"

#include "backend/graphql/graphqlengine.h"
#include "backend/pg/pool.h"
#include "backend/pg/result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

#include <algorithm>

namespace trefoil::graphql {

namespace {

// A text[] in PostgreSQL's text output: virtual transaction ids ("3/17") need no quoting.
QStringList textArray(const QString &text)
{
    const QString inner = text.mid(1, text.size() - 2);
    return inner.isEmpty() ? QStringList() : inner.split(QLatin1Char(','));
}

} // namespace

StreamSubscription::StreamSubscription(
    pg::Pool *pool, StreamPlan plan, SubscriptionSink sink, Options options, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_plan(std::move(plan))
    , m_sink(std::move(sink))
    , m_options(options)
    , m_cursor(m_plan.initialValue)
{
    m_poll.setInterval(m_options.pollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &StreamSubscription::wake);
    m_drain.setSingleShot(true);
    connect(&m_drain, &QTimer::timeout, this, &StreamSubscription::checkRunning);
    m_settle.setSingleShot(true);
    m_settle.setInterval(2);
    connect(&m_settle, &QTimer::timeout, this, &StreamSubscription::wake);
}

void StreamSubscription::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_plan.ok()) {
        m_state = State::Failed;
        QJsonArray errors;
        for (const GraphqlError &e : m_plan.errors)
            errors.append(e.toJson());
        if (m_sink.error)
            m_sink.error(QJsonDocument(errors).toJson(QJsonDocument::Compact));
        return;
    }
    m_poll.start();
    round();
}

void StreamSubscription::tableChanged()
{
    m_woken = true;
    wake();
}

void StreamSubscription::wake()
{
    if (!m_started || m_state == State::Failed)
        return;
    if (m_state != State::Idle) {
        m_again = true;
        return;
    }
    round();
}

void StreamSubscription::round()
{
    m_again = false;
    m_state = State::Epoch;
    m_pool->exec(m_plan.epochSql, {}, this, [this](const pg::Result &result) { onEpoch(result); });
}

void StreamSubscription::onEpoch(const pg::Result &result)
{
    if (failedOn(result))
        return;
    if (result.isNull(0, 0)) { // an empty table: nothing to stream yet
        finishRound();
        return;
    }
    m_frontier = result.text(0, 0);
    m_running = textArray(result.text(0, 1));
    if (m_running.isEmpty()) {
        fetch();
        return;
    }
    m_state = State::Draining;
    m_drainDelayMs = m_options.drainMinMs;
    checkRunning();
}

void StreamSubscription::checkRunning()
{
    m_pool->exec(m_plan.runningSql, { m_running }, this, [this](const pg::Result &result) { onRunning(result); });
}

void StreamSubscription::onRunning(const pg::Result &result)
{
    if (failedOn(result))
        return;
    const int running = int(result.toInt(0, 0));
    if (running == 0) {
        fetch();
        return;
    }
    Q_EMIT waitingForTransactions(running);
    m_drain.start(m_drainDelayMs);
    m_drainDelayMs = std::min(m_drainDelayMs * 2, m_options.drainMaxMs);
}

void StreamSubscription::fetch()
{
    m_state = State::Fetching;
    QVariantList params = m_plan.fetchParams;
    params[0] = m_cursor;
    params[1] = m_frontier;
    m_pool->exec(m_plan.fetchSql, params, this, [this](const pg::Result &result) { onFetch(result); });
}

void StreamSubscription::onFetch(const pg::Result &result)
{
    if (failedOn(result))
        return;
    const int rows = int(result.toInt(0, QStringLiteral("rows")));
    if (rows > 0) {
        m_cursor = result.text(0, QStringLiteral("cursor"));
        const QPointer<StreamSubscription> alive(this); // the sink may delete the subscription
        if (m_sink.next)
            m_sink.next(QByteArrayLiteral("{\"data\":") + result.raw(0, 0) + QByteArrayLiteral("}"));
        if (!alive)
            return;
        Q_EMIT delivered(rows);
        if (!alive)
            return;
    }
    if (rows > 0 && rows == m_plan.batchSize) {
        fetch(); // more may be waiting below the same frontier
        return;
    }
    finishRound();
}

void StreamSubscription::finishRound()
{
    m_state = State::Idle;
    if (m_plan.millisecondFrontier && m_woken)
        m_settle.start();
    m_woken = false;
    Q_EMIT caughtUp();
    if (m_again && m_state == State::Idle)
        round();
}

bool StreamSubscription::failedOn(const pg::Result &result)
{
    if (result.ok())
        return false;
    const pg::ErrorKind kind = result.error().kind;
    if (kind == pg::ErrorKind::ConnectionLost || kind == pg::ErrorKind::ConnectionFailed
        || kind == pg::ErrorKind::AdminShutdown) {
        m_state = State::Idle; // the next poll tries again from the same cursor
        return true;
    }
    m_state = State::Failed;
    m_poll.stop();
    m_drain.stop();
    const QJsonArray errors { GraphqlEngine::databaseError(result.error(), QJsonArray { m_plan.key }).toJson() };
    if (m_sink.error)
        m_sink.error(QJsonDocument(errors).toJson(QJsonDocument::Compact));
    return true;
}

} // namespace trefoil::graphql
