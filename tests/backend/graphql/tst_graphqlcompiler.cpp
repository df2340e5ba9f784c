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
