#pragma once

#include <QString>

#include <optional>
#include <vector>

// The AST is plain aggregates with public fields (no m_ prefix): it is data that the
// parser fills and the executor walks, and aggregates keep that code short and copyable.
namespace trefoil::graphql {

// Where a node starts: 1-based line and column; columns count UTF-16 code units like
// graphql-js, so locations we report match what GraphQL client tooling expects.
struct SourceLocation {
    int line = 0;
    int column = 0;

    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

struct ObjectField;

// A literal or variable as written in the document; one tagged struct instead of a
// variant keeps values copyable and makes recursive walks a plain switch.
struct Value {
    enum class Kind : quint8 { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };

    Kind kind = Kind::Null;
    bool boolean = false;
    // Kept only so the printer can write a block string back as one.
    bool block = false;
    // Variable name without '$', Int/Float lexeme, decoded String, or Enum name.
    QString text;
    std::vector<Value> list;
    std::vector<ObjectField> fields;
    SourceLocation location;
};

// One `name: value` entry of an input object literal.
struct ObjectField {
    QString name;
    Value value;
    SourceLocation location;
};

// A type reference in a variable definition: Named, [ofType] or ofType!.
struct TypeRef {
    enum class Kind : quint8 { Named, List, NonNull };

    Kind kind = Kind::Named;
    QString name;
    // Exactly one element for List and NonNull; a vector keeps the recursion copyable.
    std::vector<TypeRef> ofType;
    SourceLocation location;

    const TypeRef &inner() const { return ofType.front(); }
    bool isNonNull() const { return kind == Kind::NonNull; }
    // The named type at the bottom of any list/non-null wrapping.
    const QString &namedType() const;
};

// One `name: value` of a field or directive.
struct Argument {
    QString name;
    Value value;
    SourceLocation location;
};

// An `@name(args)` annotation.
struct Directive {
    QString name;
    std::vector<Argument> arguments;
    SourceLocation location;
};

struct Selection;
using SelectionSet = std::vector<Selection>;

// One entry of a selection set; Field, FragmentSpread and InlineFragment share one tagged
// struct because they share most parts and the executor switches on kind anyway.
struct Selection {
    enum class Kind : quint8 { Field, FragmentSpread, InlineFragment };

    Kind kind = Kind::Field;
    QString alias; // Field only; empty when absent
    QString name; // Field name or spread fragment name
    QString typeCondition; // InlineFragment only; empty when absent
    std::vector<Argument> arguments;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
    SourceLocation location;

    const QString &responseKey() const { return alias.isEmpty() ? name : alias; }
};

// `$name: Type = default @directives` in an operation header.
struct VariableDefinition {
    QString name;
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
    SourceLocation location;
};

enum class OperationType : quint8 { Query, Mutation, Subscription };

// A query, mutation or subscription with its variables and root selection set.
struct OperationDefinition {
    OperationType type = OperationType::Query;
    QString name; // empty for anonymous operations
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
    SourceLocation location;
};

// `fragment Name on Type @directives { ... }`.
struct FragmentDefinition {
    QString name;
    QString typeCondition;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
    SourceLocation location;
};

// An executable document; type-system definitions are rejected by the parser.
struct Document {
    std::vector<OperationDefinition> operations;
    std::vector<FragmentDefinition> fragments;

    // The operation a request asks for: by name, or the only one when name is empty.
    // nullptr when there is no such operation or the choice is ambiguous.
    const OperationDefinition *operation(const QString &name = {}) const;
    const FragmentDefinition *fragment(const QString &name) const;
};

QString operationTypeName(OperationType type);

} // namespace trefoil::graphql
