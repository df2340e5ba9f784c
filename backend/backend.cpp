#include "backend/backend.h"

#include "backend/events/eventoperations.h"
#include "backend/events/eventworker.h"
#include "backend/events/handlerregistry.h"
#include "backend/events/triggerstore.h"
#include "backend/pg/embeddedcluster.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"

#include <QDir>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QCoreApplication>
#include <QUrl>

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
{
}

Backend::~Backend()
{
    shutdown();
}

QString Backend::databaseDescription() const
{
    if (m_config.usesEmbeddedDatabase())
        return tr("embedded at %1").arg(QDir::toNativeSeparators(m_config.dataDir.isEmpty() ? defaultDataDir() : m_config.dataDir));
    const QUrl url(m_config.databaseUrl);
    if (url.isValid() && !url.scheme().isEmpty()) {
        const QString port = url.port() > 0 ? QLatin1Char(':') + QString::number(url.port()) : QString();
        return url.host() + port + url.path();
    }
    return m_config.databaseUrl; // a conninfo string: shown as given, minus any password
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

void Backend::connectDatabase(const QString &conninfo)
{
    m_conninfo = conninfo;
    m_pool = new pg::Pool(conninfo, PoolSize, this);
    connect(m_pool, &pg::Pool::connectionLost, this,
            [this](const pg::Error &error) { setDatabaseConnected(false, error.describe()); });
    migrate();
}

void Backend::migrate()
{
    setState(State::Migrating);
    QStringList sets = {QStringLiteral("engine")};
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
    connect(m_listener, &pg::Listener::lost, this, [this](const pg::Error &error) { setDatabaseConnected(false, error.describe()); });
    m_triggers = new events::TriggerStore(m_pool, this);
    m_eventOperations = new events::EventOperations(m_pool, this);
    if (m_config.runWorker) {
        events::WorkerOptions options;
        // Unique per process, readable in the lease column: which machine, which process.
        options.workerId = QStringLiteral("%1:%2:%3")
                               .arg(QHostInfo::localHostName())
                               .arg(QCoreApplication::applicationPid())
                               .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
        options.builtinConcurrency = m_config.workerConcurrency;
        options.webhookConcurrency = 16 * m_config.workerConcurrency;
        m_worker = new events::EventWorker(m_pool, m_listener, m_handlers.get(), options, this);
    }
    auto finishStart = [this] {
        if (m_worker)
            m_worker->start();
        else
            m_listener->listen(QStringLiteral("trefoil_events"));
        setState(State::Ready);
        Q_EMIT ready();
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

void Backend::setDatabaseConnected(bool connected, const QString &detail)
{
    if (m_databaseConnected == connected && connected)
        return;
    m_databaseConnected = connected;
    Q_EMIT databaseConnectionChanged(connected, detail);
}

void Backend::shutdown()
{
    if (m_worker)
        m_worker->stop();
    delete m_worker;
    m_worker = nullptr;
    delete m_eventOperations;
    m_eventOperations = nullptr;
    delete m_triggers;
    m_triggers = nullptr;
    delete m_listener;
    m_listener = nullptr;
    delete m_pool;
    m_pool = nullptr;
    if (m_cluster) {
        m_cluster->stopAndWait();
        m_cluster.reset();
    }
    if (m_state != State::Failed)
        setState(State::Stopped);
}

} // namespace trefoil
