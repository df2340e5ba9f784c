// The client's subscriptions against the real WebSocket transport (ApiServer + GraphqlWebSocket,
// in process) with a transport double for graphql::Subscriptions that the test drives: results
// arrive, stop and destroying a handle end the operation on the server, the server's error and
// complete end the handle, and after the server drops every connection the client subscribes
// again by itself. (tst_graphqlwsclient runs the same against the live-query machinery of a real
// trefoild.)
#include "backend/graphql/subscriptions.h"
#include "backend/server/apiserver.h"
#include "backend/server/graphqlwebsocket.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <map>
#include <memory>

using namespace trefoil;
using namespace trefoil::ui;

namespace {

const QString Secret = QStringLiteral("subscriptions-secret");
const QString LiveQuery = QStringLiteral("subscription { restaurants { id } }");

QByteArray resultWith(int n)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("data"), QJsonObject { { QStringLiteral("n"), n } } } })
        .toJson(QJsonDocument::Compact);
}

// Records the operations the transport starts; the test calls their sinks.
class RecordingSubscriptions final : public graphql::Subscriptions {
public:
    struct Started {
        QJsonObject request;
        graphql::SubscriptionSink sink;
        bool stopped = false;
    };
    std::map<Token, Started> started;
    Token nextToken = 1;

    Token start(const QJsonObject &request, const QString &, graphql::SubscriptionSink sink) override
    {
        const Token token = nextToken++;
        started[token] = Started { request, std::move(sink), false };
        return token;
    }
    void stop(Token token) override
    {
        if (auto it = started.find(token); it != started.end())
            it->second.stopped = true;
    }
    Started &last() { return started.rbegin()->second; }
    int running() const
    {
        int n = 0;
        for (const auto &[token, s] : started)
            n += s.stopped ? 0 : 1;
        return n;
    }
};

} // namespace

class TestGraphqlWsClientSubscriptions : public QObject {
    Q_OBJECT

    std::unique_ptr<server::ApiServer> m_server;
    server::GraphqlWebSocket *m_webSocket = nullptr;
    RecordingSubscriptions m_subscriptions;

