#include "bench/subscriptionsbench.h"

#include "backend/backend.h"
#include "backend/graphql/livequeryhub.h"
#include "backend/pg/connection.h"
#include "bench/benchreport.h"
#include "bench/freshdatabase.h"
#include "bench/ordersbench.h"
#include "bench/steps.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryFile>
#include <QTimer>

#include <libpq-fe.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <thread>
#include <vector>

namespace trefoil::bench {

namespace {

// One UPDATE of the updater: which subscriber's order, its sequence number (written into the
// row), and when it was sent and when its commit returned, on the shared steady clock.
struct Update {
    int subscriber = 0;
    qint64 seq = 0;
    qint64 sentNs = 0;
    qint64 committedNs = 0;
    bool measured = false;
};

// Updates random orders at a steady rate with a plain libpq connection, on a thread of its own so
// that the backend's event loop never delays the timestamp taken when the commit returns.
class Updater final {
public:
    Updater(std::string conninfo, std::vector<std::string> orderIds, int rate, int warmup, int total, qint64 firstSeq)
        : m_conninfo(std::move(conninfo))
        , m_orderIds(std::move(orderIds))
        , m_rate(rate)
        , m_warmup(warmup)
        , m_total(total)
        , m_firstSeq(firstSeq)
    {
    }
    ~Updater()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(Updater)

    // `finished` is called on the thread of `context` once every update is done (or one failed).
    void start(QObject *context, std::function<void()> finished)
    {
        m_thread = std::thread([this, context, finished] {
            work();
            QMetaObject::invokeMethod(context, finished, Qt::QueuedConnection);
        });
    }
    const std::vector<Update> &updates() const { return m_updates; }
    const QString &error() const { return m_error; }

private:
    std::string m_conninfo;
    std::vector<std::string> m_orderIds;
    int m_rate;
    int m_warmup;
    int m_total;
    qint64 m_firstSeq;
    std::vector<Update> m_updates;
    QString m_error;
    std::thread m_thread;

