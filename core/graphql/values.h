#pragma once

#include "core/graphql/ast.h"

#include <QJsonObject>
#include <QJsonValue>

#include <vector>

// Runtime evaluation of literal values and inclusion directives against request variables.
namespace trefoil::graphql {

// The JSON form of a value with variables substituted. A missing variable gives Undefined;
// object fields that come out Undefined are left out and list items become null, which is
// how GraphQL input coercion treats absent variables.
QJsonValue valueToJson(const Value &value, const QJsonObject &variables);

// Evaluates @skip(if:) and @include(if:); other directives do not affect inclusion.
// A condition that is not a boolean counts as false (validation rejects such documents).
bool shouldInclude(const std::vector<Directive> &directives, const QJsonObject &variables);

} // namespace trefoil::graphql
