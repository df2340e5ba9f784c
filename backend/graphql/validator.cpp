#include "backend/graphql/validator.h"

#include <QSet>

#include "core/graphql/parser.h"
#include "core/graphql/printer.h"
#include "core/graphql/values.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace trefoil::graphql {

namespace {

QString describe(const Value &v)
{
    switch (v.kind) {
    case Value::Kind::Int:
    case Value::Kind::Float:
        return QStringLiteral("a number");
    case Value::Kind::String:
        return QStringLiteral("a string");
    case Value::Kind::Boolean:
        return QStringLiteral("a boolean");
    case Value::Kind::Null:
        return QStringLiteral("null");
    case Value::Kind::Enum:
        return QStringLiteral("an enum value");
    case Value::Kind::List:
        return QStringLiteral("a list");
    case Value::Kind::Object:
        return QStringLiteral("an object");
    case Value::Kind::Variable:
        return QStringLiteral("a variable");
    }
    return {};
}

// The names of the variables a value, a selection set (through fragments, each once) mentions.
void collectVariables(const Value &value, QSet<QString> &used)
{
    if (value.kind == Value::Kind::Variable)
        used.insert(value.text);
    for (const Value &item : value.list)
        collectVariables(item, used);
    for (const ObjectField &field : value.fields)
        collectVariables(field.value, used);
}

void collectVariables(const SelectionSet &selections, const QHash<QString, const FragmentDefinition *> &fragments,
    QSet<QString> &visited, QSet<QString> &used)
{
    for (const Selection &selection : selections) {
        for (const Argument &argument : selection.arguments)
            collectVariables(argument.value, used);
        for (const Directive &directive : selection.directives) {
            for (const Argument &argument : directive.arguments)
                collectVariables(argument.value, used);
        }
        if (selection.kind == Selection::Kind::FragmentSpread) {
            const auto fragment = fragments.constFind(selection.name);
            if (fragment != fragments.cend() && !visited.contains(selection.name)) {
                visited.insert(selection.name);
                collectVariables((*fragment)->selectionSet, fragments, visited, used);
            }
        }
        collectVariables(selection.selectionSet, fragments, visited, used);
    }
}

QJsonArray appended(QJsonArray path, const QJsonValue &item)
{
    path.append(item);
    return path;
}

const FieldDef &schemaField()
{
    static const FieldDef f = [] {
        FieldDef d;
        d.name = QStringLiteral("__schema");
        d.type = QStringLiteral("__Schema!");
        d.role = FieldRole::IntrospectionSchema;
        return d;
    }();
    return f;
}

const FieldDef &typeField()
{
    static const FieldDef f = [] {
        FieldDef d;
        d.name = QStringLiteral("__type");
        d.type = QStringLiteral("__Type");
        d.args = { InputValueDef { QStringLiteral("name"), QStringLiteral("String!"), {}, {} } };
        d.role = FieldRole::IntrospectionType;
        return d;
    }();
    return f;
}

} // namespace

const Value *ResolvedField::arg(const QString &argName) const
{
    for (const Argument &a : args) {
        if (a.name == argName)
            return &a.value;
    }
    return nullptr;
}

Validator::Validator(const Schema &schema, ValidationLimits limits)
    : m_schema(schema)
    , m_limits(limits)
{
}

void Validator::error(const QString &message, SourceLocation location, const QJsonArray &path, const QString &code)
{
    if (m_errors.size() >= 50)
        return;
    GraphqlError e;
    e.message = message;
    e.code = code;
    e.locations.push_back(location);
    e.path = path;
    m_errors.push_back(e);
}

