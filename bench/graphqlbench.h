#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace trefoil::bench {

// `trefoil-bench graphql`: seeds orders, starts an in-process Backend (API only, no worker) and
// drives POST /v1/graphql over keep-alive HTTP/1.1 connections from a client thread, measuring
// requests per second and latency for a user's newest orders, an order by key and an order insert.
class GraphqlBench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphqlBench)

public:
    struct Options {
        QString conninfo;
        int connections = 20;
        int durationSeconds = 10; // per scenario, after the warm-up
        int warmupSeconds = 1; // per scenario, not measured
        int orders = 10000; // seeded, three items each, across 100 users
        QStringList scenarios = scenarioNames(); // which to run, in the order of scenarioNames()
    };

    static QStringList scenarioNames();

    explicit GraphqlBench(Options options, QObject *parent = nullptr);
    void run(std::function<void(const QJsonObject &figures, const QString &error)> done);

private:
    Options m_options;
};

} // namespace trefoil::bench
