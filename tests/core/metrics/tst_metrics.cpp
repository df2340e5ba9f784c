#include "core/metrics/registry.h"
#include "core/metrics/textformat.h"

#include <QTest>
#include <QThread>

#include <cmath>

using namespace trefoil::metrics;
using namespace Qt::StringLiterals;

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatValue_data();
    void formatValue();
    void labelEscaping();
    void helpEscaping();
    void nameValidation();
    void counterNeverDecreases();
    void gauge();
    void histogramBuckets();
    void histogramBoundaryIsInclusive();
    void histogramQuantiles();
    void histogramWindow();
    void bucketHelpers();
    void renderExact();
    void renderHistogramWithLabels();
    void registrationIsIdempotent();
    void valueLookup();
    void concurrentIncrements();
};

void TestMetrics::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("zero") << 0.0 << "0"_ba;
    QTest::newRow("integer") << 42.0 << "42"_ba;
    QTest::newRow("million") << 1e6 << "1000000"_ba;
    QTest::newRow("negative") << -3.0 << "-3"_ba;
    QTest::newRow("fraction") << 0.005 << "0.005"_ba;
    QTest::newRow("two and a half") << 2.5 << "2.5"_ba;
    QTest::newRow("tenth") << 0.1 << "0.1"_ba;
    QTest::newRow("big") << 1e300 << "1e+300"_ba;
    QTest::newRow("+Inf") << qInf() << "+Inf"_ba;
    QTest::newRow("-Inf") << -qInf() << "-Inf"_ba;
    QTest::newRow("NaN") << qQNaN() << "NaN"_ba;
}

void TestMetrics::formatValue()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(textformat::formatValue(value), text);
}

void TestMetrics::labelEscaping()
{
    QCOMPARE(textformat::escapeLabelValue(u"plain"_s), "plain"_ba);
    QCOMPARE(textformat::escapeLabelValue(u"a\\b"_s), "a\\\\b"_ba);
    QCOMPARE(textformat::escapeLabelValue(u"say \"hi\""_s), "say \\\"hi\\\""_ba);
    QCOMPARE(textformat::escapeLabelValue(u"two\nlines"_s), "two\\nlines"_ba);
    QCOMPARE(textformat::escapeLabelValue(u"caf\u00e9"_s), "caf\xc3\xa9"_ba);
}

void TestMetrics::helpEscaping()
{
    QCOMPARE(textformat::escapeHelp("a \"quoted\" \\ word\nnext"), "a \"quoted\" \\\\ word\\nnext"_ba);
}

void TestMetrics::nameValidation()
{
    QVERIFY(textformat::isValidMetricName("trefoil_events_total"));
    QVERIFY(textformat::isValidMetricName("ns:metric_1"));
    QVERIFY(!textformat::isValidMetricName("1metric"));
    QVERIFY(!textformat::isValidMetricName("with-dash"));
    QVERIFY(!textformat::isValidMetricName(""));
    QVERIFY(textformat::isValidLabelName("trigger"));
    QVERIFY(!textformat::isValidLabelName("__reserved"));
    QVERIFY(!textformat::isValidLabelName("a:b"));
    QVERIFY(!textformat::isValidLabelName("9"));
}

void TestMetrics::counterNeverDecreases()
{
    Counter c;
    c.inc();
    c.inc(2.5);
    c.inc(-10);
    QCOMPARE(c.value(), 3.5);
}

void TestMetrics::gauge()
{
    Gauge g;
    g.set(10);
    g.inc();
    g.dec(3);
    g.add(0.5);
    QCOMPARE(g.value(), 8.5);
}

void TestMetrics::histogramBuckets()
{
    Histogram h({ 1, 5, 10 });
    for (double v : { 0.5, 1.0, 3.0, 7.0, 100.0, -2.0 })
        h.observe(v);
    h.observe(qQNaN()); // ignored
    const HistogramSnapshot s = h.snapshot();
    QCOMPARE(s.upperBounds, (QList<double> { 1, 5, 10 }));
    QCOMPARE(s.cumulativeCounts, (QList<quint64> { 3, 4, 5, 6 }));
    QCOMPARE(s.count, quint64(6));
    QCOMPARE(s.sum, 109.5);
}

