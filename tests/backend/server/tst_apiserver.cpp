#include "backend/server/apiserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace trefoil::server;
using namespace Qt::StringLiterals;

namespace {

struct RawResponse {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (name.compare(h.first, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Reads complete responses from a raw socket, pumping the event loop (server and client share
// the thread). headFlags[i] says response i answers a HEAD request (no body despite Content-Length).
class RawClient {
public:
    explicit RawClient(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }
    bool waitConnected()
    {
        return QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    void send(const QByteArray &data) { m_socket.write(data); }

    // Returns the responses read, fewer than n on timeout or EOF. Waits on the socket's signals
    // (QTest::qWaitFor would add a 10 ms sleep per poll).
    QList<RawResponse> read(int n, QList<bool> headFlags = {}, int timeoutMs = 5000)
    {
        QList<RawResponse> out;
        QElapsedTimer clock;
        clock.start();
        while (true) {
            m_buffer += m_socket.readAll();
            while (out.size() < n) {
                RawResponse r;
                if (!take(&r, headFlags.value(out.size(), false)))
                    break;
                out.append(r);
            }
            if (out.size() >= n || m_socket.state() == QAbstractSocket::UnconnectedState || clock.hasExpired(timeoutMs))
                return out;
            waitForSocket(static_cast<int>(timeoutMs - clock.elapsed()));
        }
    }
    RawResponse one(bool head = false)
    {
        const QList<RawResponse> r = read(1, { head });
        return r.isEmpty() ? RawResponse() : r.first();
    }
    bool waitClosed(int timeoutMs = 5000)
    {
        QElapsedTimer clock;
        clock.start();
        while (m_socket.state() != QAbstractSocket::UnconnectedState && !clock.hasExpired(timeoutMs)) {
            m_buffer += m_socket.readAll();
            waitForSocket(static_cast<int>(timeoutMs - clock.elapsed()));
        }
        m_buffer += m_socket.readAll();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }
    QByteArray &buffer() { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    void waitForSocket(int timeoutMs)
    {
        if (timeoutMs <= 0)
            return;
        QEventLoop loop;
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QTcpSocket::stateChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }

    bool take(RawResponse *r, bool head)
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        r->status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            r->headers.append({ lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed() });
        }
        qsizetype length = 0;
        if (!head && r->status != 204 && r->status != 304 && r->status >= 200)
            length = r->header("content-length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return false;
        r->body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extra = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

} // namespace

class TestApiServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void routing();
    void healthzIsPublic();
    void asyncResponder();
    void keepAliveHundredRequests();
    void pipelinedRequestsAnsweredInOrder();
    void adminSecret();
    void refusesNonLoopbackWithoutSecret();
    void notFoundAndMethodNotAllowed();
    void headRequests();
    void bodyTooLarge();
    void chunkedBody();
    void expectContinue();
    void malformedRequests_data();
    void malformedRequests();
    void headersTooLarge();
    void garbageBytes();
    void clientDisconnectsBeforeResponse();
    void droppedOrThrowingHandlerGets500();
    void responderCalledTwice();
    void http10ClosesByDefault();
    void requestTimeout();
    void idleTimeout();
    void corsPreflight();
    void webSocketSubprotocols_data();
    void webSocketSubprotocols();
    void webSocketRawHandshake();
    void webSocketUpgradeOnHttpOnlyPath();

private:
    std::unique_ptr<ApiServer> start(ServerOptions options = {});
};

std::unique_ptr<ApiServer> TestApiServer::start(ServerOptions options)
{
    options.port = 0;
    auto server = std::make_unique<ApiServer>(options);
    server->route(
        "GET", u"/hello"_s, [](const HttpRequest &, Responder respond) { respond(HttpResponse::text(200, "hello")); });
    server->route("POST", u"/echo"_s, [](const HttpRequest &request, Responder respond) {
        HttpResponse r = HttpResponse::text(200, request.body, "application/octet-stream");
        r.addHeader("X-Request-Path", request.path.toUtf8());
        respond(std::move(r));
    });
    QString error;
    if (!server->listen(&error))
        qFatal("listen failed: %s", qPrintable(error));
    return server;
}

void TestApiServer::routing()
{
    auto server = start();
    server->route("GET", u"/v1/functions/*"_s, [](const HttpRequest &request, Responder respond) {
        respond(HttpResponse::json(200,
            { { u"prefix"_s, u"functions"_s }, { u"path"_s, request.path },
                { u"q"_s, request.query.queryItemValue(u"q"_s, QUrl::FullyDecoded) } }));
    });
    server->route("GET", u"/v1/*"_s, [](const HttpRequest &, Responder respond) {
        respond(HttpResponse::json(200, { { u"prefix"_s, u"v1"_s } }));
    });
    server->route("GET", u"/v1/functions/exact"_s, [](const HttpRequest &, Responder respond) {
        respond(HttpResponse::json(200, { { u"prefix"_s, u"exact"_s } }));
    });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());

    c.send(get("/hello"));
    RawResponse r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "hello"_ba);
    QCOMPARE(r.header("content-type"), "text/plain; charset=utf-8"_ba);
    QCOMPARE(r.header("access-control-allow-origin"), "*"_ba);
    QVERIFY(!r.header("date").isEmpty());

    c.send(get("/v1/functions/pay/now?q=a+b%21"));
    r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"prefix"_s).toString(), u"functions"_s);
    QCOMPARE(r.json().value(u"path"_s).toString(), u"/v1/functions/pay/now"_s);
    QCOMPARE(r.json().value(u"q"_s).toString(), u"a b!"_s);

    c.send(get("/v1/functions/exact"));
    QCOMPARE(c.one().json().value(u"prefix"_s).toString(), u"exact"_s);
    c.send(get("/v1/other"));
    QCOMPARE(c.one().json().value(u"prefix"_s).toString(), u"v1"_s);

    c.send(post("/echo", "{\"x\":1}"));
    r = c.one();
    QCOMPARE(r.body, "{\"x\":1}"_ba);
    QCOMPARE(r.header("x-request-path"), "/echo"_ba);
}

void TestApiServer::healthzIsPublic()
{
    ServerOptions options;
    options.adminSecret = u"s3cret"_s;
    auto server = start(options);
    server->route(
        "GET", u"/healthz"_s,
        [](const HttpRequest &, Responder respond) {
            respond(HttpResponse::json(200, { { u"status"_s, u"ok"_s } }));
        },
        Access::Public);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/healthz"));
    const RawResponse r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-type"), "application/json"_ba);
    QCOMPARE(r.body, "{\"status\":\"ok\"}"_ba);
}

void TestApiServer::asyncResponder()
{
    auto server = start();
    server->route("GET", u"/later"_s, [this](const HttpRequest &request, Responder respond) {
        const int delay = request.query.queryItemValue(u"ms"_s).toInt();
        QTimer::singleShot(
            delay, this, [respond, path = request.path] { respond(HttpResponse::text(200, path.toUtf8())); });
    });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    for (int ms : { 0, 0, 20 }) {
        c.send(get("/later?ms=" + QByteArray::number(ms)));
        const RawResponse r = c.one();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "/later"_ba);
    }
}

void TestApiServer::keepAliveHundredRequests()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    for (int i = 0; i < 100; ++i) {
        const QByteArray body = "{\"i\":" + QByteArray::number(i) + "}";
        c.send(post("/echo", body));
        const RawResponse r = c.one();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, body);
        QVERIFY(r.header("connection").isEmpty());
    }
    QCOMPARE(c.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server->connectionCount(), 1);
}

