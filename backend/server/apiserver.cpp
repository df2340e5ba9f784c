#include "backend/server/apiserver.h"

#include "backend/server/httpconnection.h"

#include <QHash>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <chrono>

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {

struct MethodRoute {
    RequestHandler handler;
    Access access = Access::Admin;
};

struct PathRoutes {
    QString path; // exact path, or the prefix including its trailing '/'
    QHash<QByteArray, MethodRoute> methods;
};

qint64 steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

class ApiServer::Private final : public ConnectionHost {
public:
    Private(ApiServer *server, ServerOptions options)
        : q(server)
        , m_options(std::move(options))
        , m_adminSecret(m_options.adminSecret)
    {
    }

    const ServerOptions &options() const override { return m_options; }
    bool acceptsWebSocket(const QString &path) const override { return m_webSocketHandlers.contains(path); }
    void handOffWebSocket(QTcpSocket *socket) override { m_webSocketServer->handleConnection(socket); }
    void dispatch(const HttpRequest &request, Responder responder) override;
    void connectionFinished(HttpConnection *connection) override { m_connections.remove(connection); }

    const PathRoutes *findRoutes(const QString &path) const;
    QByteArray allowedMethods(const PathRoutes &routes) const;
    void onNewConnection();
    void onNewWebSocket();
    void sweep();

    ApiServer *q;
    ServerOptions m_options;
    AdminSecret m_adminSecret;
    QHash<QString, PathRoutes> m_exact;
    QList<PathRoutes> m_prefixes; // longest first
    QHash<QString, WebSocketHandler> m_webSocketHandlers;
    QTcpServer *m_tcpServer = nullptr;
    QWebSocketServer *m_webSocketServer = nullptr;
    QTimer *m_sweepTimer = nullptr;
    QSet<HttpConnection *> m_connections;
};

ApiServer::ApiServer(ServerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    d->m_tcpServer = new QTcpServer(this);
    connect(d->m_tcpServer, &QTcpServer::newConnection, this, [this] { d->onNewConnection(); });

    d->m_webSocketServer = new QWebSocketServer(u"trefoil"_s, QWebSocketServer::NonSecureMode, this);
    d->m_webSocketServer->setSupportedSubprotocols({ u"graphql-transport-ws"_s, u"graphql-ws"_s });
    connect(d->m_webSocketServer, &QWebSocketServer::newConnection, this, [this] { d->onNewWebSocket(); });

    // One timer for all connections' deadlines, instead of a timer per request.
    d->m_sweepTimer = new QTimer(this);
    const int shortest = std::min({ d->m_options.requestTimeoutMs, d->m_options.idleTimeoutMs, 2000 });
    d->m_sweepTimer->setInterval(std::clamp(shortest / 4, 10, 1000));
    connect(d->m_sweepTimer, &QTimer::timeout, this, [this] { d->sweep(); });
}

ApiServer::~ApiServer()
{
    d->m_sweepTimer->stop();
    d->m_tcpServer->close();
    const QSet<HttpConnection *> connections = std::exchange(d->m_connections, {});
    qDeleteAll(connections);
}

void ApiServer::route(QByteArray method, QString path, RequestHandler handler, Access access)
{
    method = method.toUpper();
    if (path.endsWith(u"/*")) {
        path.chop(1);
        auto it = std::find_if(
            d->m_prefixes.begin(), d->m_prefixes.end(), [&](const PathRoutes &r) { return r.path == path; });
        if (it == d->m_prefixes.end()) {
            d->m_prefixes.append(PathRoutes { path, {} });
            std::stable_sort(d->m_prefixes.begin(), d->m_prefixes.end(),
                [](const PathRoutes &a, const PathRoutes &b) { return a.path.size() > b.path.size(); });
            it = std::find_if(
                d->m_prefixes.begin(), d->m_prefixes.end(), [&](const PathRoutes &r) { return r.path == path; });
        }
        it->methods.insert(method, MethodRoute { std::move(handler), access });
        return;
    }
    PathRoutes &routes = d->m_exact[path];
    routes.path = path;
    routes.methods.insert(method, MethodRoute { std::move(handler), access });
}

void ApiServer::setWebSocketHandler(QString path, WebSocketHandler handler)
{
    d->m_webSocketHandlers.insert(path, std::move(handler));
}

bool ApiServer::listen(QString *error)
{
    auto setError = [error](QString message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    if (d->m_tcpServer->isListening())
        return setError(u"the server is already listening"_s);
    QHostAddress address;
    if (d->m_options.host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(d->m_options.host))
        return setError(
            u"cannot listen on \"%1\": the host must be an IP address or localhost"_s.arg(d->m_options.host));
    if (!address.isLoopback() && d->m_options.adminSecret.isEmpty()) {
        return setError(u"refusing to listen on %1 without an admin secret: anyone who can reach it would have "
                        "full access. Set --admin-secret, or listen on 127.0.0.1"_s.arg(d->m_options.host));
    }
    if (!d->m_tcpServer->listen(address, d->m_options.port)) {
        return setError(u"cannot listen on %1:%2: %3"_s.arg(d->m_options.host)
                            .arg(d->m_options.port)
                            .arg(d->m_tcpServer->errorString()));
    }
    d->m_sweepTimer->start();
    return true;
}

void ApiServer::close()
{
    d->m_tcpServer->close();
    d->m_sweepTimer->stop();
}

bool ApiServer::isListening() const
{
    return d->m_tcpServer->isListening();
}
quint16 ApiServer::port() const
{
    return d->m_tcpServer->serverPort();
}
QHostAddress ApiServer::address() const
{
    return d->m_tcpServer->serverAddress();
}
const ServerOptions &ApiServer::options() const
{
    return d->m_options;
}
int ApiServer::connectionCount() const
{
    return static_cast<int>(d->m_connections.size());
}

const AdminSecret &ApiServer::adminSecret() const
{
    return d->m_adminSecret;
}

void ApiServer::Private::onNewConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_connections.insert(new HttpConnection(socket, this, q));
    }
}

