// Hasura's comparison operators and aggregate predicates in `where`, against a real PostgreSQL:
// jsonb, pattern and regex operators, _in/_nin/_is_null in nested filters, `<rel>_aggregate`.
// Where PostgreSQL itself defines the answer (char(n) and LIKE), the test asks it directly.
#include "backend/graphql/graphqlengine.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace trefoil;
using namespace trefoil::graphql;

class TestGraphqlOperators : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<GraphqlEngine> m_engine;

    QJsonObject run(const QString &query, const QJsonObject &variables = {})
    {
        std::optional<QByteArray> response;
        QObject context;
        const QJsonObject request { { QStringLiteral("query"), query }, { QStringLiteral("variables"), variables } };
        m_engine->execute(
            request, QStringLiteral("admin"), &context, [&response](const QByteArray &r) { response = r; });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 30000))
            return QJsonObject { { QStringLiteral("timeout"), true } };
        return QJsonDocument::fromJson(*response).object();
    }

    // The ids of `table` rows the filter selects, sorted and comma-separated; the error text if any.
    QString ids(const QString &table, const QString &where, const QJsonObject &variables = {},
        const QString &variableDefinitions = {})
    {
        const QJsonObject response = run(
            QStringLiteral("query %1 { r: %2(where: %3) { id } }").arg(variableDefinitions, table, where), variables);
        if (response.contains(QStringLiteral("errors")) || !response.contains(QStringLiteral("data")))
            return QStringLiteral("error: ")
                + QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
        QList<qint64> list;
        for (const QJsonValue &row :
            response.value(QStringLiteral("data")).toObject().value(QStringLiteral("r")).toArray())
            list.append(row.toObject().value(QStringLiteral("id")).toInteger());
        std::sort(list.begin(), list.end());
        QStringList text;
        for (const qint64 id : list)
            text.append(QString::number(id));
        return text.join(QLatin1Char(','));
    }

    std::optional<pg::Result> exec(const QString &sql, const QVariantList &params = {})
    {
        std::optional<pg::Result> result;
        QObject context;
        m_pool->exec(sql, params, &context, [&result](const pg::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return std::nullopt;
        return result;
    }

    // What PostgreSQL itself selects with `condition`, in the form ids() answers.
    QString sqlIds(const QString &condition)
    {
        const std::optional<pg::Result> r = exec(
            QStringLiteral("SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM public.profiles WHERE ")
            + condition);
        return r && r->ok() ? r->text(0, 0) : QStringLiteral("sql failed");
    }

    // ids() the way live queries run a filter: values read from one jsonb array (as LiveQueryHub
    // builds it) rather than bound one by one.
    QString liveIds(const QString &table, const QString &where)
    {
        const CompiledOperation op
            = m_engine->compile(QStringLiteral("subscription { r: %1(where: %2) { id } }").arg(table, where), {}, {},
                QStringLiteral("admin"), QStringLiteral("$1::jsonb"));
        if (!op.ok())
            return QStringLiteral("compile error: ") + op.errors.front().message;
        QJsonArray values;
        for (const QVariant &v : op.params) {
            if (v.isNull())
                values.append(QJsonValue::Null);
            else if (v.typeId() == QMetaType::QStringList)
                values.append(QJsonArray::fromStringList(v.toStringList()));
            else
                values.append(v.toString());
        }
        const std::optional<pg::Result> r
            = exec(QLatin1String("SELECT (SELECT string_agg(e->>'id', ',' ORDER BY "
                                 "(e->>'id')::int) FROM json_array_elements(d->'r') AS e) "
                                 "FROM (")
                    + op.sql + QLatin1String(") AS s(d)"),
                { QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact)) });
        if (!r || !r->ok())
            return QStringLiteral("sql failed: ") + (r ? r->error().message : QString());
        return r->text(0, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("graphqloperators"));
        QVERIFY2(!conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(conninfo, 2);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine"), QStringLiteral("demo") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());

        const char *const setup[] = {
            "CREATE TABLE public.profiles (id integer PRIMARY KEY, attrs jsonb, code char(5), label varchar(3), tags "
            "text[])",
            "INSERT INTO public.profiles VALUES (1, '{\"tier\": \"gold\", \"tags\": [\"a\"]}', 'ab', 'abc', '{a,b}'),"
            " (2, '{\"tier\": \"silver\", \"x\": 1}', 'abcde', 'ab', '{c}'), (3, NULL, NULL, NULL, NULL),"
            " (4, '{\"a\": 1, \"b\": 2}', 'B', 'zb', '{}')",
            // Order 1 has menu item 1 three times, order 2 items 1, 2 and 3 once each, all quantity 2;
            // order 3 one item of quantity 1.
            "INSERT INTO public.orders (id, user_id, restaurant_id) VALUES"
            " ('00000000-0000-0000-0000-000000000001', 'a', 1), ('00000000-0000-0000-0000-000000000002', 'b', 1),"
            " ('00000000-0000-0000-0000-000000000003', 'c', 2)",
            "INSERT INTO public.items (order_id, menu_item_id, quantity) VALUES"
            " ('00000000-0000-0000-0000-000000000001', 1, 2), ('00000000-0000-0000-0000-000000000001', 1, 2),"
            " ('00000000-0000-0000-0000-000000000001', 1, 2), ('00000000-0000-0000-0000-000000000002', 1, 2),"
            " ('00000000-0000-0000-0000-000000000002', 2, 2), ('00000000-0000-0000-0000-000000000002', 3, 2),"
            " ('00000000-0000-0000-0000-000000000003', 5, 1)",
        };
        for (const char *sql : setup) {
            const std::optional<pg::Result> r = exec(QString::fromUtf8(sql));
            QVERIFY2(r && r->ok(), sql);
        }

        m_engine = std::make_unique<GraphqlEngine>(m_pool.get());
        QSignalSpy ready(m_engine.get(), &GraphqlEngine::schemaReady);
        QSignalSpy schemaFailed(m_engine.get(), &GraphqlEngine::schemaFailed);
        m_engine->reloadSchema();
        QVERIFY(QTest::qWaitFor([&] { return ready.count() + schemaFailed.count() > 0; }, 30000));
        QVERIFY(schemaFailed.isEmpty());
    }

    void jsonb_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *where, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(where) << QString::fromUtf8(expected);
        };
        row("_contains", "{attrs: {_contains: {tier: \"gold\"}}}", "1");
        row("_contains array", "{attrs: {_contains: {tags: [\"a\"]}}}", "1");
        row("_contained_in", "{attrs: {_contained_in: {tier: \"silver\", x: 1, y: 2}}}", "2");
        row("_has_key", "{attrs: {_has_key: \"tier\"}}", "1,2");
        row("_has_keys_any", "{attrs: {_has_keys_any: [\"x\", \"a\"]}}", "2,4");
        row("_has_keys_all", "{attrs: {_has_keys_all: [\"a\", \"b\"]}}", "4");
        row("_has_keys_all none match", "{attrs: {_has_keys_all: [\"a\", \"tier\"]}}", "");
        row("_cast _ilike", "{attrs: {_cast: {String: {_ilike: \"%GOLD%\"}}}}", "1");
        row("_cast _regex", "{attrs: {_cast: {String: {_regex: \"\\\"x\\\": 1\"}}}}", "2");
        row("_eq", "{attrs: {_eq: {b: 2, a: 1}}}", "4");
        row("_in", "{attrs: {_in: [{a: 1, b: 2}, {tier: \"nope\"}]}}", "4");
        row("_nin", "{attrs: {_nin: [{a: 1, b: 2}]}}", "1,2");
        row("_is_null", "{attrs: {_is_null: true}}", "3");
    }

    void jsonb()
    {
        QFETCH(QString, where);
        QFETCH(QString, expected);
        QCOMPARE(ids(QStringLiteral("profiles"), where), expected);
    }

    void jsonbVariables()
    {
        // Values from variables are bound like literals.
        QCOMPARE(ids(QStringLiteral("profiles"), QStringLiteral("{attrs: {_contains: $c, _has_keys_any: $k}}"),
                     { { QStringLiteral("c"), QJsonObject { { QStringLiteral("x"), 1 } } },
                         { QStringLiteral("k"), QJsonArray { QStringLiteral("tier") } } },
                     QStringLiteral("($c: jsonb, $k: [String!])")),
            QStringLiteral("2"));
    }

    void patterns_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *where, const char *condition, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(where) << QString::fromUtf8(condition)
                                << QString::fromUtf8(expected);
        };
        // char(5) pads with spaces, and PostgreSQL's LIKE and regular expressions see the padding.
        row("char _like prefix", "{code: {_like: \"ab%\"}}", "code LIKE 'ab%'", "1,2");
        row("char _like exact", "{code: {_like: \"ab\"}}", "code LIKE 'ab'", "");
        row("char _like padded", "{code: {_like: \"ab   \"}}", "code LIKE 'ab   '", "1");
        // Longer than the column: a pattern cast to char(5) would have been cut to "abcde".
        row("char _like longer than n", "{code: {_like: \"abcde_\"}}", "code LIKE 'abcde_'", "");
        row("char _ilike", "{code: {_ilike: \"B%\"}}", "code ILIKE 'B%'", "4");
        row("char _nlike", "{code: {_nlike: \"ab%\"}}", "code NOT LIKE 'ab%'", "4");
        row("char _nilike", "{code: {_nilike: \"A%\"}}", "code NOT ILIKE 'A%'", "4");
        row("char _eq ignores padding", "{code: {_eq: \"ab\"}}", "code = 'ab'", "1");
        row("varchar _like longer than n", "{label: {_like: \"abc_\"}}", "label LIKE 'abc_'", "");
        row("_similar", "{label: {_similar: \"(a|z)%\"}}", "label SIMILAR TO '(a|z)%'", "1,2,4");
        row("_nsimilar", "{label: {_nsimilar: \"ab\"}}", "label NOT SIMILAR TO 'ab'", "1,4");
        row("_regex", "{label: {_regex: \"b$\"}}", "label ~ 'b$'", "2,4");
        row("_nregex", "{label: {_nregex: \"^a\"}}", "label !~ '^a'", "4");
        row("_iregex", "{label: {_iregex: \"^AB\"}}", "label ~* '^AB'", "1,2");
        row("_niregex", "{label: {_niregex: \"C\"}}", "label !~* 'C'", "2,4");
        row("char _regex sees padding", "{code: {_regex: \"ab$\"}}", "code ~ 'ab$'", "");
    }

    void patterns()
    {
        QFETCH(QString, where);
        QFETCH(QString, condition);
        QFETCH(QString, expected);
        QCOMPARE(sqlIds(condition), expected); // the fixture is what the row says
        QCOMPARE(ids(QStringLiteral("profiles"), where), expected);
    }

    void inNinIsNullNested()
    {
        // Restaurants none of whose menu items is unavailable (restaurant 1 has one), except 4.
        QCOMPARE(ids(QStringLiteral("restaurants"),
                     QStringLiteral("{_not: {menu_items: {_and: [{id: {_nin: [100]}}, {available: {_in: [false]}}]}}, "
                                    "_or: [{name: {_is_null: false}}, {id: {_is_null: true}}], id: {_nin: [4]}}")),
            QStringLiteral("2,3,5"));
        // Through an object relationship, with a uuid _in.
        QCOMPARE(ids(QStringLiteral("items"),
                     QStringLiteral("{order: {id: {_in: [\"00000000-0000-0000-0000-000000000003\"]}, "
                                    "restaurant: {is_open: {_in: [true]}, name: {_nin: [\"x\"]}}}}")),
            ids(QStringLiteral("items"), QStringLiteral("{quantity: {_eq: 1}}")));
        QCOMPARE(
            ids(QStringLiteral("profiles"), QStringLiteral("{label: {_in: [\"ab\", \"zb\"]}, code: {_nin: [\"B\"]}}")),
            QStringLiteral("2"));
    }

    void arrayColumns()
    {
        // _in/_nin on an array column take a list of arrays.
        QCOMPARE(ids(QStringLiteral("profiles"), QStringLiteral("{tags: {_in: [[\"a\", \"b\"], [\"c\"]]}}")),
            QStringLiteral("1,2"));
        QCOMPARE(ids(QStringLiteral("profiles"), QStringLiteral("{tags: {_nin: [[\"c\"], []]}}")), QStringLiteral("1"));
        QCOMPARE(ids(QStringLiteral("profiles"), QStringLiteral("{tags: {_in: []}}")), QString());
        QCOMPARE(ids(QStringLiteral("profiles"), QStringLiteral("{tags: {_eq: [\"c\"]}}")), QStringLiteral("2"));
    }

    void liveQueryParamSource_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *table, const char *where, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(table) << QString::fromUtf8(where) << QString::fromUtf8(expected);
        };
        row("jsonb", "profiles",
            "{attrs: {_contains: {tier: \"gold\"}, _has_key: \"tier\", _has_keys_any: [\"tags\"], _cast: {String: "
            "{_like: \"%gold%\"}}}}",
            "1");
        row("jsonb _in", "profiles", "{attrs: {_in: [{a: 1, b: 2}]}}", "4");
        row("patterns", "profiles", "{code: {_like: \"ab%\"}, label: {_iregex: \"^A\", _in: [\"ab\"]}}", "2");
        row("array _in", "profiles", "{tags: {_in: [[\"c\"], []]}}", "2,4");
        row("aggregate", "restaurants",
            "{menu_items_aggregate: {count: {predicate: {_in: [3]}, filter: {available: {_eq: true}}}}}", "1,2,3");
    }

    void liveQueryParamSource()
    {
        QFETCH(QString, table);
        QFETCH(QString, where);
        QFETCH(QString, expected);
        QCOMPARE(liveIds(table, where), expected);
        QCOMPARE(ids(table, where), expected);
    }

    void aggregatePredicates_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *table, const char *where, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(table) << QString::fromUtf8(where) << QString::fromUtf8(expected);
        };
        // restaurants 1..5 have 4, 3, 3, 2 and 4 menu items; prices above 5: 4, 2, 2, 1 and 2; only 5
        // has no orders and only 1 has an unavailable item.
        row("count", "restaurants", "{menu_items_aggregate: {count: {predicate: {_eq: 3}}}}", "2,3");
        row("count with filter", "restaurants",
            "{menu_items_aggregate: {count: {predicate: {_gt: 2}, filter: {price: {_gt: 5}}}}}", "1");
        row("no rows count 0", "restaurants", "{orders_aggregate: {count: {predicate: {_eq: 0}}}}", "3,4,5");
        row("bool_and", "restaurants",
            "{menu_items_aggregate: {bool_and: {arguments: available, predicate: {_eq: true}}}}", "2,3,4,5");
        row("bool_or with filter", "restaurants",
            "{menu_items_aggregate: {bool_or: {arguments: available, filter: {price: {_gt: 15}}, predicate: {_eq: "
            "false}}}}",
            "1");
        row("inside _not and _or", "restaurants",
            "{_not: {_or: [{menu_items_aggregate: {count: {predicate: {_lt: 3}}}}, {id: {_eq: 1}}]}}", "2,3,5");
    }

    void aggregatePredicates()
    {
        QFETCH(QString, table);
        QFETCH(QString, where);
        QFETCH(QString, expected);
        QCOMPARE(ids(table, where), expected);
    }

    void countDistinctArguments()
    {
        // The example: orders with more than two distinct menu items of quantity above one.
        const auto users = [this](const QString &count) {
            const QJsonObject response
                = run(QStringLiteral("{ orders(where: {items_aggregate: {count: %1}}, order_by: {user_id: asc}) { "
                                     "user_id } }")
                          .arg(count));
            QStringList out;
            for (const QJsonValue &o :
                response.value(QStringLiteral("data")).toObject().value(QStringLiteral("orders")).toArray())
                out.append(o.toObject().value(QStringLiteral("user_id")).toString());
            return response.contains(QStringLiteral("errors"))
                ? QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact))
                : out.join(QLatin1Char(','));
        };
        QCOMPARE(users(QStringLiteral("{predicate: {_gt: 2}, filter: {quantity: {_gt: 1}}, distinct: true, "
                                      "arguments: [menu_item_id]}")),
            QStringLiteral("b"));
        QCOMPARE(
            users(QStringLiteral("{predicate: {_gt: 2}, filter: {quantity: {_gt: 1}}, arguments: [menu_item_id]}")),
            QStringLiteral("a,b"));
        QCOMPARE(users(QStringLiteral("{predicate: {_gt: 2}, filter: {quantity: {_gt: 1}}}")), QStringLiteral("a,b"));
        QCOMPARE(users(QStringLiteral("{predicate: {_eq: 1}, filter: {menu_item: {name: {_regex: \"nigiri\"}}}}")),
            QStringLiteral("c"));
    }

    void aggregateFields()
    {
        // Every function of <table>_aggregate_fields, checked against PostgreSQL's own answer.
        const QStringList functions
            = { QStringLiteral("sum"), QStringLiteral("avg"), QStringLiteral("min"), QStringLiteral("max"),
                  QStringLiteral("stddev"), QStringLiteral("stddev_pop"), QStringLiteral("stddev_samp"),
                  QStringLiteral("var_pop"), QStringLiteral("var_samp"), QStringLiteral("variance") };
        QString selection;
        QStringList sql;
        for (const QString &f : functions) {
            selection += f + QLatin1String(" { price } ");
            sql.append(f + QLatin1String("(price)::float8"));
        }
        const QJsonObject response = run(QStringLiteral("{ menu_items_aggregate(where: {restaurant_id: {_eq: 1}}) { "
                                                        "aggregate { count distinct: count(columns: [available], "
                                                        "distinct: true) %1 } } }")
                                             .arg(selection));
        QVERIFY2(!response.contains(QStringLiteral("errors")), QJsonDocument(response).toJson().constData());
        const QJsonObject a = response.value(QStringLiteral("data"))
                                  .toObject()
                                  .value(QStringLiteral("menu_items_aggregate"))
                                  .toObject()
                                  .value(QStringLiteral("aggregate"))
                                  .toObject();
        QCOMPARE(a.value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(a.value(QStringLiteral("distinct")).toInt(), 2);
        const std::optional<pg::Result> expected = exec(QLatin1String("SELECT ") + sql.join(QLatin1String(", "))
            + QLatin1String(" FROM public.menu_items WHERE restaurant_id = 1"));
        QVERIFY(expected && expected->ok());
        for (int i = 0; i < functions.size(); ++i) {
            const QJsonValue value = a.value(functions.at(i)).toObject().value(QStringLiteral("price"));
            // numeric results may come as JSON numbers or strings, as Hasura's do.
            const double actual = value.isString() ? value.toString().toDouble() : value.toDouble();
            QVERIFY2(qAbs(actual - expected->toDouble(0, i)) < 1e-9, qPrintable(functions.at(i)));
        }
    }

    void unknownOperator()
    {
        const QJsonObject response = run(QStringLiteral("{ profiles(where: {label: {_has_key: \"x\"}}) { id } }"));
        const QString message = response.value(QStringLiteral("errors"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        QCOMPARE(message, QStringLiteral("field '_has_key' not found in type: 'String_comparison_exp'"));
    }

    void charValuesKeptWhole()
    {
        // A char(n) value bound for an insert, _eq or _in is cast to bpchar, never to char(1). Runs
        // last: it adds a profile.
        QCOMPARE(
            ids(QStringLiteral("profiles"), QStringLiteral("{code: {_in: [\"abcde\", \"zz\"]}}")), QStringLiteral("2"));
        const QJsonObject response
            = run(QStringLiteral("mutation { insert_profiles_one(object: {id: 5, code: \"xyz\"}) { code } }"));
        QCOMPARE(response.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("insert_profiles_one"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("xyz  "));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_pool.reset();
    }
};

QTEST_GUILESS_MAIN(TestGraphqlOperators)
#include "tst_graphqloperators.moc"
