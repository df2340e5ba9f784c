// What the window measures about itself: GuiStallMonitor sees a GUI-thread block of known length
// (a busy wait inside a queued call) as a tick at least that late, and counts it in its
// percentiles; EventRate turns a growing counter into a per-second rate that falls to zero.
#include "ui/diagnostics/guistallmonitor.h"
#include "ui/status/eventrate.h"

#include <QElapsedTimer>
#include <QTest>

using namespace trefoil::ui;

class TestWindowMeasures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stallMonitorMeasuresABlockedLoop()
    {
        GuiStallMonitor monitor;
        monitor.start();
        QTRY_VERIFY(monitor.tickCount() >= 20);
        constexpr qint64 BlockMs = 150;
        bool blocked = false;
        QMetaObject::invokeMethod(
            this,
            [&blocked] {
                QElapsedTimer busy;
                busy.start();
                while (busy.elapsed() < BlockMs) { }
                blocked = true;
            },
            Qt::QueuedConnection);
        QTRY_VERIFY(blocked);
        const qint64 ticksAfterBlock = monitor.tickCount();
        QTRY_VERIFY(monitor.tickCount() > ticksAfterBlock + 20);
        // The tick due during the block comes at least BlockMs − one interval late.
        QVERIFY2(monitor.worstStallMs() >= BlockMs - GuiStallMonitor::TickMs,
            qPrintable(QString::number(monitor.worstStallMs())));
        QCOMPARE(monitor.worstStallLastMinuteMs(), monitor.worstStallMs());
        QCOMPARE(monitor.percentileStallMs(1.0), monitor.worstStallMs());
        // One late tick among 40 or more: the median is not it.
        QVERIFY2(monitor.percentileStallMs(0.5) < BlockMs - GuiStallMonitor::TickMs,
            qPrintable(QString::number(monitor.percentileStallMs(0.5))));
    }

    void stallMonitorRestartForgets()
    {
        GuiStallMonitor monitor;
        QCOMPARE(monitor.percentileStallMs(0.99), 0);
        monitor.start();
        QTRY_VERIFY(monitor.tickCount() >= 3);
        monitor.start();
        QCOMPARE(monitor.tickCount(), 0);
        QCOMPARE(monitor.worstStallMs(), 0);
    }

    void eventRateOverTheWindow()
    {
        EventRate rate;
        QVERIFY(!rate.perSecond(0).has_value());
        rate.addSample(0, 100);
        QVERIFY(!rate.perSecond(500).has_value()); // less than a second of history
        rate.addSample(2000, 140);
        QCOMPARE(*rate.perSecond(2000), 20.0); // 40 over 2 s
        rate.addSample(10000, 300);
        QCOMPARE(*rate.perSecond(10000), 20.0); // 200 over 10 s
        // 12 s: the value at the window's start (2 s) is 140; 160 over 10 s.
        rate.addSample(12000, 300);
        QCOMPARE(*rate.perSecond(12000), 16.0);
        // Nothing delivered for longer than the window: no samples arrive, the rate is zero.
        QCOMPARE(*rate.perSecond(30000), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestWindowMeasures)
#include "tst_windowmeasures.moc"
