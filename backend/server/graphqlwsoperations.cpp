#include "backend/server/graphqlwsoperations.h"

#include "core/graphql/parser.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GraphqlWsOperations", text);
}

QJsonArray oneError(const QString &message, const QString &code)
{
    return QJsonArray { QJsonObject {
        { u"message"_s, message }, { u"extensions"_s, QJsonObject { { u"code"_s, code } } } } };
}

// The errors array of an error callback; whatever arrives, a non-empty array of errors with messages.
QJsonArray errorsFrom(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    QJsonArray errors = document.isArray() ? document.array() : document.object().value(u"errors"_s).toArray();
    for (const QJsonValue &error : std::as_const(errors)) {
        if (!error.toObject().value(u"message"_s).isString())
            return oneError(tr("the subscription failed"), u"unexpected"_s);
    }
    if (errors.isEmpty())
        return oneError(tr("the subscription failed"), u"unexpected"_s);
    return errors;
}

enum class Kind { QueryOrMutation, LiveQuery, Stream };

// Which machinery runs the request. A document that does not parse, or names no operation, goes
// to the executor, which answers with the proper GraphQL errors.
Kind kindOf(const QJsonObject &request)
{
    const graphql::ParseResult parsed = graphql::parse(request.value(u"query"_s).toString());
    if (!parsed.ok())
        return Kind::QueryOrMutation;
    const graphql::OperationDefinition *operation
        = parsed.document.operation(request.value(u"operationName"_s).toString());
    if (!operation || operation->type != graphql::OperationType::Subscription)
        return Kind::QueryOrMutation;
    // Only a live query may skip results the client had no time to read; a stream's batches
    // (Hasura's `<table>_stream` fields) must each arrive. Anything unclear counts as a stream.
    for (const graphql::Selection &selection : operation->selectionSet) {
        if (selection.kind != graphql::Selection::Kind::Field || selection.name.endsWith(u"_stream"_s))
            return Kind::Stream;
    }
    return Kind::LiveQuery;
}

} // namespace

GraphqlWsOperations::GraphqlWsOperations(const GraphqlWsContext &context, Callbacks callbacks, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_callbacks(std::move(callbacks))
{
}

GraphqlWsOperations::~GraphqlWsOperations()
{
    stopAll();
}

bool GraphqlWsOperations::isRequestError(const QJsonObject &response)
{
    return !response.contains(u"data"_s) && !response.value(u"errors"_s).toArray().isEmpty();
}

quint64 GraphqlWsOperations::keyOf(const QString &id) const
{
    return m_active.value(id).key;
}

GraphqlWsOperations::Started GraphqlWsOperations::start(
    const QString &id, const QJsonObject &request, const graphql::RequestSession &session)
{
    const QString &role = session.role;
    if (m_active.contains(id))
        return Started::DuplicateId;
    if (count() >= m_context.options.maxOperations)
        return Started::TooMany;
    const quint64 key = m_nextKey++;
    // Only the fields the executors know, as over HTTP.
    QJsonObject operation { { u"query"_s, request.value(u"query"_s) } };
    if (request.value(u"variables"_s).isObject())
        operation.insert(u"variables"_s, request.value(u"variables"_s));
    if (request.value(u"operationName"_s).isString())
        operation.insert(u"operationName"_s, request.value(u"operationName"_s));
    m_active.insert(id, Operation { key, nullptr, 0, false, false });
    switch (kindOf(operation)) {
    case Kind::QueryOrMutation:
        execute(id, key, operation, session);
        break;
    case Kind::LiveQuery:
        subscribe(id, key, operation, role, true);
        break;
    case Kind::Stream:
        subscribe(id, key, operation, role, false);
        break;
    }
    return Started::Ok;
}

void GraphqlWsOperations::execute(
    const QString &id, quint64 key, const QJsonObject &request, const graphql::RequestSession &session)
{
    auto *context = new QObject(this);
    m_active[id].context = context;
    if (!m_context.execute) {
        finish(id, key);
        m_callbacks.error(key, id, oneError(tr("queries are not available"), u"unexpected"_s));
        return;
    }
    m_context.execute(request, session, context, [this, id, key](const QByteArray &json) {
        if (!finish(id, key))
            return;
        const QJsonObject response = QJsonDocument::fromJson(json).object();
        if (isRequestError(response)) {
            m_callbacks.error(key, id, response.value(u"errors"_s).toArray());
            return;
        }
        m_callbacks.next(key, id, json, false);
        // next may have closed the connection and stopped everything; complete is still owed
        // only to a connection that goes on, which the session checks.
        m_callbacks.complete(key, id);
    });
}

void GraphqlWsOperations::subscribe(
    const QString &id, quint64 key, const QJsonObject &request, const QString &role, bool latestOnly)
{
    m_active[id].subscription = true;
    if (!m_context.subscriptions) {
        finish(id, key);
        m_callbacks.error(key, id, oneError(tr("subscriptions are not available"), u"unexpected"_s));
        return;
    }
    QPointer<GraphqlWsOperations> self(this);
    const auto current = [self, id, key] {
        if (!self)
            return false;
        const auto it = self->m_active.constFind(id);
        return it != self->m_active.cend() && it->key == key;
    };
    graphql::SubscriptionSink sink;
    sink.next = [self, current, id, key, latestOnly](const QByteArray &payload) {
        if (current())
            self->m_callbacks.next(key, id, payload, latestOnly);
    };
    sink.error = [self, current, id, key](const QByteArray &errors) {
        if (!current())
            return;
        self->finish(id, key);
        self->m_callbacks.error(key, id, errorsFrom(errors));
    };
    sink.complete = [self, current, id, key] {
        if (!current())
            return;
        self->finish(id, key);
        self->m_callbacks.complete(key, id);
    };
    const graphql::Subscriptions::Token token = m_context.subscriptions->start(request, role, std::move(sink));
    // The sink may have ended the operation before start returned (a validation error).
    if (current()) {
        m_active[id].token = token;
        m_active[id].hasToken = true;
    }
}

bool GraphqlWsOperations::finish(const QString &id, quint64 key)
{
    const auto it = m_active.find(id);
    if (it == m_active.end() || it->key != key)
        return false;
    Operation operation = *it;
    m_active.erase(it);
    // Over: nothing to stop, only the context to let go (later: its callback may be running).
    if (operation.context)
        operation.context->deleteLater();
    return true;
}

void GraphqlWsOperations::release(Operation &operation)
{
    delete operation.context;
    operation.context = nullptr;
    if (operation.hasToken && m_context.subscriptions)
        m_context.subscriptions->stop(operation.token);
}

void GraphqlWsOperations::stop(const QString &id)
{
    const auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    Operation operation = *it;
    m_active.erase(it);
    release(operation);
}

void GraphqlWsOperations::stopAll()
{
    const QHash<QString, Operation> active = std::exchange(m_active, {});
    for (Operation operation : active)
        release(operation);
}

} // namespace trefoil::server
