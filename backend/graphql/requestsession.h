#pragma once

#include <QJsonObject>
#include <QString>

namespace trefoil::graphql {

// Who sent a request: the role it runs as and its x-hasura-* session variables (lowercase names),
// from HTTP headers or a WebSocket's connection_init payload.headers. Custom root fields read it
// to record who did what.
struct RequestSession {
    QString role = QStringLiteral("admin");
    QJsonObject variables;

    // The x-hasura-* entries of a header object (any case), as session variables.
    static RequestSession fromHeaders(const QString &role, const QJsonObject &headers)
    {
        RequestSession session;
        session.role = role;
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QString name = it.key().toLower();
            // The secret authenticates; it is no session variable and must never reach a log.
            if (name.startsWith(QLatin1String("x-hasura-")) && name != QLatin1String("x-hasura-admin-secret")
                && name != QLatin1String("x-hasura-access-key"))
                session.variables.insert(name, it.value().toString());
        }
        return session;
    }

    // Whom an audit entry names: x-hasura-user-id when given, else the role.
    QString actor() const
    {
        const QString user = variables.value(QLatin1String("x-hasura-user-id")).toString();
        return user.isEmpty() ? role : user;
    }
};

} // namespace trefoil::graphql
