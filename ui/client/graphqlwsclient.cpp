#include "ui/client/graphqlwsclient.h"

#include "core/ws/transportwscodec.h"
#include "ui/client/subscription.h"

#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <utility>

namespace trefoil::ui {

using ws::TransportWsClientMessage;
using ws::TransportWsCodec;
using ws::TransportWsServerMessage;
using ws::WsClose;
using ws::WsCloseCode;

GraphqlWsClient::GraphqlWsClient(QObject *parent)
    : GraphqlWsClient(GraphqlWsClientOptions(), parent)
{
}

GraphqlWsClient::GraphqlWsClient(const GraphqlWsClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_backoff(options.initialReconnectDelayMs, options.maxReconnectDelayMs)
{
    qRegisterMetaType<ConnectionState>();
    qRegisterMetaType<GraphqlResult>();
    for (QTimer *timer : { &m_reconnectTimer, &m_ackTimer, &m_idleTimer, &m_pongTimer })
        timer->setSingleShot(true);
    m_ackTimer.setInterval(m_options.connectionAckTimeoutMs);
    m_idleTimer.setInterval(m_options.keepAliveIdleMs);
    m_pongTimer.setInterval(m_options.pongTimeoutMs);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &GraphqlWsClient::openSocket);
    connect(&m_ackTimer, &QTimer::timeout, this, [this] {
        abandon(tr("The server did not complete the connection within %n s.", nullptr,
            m_options.connectionAckTimeoutMs / 1000));
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        send(TransportWsClientMessage::ping());
        m_pongTimer.start();
    });
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        abandon(tr(
            "The server stopped answering: no reply to a ping within %n s.", nullptr, m_options.pongTimeoutMs / 1000));
    });
}

GraphqlWsClient::~GraphqlWsClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    for (const QPointer<Subscription> &subscription : std::as_const(m_subscriptions)) {
        if (subscription) {
            subscription->m_active = false;
            subscription->m_id.clear();
        }
    }
}

void GraphqlWsClient::open()
{
    m_reconnectTimer.stop();
    m_backoff.reset();
    if (m_socket) {
        dropSocket();
        endConnection(tr("The connection was opened anew."));
    }
    openSocket();
}

void GraphqlWsClient::close()
{
    m_reconnectTimer.stop();
    if (m_socket) {
        QWebSocket *socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        // A clean close: the socket goes once the server has answered the close (or with us).
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
    m_ackTimer.stop();
    m_idleTimer.stop();
    m_pongTimer.stop();
    m_acknowledged = false;
    m_socketConnected = false;
    const QPointer<GraphqlWsClient> self(this);
    endConnection(tr("The connection was closed."));
    if (!self)
        return;
    failOperations(false, tr("The connection was closed before the operation was sent."));
    if (self)
        setState({});
}

void GraphqlWsClient::execute(const GraphqlRequest &request, QObject *context, ResultCallback done)
{
    Q_ASSERT(context);
    if (m_state.kind == ConnectionState::Kind::Disconnected || m_state.kind == ConnectionState::Kind::Failed) {
        // Never called back from within execute(): callers can rely on that.
        const QString message = m_state.kind == ConnectionState::Kind::Failed
            ? tr("Not connected to the server: %1").arg(m_state.message)
            : tr("Not connected to the server.");
        QTimer::singleShot(
            0, context, [done = std::move(done), message] { done(GraphqlResult::transportFailure(message)); });
        return;
    }
    const quint64 id = ++m_lastId;
    Operation &operation = m_operations[id];
    operation.request = request;
    operation.context = context;
    operation.done = std::move(done);
    if (m_acknowledged)
        sendOperation(id, operation);
}

Subscription *GraphqlWsClient::subscribe(const GraphqlRequest &request, QObject *parent)
{
    return new Subscription(this, request, parent);
}

void GraphqlWsClient::startSubscription(Subscription *subscription)
{
    m_subscriptions.append(subscription);
    if (m_acknowledged)
        sendSubscription(subscription);
}

void GraphqlWsClient::stopSubscription(Subscription *subscription)
{
    m_subscriptions.removeAll(subscription);
    const QString id = std::exchange(subscription->m_id, QString());
    if (id.isEmpty())
        return;
    m_subscriptionIds.remove(id);
    if (m_acknowledged)
        send(TransportWsClientMessage::complete(id));
}

void GraphqlWsClient::openSocket()
{
    QString problem;
    const QUrl url = m_endpoint.webSocketUrl(&problem);
    if (!url.isValid())
        return fail(problem);

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socketConnected = false;
    m_socketError.clear();
    connect(m_socket, &QWebSocket::connected, this, &GraphqlWsClient::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &GraphqlWsClient::onSocketDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &GraphqlWsClient::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        const WsClose close = TransportWsCodec::binaryFrame();
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(close.code), close.reason);
        abandon(tr("The server sent a message that is not part of the protocol (a binary frame)."));
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this] { m_socketError = m_socket->errorString(); });

    ConnectionState connecting;
    connecting.kind = ConnectionState::Kind::Connecting;
    setState(connecting);

    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString(TransportWsCodec::SubProtocol) });
    // A server that accepts the TCP connection but never answers (stopped, overloaded) must not
    // hold the client: the handshake and connection_ack have one deadline together.
    m_ackTimer.start();
    m_socket->open(QNetworkRequest(url), options);
}

