#pragma once

#include "backend/events/handlerregistry.h"

#include <QJsonArray>
#include <QObject>
#include <QUrl>

#include <vector>

class QNetworkAccessManager;

namespace trefoil::events {

// Delivers event payloads to HTTP webhooks: POST with the trigger's headers, a per-attempt
// timeout, connections reused across deliveries, and a bounded response size.
class WebhookClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookClient)

public:
    static constexpr qint64 MaxResponseBytes = 1024 * 1024;

    explicit WebhookClient(QObject *parent = nullptr);

    void post(const QUrl &url, const QJsonArray &headers, const QByteArray &payload, int timeoutMs, QObject *context,
        std::function<void(HandlerResult)> done);

    // Seconds from a Retry-After value: delta-seconds or an HTTP date.
    static std::optional<int> parseRetryAfter(const QByteArray &value);

private:
    // QNetworkAccessManager opens at most six connections to one host; several managers let the
    // worker's webhook concurrency reach one receiver.
    std::vector<QNetworkAccessManager *> m_managers;
    size_t m_next = 0;
};

} // namespace trefoil::events
