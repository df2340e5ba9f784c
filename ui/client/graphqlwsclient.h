#pragma once

#include "ui/client/connectionstate.h"
#include "ui/client/graphqlendpoint.h"
#include "ui/client/graphqlrequest.h"
#include "ui/client/graphqlresult.h"
#include "ui/client/graphqlwsclientoptions.h"
#include "ui/client/reconnectbackoff.h"

#include <QAbstractSocket>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWebSocket;

namespace trefoil::ws {
struct TransportWsServerMessage;
struct TransportWsClientMessage;
} // namespace trefoil::ws

namespace trefoil::ui {

class Subscription;

// The dashboard's one connection to the GraphQL API: graphql-transport-ws over a QWebSocket, with
// the frames coded by core/ws. It keeps the connection up by itself — reconnecting with capped,
// jittered exponential backoff and subscribing again to every active Subscription — and reports
// where it stands through stateChanged(). Queries and mutations are never retried: one sent on a
// connection that drops fails with a transport error, since the server may have run it. One not
// yet sent waits for the connection (and fails if the client fails or is closed).
class GraphqlWsClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphqlWsClient)

public:
    using ResultCallback = std::function<void(const GraphqlResult &result)>;

    explicit GraphqlWsClient(QObject *parent = nullptr);
    explicit GraphqlWsClient(const GraphqlWsClientOptions &options, QObject *parent = nullptr);
    ~GraphqlWsClient() override; // calls no callback and emits nothing

    // Takes effect at the next open().
    void setEndpoint(const GraphqlEndpoint &endpoint) { m_endpoint = endpoint; }
    const GraphqlEndpoint &endpoint() const { return m_endpoint; }
    const ConnectionState &state() const { return m_state; }

    // Connects (again, at once, from any state) to the endpoint.
    void open();
    // Closes normally: operations not answered fail; subscriptions stay started and are subscribed
    // again at the next open().
    void close();

    // Runs a query or mutation; `done` is called once, on this thread, unless `context` is gone.
    void execute(const GraphqlRequest &request, QObject *context, ResultCallback done);
    // A subscription handle, not started; owned by `parent` (it must not outlive the client's use).
    Subscription *subscribe(const GraphqlRequest &request, QObject *parent);

Q_SIGNALS:
    void stateChanged(const trefoil::ui::ConnectionState &state);

private:
    friend class Subscription;

    struct Operation {
        GraphqlRequest request;
        QPointer<QObject> context;
        ResultCallback done;
        bool sent = false; // on the current connection
    };

    void startSubscription(Subscription *subscription);
    void stopSubscription(Subscription *subscription);

    void openSocket();
    void setState(ConnectionState state);
    void onSocketConnected();
    void onSocketDisconnected();
    void onTextMessage(const QString &text);
    void handle(const ws::TransportWsServerMessage &message);
    void onAcknowledged();
    // This side gives up on the connection (no ack, no pong, a bad frame): drop it and retry.
    void abandon(const QString &reason);
    // Forgets the current socket without hearing from it again.
    void dropSocket();
    // The connection is over: operations sent on it fail, subscriptions will be sent again.
    void endConnection(const QString &reason);
    void scheduleReconnect(const QString &reason);
    void fail(const QString &message);
    // Answers the operations (all, or those sent on the connection) with a transport error.
    void failOperations(bool onlySent, const QString &message);
    void send(const ws::TransportWsClientMessage &message);
    void sendOperation(quint64 id, Operation &operation);
    void sendSubscription(Subscription *subscription);
    // A close that retrying cannot cure; *message says what happened and what to do.
    bool isPermanentClose(int code, const QString &reason, QString *message) const;

    GraphqlWsClientOptions m_options;
    GraphqlEndpoint m_endpoint;
    ConnectionState m_state;
    ReconnectBackoff m_backoff;
    QWebSocket *m_socket = nullptr; // one per connection attempt
    QTimer m_reconnectTimer;
    QTimer m_ackTimer;
    QTimer m_idleTimer;
    QTimer m_pongTimer;
    bool m_acknowledged = false;
    bool m_socketConnected = false; // the WebSocket handshake of the current socket succeeded
    QString m_socketError; // the current socket's last error, for the reconnect message
    quint64 m_lastId = 0;
    QMap<quint64, Operation> m_operations; // queries and mutations by id number, in order
    QList<QPointer<Subscription>> m_subscriptions; // started, in start order
    QHash<QString, QPointer<Subscription>> m_subscriptionIds; // sent on this connection
};

} // namespace trefoil::ui
