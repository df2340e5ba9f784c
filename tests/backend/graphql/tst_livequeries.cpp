// Multiplexed live queries against a real PostgreSQL: shape SQL that does not depend on values,
// one statement per batch of subscribers, changes made by other connections reaching subscribers
// by NOTIFY and by polling, no duplicate or needless pushes, coalescing under a burst.
#include "backend/graphql/changefeed.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/livequeryhub.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pollingswitch.h"
#include "backend/pg/pool.h"
#include "backend/pg/sqlbuilder.h"
#include "core/metrics/registry.h"
#include "tests/support/pgtestcluster.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace trefoil;
using namespace trefoil::graphql;

namespace {

// What one subscriber received.
struct Received {
    QList<QJsonObject> results;
    QList<QByteArray> errors;
};

const QString ById = QStringLiteral("subscription S($id: Int!) { things_by_pk(id: $id) { id name } }");

} // namespace

class TestLiveQueries : public QObject {
    Q_OBJECT

    QString m_conninfo;
    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<pg::Pool> m_writer; // stands in for another client of the database
    std::unique_ptr<pg::Listener> m_listener;
    std::unique_ptr<GraphqlEngine> m_engine;
    std::unique_ptr<metrics::Registry> m_metrics;
    std::unique_ptr<ChangeFeed> m_feed;
    std::unique_ptr<LiveQueryHub> m_hub;

    static constexpr int BatchSize = 10;
    Subscriptions::Token m_keeper = 0;

    std::shared_ptr<Received> subscribe(const QString &query, const QJsonObject &variables, Subscriptions::Token *token)
    {
        auto received = std::make_shared<Received>();
        SubscriptionSink sink;
        sink.next = [received](const QByteArray &payload) {
            received->results.append(QJsonDocument::fromJson(payload).object());
        };
        sink.error = [received](const QByteArray &errors) { received->errors.append(errors); };
        *token = m_hub->start(
            QJsonObject { { QStringLiteral("query"), query }, { QStringLiteral("variables"), variables } },
            QStringLiteral("admin"), sink);
        return received;
    }

    static QString name(const Received &r, qsizetype index)
    {
        return r.results.value(index)
            .value(QStringLiteral("data"))
            .toObject()
            .value(QStringLiteral("things_by_pk"))
            .toObject()
            .value(QStringLiteral("name"))
            .toString();
    }