void TestApiServer::pipelinedRequestsAnsweredInOrder()
{
    auto server = start();
    // The first request answers last: responses must still come back in request order.
    server->route("GET", u"/slow/*"_s, [this](const HttpRequest &request, Responder respond) {
        const int delay = request.path.section(u'/', 2).toInt();
        QTimer::singleShot(
            delay, this, [respond, path = request.path] { respond(HttpResponse::text(200, path.toUtf8())); });
    });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/slow/30") + post("/echo", "abc") + get("/hello") + get("/slow/0") + "HEAD /hello HTTP/1.1\r\n\r\n"
        + get("/missing"));
    const QList<RawResponse> rs = c.read(6, { false, false, false, false, true, false });
    QCOMPARE(rs.size(), 6);
    QCOMPARE(rs.at(0).body, "/slow/30"_ba);
    QCOMPARE(rs.at(1).body, "abc"_ba);
    QCOMPARE(rs.at(2).body, "hello"_ba);
    QCOMPARE(rs.at(3).body, "/slow/0"_ba);
    QCOMPARE(rs.at(4).status, 200);
    QCOMPARE(rs.at(4).header("content-length"), "5"_ba);
    QCOMPARE(rs.at(5).status, 404);
    QVERIFY(c.buffer().isEmpty());
}

