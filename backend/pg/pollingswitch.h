#pragma once

#include <array>

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <QString>

namespace trefoil::pg {

class Pool;

// Decides how a consumer learns of new work: by NOTIFY (prompt, the default) or by polling. The
// event worker uses it for new events (trefoil.workers_polling_until), the live queries for
// changed tables (trefoil.live_polling_until); "claims" are whatever the consumer found by polling.
//
// Each notifying commit takes PostgreSQL's database-wide NOTIFY lock and holds it across its WAL
// flush, so when many transactions a second raise events, their commits queue behind each other
// and the writers (orders being placed) slow down. When notifications arrive faster than
// `NotificationsToPoll` a second, the switch polls every `PollIntervalMs` and publishes in
// trefoil.workers_polling_until until when it will keep doing so; trefoil.wake_workers(), which
// every event trigger calls, skips NOTIFY until then. When fewer than `ClaimsToListen` events were
// claimed in the last second, it stops publishing, polls until its last promise (plus a grace period for
// transactions that read the promise just before it expired) and goes back to NOTIFY.
class PollingSwitch final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollingSwitch)

public:
    static constexpr int PollIntervalMs = 5;
    static constexpr int NotificationsToPoll = 250; // per second
    static constexpr int ClaimsToListen = 100; // events per second
    static constexpr int PromiseMs = 1000; // how far ahead each publication promises polling
    static constexpr int GraceMs = 250;

    // promiseSequence: the sequence (schema-qualified, as SQL text) the promise is published in.
    explicit PollingSwitch(Pool *pool, QString promiseSequence = QStringLiteral("trefoil.workers_polling_until"),
        QObject *parent = nullptr);

    bool isPolling() const { return m_pollTimer.isActive(); }
    // Thresholds for tests; the defaults suit production.
    void setThresholds(int notificationsToPoll, int claimsToListen);

public Q_SLOTS:
    void notified();
    void claimed(int events);
    void stop();

Q_SIGNALS:
    // Time to look for due events.
    void poll();
    void pollingChanged(bool polling);

private:
    Pool *m_pool;
    QString m_sequence;
    QTimer m_rateWindow;
    QTimer m_pollTimer;
    int m_notificationsToPoll = NotificationsToPoll;
    int m_claimsToListen = ClaimsToListen;
    int m_notifications = 0; // in the current rate window
    int m_claims = 0;
    // Claims of the last second, a rate window each: claims come in bursts (a batch when a slot
    // frees), so one quiet window under load must not end polling.
    std::array<int, 4> m_recentClaims {};
    std::size_t m_window = 0;
    bool m_publishing = false;
    bool m_publicationInFlight = false;
    QDeadlineTimer m_republishAt;
    QDeadlineTimer m_pollUntil; // the last promise as this process sees it, grace included

    void startPolling();
    void evaluateRates();
    void onPollTick();
    void publish();
};

} // namespace trefoil::pg
