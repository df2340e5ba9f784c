#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace trefoil::graphql {

struct CatalogColumn {
    QString name;
    QString typeName; // pg_type.typname: int4, text, _text, …
    QString sqlType; // format_type(): what a bound text parameter is cast to
    bool notNull = false;
    bool hasDefault = false;
    bool generated = false; // GENERATED ALWAYS: not insertable
};

struct CatalogConstraint {
    QString name;
    QChar type; // p, u, f
    QStringList columns;
    QString refSchema;
    QString refTable;
    QStringList refColumns;
};

struct CatalogTable {
    QString schema;
    QString name;
    bool isView = false;
    std::vector<CatalogColumn> columns;
    std::vector<CatalogConstraint> constraints;
};

// A relationship defined through the metadata API (pg_create_object_relationship, …), as stored:
// `definition` is Hasura's `using` object, foreign_key_constraint_on or manual_configuration.
struct MetadataRelationship {
    QString schema;
    QString table;
    QString name;
    bool isArray = false;
    QJsonObject definition;
};

// What a metadata relationship joins: columns of its table, pairwise equal to the target's.
struct ResolvedRelationship {
    QString targetSchema;
    QString targetTable;
    QStringList columns;
    QStringList targetColumns;
};

// The tables, views, columns and keys of some schemas, read from pg_catalog in one statement,
// and the relationships defined in metadata (a second statement).
struct Catalog {
    std::vector<CatalogTable> tables;
    std::vector<MetadataRelationship> relationships;
    QStringList untracked; // "schema.table" hidden by pg_untrack_table

    // One statement; $1 is a text[] of schema names. Returns one row, one json column.
    static QString query();
    // Parses the json that query() returns; nullopt with *error on malformed input.
    static std::optional<Catalog> fromJson(const QByteArray &json, QString *error = nullptr);

    // The stored metadata (relationships, untracked tables), one row, one json column; fails with
    // undefined_table where the engine migrations have not run.
    static QString relationshipsQuery();
    // Fills relationships and untracked from what relationshipsQuery() returns.
    void setMetadata(const QByteArray &json);

    const CatalogTable *table(const QString &schema, const QString &name) const;
    // The columns `relationship` joins on, or nullopt with *error (Hasura's wording) when its table,
    // columns or foreign key do not exist.
    std::optional<ResolvedRelationship> resolve(const MetadataRelationship &relationship, QString *error) const;
};

} // namespace trefoil::graphql
