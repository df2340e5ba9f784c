#pragma once

#include "backend/graphql/requestsession.h"

#include "backend/server/adminsecret.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::graphql {
class Subscriptions;
}

namespace trefoil::server {

// Limits and timings of the GraphQL WebSocket endpoint; the defaults are those of the reference
// servers (graphql-ws waits 3 s for connection_init, Hasura sends `ka` every 5 s).
struct GraphqlWebSocketOptions {
    int connectionInitTimeoutMs = 3000; // no connection_init within: 4408 (graphql-ws), 1008 (legacy)
    int keepAliveIntervalMs = 5000; // legacy `ka` after connection_ack and then periodically; 0: none
    qint64 maxMessageBytes = 1024 * 1024; // a larger incoming message closes the socket (1009)
    int maxOperations = 100; // concurrent operations per connection; more are answered with an error
    // Above this many bytes waiting in the socket, a live query keeps only its newest result and a
    // stream's batches wait in order.
    qint64 sendBudgetBytes = 1024 * 1024;
    // Bytes waiting in the socket plus held results beyond this: the client is dropped at once.
    qint64 sendBufferLimitBytes = 64 * 1024 * 1024;
    int sendStallTimeoutMs = 30'000; // over the send budget for longer than this: closed (1008)
    int closeGraceMs = 5000; // a closed socket whose peer does not finish the close is aborted after
};

// Runs a query or mutation: done gets the GraphQL response JSON once, unless context is
// destroyed first (the operation was stopped). GraphqlEngine::execute has this shape.
// The session carries the connection's role and x-hasura-* variables.
using GraphqlExecutor = std::function<void(const QJsonObject &request, const graphql::RequestSession &session,
    QObject *context, std::function<void(QByteArray)> done)>;

// What every WebSocket session of the endpoint shares; owned by GraphqlWebSocket, which outlives
// its sessions.
struct GraphqlWsContext {
    GraphqlWebSocketOptions options;
    AdminSecret secret;
    GraphqlExecutor execute;
    graphql::Subscriptions *subscriptions = nullptr; // nullptr: subscriptions are answered with an error
};

} // namespace trefoil::server
