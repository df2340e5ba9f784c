#pragma once

#include "backend/graphql/catalog.h"
#include "backend/graphql/requestsession.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace trefoil::pg {
class Session;
} // namespace trefoil::pg

namespace trefoil::graphql {

// What a field means to the compiler; Plain fields are read from a JSON value by name.
enum class FieldRole : quint8 {
    Plain,
    Column,
    ObjectRelationship,
    ArrayRelationship,
    ArrayAggregate,
    Select,
    SelectByPk,
    SelectAggregate,
    Insert,
    InsertOne,
    Update,
    UpdateByPk,
    Delete,
    DeleteByPk,
    Custom,
    IntrospectionSchema,
    IntrospectionType,
    Stream, // `<table>_stream`: served by StreamSubscription, not by Compiler
};

enum class TypeKind : quint8 { Scalar, Object, InputObject, Enum };
// What an object type's rows are built from.
enum class TypeRole : quint8 { Plain, Table, Aggregate, AggregateFields, AggregateColumns, MutationResponse };

enum class RootKind : quint8 { Query, Mutation };

// Type references are GraphQL type strings such as "[orders!]!".
struct InputValueDef {
    QString name;
    QString type;
    QString defaultValue; // a GraphQL literal, empty when there is none
    QString description;
};

struct FieldDef {
    QString name;
    QString type;
    std::vector<InputValueDef> args;
    QString description;
    FieldRole role = FieldRole::Plain;
    int table = -1; // the table the field reads or writes
    int relationship = -1; // index into that table's relationships
    QString column;
    int custom = -1; // index into the custom root fields
};

struct TypeDef {
    TypeKind kind = TypeKind::Scalar;
    QString name;
    QString description;
    std::vector<FieldDef> fields;
    std::vector<InputValueDef> inputFields;
    QStringList enumValues;
    TypeRole role = TypeRole::Plain;
    int table = -1;
    QString aggregateFunction; // AggregateColumns: sum, avg, …

    const FieldDef *field(const QString &name) const;
    const InputValueDef *inputField(const QString &name) const;
};

struct Relationship {
    QString name;
    bool isArray = false;
    int target = -1;
    QStringList columns; // on this table
    QStringList targetColumns; // on the target, pairwise equal to columns
    bool nonNull = false; // object relationship whose key columns are all NOT NULL
    // Object relationship whose target row a nested insert writes first (its key is on this table);
    // not one defined in metadata through the other table's foreign key.
    bool targetInsertedFirst = true;
};

struct TableInfo {
    QString schema;
    QString name;
    QString graphqlName;
    bool isView = false;
    std::vector<CatalogColumn> columns;
    QStringList primaryKey;
    QStringList uniqueConstraints; // primary key and unique constraint names
    std::vector<Relationship> relationships;

    const CatalogColumn *column(const QString &name) const;
    const Relationship *relationship(const QString &name) const;
};

// A root field the backend adds (operator actions). The handler gets the coerced arguments and
// answers once, with a result or an error message. A sessionHandler also gets who asked (for
// fields that record their caller); it is used instead of handler when set. A transactionHandler
// (preferred over both) runs its SQL on the connection it is given: in a mutation, the one
// transaction of all its root fields, so that the field commits or rolls back with them.
struct CustomRootField {
    using Reply = std::function<void(QJsonValue result, QString error)>;
    using Handler = std::function<void(const QJsonObject &args, Reply reply)>;
    using SessionHandler = std::function<void(const QJsonObject &args, const RequestSession &session, Reply reply)>;
    using TransactionHandler = std::function<void(
        const QJsonObject &args, const RequestSession &session, const pg::Session &connection, Reply reply)>;

    RootKind kind = RootKind::Mutation;
    QString name;
    std::vector<InputValueDef> args; // name + type string, e.g. {"id", "uuid!"}
    QString returnType; // a scalar ("jsonb") or the name of returnFields' object type
    std::vector<InputValueDef> returnFields; // when not empty: an object type with these scalar fields
    Handler handler;
    SessionHandler sessionHandler;
    TransactionHandler transactionHandler;
    QString description;
    QStringList roles; // roles that see the field; empty: every role
};

// The GraphQL schema one role sees: types for introspection and validation, tables for the compiler.
class Schema {
public:
    // Tables of `schemas` in `catalog`; schema public keeps table names, others get a "<schema>_" prefix.
    // Custom root fields are filtered by `role`.
    static std::shared_ptr<const Schema> build(const Catalog &catalog, const QStringList &schemas,
        const std::vector<CustomRootField> &custom, const QString &role = {});

    const TypeDef *type(const QString &name) const;
    const std::vector<TypeDef> &types() const { return m_types; }
    const TableInfo &table(int index) const { return m_tables.at(size_t(index)); }
    const std::vector<TableInfo> &tables() const { return m_tables; }
    const CustomRootField &custom(int index) const { return m_custom.at(size_t(index)); }
    QString queryType() const { return QStringLiteral("query_root"); }
    QString mutationType() const
    {
        return hasType(QStringLiteral("mutation_root")) ? QStringLiteral("mutation_root") : QString();
    }
    QString subscriptionType() const { return QStringLiteral("subscription_root"); }
    bool hasType(const QString &name) const { return m_index.contains(name); }

    // Type-string helpers: "[a!]!" → named "a", nonNull, list, inner.
    static QString namedType(const QString &typeString);
    static bool isNonNull(const QString &typeString) { return typeString.endsWith(QLatin1Char('!')); }
    static bool isList(const QString &typeString);
    // One wrapper removed: "[a!]!" → "[a!]" → "a!" → "a".
    static QString unwrapOne(const QString &typeString);
    // Hasura's scalar name for a PostgreSQL type.
    static QString scalarFor(const QString &pgTypeName);
    static bool isNumericScalar(const QString &scalar);

private:
    std::vector<TypeDef> m_types;
    QHash<QString, int> m_index;
    std::vector<TableInfo> m_tables;
    std::vector<CustomRootField> m_custom;

    void add(TypeDef type);
    void buildTable(int index);
    void addIntrospectionTypes();
    // Hasura's streaming subscription fields `<table>_stream` and their input types.
    void addStreamFields(TypeDef &subscription);
    void addScalarAndComparison(const QString &scalar);
    // `<table>_aggregate_bool_exp`: Hasura's aggregate predicates over an array relationship
    // (count, bool_and, bool_or with arguments, distinct, filter and predicate); returns its name.
    QString addAggregateBoolExp(int index);
};

} // namespace trefoil::graphql
