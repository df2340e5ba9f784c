#pragma once

#include "backend/graphql/streamsubscription.h"
#include "backend/graphql/subscriptions.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace trefoil::pg {
class Pool;
}

namespace trefoil::graphql {

class ChangeFeed;
class GraphqlEngine;

// Runs `<table>_stream` operations: one StreamSubscription per operation, woken by the change
// feed's signal for its table (and a poll of its own as the safety net). LiveQueryHub hands
// stream operations here (LiveQueryHub::setStreams), so the transport sees one Subscriptions.
class StreamSubscriptions final : public QObject, public Subscriptions {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamSubscriptions)

public:
    StreamSubscriptions(GraphqlEngine *engine, pg::Pool *pool, ChangeFeed *feed, QObject *parent = nullptr);
    ~StreamSubscriptions() override;

    Token start(const QJsonObject &request, const QString &role, SubscriptionSink sink) override;
    void stop(Token token) override;

    int count() const { return int(m_streams.size()); }

private:
    GraphqlEngine *m_engine;
    pg::Pool *m_pool;
    Token m_nextToken = 1;
    QHash<Token, QPointer<StreamSubscription>> m_streams;

    void tablesChanged(const QStringList &tables);
    void everythingChanged();
};

} // namespace trefoil::graphql
