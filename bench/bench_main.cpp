// trefoil-bench MODE --database-url URL [options]: measures Trefoil against a database and ends
// its output with one JSON line of figures.
#include "bench/benchreport.h"
#include "bench/dashboardbench.h"
#include "bench/eventsbench.h"
#include "bench/graphqlbench.h"
#include "bench/ordersbench.h"
#include "bench/subscriptionsbench.h"
#include "bench/subscriptionsclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <memory>

using namespace trefoil::bench;

namespace {

// Prints the figures (or the error) and leaves the event loop with the exit code.
void finish(const QJsonObject &figures, const QString &error)
{
    if (!error.isEmpty()) {
        say(QStringLiteral("trefoil-bench: ") + error);
        QCoreApplication::exit(1);
        return;
    }
    printFigures(figures);
    QCoreApplication::exit(0);
}

int usageError(const QString &message)
{
    say(QStringLiteral("trefoil-bench: ") + message);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    // The dashboard mode shows the real main window: offscreen unless a platform was chosen.
    bool dashboard = false;
    for (int index = 1; index < argc; ++index)
        dashboard = dashboard || qstrcmp(argv[index], "dashboard") == 0;
    if (dashboard && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> application
        = dashboard ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("trefoil-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Trefoil benchmarks. Modes:\n"
        "  events   event worker drain rates and commit → handler latency\n"
        "           (--events, --concurrency, --rate, --duration, --warmup, --phases)\n"
        "  orders   the order workflow at a steady rate of placed orders\n"
        "           (--rate, default 200; --duration, default 10; --warmup, default 2; --workers; --timeout)\n"
        "  graphql  POST /v1/graphql throughput and latency for three operations\n"
        "           (--connections, --duration, --orders, --warmup, --scenarios)\n"
        "  subscriptions  live queries over loopback WebSockets: update → subscriber latency\n"
        "           (--subscribers, --rate, --duration, --warmup, --max-sockets, --orders-rate, --workers)\n"
        "  dashboard  the main window offscreen, one page shown (--page, default orders), while the\n"
        "           workflow runs (orders' options; --rate default 500): GUI-thread worst/p99 stall and RSS\n"
        "Every figure line says whether the database was new to Trefoil (fresh_database)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"),
        QCoreApplication::translate("main", "events, orders, graphql, subscriptions or dashboard"));
    const QCommandLineOption url(QStringLiteral("database-url"),
        QCoreApplication::translate("main", "Database to measure against (URL or conninfo)."), QStringLiteral("url"));
    const QCommandLineOption events(QStringLiteral("events"),
        QCoreApplication::translate("main", "events: events to drain (default 50000)."), QStringLiteral("n"),
        QStringLiteral("50000"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
        QCoreApplication::translate("main", "events: comma-separated worker concurrencies (default 1,8,32)."),
        QStringLiteral("list"), QStringLiteral("1,8,32"));
    const QCommandLineOption phases(QStringLiteral("phases"),
        QCoreApplication::translate(
            "main", "events: comma-separated phases to run: drain, webhook, latency (default all three)."),
        QStringLiteral("list"), QStringLiteral("drain,webhook,latency"));
    const QCommandLineOption scenarios(QStringLiteral("scenarios"),
        QCoreApplication::translate("main",
            "graphql: comma-separated scenarios to run: user_orders, order_by_pk, insert_order (default all three)."),
        QStringLiteral("list"), QStringLiteral("user_orders,order_by_pk,insert_order"));
    const QCommandLineOption rate(QStringLiteral("rate"),
        QCoreApplication::translate(
            "main", "events, orders: events or orders per second (default 200); subscriptions: updates per second."),
        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QCoreApplication::translate("main", "Seconds of the steady run, or of each graphql scenario (default 10)."),
        QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption workers(QStringLiteral("workers"),
        QCoreApplication::translate("main", "orders: the event worker's built-in concurrency (default 4)."),
        QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QCoreApplication::translate(
            "main", "orders: seconds to wait for unfinished orders after the last is placed (default 60)."),
        QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QCoreApplication::translate("main", "graphql: concurrent keep-alive connections (default 20)."),
        QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption orders(QStringLiteral("orders"),
        QCoreApplication::translate("main", "graphql: orders to seed (default 10000)."), QStringLiteral("n"),
        QStringLiteral("10000"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
        QCoreApplication::translate("main",
            "graphql: unmeasured seconds before each scenario (default 1); events, orders: of the steady run first at "
            "the same rate, unmeasured (default 2)."),
        QStringLiteral("s"));
    const QCommandLineOption subscribers(QStringLiteral("subscribers"),
        QCoreApplication::translate(
            "main", "subscriptions: comma-separated subscriber counts, one run each (default 1,1000,10000)."),
        QStringLiteral("list"), QStringLiteral("1,1000,10000"));
    const QCommandLineOption maxSockets(QStringLiteral("max-sockets"),
        QCoreApplication::translate("main",
            "subscriptions: one socket per subscriber up to this many, then several subscriptions per socket (default "
            "10000)."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption ordersRate(QStringLiteral("orders-rate"),
        QCoreApplication::translate(
            "main", "subscriptions: also run the orders workflow at this many orders per second (default 0: no)."),
        QStringLiteral("n"), QStringLiteral("0"));
    // The subscriptions benchmark's client process (a hidden mode).
    QCommandLineOption clientUrl(QStringLiteral("url"), QString(), QStringLiteral("url"));
    clientUrl.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption idsFile(QStringLiteral("ids-file"), QString(), QStringLiteral("path"));
    idsFile.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption sockets(QStringLiteral("sockets"), QString(), QStringLiteral("n"), QStringLiteral("1"));
    sockets.setFlags(QCommandLineOption::HiddenFromHelp);
    // Each mode has its own default warm-up (its Options); the flag overrides it.
    const auto warmupOr = [&parser, &warmup](int modeDefault) {
        return parser.isSet(warmup) ? parser.value(warmup).toInt() : modeDefault;
    };
    const QCommandLineOption page(QStringLiteral("page"),
        QCoreApplication::translate("main", "dashboard: the page shown (orders, throughput, …; default orders)."),
        QStringLiteral("key"), QStringLiteral("orders"));
    parser.addOptions({ url, events, concurrency, phases, rate, duration, workers, timeout, connections, orders,
        scenarios, warmup, subscribers, maxSockets, ordersRate, clientUrl, idsFile, sockets, page });
    parser.process(app);

    if (parser.positionalArguments().value(0) == QLatin1String("subscriptions-client")) {
        SubscriptionsClient::Options options;
        options.url = QUrl(parser.value(clientUrl));
        options.sockets = parser.value(sockets).toInt();
        QFile ids(parser.value(idsFile));
        if (!ids.open(QIODevice::ReadOnly))
            return usageError(QCoreApplication::translate("main", "cannot read --ids-file"));
        options.orderIds = QString::fromUtf8(ids.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        auto *client = new SubscriptionsClient(options, &app);
        client->run([](int code) { QCoreApplication::exit(code); });
        return app.exec();
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(url)) {
        say(QCoreApplication::translate(
            "main", "usage: trefoil-bench events|orders|graphql|subscriptions|dashboard --database-url URL [options]"));
        return 2;
    }
    const QString mode = positional.constFirst();
    if (mode == QLatin1String("events")) {
        EventsBench::Options options;
        options.conninfo = parser.value(url);
        options.events = parser.value(events).toInt();
        options.concurrencies.clear();
        for (const QString &c : parser.value(concurrency).split(QLatin1Char(',')))
            options.concurrencies.append(c.toInt());
        options.rate = parser.value(rate).toInt();
        options.durationSeconds = parser.value(duration).toInt();
        options.warmupSeconds = warmupOr(options.warmupSeconds);
        const QStringList chosen = parser.value(phases).split(QLatin1Char(','), Qt::SkipEmptyParts);
        options.drain = chosen.contains(QLatin1String("drain"));
        options.webhook = chosen.contains(QLatin1String("webhook"));
        options.latency = chosen.contains(QLatin1String("latency"));
        if (options.events <= 0 || options.rate <= 0 || options.durationSeconds <= 0
            || options.concurrencies.contains(0) || options.warmupSeconds < 0)
            return usageError(QCoreApplication::translate(
                "main", "--events, --rate, --duration and --concurrency must be positive, --warmup not negative"));
        for (const QString &phase : chosen) {
            if (phase != QLatin1String("drain") && phase != QLatin1String("webhook")
                && phase != QLatin1String("latency"))
                return usageError(QCoreApplication::translate("main", "unknown phase '%1'").arg(phase));
        }
        if (chosen.isEmpty())
            return usageError(QCoreApplication::translate("main", "--phases names no phase"));
        auto *bench = new EventsBench(options, &app);
        bench->run(finish);
        return app.exec();
    }
    if (mode == QLatin1String("orders") || mode == QLatin1String("dashboard")) {
        OrdersBench::Options options;
        options.conninfo = parser.value(url);
        options.rate = parser.value(rate).toInt();
        options.durationSeconds = parser.value(duration).toInt();
        options.workers = parser.value(workers).toInt();
        options.timeoutSeconds = parser.value(timeout).toInt();
        options.warmupSeconds = warmupOr(options.warmupSeconds);
        if (options.rate <= 0 || options.durationSeconds <= 0 || options.workers <= 0 || options.timeoutSeconds <= 0
            || options.warmupSeconds < 0)
            return usageError(QCoreApplication::translate(
                "main", "--rate, --duration, --workers and --timeout must be positive, --warmup not negative"));
        if (mode == QLatin1String("dashboard")) {
            if (!parser.isSet(rate))
                options.rate = 500;
            // Not a child of the application: its window must go before QApplication does.
            auto bench = std::make_unique<DashboardBench>(options, parser.value(page));
            bench->run(finish);
            const int code = QCoreApplication::exec();
            bench.reset();
            return code;
        }
        auto *bench = new OrdersBench(options, &app);
        bench->run(finish);
        return app.exec();
    }
    if (mode == QLatin1String("graphql")) {
        GraphqlBench::Options options;
        options.conninfo = parser.value(url);
        options.connections = parser.value(connections).toInt();
        options.durationSeconds = parser.value(duration).toInt();
        options.orders = parser.value(orders).toInt();
        options.warmupSeconds = warmupOr(options.warmupSeconds);
        options.scenarios = parser.value(scenarios).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (options.connections <= 0 || options.durationSeconds <= 0 || options.orders <= 0
            || options.warmupSeconds < 0)
            return usageError(QCoreApplication::translate(
                "main", "--connections, --duration and --orders must be positive, --warmup not negative"));
        for (const QString &name : std::as_const(options.scenarios)) {
            if (!GraphqlBench::scenarioNames().contains(name))
                return usageError(QCoreApplication::translate("main", "unknown scenario '%1'").arg(name));
        }
        if (options.scenarios.isEmpty())
            return usageError(QCoreApplication::translate("main", "--scenarios names no scenario"));
        auto *bench = new GraphqlBench(options, &app);
        bench->run(finish);
        return app.exec();
    }
    if (mode == QLatin1String("subscriptions")) {
        SubscriptionsBench::Options options;
        options.conninfo = parser.value(url);
        options.subscribers.clear();
        for (const QString &n : parser.value(subscribers).split(QLatin1Char(','), Qt::SkipEmptyParts))
            options.subscribers.append(n.toInt());
        options.rate = parser.isSet(rate) ? parser.value(rate).toInt() : options.rate;
        options.durationSeconds = parser.value(duration).toInt();
        options.warmupSeconds = warmupOr(options.warmupSeconds);
        options.maxSockets = parser.value(maxSockets).toInt();
        options.ordersRate = parser.value(ordersRate).toInt();
        options.workers = parser.value(workers).toInt();
        if (options.subscribers.isEmpty() || options.subscribers.contains(0) || options.rate <= 0
            || options.durationSeconds <= 0 || options.maxSockets <= 0 || options.ordersRate < 0 || options.workers <= 0
            || options.warmupSeconds < 0)
            return usageError(QCoreApplication::translate("main",
                "--subscribers, --rate, --duration, --max-sockets and --workers must be positive, --orders-rate and "
                "--warmup not negative"));
        for (const int n : std::as_const(options.subscribers)) {
            if (n < 0 || (n + options.maxSockets - 1) / options.maxSockets > 100)
                return usageError(QCoreApplication::translate("main",
                    "%1 subscribers would need more than 100 subscriptions per socket (the server's limit): raise "
                    "--max-sockets")
                                      .arg(n));
        }
        auto *bench = new SubscriptionsBench(options, &app);
        bench->run(finish);
        return app.exec();
    }
    return usageError(QCoreApplication::translate("main", "unknown mode '%1'").arg(mode));
}
