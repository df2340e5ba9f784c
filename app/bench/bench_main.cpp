// trefoil-bench MODE --database-url URL [options]: measures Trefoil against a database and ends
// its output with one JSON line of figures.
#include "app/bench/benchreport.h"
#include "app/bench/eventsbench.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace trefoil::bench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trefoil-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Trefoil benchmarks. Modes: events."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QCoreApplication::translate("main", "events"));
    const QCommandLineOption url(QStringLiteral("database-url"), QCoreApplication::translate("main", "Database to measure against."), QStringLiteral("url"));
    const QCommandLineOption events(QStringLiteral("events"), QCoreApplication::translate("main", "Events to drain (default 50000)."), QStringLiteral("n"), QStringLiteral("50000"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QCoreApplication::translate("main", "Comma-separated worker concurrencies (default 1,8,32)."), QStringLiteral("list"), QStringLiteral("1,8,32"));
    const QCommandLineOption rate(QStringLiteral("rate"), QCoreApplication::translate("main", "Events per second for the latency run (default 200)."), QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption duration(QStringLiteral("duration"), QCoreApplication::translate("main", "Seconds of the latency run (default 10)."), QStringLiteral("s"), QStringLiteral("10"));
    parser.addOptions({url, events, concurrency, rate, duration});
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(url)) {
        say(QCoreApplication::translate("main", "usage: trefoil-bench events --database-url URL [options]"));
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
        if (options.events <= 0 || options.rate <= 0 || options.durationSeconds <= 0 || options.concurrencies.contains(0)) {
            say(QCoreApplication::translate("main", "trefoil-bench: --events, --rate, --duration and --concurrency must be positive"));
            return 2;
        }
        auto *bench = new EventsBench(options, &app);
        bench->run([](const QJsonObject &figures, const QString &error) {
            if (!error.isEmpty()) {
                say(QStringLiteral("trefoil-bench: ") + error);
                QCoreApplication::exit(1);
                return;
            }
            printFigures(figures);
            QCoreApplication::exit(0);
        });
        return app.exec();
    }
    say(QCoreApplication::translate("main", "trefoil-bench: unknown mode '%1'").arg(mode));
    return 2;
}
