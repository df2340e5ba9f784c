#include "bench/ordersbench.h"

#include "backend/backend.h"
#include "backend/events/eventworker.h"
#include "backend/pg/connection.h"
#include "backend/pg/pool.h"
#include "bench/benchreport.h"
#include "bench/freshdatabase.h"
#include "bench/steps.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>
#include <memory>

namespace trefoil::bench {

namespace {

const QString KitchenSql = QStringLiteral(
    "INSERT INTO public.restaurants (name, is_open, payment_mode, preparation_delay_ms)"
    "  SELECT 'Trefoil bench kitchen', true, 'automatic', 0"
    "   WHERE NOT EXISTS (SELECT 1 FROM public.restaurants WHERE name = 'Trefoil bench kitchen');"
    "UPDATE public.restaurants SET is_open = true, payment_mode = 'automatic', preparation_delay_ms = 0"
    " WHERE name = 'Trefoil bench kitchen' AND (NOT is_open OR payment_mode <> 'automatic' OR preparation_delay_ms <> "
    "0);"
    "INSERT INTO public.menu_items (restaurant_id, name, price)"
    "  SELECT r.id, d.name, d.price FROM public.restaurants r,"
    "         (VALUES ('Bench soup', 4.50), ('Bench noodles', 9.00), ('Bench curry', 11.50), ('Bench pie', 5.00)) AS d "
    "(name, price)"
    "   WHERE r.name = 'Trefoil bench kitchen'"
    "     AND NOT EXISTS (SELECT 1 FROM public.menu_items m WHERE m.restaurant_id = r.id AND m.name = d.name);"
    "UPDATE public.menu_items m SET available = true FROM public.restaurants r"
    " WHERE m.restaurant_id = r.id AND r.name = 'Trefoil bench kitchen' AND NOT m.available;");

const QString KitchenQuery = QStringLiteral(
    "SELECT m.restaurant_id, m.id, m.price::float8 FROM public.menu_items m"
    " WHERE m.restaurant_id = (SELECT min(id) FROM public.restaurants WHERE name = 'Trefoil bench kitchen')"
    " ORDER BY m.id");

// One statement per order: the order and its items commit together, as a client would place them.
const QString InsertOrder = QStringLiteral(
    "WITH o AS (INSERT INTO public.orders (user_id, restaurant_id, address) VALUES ($1, $2, $3) RETURNING id)"
    " INSERT INTO public.items (order_id, menu_item_id, quantity)"
    " SELECT o.id, i.menu_item_id, i.quantity FROM o, unnest($4::text[]::int[], $5::text[]::int[]) AS i (menu_item_id, "
    "quantity)");

const QString TerminalStatuses = QStringLiteral("('agent_assigned', 'rejected', 'payment_declined', 'failed')");

// Milliseconds of an interval column difference, as float8 for percentile_cont.
QString ms(const QString &to, const QString &from)
{
    return QLatin1String("extract(epoch FROM ") + to + QLatin1String(" - ") + from + QLatin1String(")::float8 * 1000");
}

QString median(const QString &to, const QString &from)
{
    return QLatin1String("percentile_cont(0.5) WITHIN GROUP (ORDER BY ") + ms(to, from) + QLatin1Char(')');
}

double rounded(double value, int decimals = 1)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

void prepareKitchen(
    const QString &conninfo, QObject *context, std::function<void(const BenchKitchen &, const QString &)> done)
{
    auto connection = std::make_shared<pg::Connection>(conninfo);
    connection->open();
    connection->execScript(KitchenSql, context, [](const pg::Result &) {});
    connection->exec(KitchenQuery, context, [connection, done](const pg::Result &result) {
        if (!result.ok())
            return done({}, result.error().describe());
        BenchKitchen kitchen;
        for (int row = 0; row < result.rowCount(); ++row) {
            kitchen.restaurantId = int(result.toInt(row, 0));
            kitchen.menuItemIds.append(int(result.toInt(row, 1)));
            kitchen.prices.append(result.toDouble(row, 2));
        }
        if (kitchen.menuItemIds.size() < 3)
            return done({}, QCoreApplication::translate("bench", "the bench kitchen has fewer than three dishes"));
        done(kitchen, {});
    });
}

Backend *startBackend(Config config, QObject *parent, std::function<void(const QString &)> done)
{
    auto *backend = new Backend(std::move(config), parent);
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, done](const QString &error) {
        if (*answered)
            return;
        *answered = true;
        done(error);
    };
    QObject::connect(backend, &Backend::progress, parent, [](const QString &step) { say(step); });
    QObject::connect(backend, &Backend::ready, parent, [answer] { answer({}); });
    QObject::connect(backend, &Backend::failed, parent, [answer](const QString &message) { answer(message); });
    backend->start();
    return backend;
}

OrdersBench::OrdersBench(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

void OrdersBench::run(std::function<void(const QJsonObject &, const QString &)> done)
{
    struct State {
        Backend *backend = nullptr;
        std::unique_ptr<pg::Pool> pool;
        BenchKitchen kitchen;
        QStringList users;
        qint64 backlog = 0;
        bool faults = false;
        bool fresh = false; // no Trefoil migration had been applied to the database
        int warmupTotal = 0; // the first orders warm the backend up (connections, caches) unmeasured
        int total = 0; // warm-up and measured
        int sent = 0;
        int answered = 0; // measured orders only, like the rest below
        int insertErrors = 0;
        qint64 measuredFromNs = 0;
        QString firstInsertError;
        QString warmupUser;
        QElapsedTimer clock; // from the first insert
        qint64 lastAnswerNs = 0;
        qint64 insertsDoneMs = -1;
        qint64 terminal = 0;
        QList<double> insertMs;
        QJsonObject figures;
    };
    auto state = std::make_shared<State>();
    const Options options = m_options;
    state->warmupTotal = options.rate * options.warmupSeconds;
    state->total = state->warmupTotal + options.rate * options.durationSeconds;
    // Orders of this run belong to their own hundred users, so the queries below find them by index.
    const QString tag = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
    for (int user = 0; user < 100; ++user)
        state->users.append(QStringLiteral("bench-orders-%1-%2").arg(tag).arg(user));
    state->warmupUser = QStringLiteral("bench-orders-%1-warmup").arg(tag);

    auto steps = std::make_shared<Steps>(this, [done, state, options](const QString &error) {
        if (state->backend && !options.backend)
            state->backend->shutdown();
        if (!error.isEmpty())
            return done({}, error);
        done(state->figures, {});
    });

    steps->add([this, state, options](Steps::Next next) {
        probeFreshDatabase(options.conninfo, this, [state, next](bool fresh, const QString &error) {
            state->fresh = fresh;
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        if (options.backend) {
            state->backend = options.backend;
            return next({});
        }
        say(tr("Starting a backend with %1 workflow workers…").arg(options.workers));
        Config config;
        config.databaseUrl = options.conninfo;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.installDemo = true;
        config.workerConcurrency = options.workers;
        config.runWorker = true;
        config.adminSecret = options.adminSecret;
        state->backend = startBackend(config, this, [state, options, next](const QString &error) {
            if (error.isEmpty() && options.backendReady)
                options.backendReady(state->backend->port());
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        state->pool = std::make_unique<pg::Pool>(options.conninfo, 8);
        prepareKitchen(options.conninfo, this, [state, next](const BenchKitchen &kitchen, const QString &error) {
            state->kitchen = kitchen;
            next(error);
        });
    });
    steps->add([this, state, options](Steps::Next next) {
        // Assignment locks the least loaded available driver (SKIP LOCKED) until its batch
        // commits, and finds none when all are locked: the fleet must be larger than the
        // assignments in flight (built-in batches × events per batch), as a real one at 500
        // orders/s would be.
        const int drivers = std::max(200, events::WorkerOptions {}.batchSize * options.workers);
        auto connection = std::make_shared<pg::Connection>(options.conninfo);
        connection->open();
        connection->exec(QStringLiteral("INSERT INTO public.drivers (name) SELECT 'Bench driver ' || g"
                                        "  FROM generate_series(1, greatest(0, %1 - (SELECT count(*) FROM "
                                        "public.drivers WHERE available))::int) g")
                             .arg(drivers),
            this, [](const pg::Result &) {});
        connection->exec(QStringLiteral("SELECT (SELECT count(*) FROM trefoil.function_faults"
                                        "         WHERE failure_rate > 0 OR latency_ms > 0 OR always_fail OR timeout),"
                                        "       (SELECT count(*) FROM trefoil.events WHERE status = 'pending')"),
            this, [state](const pg::Result &result) {
                if (!result.ok())
                    return;
                state->faults = result.toInt(0, 0) > 0;
                state->backlog = result.toInt(0, 1);
                if (state->faults)
                    say(tr("Warning: trefoil.function_faults injects faults into the workflow; the figures include "
                           "them."));
                if (state->backlog > 0)
                    say(tr("Warning: %1 events were pending before the run; the worker delivers them too.")
                            .arg(state->backlog));
            });
        // The run starts from vacuumed tables, as a steadily running system would have — unless
        // they are empty (a new database): measuring them would record "empty" statistics, which
        // a running system never has and which make every prepared statement's plan a scan.
        connection->exec(QStringLiteral("SELECT EXISTS (SELECT FROM public.orders)"), this,
            [this, connection, next](const pg::Result &history) {
                if (!history.ok())
                    return next(history.error().describe());
                if (!history.toBool(0, 0))
                    return next({});
                connection->exec(QStringLiteral("VACUUM ANALYZE trefoil.events, public.orders, public.items"), this,
                    [connection, next](
                        const pg::Result &result) { next(result.ok() ? QString() : result.error().describe()); });
            });
    });

    steps->add([this, state, options](Steps::Next next) {
        say(tr("Placing %1 orders/s for %2 s of warm-up, then %3 s measured…")
                .arg(options.rate)
                .arg(options.warmupSeconds)
                .arg(options.durationSeconds));
        auto finished = std::make_shared<bool>(false);
        auto *ticker = new QTimer(this);
        ticker->setTimerType(Qt::PreciseTimer);
        auto *poller = new QTimer(this);
        auto finish = [state, ticker, poller, finished, next] {
            if (*finished)
                return;
            *finished = true;
            ticker->deleteLater();
            poller->deleteLater();
            next({});
        };
        auto random = std::make_shared<QRandomGenerator>(QRandomGenerator::securelySeeded());
        state->clock.start();
        // Catch up to the schedule on every tick, so the rate holds even if a tick is late.
        connect(ticker, &QTimer::timeout, this, [state, ticker, random, options] {
            const int due = std::min(state->total, int(state->clock.elapsed() * options.rate / 1000));
            for (; state->sent < due; ++state->sent) {
                QStringList dishes;
                QStringList quantities;
                const int lines = 1 + int(random->bounded(3));
                QList<int> menu = state->kitchen.menuItemIds;
                for (int line = 0; line < lines; ++line) {
                    dishes.append(QString::number(menu.takeAt(random->bounded(int(menu.size())))));
                    quantities.append(QString::number(1 + random->bounded(3)));
                }
                const bool measured = state->sent >= state->warmupTotal;
                if (state->sent == state->warmupTotal)
                    state->measuredFromNs = state->clock.nsecsElapsed();
                const QString user = measured ? state->users.at(state->sent % state->users.size()) : state->warmupUser;
                const QVariantList params { user, state->kitchen.restaurantId,
                    QStringLiteral("%1 Benchmark Road").arg(state->sent + 1), dishes, quantities };
                const qint64 startedNs = state->clock.nsecsElapsed();
                state->pool->exec(InsertOrder, params, ticker, [state, startedNs, measured](const pg::Result &result) {
                    if (!measured)
                        return;
                    ++state->answered;
                    state->lastAnswerNs = state->clock.nsecsElapsed();
                    state->insertMs.append(double(state->lastAnswerNs - startedNs) / 1e6);
                    if (!result.ok() && state->insertErrors++ == 0)
                        state->firstInsertError = result.error().describe();
                    if (state->answered == state->total - state->warmupTotal)
                        state->insertsDoneMs = state->clock.elapsed();
                });
            }
            if (state->sent >= state->total)
                ticker->stop();
        });
        // Polling a count is how the end is detected. It reads every order of the run, so while
        // orders are still being placed it runs once a second (for the progress line), and only
        // then every 100 ms: the benchmark should not compete with what it measures.
        auto polling = std::make_shared<bool>(false);
        auto polls = std::make_shared<int>(0);
        connect(poller, &QTimer::timeout, this, [state, poller, polling, polls, options, finish] {
            if (*polling)
                return;
            *polling = true;
            state->pool->exec(
                QStringLiteral("SELECT count(*) FROM public.orders WHERE user_id = ANY($1) AND status IN ")
                    + TerminalStatuses,
                { state->users }, poller, [state, poller, polling, polls, options, finish](const pg::Result &result) {
                    *polling = false;
                    if (result.ok())
                        state->terminal = result.toInt(0, 0);
                    if (poller->interval() > 100 || ++*polls % 10 == 0)
                        say(tr("%1 s: %2 orders placed, %3 finished")
                                .arg(state->clock.elapsed() / 1000)
                                .arg(state->answered - state->insertErrors)
                                .arg(state->terminal));
                    if (state->insertsDoneMs < 0)
                        return;
                    poller->setInterval(100);
                    if (state->terminal >= state->answered - state->insertErrors)
                        return finish();
                    if (state->clock.elapsed() - state->insertsDoneMs > qint64(options.timeoutSeconds) * 1000) {
                        say(tr("Timed out waiting for %1 orders to finish.")
                                .arg(state->answered - state->insertErrors - state->terminal));
                        finish();
                    }
                });
        });
        ticker->start(1);
        poller->start(1000);
    });

    steps->add([this, state, options](Steps::Next next) {
        const QString sql
            = QLatin1String("SELECT count(*), count(*) FILTER (WHERE status = 'agent_assigned'),"
                            " count(*) FILTER (WHERE status IN ('rejected', 'payment_declined', 'failed')),"
                            " coalesce(extract(epoch FROM max(finished_at) - min(created_at))::float8, 0),")
            + QLatin1String("percentile_cont(0.5) WITHIN GROUP (ORDER BY ")
            + ms(QStringLiteral("agent_assigned_at"), QStringLiteral("created_at"))
            + QLatin1String("), percentile_cont(0.95) WITHIN GROUP (ORDER BY ")
            + ms(QStringLiteral("agent_assigned_at"), QStringLiteral("created_at"))
            + QLatin1String("), percentile_cont(0.99) WITHIN GROUP (ORDER BY ")
            + ms(QStringLiteral("agent_assigned_at"), QStringLiteral("created_at")) + QLatin1String("), max(")
            + ms(QStringLiteral("agent_assigned_at"), QStringLiteral("created_at")) + QLatin1String("), ")
            + median(QStringLiteral("validated_at"), QStringLiteral("created_at")) + QLatin1String(", ")
            + median(QStringLiteral("paid_at"), QStringLiteral("validated_at")) + QLatin1String(", ")
            + median(QStringLiteral("approved_at"), QStringLiteral("paid_at")) + QLatin1String(", ")
            + median(QStringLiteral("agent_assigned_at"), QStringLiteral("approved_at"))
            + QLatin1String(" FROM public.orders WHERE user_id = ANY($1)");
        state->pool->exec(sql, { state->users }, this, [state, options](const pg::Result &result) {
            if (!result.ok()) {
                state->figures.insert(QStringLiteral("error"), result.error().describe());
                return;
            }
            const qint64 placed = result.toInt(0, 0);
            const qint64 completed = result.toInt(0, 1);
            const qint64 failed = result.toInt(0, 2);
            const double seconds = result.toDouble(0, 3);
            const double insertSeconds = double(state->lastAnswerNs - state->measuredFromNs) / 1e9;
            state->figures = QJsonObject { { QStringLiteral("mode"), QStringLiteral("orders") },
                { QStringLiteral("rate"), options.rate }, { QStringLiteral("duration_s"), options.durationSeconds },
                { QStringLiteral("warmup_s"), options.warmupSeconds }, { QStringLiteral("workers"), options.workers },
                { QStringLiteral("placed"), placed }, { QStringLiteral("insert_errors"), state->insertErrors },
                { QStringLiteral("placed_per_s"),
                    rounded(insertSeconds > 0 ? double(state->answered - state->insertErrors) / insertSeconds : 0) },
                { QStringLiteral("insert_p50_ms"), rounded(percentile(state->insertMs, 50), 2) },
                { QStringLiteral("insert_p99_ms"), rounded(percentile(state->insertMs, 99), 2) },
                { QStringLiteral("completed"), completed }, { QStringLiteral("rejected_or_failed"), failed },
                { QStringLiteral("not_completed"), placed - completed },
                { QStringLiteral("throughput_per_s"), rounded(seconds > 0 ? double(completed) / seconds : 0) },
                { QStringLiteral("p50_ms"), rounded(result.toDouble(0, 4)) },
                { QStringLiteral("p95_ms"), rounded(result.toDouble(0, 5)) },
                { QStringLiteral("p99_ms"), rounded(result.toDouble(0, 6)) },
                { QStringLiteral("max_ms"), rounded(result.toDouble(0, 7)) },
                { QStringLiteral("step_p50_ms"),
                    QJsonObject { { QStringLiteral("validate"), rounded(result.toDouble(0, 8)) },
                        { QStringLiteral("payment"), rounded(result.toDouble(0, 9)) },
                        { QStringLiteral("approval"), rounded(result.toDouble(0, 10)) },
                        { QStringLiteral("assignment"), rounded(result.toDouble(0, 11)) } } },
                { QStringLiteral("backlog_at_start"), state->backlog },
                { QStringLiteral("fresh_database"), state->fresh },
                { QStringLiteral("faults_injected"), state->faults } };
            if (!state->firstInsertError.isEmpty())
                say(tr("First failed insert: %1").arg(state->firstInsertError));
        });
        // Why orders did not reach agent_assigned, and how many events (every status change notifies
        // each update trigger) and delivery attempts the workflow needed.
        state->pool->exec(QStringLiteral("SELECT status, coalesce(status_reason, ''), count(*) FROM public.orders"
                                         " WHERE user_id = ANY($1) AND status <> 'agent_assigned'"
                                         " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5"),
            { state->users }, this, [](const pg::Result &result) {
                for (int row = 0; row < result.rowCount(); ++row)
                    say(tr("Not completed: %1 × %2 %3")
                            .arg(result.toInt(row, 2))
                            .arg(result.text(row, 0), result.text(row, 1)));
            });
        state->pool->exec(
            QStringLiteral(
                "SELECT count(*), count(*) FILTER (WHERE e.tries > 1), coalesce(sum(e.tries), 0) FROM trefoil.events e"
                " JOIN public.orders o ON o.id::text = e.data->'new'->>'id'"
                " WHERE o.user_id = ANY($1) AND e.schema_name = 'public' AND e.table_name = 'orders'"),
            { state->users }, this, [state, next](const pg::Result &result) {
                if (result.ok()) {
                    state->figures.insert(QStringLiteral("events"), result.toInt(0, 0));
                    state->figures.insert(QStringLiteral("retried_events"), result.toInt(0, 1));
                    state->figures.insert(QStringLiteral("attempts"), result.toInt(0, 2));
                }
                state->figures.insert(QStringLiteral("rss_mb"), std::round(residentMegabytes()));
                next(state->figures.contains(QLatin1String("error"))
                        ? state->figures.value(QLatin1String("error")).toString()
                        : QString());
            });
    });
    steps->start();
}

} // namespace trefoil::bench