Value Validator::jsonToValue(const QJsonValue &json)
{
    Value v;
    switch (json.type()) {
    case QJsonValue::Bool:
        v.kind = Value::Kind::Boolean;
        v.boolean = json.toBool();
        break;
    case QJsonValue::Double: {
        const double d = json.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
            v.kind = Value::Kind::Int;
            v.text = QString::number(qint64(d));
        } else {
            v.kind = Value::Kind::Float;
            v.text = QString::number(d, 'g', 17);
        }
        break;
    }
    case QJsonValue::String:
        v.kind = Value::Kind::String;
        v.text = json.toString();
        break;
    case QJsonValue::Array: {
        v.kind = Value::Kind::List;
        const QJsonArray array = json.toArray();
        for (const QJsonValue &item : array)
            v.list.push_back(jsonToValue(item));
        break;
    }
    case QJsonValue::Object: {
        v.kind = Value::Kind::Object;
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            v.fields.push_back(ObjectField { it.key(), jsonToValue(it.value()), {} });
        break;
    }
    default:
        v.kind = Value::Kind::Null;
    }
    return v;
}

bool Validator::compatible(const QString &variableType, const QString &locationType)
{
    if (Schema::isNonNull(locationType)) {
        if (!Schema::isNonNull(variableType))
            return false;
        return compatible(Schema::unwrapOne(variableType), Schema::unwrapOne(locationType));
    }
    if (Schema::isNonNull(variableType))
        return compatible(Schema::unwrapOne(variableType), locationType);
    if (Schema::isList(locationType))
        return Schema::isList(variableType)
            && compatible(Schema::unwrapOne(variableType), Schema::unwrapOne(locationType));
    if (Schema::isList(variableType))
        return false;
    return variableType == locationType;
}

