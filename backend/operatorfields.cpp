#include "backend/operatorfields.h"

#include "backend/events/auditlog.h"
#include "backend/events/eventmetrics.h"
#include "backend/events/eventoperations.h"
#include "backend/events/handlerregistry.h"
#include "backend/events/operatorsettings.h"
#include "backend/events/operatorstats.h"
#include "backend/events/triggerdefinition.h"
#include "backend/events/triggerstore.h"
#include "backend/functions/faultinjector.h"
#include "backend/graphql/graphqlengine.h"

#include <QJsonArray>
#include <QUuid>

#include <optional>

namespace trefoil {

using graphql::CustomRootField;
using graphql::InputValueDef;
using graphql::RequestSession;
using graphql::RootKind;

namespace {
const QString Admin = QStringLiteral("admin");

// A bulk action's batch: {"limit", "after_id", "action_id"}; absent means "everything at once".
struct Batch {
    bool given = false;
    int limit = 0;
    QString afterId;
    QString actionId;
};

bool isUuid(const QString &text)
{
    return !QUuid::fromString(text).isNull();
}

std::optional<Batch> parseBatch(const QJsonValue &value, QString *error)
{
    Batch batch;
    if (value.isNull() || value.isUndefined())
        return batch;
    const QJsonObject json = value.toObject();
    batch.given = true;
    const double limit = json.value(QLatin1String("limit")).toDouble(0);
    if (limit < 1 || limit > events::EventOperations::MaxBatchLimit || limit != double(int(limit))) {
        *error = OperatorFields::tr("batch.limit must be a whole number from 1 to %1")
                     .arg(events::EventOperations::MaxBatchLimit);
        return std::nullopt;
    }
    batch.limit = int(limit);
    batch.afterId = json.value(QLatin1String("after_id")).toString();
    batch.actionId = json.value(QLatin1String("action_id")).toString();
    if (!batch.afterId.isEmpty() && !isUuid(batch.afterId)) {
        *error = OperatorFields::tr("batch.after_id must be an event id (a uuid) or null");
        return std::nullopt;
    }
    if (!batch.actionId.isEmpty() && !isUuid(batch.actionId)) {
        *error = OperatorFields::tr("batch.action_id must be a uuid that the client chose for this bulk action");
        return std::nullopt;
    }
    return batch;
}

QJsonValue idOrNull(const QString &id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

InputValueDef arg(const QString &name, const QString &type, const QString &defaultValue = {})
{
    return InputValueDef { name, type, defaultValue, {} };
}

// Every operator field: admin only, answering jsonb.
void add(graphql::GraphqlEngine *engine, RootKind kind, const QString &name, std::vector<InputValueDef> args,
    CustomRootField::SessionHandler handler)
{
    CustomRootField field;
    field.kind = kind;
    field.name = name;
    field.args = std::move(args);
    field.returnType = QStringLiteral("jsonb");
    field.sessionHandler = std::move(handler);
    field.roles = { Admin };
    engine->registerRootField(std::move(field));
}

events::EventFilter filterOf(const QJsonObject &args)
{
    return events::EventFilter::fromJson(args.value(QLatin1String("filter")).toObject());
}

// The GraphQL answer for a value-or-error callback.
template<typename T> void answer(const CustomRootField::Reply &reply, const T &value, const QString &error)
{
    reply(error.isEmpty() ? QJsonValue(value) : QJsonValue(), error);
}
} // namespace

OperatorFields::OperatorFields(OperatorServices services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_audit(new events::AuditLog(services.pool, this))
    , m_stats(new events::OperatorStats(services.pool, services.triggers, this))
    , m_settings(new events::OperatorSettings(services.pool, this))
{
}

void OperatorFields::registerOn(graphql::GraphqlEngine *engine)
{
    registerQueries(engine);
    registerEventMutations(engine);
    registerTriggerMutations(engine);
    registerSettingsMutations(engine);
}

void OperatorFields::registerQueries(graphql::GraphqlEngine *engine)
{
    const QString jsonb = QStringLiteral("jsonb");
    add(engine, RootKind::Query, QStringLiteral("trefoil_event_counts"), { arg(QStringLiteral("filter"), jsonb) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            m_stats->stateCounts(filterOf(args), this,
                [reply](const QJsonObject &counts, const QString &error) { answer(reply, counts, error); });
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_list_events"),
        { arg(QStringLiteral("filter"), jsonb),
            arg(QStringLiteral("limit"), QStringLiteral("Int"), QStringLiteral("100")),
            arg(QStringLiteral("offset"), QStringLiteral("Int"), QStringLiteral("0")) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            m_services.operations->list(filterOf(args), args.value(QLatin1String("limit")).toInt(100),
                args.value(QLatin1String("offset")).toInt(0), this,
                [reply](const QJsonArray &rows, const QString &error) { answer(reply, rows, error); });
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_event_detail"),
        { arg(QStringLiteral("id"), QStringLiteral("uuid!")) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            events::EventFilter filter;
            const QString id = args.value(QLatin1String("id")).toString();
            if (!isUuid(id))
                return reply({}, tr("id must be an event id (a uuid)"));
            filter.ids = { id };
            m_services.operations->list(
                filter, 1, 0, this,
                [this, id, reply](const QJsonArray &rows, const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    if (rows.isEmpty())
                        return reply(QJsonValue(QJsonValue::Null), {});
                    const QJsonObject event = rows.first().toObject();
                    m_services.operations->invocations(
                        id, this, [event, reply](const QJsonArray &invocations, const QString &failure) {
                            if (!failure.isEmpty())
                                return reply({}, failure);
                            reply(QJsonObject { { QStringLiteral("event"), event },
                                      { QStringLiteral("invocations"), invocations } },
                                {});
                        });
                },
                true);
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_failure_groups"),
        { arg(QStringLiteral("filter"), jsonb),
            arg(QStringLiteral("limit"), QStringLiteral("Int"), QStringLiteral("200")) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            m_stats->failureGroups(filterOf(args), args.value(QLatin1String("limit")).toInt(200), this,
                [reply](const QJsonArray &rows, const QString &error) { answer(reply, rows, error); });
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_trigger_stats"),
        { arg(QStringLiteral("seconds"), QStringLiteral("Int"), QStringLiteral("60")) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            m_stats->triggerStats(args.value(QLatin1String("seconds")).toInt(60), this,
                [reply](const QJsonArray &rows, const QString &error) { answer(reply, rows, error); });
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_function_stats"),
        { arg(QStringLiteral("seconds"), QStringLiteral("Int"), QStringLiteral("60")) },
        [this](const QJsonObject &args, const RequestSession &, const Reply &reply) {
            QStringList names = m_services.handlers->names();
            names.sort();
            m_stats->functionStats(names, args.value(QLatin1String("seconds")).toInt(60), this,
                [this, reply](const QJsonArray &rows, const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    QJsonArray withFaults;
                    for (const QJsonValue &row : rows) {
                        QJsonObject function = row.toObject();
                        function.insert(QStringLiteral("fault"),
                            m_services.faults ? QJsonValue(
                                m_services.faults->settings(function.value(QLatin1String("name")).toString()).toJson())
                                              : QJsonValue(QJsonValue::Null));
                        withFaults.append(function);
                    }
                    reply(withFaults, {});
                });
        });
    add(engine, RootKind::Query, QStringLiteral("trefoil_settings"), {},
        [this](const QJsonObject &, const RequestSession &, const Reply &reply) {
            m_settings->get(
                this, [reply](const QJsonObject &settings, const QString &error) { answer(reply, settings, error); });
        });
}

void OperatorFields::audited(const RequestSession &session, const QString &action, const QString &target,
    const QJsonObject &filter, qint64 touched, const QJsonObject &details, const QString &actionId,
    const QJsonValue &result, const Reply &reply)
{
    events::AuditLog::Entry entry { session.actor(), action, target, filter, touched, details, actionId };
    m_audit->record(entry, this, [result, reply](const QString &error) {
        if (!error.isEmpty())
            return reply({}, tr("the action was carried out, but the audit log could not be written: %1").arg(error));
        reply(result, {});
    });
}

void OperatorFields::redeliver(const QJsonObject &args, const RequestSession &session, const Reply &reply)
{
    QString error;
    const std::optional<Batch> batch = parseBatch(args.value(QLatin1String("batch")), &error);
    if (!batch)
        return reply({}, error);
    const QJsonObject filterJson = args.value(QLatin1String("filter")).toObject();
    const events::EventFilter filter = events::EventFilter::fromJson(filterJson);
    auto finish = [this, session, filterJson, actionId = batch->actionId, reply](
                      qint64 count, const QString &lastId, bool batched, const QString &failure) {
        if (!failure.isEmpty())
            return reply({}, failure);
        if (m_services.metrics)
            m_services.metrics->countRedelivered(count);
        // Without a batch there is no cursor: last_id is null, as when a batched action is done.
        const QJsonObject result { { QStringLiteral("redelivered"), count },
            { QStringLiteral("last_id"), batched ? idOrNull(lastId) : QJsonValue(QJsonValue::Null) } };
        audited(session, QStringLiteral("redeliver"), {}, filterJson, count, {}, actionId, result, reply);
    };
    if (!batch->given)
        return m_services.operations->redeliver(
            filter, this, [finish](qint64 count, const QString &failure) { finish(count, {}, false, failure); });
    m_services.operations->redeliverBatch(filter, batch->limit, batch->afterId, this,
        [finish](
            qint64 count, const QString &lastId, const QString &failure) { finish(count, lastId, true, failure); });
}

void OperatorFields::cancel(const QJsonObject &args, const RequestSession &session, const Reply &reply)
{
    QString error;
    const std::optional<Batch> batch = parseBatch(args.value(QLatin1String("batch")), &error);
    if (!batch)
        return reply({}, error);
    const QString reason = args.value(QLatin1String("reason")).toString().trimmed();
    if (reason.isEmpty())
        return reply({}, tr("say why the events are cancelled (reason)"));
    const QJsonObject filterJson = args.value(QLatin1String("filter")).toObject();
    const events::EventFilter filter = events::EventFilter::fromJson(filterJson);
    auto finish = [this, session, filterJson, reason, actionId = batch->actionId, reply](
                      qint64 count, const QString &lastId, bool batched, const QString &failure) {
        if (!failure.isEmpty())
            return reply({}, failure);
        const QJsonObject result { { QStringLiteral("cancelled"), count },
            { QStringLiteral("last_id"), batched ? idOrNull(lastId) : QJsonValue(QJsonValue::Null) } };
        audited(session, QStringLiteral("cancel"), {}, filterJson, count,
            QJsonObject { { QStringLiteral("reason"), reason } }, actionId, result, reply);
    };
    if (!batch->given)
        return m_services.operations->cancel(filter, reason, this,
            [finish](qint64 count, const QString &failure) { finish(count, {}, false, failure); });
    m_services.operations->cancelBatch(filter, reason, batch->limit, batch->afterId, this,
        [finish](
            qint64 count, const QString &lastId, const QString &failure) { finish(count, lastId, true, failure); });
}

void OperatorFields::registerEventMutations(graphql::GraphqlEngine *engine)
{
    const QString jsonb = QStringLiteral("jsonb");
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_redeliver_events"),
        { arg(QStringLiteral("filter"), jsonb), arg(QStringLiteral("batch"), jsonb) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            redeliver(args, session, reply);
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_cancel_events"),
        { arg(QStringLiteral("filter"), jsonb), arg(QStringLiteral("reason"), QStringLiteral("String!")),
            arg(QStringLiteral("batch"), jsonb) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            cancel(args, session, reply);
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_release_leases"), { arg(QStringLiteral("filter"), jsonb) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            const QJsonObject filterJson = args.value(QLatin1String("filter")).toObject();
            m_services.operations->releaseLeases(events::EventFilter::fromJson(filterJson), this,
                [this, session, filterJson, reply](qint64 count, const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    audited(session, QStringLiteral("release_leases"), {}, filterJson, count, {}, {},
                        QJsonObject { { QStringLiteral("released"), count } }, reply);
                });
        });
}

void OperatorFields::registerTriggerMutations(graphql::GraphqlEngine *engine)
{
    const QString string = QStringLiteral("String!");
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_set_trigger_state"),
        { arg(QStringLiteral("name"), string), arg(QStringLiteral("paused"), QStringLiteral("Boolean")),
            arg(QStringLiteral("enabled"), QStringLiteral("Boolean")) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            const QString name = args.value(QLatin1String("name")).toString();
            auto flag = [&args](const char *key) -> std::optional<bool> {
                const QJsonValue value = args.value(QLatin1String(key));
                return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
            };
            const std::optional<bool> paused = flag("paused");
            const std::optional<bool> enabled = flag("enabled");
            m_services.triggers->setState(name, paused, enabled, this,
                [this, session, name, reply](bool isPaused, bool isEnabled, const QString &error, const QString &) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    const QJsonObject state { { QStringLiteral("name"), name }, { QStringLiteral("paused"), isPaused },
                        { QStringLiteral("enabled"), isEnabled } };
                    audited(session, QStringLiteral("set_trigger_state"), name, {}, 1, state, {}, state, reply);
                });
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_create_event_trigger"),
        { arg(QStringLiteral("definition"), QStringLiteral("jsonb!")),
            arg(QStringLiteral("replace"), QStringLiteral("Boolean"), QStringLiteral("false")) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            // The metadata API's parser: the console and create_event_trigger accept the same definitions.
            const QJsonObject definition = args.value(QLatin1String("definition")).toObject();
            QString error;
            const std::optional<events::TriggerDefinition> trigger
                = events::TriggerDefinition::fromHasuraArgs(definition, &error);
            if (!trigger)
                return reply({}, error);
            m_services.triggers->create(*trigger, args.value(QLatin1String("replace")).toBool(false), this,
                [this, session, definition, name = trigger->name, reply](const QString &failure, const QString &) {
                    if (!failure.isEmpty())
                        return reply({}, failure);
                    audited(session, QStringLiteral("create_event_trigger"), name, {}, 1,
                        QJsonObject { { QStringLiteral("definition"), definition } }, {},
                        QJsonObject { { QStringLiteral("name"), name } }, reply);
                });
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_delete_event_trigger"),
        { arg(QStringLiteral("name"), string) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            const QString name = args.value(QLatin1String("name")).toString();
            m_services.triggers->remove(
                name, this, [this, session, name, reply](const QString &error, const QString &) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    audited(session, QStringLiteral("delete_event_trigger"), name, {}, 1, {}, {},
                        QJsonObject { { QStringLiteral("name"), name } }, reply);
                });
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_invoke_event_trigger"),
        { arg(QStringLiteral("name"), string), arg(QStringLiteral("payload"), QStringLiteral("jsonb!")) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            const QString name = args.value(QLatin1String("name")).toString();
            m_services.operations->invoke(name, args.value(QLatin1String("payload")).toObject(), this,
                [this, session, name, reply](const QString &eventId, const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    audited(session, QStringLiteral("invoke_event_trigger"), name, {}, 1,
                        QJsonObject { { QStringLiteral("event_id"), eventId } }, {},
                        QJsonObject { { QStringLiteral("event_id"), eventId } }, reply);
                });
        });
}

void OperatorFields::registerSettingsMutations(graphql::GraphqlEngine *engine)
{
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_set_function_fault"),
        { arg(QStringLiteral("name"), QStringLiteral("String!")),
            arg(QStringLiteral("failure_rate"), QStringLiteral("Float")),
            arg(QStringLiteral("latency_ms"), QStringLiteral("Int")),
            arg(QStringLiteral("timeout"), QStringLiteral("Boolean")),
            arg(QStringLiteral("always_fail"), QStringLiteral("Boolean")) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            if (!m_services.faults)
                return reply(
                    {}, tr("fault injection needs the demo's fault table: start trefoild with the demo installed"));
            const QString name = args.value(QLatin1String("name")).toString();
            if (!m_services.handlers->find(name))
                return reply({}, tr("there is no built-in function \"%1\"").arg(name));
            // Arguments left out keep their current value.
            QJsonObject fault = m_services.faults->settings(name).toJson();
            for (const char *key : { "failure_rate", "latency_ms", "timeout", "always_fail" }) {
                const QJsonValue value = args.value(QLatin1String(key));
                if (!value.isUndefined() && !value.isNull())
                    fault.insert(QLatin1String(key), value);
            }
            const double rate = fault.value(QLatin1String("failure_rate")).toDouble();
            const int latency = fault.value(QLatin1String("latency_ms")).toInt();
            if (rate < 0 || rate > 1)
                return reply({}, tr("failure_rate must be between 0 and 1"));
            if (latency < 0 || latency > 600000)
                return reply({}, tr("latency_ms must be between 0 and 600000"));
            m_services.faults->set(name, functions::FaultSettings::fromJson(fault), this,
                [this, session, name, fault, reply](const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    QJsonObject row = fault;
                    row.insert(QStringLiteral("name"), name);
                    audited(session, QStringLiteral("set_function_fault"), name, {}, 1, fault, {}, row, reply);
                });
        });
    add(engine, RootKind::Mutation, QStringLiteral("trefoil_set_settings"),
        { arg(QStringLiteral("settings"), QStringLiteral("jsonb!")) },
        [this](const QJsonObject &args, const RequestSession &session, const Reply &reply) {
            const QJsonObject changes = args.value(QLatin1String("settings")).toObject();
            m_settings->set(
                changes, this, [this, session, changes, reply](const QJsonObject &settings, const QString &error) {
                    if (!error.isEmpty())
                        return reply({}, error);
                    audited(session, QStringLiteral("set_settings"), {}, {}, 1, changes, {}, settings, reply);
                });
        });
}

} // namespace trefoil
