#include "bench/eventsbench.h"

#include "backend/events/eventworker.h"
#include "backend/events/handlerregistry.h"
#include "backend/events/triggerstore.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "bench/benchreport.h"
#include "bench/freshdatabase.h"
#include "bench/steps.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <memory>

namespace trefoil::bench {

namespace {

// Answers every POST with 200 and an empty JSON object, on its own thread so that it does not
// compete with the worker's event loop.
class AcceptingServer final : public QTcpServer {
public:
    AcceptingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer] {
                    buffer->append(socket->readAll());
                    for (;;) {
                        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                        if (headEnd < 0)
                            return;
                        qsizetype length = 0;
                        const qsizetype at = buffer->left(headEnd).toLower().indexOf("content-length:");
                        if (at >= 0)
                            length = buffer->mid(at + 15, buffer->indexOf('\r', at) - at - 15).trimmed().toLongLong();
                        if (buffer->size() < headEnd + 4 + length)
                            return;
                        buffer->remove(0, headEnd + 4 + length);
                        socket->write(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

const QString Setup = QStringLiteral("CREATE SCHEMA IF NOT EXISTS trefoil_bench;"
                                     "DROP TABLE IF EXISTS trefoil_bench.things;"
                                     "CREATE TABLE trefoil_bench.things (id bigserial PRIMARY KEY, v text);"
                                     "DELETE FROM trefoil.events WHERE schema_name = 'trefoil_bench';");

} // namespace

EventsBench::EventsBench(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

void EventsBench::run(std::function<void(const QJsonObject &, const QString &)> done)
{
    struct State {
        std::unique_ptr<pg::Pool> pool;
        std::unique_ptr<pg::Listener> listener;
        events::HandlerRegistry handlers;
        std::unique_ptr<events::EventWorker> worker;
        QJsonObject drains;
        double best = 0;
        double webhookRate = 0;
        QList<double> latencies;
        int latencyAttempts = 0;
        qint64 delivered = 0;
        bool fresh = false; // no Trefoil migration had been applied to the database
        QThread serverThread;
        AcceptingServer *server = nullptr;
        ~State()
        {
            serverThread.quit();
            serverThread.wait();
        }
    };
    auto state = std::make_shared<State>();
    state->pool = std::make_unique<pg::Pool>(m_options.conninfo, 40);
    state->listener = std::make_unique<pg::Listener>(m_options.conninfo);
    const Options options = m_options;
    auto steps = std::make_shared<Steps>(this, [done, state, options](const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        // Only the phases that ran have figures.
        QJsonObject figures { { QStringLiteral("mode"), QStringLiteral("events") },
            { QStringLiteral("fresh_database"), state->fresh }, { QStringLiteral("events"), options.events },
            { QStringLiteral("rss_mb"), std::round(residentMegabytes()) } };
        if (options.drain) {
            figures.insert(QStringLiteral("throughput_per_s"), std::round(state->best));
            figures.insert(QStringLiteral("drain_per_s_by_concurrency"), state->drains);
        }
        if (options.webhook)
            figures.insert(QStringLiteral("webhook_throughput_per_s"), std::round(state->webhookRate));
        if (options.latency) {
            figures.insert(QStringLiteral("rate"), options.rate);
            figures.insert(QStringLiteral("p50_ms"), percentile(state->latencies, 50));
            figures.insert(QStringLiteral("p95_ms"), percentile(state->latencies, 95));
            figures.insert(QStringLiteral("p99_ms"), percentile(state->latencies, 99));
            figures.insert(QStringLiteral("latency_samples"), int(state->latencies.size()));
        }
        done(figures, {});
    });

    steps->add([this, state, options](Steps::Next next) {
        probeFreshDatabase(options.conninfo, this, [state, next](bool fresh, const QString &error) {
            state->fresh = fresh;
            next(error);
        });
    });

    steps->add([this, state](Steps::Next next) {
        say(tr("Preparing the database…"));
        auto *migrator = new pg::Migrator(state->pool.get(), { QStringLiteral("engine") }, this);
        connect(migrator, &pg::Migrator::finished, this, [migrator, next] {
            migrator->deleteLater();
            next({});
        });
        connect(migrator, &pg::Migrator::failed, this, [migrator, next](const pg::Error &error) {
            migrator->deleteLater();
            next(error.describe());
        });
        migrator->run();
    });
    steps->add([this, state](Steps::Next next) {
        auto connection = std::make_shared<pg::Connection>(state->pool->conninfo());
        connection->open();
        connection->execScript(Setup, this, [next, connection](const pg::Result &result) {
            next(result.ok() ? QString() : result.error().describe());
        });
    });

    // Installs one trigger through the trigger store (as a user would), paused, and fills the
    // table so that `count` events wait for the worker.
    auto store = std::make_shared<events::TriggerStore>(state->pool.get());
    auto prepare = [this, state, store](
                       const QString &trigger, const QJsonObject &handler, int count, Steps::Next next) {
        QJsonObject args { { QStringLiteral("name"), trigger },
            { QStringLiteral("table"),
                QJsonObject { { QStringLiteral("schema"), QStringLiteral("trefoil_bench") },
                    { QStringLiteral("name"), QStringLiteral("things") } } },
            { QStringLiteral("insert"), QJsonObject { { QStringLiteral("columns"), QStringLiteral("*") } } },
            { QStringLiteral("paused"), true } };
        for (auto it = handler.begin(); it != handler.end(); ++it)
            args.insert(it.key(), it.value());
        QString error;
        const auto definition = events::TriggerDefinition::fromHasuraArgs(args, &error);
        if (!definition)
            return next(error);
        auto connection = std::make_shared<pg::Connection>(state->pool->conninfo());
        connection->open();
        connection->execScript(QStringLiteral("DELETE FROM trefoil.events WHERE schema_name = 'trefoil_bench';"
                                              "DELETE FROM trefoil.invocations WHERE trigger_name LIKE 'bench-%';"),
            this, [](const pg::Result &) {});
        store->list(this,
            [this, store, definition, connection, count, next](
                const QList<events::TriggerDefinition> &existing, const QString &) {
                for (const events::TriggerDefinition &old : existing) {
                    if (old.name.startsWith(QLatin1String("bench-")) && old.name != definition->name)
                        store->remove(old.name, this, [](const QString &, const QString &) {});
                }
                store->create(
                    *definition, true, this, [this, connection, count, next](const QString &failure, const QString &) {
                        if (!failure.isEmpty())
                            return next(failure);
                        // Each phase starts from vacuumed tables and a fresh checkpoint, as a steadily running
                        // system would have, rather than paying for the previous phase's dead rows and WAL.
                        // An events table never written to (a new database) is not measured: "empty"
                        // statistics, which a running system never has, make the plans scans as it fills.
                        connection->exec(QStringLiteral("SELECT pg_relation_size('trefoil.events') > 0"), this,
                            [this, connection, count, next](const pg::Result &history) {
                                if (!history.ok())
                                    return next(history.error().describe());
                                if (history.toBool(0, 0))
                                    connection->exec(
                                        QStringLiteral("VACUUM ANALYZE trefoil.events, trefoil.invocations"), this,
                                        [](const pg::Result &) {});
                                connection->exec(QStringLiteral("CHECKPOINT"), this,
                                    [](const pg::Result &) {}); // needs pg_checkpoint; optional
                                QString fill = QStringLiteral(
                                    "INSERT INTO trefoil_bench.things (v) SELECT 'x' FROM generate_series(1, %1);")
                                                   .arg(count);
                                if (count > 0)
                                    fill += QStringLiteral("ANALYZE trefoil.events;");
                                connection->execScript(fill, this, [next, connection](const pg::Result &result) {
                                    next(result.ok() ? QString() : result.error().describe());
                                });
                            });
                    });
            });
    };

    // Starts a worker, resumes the trigger and waits until `count` events were delivered.
    auto drain = [this, state](const QString &trigger, events::WorkerOptions workerOptions, int count,
                     std::function<void(double ratePerSecond)> finished) {
        state->delivered = 0;
        workerOptions.workerId = QStringLiteral("bench");
        state->worker = std::make_unique<events::EventWorker>(
            state->pool.get(), state->listener.get(), &state->handlers, workerOptions);
        auto timer = std::make_shared<QElapsedTimer>();
        connect(state->worker.get(), &events::EventWorker::attemptsFinished, this,
            [state, timer, count, finished](const QList<events::AttemptRecord> &records) {
                state->delivered += records.size();
                if (state->delivered == count) {
                    const double rate = count / (double(timer->nsecsElapsed()) / 1e9);
                    state->worker->stop();
                    QTimer::singleShot(0, state->worker.get(), [state, rate, finished] {
                        state->worker.reset();
                        finished(rate);
                    });
                }
            });
        state->worker->start();
        timer->start();
        state->pool->exec(QStringLiteral("UPDATE trefoil.event_triggers SET paused = false WHERE name = $1"),
            { trigger }, this, [state](const pg::Result &) {
                state->pool->exec(
                    QStringLiteral("NOTIFY trefoil_triggers"), state->worker.get(), [](const pg::Result &) {});
            });
    };

    const QList<int> drainConcurrencies = options.drain ? options.concurrencies : QList<int> {};
    for (const int concurrency : drainConcurrencies) {
        steps->add([prepare, options](Steps::Next next) {
            say(tr("Queueing %1 events…").arg(options.events));
            prepare(QStringLiteral("bench-noop"),
                QJsonObject { { QStringLiteral("handler"),
                    QJsonObject { { QStringLiteral("builtin"), QStringLiteral("noop") } } } },
                options.events, next);
        });
        steps->add([drain, state, options, concurrency](Steps::Next next) {
            events::WorkerOptions workerOptions;
            workerOptions.builtinConcurrency = concurrency;
            workerOptions.batchSize = options.batchSize;
            drain(QStringLiteral("bench-noop"), workerOptions, options.events, [state, concurrency, next](double rate) {
                say(tr("Drained with a no-op built-in handler at concurrency %1: %2 events/s")
                        .arg(concurrency)
                        .arg(qRound(rate)));
                state->drains.insert(QString::number(concurrency), std::round(rate));
                state->best = std::max(state->best, rate);
                next({});
            });
        });
    }

    if (options.webhook) {
        steps->add([prepare, state, options](Steps::Next next) {
            state->server = new AcceptingServer;
            state->server->listen(QHostAddress::LocalHost, 0);
            const QString url = QStringLiteral("http://127.0.0.1:%1/hook").arg(state->server->serverPort());
            state->server->moveToThread(&state->serverThread);
            QObject::connect(&state->serverThread, &QThread::finished, state->server, &QObject::deleteLater);
            state->serverThread.start();
            say(tr("Queueing %1 events for a local webhook…").arg(options.webhookEvents));
            prepare(QStringLiteral("bench-webhook"), QJsonObject { { QStringLiteral("webhook"), url } },
                options.webhookEvents, next);
        });
        steps->add([drain, state, options](Steps::Next next) {
            events::WorkerOptions workerOptions;
            workerOptions.webhookConcurrency = 64;
            drain(QStringLiteral("bench-webhook"), workerOptions, options.webhookEvents, [state, next](double rate) {
                say(tr("Drained through a local HTTP webhook: %1 events/s").arg(qRound(rate)));
                state->webhookRate = rate;
                next({});
            });
        });
    }

    if (options.latency) {
        // Latency at a steady rate: one INSERT transaction per event, timed from the event's
        // creation in the committing transaction to the start of its handler.
        steps->add([prepare](Steps::Next next) {
            prepare(QStringLiteral("bench-latency"),
                QJsonObject { { QStringLiteral("handler"),
                    QJsonObject { { QStringLiteral("builtin"), QStringLiteral("noop") } } } },
                0, next);
        });
        steps->add([this, state, options](Steps::Next next) {
            // The first events warm the worker and the inserting connections up; they are not measured.
            const int warmup = options.rate * options.warmupSeconds;
            const int total = warmup + options.rate * options.durationSeconds;
            say(tr("Measuring latency at %1 events/s for %2 s after %3 s of warm-up…")
                    .arg(options.rate)
                    .arg(options.durationSeconds)
                    .arg(options.warmupSeconds));
            events::WorkerOptions workerOptions;
            workerOptions.workerId = QStringLiteral("bench");
            workerOptions.builtinConcurrency = 4;
            state->worker = std::make_unique<events::EventWorker>(
                state->pool.get(), state->listener.get(), &state->handlers, workerOptions);
            connect(state->worker.get(), &events::EventWorker::attemptsFinished, this,
                [state, total, warmup, next](const QList<events::AttemptRecord> &records) {
                    for (const events::AttemptRecord &record : records) {
                        if (++state->latencyAttempts > warmup)
                            state->latencies.append(record.commitToStartMs);
                    }
                    if (state->latencyAttempts >= total) {
                        state->worker->stop();
                        next({});
                    }
                });
            state->worker->start();
            state->pool->exec(
                QStringLiteral("UPDATE trefoil.event_triggers SET paused = false WHERE name = 'bench-latency'"), this,
                [this, state, options, total](const pg::Result &) {
                    state->pool->exec(QStringLiteral("NOTIFY trefoil_triggers"), this, [](const pg::Result &) {});
                    auto *ticker = new QTimer(this);
                    ticker->setTimerType(Qt::PreciseTimer);
                    auto sent = std::make_shared<int>(0);
                    auto clock = std::make_shared<QElapsedTimer>();
                    clock->start();
                    // Catch up to the schedule on every tick, so the rate holds even if a tick is late.
                    connect(ticker, &QTimer::timeout, this, [state, ticker, sent, clock, options, total] {
                        const int due = std::min(total, int(clock->elapsed() * options.rate / 1000));
                        for (; *sent < due; ++*sent)
                            state->pool->exec(QStringLiteral("INSERT INTO trefoil_bench.things (v) VALUES ('l')"),
                                ticker, [](const pg::Result &) {});
                        if (*sent >= total)
                            ticker->deleteLater();
                    });
                    ticker->start(1);
                });
        });
    }
    steps->start();
}

} // namespace trefoil::bench