    void work()
    {
        PGconn *connection = PQconnectdb(m_conninfo.c_str());
        if (PQstatus(connection) != CONNECTION_OK) {
            m_error = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
            PQfinish(connection);
            return;
        }
        PGresult *prepared = PQprepare(
            connection, "bench_update", "UPDATE public.orders SET status_reason = $1 WHERE id = $2::uuid", 2, nullptr);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK)
            m_error = QString::fromUtf8(PQresultErrorMessage(prepared)).trimmed();
        PQclear(prepared);
        std::mt19937 random(std::random_device {}());
        std::uniform_int_distribution<int> pick(0, int(m_orderIds.size()) - 1);
        m_updates.reserve(size_t(m_total));
        const auto start = std::chrono::steady_clock::now();
        for (int k = 0; k < m_total && m_error.isEmpty(); ++k) {
            std::this_thread::sleep_until(start + std::chrono::nanoseconds(qint64(k) * 1'000'000'000 / m_rate));
            Update update;
            update.subscriber = pick(random);
            update.seq = m_firstSeq + k;
            update.measured = k >= m_warmup;
            const std::string reason = "bench " + std::to_string(update.seq);
            const char *values[2] = { reason.c_str(), m_orderIds[size_t(update.subscriber)].c_str() };
            update.sentNs = steadyNs();
            PGresult *result = PQexecPrepared(connection, "bench_update", 2, values, nullptr, nullptr, 0);
            update.committedNs = steadyNs();
            if (PQresultStatus(result) != PGRES_COMMAND_OK)
                m_error = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
            PQclear(result);
            m_updates.push_back(update);
        }
        PQfinish(connection);
    }
};

double rounded(double value, int decimals = 1)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = file.readAll().split(' ');
    return QString::fromLatin1(parts.mid(0, 3).join(' '));
}

// One subscriber count's run: the client process, the updater, and what they measured.
struct Run {
    int subscribers = 0;
    int sockets = 0;
    QProcess *client = nullptr;
    QByteArray clientOutput;
    std::function<void()> onOutput; // what the client's output (or its end) means in the current step
    double connectSeconds = 0;
    double clientCpuAtReady = 0;
    double clientCpuAtEnd = 0;
    double clientRssMb = 0;
    int clientOpenSockets = 0;
    int clientErrors = 0;
    std::unique_ptr<Updater> updater;
    std::map<int, std::vector<std::pair<qint64, qint64>>> receipts; // subscriber → (seq, received ns)
    quint64 statements = 0;
    quint64 refreshes = 0;
    quint64 pushes = 0;
    double serverCpu = 0;
    QJsonObject orders;
    bool ordersDone = true;
    bool updatesDone = false;
};

} // namespace

SubscriptionsBench::SubscriptionsBench(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

void SubscriptionsBench::run(std::function<void(const QJsonObject &, const QString &)> done)
{
    struct State {
        Backend *backend = nullptr;
        graphql::LiveQueryHub *hub = nullptr;
        std::shared_ptr<pg::Connection> seeder;
        QStringList orderIds;
        BenchKitchen kitchen;
        bool fresh = false;
        QString user;
        qint64 nextSeq = 1;
        std::shared_ptr<Run> run;
        QJsonArray runs;
    };
    auto state = std::make_shared<State>();
    const Options options = m_options;
    state->user = QStringLiteral("bench-subscriptions-%1").arg(QDateTime::currentMSecsSinceEpoch(), 0, 36);
    const int most = *std::max_element(options.subscribers.cbegin(), options.subscribers.cend());

    auto steps = std::make_shared<Steps>(this, [this, done, state, options](const QString &error) {
        auto finish = [done, state, options, error] {
            if (state->backend)
                state->backend->shutdown();
            if (!error.isEmpty())
                return done({}, error);
            done(
                QJsonObject { { QStringLiteral("mode"), QStringLiteral("subscriptions") },
                    { QStringLiteral("rate"), options.rate }, { QStringLiteral("duration_s"), options.durationSeconds },
                    { QStringLiteral("warmup_s"), options.warmupSeconds },
                    { QStringLiteral("orders_rate"), options.ordersRate },
                    { QStringLiteral("batch_size"), graphql::LiveQueryOptions {}.batchSize },
                    { QStringLiteral("min_refresh_interval_ms"), graphql::LiveQueryOptions {}.minRefreshIntervalMs },
                    { QStringLiteral("runs"), state->runs }, { QStringLiteral("fresh_database"), state->fresh } },
                {});
        };
        // The seeded orders go, with the triggers off as when they came (no events, no signals).
        if (!state->seeder)
            return finish();
        state->seeder->exec(QStringLiteral("DELETE FROM public.orders WHERE user_id = $1"), { state->user }, this,
            [finish](const pg::Result &) { finish(); });
    });

    steps->add([this, state, options](Steps::Next next) {
        probeFreshDatabase(options.conninfo, this, [state, next](bool fresh, const QString &error) {
            state->fresh = fresh;
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        say(tr("Starting a backend%1…")
                .arg(options.ordersRate > 0 ? tr(" with %1 workflow workers").arg(options.workers) : QString()));
        Config config;
        config.databaseUrl = options.conninfo;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.installDemo = true;
        config.workerConcurrency = options.workers;
        config.runWorker = options.ordersRate > 0;
        state->backend = startBackend(config, this, [state, next](const QString &error) {
            if (error.isEmpty()) {
                state->hub = dynamic_cast<graphql::LiveQueryHub *>(state->backend->subscriptions());
                if (!state->hub)
                    return next(tr("the backend runs no live-query hub"));
            }
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        prepareKitchen(options.conninfo, this, [state, next](const BenchKitchen &kitchen, const QString &error) {
            state->kitchen = kitchen;
            next(error);
        });
    });
    steps->add([this, state, options, most](Steps::Next next) {
        say(tr("Seeding %1 orders, one per subscriber…").arg(most));
        // Without triggers (a superuser's replica role): the seed raises no workflow events.
        state->seeder = std::make_shared<pg::Connection>(options.conninfo);
        state->seeder->open();
        state->seeder->exec(QStringLiteral("SET session_replication_role = replica"), this, [](const pg::Result &r) {
            if (!r.ok())
                say(tr("Warning: the seed fires the workflow's triggers (%1)").arg(r.error().describe()));
        });
        state->seeder->exec(QStringLiteral("INSERT INTO public.orders (user_id, restaurant_id, address)"
                                           " SELECT $1, $2, 'Subscription bench ' || g FROM generate_series(1, $3) g"
                                           " RETURNING id"),
            { state->user, state->kitchen.restaurantId, most }, this, [state, next](const pg::Result &result) {
                if (!result.ok())
                    return next(result.error().describe());
                for (int row = 0; row < result.rowCount(); ++row)
                    state->orderIds.append(result.text(row, 0));
                next({});
            });
    });

    for (const int subscribers : options.subscribers) {
        // The client process: subscribes, and says when every subscription has its first result.
        steps->add([this, state, options, subscribers](Steps::Next next) {
            auto run = std::make_shared<Run>();
            state->run = run;
            run->subscribers = subscribers;
            run->sockets = std::min(subscribers, options.maxSockets);
            const int perSocket = (subscribers + run->sockets - 1) / run->sockets;
            say(tr("%1 subscribers on %2 sockets (up to %3 subscriptions each)…")
                    .arg(subscribers)
                    .arg(run->sockets)
                    .arg(perSocket));
            auto ids = std::make_shared<QTemporaryFile>();
            if (!ids->open())
                return next(tr("cannot write the order ids: %1").arg(ids->errorString()));
            ids->write(state->orderIds.mid(0, subscribers).join(QLatin1Char('\n')).toUtf8());
            ids->flush();
            run->client = new QProcess(this);
            run->client->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            auto answered = std::make_shared<bool>(false);
            auto answer = [answered, next, ids](const QString &error) {
                if (*answered)
                    return;
                *answered = true;
                next(error);
            };
            connect(run->client, &QProcess::readyReadStandardOutput, this, [run] {
                run->clientOutput += run->client->readAllStandardOutput();
                if (run->onOutput)
                    run->onOutput();
            });
            connect(run->client, &QProcess::finished, this, [run] {
                run->clientOutput += run->client->readAllStandardOutput();
                run->clientOutput += "\nexited\n";
                if (run->onOutput)
                    run->onOutput();
            });
            run->onOutput = [run, answer] {
                if (run->clientOutput.contains("\nexited\n"))
                    return answer(tr("the client process ended before every subscription had its first result"));
                const qsizetype end = run->clientOutput.indexOf('\n');
                if (run->connectSeconds == 0 && end > 0 && run->clientOutput.startsWith("ready ")) {
                    const QList<QByteArray> parts = run->clientOutput.left(end).split(' ');
                    run->connectSeconds = parts.value(1).toDouble();
                    run->clientCpuAtReady = parts.value(2).toDouble() + parts.value(3).toDouble();
                    run->clientOutput.remove(0, end + 1);
                    answer({});
                }
            };
            QTimer::singleShot(60'000 + subscribers * 10, this, [answer, subscribers] {
                answer(tr("%1 subscribers did not all get their first result in time").arg(subscribers));
            });
            run->client->start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("subscriptions-client"), QStringLiteral("--url"),
                    QStringLiteral("ws://127.0.0.1:%1/v1/graphql").arg(state->backend->port()),
                    QStringLiteral("--ids-file"), ids->fileName(), QStringLiteral("--sockets"),
                    QString::number(run->sockets) });
        });
        // The updates (and the orders workflow, if asked for) while every subscriber listens.
        steps->add([this, state, options](Steps::Next next) {
            const std::shared_ptr<Run> run = state->run;
            say(tr("Every subscriber has its first result after %1 s; updating %2 orders/s for %3 s of warm-up, then "
                   "%4 s measured…")
                    .arg(run->connectSeconds)
                    .arg(options.rate)
                    .arg(options.warmupSeconds)
                    .arg(options.durationSeconds));
            std::vector<std::string> ids;
            for (int i = 0; i < run->subscribers; ++i)
                ids.push_back(state->orderIds.at(i).toStdString());
            const int warmup = options.rate * options.warmupSeconds;
            const int total = warmup + options.rate * options.durationSeconds;
            run->updater = std::make_unique<Updater>(
                options.conninfo.toStdString(), std::move(ids), options.rate, warmup, total, state->nextSeq);
            state->nextSeq += total;
            const quint64 statements = state->hub->refreshStatements();
            const quint64 refreshes = state->hub->refreshes();
            const quint64 pushes = state->hub->pushes();
            const double cpu = cpuSeconds();
            auto both = [this, state, run, next, statements, refreshes, pushes, cpu] {
                if (!run->updatesDone || !run->ordersDone)
                    return;
                // Results of the last updates still on their way.
                QTimer::singleShot(1000, this, [state, run, next, statements, refreshes, pushes, cpu] {
                    run->statements = state->hub->refreshStatements() - statements;
                    run->refreshes = state->hub->refreshes() - refreshes;
                    run->pushes = state->hub->pushes() - pushes;
                    run->serverCpu = cpuSeconds() - cpu;
                    next(run->updater->error());
                });
            };
            if (options.ordersRate > 0) {
                run->ordersDone = false;
                OrdersBench::Options orders;
                orders.conninfo = options.conninfo;
                orders.rate = options.ordersRate;
                orders.durationSeconds = options.durationSeconds;
                orders.warmupSeconds = options.warmupSeconds;
                orders.workers = options.workers;
                orders.backend = state->backend;
                auto *bench = new OrdersBench(orders, this);
                bench->run([bench, run, both](const QJsonObject &figures, const QString &error) {
                    run->orders = figures;
                    if (!error.isEmpty())
                        run->orders.insert(QStringLiteral("error"), error);
                    run->ordersDone = true;
                    bench->deleteLater();
                    both();
                });
            }
            run->updater->start(this, [run, both] {
                run->updatesDone = true;
                both();
            });
        });
        // Figures: the client's receipts matched to the updates.
        steps->add([this, state](Steps::Next next) {
            const std::shared_ptr<Run> run = state->run;
            const double serverRss = residentMegabytes();
            const double serverPeak = peakMegabytes();
            const int cohorts = state->hub->cohortCount();
            auto parsed = std::make_shared<bool>(false);
            auto parse = [this, state, run, next, parsed, serverRss, serverPeak, cohorts] {
                const qsizetype doneAt = run->clientOutput.indexOf("done ");
                const bool exited = run->clientOutput.contains("\nexited\n");
                if (*parsed || ((doneAt < 0 || !run->clientOutput.endsWith('\n')) && !exited))
                    return;
                *parsed = true;
                for (const QByteArray &line : run->clientOutput.split('\n')) {
                    const QList<QByteArray> parts = line.split(' ');
                    if (parts.value(0) == "r" && parts.size() == 4) {
                        run->receipts[parts.at(1).toInt()].emplace_back(
                            parts.at(2).toLongLong(), parts.at(3).toLongLong());
                    } else if (parts.value(0) == "done" && parts.size() >= 7) {
                        run->clientCpuAtEnd = parts.at(1).toDouble() + parts.at(2).toDouble();
                        run->clientRssMb = parts.at(3).toDouble();
                        run->clientOpenSockets = parts.at(4).toInt();
                        run->clientErrors = parts.at(5).toInt();
                    }
                }
                QList<double> commitToReceipt;
                QList<double> sentToReceipt;
                QList<double> updateMs;
                int measured = 0;
                int missed = 0;
                int superseded = 0;
                int beforeCommitReturned = 0;
                for (const Update &u : run->updater->updates()) {
                    if (!u.measured)
                        continue;
                    ++measured;
                    updateMs.append(double(u.committedNs - u.sentNs) / 1e6);
                    const auto &list = run->receipts[u.subscriber];
                    const auto r = std::lower_bound(list.cbegin(), list.cend(), std::make_pair(u.seq, qint64(0)));
                    if (r == list.cend()) {
                        ++missed;
                        continue;
                    }
                    if (r->first != u.seq)
                        ++superseded; // a later update's result carried this one
                    if (r->second < u.committedNs)
                        ++beforeCommitReturned;
                    commitToReceipt.append(std::max(0.0, double(r->second - u.committedNs) / 1e6));
                    sentToReceipt.append(double(r->second - u.sentNs) / 1e6);
                }
                QJsonObject figures { { QStringLiteral("subscribers"), run->subscribers },
                    { QStringLiteral("sockets"), run->sockets },
                    { QStringLiteral("subscriptions_per_socket"),
                        (run->subscribers + run->sockets - 1) / std::max(1, run->sockets) },
                    { QStringLiteral("first_results_s"), rounded(run->connectSeconds, 2) },
                    { QStringLiteral("updates"), measured }, { QStringLiteral("delivered"), measured - missed },
                    { QStringLiteral("missed"), missed }, { QStringLiteral("superseded"), superseded },
                    { QStringLiteral("received_before_commit_returned"), beforeCommitReturned },
                    { QStringLiteral("p50_ms"), rounded(percentile(commitToReceipt, 50), 2) },
                    { QStringLiteral("p95_ms"), rounded(percentile(commitToReceipt, 95), 2) },
                    { QStringLiteral("p99_ms"), rounded(percentile(commitToReceipt, 99), 2) },
                    { QStringLiteral("max_ms"), rounded(percentile(commitToReceipt, 100), 2) },
                    { QStringLiteral("sent_p50_ms"), rounded(percentile(sentToReceipt, 50), 2) },
                    { QStringLiteral("sent_p99_ms"), rounded(percentile(sentToReceipt, 99), 2) },
                    { QStringLiteral("update_p50_ms"), rounded(percentile(updateMs, 50), 2) },
                    { QStringLiteral("cohorts"), cohorts }, { QStringLiteral("refreshes"), qint64(run->refreshes) },
                    { QStringLiteral("refresh_statements"), qint64(run->statements) },
                    { QStringLiteral("statements_per_refresh"),
                        rounded(run->refreshes > 0 ? double(run->statements) / double(run->refreshes) : 0, 2) },
                    { QStringLiteral("pushes"), qint64(run->pushes) },
                    { QStringLiteral("server_rss_mb"), std::round(serverRss) },
                    { QStringLiteral("server_peak_rss_mb"), std::round(serverPeak) },
                    { QStringLiteral("server_cpu_s"), rounded(run->serverCpu, 2) },
                    { QStringLiteral("client_cpu_s"), rounded(run->clientCpuAtEnd - run->clientCpuAtReady, 2) },
                    { QStringLiteral("client_rss_mb"), std::round(run->clientRssMb) },
                    { QStringLiteral("client_errors"), run->clientErrors },
                    { QStringLiteral("load_average"), loadAverage() } };
                if (!run->orders.isEmpty())
                    figures.insert(QStringLiteral("orders"), run->orders);
                if (missed > 0)
                    say(tr("%1 of %2 updates never reached their subscriber.").arg(missed).arg(measured));
                state->runs.append(figures);
                say(QString::fromUtf8(QJsonDocument(figures).toJson(QJsonDocument::Compact)));
                // The next run starts once the server has let go of these subscribers.
                auto *waiter = new QTimer(this);
                auto waited = std::make_shared<int>(0);
                connect(waiter, &QTimer::timeout, this, [state, waiter, waited, next] {
                    if (state->hub->subscriberCount() > 0 && ++*waited < 300)
                        return;
                    waiter->deleteLater();
                    next({});
                });
                waiter->start(100);
            };
            run->onOutput = parse;
            run->client->write("stop\n");
        });
    }
    steps->start();
}

} // namespace trefoil::bench
