#pragma once

#include <QString>
#include <QVariantList>

#include <utility>
#include <vector>

namespace trefoil::graphql {

// Builds generated SQL safely: identifiers are always quoted, values always become bound
// parameters ($n), and table aliases are unique within one statement.
class SqlBuilder {
public:
    static QString quoteIdentifier(const QString &name);
    // A SQL string literal; only for names the GraphQL lexer already restricted (JSON keys).
    static QString quoteLiteral(const QString &text);
    // `"schema"."name"`
    static QString qualified(const QString &schema, const QString &name);

    // Appends a parameter and returns its placeholder, cast when sqlType is not empty.
    QString param(const QVariant &value, const QString &sqlType = {});
    // A fresh alias: "_1", "_2", …
    QString alias();

    // json_build_object over (key, expression) pairs; beyond PostgreSQL's 100-argument limit it
    // falls back to an ordered json_object_agg.
    static QString jsonObject(const std::vector<std::pair<QString, QString>> &pairs);

    const QVariantList &params() const { return m_params; }
    QVariantList takeParams() { return std::exchange(m_params, {}); }

private:
    QVariantList m_params;
    int m_aliases = 0;
};

} // namespace trefoil::graphql
