// The Throughput page's two statements against PostgreSQL with known rows: trefoil_event_rates
// (events created, delivered, failed attempts and dead per trigger and second, latency, pending
// backlog) and the demo's order_stats (orders reaching each stage per second, stage latency
// percentiles). The expected figures are computed here from the rows the test inserted, by the
// statements' documented rules, not copied from their output.
#include "backend/events/eventrates.h"
#include "backend/functions/orderstats.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/backend/pg/pgwait.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <map>
#include <optional>

using namespace trefoil;

namespace {

// PostgreSQL's percentile_cont: linear interpolation between the closest ranks.
double percentileCont(QList<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const double position = fraction * double(values.size() - 1);
    const auto lower = static_cast<qsizetype>(position);
    if (lower + 1 >= values.size())
        return values.constLast();
    return values.at(lower) + (position - double(lower)) * (values.at(lower + 1) - values.at(lower));
}

qint64 secondOf(qint64 ms)
{
    return ms / 1000; // all test times are after the epoch
}

QString timestampSql(const QString &parameter)
{
    return QStringLiteral("(timestamptz 'epoch' + %1::bigint * interval '1 millisecond')").arg(parameter);
}

struct Event {
    QString trigger;
    qint64 createdMs = 0;
    QString status;
    int tries = 0;
    std::optional<qint64> deliveredMs;
    std::optional<qint64> nextMs;
    QList<qint64> failedStartsMs;
    std::optional<qint64> succeededStartMs;
};

struct Order {
    QString status;
    qint64 createdMs = 0;
    std::optional<qint64> validatedMs, paidMs, approvedMs, assignedMs, finishedMs;
};

struct PerSecond {
    qint64 n = 0;
    QList<double> ms;
};

void compareRounded(const QJsonValue &actual, double expected, const char *what)
{
    QVERIFY2(actual.isDouble(), what);
    QVERIFY2(std::abs(actual.toDouble() - expected) <= 0.051,
        qPrintable(
            QStringLiteral("%1: %2, expected %3").arg(QLatin1String(what)).arg(actual.toDouble()).arg(expected)));
}

} // namespace

class TestThroughputStats : public QObject {
    Q_OBJECT

    std::unique_ptr<pg::Pool> m_pool;

    pg::Result sql(const QString &statement, const QVariantList &params = {})
    {
        const pg::Result result = test::execAndWait(*m_pool, statement, params);
        if (!result.ok())
            qWarning() << statement << result.error().describe();
        return result;
    }

    qint64 serverNowMs()
    {
        return sql(QStringLiteral("SELECT (extract(epoch FROM now()) * 1000)::bigint")).toInt(0, 0);
    }

    static QJsonObject runJson(pg::Pool &pool, const QString &statement, int seconds)
    {
        const pg::Result result = test::execAndWait(pool, statement, { seconds });
        if (!result.ok())
            qWarning() << result.error().describe();
        return QJsonDocument::fromJson(result.raw(0, 0)).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::PgTestCluster &cluster = test::PgTestCluster::shared();
        QVERIFY2(cluster.isValid(), qPrintable(cluster.errorString()));
        const QString conninfo = cluster.createDatabase(QStringLiteral("throughputstats"));
        QVERIFY(!conninfo.isEmpty());
        m_pool = std::make_unique<pg::Pool>(conninfo, 2);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine"), QStringLiteral("demo") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000));
        QVERIFY2(finished.size() == 1,
            failed.isEmpty() ? "no outcome" : qPrintable(failed.first().first().value<pg::Error>().describe()));
        // The demo's own triggers are dropped: this test decides every event row.
        QVERIFY(sql(QStringLiteral("DELETE FROM trefoil.event_triggers")).ok());
        QVERIFY(sql(QStringLiteral("DELETE FROM trefoil.events")).ok());
        for (const char *name : { "alpha", "beta" })
            QVERIFY(sql(QStringLiteral("INSERT INTO trefoil.event_triggers (name, schema_name, table_name,"
                                       " handler_kind, handler) VALUES ($1, 'public', 'orders', 'builtin', 'x')"),
                { QString::fromLatin1(name) })
                        .ok());
    }

