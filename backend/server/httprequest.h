#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace trefoil::server {

// One HTTP request as a handler sees it: complete, body de-chunked.
struct HttpRequest {
    QByteArray method; // upper case as sent: "GET", "POST", …
    QString path; // percent-decoded, without the query ("/v1/graphql")
    QUrlQuery query; // '+' already means space (as browsers' URLSearchParams send it)
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed, in arrival order
    QByteArray body;
    QHostAddress peer;

    // The first header of that name (case-insensitive), or an empty QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

} // namespace trefoil::server
