#include "backend/events/metadataapi.h"

#include "backend/events/eventoperations.h"
#include "backend/events/triggerdefinition.h"
#include "backend/events/triggerstore.h"

#include <QJsonArray>

#include <memory>

namespace trefoil::events {

namespace {
QString withoutPgPrefix(const QString &type)
{
    return type.startsWith(QLatin1String("pg_")) ? type.mid(3) : type;
}

QJsonObject success()
{
    return { { QStringLiteral("message"), QStringLiteral("success") } };
}
} // namespace

MetadataApi::MetadataApi(TriggerStore *triggers, EventOperations *operations, QObject *parent)
    : QObject(parent)
    , m_triggers(triggers)
    , m_operations(operations)
{
}

void MetadataApi::setTableMetadata(TableCalls calls, TablesExport exportTables)
{
    m_tableCalls = std::move(calls);
    m_exportTables = std::move(exportTables);
}

QJsonObject MetadataApi::errorBody(const QString &path, const QString &message, const QString &code)
{
    return { { QStringLiteral("path"), path }, { QStringLiteral("error"), message }, { QStringLiteral("code"), code } };
}

void MetadataApi::handle(const QJsonValue &request, Reply reply)
{
    if (!request.isObject())
        return reply(400,
            errorBody(QStringLiteral("$"), tr("expected an object with \"type\" and \"args\""),
                QStringLiteral("parse-failed")));
    const QJsonObject call = request.toObject();
    const QString type = withoutPgPrefix(call.value(QLatin1String("type")).toString());
    const QJsonValue argsValue = call.value(QLatin1String("args"));
    if (type == QLatin1String("bulk")) {
        if (!argsValue.isArray())
            return reply(400,
                errorBody(
                    QStringLiteral("$.args"), tr("bulk expects a list of calls"), QStringLiteral("parse-failed")));
        return handleBulk(argsValue.toArray(), std::move(reply));
    }
    if (type == QLatin1String("export_metadata"))
        return exportMetadata(reply);
    if (!argsValue.isObject())
        return reply(
            400, errorBody(QStringLiteral("$.args"), tr("\"args\" must be an object"), QStringLiteral("parse-failed")));
    const QJsonObject args = argsValue.toObject();
    auto done = [reply](const QString &error, const QString &code) {
        if (!error.isEmpty())
            return reply(
                code == QLatin1String("unexpected") ? 500 : 400, errorBody(QStringLiteral("$.args"), error, code));
        reply(200, success());
    };

    if (type == QLatin1String("create_event_trigger")) {
        QString error;
        const auto trigger = TriggerDefinition::fromHasuraArgs(args, &error);
        if (!trigger)
            return reply(400, errorBody(QStringLiteral("$.args"), error, QStringLiteral("invalid-params")));
        return m_triggers->create(*trigger, args.value(QLatin1String("replace")).toBool(false), this, done);
    }
    if (type == QLatin1String("delete_event_trigger"))
        return m_triggers->remove(args.value(QLatin1String("name")).toString(), this, done);
    if (type == QLatin1String("pause_event_trigger") || type == QLatin1String("resume_event_trigger"))
        return m_triggers->setPaused(
            args.value(QLatin1String("name")).toString(), type.startsWith(QLatin1String("pause")), this, done);
    if (type == QLatin1String("redeliver_event")) {
        EventFilter filter;
        filter.ids = { args.value(QLatin1String("event_id")).toString() };
        if (filter.ids.constFirst().isEmpty())
            return reply(400,
                errorBody(QStringLiteral("$.args.event_id"), tr("\"event_id\" is required"),
                    QStringLiteral("invalid-params")));
        return m_operations->redeliver(filter, this, [reply](qint64 count, const QString &error) {
            if (!error.isEmpty())
                return reply(500, errorBody(QStringLiteral("$.args"), error, QStringLiteral("unexpected")));
            if (count == 0)
                return reply(400,
                    errorBody(QStringLiteral("$.args.event_id"), tr("event not found, or still pending"),
                        QStringLiteral("not-exists")));
            reply(200, success());
        });
    }
    if (type == QLatin1String("invoke_event_trigger")) {
        return m_operations->invoke(args.value(QLatin1String("name")).toString(),
            args.value(QLatin1String("payload")).toObject(), this,
            [reply](const QString &eventId, const QString &error) {
                if (!error.isEmpty())
                    return reply(400, errorBody(QStringLiteral("$.args"), error, QStringLiteral("not-exists")));
                reply(200, QJsonObject { { QStringLiteral("event_id"), eventId } });
            });
    }
    if (m_tableCalls && m_tableCalls(type, args, reply))
        return;
    reply(400,
        errorBody(QStringLiteral("$.type"),
            tr("unknown or unsupported call type \"%1\"").arg(call.value(QLatin1String("type")).toString()),
            QStringLiteral("not-supported")));
}

void MetadataApi::exportMetadata(const Reply &reply)
{
    // Hasura v3: one source, its tables with their relationships and event triggers.
    auto withTriggers = [this, reply](QJsonArray tables) {
        m_triggers->list(this, [reply, tables](const QList<TriggerDefinition> &triggers, const QString &error) mutable {
            if (!error.isEmpty())
                return reply(500, errorBody(QStringLiteral("$"), error, QStringLiteral("unexpected")));
            for (const TriggerDefinition &trigger : triggers) {
                const QJsonObject table { { QStringLiteral("schema"), trigger.schema },
                    { QStringLiteral("name"), trigger.table } };
                QJsonObject exported = trigger.toJson();
                QJsonObject definition;
                for (const QString &key : { QStringLiteral("enable_manual"), QStringLiteral("insert"),
                         QStringLiteral("update"), QStringLiteral("delete") }) {
                    if (exported.contains(key))
                        definition.insert(key, exported.take(key));
                }
                exported.remove(QStringLiteral("table"));
                exported.insert(QStringLiteral("definition"), definition);
                qsizetype at = 0;
                while (at < tables.size() && tables.at(at).toObject().value(QLatin1String("table")).toObject() != table)
                    ++at;
                QJsonObject entry = at < tables.size() ? tables.at(at).toObject()
                                                       : QJsonObject { { QStringLiteral("table"), table } };
                QJsonArray list = entry.value(QLatin1String("event_triggers")).toArray();
                list.append(exported);
                entry.insert(QStringLiteral("event_triggers"), list);
                if (at < tables.size())
                    tables.replace(at, entry);
                else
                    tables.append(entry);
            }
            const QJsonObject source { { QStringLiteral("name"), QStringLiteral("default") },
                { QStringLiteral("kind"), QStringLiteral("postgres") }, { QStringLiteral("tables"), tables } };
            reply(200,
                QJsonObject { { QStringLiteral("version"), 3 }, { QStringLiteral("sources"), QJsonArray { source } } });
        });
    };
    if (!m_exportTables)
        return withTriggers({});
    m_exportTables(this, [reply, withTriggers](const QJsonArray &tables, const QString &error) {
        if (!error.isEmpty())
            return reply(500, errorBody(QStringLiteral("$"), error, QStringLiteral("unexpected")));
        withTriggers(tables);
    });
}

void MetadataApi::handleBulk(const QJsonArray &calls, Reply reply)
{
    // Calls run in order; the first failure stops the rest, as in Hasura.
    auto results = std::make_shared<QJsonArray>();
    auto next = std::make_shared<std::function<void(qsizetype)>>();
    *next = [this, calls, results, reply, weakNext = std::weak_ptr<std::function<void(qsizetype)>>(next)](
                qsizetype index) {
        if (index == calls.size())
            return reply(200, *results);
        const auto self = weakNext.lock();
        handle(calls.at(index), [results, reply, self, index](int status, const QJsonValue &body) {
            if (status != 200)
                return reply(status, body);
            results->append(body);
            (*self)(index + 1);
        });
    };
    (*next)(0);
}

} // namespace trefoil::events