void TestApiServer::adminSecret()
{
    ServerOptions options;
    options.adminSecret = u"s3cret"_s;
    auto server = start(options);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());

    c.send(get("/hello"));
    RawResponse r = c.one();
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, "{\"code\":\"access-denied\",\"error\":\"invalid x-hasura-admin-secret/x-hasura-access-key\"}"_ba);

    c.send(get("/hello", "X-Hasura-Admin-Secret: wrong\r\n"));
    QCOMPARE(c.one().status, 401);
    c.send(get("/hello", "X-Hasura-Admin-Secret: s3cret2\r\n"));
    QCOMPARE(c.one().status, 401);
    c.send(get("/hello", "X-Hasura-Admin-Secret: s3cre\r\n"));
    QCOMPARE(c.one().status, 401);

    c.send(get("/hello", "x-hasura-admin-secret: s3cret\r\n"));
    r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "hello"_ba);
    c.send(get("/hello", "X-Hasura-Access-Key: s3cret\r\n"));
    QCOMPARE(c.one().status, 200);

    QVERIFY(server->adminSecret().accepts("s3cret"));
    QVERIFY(!server->adminSecret().accepts(""));
    QVERIFY(!server->adminSecret().accepts("S3CRET"));
    // WebSocket clients send headers in connection_init's payload, names in any case.
    const AdminSecret &secret = server->adminSecret();
    QVERIFY(secret.accepts(AdminSecret::presentedBy(QJsonObject { { u"X-Hasura-Admin-Secret"_s, u"s3cret"_s } })));
    QVERIFY(secret.accepts(AdminSecret::presentedBy(QJsonObject { { u"x-hasura-access-key"_s, u"s3cret"_s } })));
    QVERIFY(!secret.accepts(AdminSecret::presentedBy(QJsonObject { { u"x-hasura-admin-secret"_s, 42 } })));
    QVERIFY(!secret.accepts(AdminSecret::presentedBy(QJsonObject {})));
    QVERIFY(AdminSecret().accepts(QByteArray()));
}

void TestApiServer::refusesNonLoopbackWithoutSecret()
{
    for (const QString &host : { u"0.0.0.0"_s, u"::"_s }) {
        ServerOptions options;
        options.host = host;
        options.port = 0;
        ApiServer server(options);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY2(error.contains(u"--admin-secret"_s), qPrintable(error));
        QVERIFY(!server.isListening());
    }
    {
        ServerOptions options;
        options.host = u"0.0.0.0"_s;
        options.port = 0;
        options.adminSecret = u"x"_s;
        ApiServer server(options);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        QVERIFY(server.port() != 0);
    }
    {
        ServerOptions options;
        options.host = u"localhost"_s;
        options.port = 0;
        ApiServer server(options);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        QVERIFY(server.address().isLoopback());
    }
    {
        ServerOptions options;
        options.host = u"example.com"_s;
        options.port = 0;
        ApiServer server(options);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY(error.contains(u"IP address"_s));
    }
}

void TestApiServer::notFoundAndMethodNotAllowed()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/nope"));
    RawResponse r = c.one();
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(u"code"_s).toString(), u"not-found"_s);

    c.send(post("/hello", "x"));
    r = c.one();
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), "GET, HEAD, OPTIONS"_ba);
    QCOMPARE(r.json().value(u"code"_s).toString(), u"method-not-allowed"_s);

    c.send("DELETE /echo HTTP/1.1\r\n\r\n");
    r = c.one();
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), "OPTIONS, POST"_ba);
    QCOMPARE(c.socket().state(), QAbstractSocket::ConnectedState); // errors from routing keep the connection
}

void TestApiServer::headRequests()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("HEAD /hello HTTP/1.1\r\n\r\n");
    const RawResponse r = c.one(true);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("content-length"), "5"_ba);
    QVERIFY(r.body.isEmpty());
    c.send(get("/hello")); // would be garbled if the HEAD response had carried a body
    QCOMPARE(c.one().body, "hello"_ba);
}

