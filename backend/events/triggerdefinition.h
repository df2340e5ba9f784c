#pragma once

#include "core/events/retrypolicy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace trefoil::events {

// One event trigger: which changes of which table become events, who handles them and how
// failures are retried. Parsed from Hasura's create_event_trigger arguments (plus our own
// fields), stored as a row of trefoil.event_triggers.
struct TriggerDefinition {
    enum class HandlerKind { Builtin, Webhook };

    QString name;
    QString schema = QStringLiteral("public");
    QString table;
    bool onInsert = false;
    bool onUpdate = false;
    std::optional<QStringList> updateColumns; // nullopt: any column
    // Trefoil's extension of update: fire only when the new row's column (as text) is one of the
    // values, e.g. {"status": ["validated"]}. Compared to quoted literals, never run as SQL.
    QJsonObject updateValues;
    bool onDelete = false;
    bool onManual = false;
    std::optional<QStringList> payloadColumns; // nullopt: all columns
    HandlerKind handlerKind = HandlerKind::Webhook;
    QString handler; // built-in function name or webhook URL
    QJsonArray headers; // [{name, value} | {name, value_from_env}]
    RetryPolicy retry;
    std::optional<int> maxConcurrency;
    bool enabled = true;
    bool paused = false;

    // Hasura's create_event_trigger args: name, table {schema, name}, webhook | webhook_from_env,
    // insert/update/delete {columns, payload}, enable_manual, headers, retry_conf; and ours:
    // handler {builtin: name}, max_concurrency, paused.
    static std::optional<TriggerDefinition> fromHasuraArgs(const QJsonObject &args, QString *error);
    QJsonObject toJson() const;

    static bool isValidName(const QString &name);
};

} // namespace trefoil::events