void ApiServer::Private::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_options.maxBodyBytes));
        const auto it = m_webSocketHandlers.constFind(socket->requestUrl().path());
        if (it == m_webSocketHandlers.cend()) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no WebSocket endpoint here"_s);
            socket->deleteLater();
            continue;
        }
        (*it)(socket);
    }
}

void ApiServer::Private::sweep()
{
    const qint64 now = steadyNowMs();
    // checkTimeout may close a connection, which removes it from the set: iterate over a copy.
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->checkTimeout(now);
}

const PathRoutes *ApiServer::Private::findRoutes(const QString &path) const
{
    if (const auto it = m_exact.constFind(path); it != m_exact.cend())
        return &*it;
    for (const PathRoutes &routes : m_prefixes) {
        if (path.startsWith(routes.path))
            return &routes;
    }
    return nullptr;
}

QByteArray ApiServer::Private::allowedMethods(const PathRoutes &routes) const
{
    QByteArrayList methods = routes.methods.keys();
    if (routes.methods.contains("GET") && !routes.methods.contains("HEAD"))
        methods.append("HEAD");
    if (!routes.methods.contains("OPTIONS"))
        methods.append("OPTIONS");
    std::sort(methods.begin(), methods.end());
    return methods.join(", ");
}

void ApiServer::Private::dispatch(const HttpRequest &request, Responder responder)
{
    if (request.path == u"*") { // OPTIONS * (the parser allows '*' only for OPTIONS)
        HttpResponse r;
        r.status = 204;
        r.addHeader("Allow", "GET, HEAD, POST, OPTIONS");
        responder(std::move(r));
        return;
    }
    const PathRoutes *routes = findRoutes(request.path);
    if (!routes) {
        if (m_webSocketHandlers.contains(request.path)) {
            HttpResponse r = HttpResponse::error(426, u"this endpoint speaks WebSocket only"_s);
            r.addHeader("Upgrade", "websocket");
            responder(std::move(r));
            return;
        }
        responder(HttpResponse::error(404, u"resource does not exist"_s));
        return;
    }

    auto it = routes->methods.constFind(request.method);
    if (it == routes->methods.cend() && request.method == "HEAD")
        it = routes->methods.constFind("GET");
    if (it == routes->methods.cend()) {
        if (request.method == "OPTIONS") {
            // CORS preflight (or a plain OPTIONS): no secret needed, browsers send none here.
            HttpResponse r;
            r.status = 204;
            const QByteArray allow = allowedMethods(*routes);
            r.addHeader("Allow", allow);
            r.addHeader("Access-Control-Allow-Origin", "*");
            r.addHeader("Access-Control-Allow-Methods", allow);
            const QByteArray requested = request.header("access-control-request-headers");
            r.addHeader("Access-Control-Allow-Headers",
                requested.isEmpty() ? QByteArray("Content-Type, Authorization, X-Hasura-Admin-Secret, X-Hasura-Role")
                                    : requested);
            r.addHeader("Access-Control-Max-Age", "86400");
            responder(std::move(r));
            return;
        }
        HttpResponse r
            = HttpResponse::error(405, u"method %1 not allowed here"_s.arg(QString::fromLatin1(request.method)));
        r.addHeader("Allow", allowedMethods(*routes));
        responder(std::move(r));
        return;
    }

    if (it->access == Access::Admin && !m_adminSecret.accepts(request)) {
        responder(HttpResponse::error(401, u"invalid x-hasura-admin-secret/x-hasura-access-key"_s, u"access-denied"_s));
        return;
    }

    try {
        it->handler(request, std::move(responder));
    } catch (const std::exception &e) {
        qWarning("trefoil::server: handler for %s %s threw: %s", request.method.constData(),
            qUtf8Printable(request.path), e.what());
        // The responder was moved into the handler; its destructor answers 500 if it was dropped.
    } catch (...) {
        qWarning("trefoil::server: handler for %s %s threw", request.method.constData(), qUtf8Printable(request.path));
    }
}

} // namespace trefoil::server
