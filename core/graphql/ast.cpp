#include "core/graphql/ast.h"

namespace trefoil::graphql {

const QString &TypeRef::namedType() const
{
    const TypeRef *t = this;
    while (t->kind != Kind::Named)
        t = &t->inner();
    return t->name;
}

const OperationDefinition *Document::operation(const QString &name) const
{
    if (name.isEmpty())
        return operations.size() == 1 ? &operations.front() : nullptr;
    for (const OperationDefinition &op : operations) {
        if (op.name == name)
            return &op;
    }
    return nullptr;
}

const FragmentDefinition *Document::fragment(const QString &name) const
{
    for (const FragmentDefinition &f : fragments) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QString operationTypeName(OperationType type)
{
    switch (type) {
    case OperationType::Query:
        return QStringLiteral("query");
    case OperationType::Mutation:
        return QStringLiteral("mutation");
    case OperationType::Subscription:
        return QStringLiteral("subscription");
    }
    return {};
}

} // namespace trefoil::graphql
