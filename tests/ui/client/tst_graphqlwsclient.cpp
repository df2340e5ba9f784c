// GraphqlWsClient against the real trefoild (a child process on the test cluster's database, on a
// fixed port so it can be killed and started again): queries, mutations and GraphQL errors as
// values; a wrong secret fails with a message that says so; subscriptions get results; a stopped
// server is noticed by the keep-alive; a killed server fails the operation in flight, the client
// retries with growing delays, and after the restart it is connected and subscribed again.
#include "tests/support/pgtestcluster.h"
#include "tests/support/trefoildprocess.h"
#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <memory>
#include <optional>

using namespace trefoil::ui;
using trefoil::test::PgTestCluster;
using trefoil::test::TrefoildProcess;

namespace {

const QString Secret = QStringLiteral("uiclient-test-secret");

GraphqlRequest placeOrderRequest(const QString &user)
{
    return GraphqlDocuments::request(GraphqlDocuments::PlaceOrder,
        { { QStringLiteral("user_id"), user }, { QStringLiteral("restaurant_id"), 1 },
            { QStringLiteral("address"), QStringLiteral("1 Test Street") },
            { QStringLiteral("items"),
                QJsonArray {
                    QJsonObject { { QStringLiteral("menu_item_id"), 1 }, { QStringLiteral("quantity"), 2 } } } } });
}

GraphqlRequest ordersRequest(int limit = 20)
{
    // The Orders page's document with no filter: the newest `limit` orders.
    return GraphqlDocuments::request(GraphqlDocuments::OrdersPage,
        { { QStringLiteral("where"), QJsonObject {} },
            { QStringLiteral("order_by"),
                QJsonArray { QJsonObject { { QStringLiteral("created_at"), QStringLiteral("desc") } } } },
            { QStringLiteral("limit"), limit }, { QStringLiteral("offset"), 0 } });
}

// The ids in an Orders result.
QStringList orderIds(const GraphqlResult &result)
{
    QStringList ids;
    for (const QJsonValue order : result.data.value(QStringLiteral("orders")).toArray())
        ids << order.toObject().value(QStringLiteral("id")).toString();
    return ids;
}

// The first failure's message (QVERIFY2 evaluates its message even when the check passes).
QString firstError(const QSignalSpy &failures)
{
    return failures.isEmpty() ? QString() : failures.first().first().value<GraphqlResult>().errorString();
}

} // namespace

class TestGraphqlWsClient : public QObject {
    Q_OBJECT

    QString m_conninfo;
    std::unique_ptr<TrefoildProcess> m_server;

    GraphqlEndpoint endpoint(const QString &secret = Secret) const { return { m_server->url(), secret }; }

    // Starts trefoild (again, on the same port) and waits until it is ready.
    void startServer()
    {
        const QString failure = m_server->start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void killServer() { m_server->kill(); }

    void signalServer(int signal) { QCOMPARE(::kill(static_cast<pid_t>(m_server->processId()), signal), 0); }

    // Runs `request` and waits for its result.
    static GraphqlResult run(GraphqlWsClient &client, const GraphqlRequest &request, int timeoutMs = 30000)
    {
        std::optional<GraphqlResult> result;
        QObject context;
        client.execute(request, &context, [&result](const GraphqlResult &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), timeoutMs); }();
        return result.value_or(GraphqlResult::transportFailure(QStringLiteral("test: no result in time")));
    }

    static QString describe(const GraphqlResult &result)
    {
        return result.isOk() ? QString::fromUtf8(QJsonDocument(result.data).toJson(QJsonDocument::Compact))
                             : result.errorString();
    }

