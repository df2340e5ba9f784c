#pragma once

#include "backend/server/adminsecret.h"
#include "backend/server/httprequest.h"
#include "backend/server/httpresponse.h"
#include "backend/server/serveroptions.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QWebSocket;

namespace trefoil::server {

// Callable exactly once, now or later (e.g. from a database callback), on the server's thread.
// Calling it after the client went away does nothing; dropping every copy unanswered sends a 500.
using Responder = std::function<void(HttpResponse)>;
using RequestHandler = std::function<void(const HttpRequest &request, Responder respond)>;
// Receives ownership of an upgraded WebSocket (sub-protocol already negotiated).
using WebSocketHandler = std::function<void(QWebSocket *socket)>;

enum class Access {
    Public, // anyone (/healthz, /metrics)
    Admin, // needs x-hasura-admin-secret when an admin secret is configured
};

// The HTTP/1.1 + WebSocket listener: routes requests to handlers, checks the admin secret,
// applies size limits and timeouts, answers CORS preflights, and hands WebSocket upgrades on the
// same port and path to a QWebSocketServer that negotiates graphql-transport-ws / graphql-ws.
// Transport only: handlers carry the business logic.
class ApiServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(ServerOptions options, QObject *parent = nullptr);
    ~ApiServer() override;

    // Exact path ("/v1/graphql"), or a prefix route ending in "/*" ("/v1/functions/*" matches
    // "/v1/functions/anything/below"). The longest matching prefix wins; exact paths win over
    // prefixes. HEAD falls back to GET; OPTIONS is answered automatically unless routed.
    void route(QByteArray method, QString path, RequestHandler handler, Access access = Access::Admin);
    // Upgrade requests for this exact path go to the handler; other requests to the path still
    // reach HTTP routes. Upgrades are accepted without the admin secret: the GraphQL WebSocket
    // protocols carry it in connection_init, which the handler checks (adminSecret()).
    void setWebSocketHandler(QString path, WebSocketHandler handler);

    // Starts listening. Refuses a non-loopback address when no admin secret is set.
    bool listen(QString *error);
    void close();
    bool isListening() const;
    quint16 port() const; // the bound port once listening (useful with port 0)
    QHostAddress address() const;
    const ServerOptions &options() const;

    // The check for Access::Admin routes, for handlers that answer a refusal in their own format
    // (GraphQL errors) and for WebSocket sessions (the secret comes in connection_init).
    const AdminSecret &adminSecret() const;
    // Open HTTP connections (not counting handed-off WebSockets).
    int connectionCount() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace trefoil::server
