#include "backend/pg/pollingswitch.h"

#include "backend/pg/pool.h"

#include <numeric>
#include <utility>

namespace trefoil::pg {

namespace {
constexpr int RateWindowMs = 250;
constexpr int WindowsPerSecond = 1000 / RateWindowMs;
} // namespace

PollingSwitch::PollingSwitch(Pool *pool, QString promiseSequence, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_sequence(std::move(promiseSequence))
{
    m_rateWindow.setInterval(RateWindowMs);
    connect(&m_rateWindow, &QTimer::timeout, this, &PollingSwitch::evaluateRates);
    m_pollTimer.setInterval(PollIntervalMs);
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &PollingSwitch::onPollTick);
}

void PollingSwitch::setThresholds(int notificationsToPoll, int claimsToListen)
{
    m_notificationsToPoll = notificationsToPoll;
    m_claimsToListen = claimsToListen;
}

void PollingSwitch::notified()
{
    ++m_notifications;
    if (!m_rateWindow.isActive())
        m_rateWindow.start();
}

void PollingSwitch::claimed(int events)
{
    m_claims += events;
    if (!m_rateWindow.isActive())
        m_rateWindow.start();
}

void PollingSwitch::startPolling()
{
    m_publishing = true;
    publish();
    if (!m_pollTimer.isActive()) {
        m_pollTimer.start();
        Q_EMIT pollingChanged(true);
    }
}

void PollingSwitch::stop()
{
    if (m_pollTimer.isActive()) {
        // Withdraw the promise, so that the other workers are notified again at once rather than
        // after their sweep. One still polling renews its own promise within half a second.
        m_pool->exec(QLatin1String("SELECT setval($1::regclass, least((SELECT last_value FROM ") + m_sequence
                + QLatin1String("), (extract(epoch FROM clock_timestamp()) * 1000)::bigint))"),
            { m_sequence }, m_pool, [](const Result &) {});
    }
    m_rateWindow.stop();
    m_pollTimer.stop();
    m_publishing = false;
    m_notifications = m_claims = 0;
    m_recentClaims.fill(0);
}

void PollingSwitch::evaluateRates()
{
    static_assert(std::tuple_size_v<decltype(m_recentClaims)> == WindowsPerSecond);
    const int notificationsPerSecond = m_notifications * WindowsPerSecond;
    m_recentClaims[m_window] = m_claims;
    m_window = (m_window + 1) % m_recentClaims.size();
    const int claimsPerSecond = std::accumulate(m_recentClaims.cbegin(), m_recentClaims.cend(), 0);
    m_notifications = m_claims = 0;
    if (!m_publishing && notificationsPerSecond >= m_notificationsToPoll) {
        startPolling();
    } else if (m_publishing && claimsPerSecond < m_claimsToListen) {
        // The promise already published still holds: keep polling until it has run out.
        m_publishing = false;
    }
    if (!m_publishing && !m_pollTimer.isActive() && notificationsPerSecond == 0 && claimsPerSecond == 0)
        m_rateWindow.stop(); // idle: the next notification or claim restarts the window
}

void PollingSwitch::onPollTick()
{
    Q_EMIT poll();
    if (m_publishing) {
        if (m_republishAt.hasExpired())
            publish();
    } else if (m_pollUntil.hasExpired() && !m_publicationInFlight) {
        m_pollTimer.stop();
        Q_EMIT pollingChanged(false);
    }
}

void PollingSwitch::publish()
{
    if (m_publicationInFlight)
        return;
    m_publicationInFlight = true;
    // The promise only ever moves forward: another worker may have promised longer.
    m_pool->exec(QLatin1String("SELECT setval($1::regclass, greatest((SELECT last_value FROM ") + m_sequence
            + QLatin1String("), (extract(epoch FROM clock_timestamp()) * 1000)::bigint + $2))"),
        { m_sequence, PromiseMs }, this, [this](const Result &result) {
            m_publicationInFlight = false;
            if (!result.ok())
                return; // the triggers keep notifying; polling as well costs little
            // Counted from the answer, so this process never stops polling before the database's
            // clock reaches the promise.
            m_pollUntil.setRemainingTime(PromiseMs + GraceMs);
            m_republishAt.setRemainingTime(PromiseMs / 2);
        });
}

} // namespace trefoil::pg
