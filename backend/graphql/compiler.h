#pragma once

#include "backend/graphql/compiledoperation.h"
#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"
#include "backend/pg/sqlbuilder.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <utility>
#include <vector>

namespace trefoil::graphql {

// Compiles a validated operation to SQL that builds the response JSON inside PostgreSQL:
// json_build_object per row, json_agg per list, LEFT JOIN LATERAL per relationship,
// data-modifying CTEs for (nested) mutations. Every value is a bound parameter.
class Compiler {
public:
    explicit Compiler(const Schema &schema)
        : m_schema(schema)
    {
    }

    CompiledOperation compile(const ResolvedOperation &operation);
    // Values are read from the jsonb array `jsonbArray` rather than bound as $n (see
    // pg::SqlBuilder::setParamSource); for queries and subscriptions only.
    void setParamSource(const QString &jsonbArray) { m_paramSource = jsonbArray; }

private:
    // Builds `<table>_stream` statements from innerSelect() and rowJson().
    friend class StreamCompiler;

    struct Inner {
        QString sql;
        QStringList outerOrder;
    };
    struct RowJson {
        QString json;
        QString joins;
    };

    const Schema &m_schema;
    QString m_paramSource;
    pg::SqlBuilder m_sql;
    QSet<int> m_read; // tables (indexes into the schema's) the statement reads
    std::vector<std::pair<QString, QString>> m_ctes;
    std::vector<GraphqlError> m_errors;
    // Rows inserted by this statement's CTEs, per table index: relationships in `returning`
    // read them too, since the statement's snapshot does not show them in the tables.
    QHash<int, QStringList> m_inserted;

    void fail(
        const QString &message, const ResolvedField &field, const QString &code = QStringLiteral("validation-failed"));
    QString valueParam(const Value &value, const CatalogColumn &column);
    static QVariant valueText(const Value &value);
    QString boolExp(const TableInfo &table, const QString &alias, const Value &exp);
    QString comparison(const QString &expr, const CatalogColumn &column, const Value &ops);
    // `<relationship>_aggregate` in a bool_exp: the array relationship it names, or null.
    static const Relationship *aggregateRelationship(const TableInfo &table, const QString &name);
    QString aggregatePredicates(const Relationship &rel, const QString &parentAlias, const Value &exp);
    std::vector<std::pair<QString, QString>> orderBy(const TableInfo &table, const QString &alias, const Value &spec);
    Inner innerSelect(
        const TableInfo &table, const QString &alias, const ResolvedField *args, const QStringList &conditions);
    QString tableSource(const TableInfo &table);
    QString readTable(const TableInfo &table);
    static QStringList correlation(const Relationship &rel, const QString &alias, const QString &parentAlias);
    RowJson rowJson(const TableInfo &table, const std::vector<ResolvedField> &selection, const QString &alias);
    QString selectMany(
        const TableInfo &table, const ResolvedField &field, const QStringList &conditions, const QString &alias);
    QString selectOne(
        const TableInfo &table, const ResolvedField &field, const QStringList &conditions, const QString &alias);
    QString selectAggregate(
        const TableInfo &table, const ResolvedField &field, const QStringList &conditions, const QString &alias);
    QString aggregateFields(const TableInfo &table, const ResolvedField &field, const QString &alias);
    QString pkConditions(
        const TableInfo &table, const QString &alias, const std::vector<Argument> &args, const Value *object);

    QString insertRow(const TableInfo &table, const Value &object, const Value *onConflict,
        const Relationship *parentRel, const QString &parentCte, QStringList *allCtes);
    QString mutationResponse(
        const TableInfo &table, const ResolvedField &field, const QStringList &rowCtes, const QStringList &countCtes);
    QString singleRow(const TableInfo &table, const ResolvedField &field, const QString &cte);
    QString withCtes(const QString &select) const;
    CompiledRootField compileMutationField(const ResolvedField &field);
};

} // namespace trefoil::graphql
