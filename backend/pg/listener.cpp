#include "backend/pg/listener.h"

#include "backend/pg/connection.h"
#include "backend/pg/sqlbuilder.h"

namespace trefoil::pg {

Listener::Listener(QString conninfo, QObject *parent)
    : QObject(parent)
    , m_conninfo(std::move(conninfo))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Listener::connectNow);
}

Listener::~Listener() = default;

bool Listener::isListening() const
{
    return m_listening;
}

void Listener::listen(const QString &channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.insert(channel);
    if (!m_connection) {
        connectNow();
        return;
    }
    if (m_connection->isReady())
        m_connection->exec(
            QLatin1String("LISTEN ") + SqlBuilder::quoteIdentifier(channel), this, [](const Result &) {});
}

void Listener::connectNow()
{
    if (m_connection)
        m_connection->deleteLater();
    m_listening = false;
    m_connection = new Connection(m_conninfo, this);
    connect(m_connection, &Connection::notification, this,
        [this](const QString &channel, const QString &payload, int) { Q_EMIT notification(channel, payload); });
    connect(m_connection, &Connection::opened, this, &Listener::listenAll);
    auto retry = [this](const Error &error) {
        m_listening = false;
        Q_EMIT lost(error);
        // Back off up to two seconds; a restarting server usually comes back within that.
        m_reconnectTimer.start(std::min(2000, 50 << std::min(m_attempt++, 6)));
    };
    connect(m_connection, &Connection::openFailed, this, retry);
    connect(m_connection, &Connection::lost, this, retry);
    m_connection->open();
}

void Listener::listenAll()
{
    QString sql;
    for (const QString &channel : std::as_const(m_channels))
        sql += QLatin1String("LISTEN ") + SqlBuilder::quoteIdentifier(channel) + QLatin1String(";");
    m_connection->execScript(sql.isEmpty() ? QStringLiteral("SELECT 1") : sql, this, [this](const Result &result) {
        if (!result.ok())
            return; // the connection's lost signal schedules the retry
        m_attempt = 0;
        m_listening = true;
        Q_EMIT listening();
    });
}

} // namespace trefoil::pg
