#pragma once

#include "backend/graphql/requestsession.h"
#include "backend/server/httprequest.h"
#include "backend/server/httpresponse.h"

#include <QJsonObject>

#include <functional>

namespace trefoil::server {

// GraphQL over HTTP (the GraphQL-over-HTTP specification, as Hasura serves it): POST with a JSON
// body or GET with query parameters, application/json or application/graphql-response+json,
// mapped to one call of an executor per operation that answers with the response JSON.
class GraphqlHttp {
public:
    // The session: the role (x-hasura-role) and the request's x-hasura-* headers.
    using Executor = std::function<void(
        const QJsonObject &request, const graphql::RequestSession &session, std::function<void(QByteArray)> done)>;

    // The most operations one batched request (a JSON array) may hold.
    static constexpr int MaxBatchSize = 100;

    // A JSON array of operations is a batch: answered with the array of their responses, in order.
    static void handle(const HttpRequest &request, const Executor &execute, std::function<void(HttpResponse)> respond);
};

} // namespace trefoil::server
