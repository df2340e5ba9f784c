#include "backend/graphql/changefeed.h"

#include "backend/pg/listener.h"
#include "backend/pg/pollingswitch.h"
#include "backend/pg/pool.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace trefoil::graphql {

namespace {
const QString Channel = QStringLiteral("trefoil_changes");
} // namespace

ChangeFeed::ChangeFeed(pg::Pool *pool, pg::Listener *listener, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_listener(listener)
    , m_switch(new pg::PollingSwitch(pool, QStringLiteral("trefoil.live_polling_until"), this))
{
    m_followTimer.setInterval(FollowIntervalMs);
    m_followTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_followTimer, &QTimer::timeout, this, [this] {
        if (!m_switch->isPolling()) // its own ticks already read the table
            poll();
    });
    m_cleanupTimer.setInterval(CleanupIntervalMs);
    connect(&m_cleanupTimer, &QTimer::timeout, this, &ChangeFeed::cleanup);
    m_switch->setThresholds(NotificationsToPoll, ChangesToListen);
    m_listeningTimer.setInterval(ListeningPromiseMs / 3);
    connect(&m_listeningTimer, &QTimer::timeout, this, &ChangeFeed::publishListening);
    m_lingerTimer.setSingleShot(true);
    m_lingerTimer.setInterval(ListeningPromiseMs);
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] {
        m_active = false;
        m_listeningTimer.stop(); // the promise runs out; other processes keep their own
    });
    connect(m_switch, &pg::PollingSwitch::poll, this, &ChangeFeed::poll);
    connect(m_switch, &pg::PollingSwitch::pollingChanged, this, [this](bool polling) {
        if (polling) // tell the other processes to read the table too, while the promise holds
            m_pool->exec(QStringLiteral("SELECT pg_notify($1, '')"), { Channel }, this, [](const pg::Result &) {});
    });
    connect(m_listener, &pg::Listener::notification, this, &ChangeFeed::notified);
    connect(m_listener, &pg::Listener::listening, this, [this] {
        Q_EMIT missed();
        poll(); // finds out whether some process promises to poll right now
    });
    m_listener->listen(Channel);
}

ChangeFeed::~ChangeFeed()
{
    m_switch->stop();
}

bool ChangeFeed::isPolling() const
{
    return m_switch->isPolling() || m_followTimer.isActive();
}

void ChangeFeed::setActive(bool active)
{
    if (!active) {
        if (m_active && !m_lingerTimer.isActive())
            m_lingerTimer.start();
        return;
    }
    m_lingerTimer.stop();
    if (m_active)
        return;
    m_active = true;
    m_announced = false;
    m_listeningTimer.start();
    publishListening();
}

void ChangeFeed::publishListening()
{
    m_pool->exec(QStringLiteral("SELECT setval('trefoil.live_listening_until',"
                                " greatest((SELECT last_value FROM trefoil.live_listening_until),"
                                "          (extract(epoch FROM clock_timestamp()) * 1000)::bigint + $1))"),
        { ListeningPromiseMs }, this, [this](const pg::Result &result) {
            if (!result.ok() || !m_active || m_announced)
                return;
            // Changes committed before the triggers saw the promise were not signalled: look at
            // everything now, and once more for transactions that were already under way.
            m_announced = true;
            Q_EMIT missed();
            QTimer::singleShot(CatchUpMs, this, [this] {
                if (m_active)
                    Q_EMIT missed();
            });
        });
}

void ChangeFeed::watch(const QStringList &tables)
{
    m_pool->exec(
        QStringLiteral("SELECT trefoil.live_watch($1::text[])"), { tables }, this, [this](const pg::Result &result) {
            if (!result.ok())
                return Q_EMIT watchFailed(result.error().describe());
            Q_EMIT watching(int(result.toInt(0, 0)));
        });
}

void ChangeFeed::notified(const QString &channel, const QString &payload)
{
    if (channel != Channel)
        return;
    if (payload.isEmpty()) {
        m_followAtLeast.setRemainingTime(pg::PollingSwitch::PromiseMs);
        if (!m_followTimer.isActive())
            m_followTimer.start();
        return;
    }
    m_switch->notified();
    Q_EMIT changed({ payload });
}

void ChangeFeed::poll()
{
    if (m_pollInFlight)
        return;
    m_pollInFlight = true;
    // The snapshot's xmin bounds every transaction this read could not see yet: the next read
    // starts there, so a row committed late is read then, and m_seen drops repeats.
    m_pool->exec(QStringLiteral("SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
                                " (SELECT last_value FROM trefoil.live_polling_until)"
                                "   - (extract(epoch FROM clock_timestamp()) * 1000)::bigint,"
                                " (SELECT coalesce(json_agg(json_build_array(c.tx::text, c.rel)), '[]')"
                                "    FROM trefoil.live_changes c WHERE c.tx >= $1::xid8)"),
        { m_xmin }, this, [this](const pg::Result &result) {
            m_pollInFlight = false;
            if (!result.ok())
                return m_followTimer.stop(); // the listener's reconnect and the safety refresh take over
            const QString xmin = result.text(0, 0);
            const quint64 floor = xmin.toULongLong();
            const qint64 remainingMs = result.toInt(0, 1);
            const QJsonArray rows = QJsonDocument::fromJson(result.raw(0, 2)).array();
            QStringList tables;
            int fresh = 0;
            for (const QJsonValue &row : rows) {
                const QJsonArray r = row.toArray();
                const std::pair<quint64, QString> key { r.at(0).toString().toULongLong(), r.at(1).toString() };
                if (m_seen.contains(key))
                    continue;
                m_seen.insert(key);
                ++fresh;
                if (!tables.contains(key.second))
                    tables.append(key.second);
            }
            for (auto it = m_seen.begin(); it != m_seen.end();) {
                if (it->first < floor)
                    it = m_seen.erase(it);
                else
                    ++it;
            }
            m_xmin = xmin;
            if (m_cleanupXmin.isEmpty())
                m_cleanupXmin = xmin;
            if (remainingMs > -pg::PollingSwitch::GraceMs) {
                if (!m_followTimer.isActive())
                    m_followTimer.start();
                if (!m_cleanupTimer.isActive())
                    m_cleanupTimer.start();
            } else if (m_followTimer.isActive() && m_followAtLeast.hasExpired()) {
                m_followTimer.stop();
            }
            m_switch->claimed(fresh);
            if (!tables.isEmpty())
                Q_EMIT changed(tables);
        });
}

void ChangeFeed::cleanup()
{
    if (!isPolling())
        m_cleanupTimer.stop();
    // Rows of transactions that ended before an xmin read CleanupIntervalMs ago have been read by
    // every process that reads the table (followers start within milliseconds of a promise); a
    // process that starts later refreshes everything at its start anyway.
    if (!m_cleanupXmin.isEmpty())
        m_pool->exec(QStringLiteral("DELETE FROM trefoil.live_changes WHERE tx < $1::xid8"), { m_cleanupXmin }, this,
            [](const pg::Result &) {});
    m_cleanupXmin = m_xmin;
}

} // namespace trefoil::graphql
