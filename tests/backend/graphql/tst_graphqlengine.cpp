// The GraphQL engine against a real PostgreSQL with the demo schema: queries, mutations,
// transactions, validation errors, hostile documents and introspection.
#include "backend/functions/orderpayment.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/support/pgtestcluster.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace trefoil;
using namespace trefoil::graphql;

namespace {

const char *const introspectionQuery
    = "\n"
      "query IntrospectionQuery {\n"
      "  __schema {\n"
      "    description\n"
      "    queryType { name }\n"
      "    mutationType { name }\n"
      "    subscriptionType { name }\n"
      "    types { ...FullType }\n"
      "    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }\n"
      "  }\n"
      "}\n"
      "fragment FullType on __Type {\n"
      "  kind name description specifiedByURL\n"
      "  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { "
      "...TypeRef } isDeprecated deprecationReason }\n"
      "  inputFields(includeDeprecated: true) { ...InputValue }\n"
      "  interfaces { ...TypeRef }\n"
      "  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }\n"
      "  possibleTypes { ...TypeRef }\n"
      "}\n"
      "fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated "
      "deprecationReason }\n"
      "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind "
      "name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }\n"
      "";

} // namespace

class TestGraphqlEngine : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<GraphqlEngine> m_engine;

    QJsonObject run(const QString &query, const QJsonObject &variables = {},
        const QString &role = QStringLiteral("admin"), const QString &operationName = {})
    {
        std::optional<QByteArray> response;
        QObject context;
        QJsonObject request { { QStringLiteral("query"), query }, { QStringLiteral("variables"), variables } };
        if (!operationName.isEmpty())
            request.insert(QStringLiteral("operationName"), operationName);
        m_engine->execute(request, role, &context, [&response](const QByteArray &r) { response = r; });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 30000))
            return QJsonObject { { QStringLiteral("timeout"), true } };
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(*response, &error);
        if (!document.isObject())
            qWarning("not JSON: %s", response->constData());
        return document.object();
    }

    QJsonObject data(
        const QString &query, const QJsonObject &variables = {}, const QString &role = QStringLiteral("admin"))
    {
        const QJsonObject response = run(query, variables, role);
        if (response.contains(QStringLiteral("errors")) || !response.contains(QStringLiteral("data")))
            qWarning("unexpected response: %s", QJsonDocument(response).toJson(QJsonDocument::Compact).constData());
        return response.value(QStringLiteral("data")).toObject();
    }

    static QString firstError(const QJsonObject &response)
    {
        return response.value(QStringLiteral("errors"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("message"))
            .toString();
    }
    static QString firstCode(const QJsonObject &response)
    {
        return response.value(QStringLiteral("errors"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("extensions"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }

    qint64 scalar(const QString &sql)
    {
        std::optional<pg::Result> result;
        QObject context;
        m_pool->exec(sql, {}, &context, [&result](const pg::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return -1;
        return result && result->ok() ? result->toInt(0, 0) : -1;
    }

    static void row(const char *name, const char *query, const char *message, const char *code)
    {
        QTest::newRow(name) << QString::fromUtf8(query) << QString::fromUtf8(message) << QString::fromUtf8(code);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("graphqlengine"));
        QVERIFY2(!conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(conninfo, 4);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine"), QStringLiteral("demo") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());

        m_engine = std::make_unique<GraphqlEngine>(m_pool.get());
        m_engine->registerRootField(RootKind::Mutation, QStringLiteral("redeliver_event"),
            { InputValueDef { QStringLiteral("id"), QStringLiteral("uuid!"), {}, {} } },
            QStringLiteral("RedeliverResult"),
            { InputValueDef { QStringLiteral("ok"), QStringLiteral("Boolean!"), {}, {} },
                InputValueDef { QStringLiteral("id"), QStringLiteral("uuid"), {}, {} } },
            [](const QJsonObject &args, const CustomRootField::Reply &reply) {
                if (args.value(QStringLiteral("id")).toString()
                    == QLatin1String("00000000-0000-0000-0000-000000000000"))
                    reply({}, QStringLiteral("no such event"));
                else
                    reply(QJsonObject { { QStringLiteral("ok"), true },
                              { QStringLiteral("id"), args.value(QStringLiteral("id")) } },
                        {});
            });
        m_engine->registerRootField(RootKind::Query, QStringLiteral("engine_status"), {}, QStringLiteral("jsonb"), {},
            [](const QJsonObject &, const CustomRootField::Reply &reply) {
                reply(QJsonObject { { QStringLiteral("workers"), 2 } }, {});
            });
        // Fields whose SQL runs on the connection the engine gives them (the mutation's transaction).
        CustomRootField addRestaurant;
        addRestaurant.kind = RootKind::Mutation;
        addRestaurant.name = QStringLiteral("add_restaurant_tx");
        addRestaurant.args = { InputValueDef { QStringLiteral("name"), QStringLiteral("String!"), {}, {} } };
        addRestaurant.returnType = QStringLiteral("jsonb");
        addRestaurant.transactionHandler = [this](const QJsonObject &args, const RequestSession &,
                                               const pg::Session &connection, const CustomRootField::Reply &reply) {
            connection.exec(QStringLiteral("INSERT INTO restaurants (name) VALUES ($1) RETURNING id"),
                { args.value(QStringLiteral("name")).toString() }, this, [reply](const pg::Result &result) {
                    if (!result.ok())
                        return reply({}, result.error().message);
                    reply(QJsonObject { { QStringLiteral("id"), result.toInt(0, 0) } }, {});
                });
        };
        m_engine->registerRootField(addRestaurant);
        CustomRootField countRestaurants;
        countRestaurants.kind = RootKind::Query;
        countRestaurants.name = QStringLiteral("restaurant_count_tx");
        countRestaurants.returnType = QStringLiteral("jsonb");
        countRestaurants.transactionHandler = [this](const QJsonObject &, const RequestSession &,
                                                  const pg::Session &connection, const CustomRootField::Reply &reply) {
            connection.exec(QStringLiteral("SELECT count(*) FROM restaurants"), {}, this,
                [reply](const pg::Result &result) { reply(result.ok() ? result.toInt(0, 0) : 0, {}); });
        };
        m_engine->registerRootField(countRestaurants);
        // As the backend registers the demo's pay_order: on the mutation's connection.
        CustomRootField payOrder;
        payOrder.kind = RootKind::Mutation;
        payOrder.name = QStringLiteral("pay_order");
        payOrder.args = { InputValueDef { QStringLiteral("order_id"), QStringLiteral("uuid!"), {}, {} } };
        payOrder.returnType = QStringLiteral("jsonb");
        payOrder.transactionHandler = [this](const QJsonObject &args, const RequestSession &,
                                          const pg::Session &connection, const CustomRootField::Reply &reply) {
            functions::payOrder(connection, args.value(QStringLiteral("order_id")).toString(), true, this,
                [reply](const QJsonObject &order, const QString &error) {
                    reply(error.isEmpty() ? QJsonValue(order) : QJsonValue(), error);
                });
        };
        m_engine->registerRootField(payOrder);
        QSignalSpy ready(m_engine.get(), &GraphqlEngine::schemaReady);
        QSignalSpy schemaFailed(m_engine.get(), &GraphqlEngine::schemaFailed);
        m_engine->reloadSchema();
        QVERIFY(QTest::qWaitFor([&] { return ready.count() + schemaFailed.count() > 0; }, 30000));
        QVERIFY2(schemaFailed.isEmpty(), schemaFailed.isEmpty() ? "" : qPrintable(schemaFailed.at(0).at(0).toString()));

        // Orders: alice has two (the newer one with two items), bob one.
        const QJsonObject inserted = data(QStringLiteral(
            "mutation {\n"
            "            a1: insert_orders_one(object: {user_id: \"alice\", restaurant_id: 1, address: \"1 Main St\", "
            "created_at: \"2026-01-01T10:00:00Z\",\n"
            "                                           items: {data: [{menu_item_id: 1, quantity: 1}]}}) { id }\n"
            "            a2: insert_orders_one(object: {user_id: \"alice\", restaurant_id: 2, address: \"1 Main St\", "
            "created_at: \"2026-01-02T10:00:00Z\", total: 13.5,\n"
            "                                           items: {data: [{menu_item_id: 5, quantity: 2}, {menu_item_id: "
            "6, quantity: 1}]}}) { id }\n"
            "            b1: insert_orders_one(object: {user_id: \"bob\", restaurant_id: 3, created_at: "
            "\"2026-01-03T10:00:00Z\", total: 7.5,\n"
            "                                           items: {data: [{menu_item_id: 8, quantity: 1}]}}) { id user_id "
            "}\n"
            "        }"));
        QCOMPARE(inserted.value(QStringLiteral("b1")).toObject().value(QStringLiteral("user_id")).toString(),
            QStringLiteral("bob"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM items")), 4);
    }

    void issueExample()
    {
        const QJsonObject d
            = data(QStringLiteral(
                       "query($uid: String!) {\n"
                       "            orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) {\n"
                       "                id status items { menu_item { name } quantity } } }"),
                { { QStringLiteral("uid"), QStringLiteral("alice") } });
        const QJsonArray orders = d.value(QStringLiteral("orders")).toArray();
        QCOMPARE(orders.size(), 2);
        const QJsonObject newest = orders.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("status")).toString(), QStringLiteral("placed"));
        const QJsonArray items = newest.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QStringList names;
        for (const QJsonValue &item : items)
            names.append(
                item.toObject().value(QStringLiteral("menu_item")).toObject().value(QStringLiteral("name")).toString());
        names.sort();
        QCOMPARE(names, QStringList({ QStringLiteral("California roll"), QStringLiteral("Salmon nigiri (2)") }));
        QCOMPARE(orders.at(1)
                     .toObject()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("quantity"))
                     .toInt(),
            1);
        // Key order follows the selection.
        QCOMPARE(newest.keys().size(), 3);
    }

    void byPkAliasesFragmentsDirectives()
    {
        const QJsonObject d
            = data(QStringLiteral("query Q($skip: Boolean = true) {\n"
                                  "            r: restaurants_by_pk(id: 1) { ...R name @skip(if: $skip) __typename "
                                  "menu_items(order_by: {price: desc}, limit: 1) { price } }\n"
                                  "            missing: restaurants_by_pk(id: 999) { id }\n"
                                  "            __typename\n"
                                  "        }\n"
                                  "        fragment R on restaurants { id ... on restaurants { open: is_open } }"));
        const QJsonObject r = d.value(QStringLiteral("r")).toObject();
        QCOMPARE(r.value(QStringLiteral("id")).toInt(), 1);
        QVERIFY(!r.contains(QStringLiteral("name")));
        QCOMPARE(r.value(QStringLiteral("open")).toBool(), true);
        QCOMPARE(r.value(QStringLiteral("__typename")).toString(), QStringLiteral("restaurants"));
        QCOMPARE(
            r.value(QStringLiteral("menu_items")).toArray().at(0).toObject().value(QStringLiteral("price")).toDouble(),
            18.0);
        QVERIFY(d.value(QStringLiteral("missing")).isNull());
        QCOMPARE(d.value(QStringLiteral("__typename")).toString(), QStringLiteral("query_root"));
    }

    void aggregates()
    {
        const QJsonObject d = data(QStringLiteral(
            "{\n"
            "            menu_items_aggregate(where: {restaurant_id: {_eq: 1}}) {\n"
            "                aggregate { count sum { price } max { price name } avg { price } distinct: count(columns: "
            "[available], distinct: true) }\n"
            "                nodes { name }\n"
            "            }\n"
            "            restaurants(where: {id: {_eq: 2}}) { menu_items_aggregate { aggregate { count } } }\n"
            "        }"));
        const QJsonObject agg = d.value(QStringLiteral("menu_items_aggregate")).toObject();
        const QJsonObject a = agg.value(QStringLiteral("aggregate")).toObject();
        QCOMPARE(a.value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(a.value(QStringLiteral("sum")).toObject().value(QStringLiteral("price")).toDouble(), 45.5);
        QCOMPARE(a.value(QStringLiteral("max")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Truffle risotto"));
        QCOMPARE(a.value(QStringLiteral("distinct")).toInt(), 2);
        QCOMPARE(agg.value(QStringLiteral("nodes")).toArray().size(), 4);
        QCOMPARE(d.value(QStringLiteral("restaurants"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("menu_items_aggregate"))
                     .toObject()
                     .value(QStringLiteral("aggregate"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
            3);
    }

    void whereAndOrderThroughRelationships()
    {
        QJsonObject d
            = data(QStringLiteral("{ orders(where: {items: {menu_item: {name: {_eq: \"Burrito\"}}}}) { user_id } }"));
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 0);
        d = data(QStringLiteral("{ orders(where: {items: {menu_item: {name: {_ilike: \"%nigiri%\"}}}}) { user_id } }"));
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 1);
        d = data(QStringLiteral(
            "{ orders(where: {_or: [{restaurant: {name: {_eq: \"Taco Loco\"}}}, {total: {_is_null: true}}]},\n"
            "                                           order_by: [{restaurant: {name: desc}}]) { user_id restaurant { "
            "name } } }"));
        const QJsonArray orders = d.value(QStringLiteral("orders")).toArray();
        QCOMPARE(orders.size(), 2);
        QCOMPARE(orders.at(0)
                     .toObject()
                     .value(QStringLiteral("restaurant"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("Trattoria Roma"));
        d = data(QStringLiteral(
            "{ menu_items(where: {_not: {available: {_eq: true}}, price: {_gt: 10}}) { name }\n"
            "                                      n: menu_items(where: {id: {_in: [1, 2]}, name: {_nlike: "
            "\"Spag%\"}}) { name }\n"
            "                                      d: menu_items(distinct_on: [restaurant_id], order_by: "
            "[{restaurant_id: asc}, {price: desc}]) { name }\n"
            "                                      o: menu_items(order_by: {id: asc}, offset: 10) { id } }"));
        QCOMPARE(d.value(QStringLiteral("menu_items")).toArray().size(), 1);
        QCOMPARE(d.value(QStringLiteral("n")).toArray().size(), 1);
        QCOMPARE(d.value(QStringLiteral("d")).toArray().size(), 5); // one per restaurant
        QCOMPARE(d.value(QStringLiteral("d")).toArray().at(0).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Truffle risotto"));
        QCOMPARE(d.value(QStringLiteral("o")).toArray().size(), 6); // 16 menu items
    }

    void nestedInsertAndTransaction()
    {
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM orders"));
        QJsonObject d = data(
            QStringLiteral("mutation {\n"
                           "            insert_orders_one(object: {user_id: \"carol\", restaurant_id: 1, items: {data: "
                           "[{menu_item_id: 1, quantity: 2}, {menu_item_id: 2, quantity: 1}]}}) { id user_id "
                           "items(order_by: {quantity: desc}) { quantity menu_item { name } } }\n"
                           "        }"));
        const QString id
            = d.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        // Rows inserted by the same statement show up in `returning` relationships.
        const QJsonArray returnedItems
            = d.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("items")).toArray();
        QCOMPARE(returnedItems.size(), 2);
        QCOMPARE(returnedItems.at(0).toObject().value(QStringLiteral("quantity")).toInt(), 2);
        QCOMPARE(returnedItems.at(0)
                     .toObject()
                     .value(QStringLiteral("menu_item"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("Margherita pizza"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM items WHERE order_id = '%1'").arg(id)), 2);
        // Nested object relationship: a new restaurant with the order.
        d = data(QStringLiteral(
            "mutation { insert_orders(objects: [{user_id: \"dave\", restaurant: {data: {name: \"Pop-up\"}}}]) {\n"
            "            affected_rows returning { restaurant { name } } } }"));
        QCOMPARE(d.value(QStringLiteral("insert_orders")).toObject().value(QStringLiteral("affected_rows")).toInt(), 2);
        QCOMPARE(d.value(QStringLiteral("insert_orders"))
                     .toObject()
                     .value(QStringLiteral("returning"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("restaurant"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("Pop-up"));
        // A failing second root field rolls back the first.
        const qint64 middle = scalar(QStringLiteral("SELECT count(*) FROM orders"));
        QCOMPARE(middle, before + 2);
        const QJsonObject response = run(QStringLiteral(
            "mutation {\n"
            "            ok: insert_orders_one(object: {user_id: \"erin\", restaurant_id: 1}) { id }\n"
            "            bad: insert_orders_one(object: {user_id: \"erin\", restaurant_id: 999}) { id } }"));
        QCOMPARE(firstCode(response), QStringLiteral("constraint-violation"));
        QVERIFY(firstError(response).startsWith(QStringLiteral("Foreign key violation.")));
        QCOMPARE(response.value(QStringLiteral("errors"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("path"))
                     .toArray()
                     .at(0)
                     .toString(),
            QStringLiteral("bad"));
        QVERIFY(!response.contains(QStringLiteral("data")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 'erin'")), 0);
    }

    void updateIncDelete()
    {
        QJsonObject d
            = data(QStringLiteral("mutation {\n"
                                  "            update_drivers(where: {name: {_eq: \"Ada\"}}, _inc: {active_orders: 2}, "
                                  "_set: {available: false}) { affected_rows returning { active_orders available } }\n"
                                  "        }"));
        const QJsonObject u = d.value(QStringLiteral("update_drivers")).toObject();
        QCOMPARE(u.value(QStringLiteral("affected_rows")).toInt(), 1);
        QCOMPARE(u.value(QStringLiteral("returning"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("active_orders"))
                     .toInt(),
            2);
        d = data(
            QStringLiteral("mutation { update_drivers_by_pk(pk_columns: {id: 2}, _set: {name: \"Grace H.\"}) { name }\n"
                           "                                              none: update_drivers_by_pk(pk_columns: {id: "
                           "999}, _set: {name: \"x\"}) { name } }"));
        QCOMPARE(d.value(QStringLiteral("update_drivers_by_pk")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Grace H."));
        QVERIFY(d.value(QStringLiteral("none")).isNull());
        d = data(QStringLiteral("mutation { delete_drivers(where: {name: {_eq: \"Ken\"}}) { affected_rows } "
                                "delete_drivers_by_pk(id: 6) { name } }"));
        QCOMPARE(
            d.value(QStringLiteral("delete_drivers")).toObject().value(QStringLiteral("affected_rows")).toInt(), 1);
        QCOMPARE(d.value(QStringLiteral("delete_drivers_by_pk")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Barbara"));
        const QJsonObject response = run(QStringLiteral("mutation { update_drivers(where: {}) { affected_rows } }"));
        QCOMPARE(firstCode(response), QStringLiteral("validation-failed"));
    }

    void onConflict()
    {
        QJsonObject d = data(
            QStringLiteral("mutation { insert_drivers(objects: [{id: 1, name: \"Ada L.\"}, {id: 100, name: \"New\"}],\n"
                           "            on_conflict: {constraint: drivers_pkey, update_columns: [name]}) { "
                           "affected_rows returning { id name } } }"));
        QCOMPARE(
            d.value(QStringLiteral("insert_drivers")).toObject().value(QStringLiteral("affected_rows")).toInt(), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM drivers WHERE name = 'Ada L.'")), 1);
        d = data(QStringLiteral("mutation { insert_drivers_one(object: {id: 1, name: \"Ignored\"}, on_conflict: "
                                "{constraint: drivers_pkey}) { id } }"));
        QVERIFY(d.value(QStringLiteral("insert_drivers_one")).isNull());
        const QJsonObject response
            = run(QStringLiteral("mutation { insert_drivers_one(object: {id: 1, name: \"Dup\"}) { id } }"));
        QCOMPARE(firstCode(response), QStringLiteral("constraint-violation"));
        QVERIFY(firstError(response).startsWith(QStringLiteral("Uniqueness violation.")));
    }

    void injection()
    {
        const QString evil = QStringLiteral("x'; DROP TABLE orders; --");
        QJsonObject d = data(QStringLiteral("query($v: String!) { orders(where: {user_id: {_eq: $v}}) { id } q: "
                                            "orders(where: {address: {_like: \"%\\u0027\\\"); --\"}}) { id } }"),
            { { QStringLiteral("v"), evil } });
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 0);
        d = data(
            QStringLiteral(
                "mutation($v: String!) { insert_orders_one(object: {user_id: $v, restaurant_id: 1}) { user_id } }"),
            { { QStringLiteral("v"), evil } });
        QCOMPARE(
            d.value(QStringLiteral("insert_orders_one")).toObject().value(QStringLiteral("user_id")).toString(), evil);
        QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM orders")) > 0);
        // Names cannot carry SQL: the lexer only accepts GraphQL names, unknown ones fail validation.
        QCOMPARE(firstCode(run(QStringLiteral("{ orders { \"id\\\"; DROP TABLE orders\" } }"))),
            QStringLiteral("parse-failed"));
        QCOMPARE(firstCode(run(QStringLiteral("{ orders(order_by: {id_DROP: asc}) { id } }"))),
            QStringLiteral("validation-failed"));
        QCOMPARE(firstCode(run(QStringLiteral("{ orders(where: {id: {_eq: \"not-a-uuid\"}}) { id } }"))),
            QStringLiteral("data-exception"));
        QVERIFY(!firstError(run(QStringLiteral("{ orders(where: {id: {_eq: \"not-a-uuid\"}}) { id } }")))
                     .contains(QStringLiteral("SELECT")));
    }

    void validationErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        row("unknown field", "{ orders { nope } }", "field 'nope' not found in type: 'orders'", "validation-failed");
        row("unknown root", "{ nope { id } }", "field 'nope' not found in type: 'query_root'", "validation-failed");
        row("unknown arg", "{ orders(first: 1) { id } }", "'orders' has no argument named 'first'",
            "validation-failed");
        row("missing arg", "mutation { delete_orders { affected_rows } }", "missing required field 'where'",
            "validation-failed");
        row("bad enum", "{ orders(order_by: {id: up}) { id } }",
            "expected one of the values ['asc', 'asc_nulls_first', 'asc_nulls_last', 'desc', 'desc_nulls_first', "
            "'desc_nulls_last'] for type 'order_by', but found 'up'",
            "validation-failed");
        row("bad int", "{ orders(limit: \"x\") { id } }",
            "expected a 32-bit integer for type 'Int', but found a string", "validation-failed");
        row("no subselection", "{ orders }", "field 'orders' of type '[orders!]!' must have a selection of subfields",
            "validation-failed");
        row("scalar subselection", "{ orders { id { x } } }",
            "field 'id' of type 'uuid!' must not have a selection since type 'uuid!' has no subfields",
            "validation-failed");
        row("unbound variable", "{ orders(limit: $n) { id } }", "unbound variable \"n\"", "validation-failed");
        row("variable type", "query($n: String) { orders(limit: $n) { id } }",
            "variable \"n\" is declared as 'String', but used where 'Int' is expected", "validation-failed");
        row("required variable", "query($n: Int!) { orders(limit: $n) { id } }",
            "expecting a value for non-nullable variable: \"n\"", "validation-failed");
        row("fragment type", "{ orders { ...F } } fragment F on restaurants { id }",
            "cannot spread fragment 'F' defined on 'restaurants' when selecting fields of type 'orders'",
            "validation-failed");
        row("unknown fragment", "{ orders { ...F } }", "fragment 'F' not found", "validation-failed");
        row("fragment cycle", "{ orders { ...F } } fragment F on orders { ...G } fragment G on orders { ...F }",
            "the fragment 'F' spreads itself", "validation-failed");
        row("duplicate fragment", "{ orders { ...F } } fragment F on orders { id } fragment F on orders { id }",
            "the fragment name 'F' is used more than once", "validation-failed");
        row("conflict", "{ orders { a: id a: status } }",
            "fields 'a' conflict because they have differing names or arguments", "validation-failed");
        row("two operations", "query A { orders { id } } query B { orders { id } }",
            "exactly one operation has to be present in the document when operationName is not specified",
            "validation-failed");
        row("syntax", "{ orders { id }", "Syntax Error: Expected Name, found <EOF>.", "parse-failed");
        row("unknown directive", "{ orders @live { id } }", "directive 'live' is not defined in the schema",
            "validation-failed");
        row("directive twice", "{ orders @include(if: true) @include(if: true) { id } }",
            "the following directives are used more than once: ['include']", "validation-failed");
        row("distinct_on not leading order_by",
            "{ orders(distinct_on: [user_id], order_by: {created_at: desc}) { id } }",
            "\"distinct_on\" columns must match initial \"order_by\" columns", "validation-failed");
        row("distinct_on after a relationship ordering",
            "{ orders(distinct_on: [user_id], order_by: [{restaurant: {name: asc}}, {user_id: asc}]) { id } }",
            "\"distinct_on\" columns must match initial \"order_by\" columns", "validation-failed");
        row("offset not a number", "{ orders(offset: \"ten\") { id } }",
            "\"offset\" expects an integer or a string holding one, but found \"ten\"", "validation-failed");
        row("limit as a string", "{ orders(limit: \"1\") { id } }",
            "expected a 32-bit integer for type 'Int', but found a string", "validation-failed");
        row("null for non-null", "{ orders_by_pk(id: null) { id } }", "unexpected null value for type 'uuid!'",
            "validation-failed");
        row("unknown input field", "{ orders(where: {nope: {_eq: 1}}) { id } }",
            "field 'nope' not found in type: 'orders_bool_exp'", "validation-failed");
    }

    void validationErrors()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        QFETCH(QString, code);
        const QJsonObject response = run(query);
        QVERIFY(!response.contains(QStringLiteral("data")));
        const QJsonObject error = response.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
        QCOMPARE(error.value(QStringLiteral("extensions")).toObject().value(QStringLiteral("code")).toString(), code);
        QVERIFY(error.value(QStringLiteral("path")).isArray());
        if (code == QLatin1String("parse-failed") || message.startsWith(QLatin1String("field"))) {
            const QJsonObject location = error.value(QStringLiteral("locations")).toArray().at(0).toObject();
            QVERIFY(location.value(QStringLiteral("line")).toInt() >= 1);
            QVERIFY(location.value(QStringLiteral("column")).toInt() >= 1);
        }
    }

    // Argument forms Hasura accepts: offset as a string, distinct_on leading order_by in any order.
    void hasuraArgumentForms()
    {
        const QString ids = QStringLiteral("{ orders(order_by: {created_at: asc}, offset: %1) { id } }");
        const QJsonObject asNumber = data(ids.arg(QStringLiteral("1")));
        QVERIFY(!asNumber.value(QStringLiteral("orders")).toArray().isEmpty());
        QCOMPARE(data(ids.arg(QStringLiteral("\"1\""))), asNumber);
        QCOMPARE(data(ids.arg(QStringLiteral("\" 1 \""))), asNumber);

        QJsonObject d = data(QStringLiteral(
            "{ orders(distinct_on: [restaurant_id, user_id], order_by: [{user_id: asc}, {restaurant_id: asc}, "
            "{created_at: desc}], where: {user_id: {_in: [\"alice\", \"bob\"]}}) { user_id } }"));
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 3);
        d = data(QStringLiteral(
            "{ orders(distinct_on: user_id, order_by: {user_id: asc}, where: {user_id: {_in: [\"alice\", \"bob\"]}}) "
            "{ user_id } }"));
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 2);
        // Without order_by there is nothing to match.
        d = data(QStringLiteral(
            "{ orders(distinct_on: user_id, where: {user_id: {_in: [\"alice\", \"bob\"]}}) { user_id } }"));
        QCOMPARE(d.value(QStringLiteral("orders")).toArray().size(), 2);
    }

    void operationName()
    {
        const QString doc = QStringLiteral(
            "query A { a: restaurants_by_pk(id: 1) { id } } query B { b: restaurants_by_pk(id: 2) { id } }");
        QJsonObject response = run(doc, {}, QStringLiteral("admin"), QStringLiteral("B"));
        QCOMPARE(response.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("b"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInt(),
            2);
        response = run(doc, {}, QStringLiteral("admin"), QStringLiteral("C"));
        QCOMPARE(firstError(response), QStringLiteral("no such operation found in the document: \"C\""));
    }

    void hostileDocuments()
    {
        // Deep nesting through relationships.
        QString deep = QStringLiteral("{ orders { ");
        for (int i = 0; i < 40; ++i)
            deep += QStringLiteral("restaurant { orders { ");
        deep += QStringLiteral("id ");
        for (int i = 0; i < 40; ++i)
            deep += QStringLiteral("} } ");
        deep += QStringLiteral("} }");
        QVERIFY(run(deep).contains(QStringLiteral("errors")));
        // 100k aliases.
        QString aliases = QStringLiteral("{ ");
        for (int i = 0; i < 100000; ++i)
            aliases += QStringLiteral("a%1: __typename ").arg(i);
        aliases += QLatin1Char('}');
        QVERIFY(run(aliases).contains(QStringLiteral("errors")));
        // A huge string value.
        const QString huge = QStringLiteral("{ orders(where: {user_id: {_eq: \"%1\"}}) { id } }")
                                 .arg(QString(4 * 1024 * 1024, QLatin1Char('x')));
        QVERIFY(run(huge).contains(QStringLiteral("errors")));
        // Fragment bomb: each level doubles.
        QString bomb = QStringLiteral("{ restaurants { ...F0 } } ");
        for (int i = 0; i < 30; ++i)
            bomb += QStringLiteral("fragment F%1 on restaurants { a%1: id ...F%2 b%1: id ...F%2 } ").arg(i).arg(i + 1);
        bomb += QStringLiteral("fragment F30 on restaurants { id }");
        QVERIFY(run(bomb).contains(QStringLiteral("errors")));
        // Many fields (beyond json_build_object's argument limit) still work.
        QString wide = QStringLiteral("{ restaurants_by_pk(id: 1) { ");
        for (int i = 0; i < 120; ++i)
            wide += QStringLiteral("f%1: name ").arg(i);
        wide += QStringLiteral("} }");
        const QJsonObject d = data(wide);
        QCOMPARE(d.value(QStringLiteral("restaurants_by_pk")).toObject().value(QStringLiteral("f119")).toString(),
            QStringLiteral("Trattoria Roma"));
        // Bad request shapes.
        std::optional<QByteArray> response;
        QObject context;
        m_engine->execute(QJsonObject { { QStringLiteral("query"), 42 } }, QStringLiteral("admin"), &context,
            [&response](const QByteArray &r) { response = r; });
        QVERIFY(QTest::qWaitFor([&] { return response.has_value(); }, 5000));
        QVERIFY(response->contains("parse-failed"));
    }

    void introspection()
    {
        const QJsonObject d = data(QString::fromUtf8(introspectionQuery));
        // For checking with graphql-js buildClientSchema() by hand or from the interop tests.
        if (const QString out = qEnvironmentVariable("TREFOIL_INTROSPECTION_OUT"); !out.isEmpty()) {
            QFile file(out);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(d).toJson(QJsonDocument::Compact));
        }
        const QJsonObject schema = d.value(QStringLiteral("__schema")).toObject();
        QCOMPARE(schema.value(QStringLiteral("queryType")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("query_root"));
        QCOMPARE(schema.value(QStringLiteral("mutationType")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("mutation_root"));
        QSet<QString> names;
        const QJsonArray types = schema.value(QStringLiteral("types")).toArray();
        for (const QJsonValue &t : types)
            names.insert(t.toObject().value(QStringLiteral("name")).toString());
        for (const char *expected :
            { "orders", "orders_bool_exp", "orders_order_by", "orders_insert_input", "orders_set_input",
                "orders_inc_input", "orders_pk_columns_input", "orders_on_conflict", "orders_constraint",
                "orders_update_column", "orders_select_column", "String_comparison_exp", "Int_comparison_exp",
                "uuid_comparison_exp", "order_by", "orders_mutation_response", "orders_aggregate",
                "orders_aggregate_fields", "items_arr_rel_insert_input", "restaurants_obj_rel_insert_input", "numeric",
                "timestamptz", "trefoil_events", "RedeliverResult", "__Schema", "__Type", "__TypeKind" })
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        const QJsonArray directives = schema.value(QStringLiteral("directives")).toArray();
        QCOMPARE(directives.size(), 3);
        // __type with nested type references.
        const QJsonObject t = data(QStringLiteral("{ __type(name: \"orders\") { name kind fields { name type { kind "
                                                  "ofType { kind ofType { kind ofType { name } } } } } } }"))
                                  .value(QStringLiteral("__type"))
                                  .toObject();
        QCOMPARE(t.value(QStringLiteral("kind")).toString(), QStringLiteral("OBJECT"));
        bool sawItems = false;
        const QJsonArray fields = t.value(QStringLiteral("fields")).toArray();
        for (const QJsonValue &f : fields) {
            if (f.toObject().value(QStringLiteral("name")).toString() == QLatin1String("items")) {
                sawItems = true;
                const QJsonObject type = f.toObject().value(QStringLiteral("type")).toObject();
                QCOMPARE(type.value(QStringLiteral("kind")).toString(), QStringLiteral("NON_NULL"));
                QCOMPARE(type.value(QStringLiteral("ofType"))
                             .toObject()
                             .value(QStringLiteral("ofType"))
                             .toObject()
                             .value(QStringLiteral("ofType"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString(),
                    QStringLiteral("items"));
            }
        }
        QVERIFY(sawItems);
        // Introspection mixed with data in one request.
        const QJsonObject mixed = data(
            QStringLiteral("{ __type(name: \"order_by\") { enumValues { name } } restaurants_by_pk(id: 1) { name } }"));
        QCOMPARE(
            mixed.value(QStringLiteral("__type")).toObject().value(QStringLiteral("enumValues")).toArray().size(), 6);
        QCOMPARE(mixed.value(QStringLiteral("restaurants_by_pk")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Trattoria Roma"));
    }

    void roles()
    {
        QVERIFY(data(QStringLiteral("{ trefoil_events { id } }")).value(QStringLiteral("trefoil_events")).isArray());
        QCOMPARE(firstError(run(QStringLiteral("{ trefoil_events { id } }"), {}, QStringLiteral("user"))),
            QStringLiteral("field 'trefoil_events' not found in type: 'query_root'"));
        QCOMPARE(data(QStringLiteral("{ restaurants(limit: 1) { id } }"), {}, QStringLiteral("user"))
                     .value(QStringLiteral("restaurants"))
                     .toArray()
                     .size(),
            1);
    }

    void customRootFields()
    {
        QJsonObject d = data(QStringLiteral(
            "mutation { r: redeliver_event(id: \"6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11\") { ok __typename } }"));
        QCOMPARE(d.value(QStringLiteral("r")).toObject().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(d.value(QStringLiteral("r")).toObject().value(QStringLiteral("__typename")).toString(),
            QStringLiteral("RedeliverResult"));
        const QJsonObject response
            = run(QStringLiteral("mutation { redeliver_event(id: \"00000000-0000-0000-0000-000000000000\") { ok } }"));
        QCOMPARE(firstError(response), QStringLiteral("no such event"));
        d = data(QStringLiteral("{ engine_status restaurants_by_pk(id: 2) { name } }"));
        QCOMPARE(d.value(QStringLiteral("engine_status")).toObject().value(QStringLiteral("workers")).toInt(), 2);
        QCOMPARE(d.value(QStringLiteral("restaurants_by_pk")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Sakura Sushi"));
        d = data(QStringLiteral("{ engine_status }"));
        QCOMPARE(d.value(QStringLiteral("engine_status")).toObject().value(QStringLiteral("workers")).toInt(), 2);
    }

    // A custom field with a transactionHandler commits or rolls back with the mutation's other root fields.
    void customRootFieldsShareTheTransaction()
    {
        const QString mutation = QStringLiteral(
            "mutation { tx: add_restaurant_tx(name: \"%1\") order: insert_orders_one(object: {user_id: \"tx\", "
            "restaurant_id: %2}) { id } }");
        const QString restaurants = QStringLiteral("SELECT count(*) FROM restaurants WHERE name = '%1'");
        QJsonObject response = run(mutation.arg(QStringLiteral("Rolled back"), QStringLiteral("999")));
        QVERIFY(firstError(response).startsWith(QStringLiteral("Foreign key violation.")));
        QCOMPARE(scalar(restaurants.arg(QStringLiteral("Rolled back"))), 0);

        const QJsonObject d = data(mutation.arg(QStringLiteral("Kept"), QStringLiteral("1")));
        QVERIFY(d.value(QStringLiteral("tx")).toObject().value(QStringLiteral("id")).toInt() > 0);
        QCOMPARE(scalar(restaurants.arg(QStringLiteral("Kept"))), 1);

        // The demo's pay_order, paid and then rolled back with a failing sibling, and paid alone.
        const QString order = data(QStringLiteral("mutation { insert_orders_one(object: {user_id: \"payer\", "
                                                  "restaurant_id: 3, status: \"validated\", total: 10}) { id } }"))
                                  .value(QStringLiteral("insert_orders_one"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        QVERIFY(!order.isEmpty());
        const QString pay = QStringLiteral(
            "mutation { pay: pay_order(order_id: \"%1\") bad: insert_orders_one(object: {user_id: \"payer\", "
            "restaurant_id: %2}) { id } }");
        response = run(pay.arg(order, QStringLiteral("999")));
        QVERIFY(firstError(response).startsWith(QStringLiteral("Foreign key violation.")));
        const QString paidOrders = QStringLiteral("SELECT count(*) FROM orders WHERE id = '%1' AND status = 'paid'");
        QCOMPARE(scalar(paidOrders.arg(order)), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM payments WHERE order_id = '%1'").arg(order)), 0);
        QCOMPARE(data(pay.arg(order, QStringLiteral("1")))
                     .value(QStringLiteral("pay"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("paid"));
        QCOMPARE(scalar(paidOrders.arg(order)), 1);

        // In a query, the field gets a connection of its own.
        const qint64 count = scalar(QStringLiteral("SELECT count(*) FROM restaurants"));
        QCOMPARE(data(QStringLiteral("{ restaurant_count_tx }")).value(QStringLiteral("restaurant_count_tx")).toInt(),
            int(count));
    }

    // A custom field that fails after an insert rolls the insert back and leaves no connection in a transaction.
    void failingCustomFieldRollsBack()
    {
        const QJsonObject response
            = run(QStringLiteral("mutation { insert_orders_one(object: {user_id: \"leak\", restaurant_id: 1}) { id } "
                                 "redeliver_event(id: \"00000000-0000-0000-0000-000000000000\") { ok } }"));
        QCOMPARE(firstError(response), QStringLiteral("no such event"));
        QVERIFY(QTest::qWaitFor(
            [this] {
                return scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                             "AND state LIKE 'idle in transaction%'"))
                    == 0;
            },
            10000));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 'leak'")), 0);
    }

    void compileForSubscriptions()
    {
        const CompiledOperation op = m_engine->compile(
            QStringLiteral("subscription($u: String!) { orders(where: {user_id: {_eq: $u}}) { id status } }"), {},
            { { QStringLiteral("u"), QStringLiteral("alice") } }, QStringLiteral("user"));
        QVERIFY(op.ok());
        QVERIFY(!op.isMutation);
        QVERIFY(op.sql.startsWith(QStringLiteral("SELECT json_build_object('orders'")));
        QCOMPARE(op.params, QVariantList({ QStringLiteral("alice") }));
    }

    void schemaReload()
    {
        std::optional<pg::Result> result;
        m_pool->exec(QStringLiteral("CREATE TABLE public.coupons (code text PRIMARY KEY, percent int NOT NULL)"), {},
            this, [&result](const pg::Result &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        QVERIFY(result->ok());
        QSignalSpy ready(m_engine.get(), &GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(10000));
        QJsonObject d = data(
            QStringLiteral("mutation { insert_coupons_one(object: {code: \"HALF\", percent: 50}) { code percent } }"));
        QCOMPARE(d.value(QStringLiteral("insert_coupons_one")).toObject().value(QStringLiteral("percent")).toInt(), 50);
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_pool.reset();
    }
};

QTEST_GUILESS_MAIN(TestGraphqlEngine)
#include "tst_graphqlengine.moc"
