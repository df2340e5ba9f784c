#include "backend/server/graphqlhttp.h"

#include "core/graphql/parser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace trefoil::server {

namespace {
const QByteArray GraphqlResponseJson = QByteArrayLiteral("application/graphql-response+json");

QString tr(const char *text)
{
    return QCoreApplication::translate("GraphqlHttp", text);
}

QByteArray errorsBody(const QString &message, const QString &code)
{
    const QJsonObject error { { QStringLiteral("message"), message },
        { QStringLiteral("extensions"), QJsonObject { { QStringLiteral("code"), code } } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("errors"), QJsonArray { error } } })
        .toJson(QJsonDocument::Compact);
}

// The media type to answer with: graphql-response+json when the client prefers it (or accepts
// anything), else application/json, as legacy clients expect.
QByteArray responseType(const HttpRequest &request)
{
    const QByteArray accept = request.header("accept").toLower();
    if (accept.isEmpty())
        return QByteArrayLiteral("application/json");
    const qsizetype modern = accept.indexOf(GraphqlResponseJson);
    const qsizetype legacy = accept.indexOf("application/json");
    if (modern >= 0 && (legacy < 0 || modern < legacy))
        return GraphqlResponseJson;
    if (legacy >= 0 || accept.contains("*/*") || accept.contains("application/*"))
        return QByteArrayLiteral("application/json");
    return {};
}

HttpResponse reply(int status, const QByteArray &type, QByteArray body)
{
    HttpResponse response;
    response.status = status;
    response.contentType = type + QByteArrayLiteral("; charset=utf-8");
    response.body = std::move(body);
    return response;
}
// The role (x-hasura-role) and the request's x-hasura-* headers.
graphql::RequestSession sessionOf(const HttpRequest &request)
{
    const QString role = request.header("x-hasura-role") == "user" ? QStringLiteral("user") : QStringLiteral("admin");
    QJsonObject headers;
    for (const auto &[name, value] : request.headers)
        headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    return graphql::RequestSession::fromHeaders(role, headers);
}

// What is wrong with one operation object ({"query", "variables", "operationName", "extensions"}),
// as {message, code}; empty when nothing is.
std::pair<QString, QString> operationError(const QJsonObject &body)
{
    const QString badRequest = QStringLiteral("bad-request");
    if (!body.value(QLatin1String("query")).isString())
        return { tr("\"query\" must be a string"), badRequest };
    const QJsonValue variables = body.value(QLatin1String("variables"));
    if (!variables.isUndefined() && !variables.isNull() && !variables.isObject())
        return { tr("\"variables\" must be an object"), badRequest };
    const QJsonValue operationName = body.value(QLatin1String("operationName"));
    if (!operationName.isUndefined() && !operationName.isNull() && !operationName.isString())
        return { tr("\"operationName\" must be a string"), badRequest };
    // Not used, but a malformed one is a client bug worth reporting (GraphQL over HTTP: a map).
    const QJsonValue extensions = body.value(QLatin1String("extensions"));
    if (!extensions.isUndefined() && !extensions.isNull() && !extensions.isObject())
        return { tr("\"extensions\" must be an object"), badRequest };
    return {};
}

// A batch (a JSON array of operations, as Apollo's batch link sends): each runs on its own (a
// mutation in its own transaction), one after the other so mutations keep their order, and
// the answer is the array of their responses, each with its own data or errors.
struct Batch {
    QJsonArray operations;
    GraphqlHttp::Executor execute;
    graphql::RequestSession session;
    std::function<void(HttpResponse)> respond;
    QByteArray type;
    QByteArray answer = "[";

    static void next(const std::shared_ptr<Batch> &batch, qsizetype index)
    {
        if (index == batch->operations.size()) {
            batch->answer += ']';
            return batch->respond(reply(200, batch->type, std::move(batch->answer)));
        }
        if (index > 0)
            batch->answer += ',';
        const QJsonValue operation = batch->operations.at(index);
        if (!operation.isObject()) {
            batch->answer += errorsBody(
                tr("operation %1 of the batch is not a JSON object: each operation must be an object with "
                   "\"query\"")
                    .arg(index),
                QStringLiteral("bad-request"));
            return next(batch, index + 1);
        }
        const auto [message, code] = operationError(operation.toObject());
        if (!message.isEmpty()) {
            batch->answer += errorsBody(message, code);
            return next(batch, index + 1);
        }
        batch->execute(operation.toObject(), batch->session, [batch, index](QByteArray json) {
            batch->answer += json;
            next(batch, index + 1);
        });
    }
};

} // namespace