bool Validator::coerce(const Value &value, const QString &type, const QJsonArray &path, SourceLocation location,
    bool fromJson, Value *out, bool *present)
{
    *present = true;
    if (value.location.line > 0)
        location = value.location;
    if (value.kind == Value::Kind::Variable && !fromJson) {
        const VariableDefinition *def = m_variableDefs.value(value.text);
        if (!def) {
            error(QStringLiteral("unbound variable \"%1\"").arg(value.text), location, path);
            return false;
        }
        const QString declared = printType(def->type);
        const bool defaulted = def->defaultValue && def->defaultValue->kind != Value::Kind::Null;
        const bool ok = compatible(declared, type)
            || (defaulted && Schema::isNonNull(type) && compatible(declared, Schema::unwrapOne(type)));
        if (!ok) {
            error(QStringLiteral("variable \"%1\" is declared as '%2', but used where '%3' is expected")
                      .arg(value.text, declared, type),
                location, path);
            return false;
        }
        const auto it = m_variables.constFind(value.text);
        if (it == m_variables.constEnd()) {
            *present = false;
            return true;
        }
        *out = *it;
        return true;
    }
    if (Schema::isNonNull(type)) {
        if (value.kind == Value::Kind::Null) {
            error(QStringLiteral("unexpected null value for type '%1'").arg(type), location, path);
            return false;
        }
        return coerce(value, Schema::unwrapOne(type), path, location, fromJson, out, present);
    }
    if (value.kind == Value::Kind::Null) {
        *out = value;
        return true;
    }
    if (Schema::isList(type)) {
        const QString inner = Schema::unwrapOne(type);
        Value list;
        list.kind = Value::Kind::List;
        list.location = value.location;
        if (value.kind != Value::Kind::List) {
            Value item;
            bool itemPresent = true;
            if (!coerce(value, inner, path, location, fromJson, &item, &itemPresent))
                return false;
            if (!itemPresent)
                item = Value {};
            list.list.push_back(item);
            *out = list;
            return true;
        }
        int index = 0;
        for (const Value &element : value.list) {
            Value item;
            bool itemPresent = true;
            if (!coerce(element, inner, appended(path, index++), location, fromJson, &item, &itemPresent))
                return false;
            if (!itemPresent)
                item = Value {};
            list.list.push_back(item);
        }
        *out = list;
        return true;
    }
    const TypeDef *t = m_schema.type(type);
    if (!t || t->kind == TypeKind::Object) {
        error(QStringLiteral("'%1' is not an input type").arg(type), location, path);
        return false;
    }
    const auto mismatch = [&](const QString &expected) {
        error(QStringLiteral("expected %1 for type '%2', but found %3").arg(expected, type, describe(value)), location,
            path);
        return false;
    };
    if (t->kind == TypeKind::Enum) {
        const bool enumLike = value.kind == Value::Kind::Enum || (fromJson && value.kind == Value::Kind::String);
        if (!enumLike || !t->enumValues.contains(value.text)) {
            QStringList quoted;
            for (const QString &e : t->enumValues)
                quoted.append(QLatin1Char('\'') + e + QLatin1Char('\''));
            error(QStringLiteral("expected one of the values [%1] for type '%2', but found %3")
                      .arg(quoted.join(QLatin1String(", ")), type,
                          enumLike ? QLatin1Char('\'') + value.text + QLatin1Char('\'') : describe(value)),
                location, path);
            return false;
        }
        *out = value;
        out->kind = Value::Kind::Enum;
        return true;
    }
    if (t->kind == TypeKind::InputObject) {
        if (value.kind != Value::Kind::Object)
            return mismatch(QStringLiteral("an object"));
        Value object;
        object.kind = Value::Kind::Object;
        object.location = value.location;
        QSet<QString> seen;
        bool ok = true;
        for (const ObjectField &f : value.fields) {
            const QJsonArray fieldPath = appended(path, f.name);
            const InputValueDef *def = t->inputField(f.name);
            if (!def) {
                error(QStringLiteral("field '%1' not found in type: '%2'").arg(f.name, type),
                    f.location.line > 0 ? f.location : location, fieldPath);
                ok = false;
                continue;
            }
            if (seen.contains(f.name)) {
                error(QStringLiteral("the field '%1' is given more than once").arg(f.name),
                    f.location.line > 0 ? f.location : location, fieldPath);
                ok = false;
                continue;
            }
            seen.insert(f.name);
            Value coerced;
            bool fieldPresent = true;
            if (!coerce(f.value, def->type, fieldPath, location, fromJson, &coerced, &fieldPresent)) {
                ok = false;
                continue;
            }
            if (fieldPresent)
                object.fields.push_back(ObjectField { f.name, coerced, f.location });
        }
        if (!ok)
            return false;
        for (const InputValueDef &def : t->inputFields) {
            bool has = false;
            for (const ObjectField &f : object.fields)
                has = has || f.name == def.name;
            if (has)
                continue;
            if (!def.defaultValue.isEmpty()) {
                const ValueParseResult parsed = parseValue(def.defaultValue.toUtf8());
                object.fields.push_back(ObjectField { def.name, parsed.value, {} });
            } else if (Schema::isNonNull(def.type)) {
                error(QStringLiteral("missing required field '%1'").arg(def.name), location, path);
                return false;
            }
        }
        *out = object;
        return true;
    }
    // Scalars.
    const QString &name = t->name;
    if (name == QLatin1String("Int")) {
        bool ok = false;
        const qint64 i = value.text.toLongLong(&ok);
        if (value.kind != Value::Kind::Int || !ok || i < std::numeric_limits<qint32>::min()
            || i > std::numeric_limits<qint32>::max())
            return mismatch(QStringLiteral("a 32-bit integer"));
    } else if (name == QLatin1String("Float")) {
        if (value.kind != Value::Kind::Int && value.kind != Value::Kind::Float)
            return mismatch(QStringLiteral("a float"));
    } else if (name == QLatin1String("String")) {
        if (value.kind != Value::Kind::String)
            return mismatch(QStringLiteral("a string"));
    } else if (name == QLatin1String("Boolean")) {
        if (value.kind != Value::Kind::Boolean)
            return mismatch(QStringLiteral("a boolean"));
    } else if (name == QLatin1String("ID")) {
        if (value.kind != Value::Kind::String && value.kind != Value::Kind::Int)
            return mismatch(QStringLiteral("a string or an integer"));
    } else if (name == QLatin1String("json") || name == QLatin1String("jsonb") || name.startsWith(QLatin1Char('_'))) {
        // Any JSON; variables inside are substituted.
        if (!fromJson && (value.kind == Value::Kind::List || value.kind == Value::Kind::Object)) {
            const QJsonValue json = valueToJson(value, m_variablesJson);
            *out = jsonToValue(json);
            return true;
        }
        if (value.kind == Value::Kind::Enum)
            return mismatch(QStringLiteral("a JSON value"));
    } else {
        if (value.kind == Value::Kind::List || value.kind == Value::Kind::Object || value.kind == Value::Kind::Enum)
            return mismatch(QStringLiteral("a scalar"));
    }
    *out = value;
    return true;
}