    // Like psql: a statement on a connection of its own, autocommit.
    void write(const QString &sql)
    {
        bool done = false;
        bool ok = false;
        QObject context;
        m_writer->exec(sql, &context, [&](const pg::Result &r) {
            done = true;
            ok = r.ok();
            if (!ok)
                qWarning("%s", qPrintable(r.error().describe()));
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        QVERIFY(ok);
    }

    void stopAll(const QList<Subscriptions::Token> &tokens)
    {
        for (const Subscriptions::Token t : tokens)
            m_hub->stop(t);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("livequeries"));
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(m_conninfo, 4);
        m_writer = std::make_unique<pg::Pool>(m_conninfo, 1);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        QString error;
        const QString out = test::PgTestCluster::psql(m_conninfo,
            QStringLiteral("CREATE TABLE public.things (id int PRIMARY KEY, name text, tag text);"
                           "CREATE TABLE public.others (id int PRIMARY KEY, v text);"
                           "CREATE TABLE public.keepers (id int PRIMARY KEY);"
                           "INSERT INTO public.things SELECT i, 'n' || i, NULL FROM generate_series(1, 100) i;"
                           "INSERT INTO public.others VALUES (1, 'a');"),
            &error);
        QVERIFY2(!out.isNull(), qPrintable(error));

        m_listener = std::make_unique<pg::Listener>(m_conninfo);
        m_engine = std::make_unique<GraphqlEngine>(m_pool.get());
        m_metrics = std::make_unique<metrics::Registry>();
        m_feed = std::make_unique<ChangeFeed>(m_pool.get(), m_listener.get());
        LiveQueryOptions options;
        options.batchSize = BatchSize;
        options.minRefreshIntervalMs = 50;
        options.safetyRefreshMs = 600000; // the tests must pass on change signals alone
        m_hub = std::make_unique<LiveQueryHub>(m_engine.get(), m_pool.get(), m_feed.get(), m_metrics.get(), options);
        QSignalSpy watching(m_feed.get(), &ChangeFeed::watching);
        QSignalSpy watchFailed(m_feed.get(), &ChangeFeed::watchFailed);
        m_engine->reloadSchema();
        QVERIFY(QTest::qWaitFor([&] { return watching.count() + watchFailed.count() > 0; }, 30000));
        QVERIFY2(watchFailed.isEmpty(), qPrintable(watchFailed.value(0).value(0).toString()));
        QVERIFY(watching.at(0).at(0).toInt() >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(m_listener->isListening(), 30000);
        // A subscriber for the whole run, so the feed stays active; its activation (the promise
        // published, then everything refreshed twice) is over before the tests count statements.
        QSignalSpy missed(m_feed.get(), &ChangeFeed::missed);
        const auto kept = subscribe(QStringLiteral("subscription { keepers { id } }"), {}, &m_keeper);
        QTRY_COMPARE_WITH_TIMEOUT(kept->results.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(missed.count(), 2, 10000);
        QCOMPARE(kept->results.size(), 1);
        QCOMPARE(test::PgTestCluster::psql(m_conninfo,
                     QStringLiteral("SELECT last_value > (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
                                    " FROM trefoil.live_listening_until")),
            QStringLiteral("t"));
        // The triggers are there, on tables only.
        QCOMPARE(test::PgTestCluster::psql(m_conninfo,
                     QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname = 'trefoil_live_change'"
                                    " AND tgrelid IN ('public.things'::regclass, 'public.others'::regclass)")),
            QStringLiteral("2"));
    }

    void shapeSqlDoesNotDependOnValues()
    {
        const auto sql = [this](const QString &query, const QJsonObject &variables) {
            const CompiledOperation op
                = m_engine->compile(query, {}, variables, QStringLiteral("admin"), LiveQueryHub::ParamSource);
            if (!op.ok())
                qWarning("%s", GraphqlError::response(op.errors).constData());
            return op;
        };
        const CompiledOperation one = sql(ById, { { QStringLiteral("id"), 1 } });
        const CompiledOperation two = sql(ById, { { QStringLiteral("id"), 2 } });
        QVERIFY(one.ok());
        QCOMPARE(one.sql, two.sql);
        QVERIFY(one.params != two.params);
        QVERIFY(!one.sql.contains(QLatin1Char('$'))); // no placeholder: values come from the cohort row
        QCOMPARE(one.readTables, QStringList { QStringLiteral("public.things") });

        const QString list
            = QStringLiteral("subscription($ids: [Int!], $n: Int) {"
                             " things(where: {id: {_in: $ids}}, limit: $n, order_by: {id: asc}) { id } }");
        QCOMPARE(sql(list, { { QStringLiteral("ids"), QJsonArray { 1 } }, { QStringLiteral("n"), 5 } }).sql,
            sql(list, { { QStringLiteral("ids"), QJsonArray { 3, 4, 5 } }, { QStringLiteral("n"), 50 } }).sql);
        // Values that change the structure give another shape, hence another cohort.
        const QString isNull
            = QStringLiteral("subscription($b: Boolean) { things(where: {tag: {_is_null: $b}}) { id } }");
        QVERIFY(
            sql(isNull, { { QStringLiteral("b"), true } }).sql != sql(isNull, { { QStringLiteral("b"), false } }).sql);

        // HTTP queries still bind placeholders.
        const CompiledOperation http
            = m_engine->compile(QStringLiteral("query($id: Int!) { things_by_pk(id: $id) { id } }"), {},
                { { QStringLiteral("id"), 1 } }, QStringLiteral("admin"));
        QVERIFY(http.sql.contains(QLatin1String("$1")));
    }

    void multiplexedStatementBuildsEachResultOnce()
    {
        // Each element's result is built once (an index scan per element), however often the
        // statement refers to it.
        const CompiledOperation op = m_engine->compile(
            ById, {}, { { QStringLiteral("id"), 1 } }, QStringLiteral("admin"), LiveQueryHub::ParamSource);
        QVERIFY(op.ok());
        const QString array = QStringLiteral(R"([{"h":null,"p":["1"]},{"h":null,"p":["2"]},{"h":null,"p":["3"]}])");
        std::optional<pg::Result> plan;
        QObject context;
        m_pool->exec(QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF) ")
                + QString(LiveQueryHub::multiplexedSql(op.sql))
                      .replace(
                          QLatin1String("$1::jsonb"), pg::SqlBuilder::quoteLiteral(array) + QLatin1String("::jsonb")),
            &context, [&plan](const pg::Result &r) { plan = r; });
        QVERIFY(QTest::qWaitFor([&] { return plan.has_value(); }, 30000));
        QVERIFY2(plan->ok(), qPrintable(plan->error().describe()));
        const QString text = plan->text(0, 0);
        QCOMPARE(text.count(QLatin1String("\"Index Name\": \"things_pkey\"")), 1);
        QVERIFY(text.contains(QLatin1String("\"Actual Loops\": 3")));
    }

    void initialResultThenUpdateFromAnotherConnection()
    {
        Subscriptions::Token token = 0;
        const auto r = subscribe(ById, { { QStringLiteral("id"), 1 } }, &token);
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 1, 10000);
        QCOMPARE(name(*r, 0), QStringLiteral("n1"));
        QCOMPARE(m_hub->cohortCount(), 2); // with the keeper's
        QCOMPARE(m_metrics->value("trefoil_live_subscribers"), std::optional<double>(2));

        // psql itself, another process.
        QString error;
        QVERIFY2(!test::PgTestCluster::psql(
                     m_conninfo, QStringLiteral("UPDATE things SET name = 'psql' WHERE id = 1"), &error)
                      .isNull(),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 2, 5000);
        QCOMPARE(name(*r, 1), QStringLiteral("psql"));
        QVERIFY(r->errors.isEmpty());
        m_hub->stop(token);
        QCOMPARE(m_hub->cohortCount(), 1);
    }

