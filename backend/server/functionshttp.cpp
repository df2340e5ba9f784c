#include "backend/server/functionshttp.h"

namespace trefoil::server {

void FunctionsHttp::handle(const HttpRequest &request, const Runner &run, std::function<void(HttpResponse)> respond)
{
    const QString name = request.path.mid(PathPrefix.size());
    run(name, request.body, [respond = std::move(respond)](int status, const QByteArray &body) {
        HttpResponse response;
        response.status = status;
        response.body = body;
        respond(std::move(response));
    });
}

} // namespace trefoil::server
