#include "backend/graphql/graphqlengine.h"

#include "backend/graphql/compiler.h"
#include "backend/pg/pool.h"
#include "core/graphql/parser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace trefoil::graphql {

namespace {

QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray errorResponse(const QString &message, const QString &code, const QJsonArray &path = {})
{
    GraphqlError e;
    e.message = message;
    e.code = code;
    e.path = path;
    return GraphqlError::response({ e });
}

// A custom field's result filtered to the selection, with aliases and __typename.
QJsonValue project(const QJsonValue &value, const std::vector<ResolvedField> &selection, const QString &typeName)
{
    if (selection.empty())
        return value;
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray in = value.toArray();
        for (const QJsonValue &item : in)
            out.append(project(item, selection, typeName));
        return out;
    }
    if (!value.isObject())
        return QJsonValue::Null;
    const QJsonObject in = value.toObject();
    QJsonObject out;
    for (const ResolvedField &f : selection) {
        if (!f.def)
            out.insert(f.key, typeName);
        else
            out.insert(f.key,
                project(in.value(f.name).isUndefined() ? QJsonValue(QJsonValue::Null) : in.value(f.name), f.children,
                    Schema::namedType(f.def->type)));
    }
    return out;
}

} // namespace

struct GraphqlEngine::Run {
    std::shared_ptr<const Schema> schema;
    CompiledOperation op;
    QPointer<QObject> context;
    Done done;
    std::vector<QByteArray> results; // per root field
    pg::Session session;
    RequestSession requester; // who asked, for custom root fields
    bool finished = false;
};

