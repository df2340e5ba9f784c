#include "backend/events/webhookclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace trefoil::events {

WebhookClient::WebhookClient(QObject *parent)
    : QObject(parent)
{
    for (int i = 0; i < 8; ++i)
        m_managers.push_back(new QNetworkAccessManager(this));
}

std::optional<int> WebhookClient::parseRetryAfter(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int seconds = trimmed.toInt(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<int>(seconds) : std::nullopt;
    const QDateTime when
        = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(utc)));
}

void WebhookClient::post(const QUrl &url, const QJsonArray &headers, const QByteArray &payload, int timeoutMs,
    QObject *context, std::function<void(HandlerResult)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("trefoil-event-worker"));
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const QJsonValue &header : headers) {
        const QJsonObject object = header.toObject();
        QString value = object.value(QLatin1String("value")).toString();
        if (object.contains(QLatin1String("value_from_env")))
            value = qEnvironmentVariable(
                object.value(QLatin1String("value_from_env")).toString().toLocal8Bit().constData());
        request.setRawHeader(object.value(QLatin1String("name")).toString().toUtf8(), value.toUtf8());
    }
    QNetworkAccessManager *manager = m_managers[m_next++ % m_managers.size()];
    QNetworkReply *reply = manager->post(request, payload);
    // A webhook that answers with an endless body must not fill our memory.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxResponseBytes)
            reply->abort();
    });
    QPointer<QObject> guard(context);
    connect(
        reply, &QNetworkReply::finished, this, [reply, guard, hasContext = context != nullptr, done = std::move(done)] {
            reply->deleteLater();
            if (hasContext && !guard)
                return;
            HandlerResult result;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            result.response = reply->read(MaxResponseBytes);
            result.outcome.httpStatus = status;
            if (status == 0
                && (reply->error() == QNetworkReply::OperationCanceledError
                    || reply->error() == QNetworkReply::TimeoutError)) {
                result.outcome.kind = AttemptOutcome::Kind::Timeout;
                result.error = tr("no response within the timeout");
            } else if (status >= 200 && status < 300) {
                result.outcome.kind = AttemptOutcome::Kind::Delivered;
            } else if (status > 0) {
                result.outcome.kind = AttemptOutcome::Kind::HttpError;
                result.outcome.retryAfterSeconds = parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
                result.error = tr("webhook answered HTTP %1").arg(status);
            } else {
                result.outcome.kind = AttemptOutcome::Kind::NetworkError;
                result.error = reply->errorString();
            }
            done(std::move(result));
        });
}

} // namespace trefoil::events