void TestApiServer::bodyTooLarge()
{
    ServerOptions options;
    options.maxBodyBytes = 1024;
    auto server = start(options);
    {
        RawClient c(server->port());
        QVERIFY(c.waitConnected());
        c.send(post("/echo", QByteArray(1024, 'a')));
        QCOMPARE(c.one().body.size(), 1024);
        c.send(post("/echo", QByteArray(4000, 'a')));
        const RawResponse r = c.one();
        QCOMPARE(r.status, 413);
        QCOMPARE(r.json().value(u"code"_s).toString(), u"request-too-large"_s);
        QCOMPARE(r.header("connection"), "close"_ba);
        QVERIFY(c.waitClosed());
    }
    {
        RawClient c(server->port());
        QVERIFY(c.waitConnected());
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n");
        QCOMPARE(c.one().status, 413);
        QVERIFY(c.waitClosed());
    }
    {
        RawClient c(server->port());
        QVERIFY(c.waitConnected());
        c.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + QByteArray(1024, 'b')
            + "\r\n1\r\nc\r\n");
        QCOMPARE(c.one().status, 413);
        QVERIFY(c.waitClosed());
    }
}

void TestApiServer::chunkedBody()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    QTest::qWait(10); // a body arriving in pieces (not synchronisation: the result is awaited below)
    c.send("7\r\n, world\r\n0\r\n\r\n");
    const RawResponse r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "hello, world"_ba);
    c.send(get("/hello"));
    QCOMPARE(c.one().body, "hello"_ba);
}

void TestApiServer::expectContinue()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QVERIFY(QTest::qWaitFor(
        [&] {
            c.buffer() += c.socket().readAll();
            return c.buffer().startsWith("HTTP/1.1 100 Continue\r\n\r\n");
        },
        5000));
    c.buffer().remove(0, 25);
    c.send("data");
    const RawResponse r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "data"_ba);
}

void TestApiServer::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("bad request line") << "HELLO\r\n\r\n"_ba << 400;
    QTest::newRow("http2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 505;
    QTest::newRow("http 3.0") << "GET / HTTP/3.0\r\n\r\n"_ba << 505;
    QTest::newRow("gzip body") << "POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"_ba << 501;
    QTest::newRow("smuggling")
        << "POST /echo HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba << 400;
    QTest::newRow("bad chunk") << "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"_ba << 400;
    QTest::newRow("dot dot") << "GET /v1/../hello HTTP/1.1\r\n\r\n"_ba << 400;
}

void TestApiServer::malformedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(request);
    const RawResponse r = c.one();
    QCOMPARE(r.status, status);
    QVERIFY(!r.json().value(u"error"_s).toString().isEmpty());
    QVERIFY(c.waitClosed());
    QVERIFY(QTest::qWaitFor([&] { return server->connectionCount() == 0; }, 5000));
}

void TestApiServer::headersTooLarge()
{
    ServerOptions options;
    options.maxHeaderBytes = 1024;
    auto server = start(options);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/hello", "X-Big: " + QByteArray(4096, 'x') + "\r\n"));
    QCOMPARE(c.one().status, 431);
    QVERIFY(c.waitClosed());

    RawClient c2(server->port()); // a header that never ends
    QVERIFY(c2.waitConnected());
    c2.send("GET /hello HTTP/1.1\r\nX-Big: " + QByteArray(4096, 'x'));
    QCOMPARE(c2.one().status, 431);
    QVERIFY(c2.waitClosed());
}

void TestApiServer::garbageBytes()
{
    auto server = start();
    QRandomGenerator random(42);
    for (int round = 0; round < 20; ++round) {
        QByteArray garbage(1 + random.bounded(20000), Qt::Uninitialized);
        for (char &ch : garbage)
            ch = static_cast<char>(random.bounded(256));
        if (round % 2)
            garbage.prepend("GET /hello HTTP/1.1\r\n"); // garbage inside the headers
        RawClient c(server->port());
        QVERIFY(c.waitConnected());
        c.send(garbage);
        c.send("\r\n\r\n");
        const RawResponse r = c.one();
        QVERIFY2(r.status >= 400 && r.status < 600, QByteArray::number(r.status).constData());
        QVERIFY(c.waitClosed());
    }
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/hello"));
    QCOMPARE(c.one().status, 200);
}

