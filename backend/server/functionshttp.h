#pragma once

#include "backend/server/httprequest.h"
#include "backend/server/httpresponse.h"

#include <functional>

namespace trefoil::server {

// Built-in functions as webhooks: POST /v1/functions/<name> with Hasura's event payload. The
// runner executes the named function; this adapter only maps the path and the answer.
class FunctionsHttp final {
public:
    using Done = std::function<void(int status, const QByteArray &body)>;
    using Runner = std::function<void(const QString &name, const QByteArray &payload, Done done)>;

    static constexpr QStringView PathPrefix = u"/v1/functions/";

    static void handle(const HttpRequest &request, const Runner &run, std::function<void(HttpResponse)> respond);
};

} // namespace trefoil::server
