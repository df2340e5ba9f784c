// The operator console's summaries stay cheap on a big table: on 200,000 delivered events and
// their invocations (plus a few hundred failing, pending and cancelled ones) no statement of
// OperatorStats scans trefoil.events or trefoil.invocations whole, each goes through the index
// engine migration 0007 made for it, and the answers still equal independent count(*) queries.
#include "backend/events/operatorstats.h"
#include "backend/pg/sqlbuilder.h"
#include "tests/backend/events/eventtestbed.h"

#include <QJsonArray>

using namespace trefoil;
using events::EventFilter;
using events::OperatorStats;
using trefoil::test::EventTestbed;

namespace {
constexpr int Delivered = 200000;

// What a plan did: the tables it read whole and the indexes it used (EXPLAIN ANALYZE's JSON).
struct PlanFacts {
    QStringList seqScans;
    QStringList indexes;
    double executionMs = 0;
};

void collect(const QJsonObject &node, PlanFacts &facts)
{
    const QString type = node.value(QLatin1String("Node Type")).toString();
    const QString relation = node.value(QLatin1String("Relation Name")).toString();
    // Only nodes that ran: a branch the executor never entered costs nothing.
    const bool ran = node.value(QLatin1String("Actual Loops")).toDouble() > 0;
    if (ran && type == QLatin1String("Seq Scan")
        && (relation == QLatin1String("events") || relation == QLatin1String("invocations")))
        facts.seqScans.append(relation);
    if (ran && node.contains(QLatin1String("Index Name")))
        facts.indexes.append(node.value(QLatin1String("Index Name")).toString());
    for (const QJsonValue &child : node.value(QLatin1String("Plans")).toArray())
        collect(child.toObject(), facts);
}
} // namespace

class TestOperatorPlans : public QObject {
    Q_OBJECT

    EventTestbed m_bed;
    std::unique_ptr<OperatorStats> m_stats;

