#pragma once

#include "backend/server/graphqlwebsocketoptions.h"
#include "core/ws/transportwsclientmessage.h"
#include "core/ws/wsclose.h"

#include <QObject>
#include <QString>
#include <QTimer>

class QWebSocket;

namespace trefoil::server {

class GraphqlWsOperations;
class WsOutbox;

// One graphql-transport-ws connection (the graphql-ws library's PROTOCOL.md): the protocol's
// state machine over TransportWsCodec, with its close codes. Owns the socket and deletes itself
// once the socket is gone.
class TransportWsSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportWsSession)

public:
    TransportWsSession(QWebSocket *socket, const GraphqlWsContext &context, QObject *parent = nullptr);
    ~TransportWsSession() override;

private:
    void onText(const QString &text);
    void handle(const ws::TransportWsClientMessage &message);
    void connectionInit(const ws::TransportWsClientMessage &message);
    void subscribe(const ws::TransportWsClientMessage &message);
    void closeWith(const ws::WsClose &close);

    QWebSocket *m_socket;
    const GraphqlWsContext &m_context;
    WsOutbox *m_outbox;
    GraphqlWsOperations *m_operations;
    QTimer m_initTimer;
    bool m_initReceived = false;
    bool m_acknowledged = false;
    graphql::RequestSession m_session;
};

} // namespace trefoil::server
