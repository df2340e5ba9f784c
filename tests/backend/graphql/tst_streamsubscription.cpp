// Streaming subscriptions (`<table>_stream`) against a real PostgreSQL: Hasura's schema types,
// initial value, ordering, batches and filters, rows appended later, and rows committed out of
// cursor order (each exactly once, in order).
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/streamsubscription.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace trefoil;
using namespace trefoil::graphql;

namespace {

// What a sink received.
struct Received {
    QList<QJsonArray> batches;
    QByteArray errors;

    QStringList values(const QString &column) const
    {
        QStringList out;
        for (const QJsonArray &batch : batches) {
            for (const QJsonValue &row : batch)
                out.append(row.toObject().value(column).toVariant().toString());
        }
        return out;
    }
};

QString typeRef(const QJsonObject &type)
{
    const QString kind = type.value(QStringLiteral("kind")).toString();
    const QJsonObject of = type.value(QStringLiteral("ofType")).toObject();
    if (kind == QLatin1String("NON_NULL"))
        return typeRef(of) + QLatin1Char('!');
    if (kind == QLatin1String("LIST"))
        return QLatin1Char('[') + typeRef(of) + QLatin1Char(']');
    return type.value(QStringLiteral("name")).toString();
}

const QJsonObject *findByName(const QJsonArray &items, const QString &name, QJsonObject *storage)
{
    for (const QJsonValue &item : items) {
        if (item.toObject().value(QStringLiteral("name")).toString() == name) {
            *storage = item.toObject();
            return storage;
        }
    }
    return nullptr;
}

} // namespace