    // As OperatorStats runs them: without JIT.
    PlanFacts plan(const pg::Statement &statement)
    {
        const QList<pg::Result> results = together({ { QStringLiteral("SET LOCAL jit = off"), {} },
            { QLatin1String("EXPLAIN (ANALYZE, FORMAT JSON) ") + statement.sql, statement.params } });
        PlanFacts facts;
        if (results.size() != 2) {
            facts.seqScans.append(QStringLiteral("(the statement failed)"));
            return facts;
        }
        const QJsonObject root = QJsonDocument::fromJson(results.at(1).raw(0, 0)).array().at(0).toObject();
        collect(root.value(QLatin1String("Plan")).toObject(), facts);
        facts.executionMs = root.value(QLatin1String("Execution Time")).toDouble();
        return facts;
    }
    // Statements run in one transaction, so now() is the same in all of them.
    QList<pg::Result> together(const QList<pg::Statement> &statements)
    {
        std::optional<QList<pg::Result>> outcome;
        pg::runTransaction(m_bed.pool.get(), statements, &m_bed.context,
            [&outcome](const QList<pg::Result> &results, const pg::Error &error) {
                if (error.isError())
                    qWarning("%s", qPrintable(error.describe()));
                outcome = results;
            });
        (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000);
        return outcome.value_or(QList<pg::Result>());
    }
    QJsonObject counts(const EventFilter &filter)
    {
        std::optional<QJsonObject> outcome;
        m_stats->stateCounts(filter, &m_bed.context, [&outcome](const QJsonObject &counts, const QString &error) {
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            outcome = counts;
        });
        (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000);
        return outcome.value_or(QJsonObject());
    }
    qint64 count(const QString &condition, const QVariantList &params = {})
    {
        return m_bed.scalar(QLatin1String("SELECT count(*) FROM trefoil.events e WHERE ") + condition, params);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_bed.setUp(QStringLiteral("operator_plans")));
        m_stats = std::make_unique<OperatorStats>(m_bed.pool.get(), m_bed.store.get());
        // Three triggers; two hours of deliveries, one every 36 ms, each with its one attempt;
        // then the failures, the waiting, the leased and the cancelled ones, spread over the same time.
        QVERIFY(
            m_bed
                .sql(QStringLiteral(
                    "INSERT INTO trefoil.event_triggers (name, schema_name, table_name, on_insert, handler_kind,"
                    "   handler) VALUES ('orders_a', 'public', 'things', true, 'builtin', 'fn_a'),"
                    "  ('orders_b', 'public', 'things', true, 'builtin', 'fn_b'),"
                    "  ('orders_c', 'public', 'things', true, 'webhook', 'http://127.0.0.1:9/');"
                    "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries,"
                    "   created_at, next_attempt_at, delivered_at)"
                    " SELECT (ARRAY['orders_a', 'orders_b', 'orders_c'])[1 + g % 3], 'public', 'things', 'INSERT',"
                    "   jsonb_build_object('old', NULL, 'new', jsonb_build_object('id', g, 'v', 'item-' || g)),"
                    "   'delivered', 1, c, c, c + interval '50 milliseconds'"
                    " FROM generate_series(1, 200000) g,"
                    "   LATERAL (SELECT now() - interval '7201 seconds' + g * interval '36 milliseconds' AS c) t;"
                    "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries,"
                    "   created_at, next_attempt_at, locked_by, locked_until, last_error)"
                    " SELECT (ARRAY['orders_a', 'orders_b'])[1 + g % 2], 'public', 'things', 'INSERT',"
                    "   jsonb_build_object('old', NULL, 'new', jsonb_build_object('id', g)), s.status, s.tries,"
                    "   now() - g * interval '10 seconds', now() + interval '1 hour',"
                    "   CASE WHEN s.leased THEN 'w1' END, CASE WHEN s.leased THEN now() + interval '10 minutes' END,"
                    "   s.error || g || ' at 2026-12-04T10:00:00Z'"
                    " FROM (VALUES ('dead', 3, false, 'HTTP 503 for order ', 300),"
                    "              ('pending', 2, false, 'timeout after ms ', 100),"
                    "              ('pending', 0, false, NULL, 200),"
                    "              ('pending', 1, true, NULL, 50),"
                    "              ('cancelled', 0, false, NULL, 50)) s(status, tries, leased, error, n),"
                    "   LATERAL generate_series(1, s.n) g;"
                    "INSERT INTO trefoil.invocations (event_id, trigger_name, attempt, worker_id, started_at,"
                    "   duration_ms, http_status, error)"
                    " SELECT e.id, e.trigger_name, e.tries, 'w1', e.created_at + interval '10 milliseconds',"
                    "   5 + length(e.id::text) % 7, 200, CASE WHEN e.status <> 'delivered' THEN e.last_error END"
                    " FROM trefoil.events e WHERE e.tries > 0 AND e.locked_by IS NULL ORDER BY e.created_at"))
                .ok());
        // VACUUM may not run in a transaction block (a script is one): one statement each.
        QVERIFY(m_bed.sql(QStringLiteral("VACUUM ANALYZE trefoil.events")).ok());
        QVERIFY(m_bed.sql(QStringLiteral("VACUUM ANALYZE trefoil.invocations")).ok());
        QCOMPARE(count(QStringLiteral("e.status = 'delivered'")), Delivered);
    }

    void countsGoThroughThePartialIndexes_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<bool>("estimated");
        // Whether the estimate should be near the truth: the planner knows how common a status
        // and a trigger are, not how often a text occurs in the payloads.
        QTest::addColumn<bool>("closeEstimate");
        QTest::newRow("everything") << QJsonObject {} << true << true;
        QTest::newRow("one trigger") << QJsonObject { { QStringLiteral("trigger"), QStringLiteral("orders_b") } }
                                     << true << true;
        QTest::newRow("one trigger since ten minutes")
            << QJsonObject { { QStringLiteral("trigger"), QStringLiteral("orders_a") },
                   { QStringLiteral("created_from"),
                       QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODateWithMs) } }
            << false << false;
        QTest::newRow("an error") << QJsonObject { { QStringLiteral("error_contains"), QStringLiteral("503") } }
                                  << false << false;
        QTest::newRow("a payload") << QJsonObject { { QStringLiteral("payload_contains"), QStringLiteral("item-77") } }
                                   << true << false;
    }

    void countsGoThroughThePartialIndexes()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(bool, estimated);
        QFETCH(bool, closeEstimate);
        const EventFilter eventFilter = EventFilter::fromJson(filter);
        const PlanFacts facts = plan(OperatorStats::stateCountsSql(eventFilter));
        qInfo("counts: %.1f ms, indexes %s", facts.executionMs, qPrintable(facts.indexes.join(QLatin1Char(' '))));
        QVERIFY2(facts.seqScans.isEmpty(), qPrintable(facts.seqScans.join(QLatin1Char(' '))));
        QVERIFY(facts.indexes.contains(QLatin1String("events_due_idx"))
            || facts.indexes.contains(QLatin1String("events_error_idx")));

        // The same counts as count(*) over the whole table with the filter's own condition.
        pg::SqlBuilder sql;
        const QString where = eventFilter.where(sql, false);
        const QJsonObject got = counts(eventFilter);
        for (const QString &state : EventFilter::stateNames()) {
            const qint64 expected
                = count(EventFilter::stateCondition(state) + QLatin1String(" AND ") + where, sql.params());
            if (state == QLatin1String("delivered") && estimated) {
                // The planner's estimate: right in size, not to the event.
                const qint64 delivered = got.value(state).toInteger(-1);
                QVERIFY(delivered >= 0);
                if (closeEstimate)
                    QVERIFY2(delivered >= expected / 2 && delivered <= expected * 2,
                        qPrintable(QStringLiteral("%1 estimated for %2").arg(delivered).arg(expected)));
                continue;
            }
            QCOMPARE(got.value(state).toInteger(-1), expected);
        }
        QCOMPARE(got.value(QLatin1String("estimated")).toArray(),
            estimated ? QJsonArray { QStringLiteral("delivered") } : QJsonArray {});
    }

    void failureGroupsReadOnlyTheFailures()
    {
        for (const QJsonObject &filter :
            { QJsonObject {}, QJsonObject { { QStringLiteral("trigger"), QStringLiteral("orders_a") } } }) {
            const pg::Statement statement = OperatorStats::failureGroupsSql(EventFilter::fromJson(filter), 200);
            const PlanFacts facts = plan(statement);
            qInfo("failure groups: %.1f ms, indexes %s", facts.executionMs,
                qPrintable(facts.indexes.join(QLatin1Char(' '))));
            QVERIFY2(facts.seqScans.isEmpty(), qPrintable(facts.seqScans.join(QLatin1Char(' '))));
            QVERIFY(facts.indexes.contains(QLatin1String("events_error_idx")));
        }
        const pg::Result groups = m_bed.sql(OperatorStats::failureGroupsSql(EventFilter {}, 200).sql,
            OperatorStats::failureGroupsSql(EventFilter {}, 200).params);
        qint64 total = 0;
        const QJsonArray rows = QJsonDocument::fromJson(groups.raw(0, 0)).array();
        for (const QJsonValue &row : rows)
            total += row[QLatin1String("count")].toInteger();
        QCOMPARE(total, count(QStringLiteral("e.last_error IS NOT NULL")));
        // Dead: one group per trigger (the order numbers and times differ); retrying: one per trigger.
        QCOMPARE(rows.size(), 4);
    }

    void triggerStatsReadTheWindowAndThePartialIndexes()
    {
        for (const int seconds : { 60, 3600 }) {
            const pg::Statement statement = OperatorStats::triggerCountsSql(seconds);
            const PlanFacts facts = plan(statement);
            qInfo("trigger stats (%d s): %.1f ms, indexes %s", seconds, facts.executionMs,
                qPrintable(facts.indexes.join(QLatin1Char(' '))));
            QVERIFY2(facts.seqScans.isEmpty(), qPrintable(facts.seqScans.join(QLatin1Char(' '))));
            for (const QLatin1String index :
                { QLatin1String("events_trigger_created_idx"), QLatin1String("events_due_idx"),
                    QLatin1String("events_dead_idx"), QLatin1String("invocations_started_brin") })
                QVERIFY2(facts.indexes.contains(index), index.data());

            // Independently, in the same transaction (the same now()).
            const QList<pg::Result> results = together({ statement,
                { QStringLiteral(
                      "SELECT json_object_agg(t.name, json_build_object("
                      "   'delivered', (SELECT count(*) FROM trefoil.events e WHERE e.trigger_name = t.name"
                      "      AND e.delivered_at >= now() - make_interval(secs => $1::int)),"
                      "   'dead', (SELECT count(*) FROM trefoil.events e WHERE e.trigger_name = t.name"
                      "      AND e.status = 'dead'),"
                      "   'pending', (SELECT count(*) FROM trefoil.events e WHERE e.trigger_name = t.name"
                      "      AND e.status = 'pending' AND (e.locked_until IS NULL OR e.locked_until <= now())),"
                      "   'in_flight', (SELECT count(*) FROM trefoil.events e WHERE e.trigger_name = t.name"
                      "      AND e.status = 'pending' AND e.locked_until > now()),"
                      "   'failed', (SELECT count(*) FROM trefoil.invocations i WHERE i.trigger_name = t.name"
                      "      AND i.error IS NOT NULL AND i.started_at >= now() - make_interval(secs => $1::int))))"
                      " FROM trefoil.event_triggers t"),
                    { seconds } } });
            QCOMPARE(results.size(), 2);
            const QJsonObject got = QJsonDocument::fromJson(results.at(0).raw(0, 0)).object();
            QCOMPARE(got, QJsonDocument::fromJson(results.at(1).raw(0, 0)).object());
            QVERIFY(got[QLatin1String("orders_a")][QLatin1String("delivered")].toInteger() > 0);
            QVERIFY(got[QLatin1String("orders_a")][QLatin1String("dead")].toInteger() > 0);
        }
    }

    void functionStatsReadTheWindow()
    {
        const QStringList functions { QStringLiteral("fn_a"), QStringLiteral("fn_b"), QStringLiteral("fn_none") };
        for (const int seconds : { 60, 3600 }) {
            const pg::Statement statement = OperatorStats::functionStatsSql(functions, seconds);
            const PlanFacts facts = plan(statement);
            qInfo("function stats (%d s): %.1f ms, indexes %s", seconds, facts.executionMs,
                qPrintable(facts.indexes.join(QLatin1Char(' '))));
            QVERIFY2(facts.seqScans.isEmpty(), qPrintable(facts.seqScans.join(QLatin1Char(' '))));
            QVERIFY(facts.indexes.contains(QLatin1String("invocations_started_brin")));

            const QList<pg::Result> results = together({ statement,
                { QStringLiteral(
                      "SELECT json_object_agg(f.name, json_build_object('calls', (SELECT count(*)"
                      "   FROM trefoil.invocations i JOIN trefoil.event_triggers t ON t.name = i.trigger_name"
                      "  WHERE t.handler = f.name AND t.handler_kind = 'builtin'"
                      "    AND i.started_at >= now() - make_interval(secs => $2::int)),"
                      " 'errors', (SELECT count(*)"
                      "   FROM trefoil.invocations i JOIN trefoil.event_triggers t ON t.name = i.trigger_name"
                      "  WHERE t.handler = f.name AND t.handler_kind = 'builtin' AND i.error IS NOT NULL"
                      "    AND i.started_at >= now() - make_interval(secs => $2::int))))"
                      " FROM unnest($1::text[]) AS f(name)"),
                    { functions, seconds } } });
            QCOMPARE(results.size(), 2);
            const QJsonArray got = QJsonDocument::fromJson(results.at(0).raw(0, 0)).array();
            const QJsonObject expected = QJsonDocument::fromJson(results.at(1).raw(0, 0)).object();
            QCOMPARE(got.size(), functions.size());
            for (const QJsonValue &row : got) {
                const QJsonObject want = expected.value(row[QLatin1String("name")].toString()).toObject();
                QCOMPARE(row[QLatin1String("calls")].toInteger(), want[QLatin1String("calls")].toInteger());
                QCOMPARE(row[QLatin1String("errors")].toInteger(), want[QLatin1String("errors")].toInteger());
            }
            QVERIFY(expected[QLatin1String("fn_a")][QLatin1String("calls")].toInteger() > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestOperatorPlans)
#include "tst_operatorplans.moc"
