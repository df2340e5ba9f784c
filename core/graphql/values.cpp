#include "core/graphql/values.h"

#include <QJsonArray>

namespace trefoil::graphql {

QJsonValue valueToJson(const Value &value, const QJsonObject &variables)
{
    switch (value.kind) {
    case Value::Kind::Variable:
        return variables.value(value.text);
    case Value::Kind::Int: {
        bool ok = false;
        const qint64 i = value.text.toLongLong(&ok);
        // Beyond 64 bits keep the magnitude as a double rather than failing here;
        // the Int scalar's own range check reports it.
        return ok ? QJsonValue(i) : QJsonValue(value.text.toDouble());
    }
    case Value::Kind::Float:
        return value.text.toDouble();
    case Value::Kind::String:
    case Value::Kind::Enum:
        return value.text;
    case Value::Kind::Boolean:
        return value.boolean;
    case Value::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Value::Kind::List: {
        QJsonArray array;
        for (const Value &item : value.list) {
            const QJsonValue v = valueToJson(item, variables);
            array.append(v.isUndefined() ? QJsonValue(QJsonValue::Null) : v);
        }
        return array;
    }
    case Value::Kind::Object: {
        QJsonObject object;
        for (const ObjectField &field : value.fields) {
            const QJsonValue v = valueToJson(field.value, variables);
            if (!v.isUndefined())
                object.insert(field.name, v);
        }
        return object;
    }
    }
    return {};
}

bool shouldInclude(const std::vector<Directive> &directives, const QJsonObject &variables)
{
    const auto condition = [&variables](const Directive &d) {
        for (const Argument &arg : d.arguments) {
            if (arg.name == QLatin1String("if"))
                return valueToJson(arg.value, variables).toBool(false);
        }
        return false;
    };
    for (const Directive &d : directives) {
        if (d.name == QLatin1String("skip") && condition(d))
            return false;
        if (d.name == QLatin1String("include") && !condition(d))
            return false;
    }
    return true;
}

} // namespace trefoil::graphql
