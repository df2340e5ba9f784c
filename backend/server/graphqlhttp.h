#pragma once

#include "backend/server/httprequest.h"
#include "backend/server/httpresponse.h"

#include <QJsonObject>

#include <functional>

namespace trefoil::server {

// GraphQL over HTTP (the GraphQL-over-HTTP specification, as Hasura serves it): POST with a JSON
// body or GET with query parameters, application/json or application/graphql-response+json,
// mapped to one call of an executor that answers with the response JSON.
class GraphqlHttp {
public:
    using Executor
        = std::function<void(const QJsonObject &request, const QString &role, std::function<void(QByteArray)> done)>;

    static void handle(const HttpRequest &request, const Executor &execute, std::function<void(HttpResponse)> respond);
};

} // namespace trefoil::server
