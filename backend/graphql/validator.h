#pragma once

#include "backend/graphql/graphqlerror.h"
#include "backend/graphql/schema.h"
#include "core/graphql/ast.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <optional>
#include <vector>

namespace trefoil::graphql {

// One field of the operation after validation: fragments expanded, @skip/@include applied,
// fields with the same response key merged, arguments coerced with variables substituted and
// defaults filled in. The compiler and the introspection resolver work only on these.
struct ResolvedField {
    QString key;
    QString name;
    const FieldDef *def = nullptr; // nullptr for __typename
    QString parentType;
    std::vector<Argument> args;
    std::vector<ResolvedField> children;
    SourceLocation location;

    const Value *arg(const QString &argName) const;
};

struct ResolvedOperation {
    OperationType type = OperationType::Query;
    QString rootType;
    std::vector<ResolvedField> fields;
};

struct ValidationLimits {
    int maxDepth = 32; // nested selection sets
    int maxFields = 10000; // fields after fragment expansion
};

// Checks an executable document against a Schema and resolves the chosen operation.
class Validator {
public:
    explicit Validator(const Schema &schema, ValidationLimits limits = {});

    std::optional<ResolvedOperation> resolve(
        const Document &document, const QString &operationName, const QJsonObject &variables);
    const std::vector<GraphqlError> &errors() const { return m_errors; }

    // A JSON value as a literal (objects lose their key order, as JSON does).
    static Value jsonToValue(const QJsonValue &json);

private:
    const Schema &m_schema;
    ValidationLimits m_limits;
    std::vector<GraphqlError> m_errors;
    QHash<QString, const FragmentDefinition *> m_fragments;
    QHash<QString, const VariableDefinition *> m_variableDefs;
    QHash<QString, Value> m_variables; // coerced; absent when neither given nor defaulted
    QJsonObject m_variablesJson;
    int m_fieldCount = 0;
    bool m_depthReported = false;

    void error(const QString &message, SourceLocation location, const QJsonArray &path = {},
        const QString &code = QStringLiteral("validation-failed"));
    std::vector<ResolvedField> resolveSelections(
        const TypeDef &type, const std::vector<const SelectionSet *> &sets, const QJsonArray &path, int depth);
    struct Group {
        QString key;
        std::vector<const Selection *> fields;
    };
    bool collect(const TypeDef &type, const SelectionSet &set, std::vector<Group> &groups, QSet<QString> &visiting);
    bool checkDirectives(const std::vector<Directive> &directives);
    bool offsetFromString(const InputValueDef &def, Value *value, const QJsonArray &path, SourceLocation location);
    bool checkDistinctOn(const ResolvedField &field, const QJsonArray &path);
    // Coerces `value` to `type`; false (error recorded) when it does not fit. *present is false
    // when the value is an absent variable.
    bool coerce(const Value &value, const QString &type, const QJsonArray &path, SourceLocation location, bool fromJson,
        Value *out, bool *present);
    bool coerceArguments(const std::vector<Argument> &given, const std::vector<InputValueDef> &defs,
        const QString &owner, const QJsonArray &path, SourceLocation location, std::vector<Argument> *out);
    static bool compatible(const QString &variableType, const QString &locationType);
};

} // namespace trefoil::graphql
