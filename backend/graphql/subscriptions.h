#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace trefoil::graphql {

// Where a subscriber's results go. The transport (backend/server's WebSocket session) provides
// it; the subscription machinery (live queries, streams) calls it. Each payload is one complete
// GraphQL response object as compact JSON ({"data": …} or {"data": …, "errors": […]}), ready to
// be wrapped in the protocol's `next`/`data` message.
struct SubscriptionSink {
    // A live query's current result (only ever a changed one), or a stream's next batch.
    std::function<void(const QByteArray &payload)> next;
    // The operation failed and is over: the GraphQL errors array as compact JSON.
    std::function<void(const QByteArray &errors)> error;
    // The server ended the operation (e.g. the schema it was compiled against went away).
    std::function<void()> complete;
};

// Runs subscription operations (Hasura semantics: a live query or a `<table>_stream`), one
// token per started operation. The transport knows nothing of cohorts, SQL or change signals.
class Subscriptions {
public:
    using Token = quint64;

    virtual ~Subscriptions() = default;

    // request: {"query", "variables", "operationName"}, already known to be a subscription
    // operation. Validation errors are reported through sink.error (possibly before start returns).
    // Live queries: sink.next gets the current result at once, then each changed result.
    virtual Token start(const QJsonObject &request, const QString &role, SubscriptionSink sink) = 0;
    // Stops an operation; no sink function is called for it afterwards. Unknown tokens are ignored.
    virtual void stop(Token token) = 0;
};

} // namespace trefoil::graphql
