#include "backend/backend.h"

#include "backend/events/eventmetrics.h"
#include "backend/events/eventoperations.h"
#include "backend/events/eventrates.h"
#include "backend/events/eventworker.h"
#include "backend/events/handlerregistry.h"
#include "backend/events/metadataapi.h"
#include "backend/events/retentionschedule.h"
#include "backend/events/triggerstore.h"
#include "backend/functions/faultinjector.h"
#include "backend/functions/orderapproval.h"
#include "backend/functions/orderpayment.h"
#include "backend/functions/orderstats.h"
#include "backend/functions/workflowfunctions.h"
#include "backend/graphql/changefeed.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/livequeryhub.h"
#include "backend/graphql/relationshipmetadata.h"
#include "backend/graphql/streamsubscriptions.h"
#include "backend/graphql/tabletracking.h"
#include "backend/operatorfields.h"
#include "backend/pg/embeddedcluster.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "backend/server/apiserver.h"
#include "backend/server/functionshttp.h"
#include "backend/server/graphqlhttp.h"
#include "backend/server/graphqlwebsocket.h"
#include "backend/server/metadatahttp.h"
#include "backend/serverinfofield.h"
#include "core/config/conninfo.h"
#include "core/metrics/registry.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUrl>
#include <QWebSocket>

namespace trefoil {

namespace {
constexpr int PoolSize = 8;

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}
} // namespace

