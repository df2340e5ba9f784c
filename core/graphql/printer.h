#pragma once

#include "core/graphql/ast.h"

#include <QString>

namespace trefoil::graphql {

// Canonical GraphQL text in graphql-js `print` layout: two-space indentation, arguments
// wrapped one per line past 80 columns, definitions separated by a blank line (operations
// first, then fragments). Block strings are not re-indented, which keeps their value intact.
QString print(const Document &document);
QString print(const OperationDefinition &operation);
QString print(const FragmentDefinition &fragment);
QString printValue(const Value &value);
QString printType(const TypeRef &type);

// String literal escaping as graphql-js printString / printBlockString do it.
QString printString(const QString &value);
QString printBlockString(const QString &value);

} // namespace trefoil::graphql