void TestApiServer::clientDisconnectsBeforeResponse()
{
    auto server = start();
    Responder held;
    bool called = false;
    server->route("GET", u"/hold"_s, [&](const HttpRequest &, Responder respond) {
        held = std::move(respond);
        called = true;
    });
    {
        RawClient c(server->port());
        QVERIFY(c.waitConnected());
        c.send(get("/hold"));
        QVERIFY(QTest::qWaitFor([&] { return called; }, 5000));
        c.socket().abort();
    }
    QVERIFY(QTest::qWaitFor([&] { return server->connectionCount() == 0; }, 5000));
    QTest::qWait(0); // let the connection's deleteLater run
    held(HttpResponse::text(200, "too late")); // must be a no-op
    held = nullptr;

    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/hello"));
    QCOMPARE(c.one().status, 200);

    // A responder outliving the whole server is also harmless.
    called = false;
    RawClient c2(server->port());
    QVERIFY(c2.waitConnected());
    c2.send(get("/hold"));
    QVERIFY(QTest::qWaitFor([&] { return called; }, 5000));
    server.reset();
    held(HttpResponse::text(200, "server gone"));
}

void TestApiServer::droppedOrThrowingHandlerGets500()
{
    auto server = start();
    server->route("GET", u"/drop"_s, [](const HttpRequest &, Responder) {});
    server->route("GET", u"/throw"_s, [](const HttpRequest &, Responder) { throw std::runtime_error("boom"); });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/drop"));
    QCOMPARE(c.one().status, 500);
    QTest::ignoreMessage(QtWarningMsg, "trefoil::server: handler for GET /throw threw: boom");
    c.send(get("/throw"));
    const RawResponse r = c.one();
    QCOMPARE(r.status, 500);
    QCOMPARE(r.json().value(u"code"_s).toString(), u"unexpected"_s);
    c.send(get("/hello"));
    QCOMPARE(c.one().status, 200);
}

void TestApiServer::responderCalledTwice()
{
    auto server = start();
    server->route("GET", u"/twice"_s, [](const HttpRequest &, Responder respond) {
        respond(HttpResponse::text(200, "first"));
        respond(HttpResponse::text(200, "second"));
    });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    QTest::ignoreMessage(
        QtWarningMsg, "trefoil::server: a Responder was called more than once; ignoring the extra answer");
    c.send(get("/twice") + get("/hello"));
    const QList<RawResponse> rs = c.read(2);
    QCOMPARE(rs.size(), 2);
    QCOMPARE(rs.at(0).body, "first"_ba);
    QCOMPARE(rs.at(1).body, "hello"_ba);
}

void TestApiServer::http10ClosesByDefault()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("GET /hello HTTP/1.0\r\n\r\n");
    const RawResponse r = c.one();
    QVERIFY(c.buffer().isEmpty());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("connection"), "close"_ba);
    QVERIFY(c.waitClosed());
}

void TestApiServer::requestTimeout()
{
    ServerOptions options;
    options.requestTimeoutMs = 200;
    auto server = start(options);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("GET /hello HTTP/1.1\r\nHost: slow"); // slowloris: never finishes the head
    const RawResponse r = c.one();
    QCOMPARE(r.status, 408);
    QVERIFY(c.waitClosed());

    RawClient c2(server->port());
    QVERIFY(c2.waitConnected());
    c2.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"); // body never completes
    QCOMPARE(c2.one().status, 408);
    QVERIFY(c2.waitClosed());
}

void TestApiServer::idleTimeout()
{
    ServerOptions options;
    options.idleTimeoutMs = 200;
    auto server = start(options);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(get("/hello"));
    QCOMPARE(c.one().status, 200);
    QVERIFY(c.waitClosed(5000));
    QVERIFY(c.buffer().isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return server->connectionCount() == 0; }, 5000));
}

