// GraphQL over WebSocket on /v1/graphql against a real engine and PostgreSQL: both sub-protocols,
// every close code, keep-alives, the admin secret in either place, limits and backpressure.
// Subscriptions run on a small in-test graphql::Subscriptions (a transport double: the live-query
// machinery is tested where it lives).
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/subscriptions.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "backend/server/apiserver.h"
#include "backend/server/graphqlwebsocket.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <map>
#include <memory>
#include <stdexcept>

using namespace trefoil;
using namespace trefoil::server;
using namespace Qt::StringLiterals;

namespace {

const QString Secret = u"s3cret"_s;

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Records started operations; the test drives their sinks.
class FakeSubscriptions final : public graphql::Subscriptions {
public:
    struct Started {
        QJsonObject request;
        QString role;
        graphql::SubscriptionSink sink;
        bool stopped = false;
    };
    std::map<Token, Started> started;
    Token nextToken = 1;
    // When set, a start fails at once through sink.error (as a validation error would).
    QByteArray failWith;
    // When set, start throws: a failure of the server itself.
    bool throwOnStart = false;

    Token start(const QJsonObject &request, const QString &role, graphql::SubscriptionSink sink) override
    {
        if (throwOnStart)
            throw std::runtime_error("subscription machinery broke");
        if (!failWith.isEmpty()) {
            sink.error(failWith);
            return nextToken++;
        }
        const Token token = nextToken++;
        started[token] = Started { request, role, std::move(sink), false };
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

// A QWebSocket client with its received messages and close.
class Client final {
public:
    QWebSocket socket;
    QList<QString> received;
    bool closed = false;
    int closeCode = 0;
    QString closeReason;

    Client()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
            [this](const QString &message) { received.append(message); });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] {
            closed = true;
            closeCode = socket.closeCode();
            closeReason = socket.closeReason();
        });
    }

    bool open(quint16 port, const QStringList &protocols, const QByteArray &secretHeader = {})
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/graphql"_s.arg(port)));
        if (!secretHeader.isEmpty())
            request.setRawHeader("X-Hasura-Admin-Secret", secretHeader);
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols(protocols);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request, handshake);
        return connected.wait(5000);
    }
    void send(const QJsonObject &message) { socket.sendTextMessage(json(message)); }
    // The next message not yet taken, waiting for it.
    QJsonObject next(int timeoutMs = 5000)
    {
        if (!QTest::qWaitFor([&] { return m_taken < received.size() || closed; }, timeoutMs)
            || m_taken >= received.size())
            return {};
        return parse(received.at(m_taken++));
    }
    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([&] { return closed; }, timeoutMs);
    }
    qsizetype pending() const { return received.size() - m_taken; }

private:
    qsizetype m_taken = 0;
};

QJsonObject initWithSecret(const QString &secret)
{
    return QJsonObject { { u"type"_s, u"connection_init"_s },
        { u"payload"_s, QJsonObject { { u"headers"_s, QJsonObject { { u"X-Hasura-Admin-Secret"_s, secret } } } } } };
}

QJsonObject subscribe(const QString &id, const QString &query, const QString &type = u"subscribe"_s)
{
    return QJsonObject { { u"type"_s, type }, { u"id"_s, id },
        { u"payload"_s, QJsonObject { { u"query"_s, query } } } };
}

QJsonObject typed(const QString &type, const QString &id = {})
{
    QJsonObject message { { u"type"_s, type } };
    if (!id.isEmpty())
        message.insert(u"id"_s, id);
    return message;
}

const QString Query = u"{ restaurants(where: {id: {_eq: 1}}) { id } }"_s;
const QString LiveQuery = u"subscription { restaurants { id } }"_s;
const QString StreamQuery = u"subscription { orders_stream(batch_size: 1, cursor: {initial_value: {id: 0}}) { id } }"_s;

QByteArray payloadOf(int n, int padding = 0)
{
    return json(QJsonObject { { u"data"_s, QJsonObject { { u"n"_s, n }, { u"pad"_s, QString(padding, u'x') } } } })
        .toUtf8();
}

// A client frame (masked, as RFC 6455 requires of clients; the zero key leaves the bytes as they are).
QByteArray clientFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char((payload.size() >> 8) & 0xff));
        frame.append(char(payload.size() & 0xff));
    }
    frame.append(QByteArray(4, '\0'));
    frame.append(payload);
    return frame;
}

} // namespace

