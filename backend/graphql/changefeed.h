#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <utility>

namespace trefoil::pg {
class Pool;
class Listener;
class PollingSwitch;
} // namespace trefoil::pg

namespace trefoil::graphql {

// Which tables committed transactions changed, wherever they were made (this process, psql,
// another trefoild, the event worker): the statement triggers of engine migration 0005 NOTIFY
// 'trefoil_changes' in quiet times, and while a process promises to poll (a pg::PollingSwitch on
// trefoil.live_polling_until, so busy writers never queue on the NOTIFY lock) they insert into
// trefoil.live_changes, which every live process then reads every few milliseconds. A process
// that starts polling says so once (NOTIFY with an empty payload), so the others follow its promise.
class ChangeFeed final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeFeed)

public:
    static constexpr int FollowIntervalMs = 5;
    static constexpr int CleanupIntervalMs = 10000;
    // Busy sooner than the event worker: a notifying commit holds the NOTIFY lock across its WAL
    // flush, so with notifications on, writers together commit at most about 1/flush time a
    // second (about 250/s measured here); polling starts well below that.
    static constexpr int NotificationsToPoll = 50; // per second
    static constexpr int ChangesToListen = 25; // (transaction, table) pairs read per second
    static constexpr int ListeningPromiseMs = 10000;
    static constexpr int CatchUpMs = 1000; // a second "missed" after publishing, for slow transactions

    ChangeFeed(pg::Pool *pool, pg::Listener *listener, QObject *parent = nullptr);
    ~ChangeFeed() override;

    // Installs the change trigger on these tables ("schema.table") where it is missing.
    void watch(const QStringList &tables);
    pg::PollingSwitch *pollingSwitch() const { return m_switch; }
    // Reading trefoil.live_changes, by this process's own promise or another's.
    bool isPolling() const;
    // While active (this process has live subscribers) the feed promises in
    // trefoil.live_listening_until that someone listens; without any such promise the triggers
    // signal nothing. Becoming active emits missed() once the promise is published; becoming
    // inactive takes effect after ListeningPromiseMs, so a subscriber that reconnects finds the
    // signals still on.
    void setActive(bool active);

Q_SIGNALS:
    void changed(const QStringList &tables);
    // Signals may have been lost (the LISTEN connection came back): treat every table as changed.
    void missed();
    void watching(int created);
    void watchFailed(const QString &message);

private:
    pg::Pool *m_pool;
    pg::Listener *m_listener;
    pg::PollingSwitch *m_switch;
    QTimer m_followTimer;
    // An announcement may arrive before the promise it announces is visible: follow at least this long.
    QDeadlineTimer m_followAtLeast;
    QTimer m_cleanupTimer;
    QTimer m_listeningTimer;
    QTimer m_lingerTimer;
    bool m_active = false;
    bool m_announced = false; // missed() sent for the current active period
    bool m_pollInFlight = false;
    QString m_xmin = QStringLiteral("0"); // of the previous read's snapshot
    QString m_cleanupXmin; // an xmin at least CleanupIntervalMs old
    QSet<std::pair<quint64, QString>> m_seen; // (tx, table) read with tx >= m_xmin

    void notified(const QString &channel, const QString &payload);
    void poll();
    void cleanup();
    void publishListening();
};

} // namespace trefoil::graphql
