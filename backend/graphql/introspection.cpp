#include "backend/graphql/introspection.h"

#include <QJsonArray>
#include <QJsonObject>

namespace trefoil::graphql {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString kindName(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QStringLiteral("SCALAR");
    case TypeKind::Object:
        return QStringLiteral("OBJECT");
    case TypeKind::InputObject:
        return QStringLiteral("INPUT_OBJECT");
    case TypeKind::Enum:
        return QStringLiteral("ENUM");
    }
    return {};
}

} // namespace

QJsonValue Introspection::resolve(const ResolvedField &f) const
{
    if (f.def && f.def->role == FieldRole::IntrospectionSchema)
        return schemaObject(f.children);
    const Value *name = f.arg(QStringLiteral("name"));
    const TypeDef *type = name ? m_schema.type(name->text) : nullptr;
    return type ? namedType(*type, f.children) : QJsonValue(QJsonValue::Null);
}

QJsonValue Introspection::schemaObject(const std::vector<ResolvedField> &selection) const
{
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v;
        if (s.name == QLatin1String("__typename")) {
            v = QStringLiteral("__Schema");
        } else if (s.name == QLatin1String("description")) {
            v = QJsonValue::Null;
        } else if (s.name == QLatin1String("types")) {
            QJsonArray types;
            for (const TypeDef &t : m_schema.types())
                types.append(namedType(t, s.children));
            v = types;
        } else if (s.name == QLatin1String("queryType")) {
            v = namedType(*m_schema.type(m_schema.queryType()), s.children);
        } else if (s.name == QLatin1String("mutationType")) {
            const TypeDef *t = m_schema.type(m_schema.mutationType());
            v = t ? namedType(*t, s.children) : QJsonValue(QJsonValue::Null);
        } else if (s.name == QLatin1String("subscriptionType")) {
            v = namedType(*m_schema.type(m_schema.subscriptionType()), s.children);
        } else if (s.name == QLatin1String("directives")) {
            const InputValueDef ifArg { QStringLiteral("if"), QStringLiteral("Boolean!"), {}, {} };
            const QStringList fieldLocations
                = { QStringLiteral("FIELD"), QStringLiteral("FRAGMENT_SPREAD"), QStringLiteral("INLINE_FRAGMENT") };
            QJsonArray directives;
            directives.append(directive(QStringLiteral("include"),
                QStringLiteral("whether this query should be included"), fieldLocations, { ifArg }, s.children));
            directives.append(directive(QStringLiteral("skip"), QStringLiteral("whether this query should be skipped"),
                fieldLocations, { ifArg }, s.children));
            directives.append(directive(QStringLiteral("deprecated"),
                QStringLiteral("marks an element of a GraphQL schema as no longer supported"),
                { QStringLiteral("FIELD_DEFINITION"), QStringLiteral("ARGUMENT_DEFINITION"),
                    QStringLiteral("INPUT_FIELD_DEFINITION"), QStringLiteral("ENUM_VALUE") },
                { InputValueDef { QStringLiteral("reason"), QStringLiteral("String"),
                    QStringLiteral("\"No longer supported\""), {} } },
                s.children));
            v = directives;
        }
        out.insert(s.key, v);
    }
    return out;
}

QJsonValue Introspection::directive(const QString &name, const QString &description, const QStringList &locations,
    const std::vector<InputValueDef> &args, const std::vector<ResolvedField> &selection) const
{
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v;
        if (s.name == QLatin1String("__typename")) {
            v = QStringLiteral("__Directive");
        } else if (s.name == QLatin1String("name")) {
            v = name;
        } else if (s.name == QLatin1String("description")) {
            v = description;
        } else if (s.name == QLatin1String("isRepeatable")) {
            v = false;
        } else if (s.name == QLatin1String("locations")) {
            v = QJsonArray::fromStringList(locations);
        } else if (s.name == QLatin1String("args")) {
            QJsonArray array;
            for (const InputValueDef &a : args)
                array.append(inputValue(a, s.children));
            v = array;
        }
        out.insert(s.key, v);
    }
    return out;
}

