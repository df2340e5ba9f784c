#include "bench/graphqlbench.h"

#include "backend/backend.h"
#include "backend/pg/connection.h"
#include "bench/benchreport.h"
#include "bench/freshdatabase.h"
#include "bench/ordersbench.h"
#include "bench/steps.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <cmath>
#include <memory>
#include <vector>

namespace trefoil::bench {

namespace {

using RequestBody = std::function<QByteArray(QRandomGenerator &random)>;

struct LoadFigures {
    qint64 requests = 0;
    qint64 errors = 0;
    QString firstError;
    QList<double> latenciesMs;
    double seconds = 0;
};

// Keeps `connections` keep-alive HTTP/1.1 connections busy with POST /v1/graphql, one request in
// flight on each, from start() until the deadline; measures only requests sent after the warm-up.
// Lives on the client thread; `finished` runs there once, then the object deletes itself.
class LoadRun final : public QObject {
public:
    LoadRun(quint16 port, int connections, qint64 warmupMs, qint64 durationMs, RequestBody body,
        std::function<void(const LoadFigures &)> finished)
        : m_port(port)
        , m_connections(connections)
        , m_warmupNs(warmupMs * 1000000)
        , m_endNs((warmupMs + durationMs) * 1000000)
        , m_body(std::move(body))
        , m_finished(std::move(finished))
        , m_random(QRandomGenerator::securelySeeded())
    {
    }

    void start()
    {
        m_clock.start();
        // Bounded even if the server stops answering: unanswered requests are counted as errors.
        QTimer::singleShot(m_endNs / 1000000 + 30000, this, [this] {
            for (const auto &client : m_clients)
                close(client.get(), QStringLiteral("no answer 30 s after the deadline"));
        });
        for (int i = 0; i < m_connections; ++i) {
            auto client = std::make_unique<Client>();
            Client *c = client.get();
            c->socket = new QTcpSocket(this);
            c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connect(c->socket, &QTcpSocket::connected, this, [this, c] { send(c); });
            connect(c->socket, &QTcpSocket::readyRead, this, [this, c] { receive(c); });
            connect(c->socket, &QTcpSocket::errorOccurred, this, [this, c] { close(c, c->socket->errorString()); });
            m_clients.push_back(std::move(client));
            c->socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
        }
    }

private:
    struct Client {
        QTcpSocket *socket = nullptr;
        QByteArray in;
        qint64 sentNs = 0;
        bool done = false;
    };

    quint16 m_port;
    int m_connections;
    qint64 m_warmupNs;
    qint64 m_endNs;
    RequestBody m_body;
    std::function<void(const LoadFigures &)> m_finished;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Client>> m_clients;
    LoadFigures m_figures;
    qint64 m_lastAnswerNs = 0;
    bool m_reported = false;

    void send(Client *c)
    {
        if (c->done)
            return;
        const qint64 now = m_clock.nsecsElapsed();
        if (now >= m_endNs) {
            c->done = true;
            c->socket->disconnectFromHost();
            return finishIfDone();
        }
        const QByteArray body = m_body(m_random);
        QByteArray request;
        request.reserve(body.size() + 160);
        request += "POST /v1/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Accept: application/json\r\nContent-Length: ";
        request += QByteArray::number(body.size());
        request += "\r\n\r\n";
        request += body;
        c->sentNs = now;
        c->socket->write(request);
    }

    void receive(Client *c)
    {
        c->in += c->socket->readAll();
        const qsizetype headEnd = c->in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = c->in.left(headEnd).toLower();
        const qsizetype at = head.indexOf("\r\ncontent-length:");
        if (at < 0)
            return close(c, QStringLiteral("a response without Content-Length"));
        const qsizetype valueStart = at + 17;
        const qsizetype valueEnd = head.indexOf('\r', valueStart);
        const qsizetype length = head.mid(valueStart, valueEnd < 0 ? -1 : valueEnd - valueStart).trimmed().toLongLong();
        if (c->in.size() < headEnd + 4 + length)
            return;
        const int status = head.mid(9, 3).toInt();
        const QByteArray body = c->in.mid(headEnd + 4, length);
        c->in.remove(0, headEnd + 4 + length);
        const qint64 now = m_clock.nsecsElapsed();
        if (c->sentNs >= m_warmupNs) {
            ++m_figures.requests;
            m_figures.latenciesMs.append(double(now - c->sentNs) / 1e6);
            m_lastAnswerNs = now;
            if (status != 200 || body.contains("\"errors\"")) {
                if (m_figures.errors++ == 0)
                    m_figures.firstError
                        = QString::number(status) + QLatin1Char(' ') + QString::fromUtf8(body.left(300));
            }
        }
        send(c);
    }