Backend::Backend(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_handlers(std::make_unique<events::HandlerRegistry>())
    , m_metrics(std::make_unique<metrics::Registry>())
{
}

Backend::~Backend()
{
    shutdown();
}

QString Backend::databaseDescription() const
{
    if (m_config.usesEmbeddedDatabase())
        return tr("embedded at %1")
            .arg(QDir::toNativeSeparators(m_config.dataDir.isEmpty() ? defaultDataDir() : m_config.dataDir));
    return redactConninfo(m_config.databaseUrl); // shown in windows and logs: never the password
}

void Backend::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Backend::fail(const QString &message)
{
    setState(State::Failed);
    Q_EMIT failed(message);
}

void Backend::start()
{
    if (m_state != State::Stopped && m_state != State::Failed)
        return;
    if (!listen())
        return;
    setState(State::StartingDatabase);
    if (!m_config.usesEmbeddedDatabase()) {
        connectDatabase(m_config.databaseUrl);
        return;
    }
    pg::EmbeddedCluster::Options options;
    options.dataDir = m_config.dataDir.isEmpty() ? defaultDataDir() : m_config.dataDir;
    m_cluster = std::make_unique<pg::EmbeddedCluster>(options);
    connect(m_cluster.get(), &pg::EmbeddedCluster::progress, this, &Backend::progress);
    connect(m_cluster.get(), &pg::EmbeddedCluster::failed, this, &Backend::fail);
    connect(m_cluster.get(), &pg::EmbeddedCluster::started, this, &Backend::connectDatabase);
    m_cluster->start();
}

quint16 Backend::port() const
{
    return m_server ? m_server->port() : 0;
}

bool Backend::listen()
{
    // The API listens from the start, so /healthz can say "not yet" while the database starts.
    server::ServerOptions options;
    options.host = m_config.host;
    options.port = m_config.port;
    options.adminSecret = m_config.adminSecret;
    m_server = new server::ApiServer(options, this);
    addRoutes();
    QString error;
    if (!m_server->listen(&error)) {
        fail(tr("Cannot serve the API on %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(error));
        return false;
    }
    Q_EMIT progress(tr("API listening on http://%1:%2").arg(m_config.host).arg(m_server->port()));
    return true;
}

void Backend::addRoutes()
{
    using server::Access;
    using server::HttpRequest;
    using server::HttpResponse;
    using server::Responder;
    m_server->route(
        "GET", QStringLiteral("/healthz"),
        [this](const HttpRequest &, Responder respond) {
            if (m_state == State::Ready && m_databaseConnected)
                return respond(HttpResponse::text(200, "OK"));
            respond(HttpResponse::error(
                503, m_state == State::Failed ? tr("the backend failed to start") : tr("the database is not ready")));
        },
        Access::Public);
    m_server->route(
        "GET", QStringLiteral("/metrics"),
        [this](const HttpRequest &, Responder respond) {
            respond(HttpResponse::text(200, m_metrics->render(), metrics::Registry::contentType.toByteArray()));
        },
        Access::Public);

    // Hasura's metadata calls, at both of Hasura's paths (the 3factor setup uses /v1/query).
    auto metadata = [this](const HttpRequest &request, Responder respond) {
        if (!m_metadataApi)
            return respond(HttpResponse::error(503, tr("the database is not ready")));
        server::MetadataHttp::handle(
            request,
            [this](const QJsonValue &call, server::MetadataHttp::Reply reply) {
                m_metadataApi->handle(call, std::move(reply));
            },
            std::move(respond));
    };
    m_server->route("POST", QStringLiteral("/v1/query"), metadata);
    m_server->route("POST", QStringLiteral("/v1/metadata"), metadata);

    // Public at the router, so that a refused secret is answered as a GraphQL error body.
    auto graphqlRoute = [this](const HttpRequest &request, Responder respond) {
        if (!m_server->adminSecret().accepts(request)) {
            const QJsonObject error { { QStringLiteral("message"),
                                          tr("invalid x-hasura-admin-secret/x-hasura-access-key") },
                { QStringLiteral("extensions"),
                    QJsonObject { { QStringLiteral("code"), QStringLiteral("access-denied") } } } };
            return respond(HttpResponse::json(401, QJsonObject { { QStringLiteral("errors"), QJsonArray { error } } }));
        }
        if (!m_graphql || !m_graphql->isReady())
            return respond(HttpResponse::error(503, tr("the GraphQL schema is not ready")));
        server::GraphqlHttp::handle(
            request,
            [this](const QJsonObject &body, const graphql::RequestSession &session,
                std::function<void(QByteArray)> done) { m_graphql->execute(body, session, this, std::move(done)); },
            std::move(respond));
    };
    m_server->route("POST", QStringLiteral("/v1/graphql"), graphqlRoute, Access::Public);
    m_server->route("GET", QStringLiteral("/v1/graphql"), graphqlRoute, Access::Public);

    // GraphQL over WebSocket on the same path: queries and mutations through the engine;
    // subscriptions once a graphql::Subscriptions is set (until then they are answered with an error).
    m_webSocket = new server::GraphqlWebSocket(
        {}, m_server->adminSecret(),
        [this](const QJsonObject &request, const graphql::RequestSession &session, QObject *context,
            std::function<void(QByteArray)> done) {
            if (!m_graphql || !m_graphql->isReady()) {
                const QJsonObject error { { QStringLiteral("message"), tr("the GraphQL schema is not ready") },
                    { QStringLiteral("extensions"),
                        QJsonObject { { QStringLiteral("code"), QStringLiteral("not-ready") } } } };
                return done(QJsonDocument(QJsonObject { { QStringLiteral("errors"), QJsonArray { error } } })
                                .toJson(QJsonDocument::Compact));
            }
            m_graphql->execute(request, session, context, std::move(done));
        },
        m_server);
    // Until the schema is read, a session could only fail its subscriptions for good: refuse it
    // with 1013 (Try Again Later), which clients take as a reason to reconnect.
    m_server->setWebSocketHandler(QStringLiteral("/v1/graphql"), [this](QWebSocket *socket) {
        if (!m_graphql || !m_graphql->isReady() || !m_liveQueries) {
            socket->close(QWebSocketProtocol::CloseCode(1013), tr("Trefoil is starting; try again in a moment"));
            return;
        }
        m_webSocket->accept(socket);
    });

    m_server->route("POST", server::FunctionsHttp::PathPrefix + QLatin1Char('*'),
        [this](const HttpRequest &request, Responder respond) {
            if (!m_pool || m_state != State::Ready)
                return respond(HttpResponse::error(503, tr("the database is not ready")));
            server::FunctionsHttp::handle(
                request,
                [this](const QString &name, const QByteArray &payload, server::FunctionsHttp::Done done) {
                    functions::runFunctionFromWebhook(
                        name, payload, m_pool, this, std::move(done), m_config.installDemo ? m_faults : nullptr);
                },
                std::move(respond));
        });
}

void Backend::registerOperatorFields()
{
    using graphql::InputValueDef;
    // The operator console's API (admin only, audited): see OperatorFields.
    m_operatorFields->registerOn(m_graphql);
    m_graphql->registerRootField(graphql::RootKind::Query, QStringLiteral("trefoil_count_events"),
        { InputValueDef { QStringLiteral("filter"), QStringLiteral("jsonb"), {}, {} } }, QStringLiteral("jsonb"), {},
        [this](const QJsonObject &args, std::function<void(QJsonValue, QString)> reply) {
            m_eventOperations->count(events::EventFilter::fromJson(args.value(QLatin1String("filter")).toObject()),
                this, [reply](qint64 count, const QString &error) {
                    reply(QJsonObject { { QStringLiteral("count"), count } }, error);
                });
        });
    registerServerInfoField(m_graphql, m_pool);
    m_graphql->registerRootField(graphql::RootKind::Query, QStringLiteral("trefoil_event_rates"),
        { InputValueDef {
            QStringLiteral("seconds"), QStringLiteral("Int!"), {}, tr("how many seconds back, 1 to 3600") } },
        QStringLiteral("jsonb"), {}, [this](const QJsonObject &args, std::function<void(QJsonValue, QString)> reply) {
            events::eventRates(m_pool, args.value(QLatin1String("seconds")).toInt(), this,
                [reply](const QJsonObject &rates, const QString &error) {
                    reply(error.isEmpty() ? QJsonValue(rates) : QJsonValue(), error);
                });
        });
    if (!m_config.installDemo)
        return;
    // The order decisions run on the mutation's connection: they commit or roll back with its other root fields.
    const auto registerDecision = [this](const QString &name, std::vector<InputValueDef> args,
                                      graphql::CustomRootField::TransactionHandler handler) {
        graphql::CustomRootField field;
        field.kind = graphql::RootKind::Mutation;
        field.name = name;
        field.args = std::move(args);
        field.returnType = QStringLiteral("jsonb");
        field.transactionHandler = std::move(handler);
        m_graphql->registerRootField(std::move(field));
    };
    const auto answer = [](const graphql::CustomRootField::Reply &reply) {
        return [reply](const QJsonObject &order, const QString &error) {
            reply(error.isEmpty() ? QJsonValue(order) : QJsonValue(), error);
        };
    };
    registerDecision(QStringLiteral("pay_order"),
        { InputValueDef { QStringLiteral("order_id"), QStringLiteral("uuid!"), {}, {} },
            InputValueDef { QStringLiteral("accept"), QStringLiteral("Boolean"), QStringLiteral("true"), {} } },
        [this, answer](const QJsonObject &args, const graphql::RequestSession &, const pg::Session &connection,
            const graphql::CustomRootField::Reply &reply) {
            functions::payOrder(connection, args.value(QLatin1String("order_id")).toString(),
                args.value(QLatin1String("accept")).toBool(true), this, answer(reply));
        });
    // The restaurant's decision for restaurants that approve by hand (the dashboard's Restaurant page).
    registerDecision(QStringLiteral("approve_order"),
        { InputValueDef { QStringLiteral("order_id"), QStringLiteral("uuid!"), {}, {} } },
        [this, answer](const QJsonObject &args, const graphql::RequestSession &, const pg::Session &connection,
            const graphql::CustomRootField::Reply &reply) {
            functions::approveOrder(connection, args.value(QLatin1String("order_id")).toString(), this, answer(reply));
        });
    registerDecision(QStringLiteral("reject_order"),
        { InputValueDef { QStringLiteral("order_id"), QStringLiteral("uuid!"), {}, {} },
            InputValueDef { QStringLiteral("reason"), QStringLiteral("String"), {}, {} } },
        [this, answer](const QJsonObject &args, const graphql::RequestSession &, const pg::Session &connection,
            const graphql::CustomRootField::Reply &reply) {
            const QJsonValue reason = args.value(QLatin1String("reason"));
            functions::rejectOrder(connection, args.value(QLatin1String("order_id")).toString(),
                reason.isString() ? reason.toString() : QString(), this, answer(reply));
        });
    // The Throughput page's order counters and stage latencies (demo tables, so demo only).
    m_graphql->registerRootField(graphql::RootKind::Query, QStringLiteral("order_stats"),
        { InputValueDef {
            QStringLiteral("seconds"), QStringLiteral("Int!"), {}, tr("how many seconds back, 1 to 3600") } },
        QStringLiteral("jsonb"), {}, [this](const QJsonObject &args, std::function<void(QJsonValue, QString)> reply) {
            functions::orderStats(m_pool, args.value(QLatin1String("seconds")).toInt(), this,
                [reply](const QJsonObject &stats, const QString &error) {
                    reply(error.isEmpty() ? QJsonValue(stats) : QJsonValue(), error);
                });
        });
}

void Backend::connectDatabase(const QString &conninfo)
{
    m_conninfo = conninfo;
    m_pool = new pg::Pool(conninfo, PoolSize, this);
    connect(m_pool, &pg::Pool::connectionLost, this,
        [this](const pg::Error &error) { setDatabaseConnected(false, error.describe()); });
    auto &stallRescues = m_metrics->counter(
        "trefoil_pg_stall_rescues_total", "Answers the libpq stall check found that no read notification announced");
    connect(m_pool, &pg::Pool::stallRescued, this, [&stallRescues] { stallRescues.inc(); });
    migrate();
}

void Backend::migrate()
{
    setState(State::Migrating);
    QStringList sets = { QStringLiteral("engine") };
    if (m_config.installDemo)
        sets.append(QStringLiteral("demo"));
    auto *migrator = new pg::Migrator(m_pool, sets, this);
    connect(migrator, &pg::Migrator::progress, this, &Backend::progress);
    connect(migrator, &pg::Migrator::failed, this, [this, migrator](const pg::Error &error) {
        migrator->deleteLater();
        fail(tr("Could not prepare the database: %1").arg(error.describe()));
    });
    connect(migrator, &pg::Migrator::finished, this, [this, migrator] {
        migrator->deleteLater();
        startServices();
    });
    migrator->run();
}

void Backend::startServices()
{
    m_listener = new pg::Listener(m_conninfo, this);
    connect(m_listener, &pg::Listener::listening, this, [this] { setDatabaseConnected(true, {}); });
    connect(m_listener, &pg::Listener::lost, this,
        [this](const pg::Error &error) { setDatabaseConnected(false, error.describe()); });
    m_triggers = new events::TriggerStore(m_pool, this);
    m_eventOperations = new events::EventOperations(m_pool, this);
    m_eventMetrics = new events::EventMetrics(m_metrics.get(), this);
    m_metadataApi = new events::MetadataApi(m_triggers, m_eventOperations, this);
    // The workflow's functions are built in even without the demo schema: they only run when a
    // trigger names them, and an operator can point a trigger at them on any database.
    m_faults = new functions::FaultInjector(m_pool, m_listener, this);
    if (m_config.installDemo)
        m_faults->start();
    functions::registerWorkflowFunctions(*m_handlers, m_config.installDemo ? m_faults : nullptr);
    if (m_config.runWorker) {
        events::WorkerOptions options;
        options.builtinConcurrency = m_config.workerConcurrency;
        options.webhookConcurrency = 16 * m_config.workerConcurrency;
        m_worker = new events::EventWorker(m_pool, m_listener, m_handlers.get(), options, this);
        m_eventMetrics->watch(m_worker);
    }
    m_operatorFields = new OperatorFields({ m_pool, m_eventOperations, m_triggers, m_handlers.get(),
                                              m_config.installDemo ? m_faults : nullptr, m_eventMetrics },
        this);
    // Retention runs where events are worked on; several processes doing it only share the work.
    if (m_config.runWorker) {
        m_retention = new events::RetentionSchedule(m_operatorFields->settings(), m_eventOperations, this);
        m_retention->start();
    }
    m_graphql = new graphql::GraphqlEngine(m_pool, {}, this);
    m_relationships = new graphql::RelationshipMetadata(m_pool, m_graphql, this);
    m_tableTracking = new graphql::TableTracking(m_pool, m_graphql, this);
    m_metadataApi->setTableMetadata(
        [this](const QString &type, const QJsonObject &args, const events::MetadataApi::Reply &reply) {
            return m_relationships->handle(type, args, reply) || m_tableTracking->handle(type, args, reply);
        },
        [this](QObject *context, std::function<void(QJsonArray, QString)> done) {
            m_relationships->exportTables(context, std::move(done));
        });
    registerOperatorFields();
    // Live queries: the change triggers are installed on the schema's tables once it is read.
    m_changeFeed = new graphql::ChangeFeed(m_pool, m_listener, this);
    m_liveQueries = new graphql::LiveQueryHub(m_graphql, m_pool, m_changeFeed, m_metrics.get(), {}, this);
    m_streams = new graphql::StreamSubscriptions(m_graphql, m_pool, m_changeFeed, this);
    m_liveQueries->setStreams(m_streams);
    if (m_webSocket)
        m_webSocket->setSubscriptions(m_liveQueries);
    // A change of tables (a migration by another process, DDL by an operator) re-reads the schema.
    connect(m_listener, &pg::Listener::notification, m_graphql, [this](const QString &channel, const QString &) {
        if (channel == QLatin1String("trefoil_schema"))
            m_graphql->reloadSchema();
    });
    m_listener->listen(QStringLiteral("trefoil_schema"));
    auto finishStart = [this] {
        if (m_worker)
            m_worker->start();
        else
            m_listener->listen(QStringLiteral("trefoil_events"));
        auto becomeReady = [this] {
            setState(State::Ready);
            Q_EMIT ready();
        };
        connect(m_graphql, &graphql::GraphqlEngine::schemaReady, this, becomeReady, Qt::SingleShotConnection);
        connect(
            m_graphql, &graphql::GraphqlEngine::schemaFailed, this,
            [this](const QString &error) { fail(tr("Could not read the database schema: %1").arg(error)); },
            Qt::SingleShotConnection);
        m_graphql->reloadSchema();
    };
    if (m_config.triggersFile.isEmpty())
        return finishStart();
    Q_EMIT progress(tr("Loading event triggers from %1").arg(m_config.triggersFile));
    m_triggers->loadFile(m_config.triggersFile, this, [this, finishStart](const QString &error, const QString &) {
        if (!error.isEmpty())
            return fail(tr("Could not load the event triggers: %1").arg(error));
        finishStart();
    });
}

graphql::Subscriptions *Backend::subscriptions() const
{
    return m_liveQueries;
}

void Backend::setDatabaseConnected(bool connected, const QString &detail)
{
    if (m_databaseConnected == connected && connected)
        return;
    m_databaseConnected = connected;
    Q_EMIT databaseConnectionChanged(connected, detail);
}

void Backend::shutdown()
{
    // WebSocket sessions stop their operations while the services they use still exist.
    if (m_webSocket) {
        m_webSocket->closeAll();
        m_webSocket->setSubscriptions(nullptr);
    }
    if (m_worker)
        m_worker->stop();
    delete m_worker;
    m_worker = nullptr;
    delete m_liveQueries;
    m_liveQueries = nullptr;
    delete m_streams;
    m_streams = nullptr;
    delete m_changeFeed;
    m_changeFeed = nullptr;
    delete m_metadataApi;
    m_metadataApi = nullptr;
    delete m_relationships;
    m_relationships = nullptr;
    delete m_tableTracking;
    m_tableTracking = nullptr;
    delete m_graphql;
    m_graphql = nullptr;
    delete m_retention;
    m_retention = nullptr;
    delete m_operatorFields;
    m_operatorFields = nullptr;
    delete m_eventOperations;
    m_eventOperations = nullptr;
    delete m_eventMetrics;
    m_eventMetrics = nullptr;
    delete m_faults;
    m_faults = nullptr;
    delete m_triggers;
    m_triggers = nullptr;
    delete m_listener;
    m_listener = nullptr;
    delete m_pool;
    m_pool = nullptr;
    if (m_server)
        m_server->close();
    if (m_cluster) {
        m_cluster->stopAndWait();
        m_cluster.reset();
    }
    if (m_state != State::Failed)
        setState(State::Stopped);
}

} // namespace trefoil
