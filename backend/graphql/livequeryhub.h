#pragma once

#include "backend/graphql/subscriptions.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <map>
#include <memory>

namespace trefoil::pg {
class Pool;
class Result;
} // namespace trefoil::pg

namespace trefoil::metrics {
class Registry;
class Gauge;
class Counter;
} // namespace trefoil::metrics

namespace trefoil::graphql {

class ChangeFeed;
class GraphqlEngine;

struct LiveQueryOptions {
    int batchSize = 1000; // subscribers' variable sets per statement
    int minRefreshIntervalMs = 50; // per cohort: at most 20 refreshes a second under a burst
    // Under a steady stream of changes a cohort waits at least this many times its last refresh's
    // duration before the next, so a large cohort (10,000 subscribers: ten statements, a sizeable part of a
    // second of database time) takes at most ~1/(1+factor) of a connection; the writers keep the rest.
    int refreshCostFactor = 3;
    int safetyRefreshMs = 20000; // every cohort, whatever the change signals said
    int retryMs = 1000; // after the database was unreachable
};

// Multiplexed live queries (Hasura's design): subscribers whose operation compiles to the same SQL
// for the same role form a cohort; a refresh runs ONE statement per batch of subscribers, with
// every subscriber's values in one jsonb array parameter, and pushes a result to a subscriber only
// when it differs from the last one that subscriber got. Refreshes follow the ChangeFeed: only
// cohorts that read a changed table, coalesced to minRefreshIntervalMs, plus a slow safety refresh.
class LiveQueryHub final : public QObject, public Subscriptions {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveQueryHub)

public:
    // The jsonb array expression the compiled shape reads its values from.
    static const QString ParamSource;

    // metrics may be null. The feed's triggers are installed on the tables of every schema the
    // engine loads.
    LiveQueryHub(GraphqlEngine *engine, pg::Pool *pool, ChangeFeed *feed, metrics::Registry *metrics,
        LiveQueryOptions options = {}, QObject *parent = nullptr);
    ~LiveQueryHub() override;

    Token start(const QJsonObject &request, const QString &role, SubscriptionSink sink) override;
    void stop(Token token) override;

    // `<table>_stream` operations are handed to these (tokens are translated).
    void setStreams(Subscriptions *streams) { m_streams = streams; }

    // The multiplexed statement for a shape's SQL (compiled with ParamSource).
    static QString multiplexedSql(const QString &shapeSql);

    int cohortCount() const { return int(m_cohorts.size()); }
    int subscriberCount() const { return int(m_subscribers.size()); }
    quint64 refreshStatements() const { return m_statements; }
    quint64 refreshes() const { return m_refreshes; } // of a cohort, each one or more statements
    quint64 pushes() const { return m_pushes; }

public Q_SLOTS:
    void tablesChanged(const QStringList &tables);
    void refreshAll();

private:
    struct Group;
    struct Cohort;
    struct Subscriber {
        SubscriptionSink sink;
        Cohort *cohort = nullptr;
        quint64 group = 0;
        QByteArray sentHash; // of the last result this subscriber got
    };

    GraphqlEngine *m_engine;
    pg::Pool *m_pool;
    ChangeFeed *m_feed;
    LiveQueryOptions m_options;
    Subscriptions *m_streams = nullptr;
    QHash<Token, Token> m_streamTokens;
    std::map<QString, std::unique_ptr<Cohort>> m_cohorts; // by cohort key
    QHash<Token, Subscriber> m_subscribers;
    Token m_nextToken = 1;
    quint64 m_nextId = 1; // cohorts and groups
    QTimer m_safetyTimer;
    quint64 m_statements = 0;
    quint64 m_refreshes = 0;
    quint64 m_pushes = 0;
    metrics::Gauge *m_cohortGauge = nullptr;
    metrics::Gauge *m_subscriberGauge = nullptr;
    metrics::Counter *m_statementCounter = nullptr;
    metrics::Counter *m_refreshCounter = nullptr;
    metrics::Counter *m_pushCounter = nullptr;

    bool isStream(const QJsonObject &request) const;
    void kick(Cohort &cohort);
    void queueKick(Cohort &cohort);
    void refresh(Cohort &cohort, bool all);
    void runBatch(Cohort &cohort, const std::vector<quint64> &groups);
    void answered(quint64 cohortId, const QString &key, const std::vector<quint64> &groups, const pg::Result &result);
    void push(Subscriber &subscriber, const Group &group);
    void fail(const std::vector<Token> &tokens, const QByteArray &errors);
    void remove(Token token);
    void countsChanged();
};

} // namespace trefoil::graphql
