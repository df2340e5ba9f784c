#include "ui/models/triggerdraft.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace trefoil::ui {

namespace {

QJsonObject operation(const QStringList &columns, const QJsonObject &before)
{
    QJsonObject object = before;
    object.insert(QStringLiteral("columns"),
        columns.isEmpty() ? QJsonValue(QStringLiteral("*")) : QJsonValue(QJsonArray::fromStringList(columns)));
    return object;
}

} // namespace

TriggerDraft TriggerDraft::fromDefinition(const QJsonObject &definition)
{
    TriggerDraft draft;
    draft.original = definition;
    draft.name = definition.value(QLatin1String("name")).toString();
    const QJsonValue table = definition.value(QLatin1String("table"));
    if (table.isObject()) {
        draft.schema = table.toObject().value(QLatin1String("schema")).toString(draft.schema);
        draft.table = table.toObject().value(QLatin1String("name")).toString();
    } else {
        draft.table = table.toString();
    }
    const auto present = [&definition](const char *key) {
        const QJsonValue value = definition.value(QLatin1String(key));
        return value.isObject();
    };
    draft.onInsert = present("insert");
    draft.onUpdate = present("update");
    draft.onDelete = present("delete");
    draft.onManual = definition.value(QLatin1String("enable_manual")).toBool(false);
    const QJsonValue columns = definition.value(QLatin1String("update")).toObject().value(QLatin1String("columns"));
    for (const QJsonValue column : columns.toArray())
        draft.updateColumns.append(column.toString());

    const QJsonValue builtin = definition.value(QLatin1String("handler")).toObject().value(QLatin1String("builtin"));
    if (builtin.isString()) {
        draft.handlerKind = HandlerKind::Builtin;
        draft.builtin = builtin.toString();
    } else {
        draft.handlerKind = HandlerKind::Webhook;
        draft.webhook = definition.value(QLatin1String("webhook")).toString();
    }
    for (const QJsonValue header : definition.value(QLatin1String("headers")).toArray()) {
        const QJsonObject object = header.toObject();
        const QJsonValue fromEnvironment = object.value(QLatin1String("value_from_env"));
        draft.headers.append({ object.value(QLatin1String("name")).toString(),
            fromEnvironment.isString() ? fromEnvironment.toString() : object.value(QLatin1String("value")).toString(),
            fromEnvironment.isString() });
    }
    const QJsonObject retry = definition.value(QLatin1String("retry_conf")).toObject();
    draft.numRetries = retry.value(QLatin1String("num_retries")).toInt(draft.numRetries);
    draft.intervalSeconds = retry.value(QLatin1String("interval_sec")).toInt(draft.intervalSeconds);
    draft.timeoutSeconds = retry.value(QLatin1String("timeout_sec")).toInt(draft.timeoutSeconds);
    draft.backoff = retry.value(QLatin1String("backoff")).toString() == QLatin1String("exponential")
        ? Backoff::Exponential
        : Backoff::Fixed;
    return draft;
}

QJsonObject TriggerDraft::toDefinition() const
{
    QJsonObject definition = original;
    definition.insert(QStringLiteral("name"), name.trimmed());
    definition.insert(QStringLiteral("table"),
        QJsonObject { { QStringLiteral("schema"), schema }, { QStringLiteral("name"), table } });
    const auto setOperation = [&definition](const char *key, bool on, const QStringList &columns) {
        const QString keyName = QLatin1String(key);
        if (on)
            definition.insert(keyName, operation(columns, definition.value(keyName).toObject()));
        else
            definition.remove(keyName);
    };
    setOperation("insert", onInsert, {});
    setOperation("update", onUpdate, updateColumns);
    setOperation("delete", onDelete, {});
    definition.insert(QStringLiteral("enable_manual"), onManual);

    definition.remove(QStringLiteral("webhook"));
    definition.remove(QStringLiteral("webhook_from_env"));
    definition.remove(QStringLiteral("handler"));
    QJsonArray headerArray;
    if (handlerKind == HandlerKind::Builtin) {
        definition.insert(QStringLiteral("handler"), QJsonObject { { QStringLiteral("builtin"), builtin } });
    } else {
        definition.insert(QStringLiteral("webhook"), webhook.trimmed());
        for (const Header &header : headers) {
            if (!header.name.trimmed().isEmpty())
                headerArray.append(QJsonObject { { QStringLiteral("name"), header.name.trimmed() },
                    { header.fromEnvironment ? QStringLiteral("value_from_env") : QStringLiteral("value"),
                        header.fromEnvironment ? header.value.trimmed() : header.value } });
        }
    }
    definition.insert(QStringLiteral("headers"), headerArray);

    QJsonObject retry = original.value(QLatin1String("retry_conf")).toObject();
    retry.insert(QStringLiteral("num_retries"), numRetries);
    retry.insert(QStringLiteral("interval_sec"), intervalSeconds);
    retry.insert(QStringLiteral("timeout_sec"), timeoutSeconds);
    retry.insert(QStringLiteral("backoff"),
        backoff == Backoff::Exponential ? QStringLiteral("exponential") : QStringLiteral("fixed"));
    definition.insert(QStringLiteral("retry_conf"), retry);
    return definition;
}

QString TriggerDraft::validate() const
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_-]{1,63}$"));
    if (!namePattern.match(name.trimmed()).hasMatch())
        return tr("The name must be 1 to 63 letters, digits, '_' or '-'.");
    if (table.isEmpty())
        return tr("Choose the table whose changes fire the trigger.");
    if (!onInsert && !onUpdate && !onDelete && !onManual)
        return tr("Choose at least one operation (insert, update, delete or manual).");
    if (handlerKind == HandlerKind::Builtin && builtin.isEmpty())
        return tr("Choose the built-in function that handles the events.");
    if (handlerKind == HandlerKind::Webhook) {
        const QUrl url(webhook.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return tr("The webhook must be an http or https URL, like https://example.com/hook.");
        for (const Header &header : headers) {
            if (header.name.trimmed().isEmpty() && !header.value.isEmpty())
                return tr("Every header with a value needs a name.");
            if (header.fromEnvironment && !header.name.trimmed().isEmpty() && header.value.trimmed().isEmpty())
                return tr("Header %1 is taken from an environment variable: name the variable.")
                    .arg(header.name.trimmed());
        }
    }
    if (timeoutSeconds < 1)
        return tr("The timeout must be at least one second.");
    return {};
}

} // namespace trefoil::ui