void TestApiServer::corsPreflight()
{
    ServerOptions options;
    options.adminSecret = u"s3cret"_s;
    auto server = start(options);
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("OPTIONS /echo HTTP/1.1\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n"
           "Access-Control-Request-Headers: content-type,x-hasura-admin-secret\r\n\r\n");
    RawResponse r = c.one();
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("access-control-allow-origin"), "*"_ba);
    QCOMPARE(r.header("access-control-allow-methods"), "OPTIONS, POST"_ba);
    QCOMPARE(r.header("access-control-allow-headers"), "content-type,x-hasura-admin-secret"_ba);
    QCOMPARE(r.header("access-control-max-age"), "86400"_ba);
    QVERIFY(r.header("content-length").isEmpty());

    c.send(post("/echo", "x", "Origin: http://localhost:3000\r\nX-Hasura-Admin-Secret: s3cret\r\n"));
    r = c.one();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("access-control-allow-origin"), "*"_ba);

    c.send("OPTIONS * HTTP/1.1\r\n\r\n");
    QCOMPARE(c.one().status, 204);
}

void TestApiServer::webSocketSubprotocols_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("secret");
    QTest::newRow("graphql-transport-ws") << u"graphql-transport-ws"_s << QString();
    QTest::newRow("graphql-ws") << u"graphql-ws"_s << QString();
    QTest::newRow("with admin secret set") << u"graphql-transport-ws"_s << u"s3cret"_s;
}

void TestApiServer::webSocketSubprotocols()
{
    QFETCH(QString, protocol);
    QFETCH(QString, secret);
    ServerOptions options;
    options.adminSecret = secret;
    auto server = start(options);
    server->route("POST", u"/v1/graphql"_s, [](const HttpRequest &, Responder respond) {
        respond(HttpResponse::json(200, { { u"via"_s, u"http"_s } }));
    });
    QPointer<QWebSocket> serverSide;
    server->setWebSocketHandler(u"/v1/graphql"_s, [&](QWebSocket *socket) {
        serverSide = socket;
        socket->setParent(this);
        connect(socket, &QWebSocket::textMessageReceived, socket,
            [socket](const QString &message) { socket->sendTextMessage(u"echo:"_s + message); });
    });

    QWebSocket client;
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({ u"unknown-proto"_s, protocol });
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(u"ws://127.0.0.1:%1/v1/graphql"_s.arg(server->port())), handshake);
    QVERIFY(connected.wait(5000));
    QCOMPARE(client.subprotocol(), protocol);
    QVERIFY(QTest::qWaitFor([&] { return !serverSide.isNull(); }, 5000));
    QCOMPARE(serverSide->subprotocol(), protocol);
    client.sendTextMessage(u"{\"type\":\"connection_init\"}"_s);
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().first().toString(), u"echo:{\"type\":\"connection_init\"}"_s);

    // Same port and path still serve plain HTTP.
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send(post(
        "/v1/graphql", "{}", secret.isEmpty() ? QByteArray() : "X-Hasura-Admin-Secret: " + secret.toUtf8() + "\r\n"));
    QCOMPARE(c.one().json().value(u"via"_s).toString(), u"http"_s);

    client.close();
    delete serverSide.data();
}

void TestApiServer::webSocketRawHandshake()
{
    auto server = start();
    QList<QWebSocket *> accepted;
    server->setWebSocketHandler(u"/v1/graphql"_s, [&](QWebSocket *socket) {
        socket->setParent(this);
        accepted.append(socket);
    });
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    c.send("GET /v1/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: graphql-ws\r\n\r\n");
    const RawResponse r = c.one();
    QCOMPARE(r.status, 101);
    QCOMPARE(r.header("sec-websocket-protocol"), "graphql-ws"_ba);
    QCOMPARE(r.header("sec-websocket-accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_ba);
    QVERIFY(QTest::qWaitFor([&] { return accepted.size() == 1; }, 5000));
    QCOMPARE(server->connectionCount(), 0); // handed over, no longer an HTTP connection
    qDeleteAll(accepted);
}

void TestApiServer::webSocketUpgradeOnHttpOnlyPath()
{
    auto server = start();
    RawClient c(server->port());
    QVERIFY(c.waitConnected());
    const QByteArray upgrade
        = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n";
    c.send(get("/nowhere", upgrade));
    QCOMPARE(c.one().status, 404);
    c.send(get("/hello", upgrade)); // a routed HTTP path ignores the upgrade and answers normally
    QCOMPARE(c.one().body, "hello"_ba);
}

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
