#pragma once

#include "backend/graphql/requestsession.h"
#include "backend/server/adminsecret.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QString>

#include <optional>

namespace trefoil::server {

// Who a GraphQL WebSocket connection is: the admin secret may come in connection_init's
// payload.headers (as Hasura clients send it) or in the upgrade request's headers (as clients
// that can set them do); either is enough. The role follows x-hasura-role as over HTTP.
class WsConnectionAuth final {
public:
    WsConnectionAuth() = delete;

    // The role of the connection, or nullopt when the secret is required and neither place has it.
    static std::optional<QString> role(
        const AdminSecret &secret, const QNetworkRequest &upgrade, const QJsonObject &initPayload);
    // The same with the connection's session variables: the x-hasura-* headers of the upgrade
    // request, overridden by those of payload.headers.
    static std::optional<graphql::RequestSession> session(
        const AdminSecret &secret, const QNetworkRequest &upgrade, const QJsonObject &initPayload);
    // The upgrade request's headers as a JSON object (name → value), the shape of payload.headers.
    static QJsonObject headersOf(const QNetworkRequest &upgrade);
};

} // namespace trefoil::server