bool Validator::coerceArguments(const std::vector<Argument> &given, const std::vector<InputValueDef> &defs,
    const QString &owner, const QJsonArray &path, SourceLocation location, std::vector<Argument> *out)
{
    bool ok = true;
    QSet<QString> seen;
    for (const Argument &a : given) {
        const QJsonArray argPath = appended(appended(path, QStringLiteral("args")), a.name);
        const InputValueDef *def = nullptr;
        for (const InputValueDef &d : defs) {
            if (d.name == a.name)
                def = &d;
        }
        if (!def) {
            error(QStringLiteral("'%1' has no argument named '%2'").arg(owner, a.name), a.location, argPath);
            ok = false;
            continue;
        }
        if (seen.contains(a.name)) {
            error(QStringLiteral("the argument '%1' is given more than once").arg(a.name), a.location, argPath);
            ok = false;
            continue;
        }
        seen.insert(a.name);
        Value coerced;
        bool present = true;
        Value value = a.value;
        if (!offsetFromString(*def, &value, argPath, a.location)) {
            ok = false;
            continue;
        }
        if (!coerce(value, def->type, argPath, a.location, false, &coerced, &present)) {
            ok = false;
            continue;
        }
        if (present)
            out->push_back(Argument { a.name, coerced, a.location });
    }
    if (!ok)
        return false;
    for (const InputValueDef &d : defs) {
        bool has = false;
        for (const Argument &a : *out)
            has = has || a.name == d.name;
        if (has)
            continue;
        if (!d.defaultValue.isEmpty()) {
            out->push_back(Argument { d.name, parseValue(d.defaultValue.toUtf8()).value, {} });
        } else if (Schema::isNonNull(d.type)) {
            error(QStringLiteral("missing required field '%1'").arg(d.name), location,
                appended(path, QStringLiteral("args")));
            return false;
        }
    }
    return true;
}

bool Validator::offsetFromString(
    const InputValueDef &def, Value *value, const QJsonArray &path, SourceLocation location)
{
    // Hasura reads `offset` as a 64-bit integer that may also be written as a string ("1"); `limit` stays an Int.
    if (def.name != QLatin1String("offset") || Schema::namedType(def.type) != QLatin1String("Int")
        || value->kind != Value::Kind::String)
        return true;
    bool isInteger = false;
    value->text.trimmed().toLongLong(&isInteger);
    if (!isInteger) {
        error(
            QStringLiteral("\"offset\" expects an integer or a string holding one, but found \"%1\"").arg(value->text),
            location, path);
        return false;
    }
    value->kind = Value::Kind::Int;
    value->text = QString::number(value->text.trimmed().toLongLong());
    return true;
}

bool Validator::checkDistinctOn(const ResolvedField &field, const QJsonArray &path)
{
    // Hasura: with both arguments, the first order_by entries (as many as distinct_on has columns)
    // must be columns and be exactly distinct_on's columns, in any order; PostgreSQL needs DISTINCT ON
    // expressions to lead ORDER BY.
    const Value *distinct = field.arg(QStringLiteral("distinct_on"));
    const Value *orderBy = field.arg(QStringLiteral("order_by"));
    if (!distinct || !orderBy || distinct->kind != Value::Kind::List || orderBy->kind != Value::Kind::List
        || distinct->list.empty())
        return true;
    QStringList leading; // order_by entries, flattened in order; empty names stand for non-column orderings
    for (const Value &item : orderBy->list) {
        for (const ObjectField &entry : item.fields)
            leading.append(entry.value.kind == Value::Kind::Enum ? entry.name : QString());
    }
    const qsizetype count = qsizetype(distinct->list.size());
    bool valid = leading.size() >= count;
    leading = leading.mid(0, count);
    for (const Value &column : distinct->list)
        valid = valid && leading.contains(column.text) && !column.text.isEmpty();
    valid = valid && !leading.contains(QString());
    if (!valid)
        error(QStringLiteral("\"distinct_on\" columns must match initial \"order_by\" columns"), field.location,
            appended(path, QStringLiteral("args")));
    return valid;
}

