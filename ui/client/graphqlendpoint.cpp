#include "ui/client/graphqlendpoint.h"

namespace trefoil::ui {

QUrl GraphqlEndpoint::webSocketUrl(QString *problem) const
{
    const auto fail = [problem](const QString &why) {
        if (problem)
            *problem = why;
        return QUrl();
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("\"%1\" is not a server address; expected e.g. http://127.0.0.1:8080.")
                        .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    QUrl result = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1StringView("http") || scheme == QLatin1StringView("ws"))
        result.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1StringView("https") || scheme == QLatin1StringView("wss"))
        result.setScheme(QStringLiteral("wss"));
    else
        return fail(tr("The address must start with http://, https://, ws:// or wss://, not \"%1\".").arg(scheme));
    if (result.path().isEmpty() || result.path() == QLatin1StringView("/"))
        result.setPath(QStringLiteral("/v1/graphql"));
    return result;
}

QString GraphqlEndpoint::displayName() const
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace trefoil::ui
