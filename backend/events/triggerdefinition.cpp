#include "backend/events/triggerdefinition.h"

#include "backend/pg/sqlbuilder.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace trefoil::events {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TriggerDefinition", text);
}

// Hasura's EventTriggerColumns: "*" or a list of column names.
bool parseColumns(const QJsonValue &value, std::optional<QStringList> &target, const QString &where, QString *error)
{
    if (value.isUndefined() || value.isNull() || value.toString() == QLatin1String("*")) {
        target.reset();
        return true;
    }
    if (!value.isArray()) {
        *error = tr("%1 must be \"*\" or a list of column names").arg(where);
        return false;
    }
    QStringList columns;
    for (const QJsonValue &column : value.toArray()) {
        if (!column.isString() || column.toString().isEmpty()) {
            *error = tr("%1 must contain only column names").arg(where);
            return false;
        }
        columns.append(column.toString());
    }
    target = columns;
    return true;
}

// The table, the columns and the update values are written into the generated PL/pgSQL, which
// cannot hold a NUL (see pg::SqlBuilder): refused here with a message that says which input.
bool namesStorable(const TriggerDefinition &trigger)
{
    QStringList texts { trigger.schema, trigger.table };
    for (const auto *list : { &trigger.updateColumns, &trigger.payloadColumns }) {
        if (*list)
            texts += **list;
    }
    for (auto it = trigger.updateValues.begin(); it != trigger.updateValues.end(); ++it) {
        texts.append(it.key());
        for (const QJsonValue &value : it.value().toArray())
            texts.append(value.toString());
    }
    return std::all_of(texts.cbegin(), texts.cend(), &pg::SqlBuilder::isStorable);
}
} // namespace

bool TriggerDefinition::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,63}$"));
    return pattern.match(name).hasMatch();
}

std::optional<TriggerDefinition> TriggerDefinition::fromHasuraArgs(const QJsonObject &args, QString *error)
{
    TriggerDefinition trigger;
    trigger.name = args.value(QLatin1String("name")).toString();
    if (!isValidName(trigger.name)) {
        *error = tr("\"name\" must be 1 to 63 letters, digits, '_' or '-'");
        return std::nullopt;
    }
    const QJsonValue table = args.value(QLatin1String("table"));
    if (table.isString()) {
        trigger.table = table.toString();
    } else if (table.isObject()) {
        trigger.table = table.toObject().value(QLatin1String("name")).toString();
        trigger.schema = table.toObject().value(QLatin1String("schema")).toString(QStringLiteral("public"));
    }
    if (trigger.table.isEmpty() || trigger.schema.isEmpty()) {
        *error = tr("\"table\" must be a table name or {\"schema\", \"name\"}");
        return std::nullopt;
    }

    struct OperationSpec {
        const char *key;
        bool *enabled;
    };
    for (const OperationSpec &spec : { OperationSpec { "insert", &trigger.onInsert },
             OperationSpec { "update", &trigger.onUpdate }, OperationSpec { "delete", &trigger.onDelete } }) {
        const QJsonValue operation = args.value(QLatin1String(spec.key));
        if (operation.isUndefined() || operation.isNull())
            continue;
        if (!operation.isObject()) {
            *error = tr("\"%1\" must be an object like {\"columns\": \"*\"}").arg(QLatin1String(spec.key));
            return std::nullopt;
        }
        *spec.enabled = true;
        const QJsonObject object = operation.toObject();
        if (QLatin1String(spec.key) == QLatin1String("update")
            && !parseColumns(
                object.value(QLatin1String("columns")), trigger.updateColumns, QStringLiteral("update.columns"), error))
            return std::nullopt;
        if (QLatin1String(spec.key) == QLatin1String("update") && object.contains(QLatin1String("values"))) {
            const QJsonValue values = object.value(QLatin1String("values"));
            bool valid = values.isObject();
            const QJsonObject map = values.toObject();
            for (auto it = map.begin(); valid && it != map.end(); ++it) {
                valid = it.value().isArray() && !it.value().toArray().isEmpty();
                for (const QJsonValue &item : it.value().toArray())
                    valid = valid && item.isString();
            }
            if (!valid) {
                *error = tr("update.values must map column names to lists of values, e.g. {\"status\": [\"paid\"]}");
                return std::nullopt;
            }
            trigger.updateValues = map;
        }
        if (object.contains(QLatin1String("payload"))
            && !parseColumns(object.value(QLatin1String("payload")), trigger.payloadColumns,
                QLatin1String(spec.key) + QLatin1String(".payload"), error))
            return std::nullopt;
    }
    if (!namesStorable(trigger)) {
        *error = tr("table names, column names and update values must not contain NUL characters");
        return std::nullopt;
    }
    trigger.onManual = args.value(QLatin1String("enable_manual")).toBool(false);
    if (!trigger.onInsert && !trigger.onUpdate && !trigger.onDelete && !trigger.onManual) {
        *error = tr("at least one of \"insert\", \"update\", \"delete\" or \"enable_manual\" is required");
        return std::nullopt;
    }

    const QJsonValue builtin = args.value(QLatin1String("handler")).toObject().value(QLatin1String("builtin"));
    if (builtin.isString()) {
        trigger.handlerKind = HandlerKind::Builtin;
        trigger.handler = builtin.toString();
    } else {
        trigger.handlerKind = HandlerKind::Webhook;
        trigger.handler = args.value(QLatin1String("webhook")).toString();
        if (trigger.handler.isEmpty()) {
            const QString variable = args.value(QLatin1String("webhook_from_env")).toString();
            trigger.handler = qEnvironmentVariable(variable.toLocal8Bit().constData());
            if (trigger.handler.isEmpty() && !variable.isEmpty()) {
                *error = tr("environment variable %1 (webhook_from_env) is not set").arg(variable);
                return std::nullopt;
            }
        }
        const QUrl url(trigger.handler, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty()) {
            *error = tr("\"webhook\" must be an http or https URL (or use \"handler\": {\"builtin\": name})");
            return std::nullopt;
        }
    }
    if (trigger.handler.isEmpty()) {
        *error = tr("a handler is required: \"webhook\" or \"handler\": {\"builtin\": name}");
        return std::nullopt;
    }

    const QJsonValue headers = args.value(QLatin1String("headers"));
    if (!headers.isUndefined() && !headers.isNull()) {
        if (!headers.isArray()) {
            *error = tr("\"headers\" must be a list of {\"name\", \"value\"}");
            return std::nullopt;
        }
        for (const QJsonValue &header : headers.toArray()) {
            const QJsonObject object = header.toObject();
            if (object.value(QLatin1String("name")).toString().isEmpty()
                || (!object.value(QLatin1String("value")).isString()
                    && !object.value(QLatin1String("value_from_env")).isString())) {
                *error = tr("each header needs \"name\" and \"value\" or \"value_from_env\"");
                return std::nullopt;
            }
        }
        trigger.headers = headers.toArray();
    }

    if (const QJsonValue conf = args.value(QLatin1String("retry_conf")); conf.isObject()) {
        const auto policy = RetryPolicy::fromJson(conf.toObject(), error);
        if (!policy)
            return std::nullopt;
        trigger.retry = *policy;
    } else if (!conf.isUndefined() && !conf.isNull()) {
        *error = tr("\"retry_conf\" must be an object");
        return std::nullopt;
    }
    if (const QJsonValue limit = args.value(QLatin1String("max_concurrency")); limit.isDouble()) {
        if (limit.toInt() < 1) {
            *error = tr("\"max_concurrency\" must be at least 1");
            return std::nullopt;
        }
        trigger.maxConcurrency = limit.toInt();
    }
    trigger.paused = args.value(QLatin1String("paused")).toBool(false);
    return trigger;
}