    void oneStatementPerBatchOfSubscribers()
    {
        constexpr int Subscribers = 35; // four batches of BatchSize
        QList<Subscriptions::Token> tokens;
        QList<std::shared_ptr<Received>> received;
        const quint64 before = m_hub->refreshStatements();
        for (int i = 0; i < Subscribers; ++i) {
            Subscriptions::Token t = 0;
            received.append(subscribe(ById, { { QStringLiteral("id"), 10 + i } }, &t));
            tokens.append(t);
        }
        // A second subscriber of the same values shares their element of the array.
        Subscriptions::Token twin = 0;
        const auto twinReceived = subscribe(ById, { { QStringLiteral("id"), 10 } }, &twin);
        tokens.append(twin);
        QCOMPARE(m_hub->cohortCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(received.cbegin(), received.cend(), [](const auto &r) { return r->results.size() == 1; }),
            10000);
        QTRY_COMPARE_WITH_TIMEOUT(twinReceived->results.size(), 1, 5000);
        QCOMPARE(m_hub->refreshStatements() - before, quint64((Subscribers + BatchSize - 1) / BatchSize));
        for (int i = 0; i < Subscribers; ++i)
            QCOMPARE(name(*received.at(i), 0), QStringLiteral("n%1").arg(10 + i));

        // A late subscriber of known values gets the known result, without a statement.
        Subscriptions::Token late = 0;
        const quint64 beforeLate = m_hub->refreshStatements();
        const auto lateReceived = subscribe(ById, { { QStringLiteral("id"), 11 } }, &late);
        tokens.append(late);
        QTRY_COMPARE_WITH_TIMEOUT(lateReceived->results.size(), 1, 5000);
        QCOMPARE(name(*lateReceived, 0), QStringLiteral("n11"));
        QCOMPARE(m_hub->refreshStatements(), beforeLate);

        const quint64 beforeUpdate = m_hub->refreshStatements();
        const double pushesBefore = m_metrics->value("trefoil_live_pushes_total").value_or(0);
        write(QStringLiteral("UPDATE things SET name = 'changed' WHERE id = 12"));
        QTRY_COMPARE_WITH_TIMEOUT(received.at(2)->results.size(), 2, 5000);
        QCOMPARE(name(*received.at(2), 1), QStringLiteral("changed"));
        QCOMPARE(m_hub->refreshStatements() - beforeUpdate, quint64((Subscribers + BatchSize - 1) / BatchSize));
        // Only the subscriber whose result changed got something.
        QCOMPARE(m_metrics->value("trefoil_live_pushes_total").value_or(0) - pushesBefore, 1.0);
        for (int i = 0; i < Subscribers; ++i)
            QCOMPARE(received.at(i)->results.size(), i == 2 ? 2 : 1);
        QCOMPARE(twinReceived->results.size(), 1);
        stopAll(tokens);
        QCOMPARE(m_hub->subscriberCount(), 1);
    }

