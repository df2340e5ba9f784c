#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace trefoil::server {

// What a handler answers. The server adds Content-Length, Date, Connection and CORS headers;
// headers that would change the framing (Content-Length, Transfer-Encoding, Connection) are ignored.
struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    HttpResponse &addHeader(QByteArray name, QByteArray value)
    {
        headers.append({ std::move(name), std::move(value) });
        return *this;
    }

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse text(int status, QByteArray body, QByteArray contentType = "text/plain; charset=utf-8");
    // {"error": message, "code": …} like Hasura; the code is derived from the status
    // (400 bad-request, 401 access-denied, 404 not-found, 413 request-too-large, 500 unexpected, …).
    static HttpResponse error(int status, const QString &message);
    static HttpResponse error(int status, const QString &message, const QString &code);

    static QString codeForStatus(int status);
    static QByteArray reasonPhrase(int status);
};

} // namespace trefoil::server
