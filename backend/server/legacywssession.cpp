#include "backend/server/legacywssession.h"

#include "backend/server/graphqlwsoperations.h"
#include "backend/server/wsconnectionauth.h"
#include "backend/server/wsoutbox.h"
#include "core/ws/legacywscodec.h"

#include <QJsonArray>
#include <QWebSocket>

#include <exception>

using namespace Qt::StringLiterals;

namespace trefoil::server {

using ws::LegacyWsClientMessage;
using ws::LegacyWsCodec;
using ws::LegacyWsServerMessage;

namespace {

QJsonObject messagePayload(const QString &message)
{
    return QJsonObject { { u"message"_s, message } };
}

// The protocol's error payload is {"message": …}; the whole errors array rides along, which
// Apollo's client (formatErrors) prefers when it is there.
QJsonObject errorPayload(const QJsonArray &errors)
{
    return QJsonObject { { u"message"_s, errors.at(0).toObject().value(u"message"_s).toString() },
        { u"errors"_s, errors } };
}

} // namespace

LegacyWsSession::LegacyWsSession(QWebSocket *socket, const GraphqlWsContext &context, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
    , m_outbox(new WsOutbox(socket, context.options, this))
{
    socket->setParent(this);
    GraphqlWsOperations::Callbacks callbacks;
    callbacks.next = [this](quint64 key, const QString &id, const QByteArray &payload, bool latestOnly) {
        // The engine's compact JSON goes out as it is (no parse and print per subscriber).
        if (!payload.startsWith('{')) {
            qWarning("trefoil::server: a GraphQL result is not a JSON object; closing the WebSocket");
            return closeWith(QWebSocketProtocol::CloseCodeBadOperation, u"Internal server error"_s);
        }
        m_outbox->send(key, LegacyWsCodec::encodeData(id, payload),
            latestOnly ? WsOutbox::Delivery::LatestOnly : WsOutbox::Delivery::InOrder);
    };
    callbacks.error = [this](quint64 key, const QString &id, const QJsonArray &errors) {
        sendFor(key, LegacyWsServerMessage::error(id, errorPayload(errors)));
    };
    callbacks.complete = [this](quint64 key, const QString &id) { sendFor(key, LegacyWsServerMessage::complete(id)); };
    m_operations = new GraphqlWsOperations(context, std::move(callbacks), this);

    connect(socket, &QWebSocket::textMessageReceived, this, &LegacyWsSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        if (!m_outbox->isClosing())
            send(LegacyWsCodec::binaryFrame());
    });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_operations->stopAll();
        deleteLater();
    });
    m_initTimer.setSingleShot(true);
    connect(&m_initTimer, &QTimer::timeout, this, [this] {
        send(LegacyWsServerMessage::connectionError(messagePayload(tr("connection_init was not received in time"))));
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"Connection initialisation timeout"_s);
    });
    m_initTimer.start(context.options.connectionInitTimeoutMs);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, [this] { send(LegacyWsServerMessage::keepAlive()); });
}

LegacyWsSession::~LegacyWsSession()
{
    delete m_operations;
}

void LegacyWsSession::send(const LegacyWsServerMessage &message)
{
    m_outbox->send(LegacyWsCodec::encode(message));
}

void LegacyWsSession::sendFor(quint64 key, const LegacyWsServerMessage &message, bool latestOnly)
{
    m_outbox->send(
        key, LegacyWsCodec::encode(message), latestOnly ? WsOutbox::Delivery::LatestOnly : WsOutbox::Delivery::InOrder);
}

void LegacyWsSession::closeWith(quint16 code, const QString &reason)
{
    m_initTimer.stop();
    m_keepAliveTimer.stop();
    m_operations->stopAll();
    m_outbox->close(code, reason);
}

void LegacyWsSession::onText(const QString &text)
{
    if (m_outbox->isClosing())
        return;
    LegacyWsServerMessage reply;
    const std::optional<LegacyWsClientMessage> message = LegacyWsCodec::decodeClientMessage(text, &reply);
    if (!message)
        return send(reply); // the protocol reports the fault and keeps the socket
    try {
        handle(*message);
    } catch (const std::exception &e) {
        qWarning("trefoil::server: GraphQL WebSocket message failed: %s", e.what());
        closeWith(QWebSocketProtocol::CloseCodeBadOperation, u"Internal server error"_s);
    } catch (...) {
        qWarning("trefoil::server: GraphQL WebSocket message failed");
        closeWith(QWebSocketProtocol::CloseCodeBadOperation, u"Internal server error"_s);
    }
}

void LegacyWsSession::handle(const LegacyWsClientMessage &message)
{
    using Kind = LegacyWsClientMessage::Kind;
    switch (message.kind) {
    case Kind::ConnectionInit:
        return connectionInit(message);
    case Kind::Start:
        return start(message);
    case Kind::Stop:
        return stop(message.id);
    case Kind::ConnectionTerminate:
        return closeWith(QWebSocketProtocol::CloseCodeNormal, u"Normal Closure"_s);
    }
}

void LegacyWsSession::connectionInit(const LegacyWsClientMessage &message)
{
    // The protocol has no rule for a second connection_init: like the reference server, check
    // and answer again.
    m_initTimer.stop();
    const std::optional<graphql::RequestSession> session
        = WsConnectionAuth::session(m_context.secret, m_socket->request(), message.payload);
    if (!session) {
        send(LegacyWsServerMessage::connectionError(
            messagePayload(tr("invalid x-hasura-admin-secret/x-hasura-access-key"))));
        // As the reference server: connection_error, then close once it is written.
        return closeWith(QWebSocketProtocol::CloseCodeBadOperation, u"Forbidden"_s);
    }
    m_session = *session;
    send(LegacyWsServerMessage::connectionAck());
    if (m_context.options.keepAliveIntervalMs > 0) {
        send(LegacyWsServerMessage::keepAlive());
        m_keepAliveTimer.start(m_context.options.keepAliveIntervalMs);
    }
}

void LegacyWsSession::start(const LegacyWsClientMessage &message)
{
    if (!m_session) {
        // Without connection_init, only a connection whose upgrade request was enough may run.
        const std::optional<graphql::RequestSession> session
            = WsConnectionAuth::session(m_context.secret, m_socket->request(), {});
        if (!session)
            return sendFor(0,
                LegacyWsServerMessage::error(
                    message.id, messagePayload(tr("the connection is not initialised: send connection_init first"))));
        m_session = *session;
        m_initTimer.stop();
    }
    // A start with the id of a running operation replaces it, as the reference server does.
    if (m_operations->isActive(message.id)) {
        const quint64 key = m_operations->keyOf(message.id);
        m_operations->stop(message.id);
        m_outbox->discard(key);
    }
    if (m_operations->start(message.id, message.payload, *m_session) == GraphqlWsOperations::Started::TooMany) {
        sendFor(0,
            LegacyWsServerMessage::error(message.id,
                messagePayload(
                    tr("too many operations on this connection (at most %1)").arg(m_context.options.maxOperations))));
    }
}

void LegacyWsSession::stop(const QString &id)
{
    if (!m_operations->isActive(id))
        return;
    const quint64 key = m_operations->keyOf(id);
    m_operations->stop(id);
    m_outbox->discard(key);
    sendFor(key, LegacyWsServerMessage::complete(id));
}

} // namespace trefoil::server