    void eventRatesCountsKnownRows()
    {
        const qint64 base = serverNowMs();
        QList<Event> events;
        for (int i = 0; i < 30; ++i) {
            const qint64 created = base - 40000 + i * 937;
            events.append({ QStringLiteral("alpha"), created, QStringLiteral("delivered"), 1,
                created + 5 + (i * 37) % 91, {}, {}, {} });
        }
        for (int i = 0; i < 10; ++i) {
            const qint64 created = base - 30000 + i * 1500;
            Event e { QStringLiteral("beta"), created, QStringLiteral("delivered"), 1, created + 20 + i * 13, {}, {},
                {} };
            if (i == 3 || i == 7) { // delivered on the second attempt
                e.tries = 2;
                e.failedStartsMs = { created + 5 };
                e.succeededStartMs = *e.deliveredMs - 10;
            }
            events.append(e);
        }
        for (int j = 0; j < 2; ++j) { // given up after three failed attempts
            const qint64 created = base - 20000 + j * 700;
            events.append({ QStringLiteral("beta"), created, QStringLiteral("dead"), 3, {}, created + 4000,
                { created + 5, created + 1000, created + 4000 }, {} });
        }
        for (int i = 0; i < 3; ++i)
            events.append(
                { QStringLiteral("alpha"), base - 2000 + i * 10, QStringLiteral("pending"), 0, {}, {}, {}, {} });
        events.append({ QStringLiteral("beta"), base - 10000, QStringLiteral("pending"), 1, {}, base + 60000,
            { base - 9995 }, {} });
        // Pending for two hours: in the backlog, not in the window.
        events.append({ QStringLiteral("alpha"), base - 7'200'000, QStringLiteral("pending"), 0, {}, {}, {}, {} });
        // Created ten minutes ago, delivered just now: beyond the statement's minute of slack.
        events.append(
            { QStringLiteral("alpha"), base - 600'000, QStringLiteral("delivered"), 4, base - 5000, {}, {}, {} });
        // A trigger that no longer exists.
        events.append({ QStringLiteral("gone"), base - 3000, QStringLiteral("pending"), 0, {}, {}, {}, {} });

        for (const Event &e : events) {
            const pg::Result inserted = sql(QStringLiteral("INSERT INTO trefoil.events (trigger_name, schema_name,"
                                                           " table_name, op, data, status, tries, created_at,"
                                                           " delivered_at, next_attempt_at, last_error)"
                                                           " VALUES ($1, 'public', 'orders', 'INSERT', '{}', $2, $3, ")
                    + timestampSql(QStringLiteral("$4")) + QStringLiteral(", CASE WHEN $5::bigint IS NOT NULL THEN ")
                    + timestampSql(QStringLiteral("$5")) + QStringLiteral(" END, coalesce(")
                    + timestampSql(QStringLiteral("$6")) + QStringLiteral(", now()), $7) RETURNING id"),
                { e.trigger, e.status, e.tries, e.createdMs, e.deliveredMs ? QVariant(*e.deliveredMs) : QVariant(),
                    e.nextMs ? QVariant(*e.nextMs) : QVariant(),
                    e.status != QLatin1String("delivered") && !e.failedStartsMs.isEmpty()
                        ? QVariant(QStringLiteral("boom"))
                        : QVariant() });
            QVERIFY(inserted.ok());
            const QString id = inserted.text(0, 0);
            int attempt = 0;
            for (qint64 start : e.failedStartsMs)
                QVERIFY(sql(QStringLiteral("INSERT INTO trefoil.invocations (event_id, trigger_name, attempt,"
                                           " worker_id, started_at, duration_ms, http_status, error) VALUES ($1::uuid,"
                                           " $2, $3, 'w', ")
                        + timestampSql(QStringLiteral("$4")) + QStringLiteral(", 1, $5, 'failed')"),
                    { id, e.trigger, ++attempt, start, attempt % 2 ? QVariant(500) : QVariant() })
                            .ok());
            if (e.succeededStartMs)
                QVERIFY(sql(QStringLiteral("INSERT INTO trefoil.invocations (event_id, trigger_name, attempt,"
                                           " worker_id, started_at, duration_ms, http_status) VALUES ($1::uuid, $2,"
                                           " $3, 'w', ")
                        + timestampSql(QStringLiteral("$4")) + QStringLiteral(", 1, 200)"),
                    { id, e.trigger, ++attempt, *e.succeededStartMs })
                            .ok());
        }

        const int window = 120;
        const QJsonObject rates = runJson(*m_pool, events::eventRatesSql(), window);
        const qint64 nowMs = rates.value(QLatin1String("now_ms")).toInteger();
        QVERIFY(nowMs >= base);
        const qint64 sinceMs = secondOf(nowMs) * 1000 - (window - 1) * 1000;

        // Expected, per (trigger, second): created, delivered, failed, dead, delivered latencies.
        struct Counts {
            qint64 created = 0, delivered = 0, failed = 0, dead = 0;
            QList<double> latencies;
        };
        std::map<std::pair<QString, qint64>, Counts> expected;
        std::map<QString, QList<double>> windowLatency;
        std::map<QString, qint64> pending;
        for (const Event &e : events) {
            if (e.trigger == QLatin1String("gone"))
                continue;
            if (e.status == QLatin1String("pending"))
                ++pending[e.trigger];
            if (e.createdMs < sinceMs - 60000)
                continue;
            if (e.createdMs >= sinceMs)
                ++expected[{ e.trigger, secondOf(e.createdMs) }].created;
            if (e.deliveredMs && *e.deliveredMs >= sinceMs) {
                Counts &c = expected[{ e.trigger, secondOf(*e.deliveredMs) }];
                ++c.delivered;
                c.latencies.append(double(*e.deliveredMs - e.createdMs));
                windowLatency[e.trigger].append(double(*e.deliveredMs - e.createdMs));
            }
            for (qint64 start : e.failedStartsMs) {
                if (start >= sinceMs)
                    ++expected[{ e.trigger, secondOf(start) }].failed;
            }
            if (e.status == QLatin1String("dead") && *e.nextMs >= sinceMs)
                ++expected[{ e.trigger, secondOf(*e.nextMs) }].dead;
        }

        const QJsonArray seconds = rates.value(QLatin1String("seconds")).toArray();
        QCOMPARE(seconds.size(), qsizetype(expected.size()));
        qint64 failedTotal = 0, deadTotal = 0;
        for (const QJsonValue &value : seconds) {
            const QJsonObject s = value.toObject();
            const auto key = std::make_pair(
                s.value(QLatin1String("trigger")).toString(), s.value(QLatin1String("t")).toInteger() / 1000);
            const auto it = expected.find(key);
            QVERIFY2(it != expected.end(), QJsonDocument(s).toJson(QJsonDocument::Compact).constData());
            QCOMPARE(s.value(QLatin1String("created")).toInteger(), it->second.created);
            QCOMPARE(s.value(QLatin1String("delivered")).toInteger(), it->second.delivered);
            QCOMPARE(s.value(QLatin1String("failed")).toInteger(), it->second.failed);
            QCOMPARE(s.value(QLatin1String("dead")).toInteger(), it->second.dead);
            failedTotal += it->second.failed;
            deadTotal += it->second.dead;
            if (it->second.latencies.isEmpty())
                QVERIFY(s.value(QLatin1String("p95_ms")).isNull());
            else
                compareRounded(s.value(QLatin1String("p95_ms")), percentileCont(it->second.latencies, 0.95), "p95_ms");
        }
        QCOMPARE(failedTotal, 2 + 2 * 3 + 1); // the data above really has failures and deaths in the window
        QCOMPARE(deadTotal, 2);

        const QJsonObject latency = rates.value(QLatin1String("latency")).toObject();
        QCOMPARE(latency.size(), qsizetype(windowLatency.size()));
        for (const auto &[trigger, values] : windowLatency) {
            const QJsonObject l = latency.value(trigger).toObject();
            QCOMPARE(l.value(QLatin1String("count")).toInteger(), qint64(values.size()));
            compareRounded(l.value(QLatin1String("p95_ms")), percentileCont(values, 0.95), "window p95_ms");
            double sum = 0;
            for (double v : values)
                sum += v;
            compareRounded(l.value(QLatin1String("avg_ms")), sum / double(values.size()), "avg_ms");
        }

        const QJsonObject backlog = rates.value(QLatin1String("pending")).toObject();
        QCOMPARE(backlog.size(), qsizetype(pending.size()));
        for (const auto &[trigger, n] : pending)
            QCOMPARE(backlog.value(trigger).toInteger(), n);
        QCOMPARE(backlog.value(QLatin1String("alpha")).toInteger(), 4); // the two-hour-old one too
    }

    void orderStatsCountsKnownRows()
    {
        QVERIFY(sql(QStringLiteral("DELETE FROM public.orders")).ok());
        const qint64 base = serverNowMs();
        QList<Order> orders;
        for (int i = 0; i < 40; ++i) {
            Order o;
            o.createdMs = base - 50000 + i * 1100;
            if (i % 10 == 3) {
                o.status = QStringLiteral("rejected");
                o.finishedMs = o.createdMs + 5;
            } else {
                o.validatedMs = o.createdMs + 3 + (i % 5) * 2;
                if (i % 10 == 7) {
                    o.status = QStringLiteral("payment_declined");
                    o.finishedMs = *o.validatedMs + 4;
                } else {
                    o.paidMs = *o.validatedMs + 4 + (i * 3) % 11;
                    if (i % 10 == 9) {
                        o.status = QStringLiteral("paid");
                    } else {
                        o.approvedMs = *o.paidMs + 2 + i % 3;
                        if (i == 15) {
                            o.status = QStringLiteral("failed");
                            o.finishedMs = *o.approvedMs + 1;
                        } else {
                            o.status = QStringLiteral("agent_assigned");
                            o.assignedMs = *o.approvedMs + 6 + (i * 7) % 13;
                            o.finishedMs = o.assignedMs;
                        }
                    }
                }
            }
            orders.append(o);
        }
        // Placed two hours ago and finished now: beyond the minute of slack.
        orders.append({ QStringLiteral("rejected"), base - 7'200'000, {}, {}, {}, {}, base - 1000 });

        auto ts = [](const std::optional<qint64> &ms) { return ms ? QVariant(*ms) : QVariant(); };
        for (const Order &o : orders) {
            auto at = [](int n) -> QString {
                return QStringLiteral("CASE WHEN $%1::bigint IS NOT NULL THEN ").arg(n)
                    + timestampSql(QStringLiteral("$%1").arg(n)) + QStringLiteral(" END");
            };
            QVERIFY(sql(QStringLiteral("INSERT INTO public.orders (user_id, restaurant_id, status, created_at,"
                                       " validated_at, paid_at, approved_at, agent_assigned_at, finished_at)"
                                       " VALUES ('stats', 1, $1, ")
                    + timestampSql(QStringLiteral("$2")) + QLatin1String(", ") + at(3) + QLatin1String(", ") + at(4)
                    + QLatin1String(", ") + at(5) + QLatin1String(", ") + at(6) + QLatin1String(", ") + at(7)
                    + QLatin1String(")"),
                { o.status, o.createdMs, ts(o.validatedMs), ts(o.paidMs), ts(o.approvedMs), ts(o.assignedMs),
                    ts(o.finishedMs) })
                        .ok());
        }

        const int window = 300;
        const QJsonObject stats = runJson(*m_pool, functions::orderStatsSql(), window);
        const qint64 nowMs = stats.value(QLatin1String("now_ms")).toInteger();
        QVERIFY(nowMs >= base);
        const qint64 sinceMs = secondOf(nowMs) * 1000 - (window - 1) * 1000;

        std::map<std::pair<qint64, QString>, PerSecond> expected;
        std::map<QString, QList<double>> windowLatency;
        auto reach = [&](const QString &stage, std::optional<qint64> at, std::optional<qint64> from) {
            if (!at || *at < sinceMs)
                return;
            PerSecond &p = expected[{ secondOf(*at), stage }];
            ++p.n;
            if (from) {
                p.ms.append(double(*at - *from));
                windowLatency[stage].append(double(*at - *from));
            }
        };
        for (const Order &o : orders) {
            if (o.createdMs < sinceMs - 60000)
                continue;
            reach(QStringLiteral("placed"), o.createdMs, {});
            reach(QStringLiteral("validated"), o.validatedMs, o.createdMs);
            reach(QStringLiteral("paid"), o.paidMs, o.validatedMs);
            reach(QStringLiteral("approved"), o.approvedMs, o.paidMs);
            reach(QStringLiteral("assigned"), o.assignedMs, o.approvedMs);
            if (o.status == QLatin1String("rejected"))
                reach(QStringLiteral("rejected"), o.finishedMs, {});
            if (o.status == QLatin1String("payment_declined") || o.status == QLatin1String("failed"))
                reach(QStringLiteral("failed"), o.finishedMs, {});
        }

        const QJsonArray seconds = stats.value(QLatin1String("seconds")).toArray();
        QCOMPARE(seconds.size(), qsizetype(expected.size()));
        std::map<QString, qint64> totals;
        for (const QJsonValue &value : seconds) {
            const QJsonObject s = value.toObject();
            const auto key = std::make_pair(
                s.value(QLatin1String("t")).toInteger() / 1000, s.value(QLatin1String("stage")).toString());
            const auto it = expected.find(key);
            QVERIFY2(it != expected.end(), QJsonDocument(s).toJson(QJsonDocument::Compact).constData());
            QCOMPARE(s.value(QLatin1String("n")).toInteger(), it->second.n);
            totals[key.second] += it->second.n;
            if (it->second.ms.isEmpty()) {
                QVERIFY(s.value(QLatin1String("p95_ms")).isNull());
            } else {
                compareRounded(s.value(QLatin1String("p50_ms")), percentileCont(it->second.ms, 0.5), "p50_ms");
                compareRounded(s.value(QLatin1String("p95_ms")), percentileCont(it->second.ms, 0.95), "p95_ms");
            }
        }
        QCOMPARE(totals[QStringLiteral("placed")], 40);
        QCOMPARE(totals[QStringLiteral("rejected")], 4);
        QCOMPARE(totals[QStringLiteral("failed")], 5); // four declined payments and one failed order

        const QJsonObject latency = stats.value(QLatin1String("latency")).toObject();
        QCOMPARE(latency.size(), qsizetype(windowLatency.size()));
        for (const auto &[stage, values] : windowLatency) {
            const QJsonObject l = latency.value(stage).toObject();
            QCOMPARE(l.value(QLatin1String("count")).toInteger(), qint64(values.size()));
            compareRounded(l.value(QLatin1String("p50_ms")), percentileCont(values, 0.5), "window p50_ms");
            compareRounded(l.value(QLatin1String("p95_ms")), percentileCont(values, 0.95), "window p95_ms");
        }
    }
};

QTEST_GUILESS_MAIN(TestThroughputStats)
#include "tst_throughputstats.moc"
