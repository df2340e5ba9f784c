#pragma once

#include <QByteArray>
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

// The tables, views, columns and keys of some schemas, read from pg_catalog in one statement.
struct Catalog {
    std::vector<CatalogTable> tables;

    // One statement; $1 is a text[] of schema names. Returns one row, one json column.
    static QString query();
    // Parses the json that query() returns; nullopt with *error on malformed input.
    static std::optional<Catalog> fromJson(const QByteArray &json, QString *error = nullptr);
};

} // namespace trefoil::graphql
