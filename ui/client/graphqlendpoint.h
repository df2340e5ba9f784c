#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace trefoil::ui {

// Where the dashboard's API is: the server's URL (http(s) or ws(s); a URL without a path means
// /v1/graphql) and the admin secret sent in connection_init. The UI is handed one of these, never
// a Backend.
struct GraphqlEndpoint {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ui::GraphqlEndpoint)

public:
    QUrl url;
    QString adminSecret;

    // The WebSocket URL (http → ws, https → wss), or an invalid QUrl with `*problem` saying why.
    QUrl webSocketUrl(QString *problem = nullptr) const;
    // The URL as a person reads it, without user info (never the secret, which is not in it anyway).
    QString displayName() const;

    friend bool operator==(const GraphqlEndpoint &, const GraphqlEndpoint &) = default;
};

} // namespace trefoil::ui
