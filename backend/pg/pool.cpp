#include "backend/pg/pool.h"

#include <QPointer>

namespace trefoil::pg {

struct Pool::Slot {
    std::unique_ptr<Connection> connection;
    bool leased = false;
};

// Work waiting for a connection: either a statement or a request for a Session.
struct Pool::Waiter {
    bool hasContext = false;
    QPointer<QObject> context;
    std::function<void(Session, const Error &)> onSession;
    QString sql;
    QVariantList params;
    ResultCallback onResult;

    bool isAlive() const { return !hasContext || context; }
};

struct Session::Lease {
    QPointer<Pool> pool;
    Connection *connection = nullptr;
    ~Lease()
    {
        if (pool)
            pool->release(connection);
    }
};

void Session::exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback) const
{
    Q_ASSERT(m_lease);
    m_lease->connection->exec(sql, params, context, std::move(callback));
}

Connection *Session::connection() const
{
    return m_lease ? m_lease->connection : nullptr;
}

Pool::Pool(QString conninfo, int size, QObject *parent)
    : QObject(parent)
    , m_conninfo(std::move(conninfo))
    , m_size(std::max(1, size))
{
    for (int i = 0; i < m_size; ++i)
        m_slots.push_back(std::make_unique<Slot>());
}

Pool::~Pool()
{
    m_destroying = true;
}

// A usable connection for this slot: a broken or never-opened one is replaced and opened.
Connection *Pool::ensureOpen(std::unique_ptr<Connection> &connection)
{
    if (!connection || connection->state() == Connection::State::Broken) {
        if (connection)
            m_retiredStallRescues += connection->stallRescues();
        connection = std::make_unique<Connection>(m_conninfo);
        connect(connection.get(), &Connection::lost, this, &Pool::connectionLost);
        connect(connection.get(), &Connection::stallRescued, this, &Pool::stallRescued);
        // A session waits for a connection with nothing queued: one that drains may be it.
        connect(connection.get(), &Connection::drained, this, &Pool::dispatchWaiters);
    }
    if (connection->state() == Connection::State::Idle)
        connection->open();
    return connection.get();
}

Pool::Slot *Pool::freeSlot()
{
    Slot *best = nullptr;
    for (const auto &slot : m_slots) {
        if (slot->leased)
            continue;
        const int load = slot->connection ? slot->connection->pendingCount() : 0;
        if (!best || load < (best->connection ? best->connection->pendingCount() : 0))
            best = slot.get();
    }
    return best;
}

quint64 Pool::stallRescues() const
{
    quint64 total = m_retiredStallRescues;
    for (const auto &slot : m_slots) {
        if (slot->connection)
            total += slot->connection->stallRescues();
    }
    return total;
}

void Pool::exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback)
{
    if (Slot *slot = freeSlot()) {
        ensureOpen(slot->connection)->exec(sql, params, context, std::move(callback));
        return;
    }
    Waiter waiter;
    waiter.hasContext = context != nullptr;
    waiter.context = context;
    waiter.sql = sql;
    waiter.params = params;
    waiter.onResult = std::move(callback);
    m_waiters.enqueue(std::move(waiter));
}

void Pool::acquire(QObject *context, std::function<void(Session, const Error &)> callback)
{
    Waiter waiter;
    waiter.hasContext = context != nullptr;
    waiter.context = context;
    waiter.onSession = std::move(callback);
    m_waiters.enqueue(std::move(waiter));
    dispatch();
}

void Pool::release(Connection *connection)
{
    if (m_destroying)
        return;
    for (const auto &slot : m_slots) {
        if (slot->connection.get() == connection)
            slot->leased = false;
    }
    dispatch();
}

void Pool::dispatchWaiters()
{
    if (!m_destroying && !m_waiters.isEmpty())
        dispatch();
}

void Pool::dispatch()
{
    QPointer<Pool> self(this);
    while (!m_waiters.isEmpty()) {
        if (!m_waiters.head().isAlive()) {
            m_waiters.dequeue();
            continue;
        }
        // A session wants a connection with nothing queued on it, so its statements run at once.
        Slot *slot = nullptr;
        for (const auto &candidate : m_slots) {
            if (!candidate->leased && (!candidate->connection || candidate->connection->pendingCount() == 0)) {
                slot = candidate.get();
                break;
            }
        }
        if (!slot && m_waiters.head().onSession)
            return;
        if (!slot)
            slot = freeSlot();
        if (!slot)
            return;
        Waiter waiter = m_waiters.dequeue();
        Connection *connection = ensureOpen(slot->connection);
        if (waiter.onSession) {
            slot->leased = true;
            Session session;
            session.m_lease = std::make_shared<Session::Lease>();
            session.m_lease->pool = this;
            session.m_lease->connection = connection;
            waiter.onSession(std::move(session), Error {});
            if (!self)
                return;
        } else {
            connection->exec(waiter.sql, waiter.params, waiter.context, std::move(waiter.onResult));
        }
    }
}

} // namespace trefoil::pg