GraphqlEngine::GraphqlEngine(pg::Pool *pool, EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_options(std::move(options))
{
}

GraphqlEngine::~GraphqlEngine() = default;

void GraphqlEngine::reloadSchema(std::function<void(const QString &error)> done)
{
    QStringList schemas = m_options.adminSchemas;
    for (const QString &s : std::as_const(m_options.userSchemas)) {
        if (!schemas.contains(s))
            schemas.append(s);
    }
    // Reloads may overlap (notifications, metadata calls): a result older than the applied one is dropped.
    const quint64 generation = ++m_requestedGeneration;
    auto fail = [this, done](const QString &message) {
        Q_EMIT schemaFailed(message);
        if (done)
            done(message);
    };
    m_pool->exec(Catalog::query(), { schemas }, this, [this, generation, done, fail](const pg::Result &result) {
        if (!result.ok())
            return fail(QStringLiteral("could not read the database catalog: ") + result.error().describe());
        QString error;
        std::optional<Catalog> catalog = Catalog::fromJson(result.raw(0, 0), &error);
        if (!catalog)
            return fail(error);
        // Relationships from the metadata API; a database without the engine migrations has none.
        m_pool->exec(Catalog::relationshipsQuery(), this,
            [this, generation, done, fail, catalog = std::make_shared<Catalog>(std::move(*catalog))](
                const pg::Result &relationships) {
                if (relationships.ok())
                    catalog->setMetadata(relationships.raw(0, 0));
                else if (relationships.error().sqlState != QLatin1String("42P01"))
                    return fail(
                        QStringLiteral("could not read the relationships: ") + relationships.error().describe());
                if (generation > m_appliedGeneration) {
                    m_appliedGeneration = generation;
                    m_catalog = std::move(*catalog);
                    rebuild();
                    Q_EMIT schemaReady();
                }
                if (done)
                    done({});
            });
    });
}

void GraphqlEngine::rebuild()
{
    if (!m_catalog)
        return;
    m_admin = Schema::build(*m_catalog, m_options.adminSchemas, m_custom, QStringLiteral("admin"));
    m_user = Schema::build(*m_catalog, m_options.userSchemas, m_custom, QStringLiteral("user"));
}

std::shared_ptr<const Schema> GraphqlEngine::schema(const QString &role) const
{
    if (role == QLatin1String("admin"))
        return m_admin;
    if (role == QLatin1String("user"))
        return m_user;
    return nullptr;
}

void GraphqlEngine::registerRootField(CustomRootField field)
{
    m_custom.push_back(std::move(field));
    rebuild();
}

void GraphqlEngine::registerRootField(RootKind kind, const QString &name, std::vector<InputValueDef> args,
    const QString &returnType, std::vector<InputValueDef> returnFields, CustomRootField::Handler handler)
{
    CustomRootField field;
    field.kind = kind;
    field.name = name;
    field.args = std::move(args);
    field.returnType = returnType;
    field.returnFields = std::move(returnFields);
    field.handler = std::move(handler);
    registerRootField(std::move(field));
}

GraphqlEngine::Resolution GraphqlEngine::resolve(
    const QString &document, const QString &operationName, const QJsonObject &variables, const QString &role) const
{
    Resolution out;

    const std::shared_ptr<const Schema> s = schema(role);
    if (!s) {
        GraphqlError e;
        e.message = m_admin ? QStringLiteral("unknown role \"%1\"").arg(role)
                            : QStringLiteral("the GraphQL schema is not loaded yet");
        e.code = m_admin ? QStringLiteral("access-denied") : QStringLiteral("unexpected");
        out.errors.push_back(e);
        return out;
    }
    const QByteArray source = document.toUtf8();
    if (source.size() > m_options.parseLimits.maxSourceBytes) {
        GraphqlError e;
        e.message = QStringLiteral("the query is larger than %1 bytes").arg(m_options.parseLimits.maxSourceBytes);
        e.code = QStringLiteral("parse-failed");
        out.errors.push_back(e);
        return out;
    }
    const ParseResult parsed = parse(QByteArrayView(source), m_options.parseLimits);
    if (!parsed.ok()) {
        for (const ParseError &pe : parsed.errors) {
            GraphqlError e;
            e.message = pe.message;
            e.code = QStringLiteral("parse-failed");
            e.locations.push_back(SourceLocation { pe.line, pe.column });
            out.errors.push_back(e);
        }
        return out;
    }
    Validator validator(*s, m_options.validationLimits);
    const std::optional<ResolvedOperation> resolved = validator.resolve(parsed.document, operationName, variables);
    if (!resolved) {
        out.errors = validator.errors();
        return out;
    }
    out.schema = s;
    out.operation = resolved;
    return out;
}

CompiledOperation GraphqlEngine::compile(const QString &document, const QString &operationName,
    const QJsonObject &variables, const QString &role, const QString &paramSource) const
{
    const Resolution resolution = resolve(document, operationName, variables, role);
    CompiledOperation out;
    if (!resolution.operation) {
        out.errors = resolution.errors;
        return out;
    }
    Compiler compiler(*resolution.schema);
    compiler.setParamSource(paramSource);
    out = compiler.compile(*resolution.operation);
    out.schema = resolution.schema;
    return out;
}

GraphqlError GraphqlEngine::databaseError(const pg::Error &error, const QJsonArray &path)
{
    GraphqlError e;
    e.path = path;
    e.code = QStringLiteral("constraint-violation");
    switch (error.kind) {
    case pg::ErrorKind::UniqueViolation:
        e.message = QStringLiteral("Uniqueness violation. ") + error.message;
        break;
    case pg::ErrorKind::ForeignKeyViolation:
        e.message = QStringLiteral("Foreign key violation. ") + error.message;
        break;
    case pg::ErrorKind::NotNullViolation:
        e.message = QStringLiteral("Not-NULL violation. ") + error.message;
        break;
    case pg::ErrorKind::CheckViolation:
        e.message = QStringLiteral("Check constraint violation. ") + error.message;
        break;
    case pg::ErrorKind::InvalidInput:
        e.message = error.message;
        e.code = QStringLiteral("data-exception");
        break;
    case pg::ErrorKind::ConnectionFailed:
    case pg::ErrorKind::ConnectionLost:
    case pg::ErrorKind::AdminShutdown:
        e.message = QStringLiteral("database connection error");
        e.code = QStringLiteral("unexpected");
        break;
    case pg::ErrorKind::QueryCanceled:
        e.message = QStringLiteral("the database query was cancelled or timed out");
        e.code = QStringLiteral("unexpected");
        break;
    case pg::ErrorKind::SerializationFailure:
    case pg::ErrorKind::DeadlockDetected:
        e.message = QStringLiteral("the transaction conflicted with another one; retry it");
        e.code = QStringLiteral("unexpected");
        break;
    default:
        if (error.sqlState.startsWith(QLatin1String("23"))) {
            e.message = QStringLiteral("Constraint violation. ") + error.message;
        } else {
            e.message = QStringLiteral("database query error");
            e.code = QStringLiteral("unexpected");
        }
    }
    return e;
}

void GraphqlEngine::execute(const QJsonObject &request, const QString &role, QObject *context, Done done)
{
    RequestSession session;
    session.role = role;
    execute(request, session, context, std::move(done));
}

void GraphqlEngine::execute(const QJsonObject &request, const RequestSession &session, QObject *context, Done done)
{
    const QString &role = session.role;
    const auto reply = [&](const QByteArray &response) {
        QMetaObject::invokeMethod(
            this,
            [guard = QPointer<QObject>(context), done, response] {
                if (guard)
                    done(response);
            },
            Qt::QueuedConnection);
    };
    const QJsonValue query = request.value(QLatin1String("query"));
    if (!query.isString()) {
        reply(errorResponse(QStringLiteral("the key 'query' was not present or is not a string"),
            QStringLiteral("parse-failed"), QJsonArray { QStringLiteral("$"), QStringLiteral("query") }));
        return;
    }
    const QJsonValue variables = request.value(QLatin1String("variables"));
    if (!variables.isUndefined() && !variables.isNull() && !variables.isObject()) {
        reply(errorResponse(QStringLiteral("'variables' must be an object"), QStringLiteral("parse-failed"),
            QJsonArray { QStringLiteral("$"), QStringLiteral("variables") }));
        return;
    }
    const QJsonValue operationName = request.value(QLatin1String("operationName"));
    auto run = std::make_shared<Run>();
    run->schema = schema(role);
    run->op = compile(query.toString(), operationName.toString(), variables.toObject(), role);
    if (!run->op.ok()) {
        reply(GraphqlError::response(run->op.errors));
        return;
    }
    run->context = context;
    run->requester = session;
    run->done = std::move(done);
    run->results.resize(run->op.rootFields.size());
    if (run->op.isMutation)
        runMutation(run);
    else
        runQuery(run);
}

void GraphqlEngine::finish(const std::shared_ptr<Run> &run, const QByteArray &response)
{
    if (run->finished)
        return;
    run->finished = true;
    run->session = pg::Session();
    if (run->context)
        run->done(response);
}

void GraphqlEngine::callCustom(const std::shared_ptr<Run> &run, size_t index, std::function<void(bool ok)> next)
{
    const CompiledRootField &root = run->op.rootFields[index];
    const CustomRootField &custom = run->schema->custom(root.custom);
    QPointer<GraphqlEngine> self(this);
    auto answered = std::make_shared<bool>(false);
    CustomRootField::Reply reply = [self, run, index, next, answered](const QJsonValue &result, const QString &error) {
        if (!self || *answered)
            return;
        *answered = true;
        const CompiledRootField &r = run->op.rootFields[index];
        if (!error.isEmpty()) {
            // next() first: a mutation rolls its transaction back on the connection before finish() lets it go.
            next(false);
            self->finish(run, errorResponse(error, QStringLiteral("unexpected"), QJsonArray { r.key }));
            return;
        }
        const CustomRootField &c = run->schema->custom(r.custom);
        run->results[index] = jsonText(project(result, r.selection, Schema::namedType(c.returnType)));
        next(true);
    };
    if (custom.transactionHandler) {
        if (run->session.isValid())
            return custom.transactionHandler(root.args, run->requester, run->session, std::move(reply));
        // A query: a connection of its own (autocommit), held until the field answers.
        m_pool->acquire(this, [self, run, index, reply](pg::Session session, const pg::Error &error) {
            if (!self)
                return;
            if (!session.isValid())
                return reply({}, databaseError(error, {}).message);
            const CompiledRootField &r = run->op.rootFields[index];
            run->schema->custom(r.custom).transactionHandler(r.args, run->requester, session,
                [session, reply](const QJsonValue &result, const QString &message) { reply(result, message); });
        });
        return;
    }
    if (custom.sessionHandler)
        custom.sessionHandler(root.args, run->requester, std::move(reply));
    else
        custom.handler(root.args, std::move(reply));
}

static QByteArray assemble(const std::vector<CompiledRootField> &fields, const std::vector<QByteArray> &results)
{
    QByteArray data = "{\"data\":{";
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            data += ',';
        data += jsonText(fields[i].key) + ':'
            + (fields[i].kind == CompiledRootField::Kind::Static ? fields[i].json : results[i]);
    }
    return data + "}}";
}