    static GraphqlWsClientOptions fastOptions()
    {
        GraphqlWsClientOptions options;
        options.initialReconnectDelayMs = 100;
        options.maxReconnectDelayMs = 800;
        options.connectionAckTimeoutMs = 3000;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        PgTestCluster &cluster = PgTestCluster::shared();
        QVERIFY2(cluster.isValid(), qPrintable(cluster.errorString()));
        m_conninfo = cluster.createDatabase(QStringLiteral("uiclient"));
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(cluster.errorString()));
        // A port nobody uses now; the server is started on it again after being killed.
        m_server = std::make_unique<TrefoildProcess>(QStringLiteral(TREFOILD_PATH),
            QStringList { QStringLiteral("--database-url"), m_conninfo, QStringLiteral("--admin-secret"), Secret,
                QStringLiteral("--worker-concurrency"), QStringLiteral("0") });
        startServer();
    }

    void cleanupTestCase() { killServer(); }

    void init()
    {
        if (!m_server->isRunning())
            startServer();
    }

    void queryMutationAndErrorsAreValues()
    {
        GraphqlWsClient client;
        QSignalSpy states(&client, &GraphqlWsClient::stateChanged);
        client.setEndpoint(endpoint());
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);
        QCOMPARE(states.first().first().value<ConnectionState>().kind, ConnectionState::Kind::Connecting);

        const GraphqlResult restaurants = run(
            client, { QStringLiteral("query { restaurants(order_by: {id: asc}) { id name payment_mode } }"), {}, {} });
        QVERIFY2(restaurants.isOk(), qPrintable(describe(restaurants)));
        const QJsonArray list = restaurants.data.value(QStringLiteral("restaurants")).toArray();
        QCOMPARE(list.size(), 5);
        QCOMPARE(list.at(2).toObject().value(QStringLiteral("payment_mode")).toString(), QStringLiteral("manual"));

        const GraphqlResult placed = run(client, placeOrderRequest(QStringLiteral("query-test")));
        QVERIFY2(placed.isOk(), qPrintable(describe(placed)));
        const QJsonObject order = placed.data.value(QStringLiteral("insert_orders_one")).toObject();
        const QString id = order.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(order.value(QStringLiteral("status")).toString(), QStringLiteral("placed"));

        const GraphqlResult read = run(client,
            { QStringLiteral("query($id: uuid!) { orders_by_pk(id: $id) { user_id items { quantity } } }"),
                { { QStringLiteral("id"), id } }, {} });
        QVERIFY2(read.isOk(), qPrintable(describe(read)));
        const QJsonObject readOrder = read.data.value(QStringLiteral("orders_by_pk")).toObject();
        QCOMPARE(readOrder.value(QStringLiteral("user_id")).toString(), QStringLiteral("query-test"));
        QCOMPARE(readOrder.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("quantity")),
            QJsonValue(2));

        // A document that does not validate: GraphQL errors, not a transport error.
        const GraphqlResult invalid = run(client, { QStringLiteral("query { no_such_field }"), {}, {} });
        QVERIFY(!invalid.isOk());
        QVERIFY(!invalid.isTransportError());
        QVERIFY2(invalid.errorString().contains(QLatin1StringView("no_such_field")), qPrintable(invalid.errorString()));

        // Several at once, answered each to its own callback.
        std::optional<GraphqlResult> a;
        std::optional<GraphqlResult> b;
        client.execute({ QStringLiteral("{ restaurants_by_pk(id: 1) { name } }"), {}, {} }, this,
            [&a](const GraphqlResult &r) { a = r; });
        client.execute({ QStringLiteral("{ restaurants_by_pk(id: 2) { name } }"), {}, {} }, this,
            [&b](const GraphqlResult &r) { b = r; });
        QTRY_VERIFY(a && b);
        QCOMPARE(a->data.value(QStringLiteral("restaurants_by_pk")).toObject().value(QStringLiteral("name")),
            QJsonValue(QStringLiteral("Trattoria Roma")));
        QCOMPARE(b->data.value(QStringLiteral("restaurants_by_pk")).toObject().value(QStringLiteral("name")),
            QJsonValue(QStringLiteral("Sakura Sushi")));

        client.close();
        QCOMPARE(client.state().kind, ConnectionState::Kind::Disconnected);
    }

    void operationsWaitForTheConnection()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        client.open();
        // Sent before connection_ack: it waits and runs once connected.
        const GraphqlResult result = run(client, { QStringLiteral("{ restaurants_by_pk(id: 4) { name } }"), {}, {} });
        QVERIFY2(result.isOk(), qPrintable(describe(result)));
        QCOMPARE(client.state().kind, ConnectionState::Kind::Connected);
    }

    void wrongSecretFailsAndSaysSo()
    {
        GraphqlWsClient client(fastOptions());
        QSignalSpy states(&client, &GraphqlWsClient::stateChanged);
        client.setEndpoint(endpoint(QStringLiteral("not-the-secret")));
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Failed, 30000);
        QVERIFY2(
            client.state().message.contains(QLatin1StringView("admin secret")), qPrintable(client.state().message));
        QVERIFY(!client.state().message.contains(QLatin1StringView("not-the-secret")));
        // Retrying cannot help, so it does not: no Reconnecting on the way.
        for (const QList<QVariant> &state : std::as_const(states))
            QVERIFY(state.first().value<ConnectionState>().kind != ConnectionState::Kind::Reconnecting);

        const GraphqlResult result = run(client, { QStringLiteral("{ restaurants { id } }"), {}, {} });
        QVERIFY(result.isTransportError());
        QVERIFY2(result.errorString().contains(QLatin1StringView("admin secret")), qPrintable(result.errorString()));
    }

    void subscriptionGetsResults()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        client.open();
        QObject owner;
        Subscription *orders = client.subscribe(ordersRequest(), &owner);
        QSignalSpy results(orders, &Subscription::resultReceived);
        QSignalSpy failures(orders, &Subscription::failed);
        orders->start();
        QVERIFY(orders->isActive());
        // A live query answers with the current result first.
        QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty() || !failures.isEmpty(), 30000);
        QVERIFY2(failures.isEmpty(), qPrintable(firstError(failures)));
        QVERIFY(results.last().first().value<GraphqlResult>().data.contains(QStringLiteral("orders")));

        const GraphqlResult placed = run(client, placeOrderRequest(QStringLiteral("subscription-test")));
        QVERIFY2(placed.isOk(), qPrintable(describe(placed)));
        const QString id
            = placed.data.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(orderIds(results.last().first().value<GraphqlResult>()).contains(id), 30000);

        // Stopped: complete is sent and nothing more arrives.
        orders->stop();
        QVERIFY(!orders->isActive());
        const qsizetype received = results.size();
        QVERIFY(run(client, placeOrderRequest(QStringLiteral("after-stop"))).isOk());
        // A query after the mutation has its answer after any result the server would still have
        // sent for the stopped subscription on this connection.
        QVERIFY(run(client, ordersRequest()).isOk());
        QCOMPARE(results.size(), received);
    }

    void keepAliveNoticesAStoppedServer()
    {
        GraphqlWsClientOptions options = fastOptions();
        options.keepAliveIdleMs = 300;
        options.pongTimeoutMs = 500;
        GraphqlWsClient client(options);
        client.setEndpoint(endpoint());
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);
        signalServer(SIGSTOP);
        const auto resume = qScopeGuard([this] { signalServer(SIGCONT); });
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Reconnecting, 10000);
        QVERIFY2(client.state().message.contains(QLatin1StringView("ping")), qPrintable(client.state().message));
        signalServer(SIGCONT);
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);
        QVERIFY(run(client, { QStringLiteral("{ restaurants_by_pk(id: 1) { id } }"), {}, {} }).isOk());
    }

    void reconnectsAfterTheServerIsKilledAndRestarted()
    {
        GraphqlWsClient client(fastOptions());
        client.setEndpoint(endpoint());
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);

        // An operation in flight when the connection drops fails, and says why: the server is
        // stopped, so the query is sent and cannot be answered before the kill.
        signalServer(SIGSTOP);
        std::optional<GraphqlResult> inFlight;
        client.execute(placeOrderRequest(QStringLiteral("in-flight")), this,
            [&inFlight](const GraphqlResult &r) { inFlight = r; });
        QList<ConnectionState> states;
        QList<QDateTime> seenAt;
        connect(&client, &GraphqlWsClient::stateChanged, this, [&](const ConnectionState &state) {
            states << state;
            seenAt << QDateTime::currentDateTimeUtc();
        });
        killServer();
        QTRY_VERIFY_WITH_TIMEOUT(inFlight.has_value(), 10000);
        QVERIFY(inFlight->isTransportError());
        QVERIFY2(inFlight->errorString().contains(QLatin1StringView("not known whether")),
            qPrintable(inFlight->errorString()));

        // While the server is down: Reconnecting, attempt after attempt, the delays growing to the cap.
        const auto reconnecting = [&states] {
            return std::count_if(states.cbegin(), states.cend(),
                [](const ConnectionState &s) { return s.kind == ConnectionState::Kind::Reconnecting; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(reconnecting() >= 5, 20000);
        int expectedAttempt = 1;
        for (int i = 0; i < states.size(); ++i) {
            if (states.at(i).kind != ConnectionState::Kind::Reconnecting)
                continue;
            QCOMPARE(states.at(i).attempt, expectedAttempt);
            const ReconnectBackoff steps(100, 800, 0);
            const qint64 delay = seenAt.at(i).msecsTo(states.at(i).nextAttempt);
            const int step = steps.stepMs(expectedAttempt - 1);
            QVERIFY2(delay >= step / 2 - 20 && delay <= step,
                qPrintable(
                    QStringLiteral("attempt %1: %2 ms for a step of %3").arg(expectedAttempt).arg(delay).arg(step)));
            QVERIFY(!states.at(i).message.isEmpty());
            ++expectedAttempt;
        }

        startServer();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);
        const GraphqlResult after = run(client, { QStringLiteral("{ restaurants_by_pk(id: 1) { name } }"), {}, {} });
        QVERIFY2(after.isOk(), qPrintable(describe(after)));
    }

    void subscriptionResumesAfterTheServerIsRestarted()
    {
        GraphqlWsClient client(fastOptions());
        client.setEndpoint(endpoint());
        client.open();
        QObject owner;
        Subscription *orders = client.subscribe(ordersRequest(), &owner);
        QSignalSpy results(orders, &Subscription::resultReceived);
        QSignalSpy failures(orders, &Subscription::failed);
        orders->start();
        QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty() || !failures.isEmpty(), 30000);
        QVERIFY2(failures.isEmpty(), qPrintable(firstError(failures)));

        killServer();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Reconnecting, 10000);
        QVERIFY(orders->isActive()); // it waits for the connection, it is not over
        // An order placed while the client is away (straight into the database).
        QString error;
        const QString id = PgTestCluster::psql(m_conninfo,
            QStringLiteral("INSERT INTO public.orders (user_id, restaurant_id, address) "
                           "VALUES ('during-the-gap', 2, 'x') RETURNING id"),
            &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        results.clear();

        startServer();
        QTRY_COMPARE_WITH_TIMEOUT(client.state().kind, ConnectionState::Kind::Connected, 30000);
        // Subscribed again: the current result, with what happened during the gap, arrives first.
        QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty() || !failures.isEmpty(), 30000);
        QVERIFY2(failures.isEmpty(), qPrintable(firstError(failures)));
        QVERIFY(orderIds(results.first().first().value<GraphqlResult>()).contains(id));

        // And it goes on delivering.
        const GraphqlResult placed = run(client, placeOrderRequest(QStringLiteral("after-restart")));
        QVERIFY2(placed.isOk(), qPrintable(describe(placed)));
        const QString next
            = placed.data.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(orderIds(results.last().first().value<GraphqlResult>()).contains(next), 30000);
    }
};

QTEST_GUILESS_MAIN(TestGraphqlWsClient)
#include "tst_graphqlwsclient.moc"
