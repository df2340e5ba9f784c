#pragma once

#include "backend/graphql/catalog.h"
#include "backend/graphql/compiledoperation.h"
#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"
#include "core/graphql/parser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace trefoil::pg {
class Pool;
struct Error;
} // namespace trefoil::pg

namespace trefoil::graphql {

struct EngineOptions {
    QStringList userSchemas = { QStringLiteral("public") };
    QStringList adminSchemas = { QStringLiteral("public"), QStringLiteral("trefoil") };
    ParseLimits parseLimits;
    ValidationLimits validationLimits;
};

// The Hasura-dialect GraphQL engine over PostgreSQL: owns the schemas read from the catalog and
// answers requests with one SQL statement per query (one transaction per mutation). Transport-agnostic.
class GraphqlEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphqlEngine)

public:
    using Done = std::function<void(QByteArray responseJson)>;

    explicit GraphqlEngine(pg::Pool *pool, EngineOptions options = {}, QObject *parent = nullptr);
    ~GraphqlEngine() override;

    // Re-reads the catalog; emits schemaReady() or schemaFailed(). `done`, when given, is called
    // once this reload is over (error empty on success): the schema then includes what was
    // committed before the call.
    void reloadSchema(std::function<void(const QString &error)> done = {});
    bool isReady() const { return m_admin != nullptr; }
    // The catalog the schemas were built from; nullptr before the first load.
    const Catalog *catalog() const { return m_catalog ? &*m_catalog : nullptr; }
    // The schema a role sees ("admin" or "user"); nullptr before the first load or for unknown roles.
    std::shared_ptr<const Schema> schema(const QString &role) const;

    // request: {"query", "variables", "operationName"}. done gets the response JSON exactly once,
    // unless context is destroyed first.
    void execute(const QJsonObject &request, const QString &role, QObject *context, Done done);
    // The same, with the caller's session variables for custom root fields.
    void execute(const QJsonObject &request, const RequestSession &session, QObject *context, Done done);

    // A document parsed and validated against a role's schema: the operation with its variables
    // coerced, or the errors. The one place requests are checked; compile() and streams build on it.
    struct Resolution {
        std::shared_ptr<const Schema> schema;
        std::optional<ResolvedOperation> operation;
        std::vector<GraphqlError> errors;
    };
    Resolution resolve(
        const QString &document, const QString &operationName, const QJsonObject &variables, const QString &role) const;

    // Parse + validate + compile, without running anything (live queries reuse this). With a
    // paramSource, a query's values are read from that jsonb array expression instead of bound
    // as $n (see Compiler::setParamSource): `params` then holds the array's elements.
    CompiledOperation compile(const QString &document, const QString &operationName, const QJsonObject &variables,
        const QString &role, const QString &paramSource = {}) const;

    // Adds a custom root field (visible from the next schema build, which this triggers when a catalog is loaded).
    void registerRootField(CustomRootField field);
    void registerRootField(RootKind kind, const QString &name, std::vector<InputValueDef> args,
        const QString &returnType, std::vector<InputValueDef> returnFields, CustomRootField::Handler handler);

    // The response errors for a database error, in Hasura's terms, without SQL.
    static GraphqlError databaseError(const pg::Error &error, const QJsonArray &path);

Q_SIGNALS:
    void schemaReady();
    void schemaFailed(const QString &message);

private:
    struct Run;
    pg::Pool *m_pool;
    EngineOptions m_options;
    std::optional<Catalog> m_catalog;
    std::vector<CustomRootField> m_custom;
    std::shared_ptr<const Schema> m_admin;
    std::shared_ptr<const Schema> m_user;
    quint64 m_requestedGeneration = 0;
    quint64 m_appliedGeneration = 0;

    void rebuild();
    void runQuery(const std::shared_ptr<Run> &run);
    void runQueryStep(const std::shared_ptr<Run> &run, size_t index);
    void runMutation(const std::shared_ptr<Run> &run);
    void runMutationStep(const std::shared_ptr<Run> &run, size_t index);
    void callCustom(const std::shared_ptr<Run> &run, size_t index, std::function<void(bool ok)> next);
    void finish(const std::shared_ptr<Run> &run, const QByteArray &response);
};

} // namespace trefoil::graphql