void GraphqlHttp::handle(const HttpRequest &request, const Executor &execute, std::function<void(HttpResponse)> respond)
{
    const QByteArray type = responseType(request);
    if (type.isEmpty())
        return respond(reply(406, QByteArrayLiteral("application/json"),
            errorsBody(tr("Accept must allow application/graphql-response+json or application/json"),
                QStringLiteral("not-acceptable"))));
    // A request error (no "data"): 400 in the modern media type, 200 in legacy application/json.
    const int requestErrorStatus = type == GraphqlResponseJson ? 400 : 200;
    auto badRequest
        = [&](const QString &message, const QString &code) { respond(reply(400, type, errorsBody(message, code))); };

    QJsonObject body;
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (isGet) {
        if (!request.query.hasQueryItem(QStringLiteral("query")))
            return badRequest(tr("the \"query\" parameter is required"), QStringLiteral("bad-request"));
        body.insert(QStringLiteral("query"), request.query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded));
        if (request.query.hasQueryItem(QStringLiteral("operationName")))
            body.insert(QStringLiteral("operationName"),
                request.query.queryItemValue(QStringLiteral("operationName"), QUrl::FullyDecoded));
        if (request.query.hasQueryItem(QStringLiteral("variables"))) {
            const QJsonDocument variables = QJsonDocument::fromJson(
                request.query.queryItemValue(QStringLiteral("variables"), QUrl::FullyDecoded).toUtf8());
            if (!variables.isObject())
                return badRequest(tr("\"variables\" must be a JSON object"), QStringLiteral("bad-request"));
            body.insert(QStringLiteral("variables"), variables.object());
        }
        if (request.query.hasQueryItem(QStringLiteral("extensions"))) {
            const QJsonDocument extensions = QJsonDocument::fromJson(
                request.query.queryItemValue(QStringLiteral("extensions"), QUrl::FullyDecoded).toUtf8());
            if (!extensions.isObject())
                return badRequest(tr("\"extensions\" must be a JSON object"), QStringLiteral("bad-request"));
        }
    } else {
        const QByteArray contentType = request.header("content-type").toLower();
        if (!contentType.startsWith("application/json") && !contentType.startsWith("application/graphql-response+json"))
            return respond(reply(415, type,
                errorsBody(tr("Content-Type must be application/json"), QStringLiteral("unsupported-media-type"))));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return badRequest(tr("the body is not valid JSON (%1): it must be an operation object with \"query\", "
                                 "or an array of such objects")
                                  .arg(parseError.errorString()),
                QStringLiteral("invalid-json"));
        if (document.isArray()) {
            const QJsonArray operations = document.array();
            if (operations.isEmpty())
                return badRequest(
                    tr("the batch is empty: send at least one operation object"), QStringLiteral("bad-request"));
            if (operations.size() > MaxBatchSize)
                return badRequest(tr("a batch holds at most %1 operations; this one has %2: split it")
                                      .arg(MaxBatchSize)
                                      .arg(operations.size()),
                    QStringLiteral("bad-request"));
            auto batch = std::make_shared<Batch>();
            batch->operations = operations;
            batch->execute = execute;
            batch->session = sessionOf(request);
            batch->respond = std::move(respond);
            batch->type = type;
            return Batch::next(batch, 0);
        }
        if (!document.isObject())
            return badRequest(tr("the body must be an operation object with \"query\", or an array of such objects"),
                QStringLiteral("invalid-json"));
        body = document.object();
    }
    if (const auto [message, code] = operationError(body); !message.isEmpty())
        return badRequest(message, code);
    const QJsonValue query = body.value(QLatin1String("query"));
    const QJsonValue operationName = body.value(QLatin1String("operationName"));
    if (isGet) {
        // GET must not change anything: find the operation that would run, refuse a mutation.
        const graphql::ParseResult parsed = graphql::parse(query.toString());
        if (parsed.ok()) {
            const graphql::OperationDefinition *operation = parsed.document.operation(operationName.toString());
            if (operation && operation->type == graphql::OperationType::Mutation) {
                HttpResponse response
                    = reply(405, type, errorsBody(tr("mutations must use POST"), QStringLiteral("method-not-allowed")));
                response.addHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST"));
                return respond(std::move(response));
            }
        }
    }

    execute(body, sessionOf(request), [respond, type, requestErrorStatus](QByteArray json) {
        // Errors before execution (the document does not parse or validate) are request errors;
        // errors from running it are answered with 200, as Hasura does.
        const bool requestError = json.startsWith("{\"errors\"") && !json.contains("\"data\"")
            && (json.contains("\"validation-failed\"") || json.contains("\"parse-failed\""));
        respond(reply(requestError ? requestErrorStatus : 200, type, std::move(json)));
    });
}

} // namespace trefoil::server