void TestMetrics::histogramBoundaryIsInclusive()
{
    Histogram h({ 0.1, 0.2, qInf(), 0.1 }); // unsorted, duplicated, explicit +Inf: normalised
    QCOMPARE(h.upperBounds(), (QList<double> { 0.1, 0.2 }));
    h.observe(0.1);
    h.observe(0.2);
    h.observe(qInf());
    QCOMPARE(h.snapshot().cumulativeCounts, (QList<quint64> { 1, 2, 3 }));
}

void TestMetrics::histogramQuantiles()
{
    Histogram empty({ 1, 2 });
    QVERIFY(std::isnan(empty.snapshot().quantile(0.5)));

    Histogram h({ 10, 20, 40 });
    for (int i = 0; i < 50; ++i)
        h.observe(5); // bucket (0,10]
    for (int i = 0; i < 40; ++i)
        h.observe(15); // bucket (10,20]
    for (int i = 0; i < 10; ++i)
        h.observe(30); // bucket (20,40]
    const HistogramSnapshot s = h.snapshot();
    // rank 50 of 100 is the last observation of the first bucket: its upper bound.
    QCOMPARE(s.quantile(0.5), 10.0);
    // rank 70: 20 into the 40 of (10,20] → 15.
    QCOMPARE(s.quantile(0.7), 15.0);
    // rank 95: 5 into the 10 of (20,40] → 30.
    QCOMPARE(s.quantile(0.95), 30.0);
    QCOMPARE(s.quantile(0.99), 38.0);
    QCOMPARE(s.quantile(0), 0.0);
    QCOMPARE(s.mean(), (50 * 5 + 40 * 15 + 10 * 30) / 100.0);

    Histogram overflow({ 1 });
    overflow.observe(50);
    QCOMPARE(overflow.snapshot().quantile(0.99), 1.0); // +Inf bucket reports the largest finite bound
}

void TestMetrics::histogramWindow()
{
    Histogram h({ 1, 10 });
    h.observe(0.5);
    h.observe(0.5);
    const HistogramSnapshot before = h.snapshot();
    h.observe(5);
    h.observe(5);
    const HistogramSnapshot window = h.snapshot().since(before);
    QCOMPARE(window.count, quint64(2));
    QCOMPARE(window.sum, 10.0);
    QCOMPARE(window.cumulativeCounts, (QList<quint64> { 0, 2, 2 }));
    QCOMPARE(window.quantile(0.5), 5.5);
}

void TestMetrics::bucketHelpers()
{
    QCOMPARE(Histogram::exponentialBuckets(1, 2, 4), (QList<double> { 1, 2, 4, 8 }));
    QCOMPARE(Histogram::linearBuckets(0.5, 0.5, 3), (QList<double> { 0.5, 1.0, 1.5 }));
    QCOMPARE(Histogram::defaultBuckets().size(), 11);
}

void TestMetrics::renderExact()
{
    Registry r;
    r.counter("trefoil_requests_total", "Requests served.").inc(3);
    auto &delivered = r.counterFamily(
        "trefoil_events_delivered_total", "Events delivered, by trigger.\nPer trigger.", { "trigger" });
    delivered.labels({ u"orders_\"new\""_s }).inc();
    delivered.labels({ u"a\\b\nc"_s }).inc(2);
    r.gauge("trefoil_queue_depth", "Events waiting.").set(7);
    r.counterFamily("trefoil_unused_total", "No children yet.", { "x" });

    const QByteArray expected = "# HELP trefoil_events_delivered_total Events delivered, by trigger.\\nPer trigger.\n"
                                "# TYPE trefoil_events_delivered_total counter\n"
                                "trefoil_events_delivered_total{trigger=\"a\\\\b\\nc\"} 2\n"
                                "trefoil_events_delivered_total{trigger=\"orders_\\\"new\\\"\"} 1\n"
                                "# HELP trefoil_queue_depth Events waiting.\n"
                                "# TYPE trefoil_queue_depth gauge\n"
                                "trefoil_queue_depth 7\n"
                                "# HELP trefoil_requests_total Requests served.\n"
                                "# TYPE trefoil_requests_total counter\n"
                                "trefoil_requests_total 3\n";
    QCOMPARE(r.render(), expected);
    QCOMPARE(Registry::contentType, QByteArrayView("text/plain; version=0.0.4; charset=utf-8"));
}