    void noPushForAnUnrelatedTableOrAnUnchangedResult()
    {
        Subscriptions::Token a = 0;
        Subscriptions::Token b = 0;
        Subscriptions::Token other = 0;
        const auto ra = subscribe(ById, { { QStringLiteral("id"), 1 } }, &a);
        const auto rb = subscribe(ById, { { QStringLiteral("id"), 2 } }, &b);
        const auto ro = subscribe(QStringLiteral("subscription { others { id v } }"), {}, &other);
        QTRY_VERIFY_WITH_TIMEOUT(ra->results.size() == 1 && rb->results.size() == 1 && ro->results.size() == 1, 10000);

        // An unrelated table: only the cohort reading it runs a statement.
        const quint64 before = m_hub->refreshStatements();
        write(QStringLiteral("UPDATE others SET v = 'b' WHERE id = 1"));
        QTRY_COMPARE_WITH_TIMEOUT(ro->results.size(), 2, 5000);
        QCOMPARE(m_hub->refreshStatements() - before, quint64(1));
        QCOMPARE(ra->results.size(), 1);

        // An unchanged result (a no-op update of row 1) is not pushed; row 2's change in the same
        // transaction is, by the same statement.
        write(QStringLiteral("WITH x AS (UPDATE things SET name = name WHERE id = 1)"
                             " UPDATE things SET name = 'two' WHERE id = 2"));
        QTRY_COMPARE_WITH_TIMEOUT(rb->results.size(), 2, 5000);
        QCOMPARE(name(*rb, 1), QStringLiteral("two"));
        QCOMPARE(ra->results.size(), 1);
        stopAll({ a, b, other });
    }

    void badValuesFailOnlyTheirSubscriber()
    {
        const QString query = QStringLiteral("subscription($n: Int) { things(limit: $n, order_by: {id: asc}) { id } }");
        Subscriptions::Token good = 0;
        Subscriptions::Token bad = 0;
        const auto rg = subscribe(query, { { QStringLiteral("n"), 2 } }, &good);
        const auto rb = subscribe(query, { { QStringLiteral("n"), -1 } }, &bad); // LIMIT must not be negative
        QCOMPARE(m_hub->cohortCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(rb->errors.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rg->results.size(), 1, 10000);
        QCOMPARE(
            rg->results.at(0).value(QStringLiteral("data")).toObject().value(QStringLiteral("things")).toArray().size(),
            2);
        QVERIFY(rb->results.isEmpty());
        QCOMPARE(m_hub->subscriberCount(), 2); // the failed operation is over
        m_hub->stop(bad); // unknown by now: ignored
        m_hub->stop(good);
        QCOMPARE(m_hub->cohortCount(), 1);
    }

    void aWriterWithoutRightsOnTrefoilIsSignalled()
    {
        Subscriptions::Token token = 0;
        const auto r = subscribe(ById, { { QStringLiteral("id"), 5 } }, &token);
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 1, 10000);
        QString error;
        const QString out = test::PgTestCluster::psql(m_conninfo,
            QStringLiteral("DO $$BEGIN CREATE ROLE live_writer; EXCEPTION WHEN duplicate_object THEN NULL; END$$;"
                           "GRANT SELECT, UPDATE ON public.things TO live_writer;"
                           "SET ROLE live_writer;"
                           "UPDATE things SET name = 'by a plain role' WHERE id = 5;"),
            &error);
        QVERIFY2(!out.isNull(), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 2, 5000);
        QCOMPARE(name(*r, 1), QStringLiteral("by a plain role"));
        m_hub->stop(token);
    }

