#include "backend/server/transportwssession.h"

#include "backend/server/graphqlwsoperations.h"
#include "backend/server/wsconnectionauth.h"
#include "backend/server/wsoutbox.h"
#include "core/ws/transportwscodec.h"

#include <QCoreApplication>
#include <QWebSocket>

#include <exception>

using namespace Qt::StringLiterals;

namespace trefoil::server {

using ws::TransportWsClientMessage;
using ws::TransportWsCodec;
using ws::TransportWsServerMessage;
using ws::WsClose;

TransportWsSession::TransportWsSession(QWebSocket *socket, const GraphqlWsContext &context, QObject *parent)
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
            return closeWith(WsClose::internalServerError());
        }
        m_outbox->send(key, TransportWsCodec::encodeNext(id, payload),
            latestOnly ? WsOutbox::Delivery::LatestOnly : WsOutbox::Delivery::InOrder);
    };
    callbacks.error = [this](quint64 key, const QString &id, const QJsonArray &errors) {
        m_outbox->send(
            key, TransportWsCodec::encode(TransportWsServerMessage::error(id, errors)), WsOutbox::Delivery::InOrder);
    };
    callbacks.complete = [this](quint64 key, const QString &id) {
        m_outbox->send(
            key, TransportWsCodec::encode(TransportWsServerMessage::complete(id)), WsOutbox::Delivery::InOrder);
    };
    m_operations = new GraphqlWsOperations(context, std::move(callbacks), this);

    connect(socket, &QWebSocket::textMessageReceived, this, &TransportWsSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &) { closeWith(TransportWsCodec::binaryFrame()); });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_operations->stopAll();
        deleteLater();
    });
    m_initTimer.setSingleShot(true);
    connect(&m_initTimer, &QTimer::timeout, this, [this] {
        if (!m_initReceived)
            closeWith(WsClose::connectionInitialisationTimeout());
    });
    m_initTimer.start(context.options.connectionInitTimeoutMs);
}

TransportWsSession::~TransportWsSession()
{
    // Operations stop before the socket they write to goes.
    delete m_operations;
}

void TransportWsSession::closeWith(const WsClose &close)
{
    m_initTimer.stop();
    m_operations->stopAll();
    m_outbox->close(static_cast<quint16>(close.code), close.reason);
}

void TransportWsSession::onText(const QString &text)
{
    if (m_outbox->isClosing())
        return;
    WsClose close;
    const std::optional<TransportWsClientMessage> message = TransportWsCodec::decodeClientMessage(text, &close);
    if (!message)
        return closeWith(close);
    try {
        handle(*message);
    } catch (const std::exception &e) {
        qWarning("trefoil::server: GraphQL WebSocket message failed: %s", e.what());
        closeWith(WsClose::internalServerError());
    } catch (...) {
        qWarning("trefoil::server: GraphQL WebSocket message failed");
        closeWith(WsClose::internalServerError());
    }
}

void TransportWsSession::handle(const TransportWsClientMessage &message)
{
    using Kind = TransportWsClientMessage::Kind;
    switch (message.kind) {
    case Kind::ConnectionInit:
        return connectionInit(message);
    case Kind::Ping:
        return m_outbox->send(TransportWsCodec::encode(TransportWsServerMessage::pong(message.payload)));
    case Kind::Pong:
        return;
    case Kind::Subscribe:
        return subscribe(message);
    case Kind::Complete: {
        // The client is done with it: nothing more for this id, not even complete.
        const quint64 key = m_operations->keyOf(message.id);
        m_operations->stop(message.id);
        m_outbox->discard(key);
        return;
    }
    }
}

void TransportWsSession::connectionInit(const TransportWsClientMessage &message)
{
    if (m_initReceived)
        return closeWith(WsClose::tooManyInitialisationRequests());
    m_initReceived = true;
    m_initTimer.stop();
    const std::optional<graphql::RequestSession> session
        = WsConnectionAuth::session(m_context.secret, m_socket->request(), message.payload);
    if (!session)
        return closeWith(WsClose::forbidden());
    m_session = *session;
    m_acknowledged = true;
    m_outbox->send(TransportWsCodec::encode(TransportWsServerMessage::connectionAck()));
}

void TransportWsSession::subscribe(const TransportWsClientMessage &message)
{
    if (!m_acknowledged)
        return closeWith(WsClose::unauthorized());
    switch (m_operations->start(message.id, message.payload, m_session)) {
    case GraphqlWsOperations::Started::Ok:
        return;
    case GraphqlWsOperations::Started::DuplicateId:
        return closeWith(WsClose::subscriberAlreadyExists(message.id));
    case GraphqlWsOperations::Started::TooMany: {
        const QJsonObject error { { u"message"_s,
                                      QCoreApplication::translate(
                                          "TransportWsSession", "too many operations on this connection (at most %1)")
                                          .arg(m_context.options.maxOperations) },
            { u"extensions"_s, QJsonObject { { u"code"_s, u"too-many-operations"_s } } } };
        m_outbox->send(0, TransportWsCodec::encode(TransportWsServerMessage::error(message.id, QJsonArray { error })),
            WsOutbox::Delivery::InOrder);
        return;
    }
    }
}

} // namespace trefoil::server