bool Validator::checkDirectives(const std::vector<Directive> &directives)
{
    bool ok = true;
    // "Directives Are Unique Per Location" (@include and @skip are not repeatable), in Hasura's words.
    QSet<QString> seen;
    QStringList repeated;
    for (const Directive &d : directives) {
        if (seen.contains(d.name) && !repeated.contains(QLatin1Char('\'') + d.name + QLatin1Char('\'')))
            repeated.append(QLatin1Char('\'') + d.name + QLatin1Char('\''));
        seen.insert(d.name);
    }
    if (!repeated.isEmpty()) {
        error(QStringLiteral("the following directives are used more than once: [%1]")
                  .arg(repeated.join(QStringLiteral(", "))),
            directives.front().location);
        return false;
    }
    for (const Directive &d : directives) {
        if (d.name != QLatin1String("include") && d.name != QLatin1String("skip")) {
            error(QStringLiteral("directive '%1' is not defined in the schema").arg(d.name), d.location);
            ok = false;
            continue;
        }
        std::vector<Argument> coerced;
        ok = coerceArguments(d.arguments,
                 { InputValueDef { QStringLiteral("if"), QStringLiteral("Boolean!"), {}, {} } },
                 QLatin1Char('@') + d.name, {}, d.location, &coerced)
            && ok;
    }
    return ok;
}

bool Validator::collect(
    const TypeDef &type, const SelectionSet &set, std::vector<Group> &groups, QSet<QString> &visiting)
{
    for (const Selection &s : set) {
        if (++m_fieldCount > m_limits.maxFields) {
            error(QStringLiteral("the query has more than %1 fields").arg(m_limits.maxFields), s.location);
            return false;
        }
        if (!checkDirectives(s.directives))
            return false;
        if (!shouldInclude(s.directives, m_variablesJson))
            continue;
        switch (s.kind) {
        case Selection::Kind::Field: {
            const QString &key = s.responseKey();
            auto it = std::find_if(groups.begin(), groups.end(), [&key](const Group &g) { return g.key == key; });
            if (it == groups.end())
                groups.push_back(Group { key, { &s } });
            else
                it->fields.push_back(&s);
            break;
        }
        case Selection::Kind::FragmentSpread: {
            const FragmentDefinition *fragment = m_fragments.value(s.name);
            if (!fragment) {
                error(QStringLiteral("fragment '%1' not found").arg(s.name), s.location);
                return false;
            }
            if (visiting.contains(s.name)) {
                error(QStringLiteral("the fragment '%1' spreads itself").arg(s.name), s.location);
                return false;
            }
            if (fragment->typeCondition != type.name) {
                error(QStringLiteral("cannot spread fragment '%1' defined on '%2' when selecting fields of type '%3'")
                          .arg(s.name, fragment->typeCondition, type.name),
                    s.location);
                return false;
            }
            if (!checkDirectives(fragment->directives))
                return false;
            visiting.insert(s.name);
            const bool ok = collect(type, fragment->selectionSet, groups, visiting);
            visiting.remove(s.name);
            if (!ok)
                return false;
            break;
        }
        case Selection::Kind::InlineFragment:
            if (!s.typeCondition.isEmpty() && s.typeCondition != type.name) {
                error(QStringLiteral("inline fragment is expected on type '%1', but found '%2'")
                          .arg(type.name, s.typeCondition),
                    s.location);
                return false;
            }
            if (!collect(type, s.selectionSet, groups, visiting))
                return false;
            break;
        }
    }
    return true;
}