    void close(Client *c, const QString &error)
    {
        if (c->done)
            return;
        c->done = true;
        if (m_figures.errors++ == 0)
            m_figures.firstError = error;
        c->socket->abort();
        finishIfDone();
    }

    void finishIfDone()
    {
        if (m_reported)
            return;
        for (const auto &client : m_clients) {
            if (!client->done)
                return;
        }
        m_reported = true;
        m_figures.seconds = double(std::max<qint64>(0, m_lastAnswerNs - m_warmupNs)) / 1e9;
        m_finished(m_figures);
        deleteLater();
    }
};

// A GraphQL request body: the query, JSON-escaped once, and the variables' JSON text.
class Request {
public:
    explicit Request(const QString &query)
    {
        m_prefix = QJsonDocument(QJsonObject { { QStringLiteral("query"), query } }).toJson(QJsonDocument::Compact);
        m_prefix.chop(1);
        m_prefix += ",\"variables\":";
    }
    QByteArray with(const QByteArray &variables) const { return m_prefix + variables + '}'; }

private:
    QByteArray m_prefix;
};

double rounded(double value, int decimals = 1)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QJsonObject scenarioFigures(const LoadFigures &figures)
{
    return QJsonObject { { QStringLiteral("throughput_per_s"),
                             rounded(figures.seconds > 0 ? double(figures.requests) / figures.seconds : 0) },
        { QStringLiteral("p50_ms"), rounded(percentile(figures.latenciesMs, 50), 2) },
        { QStringLiteral("p95_ms"), rounded(percentile(figures.latenciesMs, 95), 2) },
        { QStringLiteral("p99_ms"), rounded(percentile(figures.latenciesMs, 99), 2) },
        { QStringLiteral("requests"), figures.requests }, { QStringLiteral("errors"), figures.errors } };
}

} // namespace

QStringList GraphqlBench::scenarioNames()
{
    return { QStringLiteral("user_orders"), QStringLiteral("order_by_pk"), QStringLiteral("insert_order") };
}

GraphqlBench::GraphqlBench(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

void GraphqlBench::run(std::function<void(const QJsonObject &, const QString &)> done)
{
    struct State {
        Backend *backend = nullptr;
        BenchKitchen kitchen;
        QList<QByteArray> users;
        QList<QByteArray> orderIds;
        QThread clientThread;
        QJsonObject scenarios;
        qint64 errors = 0;
        bool fresh = false; // no Trefoil migration had been applied to the database
        ~State()
        {
            clientThread.quit();
            clientThread.wait();
        }
    };
    auto state = std::make_shared<State>();
    const Options options = m_options;
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
    for (int user = 0; user < 100; ++user)
        state->users.append(QStringLiteral("gql-%1-%2").arg(tag).arg(user).toUtf8());
    auto userList = [state]() -> QStringList {
        QStringList users;
        for (const QByteArray &user : std::as_const(state->users))
            users.append(QString::fromUtf8(user));
        return users;
    };

    auto steps = std::make_shared<Steps>(this, [done, state, options](const QString &error) {
        state->clientThread.quit();
        state->clientThread.wait();
        if (state->backend)
            state->backend->shutdown();
        if (!error.isEmpty())
            return done({}, error);
        // The headline figures are the lookup by key's, or the first scenario's when it did not run.
        const QJsonObject byKey = state->scenarios.value(QLatin1String("order_by_pk"))
                                      .toObject(state->scenarios.value(options.scenarios.value(0)).toObject());
        QJsonObject figures { { QStringLiteral("mode"), QStringLiteral("graphql") },
            { QStringLiteral("connections"), options.connections },
            { QStringLiteral("duration_s"), options.durationSeconds }, { QStringLiteral("orders"), options.orders },
            { QStringLiteral("throughput_per_s"), byKey.value(QLatin1String("throughput_per_s")) },
            { QStringLiteral("p50_ms"), byKey.value(QLatin1String("p50_ms")) },
            { QStringLiteral("p95_ms"), byKey.value(QLatin1String("p95_ms")) },
            { QStringLiteral("p99_ms"), byKey.value(QLatin1String("p99_ms")) },
            { QStringLiteral("errors"), state->errors }, { QStringLiteral("scenarios"), state->scenarios },
            { QStringLiteral("fresh_database"), state->fresh },
            { QStringLiteral("rss_mb"), std::round(residentMegabytes()) } };
        done(figures, {});
    });

    steps->add([this, state, options](Steps::Next next) {
        probeFreshDatabase(options.conninfo, this, [state, next](bool fresh, const QString &error) {
            state->fresh = fresh;
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        say(tr("Starting a backend (API only, no event worker)…"));
        Config config;
        config.databaseUrl = options.conninfo;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.installDemo = true;
        config.runWorker = false;
        state->backend = startBackend(config, this, next);
    });
    steps->add([this, state, options](Steps::Next next) {
        prepareKitchen(options.conninfo, this, [state, next](const BenchKitchen &kitchen, const QString &error) {
            state->kitchen = kitchen;
            next(error);
        });
    });
    steps->add([this, state, options, tag, userList](Steps::Next next) {
        say(tr("Seeding %1 orders with three items each across %2 users…")
                .arg(options.orders)
                .arg(state->users.size()));
        const BenchKitchen &k = state->kitchen;
        const double total = k.prices.at(0) + k.prices.at(1) + k.prices.at(2);
        // One transaction: the seeded orders are delivered orders, so their workflow events are
        // removed before anyone (this run has no worker, another process might) can see them.
        const QString seed = QStringLiteral(
            "BEGIN;"
            "CREATE TEMP TABLE bench_seed ON COMMIT DROP AS"
            "  SELECT gen_random_uuid() AS id, 'gql-%1-' || (g % 100) AS user_id, g FROM generate_series(1, %2) g;"
            "INSERT INTO public.orders (id, user_id, restaurant_id, address, status, total, created_at,"
            "                           validated_at, paid_at, approved_at, agent_assigned_at, finished_at)"
            "  SELECT id, user_id, %3, g || ' Benchmark Road', 'agent_assigned', %4, t, t, t, t, t, t"
            "    FROM (SELECT *, now() - make_interval(secs => g) AS t FROM bench_seed) s;"
            "INSERT INTO public.items (order_id, menu_item_id, quantity)"
            "  SELECT s.id, d.id, 1 FROM bench_seed s CROSS JOIN unnest(ARRAY[%5, %6, %7]) AS d (id);"
            "DELETE FROM trefoil.events WHERE status = 'pending' AND schema_name = 'public' AND created_at >= now()"
            "   AND ((table_name = 'orders' AND data->'new'->>'id' IN (SELECT id::text FROM bench_seed))"
            "     OR (table_name = 'items' AND data->'new'->>'order_id' IN (SELECT id::text FROM bench_seed)));"
            "COMMIT;"
            "ANALYZE public.orders, public.items;")
                                 .arg(tag)
                                 .arg(options.orders)
                                 .arg(k.restaurantId)
                                 .arg(QString::number(total, 'f', 2))
                                 .arg(k.menuItemIds.at(0))
                                 .arg(k.menuItemIds.at(1))
                                 .arg(k.menuItemIds.at(2));
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        auto connection = std::make_shared<pg::Connection>(options.conninfo);
        connection->open();
        connection->execScript(seed, this, [next](const pg::Result &result) {
            if (!result.ok())
                next(result.error().describe());
        });
        connection->exec(QStringLiteral("SELECT id::text FROM public.orders WHERE user_id = ANY($1)"), { userList() },
            this, [state, clock, connection, next](const pg::Result &result) {
                if (!result.ok())
                    return next(result.error().describe());
                for (int row = 0; row < result.rowCount(); ++row)
                    state->orderIds.append(result.raw(row, 0));
                say(tr("Seeded %1 orders in %2 s.")
                        .arg(state->orderIds.size())
                        .arg(double(clock->elapsed()) / 1000.0, 0, 'f', 1));
                if (state->orderIds.isEmpty())
                    return next(tr("no orders were seeded"));
                next({});
            });
    });

    // Each scenario runs on the client thread, so the client does not compete with the server's
    // event loop (the Backend runs on this thread).
    auto scenario = [this, state, options](const QString &name, RequestBody body) {
        return [this, state, options, name, body](Steps::Next next) {
            say(tr("Scenario %1: %2 connections for %3 s (after a %4 s warm-up)…")
                    .arg(name)
                    .arg(options.connections)
                    .arg(options.durationSeconds)
                    .arg(options.warmupSeconds));
            if (!state->clientThread.isRunning())
                state->clientThread.start();
            QPointer<GraphqlBench> bench(this);
            auto *load = new LoadRun(state->backend->port(), options.connections, qint64(options.warmupSeconds) * 1000,
                qint64(options.durationSeconds) * 1000, body, [bench, state, name, next](const LoadFigures &figures) {
                    if (!bench)
                        return;
                    QMetaObject::invokeMethod(
                        bench,
                        [state, name, next, figures] {
                            const QJsonObject result = scenarioFigures(figures);
                            state->scenarios.insert(name, result);
                            state->errors += figures.errors;
                            say(tr("  %1 req/s, p50 %2 ms, p99 %3 ms, %4 errors")
                                    .arg(result.value(QLatin1String("throughput_per_s")).toDouble())
                                    .arg(result.value(QLatin1String("p50_ms")).toDouble())
                                    .arg(result.value(QLatin1String("p99_ms")).toDouble())
                                    .arg(figures.errors));
                            if (!figures.firstError.isEmpty())
                                say(tr("  first error: %1").arg(figures.firstError));
                            next({});
                        },
                        Qt::QueuedConnection);
                });
            load->moveToThread(&state->clientThread);
            QMetaObject::invokeMethod(
                load, [load] { load->start(); }, Qt::QueuedConnection);
        };
    };

    const Request userOrders(QStringLiteral(
        "query($u: String!) { orders(where: {user_id: {_eq: $u}}, order_by: {created_at: desc}, limit: 20)"
        " { id status items { menu_item { name } quantity } } }"));
    // Only the chosen scenarios run; they are added in a fixed order.
    auto addScenario = [steps, options, scenario](const QString &name, RequestBody body) {
        if (options.scenarios.contains(name))
            steps->add(scenario(name, std::move(body)));
    };
    addScenario(QStringLiteral("user_orders"), [state, userOrders](QRandomGenerator &random) -> QByteArray {
        return userOrders.with("{\"u\":\"" + state->users.at(random.bounded(int(state->users.size()))) + "\"}");
    });
    const Request orderByPk(QStringLiteral("query($id: uuid!) { orders_by_pk(id: $id) { id status total } }"));
    addScenario(QStringLiteral("order_by_pk"), [state, orderByPk](QRandomGenerator &random) -> QByteArray {
        return orderByPk.with("{\"id\":\"" + state->orderIds.at(random.bounded(int(state->orderIds.size()))) + "\"}");
    });
    const Request insertOrder(
        QStringLiteral("mutation($o: orders_insert_input!) { insert_orders_one(object: $o) { id } }"));
    addScenario(QStringLiteral("insert_order"), [state, insertOrder](QRandomGenerator &random) -> QByteArray {
        const BenchKitchen &k = state->kitchen;
        QByteArray items;
        for (int line = 0; line < 3; ++line) {
            if (line > 0)
                items += ',';
            items += "{\"menu_item_id\":" + QByteArray::number(k.menuItemIds.at(line))
                + ",\"quantity\":" + QByteArray::number(1 + random.bounded(3)) + '}';
        }
        return insertOrder.with("{\"o\":{\"user_id\":\"" + state->users.at(random.bounded(int(state->users.size())))
            + "\",\"restaurant_id\":" + QByteArray::number(k.restaurantId)
            + ",\"address\":\"1 GraphQL Street\",\"items\":{\"data\":[" + items + "]}}}");
    });

    // The inserted orders' workflow events would wait for a worker; the bench takes them back.
    steps->add([this, options, userList](Steps::Next next) {
        auto connection = std::make_shared<pg::Connection>(options.conninfo);
        connection->open();
        connection->exec(QStringLiteral("DELETE FROM trefoil.events WHERE status = 'pending' AND schema_name = 'public'"
                                        " AND table_name = 'orders' AND data->'new'->>'user_id' = ANY($1)"),
            { userList() }, this, [connection, next](const pg::Result &result) {
                if (result.ok())
                    say(tr("Removed %1 pending workflow events of the inserted orders.").arg(result.affectedRows()));
                next(result.ok() ? QString() : result.error().describe());
            });
    });
    steps->start();
}

} // namespace trefoil::bench
