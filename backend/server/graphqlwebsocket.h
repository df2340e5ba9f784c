#pragma once

#include "backend/server/graphqlwebsocketoptions.h"

#include <QObject>

class QWebSocket;

namespace trefoil::server {

// The GraphQL WebSocket endpoint: takes each upgraded socket from the ApiServer and starts the
// session of its negotiated sub-protocol (graphql-transport-ws or the legacy graphql-ws); a
// socket that negotiated neither is closed with 4406. Applies the per-connection limits.
class GraphqlWebSocket final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphqlWebSocket)

public:
    GraphqlWebSocket(
        GraphqlWebSocketOptions options, const AdminSecret &secret, GraphqlExecutor execute, QObject *parent = nullptr);
    ~GraphqlWebSocket() override;

    // Where subscriptions run; nullptr (the default) answers them with an error. Set it before
    // clients connect, and clear it (closeAll() first) before the Subscriptions object goes.
    void setSubscriptions(graphql::Subscriptions *subscriptions);
    // Takes ownership of an upgraded socket (ApiServer's WebSocketHandler).
    void accept(QWebSocket *socket);
    // Closes every connection now (1001 going away), stopping their operations: for shutdown.
    void closeAll();

    int sessionCount() const;
    const GraphqlWebSocketOptions &options() const { return m_context.options; }

Q_SIGNALS:
    void sessionCountChanged(int count);

private:
    GraphqlWsContext m_context;
    QList<QObject *> m_sessions;
};

} // namespace trefoil::server
