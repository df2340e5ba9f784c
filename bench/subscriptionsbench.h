#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

namespace trefoil::bench {

// `trefoil-bench subscriptions`: an in-process Backend serves live queries over loopback
// WebSockets to a client process of its own (this program in its hidden `subscriptions-client`
// mode); for each subscriber count, every subscriber watches one order of its own with the same
// query shape, and a plain libpq connection on a thread of its own updates random orders at a
// steady rate. Measures commit → receipt latency, the server's RSS and CPU, and the live-query
// hub's statements per refresh and pushes; optionally while the orders workflow runs
// (`--orders-rate`), whose figures it reports too.
class SubscriptionsBench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionsBench)

public:
    struct Options {
        QString conninfo;
        QList<int> subscribers { 1, 1000, 10000 }; // one run each, in this order
        int rate = 100; // updates per second
        int durationSeconds = 10; // of measured updates per run
        int warmupSeconds = 1; // of updates at the same rate first, not measured
        int maxSockets = 10000; // beyond, several subscriptions share a socket
        int ordersRate = 0; // > 0: the orders workflow runs at this rate during each run
        int workers = 4; // the event worker's concurrency, with --orders-rate
    };

    explicit SubscriptionsBench(Options options, QObject *parent = nullptr);
    void run(std::function<void(const QJsonObject &figures, const QString &error)> done);

private:
    Options m_options;
};

} // namespace trefoil::bench