void TestMetrics::renderHistogramWithLabels()
{
    Registry r;
    auto &latency
        = r.histogramFamily("trefoil_delivery_seconds", "Delivery latency.", { "trigger" }, { 0.005, 0.5, 1 });
    latency.labels({ u"t1"_s }).observe(0.25);
    latency.labels({ u"t1"_s }).observe(2);
    const QByteArray expected = "# HELP trefoil_delivery_seconds Delivery latency.\n"
                                "# TYPE trefoil_delivery_seconds histogram\n"
                                "trefoil_delivery_seconds_bucket{trigger=\"t1\",le=\"0.005\"} 0\n"
                                "trefoil_delivery_seconds_bucket{trigger=\"t1\",le=\"0.5\"} 1\n"
                                "trefoil_delivery_seconds_bucket{trigger=\"t1\",le=\"1\"} 1\n"
                                "trefoil_delivery_seconds_bucket{trigger=\"t1\",le=\"+Inf\"} 2\n"
                                "trefoil_delivery_seconds_sum{trigger=\"t1\"} 2.25\n"
                                "trefoil_delivery_seconds_count{trigger=\"t1\"} 2\n";
    QCOMPARE(r.render(), expected);
}

void TestMetrics::registrationIsIdempotent()
{
    Registry r;
    Counter &a = r.counter("x_total", "X.");
    Counter &b = r.counter("x_total", "X again.");
    QCOMPARE(&a, &b);
    auto &f = r.counterFamily("y_total", "Y.", { "k" });
    QCOMPARE(&f.labels({ u"v"_s }), &r.counterFamily("y_total", "Y.", { "k" }).labels({ u"v"_s }));
    QVERIFY(&f.labels({ u"v"_s }) != &f.labels({ u"w"_s }));
}

void TestMetrics::valueLookup()
{
    Registry r;
    r.counterFamily("http_total", "H.", { "method", "code" }).labels({ u"GET"_s, u"200"_s }).inc(4);
    r.histogram("job_seconds", "J.", { 1 }).observe(0.5);
    QCOMPARE(r.value("http_total", { { "code", u"200"_s }, { "method", u"GET"_s } }), std::optional<double>(4));
    QCOMPARE(r.value("http_total", { { "code", u"500"_s }, { "method", u"GET"_s } }), std::optional<double>());
    QCOMPARE(r.value("job_seconds_count"), std::optional<double>(1));
    QCOMPARE(r.value("job_seconds_bucket", { { "le", u"+Inf"_s } }), std::optional<double>(1));
    QCOMPARE(r.value("nothing"), std::optional<double>());
}

void TestMetrics::concurrentIncrements()
{
    Registry r;
    Counter &c = r.counter("c_total", "C.");
    Histogram &h = r.histogram("h_seconds", "H.", { 1 });
    constexpr int perThread = 20000;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < perThread; ++i) {
                c.inc();
                h.observe(0.5);
            }
        }));
        threads.last()->start();
    }
    for (int i = 0; i < 100; ++i)
        QVERIFY(!r.render().isEmpty()); // reading while writing
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(30000));
        delete t;
    }
    QCOMPARE(c.value(), 4.0 * perThread);
    QCOMPARE(h.snapshot().count, quint64(4 * perThread));
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
