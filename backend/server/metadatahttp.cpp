#include "backend/server/metadatahttp.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace trefoil::server {

QJsonObject MetadataHttp::errorBody(const QString &path, const QString &message, const QString &code)
{
    return { { QStringLiteral("path"), path }, { QStringLiteral("error"), message }, { QStringLiteral("code"), code } };
}

void MetadataHttp::handle(const HttpRequest &request, const Handler &handler, std::function<void(HttpResponse)> respond)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return respond(HttpResponse::json(400,
            errorBody(QStringLiteral("$"),
                QCoreApplication::translate("MetadataHttp", "invalid JSON: %1").arg(parseError.errorString()),
                QStringLiteral("invalid-json"))));
    handler(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
        [respond = std::move(respond)](int status, const QJsonValue &body) {
            HttpResponse response;
            response.status = status;
            response.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                           : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
            respond(std::move(response));
        });
}

} // namespace trefoil::server
