#include "backend/server/graphqlwebsocket.h"

#include "backend/server/legacywssession.h"
#include "backend/server/transportwssession.h"
#include "core/ws/legacywscodec.h"
#include "core/ws/transportwscodec.h"
#include "core/ws/wsclose.h"

#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace trefoil::server {

GraphqlWebSocket::GraphqlWebSocket(
    GraphqlWebSocketOptions options, const AdminSecret &secret, GraphqlExecutor execute, QObject *parent)
    : QObject(parent)
    , m_context { std::move(options), secret, std::move(execute), nullptr }
{
}

GraphqlWebSocket::~GraphqlWebSocket()
{
    // Sessions stop their operations while the context they use still exists.
    const QList<QObject *> sessions = std::exchange(m_sessions, {});
    qDeleteAll(sessions);
}

void GraphqlWebSocket::setSubscriptions(graphql::Subscriptions *subscriptions)
{
    m_context.subscriptions = subscriptions;
}

int GraphqlWebSocket::sessionCount() const
{
    return static_cast<int>(m_sessions.size());
}

void GraphqlWebSocket::accept(QWebSocket *socket)
{
    const quint64 maxMessage = static_cast<quint64>(qMax<qint64>(m_context.options.maxMessageBytes, 1));
    socket->setMaxAllowedIncomingMessageSize(maxMessage);
    socket->setMaxAllowedIncomingFrameSize(maxMessage);

    QObject *session = nullptr;
    const QString protocol = socket->subprotocol();
    if (protocol == ws::TransportWsCodec::SubProtocol) {
        session = new TransportWsSession(socket, m_context, this);
    } else if (protocol == ws::LegacyWsCodec::SubProtocol) {
        session = new LegacyWsSession(socket, m_context, this);
    } else {
        // QWebSocketServer completes the handshake without a Sec-WebSocket-Protocol when the
        // client offers none it supports: the protocol's own code says why it ends here.
        const ws::WsClose close = ws::WsClose::subprotocolNotAcceptable();
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(close.code), close.reason);
        QTimer::singleShot(m_context.options.closeGraceMs, socket, [socket] { socket->abort(); });
        return;
    }
    m_sessions.append(session);
    connect(session, &QObject::destroyed, this, [this, session] {
        m_sessions.removeOne(session);
        Q_EMIT sessionCountChanged(sessionCount());
    });
    Q_EMIT sessionCountChanged(sessionCount());
}

void GraphqlWebSocket::closeAll()
{
    const QList<QObject *> sessions = std::exchange(m_sessions, {});
    for (QObject *session : sessions) {
        if (auto *socket = session->findChild<QWebSocket *>())
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"Server shutting down"_s);
        delete session;
    }
    Q_EMIT sessionCountChanged(0);
}

} // namespace trefoil::server
