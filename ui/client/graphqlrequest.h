#pragma once

#include <QJsonObject>
#include <QString>

namespace trefoil::ui {

// One GraphQL operation to send: the document, its variables and which operation of it to run.
struct GraphqlRequest {
    QString query;
    QJsonObject variables;
    QString operationName; // empty: the document's only operation

    // The graphql-transport-ws subscribe payload {query, variables?, operationName?}.
    QJsonObject toPayload() const
    {
        QJsonObject payload { { QLatin1StringView("query"), query } };
        if (!variables.isEmpty())
            payload.insert(QLatin1StringView("variables"), variables);
        if (!operationName.isEmpty())
            payload.insert(QLatin1StringView("operationName"), operationName);
        return payload;
    }

    friend bool operator==(const GraphqlRequest &, const GraphqlRequest &) = default;
};

} // namespace trefoil::ui
