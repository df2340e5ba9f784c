#pragma once

#include "ui/client/graphqlrequest.h"
#include "ui/client/graphqlresult.h"

#include <QObject>
#include <QPointer>

namespace trefoil::ui {

class GraphqlWsClient;

// A handle on one GraphQL subscription of a GraphqlWsClient. Started, it stays subscribed across
// reconnects: the client subscribes again after each one, and a live query answers with its
// current result first, so what changed during the gap arrives as the next result. Stopping sends
// complete; destroying the handle stops it.
class Subscription final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Subscription)

public:
    ~Subscription() override;

    const GraphqlRequest &request() const { return m_request; }
    // The variables of the next subscribe, not of the running one: a stream moves its cursor
    // forward as batches arrive, so that the subscribe after a reconnect continues where it left off.
    void setVariables(const QJsonObject &variables) { m_request.variables = variables; }
    // Started and not stopped, nor ended by the server (completed or failed).
    bool isActive() const { return m_active; }

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    // One result (a `next` message): data, maybe with GraphQL errors of some fields.
    void resultReceived(const trefoil::ui::GraphqlResult &result);
    // The server refused or ended the subscription with errors; it is no longer active.
    void failed(const trefoil::ui::GraphqlResult &error);
    // The server ended the subscription normally; it is no longer active.
    void completed();

private:
    friend class GraphqlWsClient;
    Subscription(GraphqlWsClient *client, GraphqlRequest request, QObject *parent);

    QPointer<GraphqlWsClient> m_client;
    GraphqlRequest m_request;
    QString m_id; // the operation id on the current connection; empty when not sent on it
    bool m_active = false;
};

} // namespace trefoil::ui
