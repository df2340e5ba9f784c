#include "backend/server/wsconnectionauth.h"

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {
QString roleHeader(const QJsonObject &headers)
{
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(u"x-hasura-role"_s, Qt::CaseInsensitive) == 0)
            return it.value().toString();
    }
    return {};
}
} // namespace

QJsonObject WsConnectionAuth::headersOf(const QNetworkRequest &upgrade)
{
    QJsonObject headers;
    const QList<QByteArray> names = upgrade.rawHeaderList();
    for (const QByteArray &name : names)
        headers.insert(QString::fromLatin1(name), QString::fromUtf8(upgrade.rawHeader(name)));
    return headers;
}

std::optional<QString> WsConnectionAuth::role(
    const AdminSecret &secret, const QNetworkRequest &upgrade, const QJsonObject &initPayload)
{
    const QJsonObject payloadHeaders = initPayload.value(u"headers"_s).toObject();
    const QJsonObject upgradeHeaders = headersOf(upgrade);
    if (secret.isRequired()) {
        const QByteArray inPayload = AdminSecret::presentedBy(payloadHeaders);
        const QByteArray inUpgrade = AdminSecret::presentedBy(upgradeHeaders);
        // Each check runs, so the time taken does not tell which place held the secret.
        const bool payloadOk = !inPayload.isNull() && secret.accepts(inPayload);
        const bool upgradeOk = !inUpgrade.isNull() && secret.accepts(inUpgrade);
        if (!payloadOk && !upgradeOk)
            return std::nullopt;
    }
    QString role = roleHeader(payloadHeaders);
    if (role.isEmpty())
        role = roleHeader(upgradeHeaders);
    return role == u"user"_s ? u"user"_s : u"admin"_s;
}

std::optional<graphql::RequestSession> WsConnectionAuth::session(
    const AdminSecret &secret, const QNetworkRequest &upgrade, const QJsonObject &initPayload)
{
    const std::optional<QString> accepted = role(secret, upgrade, initPayload);
    if (!accepted)
        return std::nullopt;
    QJsonObject headers;
    const QJsonObject upgradeHeaders = headersOf(upgrade);
    for (auto it = upgradeHeaders.begin(); it != upgradeHeaders.end(); ++it)
        headers.insert(it.key().toLower(), it.value());
    const QJsonObject payloadHeaders = initPayload.value(u"headers"_s).toObject();
    for (auto it = payloadHeaders.begin(); it != payloadHeaders.end(); ++it)
        headers.insert(it.key().toLower(), it.value());
    return graphql::RequestSession::fromHeaders(*accepted, headers);
}

} // namespace trefoil::server
