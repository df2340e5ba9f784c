#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace trefoil::bench {

// `trefoil-bench events`: drains pending events with a no-op built-in handler at several
// concurrencies, drains again through a local webhook, and measures commit → handler start
// latency at a steady rate; each of the three phases can be run alone.
class EventsBench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsBench)

public:
    struct Options {
        QString conninfo;
        int events = 50000;
        QList<int> concurrencies = { 1, 8, 32 };
        int batchSize = 500;
        int webhookEvents = 5000;
        int rate = 200; // events per second for the latency run
        int durationSeconds = 10;
        int warmupSeconds = 2; // of the latency run, at the same rate, not measured
        bool drain = true; // the no-op drains, one per concurrency
        bool webhook = true; // the webhook drain
        bool latency = true; // the steady-rate latency run
    };

    EventsBench(Options options, QObject *parent = nullptr);
    void run(std::function<void(const QJsonObject &figures, const QString &error)> done);

private:
    Options m_options;
};

} // namespace trefoil::bench
