#include "backend/events/eventfilter.h"

#include "backend/pg/sqlbuilder.h"

#include <QJsonArray>

namespace trefoil::events {

namespace {
const QLatin1String LiveLease("e.locked_until > now()");
const QLatin1String NoLiveLease("(e.locked_until IS NULL OR e.locked_until <= now())");

// ILIKE's wildcards and escape character taken literally: the operator types text, not a pattern.
QString containsPattern(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

QString derivedCondition(const QString &status)
{
    if (status == QLatin1String("pending"))
        return QLatin1String("(e.status = 'pending' AND e.tries = 0 AND ") + NoLiveLease + QLatin1Char(')');
    if (status == QLatin1String("retrying"))
        return QLatin1String("(e.status = 'pending' AND e.tries > 0 AND ") + NoLiveLease + QLatin1Char(')');
    if (status == QLatin1String("in_flight"))
        return QLatin1String("(e.status = 'pending' AND ") + LiveLease + QLatin1Char(')');
    return {};
}
} // namespace

const QStringList &EventFilter::stateNames()
{
    static const QStringList names = { QStringLiteral("pending"), QStringLiteral("in_flight"),
        QStringLiteral("retrying"), QStringLiteral("delivered"), QStringLiteral("dead"), QStringLiteral("cancelled") };
    return names;
}

QString EventFilter::stateCondition(const QString &state)
{
    const QString derived = derivedCondition(state);
    if (!derived.isEmpty())
        return derived;
    // The stored ones are fixed names from stateNames(), never the caller's text.
    if (stateNames().contains(state))
        return QLatin1String("e.status = '") + state + QLatin1Char('\'');
    return {};
}

QString EventFilter::stateExpression()
{
    return QLatin1String("CASE WHEN e.status <> 'pending' THEN e.status WHEN ") + LiveLease
        + QLatin1String(" THEN 'in_flight' WHEN e.tries > 0 THEN 'retrying' ELSE 'pending' END");
}

QString EventFilter::fingerprintExpression()
{
    return QStringLiteral("trefoil.error_fingerprint(e.trigger_name,"
                          " CASE WHEN e.status = 'pending' AND e.tries > 0 THEN 'retrying' ELSE e.status END,"
                          " e.last_error)");
}

EventFilter EventFilter::fromJson(const QJsonObject &json)
{
    EventFilter filter;
    for (const QJsonValue &id : json.value(QLatin1String("ids")).toArray())
        filter.ids.append(id.toString());
    if (json.contains(QLatin1String("event_id")))
        filter.ids.append(json.value(QLatin1String("event_id")).toString());
    filter.trigger
        = json.value(QLatin1String("trigger")).toString(json.value(QLatin1String("trigger_name")).toString());
    const QJsonValue status = json.value(QLatin1String("status"));
    if (status.isString())
        filter.statuses.append(status.toString());
    for (const QJsonValue &s : json.value(QLatin1String("statuses")).toArray())
        filter.statuses.append(s.toString());
    filter.schema = json.value(QLatin1String("schema")).toString();
    filter.table = json.value(QLatin1String("table")).toString();
    filter.createdFrom = QDateTime::fromString(json.value(QLatin1String("created_from")).toString(), Qt::ISODateWithMs);
    filter.createdTo = QDateTime::fromString(json.value(QLatin1String("created_to")).toString(), Qt::ISODateWithMs);
    filter.errorContains = json.value(QLatin1String("error_contains")).toString();
    filter.payloadContains = json.value(QLatin1String("payload_contains")).toString();
    filter.fingerprint = json.value(QLatin1String("fingerprint")).toString();
    return filter;
}

QString EventFilter::where(pg::SqlBuilder &sql, bool withStatuses) const
{
    QStringList conditions;
    if (!ids.isEmpty())
        conditions.append(QLatin1String("e.id = ANY (") + sql.param(ids) + QLatin1String("::text[]::uuid[])"));
    if (!trigger.isEmpty())
        conditions.append(QLatin1String("e.trigger_name = ") + sql.param(trigger));
    if (withStatuses && !statuses.isEmpty()) {
        // Stored statuses in one bound array; the derived ones as their own conditions.
        QStringList stored;
        QStringList alternatives;
        for (const QString &status : statuses) {
            const QString derived = derivedCondition(status);
            if (derived.isEmpty())
                stored.append(status);
            else if (!alternatives.contains(derived))
                alternatives.append(derived);
        }
        if (!stored.isEmpty())
            alternatives.append(QLatin1String("e.status = ANY (") + sql.param(stored) + QLatin1String("::text[])"));
        conditions.append(QLatin1Char('(') + alternatives.join(QLatin1String(" OR ")) + QLatin1Char(')'));
    }
    if (!schema.isEmpty())
        conditions.append(QLatin1String("e.schema_name = ") + sql.param(schema));
    if (!table.isEmpty())
        conditions.append(QLatin1String("e.table_name = ") + sql.param(table));
    if (createdFrom.isValid())
        conditions.append(QLatin1String("e.created_at >= ") + sql.param(createdFrom));
    if (createdTo.isValid())
        conditions.append(QLatin1String("e.created_at < ") + sql.param(createdTo));
    if (!errorContains.isEmpty())
        conditions.append(QLatin1String("e.last_error ILIKE ") + sql.param(containsPattern(errorContains)));
    if (!payloadContains.isEmpty())
        conditions.append(QLatin1String("e.data::text ILIKE ") + sql.param(containsPattern(payloadContains)));
    if (!fingerprint.isEmpty())
        conditions.append(QLatin1String("e.last_error IS NOT NULL AND ") + fingerprintExpression()
            + QLatin1String(" = ") + sql.param(fingerprint));
    return conditions.isEmpty() ? QStringLiteral("true") : conditions.join(QLatin1String(" AND "));
}

} // namespace trefoil::events
