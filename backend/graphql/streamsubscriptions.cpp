#include "backend/graphql/streamsubscriptions.h"

#include "backend/graphql/changefeed.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/streamcompiler.h"

namespace trefoil::graphql {

StreamSubscriptions::StreamSubscriptions(GraphqlEngine *engine, pg::Pool *pool, ChangeFeed *feed, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_pool(pool)
{
    connect(feed, &ChangeFeed::changed, this, &StreamSubscriptions::tablesChanged);
    connect(feed, &ChangeFeed::missed, this, &StreamSubscriptions::everythingChanged);
}

StreamSubscriptions::~StreamSubscriptions()
{
    for (const QPointer<StreamSubscription> &stream : std::as_const(m_streams))
        delete stream.data();
}

Subscriptions::Token StreamSubscriptions::start(const QJsonObject &request, const QString &role, SubscriptionSink sink)
{
    const Token token = m_nextToken++;
    // Errors (an invalid document, the schema not read yet) reach sink.error from start().
    StreamPlan plan = StreamCompiler::compileRequest(*m_engine, request, role);
    auto *stream = new StreamSubscription(m_pool, std::move(plan), std::move(sink), this);
    m_streams.insert(token, stream);
    stream->start();
    return token;
}

void StreamSubscriptions::stop(Token token)
{
    // Deleting is safe even from inside the stream's own sink call (StreamSubscription's contract).
    if (const QPointer<StreamSubscription> stream = m_streams.take(token))
        delete stream.data();
}

void StreamSubscriptions::tablesChanged(const QStringList &tables)
{
    for (const QPointer<StreamSubscription> &stream : std::as_const(m_streams)) {
        if (stream && tables.contains(stream->plan().schemaName + QLatin1Char('.') + stream->plan().tableName))
            stream->tableChanged();
    }
}

void StreamSubscriptions::everythingChanged()
{
    for (const QPointer<StreamSubscription> &stream : std::as_const(m_streams)) {
        if (stream)
            stream->tableChanged();
    }
}

} // namespace trefoil::graphql