QJsonValue Introspection::typeRef(const QString &typeString, const std::vector<ResolvedField> &selection) const
{
    const bool nonNull = Schema::isNonNull(typeString);
    if (!nonNull && !Schema::isList(typeString)) {
        const TypeDef *t = m_schema.type(typeString);
        return t ? namedType(*t, selection) : QJsonValue(QJsonValue::Null);
    }
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v = QJsonValue::Null;
        if (s.name == QLatin1String("__typename"))
            v = QStringLiteral("__Type");
        else if (s.name == QLatin1String("kind"))
            v = nonNull ? QStringLiteral("NON_NULL") : QStringLiteral("LIST");
        else if (s.name == QLatin1String("ofType"))
            v = typeRef(Schema::unwrapOne(typeString), s.children);
        out.insert(s.key, v);
    }
    return out;
}

QJsonValue Introspection::namedType(const TypeDef &type, const std::vector<ResolvedField> &selection) const
{
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v = QJsonValue::Null;
        if (s.name == QLatin1String("__typename")) {
            v = QStringLiteral("__Type");
        } else if (s.name == QLatin1String("kind")) {
            v = kindName(type.kind);
        } else if (s.name == QLatin1String("name")) {
            v = type.name;
        } else if (s.name == QLatin1String("description")) {
            v = orNull(type.description);
        } else if (s.name == QLatin1String("fields")) {
            if (type.kind == TypeKind::Object) {
                QJsonArray array;
                for (const FieldDef &f : type.fields)
                    array.append(field(f, s.children));
                v = array;
            }
        } else if (s.name == QLatin1String("interfaces")) {
            if (type.kind == TypeKind::Object)
                v = QJsonArray();
        } else if (s.name == QLatin1String("enumValues")) {
            if (type.kind == TypeKind::Enum) {
                QJsonArray array;
                for (const QString &e : type.enumValues) {
                    QJsonObject value;
                    for (const ResolvedField &ev : s.children) {
                        QJsonValue x = QJsonValue::Null;
                        if (ev.name == QLatin1String("__typename"))
                            x = QStringLiteral("__EnumValue");
                        else if (ev.name == QLatin1String("name"))
                            x = e;
                        else if (ev.name == QLatin1String("isDeprecated"))
                            x = false;
                        value.insert(ev.key, x);
                    }
                    array.append(value);
                }
                v = array;
            }
        } else if (s.name == QLatin1String("inputFields")) {
            if (type.kind == TypeKind::InputObject) {
                QJsonArray array;
                for (const InputValueDef &f : type.inputFields)
                    array.append(inputValue(f, s.children));
                v = array;
            }
        }
        // possibleTypes, specifiedByURL, ofType: null for the types we have.
        out.insert(s.key, v);
    }
    return out;
}

QJsonValue Introspection::field(const FieldDef &def, const std::vector<ResolvedField> &selection) const
{
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v = QJsonValue::Null;
        if (s.name == QLatin1String("__typename")) {
            v = QStringLiteral("__Field");
        } else if (s.name == QLatin1String("name")) {
            v = def.name;
        } else if (s.name == QLatin1String("description")) {
            v = orNull(def.description);
        } else if (s.name == QLatin1String("args")) {
            QJsonArray array;
            for (const InputValueDef &a : def.args)
                array.append(inputValue(a, s.children));
            v = array;
        } else if (s.name == QLatin1String("type")) {
            v = typeRef(def.type, s.children);
        } else if (s.name == QLatin1String("isDeprecated")) {
            v = false;
        }
        out.insert(s.key, v);
    }
    return out;
}

QJsonValue Introspection::inputValue(const InputValueDef &def, const std::vector<ResolvedField> &selection) const
{
    QJsonObject out;
    for (const ResolvedField &s : selection) {
        QJsonValue v = QJsonValue::Null;
        if (s.name == QLatin1String("__typename"))
            v = QStringLiteral("__InputValue");
        else if (s.name == QLatin1String("name"))
            v = def.name;
        else if (s.name == QLatin1String("description"))
            v = orNull(def.description);
        else if (s.name == QLatin1String("type"))
            v = typeRef(def.type, s.children);
        else if (s.name == QLatin1String("defaultValue"))
            v = orNull(def.defaultValue);
        else if (s.name == QLatin1String("isDeprecated"))
            v = false;
        out.insert(s.key, v);
    }
    return out;
}

} // namespace trefoil::graphql