    void burstIsCoalesced()
    {
        Subscriptions::Token token = 0;
        const auto r = subscribe(ById, { { QStringLiteral("id"), 3 } }, &token);
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 1, 10000);
        const quint64 before = m_hub->refreshStatements();
        QElapsedTimer elapsed;
        elapsed.start();
        constexpr int Changes = 100;
        int answered = 0;
        QObject context;
        for (int i = 1; i <= Changes; ++i) // each its own transaction, its own signal
            m_writer->exec(QStringLiteral("UPDATE things SET name = $1 WHERE id = 3"), { QStringLiteral("v%1").arg(i) },
                &context, [&answered](const pg::Result &) { ++answered; });
        QTRY_COMPARE_WITH_TIMEOUT(answered, Changes, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(name(*r, r->results.size() - 1), QStringLiteral("v%1").arg(Changes), 5000);
        const quint64 refreshes = m_hub->refreshStatements() - before;
        // At most one refresh per 50 ms, plus the first at once and the trailing one.
        QVERIFY2(refreshes <= quint64(elapsed.elapsed() / 50 + 2),
            qPrintable(QStringLiteral("%1 refreshes in %2 ms").arg(refreshes).arg(elapsed.elapsed())));
        QVERIFY(refreshes < quint64(Changes));
        // Every push was a new result.
        for (qsizetype i = 1; i < r->results.size(); ++i)
            QVERIFY(r->results.at(i) != r->results.at(i - 1));
        m_hub->stop(token);
    }

    void onlyStatementsThatChangeRowsSignal()
    {
        QSignalSpy changed(m_feed.get(), &ChangeFeed::changed);
        const auto signalled = [&changed](const QString &table) {
            return std::count_if(changed.cbegin(), changed.cend(),
                [&table](const QList<QVariant> &args) { return args.at(0).toStringList().contains(table); });
        };
        // An update of no row (as an event worker's empty claim) signals nothing; the update of
        // `others` after it, in its own transaction, marks when its signal would have arrived.
        write(QStringLiteral("UPDATE things SET name = 'never' WHERE false"));
        write(QStringLiteral("UPDATE others SET v = 'sentinel' WHERE id = 1"));
        QTRY_COMPARE_WITH_TIMEOUT(signalled(QStringLiteral("public.others")), 1, 5000);
        QCOMPARE(signalled(QStringLiteral("public.things")), 0);
        // TRUNCATE has no rows, and signals too.
        write(QStringLiteral("TRUNCATE others"));
        QTRY_COMPARE_WITH_TIMEOUT(signalled(QStringLiteral("public.others")), 2, 5000);
        write(QStringLiteral("INSERT INTO others VALUES (1, 'a')"));
        QTRY_COMPARE_WITH_TIMEOUT(signalled(QStringLiteral("public.others")), 3, 5000);
        QCOMPARE(signalled(QStringLiteral("public.things")), 0);
    }