    GraphqlEndpoint endpoint() const
    {
        return { QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())), Secret };
    }

    static GraphqlWsClientOptions fastOptions()
    {
        GraphqlWsClientOptions options;
        options.initialReconnectDelayMs = 50;
        options.maxReconnectDelayMs = 400;
        return options;
    }

    static int lastN(const QSignalSpy &results)
    {
        return results.last().first().value<GraphqlResult>().data.value(QStringLiteral("n")).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_subscriptions = RecordingSubscriptions();
        server::ServerOptions options;
        options.port = 0;
        options.adminSecret = Secret;
        m_server = std::make_unique<server::ApiServer>(options);
        m_webSocket = new server::GraphqlWebSocket(
            {}, m_server->adminSecret(),
            [](const QJsonObject &, const graphql::RequestSession &, QObject *, std::function<void(QByteArray)> done) {
                done(QByteArrayLiteral("{\"data\":{\"answered\":true}}"));
            },
            m_server.get());
        m_webSocket->setSubscriptions(&m_subscriptions);
        m_server->setWebSocketHandler(
            QStringLiteral("/v1/graphql"), [this](QWebSocket *socket) { m_webSocket->accept(socket); });
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_webSocket->closeAll();
        m_server.reset();
    }

    void resultsArriveAndStopEndsTheOperation()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        QObject owner;
        Subscription *subscription
            = client.subscribe({ LiveQuery, { { QStringLiteral("limit"), 5 } }, QStringLiteral("") }, &owner);
        QSignalSpy results(subscription, &Subscription::resultReceived);
        subscription->start(); // before the connection: sent once acknowledged
        client.open();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        QCOMPARE(m_subscriptions.last().request.value(QStringLiteral("query")).toString(), LiveQuery);
        QCOMPARE(
            m_subscriptions.last().request.value(QStringLiteral("variables")).toObject().value(QStringLiteral("limit")),
            QJsonValue(5));

        m_subscriptions.last().sink.next(resultWith(1));
        m_subscriptions.last().sink.next(resultWith(2));
        QTRY_COMPARE(results.size(), 2);
        QCOMPARE(lastN(results), 2);

        subscription->stop();
        QVERIFY(!subscription->isActive());
        QTRY_COMPARE(m_subscriptions.running(), 0); // complete reached the server

        // Started again: a new operation on the server.
        subscription->start();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        QCOMPARE(m_subscriptions.started.size(), size_t(2));
    }

    void destroyingTheHandleStopsIt()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        client.open();
        auto owner = std::make_unique<QObject>();
        client.subscribe({ LiveQuery, {}, {} }, owner.get())->start();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        owner.reset();
        QTRY_COMPARE(m_subscriptions.running(), 0);
    }

    void serverErrorAndCompleteEndTheHandle()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        client.open();
        QObject owner;
        Subscription *failing = client.subscribe({ LiveQuery, {}, {} }, &owner);
        QSignalSpy failed(failing, &Subscription::failed);
        failing->start();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        m_subscriptions.last().sink.error(QByteArrayLiteral("[{\"message\":\"field not found\"}]"));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<GraphqlResult>().errorString(), QStringLiteral("field not found"));
        QVERIFY(!failing->isActive());

        Subscription *ending = client.subscribe({ LiveQuery, {}, {} }, &owner);
        QSignalSpy completed(ending, &Subscription::completed);
        ending->start();
        QTRY_COMPARE(m_subscriptions.started.size(), size_t(2));
        m_subscriptions.last().sink.complete();
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(!ending->isActive());
    }

    void subscribesAgainAfterTheServerDropsTheConnection()
    {
        GraphqlWsClient client(fastOptions());
        client.setEndpoint(endpoint());
        client.open();
        QObject owner;
        Subscription *first = client.subscribe({ LiveQuery, {}, {} }, &owner);
        Subscription *second = client.subscribe({ LiveQuery, { { QStringLiteral("x"), 2 } }, {} }, &owner);
        Subscription *stopped = client.subscribe({ LiveQuery, { { QStringLiteral("x"), 3 } }, {} }, &owner);
        QSignalSpy firstResults(first, &Subscription::resultReceived);
        QSignalSpy secondResults(second, &Subscription::resultReceived);
        first->start();
        second->start();
        stopped->start();
        QTRY_COMPARE(m_subscriptions.running(), 3);
        stopped->stop();
        QTRY_COMPARE(m_subscriptions.running(), 2);

        // A stream's cursor moved on: the next subscribe carries it, the running one is untouched.
        second->setVariables({ { QStringLiteral("x"), 22 } });
        QSignalSpy states(&client, &GraphqlWsClient::stateChanged);
        m_webSocket->closeAll(); // 1001 going away, every operation stopped on the server
        QCOMPARE(m_subscriptions.running(), 0);
        // Noticed (Reconnecting), then connected again.
        QTRY_VERIFY(!states.isEmpty());
        QCOMPARE(states.first().first().value<ConnectionState>().kind, ConnectionState::Kind::Reconnecting);
        QTRY_COMPARE(client.state().kind, ConnectionState::Kind::Connected);
        QVERIFY(first->isActive());
        QVERIFY(second->isActive());

        // The two active ones, not the stopped one, each subscribed again with its own request.
        QTRY_COMPARE(m_subscriptions.running(), 2);
        QCOMPARE(m_subscriptions.started.size(), size_t(5));
        auto it = m_subscriptions.started.rbegin();
        RecordingSubscriptions::Started &again2 = it->second;
        RecordingSubscriptions::Started &again1 = (++it)->second;
        QVERIFY(again1.request.value(QStringLiteral("variables")).toObject().isEmpty());
        QCOMPARE(
            again2.request.value(QStringLiteral("variables")).toObject().value(QStringLiteral("x")), QJsonValue(22));
        again1.sink.next(resultWith(10));
        again2.sink.next(resultWith(20));
        QTRY_COMPARE(firstResults.size(), 1);
        QTRY_COMPARE(secondResults.size(), 1);
        QCOMPARE(lastN(firstResults), 10);
        QCOMPARE(lastN(secondResults), 20);
    }

    void closeKeepsSubscriptionsForTheNextOpen()
    {
        GraphqlWsClient client;
        client.setEndpoint(endpoint());
        client.open();
        QObject owner;
        Subscription *subscription = client.subscribe({ LiveQuery, {}, {} }, &owner);
        subscription->start();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        client.close();
        QCOMPARE(client.state().kind, ConnectionState::Kind::Disconnected);
        QTRY_COMPARE(m_subscriptions.running(), 0);
        QVERIFY(subscription->isActive());
        client.open();
        QTRY_COMPARE(m_subscriptions.running(), 1);
        QCOMPARE(m_subscriptions.started.size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlWsClientSubscriptions)
#include "tst_graphqlwsclientsubscriptions.moc"
