#pragma once

#include "core/graphql/ast.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace trefoil::graphql {

// One entry of a response's "errors", with Hasura's extension codes.
struct GraphqlError {
    QString message;
    QString code
        = QStringLiteral("validation-failed"); // parse-failed, constraint-violation, data-exception, unexpected
    std::vector<SourceLocation> locations;
    QJsonArray path;

    QJsonObject toJson() const;
    // {"errors":[…]}
    static QByteArray response(const std::vector<GraphqlError> &errors);
};

} // namespace trefoil::graphql