class TestGraphqlWebSocket : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<graphql::GraphqlEngine> m_engine;
    std::unique_ptr<ApiServer> m_server;
    GraphqlWebSocket *m_webSocket = nullptr;
    FakeSubscriptions m_subscriptions;

    void startServer(GraphqlWebSocketOptions options = {}, const QString &secret = Secret, bool subscriptions = true)
    {
        m_server.reset();
        m_subscriptions = FakeSubscriptions();
        ServerOptions serverOptions;
        serverOptions.port = 0;
        serverOptions.adminSecret = secret;
        m_server = std::make_unique<ApiServer>(serverOptions);
        m_webSocket = new GraphqlWebSocket(
            options, m_server->adminSecret(),
            [this](const QJsonObject &request, const graphql::RequestSession &session, QObject *context,
                std::function<void(QByteArray)> done) {
                m_engine->execute(request, session, context, std::move(done));
            },
            m_server.get());
        if (subscriptions)
            m_webSocket->setSubscriptions(&m_subscriptions);
        m_server->setWebSocketHandler(u"/v1/graphql"_s, [this](QWebSocket *socket) { m_webSocket->accept(socket); });
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }
    quint16 port() const { return m_server->port(); }

    // An acknowledged graphql-transport-ws client.
    void transportClient(Client &client)
    {
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(initWithSecret(Secret));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"connection_ack"_s);
    }
    // An acknowledged legacy client, its first `ka` taken.
    void legacyClient(Client &client)
    {
        QVERIFY(client.open(port(), { u"graphql-ws"_s }));
        client.send(initWithSecret(Secret));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"connection_ack"_s);
        QCOMPARE(client.next().value(u"type"_s).toString(), u"ka"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(u"graphqlwebsocket"_s);
        QVERIFY2(!conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(conninfo, 2);
        pg::Migrator migrator(m_pool.get(), { u"engine"_s, u"demo"_s });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        m_engine = std::make_unique<graphql::GraphqlEngine>(m_pool.get());
        QSignalSpy ready(m_engine.get(), &graphql::GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(30000));
    }

    void cleanup() { m_server.reset(); }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_pool.reset();
    }

    // --- graphql-transport-ws ---

    void transportQueryAndMutation()
    {
        startServer();
        Client client;
        transportClient(client);
        client.send(subscribe(u"q"_s, Query));
        const QJsonObject next = client.next();
        QCOMPARE(next.value(u"type"_s).toString(), u"next"_s);
        QCOMPARE(next.value(u"id"_s).toString(), u"q"_s);
        QCOMPARE(next.value(u"payload"_s)["data"_L1]["restaurants"_L1][0]["id"_L1].toInt(), 1);
        QCOMPARE(client.next(), typed(u"complete"_s, u"q"_s));

        client.send(subscribe(u"m"_s, u"mutation { insert_restaurants_one(object: {name: \"Over WS\"}) { name } }"_s));
        const QJsonObject inserted = client.next();
        QCOMPARE(inserted.value(u"type"_s).toString(), u"next"_s);
        QCOMPARE(
            inserted.value(u"payload"_s)["data"_L1]["insert_restaurants_one"_L1]["name"_L1].toString(), u"Over WS"_s);
        QCOMPARE(client.next(), typed(u"complete"_s, u"m"_s));
        // The id is free again once the operation completed.
        client.send(subscribe(u"q"_s, Query));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"next"_s);
        QCOMPARE(client.next(), typed(u"complete"_s, u"q"_s));
        QVERIFY(!client.closed);
    }

    void transportValidationError()
    {
        startServer();
        Client client;
        transportClient(client);
        client.send(subscribe(u"bad"_s, u"{ no_such_table { id } }"_s));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(error.value(u"id"_s).toString(), u"bad"_s);
        QVERIFY(error.value(u"payload"_s).toArray().at(0)["message"_L1].toString().contains(u"no_such_table"_s));
        // No complete after an error: the next message is the answer to the next operation.
        client.send(subscribe(u"q"_s, Query));
        QCOMPARE(client.next().value(u"id"_s).toString(), u"q"_s);
    }

    void transportSecretInUpgradeHeaders()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }, Secret.toUtf8()));
        client.send(typed(u"connection_init"_s));
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
    }

    void transportSecretHeaderAnyCase()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(QJsonObject { { u"type"_s, u"connection_init"_s },
            { u"payload"_s,
                QJsonObject { { u"headers"_s, QJsonObject { { u"x-hasura-admin-secret"_s, Secret } } } } } });
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
    }

    void transportRefusedSecret_data()
    {
        QTest::addColumn<QString>("presented");
        QTest::newRow("wrong") << u"wrong"_s;
        QTest::newRow("none") << QString();
    }
    void transportRefusedSecret()
    {
        QFETCH(QString, presented);
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(presented.isNull() ? typed(u"connection_init"_s) : initWithSecret(presented));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4403);
        QCOMPARE(client.closeReason, u"Forbidden"_s);
        QVERIFY(client.received.isEmpty());
    }

    void transportNoSecretRequired()
    {
        startServer({}, QString());
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(typed(u"connection_init"_s));
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
        client.send(subscribe(u"q"_s, Query));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"next"_s);
    }

    void transportInitTimeout()
    {
        GraphqlWebSocketOptions options;
        options.connectionInitTimeoutMs = 100;
        startServer(options);
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4408);
        QCOMPARE(client.closeReason, u"Connection initialisation timeout"_s);
    }

    void transportInitInTimeIsKept()
    {
        GraphqlWebSocketOptions options;
        options.connectionInitTimeoutMs = 100;
        startServer(options);
        Client client;
        transportClient(client);
        // Well past the init timeout, the acknowledged connection still answers.
        QVERIFY(!QTest::qWaitFor([&] { return client.closed; }, 300));
        client.send(typed(u"ping"_s));
        QCOMPARE(client.next(), typed(u"pong"_s));
    }

    void transportSecondInit_data()
    {
        QTest::addColumn<bool>("afterAck");
        QTest::newRow("after ack") << true;
        QTest::newRow("back to back") << false;
    }
    void transportSecondInit()
    {
        QFETCH(bool, afterAck);
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(initWithSecret(Secret));
        if (afterAck)
            QCOMPARE(client.next(), typed(u"connection_ack"_s));
        client.send(initWithSecret(Secret));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4429);
        QCOMPARE(client.closeReason, u"Too many initialisation requests"_s);
    }

    void transportSubscribeBeforeAck()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        client.send(subscribe(u"q"_s, Query));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4401);
        QCOMPARE(client.closeReason, u"Unauthorized"_s);
    }

    void transportDuplicateId()
    {
        startServer();
        Client client;
        transportClient(client);
        client.send(subscribe(u"s1"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        client.send(subscribe(u"s1"_s, Query));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4409);
        QCOMPARE(client.closeReason, u"Subscriber for s1 already exists"_s);
        QCOMPARE(m_subscriptions.running(), 0); // closing stopped it
    }

    void transportInvalidMessage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("not json") << u"{nope"_s;
        QTest::newRow("unknown type") << u"{\"type\":\"start\",\"id\":\"1\"}"_s;
        QTest::newRow("server type") << u"{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}"_s;
        QTest::newRow("subscribe without id") << u"{\"type\":\"subscribe\",\"payload\":{\"query\":\"{a}\"}}"_s;
    }
    void transportInvalidMessage()
    {
        QFETCH(QString, text);
        startServer();
        Client client;
        transportClient(client);
        client.socket.sendTextMessage(text);
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4400);
        QVERIFY(!client.closeReason.isEmpty());
    }

    void transportBinaryFrame()
    {
        startServer();
        Client client;
        transportClient(client);
        client.socket.sendBinaryMessage("{}");
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4400);
    }

    void transportPingPong()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-transport-ws"_s }));
        // Ping is answered at any time, also before connection_init; its payload comes back.
        const QJsonObject payload { { u"seq"_s, 7 } };
        client.send(QJsonObject { { u"type"_s, u"ping"_s }, { u"payload"_s, payload } });
        QCOMPARE(client.next(), (QJsonObject { { u"type"_s, u"pong"_s }, { u"payload"_s, payload } }));
        client.send(typed(u"pong"_s)); // needs no answer
        client.send(initWithSecret(Secret));
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
        client.send(typed(u"ping"_s));
        QCOMPARE(client.next(), typed(u"pong"_s));
    }

    void transportSubscription()
    {
        startServer();
        Client client;
        transportClient(client);
        client.send(subscribe(u"live"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        QCOMPARE(m_subscriptions.last().request.value(u"query"_s).toString(), LiveQuery);
        QCOMPARE(m_subscriptions.last().role, u"admin"_s);
        m_subscriptions.last().sink.next(payloadOf(1));
        QJsonObject next = client.next();
        QCOMPARE(next.value(u"type"_s).toString(), u"next"_s);
        QCOMPARE(next.value(u"payload"_s)["data"_L1]["n"_L1].toInt(), 1);
        m_subscriptions.last().sink.next(payloadOf(2));
        QCOMPARE(client.next().value(u"payload"_s)["data"_L1]["n"_L1].toInt(), 2);
        // The server ends it: complete.
        m_subscriptions.last().sink.complete();
        QCOMPARE(client.next(), typed(u"complete"_s, u"live"_s));

        // The client ends it: stopped, and nothing more for that id, not even complete.
        client.send(subscribe(u"live"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 2); // the first was never stopped: it completed
        client.send(typed(u"complete"_s, u"live"_s));
        QTRY_VERIFY(m_subscriptions.last().stopped);
        m_subscriptions.last().sink.next(payloadOf(3)); // a late result is dropped
        client.send(typed(u"ping"_s));
        QCOMPARE(client.next(), typed(u"pong"_s));
        // complete for an unknown id is ignored.
        client.send(typed(u"complete"_s, u"nobody"_s));
        client.send(typed(u"ping"_s));
        QCOMPARE(client.next(), typed(u"pong"_s));
    }

    void transportSubscriptionError()
    {
        startServer();
        m_subscriptions.failWith = R"([{"message":"field 'x' not found","extensions":{"code":"validation-failed"}}])";
        Client client;
        transportClient(client);
        client.send(subscribe(u"s"_s, LiveQuery));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(error.value(u"payload"_s).toArray().at(0)["message"_L1].toString(), u"field 'x' not found"_s);
        // The id is free again.
        m_subscriptions.failWith.clear();
        client.send(subscribe(u"s"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 1);
    }

    void transportInternalError()
    {
        startServer();
        m_subscriptions.throwOnStart = true;
        Client client;
        transportClient(client);
        client.send(subscribe(u"s"_s, LiveQuery));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4500);
        QCOMPARE(client.closeReason, u"Internal server error"_s);
    }

    void subscriptionsUnavailable()
    {
        startServer({}, Secret, false);
        Client client;
        transportClient(client);
        client.send(subscribe(u"s"_s, LiveQuery));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(
            error.value(u"payload"_s).toArray().at(0)["message"_L1].toString(), u"subscriptions are not available"_s);
    }

    void tooManyOperations()
    {
        GraphqlWebSocketOptions options;
        options.maxOperations = 2;
        startServer(options);
        Client client;
        transportClient(client);
        client.send(subscribe(u"1"_s, LiveQuery));
        client.send(subscribe(u"2"_s, LiveQuery));
        client.send(subscribe(u"3"_s, LiveQuery));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(error.value(u"id"_s).toString(), u"3"_s);
        QVERIFY(error.value(u"payload"_s).toArray().at(0)["message"_L1].toString().contains(u"too many"_s));
        QCOMPARE(m_subscriptions.running(), 2);
        // Completing one makes room.
        client.send(typed(u"complete"_s, u"1"_s));
        client.send(subscribe(u"3"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 2);
        QCOMPARE(m_subscriptions.last().request.value(u"query"_s).toString(), LiveQuery);
        QVERIFY(!client.closed);
    }

    void maxMessageSize()
    {
        GraphqlWebSocketOptions options;
        options.maxMessageBytes = 1024;
        startServer(options);
        Client client;
        transportClient(client);
        client.send(subscribe(u"big"_s, u"{ restaurants { id } } # "_s + QString(4096, u'x')));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData));
        QTRY_COMPARE(m_webSocket->sessionCount(), 0);
    }

    void subprotocolNotAcceptable_data()
    {
        QTest::addColumn<QStringList>("offered");
        QTest::newRow("none") << QStringList();
        QTest::newRow("unknown") << QStringList { u"graphql-something"_s };
    }
    void subprotocolNotAcceptable()
    {
        QFETCH(QStringList, offered);
        startServer();
        Client client;
        QVERIFY(client.open(port(), offered));
        QCOMPARE(client.socket.subprotocol(), QString());
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 4406);
        QCOMPARE(client.closeReason, u"Subprotocol not acceptable"_s);
    }

    // --- legacy graphql-ws ---

    void legacyQueryAndMutation()
    {
        startServer();
        Client client;
        legacyClient(client);
        client.send(subscribe(u"q"_s, Query, u"start"_s));
        const QJsonObject data = client.next();
        QCOMPARE(data.value(u"type"_s).toString(), u"data"_s);
        QCOMPARE(data.value(u"id"_s).toString(), u"q"_s);
        QCOMPARE(data.value(u"payload"_s)["data"_L1]["restaurants"_L1][0]["id"_L1].toInt(), 1);
        QCOMPARE(client.next(), typed(u"complete"_s, u"q"_s));
        client.send(subscribe(
            u"m"_s, u"mutation { insert_restaurants_one(object: {name: \"Legacy\"}) { name } }"_s, u"start"_s));
        QCOMPARE(client.next().value(u"payload"_s)["data"_L1]["insert_restaurants_one"_L1]["name"_L1].toString(),
            u"Legacy"_s);
        QCOMPARE(client.next(), typed(u"complete"_s, u"m"_s));
    }

    void legacyKeepAlive()
    {
        GraphqlWebSocketOptions options;
        options.keepAliveIntervalMs = 50;
        startServer(options);
        Client client;
        legacyClient(client); // ack, then ka at once
        QCOMPARE(client.next(), typed(u"ka"_s)); // and again after the interval
        QCOMPARE(client.next(), typed(u"ka"_s));
    }

    void legacySecretInUpgradeHeaders()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-ws"_s }, Secret.toUtf8()));
        client.send(typed(u"connection_init"_s));
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
    }

    void legacyRefusedSecret()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-ws"_s }));
        client.send(initWithSecret(u"wrong"_s));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"connection_error"_s);
        QVERIFY(!error.value(u"payload"_s)["message"_L1].toString().isEmpty());
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 1011); // as the reference server, once connection_error is written
    }

    void legacyInitTimeout()
    {
        GraphqlWebSocketOptions options;
        options.connectionInitTimeoutMs = 100;
        startServer(options);
        Client client;
        QVERIFY(client.open(port(), { u"graphql-ws"_s }));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"connection_error"_s);
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(client.closeReason, u"Connection initialisation timeout"_s);
    }

    void legacySecondInitAnsweredAgain()
    {
        startServer();
        Client client;
        legacyClient(client);
        client.send(initWithSecret(Secret));
        QCOMPARE(client.next(), typed(u"connection_ack"_s));
        QVERIFY(!client.closed);
    }

    void legacyStartBeforeInit()
    {
        startServer();
        Client client;
        QVERIFY(client.open(port(), { u"graphql-ws"_s }));
        client.send(subscribe(u"q"_s, Query, u"start"_s));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(error.value(u"id"_s).toString(), u"q"_s);
        QVERIFY(!client.closed);
    }

    void legacyInvalidMessages()
    {
        startServer();
        Client client;
        legacyClient(client);
        client.socket.sendTextMessage(u"[1]"_s);
        QCOMPARE(client.next().value(u"type"_s).toString(), u"connection_error"_s);
        client.socket.sendTextMessage(u"{\"type\":\"start\",\"id\":\"x\",\"payload\":{}}"_s);
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(error.value(u"id"_s).toString(), u"x"_s);
        client.socket.sendBinaryMessage("{}");
        QCOMPARE(client.next().value(u"type"_s).toString(), u"connection_error"_s);
        // The socket stays usable.
        client.send(subscribe(u"q"_s, Query, u"start"_s));
        QCOMPARE(client.next().value(u"type"_s).toString(), u"data"_s);
        QVERIFY(!client.closed);
    }

    void legacyValidationError()
    {
        startServer();
        Client client;
        legacyClient(client);
        client.send(subscribe(u"bad"_s, u"{ no_such_table { id } }"_s, u"start"_s));
        const QJsonObject error = client.next();
        QCOMPARE(error.value(u"type"_s).toString(), u"error"_s);
        QVERIFY(error.value(u"payload"_s)["message"_L1].toString().contains(u"no_such_table"_s));
        QCOMPARE(error.value(u"payload"_s)["errors"_L1].toArray().size(), 1);
    }

    void legacySubscriptionAndStop()
    {
        startServer();
        Client client;
        legacyClient(client);
        client.send(subscribe(u"s"_s, LiveQuery, u"start"_s));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        m_subscriptions.last().sink.next(payloadOf(1));
        const QJsonObject data = client.next();
        QCOMPARE(data.value(u"type"_s).toString(), u"data"_s);
        QCOMPARE(data.value(u"payload"_s)["data"_L1]["n"_L1].toInt(), 1);
        client.send(typed(u"stop"_s, u"s"_s));
        QCOMPARE(client.next(), typed(u"complete"_s, u"s"_s));
        QCOMPARE(m_subscriptions.running(), 0);
        // A start with an active id replaces the operation.
        client.send(subscribe(u"t"_s, LiveQuery, u"start"_s));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        client.send(subscribe(u"t"_s, LiveQuery, u"start"_s));
        QTRY_COMPARE(m_subscriptions.started.size(), size_t(3));
        QCOMPARE(m_subscriptions.running(), 1);
        client.send(typed(u"connection_terminate"_s));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode, 1000);
        QTRY_COMPARE(m_subscriptions.running(), 0);
    }

    // --- backpressure ---

    void latestResultOnlyWhenOverBudget()
    {
        GraphqlWebSocketOptions options;
        options.sendBudgetBytes = 16 * 1024;
        startServer(options);
        Client client;
        transportClient(client);
        client.send(subscribe(u"live"_s, LiveQuery));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        // Results faster than any client reads: all pushed before the event loop writes one.
        constexpr int Pushed = 200;
        for (int n = 1; n <= Pushed; ++n)
            m_subscriptions.last().sink.next(payloadOf(n, 32 * 1024));
        m_subscriptions.last().sink.complete();
        QList<int> seen;
        for (;;) {
            const QJsonObject message = client.next();
            QVERIFY(!message.isEmpty());
            if (message.value(u"type"_s).toString() == u"complete"_s)
                break;
            seen.append(message.value(u"payload"_s)["data"_L1]["n"_L1].toInt());
        }
        QVERIFY2(seen.size() < Pushed / 2, qPrintable(QString::number(seen.size())));
        QCOMPARE(seen.last(), Pushed); // the newest result always arrives
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    }

    void streamResultsAllArrive()
    {
        GraphqlWebSocketOptions options;
        options.sendBudgetBytes = 16 * 1024;
        startServer(options);
        Client client;
        transportClient(client);
        client.send(subscribe(u"stream"_s, StreamQuery));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        constexpr int Pushed = 50;
        for (int n = 1; n <= Pushed; ++n)
            m_subscriptions.last().sink.next(payloadOf(n, 32 * 1024));
        m_subscriptions.last().sink.complete();
        for (int n = 1; n <= Pushed; ++n)
            QCOMPARE(client.next().value(u"payload"_s)["data"_L1]["n"_L1].toInt(), n);
        QCOMPARE(client.next(), typed(u"complete"_s, u"stream"_s));
    }

    // A client that never reads: held back by a socket that stops taking bytes.
    void nonReadingClient_data()
    {
        QTest::addColumn<int>("stallMs");
        QTest::addColumn<qint64>("limitBytes");
        QTest::newRow("over budget too long") << 200 << qint64(1024) * 1024 * 1024;
        QTest::newRow("over the hard limit") << 60'000 << qint64(4 * 1024 * 1024);
    }
    void nonReadingClient()
    {
        QFETCH(int, stallMs);
        QFETCH(qint64, limitBytes);
        GraphqlWebSocketOptions options;
        options.sendBudgetBytes = 64 * 1024;
        options.sendStallTimeoutMs = stallMs;
        options.sendBufferLimitBytes = limitBytes;
        options.closeGraceMs = 200;
        startServer(options);

        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /v1/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return raw.peek(4096).contains("\r\n\r\n"); }, 5000));
        QVERIFY(raw.readAll().startsWith("HTTP/1.1 101"));
        raw.write(clientFrame(json(initWithSecret(Secret)).toUtf8()));
        raw.write(clientFrame(json(subscribe(u"s"_s, StreamQuery)).toUtf8()));
        QTRY_COMPARE(m_subscriptions.running(), 1);
        QCOMPARE(m_webSocket->sessionCount(), 1);
        raw.setReadBufferSize(1); // from now on the client reads (almost) nothing

        // A stream's results are never dropped, so they pile up until the server gives up.
        const QByteArray megabyte = payloadOf(0, 1024 * 1024);
        for (int i = 0; i < 32 && m_subscriptions.running() > 0; ++i)
            m_subscriptions.last().sink.next(megabyte);
        QTRY_COMPARE_WITH_TIMEOUT(m_webSocket->sessionCount(), 0, 10000);
        QCOMPARE(m_subscriptions.running(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGraphqlWebSocket)
#include "tst_graphqlwebsocket.moc"