class TestStreamSubscription : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<GraphqlEngine> m_engine;

    bool exec(const QString &sql)
    {
        std::optional<pg::Result> result;
        QObject context;
        m_pool->exec(sql, {}, &context, [&result](const pg::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return false;
        if (!result->ok())
            qWarning("%s: %s", qPrintable(sql), qPrintable(result->error().message));
        return result->ok();
    }

    bool sessionExec(const pg::Session &session, const QString &sql)
    {
        std::optional<pg::Result> result;
        QObject context;
        session.exec(sql, &context, [&result](const pg::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return false;
        return result->ok();
    }

    std::optional<pg::Session> session()
    {
        std::optional<pg::Session> out;
        bool done = false;
        QObject context;
        m_pool->acquire(&context, [&](pg::Session s, const pg::Error &error) {
            if (!error.isError())
                out = s;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            return std::nullopt;
        return out;
    }

    QJsonObject query(const QString &document)
    {
        std::optional<QByteArray> response;
        QObject context;
        m_engine->execute(QJsonObject { { QStringLiteral("query"), document } }, QStringLiteral("admin"), &context,
            [&response](const QByteArray &r) { response = r; });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 30000))
            return {};
        return QJsonDocument::fromJson(*response).object();
    }

    std::unique_ptr<StreamSubscription> subscribe(
        const QString &document, Received *received, StreamSubscription::Options options = {})
    {
        StreamPlan plan = StreamCompiler::compileRequest(
            *m_engine, QJsonObject { { QStringLiteral("query"), document } }, QStringLiteral("admin"));
        SubscriptionSink sink;
        const QString key = plan.key;
        sink.next = [received, key](const QByteArray &payload) {
            received->batches.append(QJsonDocument::fromJson(payload)
                                         .object()
                                         .value(QStringLiteral("data"))
                                         .toObject()
                                         .value(key)
                                         .toArray());
        };
        sink.error = [received](const QByteArray &errors) { received->errors = errors; };
        sink.complete = [] {};
        return std::make_unique<StreamSubscription>(m_pool.get(), std::move(plan), std::move(sink), options);
    }

    // Starts `stream` and waits for its first round to end.
    static bool startAndCatchUp(StreamSubscription &stream)
    {
        QSignalSpy caughtUp(&stream, &StreamSubscription::caughtUp);
        stream.start();
        return caughtUp.wait(30000);
    }

    static QString firstError(const Received &received)
    {
        return QJsonDocument::fromJson(received.errors)
            .array()
            .at(0)
            .toObject()
            .value(QStringLiteral("message"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("streams"));
        QVERIFY2(!conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(conninfo, 4);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        QVERIFY(exec(QStringLiteral("CREATE TABLE public.log (id bigint PRIMARY KEY, level text NOT NULL, msg text)")));
        QVERIFY(exec(
            QStringLiteral("CREATE TABLE public.ticks (at timestamptz NOT NULL DEFAULT now(), n integer NOT NULL)")));
        QVERIFY(exec(QStringLiteral(
            "CREATE TABLE public.notes (id uuid PRIMARY KEY DEFAULT trefoil.uuid_v7(), n integer NOT NULL)")));
        QVERIFY(exec(QStringLiteral(
            "CREATE TABLE public.seqlog (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, w integer NOT NULL)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.log SELECT i, CASE WHEN i % 2 = 1 THEN 'info' ELSE "
                                    "'debug' END, 'm' || i FROM generate_series(1, 10) AS i")));
        m_engine = std::make_unique<GraphqlEngine>(m_pool.get());
        QSignalSpy ready(m_engine.get(), &GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(30000));
    }

    void schemaHasHasuraStreamFields()
    {
        const QJsonObject response = query(QStringLiteral(
            "{ sub: __type(name: \"subscription_root\") { fields { name description type { ...T } "
            "      args { name description type { ...T } } } }\n"
            "  q: __type(name: \"query_root\") { fields { name } }\n"
            "  cursor: __type(name: \"log_stream_cursor_input\") { kind description inputFields { name type { ...T } "
            "} }\n"
            "  value: __type(name: \"log_stream_cursor_value_input\") { kind inputFields { name type { ...T } } }\n"
            "  ordering: __type(name: \"cursor_ordering\") { kind enumValues { name } } }\n"
            "fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"));
        const QJsonObject data = response.value(QStringLiteral("data")).toObject();
        QJsonObject stream;
        QVERIFY(findByName(data.value(QStringLiteral("sub")).toObject().value(QStringLiteral("fields")).toArray(),
            QStringLiteral("log_stream"), &stream));
        QCOMPARE(stream.value(QStringLiteral("description")).toString(),
            QStringLiteral("fetch data from the table in a streaming manner: \"log\""));
        QCOMPARE(typeRef(stream.value(QStringLiteral("type")).toObject()), QStringLiteral("[log!]!"));
        QStringList args;
        for (const QJsonValue &a : stream.value(QStringLiteral("args")).toArray())
            args.append(a.toObject().value(QStringLiteral("name")).toString() + QLatin1Char(':')
                + typeRef(a.toObject().value(QStringLiteral("type")).toObject()));
        QCOMPARE(args,
            QStringList({ QStringLiteral("batch_size:Int!"), QStringLiteral("cursor:[log_stream_cursor_input]!"),
                QStringLiteral("where:log_bool_exp") }));
        QJsonObject unused;
        QVERIFY(!findByName(data.value(QStringLiteral("q")).toObject().value(QStringLiteral("fields")).toArray(),
            QStringLiteral("log_stream"), &unused));

        const QJsonObject cursor = data.value(QStringLiteral("cursor")).toObject();
        QCOMPARE(cursor.value(QStringLiteral("kind")).toString(), QStringLiteral("INPUT_OBJECT"));
        QCOMPARE(cursor.value(QStringLiteral("description")).toString(),
            QStringLiteral("Streaming cursor of the table \"log\""));
        QStringList fields;
        for (const QJsonValue &f : cursor.value(QStringLiteral("inputFields")).toArray())
            fields.append(f.toObject().value(QStringLiteral("name")).toString() + QLatin1Char(':')
                + typeRef(f.toObject().value(QStringLiteral("type")).toObject()));
        QCOMPARE(fields,
            QStringList({ QStringLiteral("initial_value:log_stream_cursor_value_input!"),
                QStringLiteral("ordering:cursor_ordering") }));
        fields.clear();
        for (const QJsonValue &f :
            data.value(QStringLiteral("value")).toObject().value(QStringLiteral("inputFields")).toArray())
            fields.append(f.toObject().value(QStringLiteral("name")).toString() + QLatin1Char(':')
                + typeRef(f.toObject().value(QStringLiteral("type")).toObject()));
        QCOMPARE(fields,
            QStringList({ QStringLiteral("id:bigint"), QStringLiteral("level:String"), QStringLiteral("msg:String") }));
        QStringList values;
        for (const QJsonValue &v :
            data.value(QStringLiteral("ordering")).toObject().value(QStringLiteral("enumValues")).toArray())
            values.append(v.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(values, QStringList({ QStringLiteral("ASC"), QStringLiteral("DESC") }));

        // Over HTTP (a plain execute) a stream is refused rather than answered once.
        const QJsonObject refused = query(
            QStringLiteral("subscription { log_stream(batch_size: 1, cursor: {initial_value: {id: 0}}) { id } }"));
        QVERIFY(refused.contains(QStringLiteral("errors")));
    }

    void batchesFilterAndOrdering()
    {
        Received asc;
        auto ascending = subscribe(QStringLiteral("subscription { log_stream(batch_size: 2, cursor: {initial_value: "
                                                  "{id: 2}}, where: {level: {_eq: \"info\"}}) { id level } }"),
            &asc);
        QVERIFY(startAndCatchUp(*ascending));
        QVERIFY2(asc.errors.isEmpty(), asc.errors.constData());
        QCOMPARE(asc.batches.size(), 2);
        QCOMPARE(asc.values(QStringLiteral("id")),
            QStringList({ QStringLiteral("3"), QStringLiteral("5"), QStringLiteral("7"), QStringLiteral("9") }));
        QCOMPARE(asc.batches.at(0).size(), 2);
        QCOMPARE(ascending->cursor(), QStringLiteral("9"));

        Received desc;
        auto descending = subscribe(QStringLiteral("subscription { s: log_stream(batch_size: 3, cursor: "
                                                   "[{initial_value: {id: 8}, ordering: DESC}]) { id } }"),
            &desc);
        QVERIFY(startAndCatchUp(*descending));
        QCOMPARE(desc.batches.size(), 3);
        QCOMPARE(desc.values(QStringLiteral("id")).join(QLatin1Char(',')), QStringLiteral("7,6,5,4,3,2,1"));
        QCOMPARE(desc.batches.at(2).size(), 1);
    }

    void variablesAndASinkThatStops()
    {
        StreamPlan plan = StreamCompiler::compileRequest(*m_engine,
            QJsonObject { { QStringLiteral("query"),
                              QStringLiteral("subscription($since: bigint!, $n: Int!) { log_stream(batch_size: $n, "
                                             "cursor: {initial_value: {id: $since}}) { id } }") },
                { QStringLiteral("variables"),
                    QJsonObject { { QStringLiteral("since"), 7 }, { QStringLiteral("n"), 5 } } } },
            QStringLiteral("admin"));
        QVERIFY(plan.ok());
        QCOMPARE(plan.initialValue, QStringLiteral("7"));
        QCOMPARE(plan.batchSize, 5);
        Received received;
        SubscriptionSink sink;
        std::unique_ptr<StreamSubscription> stream;
        // A sink may end the subscription from inside a delivery.
        sink.next = [&received, &stream](const QByteArray &payload) {
            received.batches.append(QJsonDocument::fromJson(payload)
                                        .object()
                                        .value(QStringLiteral("data"))
                                        .toObject()
                                        .value(QStringLiteral("log_stream"))
                                        .toArray());
            stream.reset();
        };
        stream = std::make_unique<StreamSubscription>(m_pool.get(), std::move(plan), std::move(sink));
        stream->start();
        QVERIFY(QTest::qWaitFor([&] { return !stream; }, 30000));
        QCOMPARE(received.values(QStringLiteral("id")),
            QStringList({ QStringLiteral("8"), QStringLiteral("9"), QStringLiteral("10") }));
    }

    void hasuraArgumentErrors_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("two columns") << QStringLiteral("batch_size: 1, cursor: {initial_value: {id: 1, level: \"a\"}}")
                                     << QStringLiteral("multiple column cursors are not supported yet");
        QTest::newRow("two cursors") << QStringLiteral(
            "batch_size: 1, cursor: [{initial_value: {id: 1}}, {initial_value: {msg: \"a\"}}]")
                                     << QStringLiteral("multiple column cursors are not supported yet");
        QTest::newRow("no column") << QStringLiteral("batch_size: 1, cursor: {initial_value: {}}")
                                   << QStringLiteral("one streaming column field is expected");
        QTest::newRow("negative batch") << QStringLiteral("batch_size: -1, cursor: {initial_value: {id: 1}}")
                                        << QStringLiteral("expected a non-negative integer for 'batch_size'");
        QTest::newRow("missing batch") << QStringLiteral("cursor: {initial_value: {id: 1}}")
                                       << QStringLiteral("missing required field 'batch_size'");
    }

    void hasuraArgumentErrors()
    {
        QFETCH(QString, arguments);
        QFETCH(QString, message);
        Received received;
        auto stream = subscribe(QStringLiteral("subscription { log_stream(%1) { id } }").arg(arguments), &received);
        stream->start();
        QCOMPARE(firstError(received), message);
        QVERIFY(received.batches.isEmpty());
    }

    void rowsAppendedLaterArriveOnceInOrder()
    {
        Received received;
        StreamSubscription::Options options;
        options.pollIntervalMs = 50;
        auto stream = subscribe(
            QStringLiteral("subscription { log_stream(batch_size: 10, cursor: {initial_value: {id: 100}}) { id } }"),
            &received, options);
        QVERIFY(startAndCatchUp(*stream));
        QVERIFY(received.batches.isEmpty());
        QSignalSpy delivered(stream.get(), &StreamSubscription::delivered);
        QVERIFY(exec(QStringLiteral("INSERT INTO public.log VALUES (101, 'info', 'a'), (102, 'info', 'b')")));
        stream->tableChanged();
        QVERIFY(delivered.wait(30000));
        QCOMPARE(received.values(QStringLiteral("id")), QStringList({ QStringLiteral("101"), QStringLiteral("102") }));
        // Without a change signal the safety-net poll finds it.
        QVERIFY(exec(QStringLiteral("INSERT INTO public.log VALUES (103, 'info', 'c')")));
        QVERIFY(delivered.wait(30000));
        // Further rounds deliver nothing again.
        QSignalSpy caughtUp(stream.get(), &StreamSubscription::caughtUp);
        QVERIFY(caughtUp.wait(30000));
        QVERIFY(caughtUp.wait(30000));
        QCOMPARE(received.values(QStringLiteral("id")),
            QStringList({ QStringLiteral("101"), QStringLiteral("102"), QStringLiteral("103") }));
    }

    // Transaction A takes cursor value k, B takes k+1 and commits first: k+1 must wait for A.
    void outOfOrderCommitIsHeldBack()
    {
        Received received;
        auto stream = subscribe(
            QStringLiteral("subscription { log_stream(batch_size: 10, cursor: {initial_value: {id: 1000}}) { id } }"),
            &received);
        QVERIFY(startAndCatchUp(*stream));
        std::optional<pg::Session> a = session();
        QVERIFY(a);
        QVERIFY(sessionExec(*a, QStringLiteral("BEGIN")));
        QVERIFY(sessionExec(*a, QStringLiteral("INSERT INTO public.log VALUES (1001, 'info', 'A')")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.log VALUES (1002, 'info', 'B')")));
        QSignalSpy waiting(stream.get(), &StreamSubscription::waitingForTransactions);
        QSignalSpy delivered(stream.get(), &StreamSubscription::delivered);
        stream->tableChanged();
        // Held back on the first check and on a re-check, never delivered meanwhile.
        QVERIFY(QTest::qWaitFor([&] { return waiting.count() >= 2 || delivered.count() > 0; }, 30000));
        QCOMPARE(delivered.count(), 0);
        QVERIFY(received.batches.isEmpty());

        QVERIFY(sessionExec(*a, QStringLiteral("COMMIT")));
        a.reset();
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return received.values(QStringLiteral("id")).size() >= 2; }, 30000));
        QSignalSpy caughtUp(stream.get(), &StreamSubscription::caughtUp);
        stream->tableChanged();
        QVERIFY(caughtUp.wait(30000));
        QCOMPARE(
            received.values(QStringLiteral("id")), QStringList({ QStringLiteral("1001"), QStringLiteral("1002") }));
    }

    // The same with a now() default: A started first, so its row is older, though it commits last.
    void outOfOrderTimestampsAreHeldBack()
    {
        Received received;
        auto stream = subscribe(QStringLiteral("subscription { ticks_stream(batch_size: 1, cursor: {initial_value: "
                                               "{at: \"2000-01-01T00:00:00Z\"}}) { n } }"),
            &received);
        QVERIFY(startAndCatchUp(*stream));
        std::optional<pg::Session> a = session();
        QVERIFY(a);
        QVERIFY(sessionExec(*a, QStringLiteral("BEGIN")));
        QVERIFY(sessionExec(*a, QStringLiteral("INSERT INTO public.ticks (n) VALUES (1)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.ticks (n) VALUES (2)")));
        QSignalSpy waiting(stream.get(), &StreamSubscription::waitingForTransactions);
        QSignalSpy delivered(stream.get(), &StreamSubscription::delivered);
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return waiting.count() >= 2 || delivered.count() > 0; }, 30000));
        QVERIFY(received.batches.isEmpty());
        QVERIFY(sessionExec(*a, QStringLiteral("COMMIT")));
        a.reset();
        QVERIFY(QTest::qWaitFor([&] { return received.batches.size() >= 2; }, 30000));
        QSignalSpy caughtUp(stream.get(), &StreamSubscription::caughtUp);
        stream->tableChanged();
        QVERIFY(caughtUp.wait(30000));
        QCOMPARE(received.values(QStringLiteral("n")), QStringList({ QStringLiteral("1"), QStringLiteral("2") }));
    }

    // UUID v7 ids (the event log's): held back the same way; a change signal alone (no poll)
    // delivers rows made in the millisecond of the round that it started.
    void outOfOrderUuidV7IdsAreHeldBack()
    {
        Received received;
        StreamSubscription::Options options;
        options.pollIntervalMs = 600000;
        auto stream = subscribe(QStringLiteral("subscription { notes_stream(batch_size: 10, cursor: {initial_value: "
                                               "{id: \"00000000-0000-0000-0000-000000000000\"}}) { id n } }"),
            &received, options);
        QVERIFY(startAndCatchUp(*stream));
        std::optional<pg::Session> a = session();
        QVERIFY(a);
        QVERIFY(sessionExec(*a, QStringLiteral("BEGIN")));
        QVERIFY(sessionExec(*a, QStringLiteral("INSERT INTO public.notes (n) VALUES (1)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.notes (n) VALUES (2)")));
        QSignalSpy waiting(stream.get(), &StreamSubscription::waitingForTransactions);
        QSignalSpy delivered(stream.get(), &StreamSubscription::delivered);
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return waiting.count() >= 2 || delivered.count() > 0; }, 30000));
        QCOMPARE(delivered.count(), 0);
        QVERIFY(sessionExec(*a, QStringLiteral("COMMIT")));
        a.reset();
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return received.values(QStringLiteral("n")).size() >= 2; }, 30000));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.notes (n) VALUES (3)")));
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return received.values(QStringLiteral("n")).size() >= 3; }, 30000));
        QSignalSpy caughtUp(stream.get(), &StreamSubscription::caughtUp);
        stream->tableChanged();
        QVERIFY(caughtUp.wait(30000));
        QStringList n = received.values(QStringLiteral("n"));
        QCOMPARE(n.size(), 3);
        QCOMPARE(n.last(), QStringLiteral("3"));
        n.sort();
        QCOMPARE(n, QStringList({ QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3") }));
        const QStringList ids = received.values(QStringLiteral("id"));
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(ids, sorted);
    }

    // Three writers whose two-row transactions interleave (identity ids taken in one order,
    // committed in another) while the stream runs: every row once, in id order.
    void concurrentWritersEveryRowOnceInOrder()
    {
        Received received;
        auto stream = subscribe(
            QStringLiteral("subscription { seqlog_stream(batch_size: 7, cursor: {initial_value: {id: 0}}) { id } }"),
            &received);
        QVERIFY(startAndCatchUp(*stream));
        const int writers = 3;
        const int transactions = 60;
        std::vector<pg::Session> sessions;
        for (int w = 0; w < writers; ++w) {
            std::optional<pg::Session> s = session();
            QVERIFY(s);
            sessions.push_back(*s);
        }
        int committed = 0;
        bool failed = false;
        QObject context;
        for (int t = 0; t < transactions; ++t) {
            for (int w = 0; w < writers; ++w) {
                const pg::Session &s = sessions[size_t(w)];
                const auto check = [&failed](const pg::Result &r) { failed = failed || !r.ok(); };
                s.exec(QStringLiteral("BEGIN"), &context, check);
                const QString insert = QStringLiteral("INSERT INTO public.seqlog (w) VALUES (%1)").arg(w);
                s.exec(insert, &context, check);
                // Work between taking an id and committing widens the out-of-order windows.
                s.exec(QStringLiteral("SELECT sum(i) FROM generate_series(1, 20000 * %1) AS i").arg(w + 1), &context,
                    check);
                s.exec(insert, &context, check);
                s.exec(QStringLiteral("COMMIT"), &context, [&, check](const pg::Result &r) {
                    check(r);
                    ++committed;
                    stream->tableChanged();
                });
            }
        }
        QVERIFY(QTest::qWaitFor([&] { return committed == writers * transactions; }, 60000));
        QVERIFY(!failed);
        sessions.clear();
        const int total = writers * transactions * 2;
        // A round that starts after the last commit ends with everything streamed.
        QSignalSpy caughtUp(stream.get(), &StreamSubscription::caughtUp);
        stream->tableChanged();
        QVERIFY(QTest::qWaitFor([&] { return caughtUp.count() >= 2; }, 30000));
        const QStringList ids = received.values(QStringLiteral("id"));
        QCOMPARE(ids.size(), total);
        for (int i = 0; i < total; ++i)
            QCOMPARE(ids.at(i).toInt(), i + 1);
    }
};

QTEST_MAIN(TestStreamSubscription)
#include "tst_streamsubscription.moc"
