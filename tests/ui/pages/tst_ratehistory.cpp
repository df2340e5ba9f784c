// RateHistory: results replace the seconds they cover (overlapping polls never count twice), the
// ring forgets what is older than its capacity, the current second is not drawn, latency is kept
// per second and trigger (bounded in triggers), and decimation keeps peaks within the point budget.
#include "ui/pages/throughput/ratehistory.h"

#include <QJsonArray>
#include <QTest>

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

const QString Validate = QStringLiteral("validate-order");
const QString Assign = QStringLiteral("agent-assignment");

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
        QCOMPARE(history.latencyTriggers(), (QStringList { Validate, Assign }));
        // Seconds that delivered nothing have no point.
        QCOMPARE(history.latencyPoints(Validate), (QList<QPointF> { QPointF(-3, 12.5), QPointF(-1, 30) }));
        QCOMPARE(history.latencyPoints(Assign), (QList<QPointF> { QPointF(-1, 7) }));
        QCOMPARE(history.latestLatencyMs(Assign), 8.5);
        QCOMPARE(history.latestLatencyMs(Validate), 0.0);
        QVERIFY(history.latencyPoints(QStringLiteral("payment")).isEmpty());
        // A later result that covers those seconds replaces their latency too.
        history.merge(rates(t * 1000 + 200, { entry(t - 1, Validate, 1, 0) }), 2);
        QCOMPARE(history.latencyPoints(Validate), (QList<QPointF> { QPointF(-3, 12.5) }));

        // No more lines than MaxLatencyTriggers.
        QJsonObject many;
        for (int i = 0; i < RateHistory::MaxLatencyTriggers + 3; ++i)
            many.insert(QStringLiteral("t%1").arg(i), QJsonObject { { QStringLiteral("p95_ms"), 1.0 } });
        history.merge(rates(t * 1000 + 300, {}, many), 1);
        QCOMPARE(history.latencyTriggers().size(), RateHistory::MaxLatencyTriggers);
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
