#pragma once

#include "backend/server/graphqlwebsocketoptions.h"
#include "core/ws/legacywsclientmessage.h"
#include "core/ws/legacywsservermessage.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class QWebSocket;

namespace trefoil::server {

class GraphqlWsOperations;
class WsOutbox;

// One legacy graphql-ws connection (subscriptions-transport-ws PROTOCOL.md, as Apollo and Hasura
// clients speak it): the protocol's state machine over LegacyWsCodec, faults reported in
// connection_error / error messages, `ka` keep-alives. Owns the socket and deletes itself once
// the socket is gone.
class LegacyWsSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegacyWsSession)

public:
    LegacyWsSession(QWebSocket *socket, const GraphqlWsContext &context, QObject *parent = nullptr);
    ~LegacyWsSession() override;

private:
    void onText(const QString &text);
    void handle(const ws::LegacyWsClientMessage &message);
    void connectionInit(const ws::LegacyWsClientMessage &message);
    void start(const ws::LegacyWsClientMessage &message);
    void stop(const QString &id);
    void send(const ws::LegacyWsServerMessage &message);
    void sendFor(quint64 key, const ws::LegacyWsServerMessage &message, bool latestOnly = false);
    void closeWith(quint16 code, const QString &reason);

    QWebSocket *m_socket;
    const GraphqlWsContext &m_context;
    WsOutbox *m_outbox;
    GraphqlWsOperations *m_operations;
    QTimer m_initTimer;
    QTimer m_keepAliveTimer;
    std::optional<graphql::RequestSession> m_session; // set once a connection_init was accepted
};

} // namespace trefoil::server
