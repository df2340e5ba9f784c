#pragma once

#include "tests/support/trefoildprocess.h"
#include "ui/client/graphqlresult.h"
#include "ui/client/graphqlwsclient.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace trefoil::test {

// What every dashboard test stands on: a database of its own on the test cluster, a real trefoild
// (with its event worker and the demo) serving it, and a GraphqlWsClient connected to that server
// with the admin secret — plus the few things the tests do through it. The UI is tested as it runs:
// through the API, never against the backend's objects.
class DashboardServer {
public:
    static const QString Secret;

    // Nothing starts until start(); `trefoildPath` is the built server (TREFOILD_PATH),
    // `extraArguments` go to it after the database and secret (e.g. --no-demo).
    DashboardServer(QString trefoildPath, QString databaseName, QStringList extraArguments = {});
    ~DashboardServer();
    DashboardServer(const DashboardServer &) = delete;
    DashboardServer &operator=(const DashboardServer &) = delete;

    // Creates the database, starts the server and connects the client. Empty, or what went wrong.
    QString start();

    ui::GraphqlWsClient *client() const { return m_client.get(); }
    TrefoildProcess *process() const { return m_process.get(); }
    QString conninfo() const { return m_conninfo; }

    // Runs one operation and waits for its result (a transport failure after 30 s).
    ui::GraphqlResult run(const ui::GraphqlRequest &request) const;
    // Runs SQL through psql as the database's owner; the error text, or empty.
    QString sql(const QString &statement) const;
    // The same, for the output (trimmed); the error goes to `error`.
    QString psql(const QString &statement, QString *error) const;
    // Places an order of `quantity` × one menu item through the Place order mutation; its id, or
    // empty (with the error as a test warning).
    QString placeOrder(
        int restaurant, int menuItem, const QString &user = QStringLiteral("dashboard-test"), int quantity = 1) const;
    // The order's status as the API reports it now.
    QString orderStatus(const QString &orderId) const;

    // A result as text for failure messages: its data, or its errors.
    static QString describe(const ui::GraphqlResult &result);

private:
    QString m_trefoildPath;
    QString m_databaseName;
    QStringList m_extraArguments;
    QString m_conninfo;
    std::unique_ptr<TrefoildProcess> m_process;
    std::unique_ptr<ui::GraphqlWsClient> m_client;
};

} // namespace trefoil::test
