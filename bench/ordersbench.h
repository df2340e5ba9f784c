#pragma once

#include "core/config/config.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

namespace trefoil {
class Backend;
}

namespace trefoil::bench {

// The benchmarks' own restaurant: open, paid automatically, no preparation delay, four dishes.
// Created once per database and reset at every run, so the demo's restaurants stay as they are.
struct BenchKitchen {
    int restaurantId = 0;
    QList<int> menuItemIds;
    QList<double> prices; // of menuItemIds, same order
};

// Prepares (finds or creates) the bench kitchen on the database at conninfo.
void prepareKitchen(const QString &conninfo, QObject *context,
    std::function<void(const BenchKitchen &kitchen, const QString &error)> done);

// Starts a Backend in this process (migrations included) and calls `done` once it is ready, or
// with the error; its progress lines go to stderr. The Backend is a child of `parent`.
Backend *startBackend(Config config, QObject *parent, std::function<void(const QString &error)> done);

// `trefoil-bench orders`: places orders with their items at a steady rate against an in-process
// Backend running the real order workflow, waits until each order is finished, and measures
// completed orders per second and placed → agent_assigned latency from the orders' timestamps.
class OrdersBench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersBench)

public:
    struct Options {
        QString conninfo;
        int rate = 200; // orders per second
        int durationSeconds = 10; // of placing measured orders
        int warmupSeconds = 2; // of placing orders at the same rate first, not measured
        int workers = 4; // the event worker's built-in concurrency
        int timeoutSeconds = 60; // to wait for unfinished orders after the last one is placed
        // A backend already running (with its worker) to measure instead of starting one; it is
        // left running. `workers` is then only reported.
        Backend *backend = nullptr;
        QString adminSecret; // of the backend's API (the dashboard bench connects a window to it)
        // Called once the backend serves, with its API port, before the orders start.
        std::function<void(quint16 port)> backendReady;
    };

    explicit OrdersBench(Options options, QObject *parent = nullptr);
    void run(std::function<void(const QJsonObject &figures, const QString &error)> done);

private:
    Options m_options;
};

} // namespace trefoil::bench
