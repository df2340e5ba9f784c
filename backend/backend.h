#pragma once

#include "core/config/config.h"

#include <QObject>

#include <memory>

namespace trefoil {

namespace pg {
class Pool;
class Listener;
class EmbeddedCluster;
struct Error;
} // namespace pg

namespace metrics {
class Registry;
}

namespace server {
class ApiServer;
class GraphqlWebSocket;
} // namespace server

namespace graphql {
class GraphqlEngine;
class RelationshipMetadata;
class TableTracking;
class ChangeFeed;
class LiveQueryHub;
class StreamSubscriptions;
class Subscriptions;
} // namespace graphql

namespace functions {
class FaultInjector;
}

namespace events {
class EventMetrics;
class MetadataApi;
class RetentionSchedule;
class EventOperations;
class EventWorker;
class HandlerRegistry;
class TriggerStore;
} // namespace events

class OperatorFields;

// The whole backend assembled from a Config: the database (embedded or at a URL), migrations,
// the LISTEN connection, and the services built on them. Both executables run one of these.
class Backend final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Backend)

public:
    enum class State { Stopped, StartingDatabase, Migrating, Ready, Failed };
    Q_ENUM(State)

    explicit Backend(Config config, QObject *parent = nullptr);
    ~Backend() override;

    void start();
    // Stops services and the embedded cluster, if any; bounded, for shutdown paths.
    void shutdown();

    State state() const { return m_state; }
    const Config &config() const { return m_config; }
    // Where the database is, for people: "embedded at /path" or "host:port/dbname".
    QString databaseDescription() const;
    // The API's port once listening (useful with --port 0).
    quint16 port() const;
    // Live queries and streams, for the WebSocket transport; nullptr until the services start.
    graphql::Subscriptions *subscriptions() const;

Q_SIGNALS:
    void progress(const QString &step);
    void stateChanged(trefoil::Backend::State state);
    void ready();
    void failed(const QString &message);
    void databaseConnectionChanged(bool connected, const QString &detail);

private:
    Config m_config;
    State m_state = State::Stopped;
    QString m_conninfo;
    bool m_databaseConnected = false;
    std::unique_ptr<pg::EmbeddedCluster> m_cluster;
    pg::Pool *m_pool = nullptr;
    pg::Listener *m_listener = nullptr;
    std::unique_ptr<events::HandlerRegistry> m_handlers;
    events::TriggerStore *m_triggers = nullptr;
    events::EventOperations *m_eventOperations = nullptr;
    events::EventWorker *m_worker = nullptr;
    functions::FaultInjector *m_faults = nullptr;
    std::unique_ptr<metrics::Registry> m_metrics;
    events::EventMetrics *m_eventMetrics = nullptr;
    events::MetadataApi *m_metadataApi = nullptr;
    events::RetentionSchedule *m_retention = nullptr;
    OperatorFields *m_operatorFields = nullptr;
    server::ApiServer *m_server = nullptr;
    server::GraphqlWebSocket *m_webSocket = nullptr;
    graphql::GraphqlEngine *m_graphql = nullptr;
    graphql::RelationshipMetadata *m_relationships = nullptr;
    graphql::TableTracking *m_tableTracking = nullptr;
    graphql::ChangeFeed *m_changeFeed = nullptr;
    graphql::LiveQueryHub *m_liveQueries = nullptr;
    graphql::StreamSubscriptions *m_streams = nullptr;

    void setState(State state);
    void fail(const QString &message);
    void connectDatabase(const QString &conninfo);
    void migrate();
    void startServices();
    bool listen();
    void addRoutes();
    void registerOperatorFields();
    void setDatabaseConnected(bool connected, const QString &detail);
};

} // namespace trefoil
