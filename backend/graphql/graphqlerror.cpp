#include "backend/graphql/graphqlerror.h"

#include <QJsonDocument>

namespace trefoil::graphql {

QJsonObject GraphqlError::toJson() const
{
    QJsonArray locationArray;
    for (const SourceLocation &l : locations) {
        if (l.line > 0)
            locationArray.append(
                QJsonObject { { QStringLiteral("line"), l.line }, { QStringLiteral("column"), l.column } });
    }
    QJsonObject error { { QStringLiteral("message"), message }, { QStringLiteral("path"), path },
        { QStringLiteral("extensions"), QJsonObject { { QStringLiteral("code"), code } } } };
    if (!locationArray.isEmpty())
        error.insert(QStringLiteral("locations"), locationArray);
    return error;
}

QByteArray GraphqlError::response(const std::vector<GraphqlError> &errors)
{
    QJsonArray array;
    for (const GraphqlError &e : errors)
        array.append(e.toJson());
    return QJsonDocument(QJsonObject { { QStringLiteral("errors"), array } }).toJson(QJsonDocument::Compact);
}

} // namespace trefoil::graphql