void GraphqlEngine::runQuery(const std::shared_ptr<Run> &run)
{
    runQueryStep(run, 0);
}

void GraphqlEngine::runQueryStep(const std::shared_ptr<Run> &run, size_t index)
{
    // Custom root fields first: their results become parameters of the one statement.
    while (index < run->op.rootFields.size() && run->op.rootFields[index].kind != CompiledRootField::Kind::Custom)
        ++index;
    if (index < run->op.rootFields.size()) {
        callCustom(run, index, [this, run, index](bool ok) {
            if (!ok)
                return;
            const CompiledRootField &r = run->op.rootFields[index];
            if (r.paramIndex >= 0 && !run->op.sql.isEmpty())
                run->op.params[r.paramIndex] = QString::fromUtf8(run->results[index]);
            runQueryStep(run, index + 1);
        });
        return;
    }
    if (run->op.sql.isEmpty()) {
        finish(run, assemble(run->op.rootFields, run->results));
        return;
    }
    m_pool->exec(run->op.sql, run->op.params, this, [this, run](const pg::Result &result) {
        if (!result.ok()) {
            finish(run, GraphqlError::response({ databaseError(result.error(), {}) }));
            return;
        }
        finish(run, "{\"data\":" + result.raw(0, 0) + '}');
    });
}

