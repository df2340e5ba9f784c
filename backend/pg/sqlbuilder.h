#pragma once

#include <QString>
#include <QVariantList>

#include <utility>
#include <vector>

namespace trefoil::pg {

// The one place that writes names and values into generated SQL: identifiers are always
// double-quoted, values become bound parameters ($n), and the few literals that must be inline
// (DDL, PL/pgSQL bodies, JSON keys) are single-quoted. Used by the GraphQL compiler, the event
// trigger SQL and the event queries.
//
// Hostile input. Quoting doubles the quote character and nothing else: backslashes, dots,
// spaces, semicolons and any Unicode stay inside the quotes as they are
// (standard_conforming_strings is on in every supported PostgreSQL, so a backslash is an
// ordinary character in '…'). NUL is REJECTED, never stripped: PostgreSQL cannot store it in a
// name or in text, and libpq takes statements and text parameters as C strings, so a NUL would
// cut the statement short. Stripping it would silently turn one name into another ("a\0b" into
// "ab", perhaps an existing table), so:
//   - callers that take names or inline literals from users check them with isStorable() and
//     report their own error (TriggerDefinition does; GraphQL names come from the catalog and the
//     GraphQL lexer, which cannot produce NUL);
//   - these functions leave a NUL where it is, and pg::Connection refuses any statement whose text
//     or text parameters contain one, before sending it, with SQLSTATE 22021 (what PostgreSQL
//     itself reports for a NUL byte). So whatever slips past a caller fails loudly; it can never
//     truncate SQL text or a bound value.
class SqlBuilder {
public:
    // False when PostgreSQL could not store the text as a name or a text value (it contains NUL).
    static bool isStorable(const QString &text);

    // "name", with embedded double quotes doubled.
    static QString quoteIdentifier(const QString &name);
    // "schema"."name"
    static QString qualified(const QString &schema, const QString &name);
    // 'text', with embedded single quotes doubled. Values are parameters: this is only for SQL
    // that cannot take parameters (DDL, function bodies) and for JSON keys.
    static QString quoteLiteral(const QString &text);

    // Appends a parameter and returns its placeholder ($1, $2, …), cast ($1::type) when sqlType
    // is not empty. The placeholders are numbered in the order of the calls.
    QString param(const QVariant &value, const QString &sqlType = {});
    // From now on param() still records each value but returns an expression that reads it from
    // the jsonb array `jsonbArray` (0-based, in the order of the calls) instead of a placeholder:
    // text as `(a->>n)::type`, a QStringList as an array of the element texts. Live queries use
    // this so one statement serves many subscribers, each with its own array in a cohort row.
    void setParamSource(const QString &jsonbArray) { m_paramSource = jsonbArray; }
    // A fresh table alias, unique within this builder: "_1", "_2", …
    QString alias();

    // json_build_object over (key, expression) pairs; beyond PostgreSQL's 100-argument limit it
    // falls back to an ordered json_object_agg.
    static QString jsonObject(const std::vector<std::pair<QString, QString>> &pairs);

    const QVariantList &params() const { return m_params; }
    // Hands the parameters over for a finished statement: the next param() is $1 again.
    QVariantList takeParams() { return std::exchange(m_params, {}); }

private:
    QVariantList m_params;
    QString m_paramSource;
    int m_aliases = 0;
};

} // namespace trefoil::pg