QJsonObject TriggerDefinition::toJson() const
{
    auto columns = [](const std::optional<QStringList> &list) -> QJsonValue {
        return list ? QJsonValue(QJsonArray::fromStringList(*list)) : QJsonValue(QStringLiteral("*"));
    };
    QJsonObject json {
        { QStringLiteral("name"), name },
        { QStringLiteral("table"),
            QJsonObject { { QStringLiteral("schema"), schema }, { QStringLiteral("name"), table } } },
        { QStringLiteral("headers"), headers },
        { QStringLiteral("retry_conf"), retry.toJson() },
        { QStringLiteral("enable_manual"), onManual },
        { QStringLiteral("paused"), paused },
    };
    if (onInsert)
        json.insert(QStringLiteral("insert"),
            QJsonObject { { QStringLiteral("columns"), QStringLiteral("*") },
                { QStringLiteral("payload"), columns(payloadColumns) } });
    if (onUpdate) {
        QJsonObject update { { QStringLiteral("columns"), columns(updateColumns) },
            { QStringLiteral("payload"), columns(payloadColumns) } };
        if (!updateValues.isEmpty())
            update.insert(QStringLiteral("values"), updateValues);
        json.insert(QStringLiteral("update"), update);
    }
    if (onDelete)
        json.insert(QStringLiteral("delete"),
            QJsonObject { { QStringLiteral("columns"), QStringLiteral("*") },
                { QStringLiteral("payload"), columns(payloadColumns) } });
    if (handlerKind == HandlerKind::Builtin)
        json.insert(QStringLiteral("handler"), QJsonObject { { QStringLiteral("builtin"), handler } });
    else
        json.insert(QStringLiteral("webhook"), handler);
    if (maxConcurrency)
        json.insert(QStringLiteral("max_concurrency"), *maxConcurrency);
    return json;
}

} // namespace trefoil::events
