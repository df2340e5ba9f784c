// How workers learn of new events, against a real PostgreSQL: a busy worker polls and the event
// triggers stop sending NOTIFY while its promise holds; an idle one goes back to NOTIFY.
#include "backend/pg/pollingswitch.h"
#include "tests/backend/events/eventtestbed.h"

#include <QSignalSpy>

using namespace trefoil;
using trefoil::test::EventTestbed;

namespace {

// Asks trefoil.wake_workers() to wake the workers, then sends a sentinel NOTIFY in a later
// transaction. Notifications arrive in commit order, so once the sentinel is here, a wake-up
// would have arrived before it: returns whether one did. `promised` tells whether a polling
// promise held when the wake-up was asked for.
bool wakeUpArrives(EventTestbed &bed, const QString &sentinel, bool *promised = nullptr)
{
    QStringList received;
    QObject guard;
    QObject::connect(bed.listener.get(), &pg::Listener::notification, &guard,
        [&received](
            const QString &channel, const QString &payload) { received.append(channel + QLatin1Char(':') + payload); });
    const pg::Result woken = bed.sql(QStringLiteral(
        "SELECT (SELECT last_value FROM trefoil.workers_polling_until) > extract(epoch FROM clock_timestamp()) * 1000,"
        "       trefoil.wake_workers('probe')"));
    if (!woken.ok())
        return false;
    if (promised)
        *promised = woken.toBool(0, 0);
    if (!bed.sql(QStringLiteral("SELECT pg_notify('sentinel', $1)"), { sentinel }).ok())
        return false;
    if (!QTest::qWaitFor(
            [&received, &sentinel] { return received.contains(QLatin1String("sentinel:") + sentinel); }, 30000))
        return false;
    return received.contains(QLatin1String("trefoil_events:probe"));
}

} // namespace

class TestPollingSwitch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pollsWhileBusyAndTriggersStayQuiet()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("polling_switch")));
        QSignalSpy listening(bed.listener.get(), &pg::Listener::listening);
        bed.listener->listen(QStringLiteral("trefoil_events"));
        bed.listener->listen(QStringLiteral("sentinel"));
        QVERIFY(listening.wait(30000));

        // Nobody polls: the triggers notify.
        QVERIFY(wakeUpArrives(bed, QStringLiteral("1")));

        pg::PollingSwitch pollingSwitch(bed.pool.get());
        QSignalSpy polls(&pollingSwitch, &pg::PollingSwitch::poll);
        QSignalSpy changes(&pollingSwitch, &pg::PollingSwitch::pollingChanged);
        QVERIFY(!pollingSwitch.isPolling());
        // Notifications at the threshold's rate switch it to polling.
        pollingSwitch.setThresholds(4, pg::PollingSwitch::ClaimsToListen);
        for (int i = 0; i < 4; ++i)
            pollingSwitch.notified();
        QVERIFY(changes.wait(5000));
        QCOMPARE(changes.last().at(0).toBool(), true);
        QVERIFY(pollingSwitch.isPolling());
        pollingSwitch.claimed(1000); // busy: it keeps its promise up to date
        QVERIFY(polls.wait(5000));
        // The promise is published on the database's clock...
        QVERIFY(QTest::qWaitFor(
            [&bed] {
                return bed.scalar(
                           QStringLiteral("SELECT (last_value > extract(epoch FROM clock_timestamp()) * 1000)::int"
                                          " FROM trefoil.workers_polling_until"))
                    == 1;
            },
            10000));
        // ...and while it holds, the triggers leave the wake-up to the poll.
        pollingSwitch.claimed(1000);
        bool promised = false;
        QVERIFY(!wakeUpArrives(bed, QStringLiteral("2"), &promised));
        QVERIFY(promised);

        // Nothing is claimed: the switch stops promising, polls until its promise has run out,
        // and returns to NOTIFY.
        QVERIFY(changes.wait(10000));
        QCOMPARE(changes.last().at(0).toBool(), false);
        QVERIFY(!pollingSwitch.isPolling());
        QVERIFY(wakeUpArrives(bed, QStringLiteral("3")));

        // A burst of notifications switches it back to polling.
        for (int i = 0; i < 4; ++i)
            pollingSwitch.notified();
        QVERIFY(changes.wait(5000));
        QCOMPARE(changes.last().at(0).toBool(), true);

        // Claims keep it polling; their end lets it go.
        pollingSwitch.setThresholds(4, 4);
        QSignalSpy pollsWhileClaiming(&pollingSwitch, &pg::PollingSwitch::poll);
        while (pollsWhileClaiming.count() < 1000 / pg::PollingSwitch::PollIntervalMs) {
            pollingSwitch.claimed(10);
            QVERIFY(pollsWhileClaiming.wait(5000));
            QVERIFY(pollingSwitch.isPolling());
        }
        QVERIFY(changes.wait(10000));
        QCOMPARE(changes.last().at(0).toBool(), false);
        pollingSwitch.stop();
    }
};

QTEST_MAIN(TestPollingSwitch)
#include "tst_pollingswitch.moc"
