#include "backend/pg/sqlbuilder.h"

namespace trefoil::pg {

bool SqlBuilder::isStorable(const QString &text)
{
    return !text.contains(QChar(0));
}

QString SqlBuilder::quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString SqlBuilder::quoteLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString SqlBuilder::qualified(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString SqlBuilder::param(const QVariant &value, const QString &sqlType)
{
    m_params.append(value);
    if (!m_paramSource.isEmpty()) {
        const QString index = QString::number(m_params.size() - 1);
        if (value.typeId() == QMetaType::QStringList)
            return QLatin1String("ARRAY(SELECT jsonb_array_elements_text(") + m_paramSource + QLatin1String("->")
                + index + QLatin1String("))") + (sqlType.isEmpty() ? QString() : QLatin1String("::") + sqlType);
        const QString text = QLatin1Char('(') + m_paramSource + QLatin1String("->>") + index + QLatin1Char(')');
        return sqlType.isEmpty() ? text : QLatin1Char('(') + text + QLatin1String("::") + sqlType + QLatin1Char(')');
    }
    const QString placeholder = QLatin1Char('$') + QString::number(m_params.size());
    return sqlType.isEmpty() ? placeholder : placeholder + QLatin1String("::") + sqlType;
}

QString SqlBuilder::alias()
{
    return QLatin1String("_") + QString::number(++m_aliases);
}

QString SqlBuilder::jsonObject(const std::vector<std::pair<QString, QString>> &pairs)
{
    constexpr size_t maxPairs = 50;
    QString sql;
    if (pairs.size() <= maxPairs) {
        sql = QLatin1String("json_build_object(");
        bool first = true;
        for (const auto &[key, expression] : pairs) {
            if (!first)
                sql += QLatin1String(", ");
            first = false;
            sql += quoteLiteral(key) + QLatin1String(", ") + expression;
        }
        return sql + QLatin1Char(')');
    }
    sql = QLatin1String("(SELECT json_object_agg(\"k\", \"v\" ORDER BY \"n\") FROM (VALUES ");
    int n = 0;
    for (const auto &[key, expression] : pairs) {
        if (n > 0)
            sql += QLatin1String(", ");
        sql += QLatin1Char('(') + QString::number(n++) + QLatin1String(", ") + quoteLiteral(key)
            + QLatin1String(", to_json(") + expression + QLatin1String("))");
    }
    return sql + QLatin1String(") AS \"t\"(\"n\", \"k\", \"v\"))");
}

} // namespace trefoil::pg
