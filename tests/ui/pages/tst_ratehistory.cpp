// RateHistory and OrderHistory: results replace the seconds they cover (overlapping polls never
// count twice), the ring forgets what is older than its capacity, the current second is not drawn,
// latency, failures, deaths and backlog are kept per second and trigger (bounded in triggers), a
// 60-minute window stays bounded, decimation keeps peaks within the point budget, and the CSV
// export writes the buffered seconds.
#include "ui/pages/throughput/orderhistory.h"
#include "ui/pages/throughput/ratehistory.h"
#include "ui/pages/throughput/throughputexport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace trefoil::ui;

namespace {

QJsonObject entry(qint64 second, const QString &trigger, int created, int delivered)
{
    return { { QStringLiteral("t"), second * 1000 }, { QStringLiteral("trigger"), trigger },
        { QStringLiteral("created"), created }, { QStringLiteral("delivered"), delivered } };
}

QJsonObject rates(qint64 nowMs, const QJsonArray &seconds, const QJsonObject &latency = {})
{
    return { { QStringLiteral("now_ms"), nowMs }, { QStringLiteral("seconds"), seconds },
        { QStringLiteral("latency"), latency } };
}

QJsonObject failures(qint64 second, const QString &trigger, int delivered, int failed, int dead)
{
    QJsonObject e = entry(second, trigger, 0, delivered);
    e.insert(QStringLiteral("failed"), failed);
    e.insert(QStringLiteral("dead"), dead);
    return e;
}

QJsonObject stage(qint64 second, const QString &name, int n, double p50 = -1, double p95 = -1)
{
    QJsonObject e { { QStringLiteral("t"), second * 1000 }, { QStringLiteral("stage"), name },
        { QStringLiteral("n"), n } };
    e.insert(QStringLiteral("p50_ms"), p50 >= 0 ? QJsonValue(p50) : QJsonValue());
    e.insert(QStringLiteral("p95_ms"), p95 >= 0 ? QJsonValue(p95) : QJsonValue());
    return e;
}

const QString Validate = QStringLiteral("validate-order");
const QString Assign = QStringLiteral("agent-assignment");

double maxOf(const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &p : points)
        top = std::max(top, p.y());
    return top;
}

} // namespace

class TestRateHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void overlappingResultsReplaceTheirSeconds()
    {
        RateHistory history(10);
        const qint64 t = 1'000'000;
        history.merge(rates(t * 1000 + 500,
                          { entry(t - 2, Validate, 5, 5), entry(t - 1, Validate, 3, 2), entry(t - 1, Assign, 0, 4),
                              entry(t, Validate, 1, 0) }),
            10);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t - 2), 5);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t - 1), 3);
        QCOMPARE(history.count(RateHistory::Rate::Completed, t - 1), 4);
        QCOMPARE(history.count(RateHistory::Rate::Delivered, t - 1), 6);
        QCOMPARE(history.latest(RateHistory::Rate::Placed), 3);

        // The next poll covers the last two seconds again: they are replaced, not added to.
        history.merge(rates((t + 1) * 1000 + 100, { entry(t, Validate, 4, 4), entry(t + 1, Validate, 1, 0) }), 2);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t), 4);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t - 2), 5);
        QCOMPARE(history.latest(RateHistory::Rate::Placed), 4);
        // A second in the window without entries had nothing.
        history.merge(rates((t + 2) * 1000, { entry(t + 2, Validate, 1, 0) }), 3);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t), 0);

        const QList<QPointF> points = history.points(RateHistory::Rate::Placed);
        QCOMPARE(points.size(), 9); // capacity less the incomplete current second
        QCOMPARE(points.constLast(), QPointF(-1, 0)); // second t + 1
        QCOMPARE(points.at(points.size() - 3), QPointF(-3, 3)); // second t - 1

        // Far ahead: everything older than the capacity is forgotten.
        history.merge(rates((t + 100) * 1000, {}), 1);
        QCOMPARE(history.count(RateHistory::Rate::Placed, t - 2), 0);
    }

    void latencyPerSecondAndTrigger()
    {
        RateHistory history(60);
        const qint64 t = 2'000'000;
        QJsonObject late = entry(t - 3, Validate, 2, 2);
        late.insert(QStringLiteral("p95_ms"), 12.5);
        QJsonObject later = entry(t - 1, Validate, 1, 1);
        later.insert(QStringLiteral("p95_ms"), 30.0);
        QJsonObject assign = entry(t - 1, Assign, 0, 1);
        assign.insert(QStringLiteral("p95_ms"), 7.0);
        history.merge(rates(t * 1000, { late, later, assign, entry(t - 2, Validate, 1, 0) },
                          { { Assign, QJsonObject { { QStringLiteral("p95_ms"), 8.5 } } } }),
            60);
        QCOMPARE(history.triggers(), (QStringList { Validate, Assign }));
        // Seconds that delivered nothing have no point.
        QCOMPARE(history.latencyPoints(Validate), (QList<QPointF> { QPointF(-3, 12.5), QPointF(-1, 30) }));
        QCOMPARE(history.latencyPoints(Assign), (QList<QPointF> { QPointF(-1, 7) }));
        QCOMPARE(history.latestLatencyMs(Assign), 8.5);
        QCOMPARE(history.latestLatencyMs(Validate), 0.0);
        QVERIFY(history.latencyPoints(QStringLiteral("payment")).isEmpty());
        // A later result that covers those seconds replaces their latency too.
        history.merge(rates(t * 1000 + 200, { entry(t - 1, Validate, 1, 0) }), 2);
        QCOMPARE(history.latencyPoints(Validate), (QList<QPointF> { QPointF(-3, 12.5) }));

        // No more triggers than MaxTriggers.
        QJsonObject many;
        for (int i = 0; i < RateHistory::MaxTriggers + 3; ++i)
            many.insert(QStringLiteral("t%1").arg(i), QJsonObject { { QStringLiteral("p95_ms"), 1.0 } });
        history.merge(rates(t * 1000 + 300, {}, many), 1);
        QCOMPARE(history.triggers().size(), RateHistory::MaxTriggers);
    }

    void failuresDeathsAndBacklogPerTrigger()
    {
        RateHistory history(10);
        const qint64 t = 3'000'000;
        QJsonObject first = rates(t * 1000 + 100,
            { failures(t - 2, Validate, 5, 2, 0), failures(t - 1, Validate, 4, 1, 1),
                failures(t - 1, Assign, 3, 0, 0) });
        first.insert(QStringLiteral("pending"), QJsonObject { { Validate, 7 } });
        history.merge(first, 10);
        using TR = RateHistory::TriggerRate;
        QCOMPARE(history.triggerCount(TR::Failed, Validate, t - 2), 2);
        QCOMPARE(history.triggerCount(TR::Dead, Validate, t - 1), 1);
        QCOMPARE(history.triggerCount(TR::Delivered, Assign, t - 1), 3);
        // All triggers: the sum.
        QCOMPARE(history.triggerCount(TR::Delivered, QString(), t - 1), 7);
        QCOMPARE(history.triggerCount(TR::Failed, QString(), t - 1), 1);
        // The backlog was read in second t: 7 for validate, none for assign (known, without an entry).
        QCOMPARE(history.triggerCount(TR::Pending, Validate, t), 7);
        QCOMPARE(history.triggerCount(TR::Pending, Assign, t), 0);
        QCOMPARE(history.triggerCount(TR::Pending, Validate, t - 1), -1);
        QCOMPARE(history.latestPending(Validate), 7);

        // The next poll covers second t again and reads the backlog in t + 1: the counts of t are
        // replaced, the backlog read in t is kept.
        QJsonObject second = rates((t + 1) * 1000 + 100, { failures(t, Validate, 1, 3, 0) });
        second.insert(QStringLiteral("pending"), QJsonObject { { Validate, 9 }, { Assign, 2 } });
        history.merge(second, 2);
        QCOMPARE(history.triggerCount(TR::Failed, Validate, t), 3);
        QCOMPARE(history.triggerCount(TR::Pending, Validate, t), 7);
        QCOMPARE(history.triggerCount(TR::Pending, Validate, t + 1), 9);
        QCOMPARE(history.triggerCount(TR::Pending, QString(), t + 1), 11);
        // Points: only the complete seconds where the backlog was read (t, the last complete one).
        QCOMPARE(history.triggerPoints(TR::Pending, Validate), (QList<QPointF> { QPointF(-1, 7) }));
        const QList<QPointF> failed = history.triggerPoints(TR::Failed, Validate);
        QCOMPARE(failed.size(), 9);
        QCOMPARE(failed.constLast(), QPointF(-1, 3));
        QCOMPARE(failed.at(failed.size() - 3), QPointF(-3, 2));
        // A result without a backlog (an older server) records none.
        history.merge(rates((t + 2) * 1000, {}), 1);
        QCOMPARE(history.triggerCount(TR::Pending, Validate, t + 2), -1);
        // An unknown trigger has nothing.
        QCOMPARE(history.triggerCount(TR::Failed, QStringLiteral("nope"), t), 0);
    }

    void hourWindowStaysBounded()
    {
        // A 60-minute window at one point per second, fed for two hours by full-window results:
        // the buffer holds the window, the points it gives are the window, and decimated to a
        // plot's width they are no more than its pixels.
        const int window = 3600;
        RateHistory history(window + 1);
        OrderHistory orders(window + 1);
        const qint64 start = 4'000'000;
        for (qint64 now = start; now < start + 2 * window; now += 600) {
            QJsonArray seconds;
            QJsonArray stages;
            for (qint64 s = now - 599; s <= now; ++s) {
                seconds.append(entry(s, Validate, int(s % 50), int(s % 50)));
                stages.append(stage(s, QStringLiteral("placed"), 1));
            }
            history.merge(rates(now * 1000, seconds), 600);
            orders.merge(
                QJsonObject { { QStringLiteral("now_ms"), now * 1000 }, { QStringLiteral("seconds"), stages } }, 600);
        }
        const QList<QPointF> points = history.points(RateHistory::Rate::Placed);
        QCOMPARE(points.size(), window);
        QCOMPARE(points.constFirst().x(), -double(window));
        QCOMPARE(orders.points(OrderHistory::Stage::Placed).size(), window);
        // Every second of the window had one order placed, the current one included.
        QCOMPARE(orders.total(OrderHistory::Stage::Placed), window + 1);
        const QList<QPointF> drawn = RateHistory::decimate(points, 500);
        QVERIFY(drawn.size() <= 500);
        QCOMPARE(maxOf(drawn), 49.0); // the peaks survive
    }

    void orderHistoryCountsStagesInTheWindow()
    {
        OrderHistory orders(60);
        const qint64 t = 5'000'000;
        using Stage = OrderHistory::Stage;
        using P = OrderHistory::Percentile;
        const QJsonObject latency { { QStringLiteral("validated"),
            QJsonObject { { QStringLiteral("p50_ms"), 4.0 }, { QStringLiteral("p95_ms"), 9.5 } } } };
        orders.merge(QJsonObject { { QStringLiteral("now_ms"), t * 1000 + 300 },
                         { QStringLiteral("seconds"),
                             QJsonArray { stage(t - 3, QStringLiteral("placed"), 10),
                                 stage(t - 3, QStringLiteral("validated"), 8, 3.0, 7.5),
                                 stage(t - 2, QStringLiteral("rejected"), 2), stage(t - 1, QStringLiteral("failed"), 1),
                                 stage(t, QStringLiteral("placed"), 4), stage(t, QStringLiteral("bogus"), 99) } },
                         { QStringLiteral("latency"), latency } },
            60);
        QCOMPARE(orders.total(Stage::Placed), 14);
        QCOMPARE(orders.total(Stage::Validated), 8);
        QCOMPARE(orders.total(Stage::Rejected), 2);
        QCOMPARE(orders.total(Stage::Failed), 1);
        QCOMPARE(orders.total(Stage::Assigned), 0);
        QCOMPARE(orders.latencyPoints(Stage::Validated, P::P95), (QList<QPointF> { QPointF(-3, 7.5) }));
        QCOMPARE(orders.latencyPoints(Stage::Validated, P::P50), (QList<QPointF> { QPointF(-3, 3.0) }));
        QCOMPARE(orders.latestLatencyMs(Stage::Validated, P::P95), 9.5);
        QCOMPARE(orders.latestLatencyMs(Stage::Paid, P::P95), -1.0);

        // A recent poll replaces the seconds it covers: t's placed becomes 6, not 10.
        orders.merge(QJsonObject { { QStringLiteral("now_ms"), t * 1000 + 800 },
                         { QStringLiteral("seconds"), QJsonArray { stage(t, QStringLiteral("placed"), 6) } } },
            2);
        QCOMPARE(orders.total(Stage::Placed), 16);
        QCOMPARE(orders.count(Stage::Failed, t - 1), 0); // t - 1 was covered again, without failures
        // A minute later the window holds none of it.
        orders.merge(QJsonObject { { QStringLiteral("now_ms"), (t + 60) * 1000 } }, 1);
        QCOMPARE(orders.total(Stage::Placed), 0);
    }

    void csvHoldsTheBufferedSeconds()
    {
        RateHistory history(4);
        OrderHistory orders(4);
        const qint64 t = 6'000'000;
        QJsonObject r
            = rates(t * 1000, { failures(t - 2, Validate, 5, 2, 1), failures(t - 1, QStringLiteral("a,b"), 3, 0, 0) });
        r.insert(QStringLiteral("pending"), QJsonObject { { Validate, 4 } });
        history.merge(r, 4);
        orders.merge(QJsonObject { { QStringLiteral("now_ms"), t * 1000 },
                         { QStringLiteral("seconds"),
                             QJsonArray { stage(t - 2, QStringLiteral("placed"), 6),
                                 stage(t - 1, QStringLiteral("paid"), 2, 12.0, 20.25) } } },
            4);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(ThroughputExport::writeCsv(&buffer, history, &orders));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 3); // the header and the complete seconds t - 3 … t - 1
        const QList<QByteArray> header = lines.at(0).split(',');
        QCOMPARE(header.constFirst(), QByteArray("time_utc"));
        QVERIFY(lines.at(0).contains("orders_placed"));
        QVERIFY(lines.at(0).contains("validate-order failed"));
        QVERIFY(lines.at(0).contains("\"a,b delivered\""));
        auto cell = [&](int line, const QByteArray &column) {
            // Quoted header fields hold commas: split the header by its known layout instead.
            QList<QByteArray> names;
            for (const QByteArray &name : lines.at(0).split(','))
                names.append(name);
            const int index = int(names.indexOf(column));
            return index < 0 ? QByteArray("?") : lines.at(line).split(',').value(index);
        };
        QCOMPARE(cell(2, "time_utc"), QDateTime::fromSecsSinceEpoch(t - 2, Qt::UTC).toString(Qt::ISODate).toUtf8());
        QCOMPARE(cell(2, "orders_placed"), QByteArray("6"));
        QCOMPARE(cell(3, "paid_p95_ms"), QByteArray("20.3"));
        QCOMPARE(cell(3, "paid_p50_ms"), QByteArray("12.0"));
        QCOMPARE(cell(2, "validate-order failed"), QByteArray("2"));
        QCOMPARE(cell(2, "validate-order dead"), QByteArray("1"));
        QCOMPARE(cell(2, "validate-order pending"), QByteArray("")); // read in second t, not t - 2
        QCOMPARE(cell(1, "orders_placed"), QByteArray("0"));
        QCOMPARE(cell(2, "events_delivered"), QByteArray("5"));
    }

    void gapsBreakTheLine()
    {
        const QList<QPointF> points { QPointF(-10, 1), QPointF(-9, 2), QPointF(-5, 3), QPointF(-4, 4) };
        const QList<QPointF> broken = RateHistory::breakGaps(points, 1.5);
        QCOMPARE(broken.size(), 5);
        QVERIFY(std::isnan(broken.at(2).y()));
        QCOMPARE(broken.at(2).x(), -7.0);
        QCOMPARE(broken.at(3), QPointF(-5, 3));
        QCOMPARE(RateHistory::breakGaps(points, 4.0), points);
    }

    void decimationKeepsPeaks()
    {
        QList<QPointF> points;
        for (int i = 0; i < 3000; ++i)
            points.append(QPointF(i, i == 1234 ? 1000 : (i % 7)));
        const QList<QPointF> few = RateHistory::decimate(points, 300);
        QVERIFY(few.size() <= 300);
        QVERIFY(few.size() >= 200);
        QVERIFY(std::any_of(few.cbegin(), few.cend(), [](const QPointF &p) { return p.y() == 1000; }));
        QVERIFY(
            std::is_sorted(few.cbegin(), few.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        QCOMPARE(RateHistory::decimate(points.mid(0, 100), 300), points.mid(0, 100));
    }
};

QTEST_GUILESS_MAIN(TestRateHistory)
#include "tst_ratehistory.moc"
