#pragma once

#include "backend/server/httprequest.h"
#include "backend/server/httpresponse.h"

#include <QJsonValue>

#include <functional>

namespace trefoil::server {

// Hasura's metadata calls over HTTP (/v1/metadata, and /v1/query as the 3factor setup uses):
// a JSON call (or a list of them) in, a JSON answer with its status out. The calls themselves are
// the handler's; this adapter only parses and serialises.
class MetadataHttp final {
public:
    using Reply = std::function<void(int status, const QJsonValue &body)>;
    using Handler = std::function<void(const QJsonValue &call, Reply reply)>;

    static void handle(const HttpRequest &request, const Handler &handler, std::function<void(HttpResponse)> respond);
    // Hasura's error body: {"path": "$", "error": "…", "code": "…"}.
    static QJsonObject errorBody(const QString &path, const QString &message, const QString &code);
};

} // namespace trefoil::server
