#pragma once

#include "backend/graphql/subscriptions.h"
#include "backend/server/graphqlwebsocketoptions.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace trefoil::server {

// The operations of one GraphQL WebSocket connection, whatever its sub-protocol: queries and
// mutations run through the executor, subscriptions through graphql::Subscriptions. Results come
// back through the callbacks as protocol-neutral events, each operation ending with exactly one
// of error or complete (none after stop()). Ids are the client's; `key` is unique per operation
// run on this connection, so a reused id never receives the results of its predecessor.
class GraphqlWsOperations final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphqlWsOperations)

public:
    struct Callbacks {
        // One result: `latestOnly` when a newer result makes it obsolete (a live query's).
        std::function<void(quint64 key, const QString &id, const QByteArray &payload, bool latestOnly)> next;
        // The operation failed and is over (validation errors, refused subscription).
        std::function<void(quint64 key, const QString &id, const QJsonArray &errors)> error;
        // The operation is over after its results.
        std::function<void(quint64 key, const QString &id)> complete;
    };

    enum class Started { Ok, DuplicateId, TooMany };

    GraphqlWsOperations(const GraphqlWsContext &context, Callbacks callbacks, QObject *parent = nullptr);
    ~GraphqlWsOperations() override; // stops what still runs

    // request: {query, variables?, operationName?} as the client sent it.
    Started start(const QString &id, const QJsonObject &request, const graphql::RequestSession &session);
    bool isActive(const QString &id) const { return m_active.contains(id); }
    quint64 keyOf(const QString &id) const;
    // Stops the operation; no callback is called for it afterwards. Unknown ids are ignored.
    void stop(const QString &id);
    void stopAll();
    int count() const { return static_cast<int>(m_active.size()); }

    // A response is a request error (no data, only errors: it did not parse or validate).
    static bool isRequestError(const QJsonObject &response);

private:
    struct Operation {
        quint64 key = 0;
        QObject *context = nullptr; // a query's or mutation's: deleting it drops the answer
        graphql::Subscriptions::Token token = 0;
        bool hasToken = false; // Subscriptions::start returned while the operation ran
        bool subscription = false;
    };

    void execute(const QString &id, quint64 key, const QJsonObject &request, const graphql::RequestSession &session);
    void subscribe(const QString &id, quint64 key, const QJsonObject &request, const QString &role, bool latestOnly);
    // The operation `key` is over: forget it, so its id may be used again.
    bool finish(const QString &id, quint64 key);
    void release(Operation &operation);

    const GraphqlWsContext &m_context;
    Callbacks m_callbacks;
    QHash<QString, Operation> m_active;
    quint64 m_nextKey = 1;
};

} // namespace trefoil::server
