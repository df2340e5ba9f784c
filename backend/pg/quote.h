#pragma once

#include <QString>
#include <QStringList>

namespace trefoil::pg {

// For the few places where SQL text must name things (DDL, generated functions): identifiers are
// always double-quoted, literals single-quoted; values everywhere else are bound parameters.
inline QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

inline QString quoteQualified(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

inline QString quoteLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    // E'' is not needed: standard_conforming_strings is on in every supported PostgreSQL.
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace trefoil::pg
