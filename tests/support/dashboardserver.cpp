#include "tests/support/dashboardserver.h"

#include "tests/support/pgtestcluster.h"
#include "ui/client/graphqldocuments.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <optional>

namespace trefoil::test {

const QString DashboardServer::Secret = QStringLiteral("dashboard-test-secret");

DashboardServer::DashboardServer(QString trefoildPath, QString databaseName, QStringList extraArguments)
    : m_trefoildPath(std::move(trefoildPath))
    , m_databaseName(std::move(databaseName))
    , m_extraArguments(std::move(extraArguments))
{
}

DashboardServer::~DashboardServer()
{
    m_client.reset(); // before the server, so it closes rather than reconnects
    m_process.reset();
}

QString DashboardServer::start()
{
    PgTestCluster &cluster = PgTestCluster::shared();
    if (!cluster.isValid())
        return cluster.errorString();
    m_conninfo = cluster.createDatabase(m_databaseName);
    if (m_conninfo.isEmpty())
        return cluster.errorString();
    m_process = std::make_unique<TrefoildProcess>(m_trefoildPath,
        QStringList { QStringLiteral("--database-url"), m_conninfo, QStringLiteral("--admin-secret"), Secret }
            + m_extraArguments);
    if (QString failure = m_process->start(); !failure.isEmpty())
        return failure;
    m_client = std::make_unique<ui::GraphqlWsClient>();
    m_client->setEndpoint({ m_process->url(), Secret });
    m_client->open();
    QDeadlineTimer deadline(30000);
    while (m_client->state().kind != ui::ConnectionState::Kind::Connected && !deadline.hasExpired())
        QTest::qWait(10);
    if (m_client->state().kind != ui::ConnectionState::Kind::Connected)
        return QStringLiteral("the client did not connect: %1").arg(m_client->state().message);
    return {};
}

ui::GraphqlResult DashboardServer::run(const ui::GraphqlRequest &request) const
{
    std::optional<ui::GraphqlResult> result;
    QObject context;
    m_client->execute(request, &context, [&result](const ui::GraphqlResult &r) { result = r; });
    QDeadlineTimer deadline(30000);
    while (!result && !deadline.hasExpired())
        QTest::qWait(5);
    return result.value_or(ui::GraphqlResult::transportFailure(QStringLiteral("test: no result in 30 s")));
}

QString DashboardServer::sql(const QString &statement) const
{
    QString error;
    PgTestCluster::psql(m_conninfo, statement, &error);
    return error;
}

QString DashboardServer::psql(const QString &statement, QString *error) const
{
    return PgTestCluster::psql(m_conninfo, statement, error).trimmed();
}

QString DashboardServer::placeOrder(int restaurant, int menuItem, const QString &user, int quantity) const
{
    const ui::GraphqlResult placed = run(ui::GraphqlDocuments::request(ui::GraphqlDocuments::PlaceOrder,
        { { QStringLiteral("user_id"), user }, { QStringLiteral("restaurant_id"), restaurant },
            { QStringLiteral("address"), QStringLiteral("1 Test Street") },
            { QStringLiteral("items"),
                QJsonArray { QJsonObject {
                    { QStringLiteral("menu_item_id"), menuItem }, { QStringLiteral("quantity"), quantity } } } } }));
    if (!placed.isOk())
        qWarning("placing an order failed: %s", qPrintable(describe(placed)));
    return placed.data.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("id")).toString();
}

QString DashboardServer::orderStatus(const QString &orderId) const
{
    return run({ QStringLiteral("query ($id: uuid!) { orders_by_pk(id: $id) { status } }"),
                   { { QStringLiteral("id"), orderId } }, {} })
        .data.value(QStringLiteral("orders_by_pk"))
        .toObject()
        .value(QStringLiteral("status"))
        .toString();
}

QString DashboardServer::describe(const ui::GraphqlResult &result)
{
    return result.isOk() ? QString::fromUtf8(QJsonDocument(result.data).toJson(QJsonDocument::Compact))
                         : result.errorString();
}

} // namespace trefoil::test
