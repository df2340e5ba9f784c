#include "backend/server/httpresponse.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace trefoil::server {

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse HttpResponse::text(int status, QByteArray body, QByteArray contentType)
{
    HttpResponse r;
    r.status = status;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return error(status, message, codeForStatus(status));
}

HttpResponse HttpResponse::error(int status, const QString &message, const QString &code)
{
    return json(status, QJsonObject { { u"error"_s, message }, { u"code"_s, code } });
}

QString HttpResponse::codeForStatus(int status)
{
    switch (status) {
    case 400:
        return u"bad-request"_s;
    case 401:
    case 403:
        return u"access-denied"_s;
    case 404:
        return u"not-found"_s;
    case 405:
        return u"method-not-allowed"_s;
    case 408:
        return u"request-timeout"_s;
    case 411:
        return u"length-required"_s;
    case 413:
        return u"request-too-large"_s;
    case 414:
        return u"uri-too-long"_s;
    case 415:
        return u"unsupported-media-type"_s;
    case 417:
        return u"expectation-failed"_s;
    case 426:
        return u"upgrade-required"_s;
    case 429:
        return u"too-many-requests"_s;
    case 431:
        return u"headers-too-large"_s;
    case 501:
        return u"not-supported"_s;
    case 503:
        return u"unavailable"_s;
    case 505:
        return u"http-version-not-supported"_s;
    default:
        return status >= 500 ? u"unexpected"_s : u"bad-request"_s;
    }
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
    }
}

} // namespace trefoil::server