std::vector<ResolvedField> Validator::resolveSelections(
    const TypeDef &type, const std::vector<const SelectionSet *> &sets, const QJsonArray &path, int depth)
{
    std::vector<ResolvedField> out;
    if (depth > m_limits.maxDepth) {
        if (!m_depthReported)
            error(QStringLiteral("the query exceeds the maximum depth of %1").arg(m_limits.maxDepth), {}, path);
        m_depthReported = true;
        return out;
    }
    std::vector<Group> groups;
    QSet<QString> visiting;
    for (const SelectionSet *set : sets) {
        if (!collect(type, *set, groups, visiting))
            return out;
    }
    for (const Group &group : groups) {
        const Selection &first = *group.fields.front();
        const QJsonArray fieldPath = appended(path, group.key);
        bool conflict = false;
        for (const Selection *other : group.fields) {
            bool same = other->name == first.name && other->arguments.size() == first.arguments.size();
            for (size_t i = 0; same && i < first.arguments.size(); ++i) {
                same = first.arguments[i].name == other->arguments[i].name
                    && printValue(first.arguments[i].value) == printValue(other->arguments[i].value);
            }
            conflict = conflict || !same;
        }
        if (conflict) {
            error(QStringLiteral("fields '%1' conflict because they have differing names or arguments").arg(group.key),
                first.location, fieldPath);
            continue;
        }
        ResolvedField field;
        field.key = group.key;
        field.name = first.name;
        field.parentType = type.name;
        field.location = first.location;
        if (first.name == QLatin1String("__typename")) {
            if (!first.arguments.empty() || !first.selectionSet.empty())
                error(
                    QStringLiteral("'__typename' takes no arguments and no selection set"), first.location, fieldPath);
            out.push_back(field);
            continue;
        }
        if (type.name == m_schema.queryType() && first.name == QLatin1String("__schema"))
            field.def = &schemaField();
        else if (type.name == m_schema.queryType() && first.name == QLatin1String("__type"))
            field.def = &typeField();
        else
            field.def = type.field(first.name);
        if (!field.def) {
            error(QStringLiteral("field '%1' not found in type: '%2'").arg(first.name, type.name), first.location,
                fieldPath);
            continue;
        }
        if (!coerceArguments(first.arguments, field.def->args, first.name, fieldPath, first.location, &field.args))
            continue;
        if (!checkDistinctOn(field, fieldPath))
            continue;
        const TypeDef *result = m_schema.type(Schema::namedType(field.def->type));
        if (!result)
            continue;
        std::vector<const SelectionSet *> childSets;
        for (const Selection *s : group.fields) {
            if (!s->selectionSet.empty())
                childSets.push_back(&s->selectionSet);
        }
        if (result->kind == TypeKind::Object) {
            if (childSets.empty()) {
                error(QStringLiteral("field '%1' of type '%2' must have a selection of subfields")
                          .arg(first.name, field.def->type),
                    first.location, fieldPath);
                continue;
            }
            field.children = resolveSelections(*result, childSets, fieldPath, depth + 1);
        } else if (!childSets.empty()) {
            error(QStringLiteral("field '%1' of type '%2' must not have a selection since type '%2' has no subfields")
                      .arg(first.name, field.def->type),
                first.location, fieldPath);
            continue;
        }
        out.push_back(std::move(field));
    }
    return out;
}

