// GraphQL over HTTP (GraphqlHttp) in front of a real engine and PostgreSQL: batched requests
// (an array of operations), their limits, and the body errors a client gets.
#include "backend/graphql/graphqlengine.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "backend/server/graphqlhttp.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace trefoil;

class TestGraphqlHttp : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<graphql::GraphqlEngine> m_engine;

    // POSTs `body` as application/json and waits for the answer.
    std::optional<server::HttpResponse> post(const QByteArray &body)
    {
        server::HttpRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/v1/graphql");
        request.headers = { { "content-type", "application/json" }, { "accept", "application/json" } };
        request.body = body;
        std::optional<server::HttpResponse> response;
        QObject context;
        server::GraphqlHttp::handle(
            request,
            [this, &context](const QJsonObject &operation, const graphql::RequestSession &session,
                std::function<void(QByteArray)> done) { m_engine->execute(operation, session, &context, done); },
            [&response](server::HttpResponse r) { response = std::move(r); });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 30000))
            return std::nullopt;
        return response;
    }

    static QJsonObject op(const QString &query) { return QJsonObject { { QStringLiteral("query"), query } }; }

    static QString message(const QJsonValue &response)
    {
        return response[QLatin1String("errors")][0][QLatin1String("message")].toString();
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

private Q_SLOTS:
    void initTestCase()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("graphqlhttp"));
        QVERIFY2(!conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(conninfo, 4);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine"), QStringLiteral("demo") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        m_engine = std::make_unique<graphql::GraphqlEngine>(m_pool.get());
        QSignalSpy ready(m_engine.get(), &graphql::GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(30000));
    }

    // Each operation of a batch answers on its own, in order; a failing mutation rolls back only itself.
    void batchAnswersEachOperationInOrder()
    {
        const std::optional<server::HttpResponse> response = post(QJsonDocument(
            QJsonArray {
                op(QStringLiteral(
                    "mutation { insert_orders_one(object: {user_id: \"batch\", restaurant_id: 1}) { user_id } }")),
                op(QStringLiteral(
                    "mutation { a: insert_orders_one(object: {user_id: \"batch\", restaurant_id: 1}) { id } "
                    "b: insert_orders_one(object: {user_id: \"batch\", restaurant_id: 999}) { id } }")),
                QJsonObject { { QStringLiteral("query"),
                                  QStringLiteral("query Named($id: Int!) { restaurants_by_pk(id: $id) { id } }") },
                    { QStringLiteral("variables"), QJsonObject { { QStringLiteral("id"), 2 } } },
                    { QStringLiteral("operationName"), QStringLiteral("Named") } },
                op(QStringLiteral("{ nope }")),
                42,
                op(QStringLiteral("{ orders_aggregate(where: {user_id: {_eq: \"batch\"}}) { aggregate { count } } }")),
            })
                                                                      .toJson(QJsonDocument::Compact));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QJsonDocument document = QJsonDocument::fromJson(response->body);
        QVERIFY2(document.isArray(), response->body.constData());
        const QJsonArray results = document.array();
        QCOMPARE(results.size(), 6);
        QCOMPARE(
            results[0][QLatin1String("data")][QLatin1String("insert_orders_one")][QLatin1String("user_id")].toString(),
            QStringLiteral("batch"));
        QVERIFY(message(results[1]).startsWith(QLatin1String("Foreign key violation.")));
        QVERIFY(!results[1].toObject().contains(QLatin1String("data")));
        QCOMPARE(results[2][QLatin1String("data")][QLatin1String("restaurants_by_pk")][QLatin1String("id")].toInt(), 2);
        QCOMPARE(message(results[3]), QStringLiteral("field 'nope' not found in type: 'query_root'"));
        QCOMPARE(message(results[4]),
            QStringLiteral(
                "operation 4 of the batch is not a JSON object: each operation must be an object with \"query\""));
        // The second operation's first insert went with its failing sibling; the first operation's stayed.
        QCOMPARE(results[5][QLatin1String("data")][QLatin1String("orders_aggregate")][QLatin1String("aggregate")]
                        [QLatin1String("count")]
                            .toInt(),
            1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 'batch'")), 1);
    }

    void batchLimits()
    {
        std::optional<server::HttpResponse> response = post("[]");
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(message(QJsonDocument::fromJson(response->body).object()),
            QStringLiteral("the batch is empty: send at least one operation object"));

        QJsonArray tooMany;
        for (int i = 0; i <= server::GraphqlHttp::MaxBatchSize; ++i)
            tooMany.append(QJsonObject { { QStringLiteral("query"), QStringLiteral("{ __typename }") } });
        response = post(QJsonDocument(tooMany).toJson(QJsonDocument::Compact));
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(message(QJsonDocument::fromJson(response->body).object()),
            QStringLiteral("a batch holds at most 100 operations; this one has 101: split it"));

        tooMany.removeLast();
        response = post(QJsonDocument(tooMany).toJson(QJsonDocument::Compact));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QJsonArray results = QJsonDocument::fromJson(response->body).array();
        QCOMPARE(results.size(), server::GraphqlHttp::MaxBatchSize);
        QCOMPARE(results.last()[QLatin1String("data")][QLatin1String("__typename")].toString(),
            QStringLiteral("query_root"));
    }

    void bodyErrorsSayWhatTheBodyMustBe()
    {
        // Qt's parser takes only an object or an array at the top level: a bare 42 is invalid JSON to it.
        std::optional<server::HttpResponse> response = post("42");
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(message(QJsonDocument::fromJson(response->body).object()),
            QStringLiteral("the body is not valid JSON (illegal value): it must be an operation object with \"query\", "
                           "or an array of such objects"));

        response = post("{\"query\": ");
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        const QString invalid = message(QJsonDocument::fromJson(response->body).object());
        QVERIFY2(invalid.startsWith(QLatin1String("the body is not valid JSON (")), qPrintable(invalid));
        QVERIFY(!invalid.contains(QLatin1String("no error occurred")));

        // A single operation is answered as before: an object, not an array.
        response = post(QJsonDocument(op(QStringLiteral("{ restaurants_by_pk(id: 1) { id } }"))).toJson());
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(QJsonDocument::fromJson(response->body)
                     .object()[QLatin1String("data")][QLatin1String("restaurants_by_pk")][QLatin1String("id")]
                     .toInt(),
            1);
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_pool.reset();
    }
};

QTEST_GUILESS_MAIN(TestGraphqlHttp)
#include "tst_graphqlhttp.moc"