    void nobodyListeningSignalsNothing()
    {
        // A database where no process has live subscribers: the triggers neither NOTIFY nor
        // write, even under a polling promise; with a listening promise they do.
        const QString idle = test::PgTestCluster::shared().createDatabase(QStringLiteral("livequeries_idle"));
        QVERIFY(!idle.isEmpty());
        pg::Pool pool(idle, 1);
        pg::Migrator migrator(&pool, { QStringLiteral("engine") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        const auto sql = [&idle](const QString &statements) {
            QString error;
            const QString out = test::PgTestCluster::psql(idle, statements, &error);
            if (out.isNull())
                qWarning("%s", qPrintable(error));
            return out;
        };
        const QString create = QStringLiteral("CREATE TABLE t (id int);"
                                              "SELECT trefoil.live_watch(ARRAY['public.t']);"
                                              "SELECT setval('trefoil.live_polling_until', 99999999999999);"
                                              "INSERT INTO t VALUES (1);"
                                              "SELECT count(*) FROM trefoil.live_changes;");
        const QString listened = QStringLiteral("SELECT setval('trefoil.live_listening_until', 99999999999999);"
                                                "INSERT INTO t VALUES (2);"
                                                "SELECT rel FROM trefoil.live_changes;");
        const QStringList notListening = sql(create).split(QLatin1Char('\n'));
        QCOMPARE(notListening.constLast(), QStringLiteral("0"));
        const QStringList listening = sql(listened).split(QLatin1Char('\n'));
        QCOMPARE(listening.constLast(), QStringLiteral("public.t"));
    }

    void pollModeDelivers()
    {
        Subscriptions::Token token = 0;
        const auto r = subscribe(ById, { { QStringLiteral("id"), 4 } }, &token);
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 1, 10000);
        // Another process's feed: it never polls by itself, it follows the promise.
        pg::Listener otherListener(m_conninfo);
        ChangeFeed other(m_pool.get(), &otherListener);
        other.pollingSwitch()->setThresholds(1000000, 0);
        QTRY_VERIFY_WITH_TIMEOUT(otherListener.isListening(), 10000);
        QSignalSpy otherChanged(&other, &ChangeFeed::changed);
        // The burst above may have switched to polling: start from notifications.
        QTRY_VERIFY_WITH_TIMEOUT(!m_feed->isPolling(), 10000);
        // One notification a second is "busy" now; claims never end polling.
        m_feed->pollingSwitch()->setThresholds(1, 0);
        write(QStringLiteral("UPDATE others SET v = 'poke' WHERE id = 1"));
        QTRY_VERIFY_WITH_TIMEOUT(m_feed->isPolling(), 5000);
        // Wait until the promise is published where the triggers read it.
        QTRY_VERIFY_WITH_TIMEOUT(
            test::PgTestCluster::psql(m_conninfo,
                QStringLiteral("SELECT last_value > (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
                               " FROM trefoil.live_polling_until"))
                == QLatin1String("t"),
            5000);
        QString error;
        QVERIFY2(!test::PgTestCluster::psql(
                     m_conninfo, QStringLiteral("UPDATE things SET name = 'polled' WHERE id = 4"), &error)
                      .isNull(),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(r->results.size(), 2, 5000);
        QCOMPARE(name(*r, 1), QStringLiteral("polled"));
        QVERIFY(other.isPolling());
        QVERIFY(!other.pollingSwitch()->isPolling());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(otherChanged.cbegin(), otherChanged.cend(),
                                     [](const QList<QVariant> &args) {
                                         return args.at(0).toStringList().contains(QStringLiteral("public.things"));
                                     }),
            5000);
        // It came through the table, not through NOTIFY.
        QVERIFY(test::PgTestCluster::psql(
                    m_conninfo, QStringLiteral("SELECT count(*) FROM trefoil.live_changes WHERE rel = 'public.things'"))
                    .toInt()
            >= 1);
        m_hub->stop(token);
        m_feed->pollingSwitch()->stop();
    }

    void cleanupTestCase()
    {
        if (m_hub)
            m_hub->stop(m_keeper);
        m_hub.reset();
        m_feed.reset();
        m_engine.reset();
        m_listener.reset();
        m_writer.reset();
        m_pool.reset();
    }
};

QTEST_MAIN(TestLiveQueries)
#include "tst_livequeries.moc"