std::optional<ResolvedOperation> Validator::resolve(
    const Document &document, const QString &operationName, const QJsonObject &variables)
{
    m_errors.clear();
    // The operation.
    QSet<QString> names;
    int anonymous = 0;
    for (const OperationDefinition &op : document.operations) {
        if (op.name.isEmpty()) {
            ++anonymous;
        } else if (names.contains(op.name)) {
            error(QStringLiteral("the operation name '%1' is used more than once").arg(op.name), op.location);
            return std::nullopt;
        }
        names.insert(op.name);
    }
    const OperationDefinition *operation = nullptr;
    if (!operationName.isEmpty()) {
        for (const OperationDefinition &op : document.operations) {
            if (op.name == operationName)
                operation = &op;
        }
        if (!operation) {
            error(QStringLiteral("no such operation found in the document: \"%1\"").arg(operationName), {});
            return std::nullopt;
        }
    } else if (document.operations.size() == 1) {
        operation = &document.operations.front();
    } else {
        error(document.operations.empty()
                ? QStringLiteral("the document contains no operation")
                : QStringLiteral(
                    "exactly one operation has to be present in the document when operationName is not specified"),
            {});
        return std::nullopt;
    }
    Q_UNUSED(anonymous)
    for (const FragmentDefinition &f : document.fragments) {
        if (m_fragments.contains(f.name)) {
            error(QStringLiteral("the fragment name '%1' is used more than once").arg(f.name), f.location);
            return std::nullopt;
        }
        const TypeDef *t = m_schema.type(f.typeCondition);
        if (!t || t->kind != TypeKind::Object) {
            error(QStringLiteral("fragment '%1' is defined on '%2', which is not an object type")
                      .arg(f.name, f.typeCondition),
                f.location);
            return std::nullopt;
        }
        m_fragments.insert(f.name, &f);
    }
    // Variables. Every declared one must be used (the spec's "All Variables Used").
    QSet<QString> usedVariables;
    {
        QSet<QString> visited;
        for (const Directive &directive : operation->directives) {
            for (const Argument &argument : directive.arguments)
                collectVariables(argument.value, usedVariables);
        }
        collectVariables(operation->selectionSet, m_fragments, visited, usedVariables);
    }
    for (const VariableDefinition &def : operation->variables) {
        if (!usedVariables.contains(def.name)) {
            error(QStringLiteral("variable '%1' is declared but never used").arg(def.name), def.location);
            continue;
        }
        if (m_variableDefs.contains(def.name)) {
            error(QStringLiteral("the variable '%1' is declared more than once").arg(def.name), def.location);
            continue;
        }
        m_variableDefs.insert(def.name, &def);
        const QString typeString = printType(def.type);
        const TypeDef *t = m_schema.type(def.type.namedType());
        if (!t || t->kind == TypeKind::Object) {
            error(QStringLiteral("variable '%1' has unknown or non-input type '%2'").arg(def.name, typeString),
                def.location);
            continue;
        }
        const QJsonArray path { QStringLiteral("$"), QStringLiteral("variableValues"), def.name };
        Value coerced;
        bool present = true;
        if (variables.contains(def.name)) {
            if (coerce(
                    jsonToValue(variables.value(def.name)), typeString, path, def.location, true, &coerced, &present))
                m_variables.insert(def.name, coerced);
        } else if (def.defaultValue) {
            if (coerce(*def.defaultValue, typeString, path, def.location, true, &coerced, &present))
                m_variables.insert(def.name, coerced);
        } else if (def.type.isNonNull()) {
            error(QStringLiteral("expecting a value for non-nullable variable: \"%1\"").arg(def.name), def.location,
                path);
        }
    }
    if (!m_errors.empty())
        return std::nullopt;
    for (auto it = m_variables.constBegin(); it != m_variables.constEnd(); ++it)
        m_variablesJson.insert(it.key(), valueToJson(*it, {}));

    ResolvedOperation resolved;
    resolved.type = operation->type;
    switch (operation->type) {
    case OperationType::Query:
        resolved.rootType = m_schema.queryType();
        break;
    case OperationType::Mutation:
        resolved.rootType = m_schema.mutationType();
        break;
    case OperationType::Subscription:
        resolved.rootType = m_schema.subscriptionType();
        break;
    }
    const TypeDef *root = m_schema.type(resolved.rootType);
    if (!root) {
        error(QStringLiteral("no mutations exist"), operation->location);
        return std::nullopt;
    }
    if (!checkDirectives(operation->directives))
        return std::nullopt;
    resolved.fields = resolveSelections(*root, { &operation->selectionSet }, {}, 1);
    if (!m_errors.empty())
        return std::nullopt;
    if (operation->type == OperationType::Subscription && resolved.fields.size() != 1) {
        error(QStringLiteral("subscriptions must select one top level field"), operation->location);
        return std::nullopt;
    }
    return resolved;
}

} // namespace trefoil::graphql