void GraphqlWsClient::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = std::move(state);
    Q_EMIT stateChanged(m_state);
}

void GraphqlWsClient::onSocketConnected()
{
    m_socketConnected = true;
    if (m_socket->subprotocol() != TransportWsCodec::SubProtocol) {
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        return fail(tr("The server at %1 does not offer GraphQL over WebSocket (graphql-transport-ws). "
                       "Check the address.")
                        .arg(m_endpoint.displayName()));
    }
    // x-hasura-user-id names the operator in the server's audit log.
    QJsonObject headers { { QLatin1StringView("x-hasura-user-id"),
        qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")) } };
    if (!m_endpoint.adminSecret.isEmpty())
        headers.insert(QLatin1StringView("x-hasura-admin-secret"), m_endpoint.adminSecret);
    const QJsonObject payload { { QLatin1StringView("headers"), headers } };
    send(TransportWsClientMessage::connectionInit(payload));
}

void GraphqlWsClient::onSocketDisconnected()
{
    const int code = m_socket->closeCode();
    const QString closeReason = m_socket->closeReason();
    const bool wasConnected = m_socketConnected;
    const QString error = m_socketError;
    dropSocket();

    QString permanent;
    if (isPermanentClose(code, closeReason, &permanent)) {
        const QPointer<GraphqlWsClient> self(this);
        endConnection(permanent);
        if (self)
            fail(permanent);
        return;
    }
    QString reason;
    if (!wasConnected)
        reason = tr("Could not connect to %1: %2")
                     .arg(m_endpoint.displayName(), error.isEmpty() ? tr("no answer") : error);
    else if (code != QWebSocketProtocol::CloseCodeNormal || !closeReason.isEmpty())
        reason = closeReason.isEmpty()
            ? tr("The server closed the connection (code %1).").arg(code)
            : tr("The server closed the connection (code %1: %2).").arg(code).arg(closeReason);
    else
        reason = error.isEmpty() ? tr("The connection to the server was lost.")
                                 : tr("The connection to the server was lost: %1").arg(error);
    const QPointer<GraphqlWsClient> self(this);
    endConnection(reason);
    if (self)
        scheduleReconnect(reason);
}

bool GraphqlWsClient::isPermanentClose(int code, const QString &reason, QString *message) const
{
    switch (static_cast<WsCloseCode>(code)) {
    case WsCloseCode::Forbidden:
        *message = tr("The server refused the admin secret. Check the secret and connect again.");
        return true;
    case WsCloseCode::SubprotocolNotAcceptable:
        *message = tr("The server at %1 does not offer GraphQL over WebSocket (graphql-transport-ws). "
                      "Check the address.")
                       .arg(m_endpoint.displayName());
        return true;
    case WsCloseCode::InvalidMessage:
        *message = tr("The server did not understand the dashboard (%1). The server and the dashboard may be "
                      "different versions.")
                       .arg(reason);
        return true;
    default:
        return false;
    }
}

void GraphqlWsClient::onTextMessage(const QString &text)
{
    WsClose close;
    const std::optional<TransportWsServerMessage> message = TransportWsCodec::decodeServerMessage(text, &close);
    if (!message) {
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(close.code), close.reason);
        return abandon(tr("The server sent a message that is not part of the protocol: %1").arg(close.reason));
    }
    // Anything from the server shows the connection is alive.
    m_pongTimer.stop();
    if (m_acknowledged)
        m_idleTimer.start();
    handle(*message);
}

void GraphqlWsClient::handle(const TransportWsServerMessage &message)
{
    using Kind = TransportWsServerMessage::Kind;
    switch (message.kind) {
    case Kind::ConnectionAck:
        if (!m_acknowledged)
            onAcknowledged();
        return;
    case Kind::Ping:
        send(TransportWsClientMessage::pong());
        return;
    case Kind::Pong:
        return;
    case Kind::Next:
    case Kind::Error:
    case Kind::Complete:
        break;
    }

    bool isNumber = false;
    const quint64 number = message.id.toULongLong(&isNumber);
    if (isNumber && m_operations.contains(number)) {
        const Operation operation = m_operations.take(number);
        if (!operation.context)
            return;
        if (message.kind == Kind::Next)
            operation.done(GraphqlResult::fromPayload(message.payload));
        else if (message.kind == Kind::Error)
            operation.done(GraphqlResult::fromErrors(message.errors));
        else
            operation.done(GraphqlResult::transportFailure(tr("The server ended the operation without a result.")));
        return;
    }

    const QPointer<Subscription> subscription = m_subscriptionIds.value(message.id);
    if (!subscription)
        return; // an id we completed, or one of a previous connection: ignored, as the protocol says
    if (message.kind == Kind::Next) {
        Q_EMIT subscription->resultReceived(GraphqlResult::fromPayload(message.payload));
        return;
    }
    // The server ended it: it is no longer active, and not sent again after a reconnect.
    m_subscriptionIds.remove(message.id);
    m_subscriptions.removeAll(subscription);
    subscription->m_id.clear();
    subscription->m_active = false;
    if (message.kind == Kind::Error)
        Q_EMIT subscription->failed(GraphqlResult::fromErrors(message.errors));
    else
        Q_EMIT subscription->completed();
}

void GraphqlWsClient::onAcknowledged()
{
    m_ackTimer.stop();
    m_acknowledged = true;
    m_backoff.reset();
    m_idleTimer.start();
    const QList<QPointer<Subscription>> subscriptions = m_subscriptions;
    for (const QPointer<Subscription> &subscription : subscriptions) {
        if (subscription && subscription->m_id.isEmpty())
            sendSubscription(subscription);
    }
    for (auto it = m_operations.begin(); it != m_operations.end(); ++it) {
        if (!it->sent)
            sendOperation(it.key(), *it);
    }
    ConnectionState connected;
    connected.kind = ConnectionState::Kind::Connected;
    setState(connected);
}

void GraphqlWsClient::abandon(const QString &reason)
{
    dropSocket();
    const QPointer<GraphqlWsClient> self(this);
    endConnection(reason);
    if (self)
        scheduleReconnect(reason);
}

void GraphqlWsClient::dropSocket()
{
    m_ackTimer.stop();
    m_idleTimer.stop();
    m_pongTimer.stop();
    m_acknowledged = false;
    m_socketConnected = false;
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void GraphqlWsClient::endConnection(const QString &reason)
{
    for (const QPointer<Subscription> &subscription : std::as_const(m_subscriptions)) {
        if (subscription)
            subscription->m_id.clear();
    }
    m_subscriptionIds.clear();
    failOperations(true,
        tr("The connection was lost before the server answered, so it is not known whether the operation "
           "took effect. %1")
            .arg(reason));
}

void GraphqlWsClient::scheduleReconnect(const QString &reason)
{
    const int delay = m_backoff.nextDelayMs();
    m_reconnectTimer.start(delay);
    ConnectionState reconnecting;
    reconnecting.kind = ConnectionState::Kind::Reconnecting;
    reconnecting.message = reason;
    reconnecting.nextAttempt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    reconnecting.attempt = m_backoff.attempts();
    setState(reconnecting);
}

void GraphqlWsClient::fail(const QString &message)
{
    m_reconnectTimer.stop();
    dropSocket();
    const QPointer<GraphqlWsClient> self(this);
    failOperations(false, tr("Not connected to the server: %1").arg(message));
    if (!self)
        return;
    ConnectionState failed;
    failed.kind = ConnectionState::Kind::Failed;
    failed.message = message;
    setState(failed);
}

void GraphqlWsClient::failOperations(bool onlySent, const QString &message)
{
    QList<Operation> failed;
    for (auto it = m_operations.begin(); it != m_operations.end();) {
        if (onlySent && !it->sent) {
            ++it;
            continue;
        }
        failed.append(std::move(*it));
        it = m_operations.erase(it);
    }
    const QPointer<GraphqlWsClient> self(this);
    const GraphqlResult result = GraphqlResult::transportFailure(message);
    for (const Operation &operation : std::as_const(failed)) {
        if (operation.context)
            operation.done(result);
        if (!self)
            return;
    }
}

void GraphqlWsClient::send(const TransportWsClientMessage &message)
{
    if (m_socket)
        m_socket->sendTextMessage(TransportWsCodec::encode(message));
}

void GraphqlWsClient::sendOperation(quint64 id, Operation &operation)
{
    operation.sent = true;
    send(TransportWsClientMessage::subscribe(QString::number(id), operation.request.toPayload()));
}

void GraphqlWsClient::sendSubscription(Subscription *subscription)
{
    subscription->m_id = QString::number(++m_lastId);
    m_subscriptionIds.insert(subscription->m_id, subscription);
    send(TransportWsClientMessage::subscribe(subscription->m_id, subscription->request().toPayload()));
}

} // namespace trefoil::ui
