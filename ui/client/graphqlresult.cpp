#include "ui/client/graphqlresult.h"

#include <QStringList>

namespace trefoil::ui {

QString GraphqlResult::errorString() const
{
    if (!transportError.isEmpty())
        return transportError;
    QStringList messages;
    for (const QJsonValue error : errors) {
        const QString message = error.toObject().value(QLatin1StringView("message")).toString();
        messages << (message.isEmpty() ? tr("The server reported an error without a message.") : message);
    }
    return messages.join(QLatin1Char('\n'));
}

GraphqlResult GraphqlResult::fromPayload(const QJsonObject &payload)
{
    GraphqlResult result;
    result.data = payload.value(QLatin1StringView("data")).toObject();
    result.errors = payload.value(QLatin1StringView("errors")).toArray();
    return result;
}

GraphqlResult GraphqlResult::fromErrors(const QJsonArray &errors)
{
    GraphqlResult result;
    result.errors = errors;
    return result;
}

GraphqlResult GraphqlResult::transportFailure(const QString &message)
{
    GraphqlResult result;
    result.transportError = message;
    return result;
}

} // namespace trefoil::ui
