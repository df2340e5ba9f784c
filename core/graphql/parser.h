#pragma once

#include "core/graphql/ast.h"

#include <QByteArrayView>
#include <QString>

#include <vector>

namespace trefoil::graphql {

// Bounds on untrusted input, so a hostile request costs bounded time, memory and stack.
struct ParseLimits {
    qsizetype maxSourceBytes = 1024 * 1024;
    int maxTokens = 20000;
    // Selection sets, list and object values and list types each add one level.
    int maxDepth = 64;
};

// A syntax or limit error in graphql-js wording; line/column as in SourceLocation.
struct ParseError {
    QString message;
    int line = 0;
    int column = 0;
};

// Either a document (errors empty) or the first error that stopped parsing.
struct ParseResult {
    Document document;
    std::vector<ParseError> errors;

    bool ok() const { return errors.empty(); }
};

struct ValueParseResult {
    Value value;
    std::vector<ParseError> errors;

    bool ok() const { return errors.empty(); }
};

// Parses an executable document from UTF-8 source.
ParseResult parse(QByteArrayView utf8Source, const ParseLimits &limits = {});
ParseResult parse(const QString &source, const ParseLimits &limits = {});

// Parses one standalone value such as `{a: [1, $b]}` (variables allowed).
ValueParseResult parseValue(QByteArrayView utf8Source, const ParseLimits &limits = {});

} // namespace trefoil::graphql
