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
    reply(400,
        errorBody(QStringLiteral("$.type"),
            tr("unknown or unsupported call type \"%1\"").arg(call.value(QLatin1String("type")).toString()),
            QStringLiteral("not-supported")));
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
