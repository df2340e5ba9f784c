#pragma once

#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"

#include <QJsonValue>

namespace trefoil::graphql {

// Answers __schema and __type from the Schema, in C++ (no SQL), for the selected fields only.
class Introspection {
public:
    explicit Introspection(const Schema &schema)
        : m_schema(schema)
    {
    }

    // field is a resolved __schema or __type root field.
    QJsonValue resolve(const ResolvedField &field) const;

private:
    const Schema &m_schema;

    QJsonValue schemaObject(const std::vector<ResolvedField> &selection) const;
    QJsonValue typeRef(const QString &typeString, const std::vector<ResolvedField> &selection) const;
    QJsonValue namedType(const TypeDef &type, const std::vector<ResolvedField> &selection) const;
    QJsonValue field(const FieldDef &def, const std::vector<ResolvedField> &selection) const;
    QJsonValue inputValue(const InputValueDef &def, const std::vector<ResolvedField> &selection) const;
    QJsonValue directive(const QString &name, const QString &description, const QStringList &locations,
        const std::vector<InputValueDef> &args, const std::vector<ResolvedField> &selection) const;
};

} // namespace trefoil::graphql
