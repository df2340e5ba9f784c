#pragma once

#include "backend/server/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace trefoil::server {

// The one admin-secret check, for HTTP requests and WebSocket connections alike. The secret is
// presented as Hasura clients present it: the x-hasura-admin-secret header (or the older
// x-hasura-access-key), on the request or, over WebSocket, in connection_init's payload.headers.
// Only a digest of the secret is kept, and comparisons take the same time wherever they differ.
class AdminSecret final {
public:
    explicit AdminSecret(const QString &secret = {});

    // False when no secret is configured: then everything is accepted.
    bool isRequired() const { return !m_digest.isEmpty(); }
    // True when no secret is required, or `presented` is the secret.
    bool accepts(QByteArrayView presented) const;
    bool accepts(const HttpRequest &request) const { return accepts(presentedBy(request)); }

    // What a request presents (null when it presents nothing).
    static QByteArray presentedBy(const HttpRequest &request);
    // What a JSON headers object presents (header names in any case, as clients send them).
    static QByteArray presentedBy(const QJsonObject &headers);

private:
    QByteArray m_digest; // SHA-256 of the secret; empty when none is configured
};

} // namespace trefoil::server
