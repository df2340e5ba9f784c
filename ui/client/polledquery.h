#pragma once

#include "ui/client/graphqlrequest.h"
#include "ui/client/graphqlresult.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace trefoil::ui {

class GraphqlWsClient;

// A query asked again every interval while started — statistics that a live query cannot follow
// cheaply (rates over a window). At most one is in flight: a slow answer is not overtaken by a
// pile of new questions. Stopping drops the answer still on its way.
class PolledQuery final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolledQuery)

public:
    PolledQuery(GraphqlWsClient *client, GraphqlRequest request, int intervalMs, QObject *parent = nullptr);

    bool isActive() const { return m_timer.isActive(); }

public Q_SLOTS:
    // Asks now, then every interval.
    void start();
    void stop();
    // Asks now (after a mutation, to show its effect without waiting for the next tick).
    void refresh();

Q_SIGNALS:
    void resultReceived(const trefoil::ui::GraphqlResult &result);

private:
    QPointer<GraphqlWsClient> m_client;
    GraphqlRequest m_request;
    QTimer m_timer;
    quint64 m_generation = 0; // bumped by stop(): answers of an older generation are dropped
    bool m_inFlight = false;
    bool m_again = false; // refresh() while one was in flight: ask once more when it answers
};

} // namespace trefoil::ui
