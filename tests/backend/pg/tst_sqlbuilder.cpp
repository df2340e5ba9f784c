// The SQL builder on hostile names and values: what it quotes, how, and what it refuses.
#include "backend/pg/sqlbuilder.h"

#include <QTest>

#include <optional>

using trefoil::pg::SqlBuilder;

namespace {

// The inverse of quoting with `quote` (" or '), written independently of the builder: every
// inner quote must be doubled, so a lone one (text that escapes its quotes) gives no value.
std::optional<QString> unquote(const QString &quoted, QChar quote)
{
    if (quoted.size() < 2 || quoted.front() != quote || quoted.back() != quote)
        return std::nullopt;
    QString text;
    for (qsizetype i = 1; i + 1 < quoted.size(); ++i) {
        if (quoted.at(i) == quote) {
            if (i + 2 >= quoted.size() || quoted.at(i + 1) != quote)
                return std::nullopt;
            ++i;
        }
        text += quoted.at(i);
    }
    return text;
}

QString withNul(const char *before, const char *after)
{
    return QLatin1String(before) + QChar(0) + QLatin1String(after);
}

} // namespace

class TestSqlBuilder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identifiers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("orders") << QStringLiteral("\"orders\"");
        QTest::newRow("upper case kept") << QStringLiteral("Orders") << QStringLiteral("\"Orders\"");
        QTest::newRow("double quote") << QStringLiteral("a\"b") << QStringLiteral("\"a\"\"b\"");
        QTest::newRow("only quotes") << QStringLiteral("\"\"") << QStringLiteral("\"\"\"\"\"\"");
        QTest::newRow("injection") << QStringLiteral("a\"; DROP TABLE x; --")
                                   << QStringLiteral("\"a\"\"; DROP TABLE x; --\"");
        QTest::newRow("dot is part of the name")
            << QStringLiteral("public.orders") << QStringLiteral("\"public.orders\"");
        QTest::newRow("spaces") << QStringLiteral(" my table ") << QStringLiteral("\" my table \"");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
        QTest::newRow("backslash") << QStringLiteral("a\\\"") << QStringLiteral("\"a\\\"\"\"");
        QTest::newRow("dollar") << QStringLiteral("$1$trefoil$") << QStringLiteral("\"$1$trefoil$\"");
        QTest::newRow("unicode") << QStringLiteral("Bestellungen_ü_寿司_🍣")
                                 << QStringLiteral("\"Bestellungen_ü_寿司_🍣\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        // NUL is not stripped (that would name another object): it stays, and pg::Connection
        // refuses the statement (tst_pgconnection::nulIsRefusedNeverTruncated).
        QTest::newRow("nul kept") << withNul("a", "b") << QLatin1String("\"") + withNul("a", "b") + QLatin1String("\"");
    }

    void identifiers()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString quoted = SqlBuilder::quoteIdentifier(name);
        QCOMPARE(quoted, expected);
        QCOMPARE(unquote(quoted, QLatin1Char('"')), std::optional<QString>(name));
    }

    void qualified()
    {
        QCOMPARE(SqlBuilder::qualified(QStringLiteral("public"), QStringLiteral("items")),
            QStringLiteral("\"public\".\"items\""));
        // A dot inside either part stays inside its quotes: one schema, one table.
        QCOMPARE(SqlBuilder::qualified(QStringLiteral("a.b"), QStringLiteral("c\".\"d")),
            QStringLiteral("\"a.b\".\"c\"\".\"\"d\""));
    }

    void literals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("paid") << QStringLiteral("'paid'");
        QTest::newRow("empty") << QString() << QStringLiteral("''");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it''s'");
        QTest::newRow("injection") << QStringLiteral("x'); DROP TABLE t; --")
                                   << QStringLiteral("'x''); DROP TABLE t; --'");
        // standard_conforming_strings: a backslash is an ordinary character, never an escape.
        QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("'a\\b'");
        QTest::newRow("backslash before quote") << QStringLiteral("\\'") << QStringLiteral("'\\'''");
        QTest::newRow("trailing backslash") << QStringLiteral("a\\") << QStringLiteral("'a\\'");
        QTest::newRow("double quote") << QStringLiteral("say \"hi\"") << QStringLiteral("'say \"hi\"'");
        QTest::newRow("dollar quote") << QStringLiteral("$trefoil$") << QStringLiteral("'$trefoil$'");
        QTest::newRow("unicode") << QStringLiteral("Grüße 🍣") << QStringLiteral("'Grüße 🍣'");
        QTest::newRow("nul kept") << withNul("a", "'") << QLatin1String("'") + withNul("a", "''") + QLatin1String("'");
    }

    void literals()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString quoted = SqlBuilder::quoteLiteral(text);
        QCOMPARE(quoted, expected);
        QCOMPARE(unquote(quoted, QLatin1Char('\'')), std::optional<QString>(text));
    }

    void storable()
    {
        QVERIFY(SqlBuilder::isStorable(QStringLiteral("orders")));
        QVERIFY(SqlBuilder::isStorable(QString()));
        QVERIFY(SqlBuilder::isStorable(QStringLiteral("a\"'\\;\n 🍣")));
        QVERIFY(!SqlBuilder::isStorable(withNul("a", "b")));
        QVERIFY(!SqlBuilder::isStorable(QString(QChar(0))));
        QVERIFY(!SqlBuilder::isStorable(withNul("", "")));
    }

    void parameters()
    {
        SqlBuilder sql;
        QVERIFY(sql.params().isEmpty());
        QCOMPARE(sql.param(QStringLiteral("x'; --")), QStringLiteral("$1"));
        QCOMPARE(sql.param(42, QStringLiteral("integer")), QStringLiteral("$2::integer"));
        QCOMPARE(sql.param(QVariant(), QStringLiteral("text")), QStringLiteral("$3::text"));
        QCOMPARE(
            sql.param(QStringList { QStringLiteral("a") }, QStringLiteral("text[]")), QStringLiteral("$4::text[]"));
        // Values are kept as given, NUL included: binding them is pg::Connection's job.
        QCOMPARE(sql.param(withNul("a", "b")), QStringLiteral("$5"));
        QCOMPARE(sql.params().size(), 5);
        QCOMPARE(sql.params().at(0), QVariant(QStringLiteral("x'; --")));
        QCOMPARE(sql.params().at(1), QVariant(42));
        QVERIFY(sql.params().at(2).isNull());
        QCOMPARE(sql.params().at(3).toStringList(), QStringList { QStringLiteral("a") });
        QCOMPARE(sql.params().at(4).toString(), withNul("a", "b"));

        // Handing the parameters over starts a new statement: numbering starts again at $1.
        const QVariantList taken = sql.takeParams();
        QCOMPARE(taken.size(), 5);
        QVERIFY(sql.params().isEmpty());
        QCOMPARE(sql.param(true), QStringLiteral("$1"));
    }

    void parametersFromAJsonbArray()
    {
        // Live queries: the values are recorded as ever, but read from a cohort row's array.
        SqlBuilder sql;
        sql.setParamSource(QStringLiteral("v.p"));
        QCOMPARE(sql.param(42, QStringLiteral("integer")), QStringLiteral("((v.p->>0)::integer)"));
        QCOMPARE(sql.param(QStringLiteral("x")), QStringLiteral("(v.p->>1)"));
        QCOMPARE(sql.param(QStringList { QStringLiteral("a") }, QStringLiteral("text[]")),
            QStringLiteral("ARRAY(SELECT jsonb_array_elements_text(v.p->2))::text[]"));
        QCOMPARE(sql.params().size(), 3);
        QCOMPARE(sql.params().at(0), QVariant(42));
    }

    void aliases()
    {
        SqlBuilder sql;
        QCOMPARE(sql.alias(), QStringLiteral("_1"));
        QCOMPARE(sql.alias(), QStringLiteral("_2"));
        sql.param(1);
        QCOMPARE(sql.alias(), QStringLiteral("_3")); // independent of the parameters
        QCOMPARE(SqlBuilder().alias(), QStringLiteral("_1"));
    }

    void jsonObject()
    {
        QCOMPARE(SqlBuilder::jsonObject(
                     { { QStringLiteral("a"), QStringLiteral("1") }, { QStringLiteral("b'"), QStringLiteral("x.y") } }),
            QStringLiteral("json_build_object('a', 1, 'b''', x.y)"));
        QCOMPARE(SqlBuilder::jsonObject({}), QStringLiteral("json_build_object()"));
        // 50 pairs are 100 arguments, PostgreSQL's limit; beyond it an ordered aggregate.
        std::vector<std::pair<QString, QString>> pairs;
        for (int i = 0; i < 50; ++i)
            pairs.emplace_back(QStringLiteral("k%1").arg(i), QString::number(i));
        QVERIFY(SqlBuilder::jsonObject(pairs).startsWith(QStringLiteral("json_build_object('k0', 0, ")));
        pairs.emplace_back(QStringLiteral("it's"), QStringLiteral("50"));
        const QString sql = SqlBuilder::jsonObject(pairs);
        QVERIFY(sql.startsWith(QStringLiteral("(SELECT json_object_agg(\"k\", \"v\" ORDER BY \"n\") FROM (VALUES ")));
        QVERIFY(sql.contains(QStringLiteral("(0, 'k0', to_json(0))")));
        QVERIFY(sql.contains(QStringLiteral("(50, 'it''s', to_json(50))")));
        QVERIFY(sql.endsWith(QStringLiteral(") AS \"t\"(\"n\", \"k\", \"v\"))")));
    }
};

QTEST_GUILESS_MAIN(TestSqlBuilder)
#include "tst_sqlbuilder.moc"
