#pragma once

#include "backend/pg/connection.h"

#include <QObject>
#include <QQueue>

#include <memory>

namespace trefoil::pg {

class Pool;

// Exclusive use of one pooled connection, e.g. for a transaction; the connection goes back to
// the pool when the last copy of the Session is destroyed. Statements run in the order they are queued.
class Session {
public:
    Session() = default;
    bool isValid() const { return m_lease != nullptr; }
    void exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback) const;
    void exec(const QString &sql, QObject *context, ResultCallback callback) const
    {
        exec(sql, {}, context, std::move(callback));
    }
    Connection *connection() const;

private:
    friend class Pool;
    struct Lease;
    std::shared_ptr<Lease> m_lease;
};

// A fixed number of connections to one database. Broken connections are replaced on demand,
// so work submitted after the server came back succeeds.
class Pool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Pool)

public:
    explicit Pool(QString conninfo, int size, QObject *parent = nullptr);
    ~Pool() override;

    QString conninfo() const { return m_conninfo; }
    int size() const { return m_size; }

    // One statement on any free connection (autocommit).
    void exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback);
    void exec(const QString &sql, QObject *context, ResultCallback callback)
    {
        exec(sql, {}, context, std::move(callback));
    }
    // Answers the connections' stall checks found unannounced, over the pool's lifetime (should stay 0).
    quint64 stallRescues() const;

    // Exclusive use of one connection; the callback runs when one is free (or with an invalid Session and the error).
    void acquire(QObject *context, std::function<void(Session, const Error &)> callback);

Q_SIGNALS:
    void connectionLost(const trefoil::pg::Error &error);
    // A connection's stall check delivered answers no read notification had announced.
    void stallRescued();

private:
    friend struct Session::Lease;
    struct Slot;
    struct Waiter;
    QString m_conninfo;
    int m_size;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QQueue<Waiter> m_waiters;
    quint64 m_retiredStallRescues = 0; // of connections replaced after they broke
    bool m_destroying = false; // Sessions outliving the pool must not hand connections back

    void release(Connection *connection);
    void dispatch();
    void dispatchWaiters();
    Connection *ensureOpen(std::unique_ptr<Connection> &connection);
    Slot *freeSlot();
};

} // namespace trefoil::pg
