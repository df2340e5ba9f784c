#include "backend/events/triggersql.h"

#include "backend/pg/sqlbuilder.h"

namespace trefoil::events {

using pg::SqlBuilder;

QString TriggerSql::functionName(const QString &name)
{
    return SqlBuilder::qualified(QStringLiteral("trefoil"), QLatin1String("event_") + name);
}

QString TriggerSql::triggerName(const QString &name)
{
    return SqlBuilder::quoteIdentifier(QLatin1String("trefoil_event_") + name);
}

static QString rowJson(const TriggerDefinition &trigger, const QString &row)
{
    if (!trigger.payloadColumns)
        return QLatin1String("to_jsonb(") + row + QLatin1Char(')');
    QStringList pairs;
    for (const QString &column : *trigger.payloadColumns)
        pairs.append(SqlBuilder::quoteLiteral(column) + QLatin1String(", ") + row + QLatin1Char('.')
            + SqlBuilder::quoteIdentifier(column));
    return QLatin1String("jsonb_build_object(") + pairs.join(QLatin1String(", ")) + QLatin1Char(')');
}

QString TriggerSql::createFunction(const TriggerDefinition &trigger)
{
    QString updateFilter;
    if (trigger.updateColumns && !trigger.updateColumns->isEmpty()) {
        QStringList changed;
        for (const QString &column : *trigger.updateColumns)
            changed.append(QLatin1String("OLD.") + SqlBuilder::quoteIdentifier(column)
                + QLatin1String(" IS DISTINCT FROM NEW.") + SqlBuilder::quoteIdentifier(column));
        updateFilter = QLatin1String("  IF TG_OP = 'UPDATE' AND NOT (") + changed.join(QLatin1String(" OR "))
            + QLatin1String(") THEN\n    RETURN NULL;\n  END IF;\n");
    }
    if (!trigger.updateValues.isEmpty()) {
        QStringList matches;
        for (auto it = trigger.updateValues.begin(); it != trigger.updateValues.end(); ++it) {
            QStringList literals;
            for (const QJsonValue &value : it.value().toArray())
                literals.append(SqlBuilder::quoteLiteral(value.toString()));
            matches.append(QLatin1String("NEW.") + SqlBuilder::quoteIdentifier(it.key()) + QLatin1String("::text IN (")
                + literals.join(QLatin1String(", ")) + QLatin1Char(')'));
        }
        updateFilter += QLatin1String("  IF TG_OP = 'UPDATE' AND NOT (") + matches.join(QLatin1String(" AND "))
            + QLatin1String(") THEN\n    RETURN NULL;\n  END IF;\n");
    }
    // The event row and the wake-up are part of the changing transaction: both happen if and only
    // if it commits. trefoil.wake_workers() sends NOTIFY unless the workers are polling anyway
    // (engine migration 0002); NOTIFY folds identical payloads within a transaction, so a bulk
    // change wakes the workers once.
    return QLatin1String("CREATE OR REPLACE FUNCTION ") + functionName(trigger.name)
        + QLatin1String("() RETURNS trigger LANGUAGE plpgsql AS $trefoil$\nBEGIN\n") + updateFilter
        + QLatin1String(
            "  INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, session_variables)\n"
            "  VALUES (")
        + SqlBuilder::quoteLiteral(trigger.name)
        + QLatin1String(", TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP,\n"
                        "          jsonb_build_object('old', CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE ")
        + rowJson(trigger, QStringLiteral("OLD"))
        + QLatin1String(" END,\n                             'new', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE ")
        + rowJson(trigger, QStringLiteral("NEW"))
        + QLatin1String(" END),\n          nullif(current_setting('trefoil.session_variables', true), '')::jsonb);\n"
                        "  PERFORM trefoil.wake_workers(")
        + SqlBuilder::quoteLiteral(trigger.name) + QLatin1String(");\n  RETURN NULL;\nEND\n$trefoil$");
}

QString TriggerSql::createTrigger(const TriggerDefinition &trigger)
{
    QStringList operations;
    if (trigger.onInsert)
        operations.append(QStringLiteral("INSERT"));
    if (trigger.onUpdate)
        operations.append(QStringLiteral("UPDATE"));
    if (trigger.onDelete)
        operations.append(QStringLiteral("DELETE"));
    if (operations.isEmpty())
        return {};
    return QLatin1String("CREATE TRIGGER ") + triggerName(trigger.name) + QLatin1String(" AFTER ")
        + operations.join(QLatin1String(" OR ")) + QLatin1String(" ON ")
        + SqlBuilder::qualified(trigger.schema, trigger.table) + QLatin1String(" FOR EACH ROW EXECUTE FUNCTION ")
        + functionName(trigger.name) + QLatin1String("()");
}

QString TriggerSql::dropTrigger(const QString &name, const QString &schema, const QString &table)
{
    return QLatin1String("DROP TRIGGER IF EXISTS ") + triggerName(name) + QLatin1String(" ON ")
        + SqlBuilder::qualified(schema, table);
}

QString TriggerSql::dropFunction(const QString &name)
{
    return QLatin1String("DROP FUNCTION IF EXISTS ") + functionName(name) + QLatin1String("()");
}

} // namespace trefoil::events