void GraphqlEngine::runMutation(const std::shared_ptr<Run> &run)
{
    bool needsDatabase = false;
    for (const CompiledRootField &r : run->op.rootFields) {
        needsDatabase = needsDatabase || r.kind == CompiledRootField::Kind::Sql
            || (r.kind == CompiledRootField::Kind::Custom && run->schema->custom(r.custom).transactionHandler);
    }
    if (!needsDatabase) {
        runMutationStep(run, 0);
        return;
    }
    m_pool->acquire(this, [this, run](pg::Session session, const pg::Error &error) {
        if (!session.isValid()) {
            finish(run, GraphqlError::response({ databaseError(error, {}) }));
            return;
        }
        run->session = session;
        session.exec(QStringLiteral("BEGIN"), this, [this, run](const pg::Result &result) {
            if (!result.ok()) {
                finish(run, GraphqlError::response({ databaseError(result.error(), {}) }));
                return;
            }
            runMutationStep(run, 0);
        });
    });
}

void GraphqlEngine::runMutationStep(const std::shared_ptr<Run> &run, size_t index)
{
    const auto fail = [this, run](const QByteArray &response) {
        if (run->session.isValid()) {
            const pg::Session session = run->session;
            session.exec(QStringLiteral("ROLLBACK"), this, [](const pg::Result &) {});
        }
        finish(run, response);
    };
    while (index < run->op.rootFields.size() && run->op.rootFields[index].kind == CompiledRootField::Kind::Static)
        ++index;
    if (index >= run->op.rootFields.size()) {
        if (!run->session.isValid()) {
            finish(run, assemble(run->op.rootFields, run->results));
            return;
        }
        run->session.exec(QStringLiteral("COMMIT"), this, [this, run](const pg::Result &result) {
            if (!result.ok()) {
                finish(run, GraphqlError::response({ databaseError(result.error(), {}) }));
                return;
            }
            finish(run, assemble(run->op.rootFields, run->results));
        });
        return;
    }
    const CompiledRootField &root = run->op.rootFields[index];
    if (root.kind == CompiledRootField::Kind::Custom) {
        callCustom(run, index, [this, run, index](bool ok) {
            if (ok)
                runMutationStep(run, index + 1);
            else if (run->session.isValid())
                run->session.exec(QStringLiteral("ROLLBACK"), this, [](const pg::Result &) {});
        });
        return;
    }
    run->session.exec(root.sql, root.params, this, [this, run, index, fail](const pg::Result &result) {
        if (!result.ok()) {
            fail(GraphqlError::response(
                { databaseError(result.error(), QJsonArray { run->op.rootFields[index].key }) }));
            return;
        }
        run->results[index] = result.isNull(0, 0) ? QByteArray("null") : result.raw(0, 0);
        runMutationStep(run, index + 1);
    });
}

} // namespace trefoil::graphql
