// Golden SQL of the GraphQL compiler, on a hand-written catalog (no database).
// TREFOIL_UPDATE_GOLDEN=1 rewrites the expected files in golden/.
#include "backend/graphql/catalog.h"
#include "backend/graphql/compiler.h"
#include "backend/graphql/schema.h"
#include "backend/graphql/validator.h"
#include "core/graphql/parser.h"

#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace trefoil::graphql;

namespace {

} // namespace

class TestGraphqlCompiler : public QObject {
    Q_OBJECT

    std::shared_ptr<const Schema> m_schema;

    // SQL of every statement plus the parameters, as the golden file holds it.
    QString compileToText(const QString &document, const QJsonObject &variables = {})
    {
        const ParseResult parsed = parse(document);
        if (!parsed.ok())
            return QStringLiteral("parse error: ") + parsed.errors.front().message;
        Validator validator(*m_schema);
        const std::optional<ResolvedOperation> op = validator.resolve(parsed.document, {}, variables);
        if (!op)
            return QStringLiteral("validation error: ") + validator.errors().front().message;
        Compiler compiler(*m_schema);
        const CompiledOperation compiled = compiler.compile(*op);
        if (!compiled.ok())
            return QStringLiteral("compile error: ") + compiled.errors.front().message;
        const auto paramsText = [](const QVariantList &params) {
            QString text;
            for (int i = 0; i < params.size(); ++i) {
                const QVariant &p = params.at(i);
                text += QStringLiteral("-- $%1 = %2\n")
                            .arg(i + 1)
                            .arg(p.isNull()                                ? QStringLiteral("NULL")
                                    : p.typeId() == QMetaType::QStringList ? p.toStringList().join(QLatin1Char(','))
                                                                           : p.toString());
            }
            return text;
        };
        if (!compiled.isMutation)
            return compiled.sql + QLatin1Char('\n') + paramsText(compiled.params);
        QString text;
        for (const CompiledRootField &root : compiled.rootFields)
            text += QStringLiteral("-- ") + root.key + QLatin1Char('\n') + root.sql + QLatin1Char('\n')
                + paramsText(root.params);
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // restaurants ← menu_items, restaurants ← orders ← items → menu_items, like the demo migration.
        QFile json(QStringLiteral(TREFOIL_GOLDEN_DIR "/catalog.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QString error;
        const std::optional<Catalog> catalog = Catalog::fromJson(json.readAll(), &error);
        QVERIFY2(catalog, qPrintable(error));
        m_schema = Schema::build(*catalog, { QStringLiteral("public") }, {});
    }

    void schemaShape()
    {
        const TypeDef *orders = m_schema->type(QStringLiteral("orders"));
        QVERIFY(orders);
        QVERIFY(orders->field(QStringLiteral("items")));
        QVERIFY(orders->field(QStringLiteral("items_aggregate")));
        QCOMPARE(orders->field(QStringLiteral("restaurant"))->type, QStringLiteral("restaurants!"));
        QCOMPARE(orders->field(QStringLiteral("total"))->type, QStringLiteral("numeric"));
        QCOMPARE(orders->field(QStringLiteral("created_at"))->type, QStringLiteral("timestamptz!"));
        QVERIFY(m_schema->type(QStringLiteral("restaurants"))->field(QStringLiteral("menu_items")));
        QVERIFY(m_schema->type(QStringLiteral("items"))->field(QStringLiteral("menu_item")));
        QCOMPARE(m_schema->type(QStringLiteral("orders_constraint"))->enumValues,
            QStringList({ QStringLiteral("orders_pkey") }));
        QVERIFY(m_schema->type(QStringLiteral("query_root"))->field(QStringLiteral("orders_by_pk")));
        QCOMPARE(m_schema->type(QStringLiteral("query_root"))->field(QStringLiteral("orders_by_pk"))->args.at(0).type,
            QStringLiteral("uuid!"));
        QVERIFY(m_schema->type(QStringLiteral("mutation_root"))->field(QStringLiteral("insert_orders_one")));
        QVERIFY(m_schema->type(QStringLiteral("items_arr_rel_insert_input")));
        QVERIFY(m_schema->type(QStringLiteral("restaurants_obj_rel_insert_input")));
        QVERIFY(m_schema->type(QStringLiteral("String_comparison_exp"))->inputField(QStringLiteral("_ilike")));
        QVERIFY(!m_schema->type(QStringLiteral("uuid_comparison_exp"))->inputField(QStringLiteral("_like")));
        const TypeDef *text = m_schema->type(QStringLiteral("String_comparison_exp"));
        for (const char *op : { "_like", "_nlike", "_ilike", "_nilike", "_similar", "_nsimilar", "_regex", "_nregex",
                 "_iregex", "_niregex", "_in", "_nin", "_is_null" })
            QVERIFY2(text->inputField(QLatin1String(op)), op);
        const TypeDef *jsonb = m_schema->type(QStringLiteral("jsonb_comparison_exp"));
        QCOMPARE(jsonb->inputField(QStringLiteral("_has_keys_any"))->type, QStringLiteral("[String!]"));
        QCOMPARE(jsonb->inputField(QStringLiteral("_cast"))->type, QStringLiteral("jsonb_cast_exp"));
        QCOMPARE(jsonb->inputFields.front().name, QStringLiteral("_cast")); // sorted by name, as Hasura lists them
        for (const char *scalar : { "Int", "numeric", "String", "Boolean", "uuid", "timestamptz", "jsonb" }) {
            const TypeDef *cmp = m_schema->type(QLatin1String(scalar) + QLatin1String("_comparison_exp"));
            QVERIFY2(cmp, scalar);
            for (const char *op : { "_in", "_nin", "_is_null", "_eq", "_neq" })
                QVERIFY2(cmp->inputField(QLatin1String(op)), op);
        }
        QCOMPARE(m_schema->type(QStringLiteral("orders_bool_exp"))->inputField(QStringLiteral("items_aggregate"))->type,
            QStringLiteral("items_aggregate_bool_exp"));
        QCOMPARE(m_schema->type(QStringLiteral("items_aggregate_bool_exp_count"))
                     ->inputField(QStringLiteral("predicate"))
                     ->type,
            QStringLiteral("Int_comparison_exp!"));
        QVERIFY(!m_schema->type(QStringLiteral("orders_bool_exp"))->inputField(QStringLiteral("restaurant_aggregate")));
    }

    void golden_data()
    {
        QTest::addColumn<QString>("document");
        const auto row
            = [](const char *name, const char *document) { QTest::newRow(name) << QString::fromUtf8(document); };
        row("issue_example",
            "{ orders(where: {user_id: {_eq: \"alice\"}}, order_by: {created_at: desc}, limit: 20) { id status items { "
            "menu_item { name } quantity } } }");
        row("by_pk", "{ orders_by_pk(id: \"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\") { id restaurant { name } } }");
        row("aggregate",
            "{ orders_aggregate(where: {status: {_in: [\"paid\", \"placed\"]}}) { aggregate { count sum { total } max "
            "{ created_at } } nodes { id } } }");
        row("where_relationships",
            "{ orders(where: {_or: [{items: {quantity: {_gt: 2}}}, {restaurant: {name: {_ilike: \"%sushi%\"}}}], _not: "
            "{total: {_is_null: true}}}) { id } }");
        row("order_by_relationship_distinct",
            "{ orders(distinct_on: [user_id], order_by: [{user_id: asc}, {restaurant: {name: desc_nulls_last}}], "
            "offset: 5) { user_id } }");
        row("nested_insert",
            "mutation { insert_orders_one(object: {user_id: \"a\", restaurant_id: 1, items: {data: [{menu_item_id: 1, "
            "quantity: 2}, {menu_item: {data: {restaurant_id: 1, name: \"New\", price: 3}}, quantity: 1}]}}) { id } }");
        row("insert_on_conflict",
            "mutation { insert_restaurants(objects: [{id: 1, name: \"A\"}, {name: \"B\"}], on_conflict: {constraint: "
            "restaurants_pkey, update_columns: [name], where: {is_open: {_eq: true}}}) { affected_rows returning { id "
            "name } } }");
        row("update_inc",
            "mutation { update_orders(where: {id: {_eq: \"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\"}}, _set: {status: "
            "\"paid\"}, _inc: {total: 1.5}) { affected_rows } }");
        row("update_by_pk",
            "mutation { update_orders_by_pk(pk_columns: {id: \"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\"}, _set: {status: "
            "\"paid\"}) { id status } }");
        row("delete",
            "mutation { delete_items(where: {order: {user_id: {_eq: \"x\\u0027; DROP TABLE items; --\"}}}) { "
            "affected_rows } delete_orders_by_pk(id: \"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\") { id } }");
        row("typename_and_variables",
            "query ($n: Int = 3) { __typename restaurants(limit: $n) { __typename id menu_items_aggregate { aggregate "
            "{ count(columns: [price], distinct: true) } } } }");
        row("jsonb_operators",
            "{ profiles(where: {attrs: {_contains: {tier: \"gold\"}, _contained_in: {tier: \"gold\", x: [1]}, "
            "_has_key: "
            "\"tier\", _has_keys_any: [\"a\", \"b\"], _has_keys_all: \"tier\", _cast: {String: {_ilike: \"%gold%\", "
            "_nregex: \"x\"}}, _in: [{tier: \"gold\"}, \"plain\", 3]}}) { id } }");
        row("text_operators",
            "{ profiles(where: {code: {_like: \"ab%\", _ilike: \"%B\", _nlike: \"x%\", _nilike: \"y%\", _eq: \"ab\"}, "
            "label: {_similar: \"(a|b)%\", _nsimilar: \"z%\", _regex: \"^a\", _nregex: \"q$\", _iregex: \"^A\", "
            "_niregex: \"Z\"}}) { id } }");
        row("in_nin_is_null_nested",
            "{ orders(where: {_not: {_or: [{items: {_and: [{quantity: {_in: [1, 2]}}, {id: {_nin: [3]}}]}}, "
            "{restaurant: "
            "{is_open: {_in: [true]}, name: {_is_null: false}}}]}, id: {_nin: "
            "[\"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\"]}, created_at: {_in: [\"2026-01-01T00:00:00Z\"]}}) { id } "
            "profiles(where: {active: {_nin: [false]}, ref: {_is_null: true}, attrs: {_nin: [{}]}}) { id } }");
        row("aggregate_predicates",
            "{ orders(where: {items_aggregate: {count: {predicate: {_gt: 2}, filter: {quantity: {_gt: 1}}, distinct: "
            "true, arguments: [menu_item_id]}}}) { id } restaurants(where: {_or: [{menu_items_aggregate: {count: "
            "{predicate: {_eq: 0}}}}, {orders_aggregate: {count: {arguments: [total, user_id], predicate: {_gte: 1}, "
            "filter: {items_aggregate: {count: {predicate: {_lt: 3}}}}}}}]}) { id } }");
    }

    void golden()
    {
        QFETCH(QString, document);
        const QString actual = compileToText(document);
        QVERIFY2(!actual.contains(QStringLiteral("error:")), qPrintable(actual));
        const QString path = QStringLiteral(TREFOIL_GOLDEN_DIR "/") + QString::fromUtf8(QTest::currentDataTag())
            + QStringLiteral(".sql");
        if (qEnvironmentVariableIntValue("TREFOIL_UPDATE_GOLDEN") == 1) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(actual.toUtf8());
            return;
        }
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly),
            qPrintable(QStringLiteral("missing golden file %1; run with TREFOIL_UPDATE_GOLDEN=1").arg(path)));
        QCOMPARE(actual, QString::fromUtf8(file.readAll()));
    }

    void operatorErrors_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("error");
        QTest::newRow("jsonb operator on text")
            << QStringLiteral("{ profiles(where: {code: {_contains: \"x\"}}) { id } }")
            << QStringLiteral("validation error: field '_contains' not found in type: 'String_comparison_exp'");
        QTest::newRow("text operator on jsonb")
            << QStringLiteral("{ profiles(where: {attrs: {_like: \"x\"}}) { id } }")
            << QStringLiteral("validation error: field '_like' not found in type: 'jsonb_comparison_exp'");
        QTest::newRow("regex on uuid")
            << QStringLiteral("{ profiles(where: {ref: {_regex: \"x\"}}) { id } }")
            << QStringLiteral("validation error: field '_regex' not found in type: 'uuid_comparison_exp'");
        QTest::newRow("cast to unknown type")
            << QStringLiteral("{ profiles(where: {attrs: {_cast: {Int: {_eq: 1}}}}) { id } }")
            << QStringLiteral("validation error: field 'Int' not found in type: 'jsonb_cast_exp'");
        QTest::newRow("aggregate of an object relationship")
            << QStringLiteral("{ orders(where: {restaurant_aggregate: {count: {predicate: {_gt: 1}}}}) { id } }")
            << QStringLiteral("validation error: field 'restaurant_aggregate' not found in type: 'orders_bool_exp'");
        QTest::newRow("count without predicate")
            << QStringLiteral("{ orders(where: {items_aggregate: {count: {distinct: true}}}) { id } }")
            << QStringLiteral("validation error: missing required field 'predicate'");
    }

    void operatorErrors()
    {
        QFETCH(QString, document);
        QFETCH(QString, error);
        QCOMPARE(compileToText(document), error);
    }

    void wrongValueTypes()
    {
        // Keys are strings and predicates of count are Int: other literals are refused, not coerced.
        QVERIFY(compileToText(QStringLiteral("{ profiles(where: {attrs: {_has_key: 5}}) { id } }"))
                    .startsWith(QStringLiteral("validation error: ")));
        QVERIFY(compileToText(
            QStringLiteral("{ orders(where: {items_aggregate: {count: {predicate: {_gt: \"two\"}}}}) { id } }"))
                    .startsWith(QStringLiteral("validation error: ")));
    }

    void valuesNeverInSql()
    {
        const QString text = compileToText(
            QStringLiteral("{ orders(where: {user_id: {_eq: \"x\\u0027); DROP TABLE orders; --\"}}) { id } }"));
        const QString sql = text.section(QLatin1Char('\n'), 0, 0);
        QVERIFY(!sql.contains(QStringLiteral("DROP")));
        QVERIFY(text.contains(QStringLiteral("-- $1 = x'); DROP TABLE orders; --")));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlCompiler)
#include "tst_graphqlcompiler.moc"
