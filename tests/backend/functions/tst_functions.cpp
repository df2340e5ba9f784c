// The order workflow end to end against PostgreSQL: the demo schema's triggers raise the events,
// an EventWorker runs the four functions, and orders flow from placed to agent_assigned; bad
// orders, manual payments, preparation delays, missing drivers, injected faults, redelivery,
// several worker processes racing and the webhook entry point.
#include "backend/functions/faultinjector.h"
#include "backend/functions/workflowfunctions.h"
#include "tests/backend/events/eventtestbed.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <cstring>

using namespace trefoil;
using trefoil::test::EventTestbed;

namespace {

struct WorkflowBed {
    EventTestbed bed;
    std::unique_ptr<functions::FaultInjector> faults;

    // The pool must not go away under a batch still in flight: let the workers finish first.
    ~WorkflowBed()
    {
        for (const auto &worker : bed.workers)
            worker->stop();
        (void)QTest::qWaitFor(
            [this] {
                return std::all_of(bed.workers.cbegin(), bed.workers.cend(),
                    [](const auto &worker) { return worker->inFlight() == 0; });
            },
            30000);
    }

    bool setUp(const QString &database)
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(database);
        if (conninfo.isEmpty())
            return false;
        {
            pg::Pool pool(conninfo, 2);
            pg::Migrator migrator(&pool, { QStringLiteral("engine"), QStringLiteral("demo") });
            QSignalSpy finished(&migrator, &pg::Migrator::finished);
            QSignalSpy failed(&migrator, &pg::Migrator::failed);
            migrator.run();
            if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000)
                || finished.isEmpty()) {
                qWarning() << "migration failed"
                           << (failed.isEmpty() ? QString() : failed.first().first().value<pg::Error>().describe());
                return false;
            }
        }
        if (!bed.setUp(database, conninfo))
            return false;
        faults = std::make_unique<functions::FaultInjector>(bed.pool.get(), bed.listener.get());
        faults->start();
        functions::registerWorkflowFunctions(bed.handlers, faults.get());
        return QTest::qWaitFor([this] { return faults->isLoaded(); }, 30000);
    }

    events::EventWorker *startWorker(const QString &id = QStringLiteral("w1"))
    {
        events::WorkerOptions options;
        options.sweepIntervalMs = 200;
        return bed.startWorker(id, options);
    }

    // Inserts an order and its items in one transaction, as a client would; returns its id.
    QString placeOrder(int restaurant, const QString &address, const QList<QPair<int, int>> &items)
    {
        QStringList menuItems, quantities;
        for (const auto &[menuItem, quantity] : items) {
            menuItems.append(QString::number(menuItem));
            quantities.append(QString::number(quantity));
        }
        const pg::Result result = bed.sql(
            QStringLiteral(
                "WITH o AS (INSERT INTO public.orders (user_id, restaurant_id, address) VALUES ('tester', $1, $2) "
                "RETURNING id),"
                " i AS (INSERT INTO public.items (order_id, menu_item_id, quantity)"
                "       SELECT o.id, x.m, x.q FROM o, unnest($3::text[]::int[], $4::text[]::int[]) AS x(m, q))"
                " SELECT id FROM o"),
            { restaurant, address, menuItems, quantities });
        if (!result.ok())
            qWarning() << result.error().describe();
        return result.text(0, 0);
    }

    QString status(const QString &order)
    {
        return bed.sql(QStringLiteral("SELECT status FROM public.orders WHERE id = $1::uuid"), { order }).text(0, 0);
    }

    bool waitForStatus(const QString &order, const QString &wanted, int timeoutMs = 60000)
    {
        const bool reached = QTest::qWaitFor([&] { return status(order) == wanted; }, timeoutMs);
        if (!reached)
            qWarning() << "order" << order << "is" << status(order) << "not" << wanted;
        return reached;
    }

    bool waitForAll(const QStringList &orders, const QString &wanted, int timeoutMs)
    {
        return QTest::qWaitFor(
            [&] {
                return bed.scalar(QStringLiteral("SELECT count(*) FROM public.orders WHERE id = ANY "
                                                 "($1::text[]::uuid[]) AND status = $2"),
                           { orders, wanted })
                    == orders.size();
            },
            timeoutMs);
    }

    QString setFault(const QString &function, const functions::FaultSettings &settings)
    {
        std::optional<QString> outcome;
        faults->set(function, settings, &bed.context, [&outcome](const QString &error) { outcome = error; });
        (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000);
        return outcome.value_or(QStringLiteral("timed out"));
    }

    qint64 redeliver(const events::EventFilter &filter)
    {
        std::optional<qint64> count;
        bed.operations->redeliver(filter, &bed.context, [&count](qint64 n, const QString &) { count = n; });
        (void)QTest::qWaitFor([&count] { return count.has_value(); }, 30000);
        return count.value_or(-1);
    }

    // Retries due at once and plenty of them, so that tests need not wait for backoff.
    bool fastRetries(int numRetries)
    {
        return bed
            .sql(QStringLiteral("UPDATE trefoil.event_triggers SET num_retries = $1, interval_sec = 0, backoff = "
                                "'fixed', jitter = 0"),
                { numRetries })
            .ok();
    }
};

struct WebhookAnswer {
    int status = 0;
    QJsonObject body;
};

WebhookAnswer callWebhook(
    WorkflowBed &w, const QString &name, const QByteArray &payload, functions::FaultInjector *faults = nullptr)
{
    std::optional<WebhookAnswer> answer;
    functions::runFunctionFromWebhook(
        name, payload, w.bed.pool.get(), &w.bed.context,
        [&answer](int status, const QByteArray &body) {
            answer = WebhookAnswer { status, QJsonDocument::fromJson(body).object() };
        },
        faults);
    (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000);
    return answer.value_or(WebhookAnswer {});
}

QByteArray hasuraPayload(const QString &order, const QString &status)
{
    const QJsonObject row { { QStringLiteral("id"), order }, { QStringLiteral("status"), status } };
    const QJsonObject event { { QStringLiteral("op"), QStringLiteral("UPDATE") },
        { QStringLiteral("data"),
            QJsonObject { { QStringLiteral("old"), QJsonValue() }, { QStringLiteral("new"), row } } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("event"), event } }).toJson(QJsonDocument::Compact);
}

} // namespace

class TestFunctions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void placedOrderReachesAgentAssigned()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_happy")));
        w.startWorker();
        const QString order = w.placeOrder(1, QStringLiteral("1 Main Street"), { { 1, 2 }, { 3, 1 } });
        QVERIFY(!order.isEmpty());
        QVERIFY(w.waitForStatus(order, QStringLiteral("agent_assigned")));
        const pg::Result row = w.bed.sql(
            QStringLiteral("SELECT total::text, status_reason IS NULL,"
                           "       created_at <= validated_at AND validated_at <= paid_at AND paid_at <= approved_at"
                           "         AND approved_at <= agent_assigned_at AND finished_at IS NOT NULL"
                           "  FROM public.orders WHERE id = $1::uuid"),
            { order });
        QCOMPARE(row.text(0, 0), QStringLiteral("25.00"));
        QVERIFY(row.toBool(0, 1));
        QVERIFY(row.toBool(0, 2));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments WHERE order_id = $1::uuid AND "
                                             "status = 'succeeded' AND amount = 25"),
                     { order }),
            1);
        QCOMPARE(w.bed.scalar(
                     QStringLiteral("SELECT count(*) FROM public.assignments WHERE order_id = $1::uuid"), { order }),
            1);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT sum(active_orders) FROM public.drivers")), 1);
        QCOMPARE(
            w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.drivers WHERE last_assigned_at IS NOT NULL")), 1);
        QVERIFY(w.bed.waitUntilSettled(30000));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status <> 'delivered'")), 0);
        // One event per step: each update trigger fires only for the status its step awaits.
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")), 4);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(DISTINCT trigger_name) FROM trefoil.events")), 4);
    }

    void badOrdersAreRejectedWithTheirReason()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_reject")));
        w.startWorker();
        // Truffle risotto is unavailable; the nigiri is Sakura Sushi's.
        const QString unavailable = w.placeOrder(1, QStringLiteral("1 Main Street"), { { 1, 1 }, { 4, 1 }, { 5, 1 } });
        const QString tooMany = w.placeOrder(2, QStringLiteral("2 Side Street"), { { 6, 51 } });
        const QString noAddress = w.placeOrder(2, QStringLiteral(" "), { { 6, 1 } });
        const QString empty = w.placeOrder(2, QStringLiteral("3 Side Street"), {});
        for (const QString &order : { unavailable, tooMany, noAddress, empty })
            QVERIFY(w.waitForStatus(order, QStringLiteral("rejected")));
        auto reason = [&w](const QString &order) {
            return w.bed.sql(QStringLiteral("SELECT status_reason FROM public.orders WHERE id = $1::uuid"), { order })
                .text(0, 0);
        };
        QCOMPARE(reason(unavailable),
            QStringLiteral(
                "\"Truffle risotto\" is not available; \"Salmon nigiri (2)\" is not on the menu of Trattoria Roma"));
        QVERIFY2(reason(tooMany).contains(QLatin1String("more than the 50 allowed")), qPrintable(reason(tooMany)));
        QCOMPARE(reason(noAddress), QStringLiteral("the delivery address is empty"));
        QCOMPARE(reason(empty), QStringLiteral("the order has no items"));
        QCOMPARE(w.bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM public.orders WHERE finished_at IS NULL OR validated_at IS NOT NULL")),
            0);
        QVERIFY(w.bed.waitUntilSettled(30000));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")), 0);

        // A closed restaurant rejects too.
        QVERIFY(w.bed.sql(QStringLiteral("UPDATE public.restaurants SET is_open = false WHERE id = 4")).ok());
        const QString closed = w.placeOrder(4, QStringLiteral("4 Park Lane"), { { 11, 1 } });
        QVERIFY(w.waitForStatus(closed, QStringLiteral("rejected")));
        QCOMPARE(reason(closed), QStringLiteral("The Green Bowl is closed"));
    }

    void manualPaymentWaitsForPayOrder()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_manual")));
        w.startWorker();
        const QString paid = w.placeOrder(3, QStringLiteral("5 Taco Road"), { { 8, 2 } });
        const QString declined = w.placeOrder(3, QStringLiteral("5 Taco Road"), { { 9, 1 } });
        QVERIFY(w.waitForStatus(paid, QStringLiteral("validated")));
        QVERIFY(w.waitForStatus(declined, QStringLiteral("validated")));
        QVERIFY(w.bed.waitUntilSettled(30000));
        QCOMPARE(w.status(paid), QStringLiteral("validated"));
        QCOMPARE(w.bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'payment' AND status = 'delivered'")),
            2);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")), 0);

        // Paying is refused until the order is validated, and for unknown orders.
        const pg::Result early = w.bed.sql(QStringLiteral("SELECT * FROM public.pay_order(gen_random_uuid())"));
        QVERIFY(!early.ok());
        QVERIFY(early.error().message.contains(QLatin1String("does not exist")));

        const pg::Result result
            = w.bed.sql(QStringLiteral("SELECT status, paid_at IS NOT NULL FROM public.pay_order($1::uuid)"), { paid });
        QVERIFY2(result.ok(), qPrintable(result.error().describe()));
        QCOMPARE(result.text(0, 0), QStringLiteral("paid"));
        QVERIFY(result.toBool(0, 1));
        QVERIFY(w.waitForStatus(paid, QStringLiteral("agent_assigned")));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments WHERE order_id = $1::uuid AND "
                                             "status = 'succeeded' AND amount = 15"),
                     { paid }),
            1);
        // Paying again changes nothing.
        QCOMPARE(w.bed.sql(QStringLiteral("SELECT status FROM public.pay_order($1::uuid)"), { paid }).text(0, 0),
            QStringLiteral("agent_assigned"));
        QCOMPARE(
            w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments WHERE order_id = $1::uuid"), { paid }),
            1);

        QCOMPARE(
            w.bed.sql(QStringLiteral("SELECT status FROM public.pay_order($1::uuid, false)"), { declined }).text(0, 0),
            QStringLiteral("payment_declined"));
        QVERIFY(w.bed.waitUntilSettled(30000));
        const pg::Result row = w.bed.sql(
            QStringLiteral("SELECT o.status, o.status_reason, o.finished_at IS NOT NULL, p.status"
                           "  FROM public.orders o JOIN public.payments p ON p.order_id = o.id WHERE o.id = $1::uuid"),
            { declined });
        QCOMPARE(row.text(0, 0), QStringLiteral("payment_declined"));
        QCOMPARE(row.text(0, 1), QStringLiteral("the payment was declined"));
        QVERIFY(row.toBool(0, 2));
        QCOMPARE(row.text(0, 3), QStringLiteral("declined"));
        // Declined is final: a later accept does not revive it.
        QCOMPARE(
            w.bed.sql(QStringLiteral("SELECT status FROM public.pay_order($1::uuid, true)"), { declined }).text(0, 0),
            QStringLiteral("payment_declined"));
    }

    void manualApprovalWaitsForTheRestaurant()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_manual_approval")));
        w.startWorker();
        // Curry Corner (5) approves by hand: menu items 13 to 16.
        const QString approved = w.placeOrder(5, QStringLiteral("9 Curry Lane"), { { 13, 1 } });
        const QString rejected = w.placeOrder(5, QStringLiteral("9 Curry Lane"), { { 14, 2 } });
        QVERIFY(w.waitForStatus(approved, QStringLiteral("paid")));
        QVERIFY(w.waitForStatus(rejected, QStringLiteral("paid")));
        QVERIFY(w.bed.waitUntilSettled(30000));
        // The step delivered (waiting is not a failure) and left both orders paid.
        QCOMPARE(w.status(approved), QStringLiteral("paid"));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = "
                                             "'restaurant-approval' AND status = 'delivered'")),
            2);

        // Unknown orders and orders not awaiting approval are refused with a clear message.
        const pg::Result unknown = w.bed.sql(QStringLiteral("SELECT * FROM public.approve_order(gen_random_uuid())"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QLatin1String("does not exist")));
        const QString early = w.placeOrder(3, QStringLiteral("5 Taco Road"), { { 8, 1 } });
        QVERIFY(w.waitForStatus(early, QStringLiteral("validated")));
        const pg::Result notPaid = w.bed.sql(QStringLiteral("SELECT * FROM public.approve_order($1::uuid)"), { early });
        QVERIFY(!notPaid.ok());
        QVERIFY2(notPaid.error().message.contains(QLatin1String("is validated, not awaiting approval")),
            qPrintable(notPaid.error().message));
        QVERIFY(!w.bed.sql(QStringLiteral("SELECT * FROM public.reject_order($1::uuid, 'no')"), { early }).ok());

        const pg::Result approve = w.bed.sql(
            QStringLiteral("SELECT status, approved_at IS NOT NULL FROM public.approve_order($1::uuid)"), { approved });
        QVERIFY2(approve.ok(), qPrintable(approve.error().describe()));
        QCOMPARE(approve.text(0, 0), QStringLiteral("approved"));
        QVERIFY(approve.toBool(0, 1));
        QVERIFY(w.waitForStatus(approved, QStringLiteral("agent_assigned")));
        // Approving again changes nothing; rejecting an approved order is refused.
        QCOMPARE(
            w.bed.sql(QStringLiteral("SELECT status FROM public.approve_order($1::uuid)"), { approved }).text(0, 0),
            QStringLiteral("agent_assigned"));
        QVERIFY(!w.bed.sql(QStringLiteral("SELECT * FROM public.reject_order($1::uuid)"), { approved }).ok());

        QCOMPARE(w.bed
                     .sql(QStringLiteral("SELECT status FROM public.reject_order($1::uuid, $2)"),
                         { rejected, QStringLiteral(" out of lentils ") })
                     .text(0, 0),
            QStringLiteral("rejected"));
        QVERIFY(w.bed.waitUntilSettled(30000));
        const pg::Result row = w.bed.sql(
            QStringLiteral("SELECT o.status, o.status_reason, o.finished_at IS NOT NULL, p.refunded_at IS NOT NULL"
                           "  FROM public.orders o JOIN public.payments p ON p.order_id = o.id WHERE o.id = $1::uuid"),
            { rejected });
        QCOMPARE(row.text(0, 0), QStringLiteral("rejected"));
        QCOMPARE(row.text(0, 1), QStringLiteral("Curry Corner declined the order: out of lentils"));
        QVERIFY(row.toBool(0, 2));
        QVERIFY(row.toBool(0, 3));
        // Rejecting again changes nothing (not even the reason); approving it is refused.
        QCOMPARE(
            w.bed.sql(QStringLiteral("SELECT status_reason FROM public.reject_order($1::uuid, 'other')"), { rejected })
                .text(0, 0),
            QStringLiteral("Curry Corner declined the order: out of lentils"));
        QVERIFY(!w.bed.sql(QStringLiteral("SELECT * FROM public.approve_order($1::uuid)"), { rejected }).ok());
        QCOMPARE(w.status(rejected), QStringLiteral("rejected"));
    }

    void approvalWaitsForThePreparationDelayWithoutBlocking()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_delay")));
        QVERIFY(
            w.bed.sql(QStringLiteral("UPDATE public.restaurants SET preparation_delay_ms = 1500 WHERE id = 2")).ok());
        w.startWorker();
        const QString slow = w.placeOrder(2, QStringLiteral("6 Fish Street"), { { 6, 1 } });
        const QString fast = w.placeOrder(1, QStringLiteral("7 Pasta Way"), { { 2, 1 } });
        QVERIFY(w.waitForStatus(fast, QStringLiteral("agent_assigned")));
        QVERIFY(w.waitForStatus(slow, QStringLiteral("agent_assigned")));
        QVERIFY(w.bed.scalar(QStringLiteral("SELECT (extract(epoch FROM approved_at - paid_at) * 1000)::bigint FROM "
                                            "public.orders WHERE id = $1::uuid"),
                    { slow })
            >= 1500);
        QVERIFY(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations WHERE trigger_name = "
                                            "'restaurant-approval' AND http_status = 503"))
            >= 1);
    }

    void restaurantDeclinesAndRefunds()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_decline")));
        w.startWorker();
        const QString order = w.placeOrder(3, QStringLiteral("8 Taco Road"), { { 10, 1 } });
        QVERIFY(w.waitForStatus(order, QStringLiteral("validated")));
        QVERIFY(w.bed.sql(QStringLiteral("UPDATE public.menu_items SET available = false WHERE id = 10")).ok());
        QVERIFY(w.bed.sql(QStringLiteral("SELECT * FROM public.pay_order($1::uuid)"), { order }).ok());
        QVERIFY(w.waitForStatus(order, QStringLiteral("rejected")));
        QCOMPARE(w.bed.sql(QStringLiteral("SELECT status_reason FROM public.orders WHERE id = $1::uuid"), { order })
                     .text(0, 0),
            QStringLiteral("Taco Loco declined the order: Guacamole is no longer available"));
        QCOMPARE(w.bed.scalar(
                     QStringLiteral(
                         "SELECT count(*) FROM public.payments WHERE order_id = $1::uuid AND refunded_at IS NOT NULL"),
                     { order }),
            1);
    }

    void noFreeDriverRetriesUntilOneIs()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_nodriver")));
        QVERIFY(w.fastRetries(1000));
        QVERIFY(w.bed
                    .sql(QStringLiteral(
                        "UPDATE trefoil.event_triggers SET interval_sec = 1 WHERE name = 'agent-assignment'"))
                    .ok());
        QVERIFY(w.bed.sql(QStringLiteral("UPDATE public.drivers SET available = false")).ok());
        w.startWorker();
        const QString order = w.placeOrder(1, QStringLiteral("9 Main Street"), { { 1, 1 } });
        QVERIFY(w.waitForStatus(order, QStringLiteral("approved")));
        QVERIFY(QTest::qWaitFor(
            [&w] {
                return w.bed.scalar(QStringLiteral(
                           "SELECT count(*) FROM trefoil.invocations WHERE trigger_name = 'agent-assignment'"
                           " AND error = 'no driver is available'"))
                    >= 2;
            },
            30000));
        QCOMPARE(w.status(order), QStringLiteral("approved"));
        QVERIFY(w.bed.sql(QStringLiteral("UPDATE public.drivers SET available = true WHERE id = 3")).ok());
        QVERIFY(w.waitForStatus(order, QStringLiteral("agent_assigned")));
        QCOMPARE(w.bed.scalar(
                     QStringLiteral("SELECT driver_id FROM public.assignments WHERE order_id = $1::uuid"), { order }),
            3);
    }

    void everyOrderCompletesThroughThirtyPercentFailures()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_flaky")));
        QVERIFY(w.fastRetries(40));
        for (const char *function : { "validate-order", "payment", "restaurant-approval", "agent-assignment" })
            QCOMPARE(w.setFault(QLatin1String(function), { 0.3, 5, false, false }), QString());
        w.startWorker(QStringLiteral("w1"));
        w.startWorker(QStringLiteral("w2"));
        // Restaurants with automatic payment: {restaurant, menu item}.
        const QList<QPair<int, int>> menu = { { 1, 1 }, { 2, 6 }, { 4, 11 } };
        QStringList orders;
        for (int i = 0; i < 24; ++i) {
            const auto &[restaurant, item] = menu.at(i % menu.size());
            orders.append(w.placeOrder(restaurant, QStringLiteral("Street %1").arg(i), { { item, 1 + i % 3 } }));
        }
        QVERIFY(w.waitForAll(orders, QStringLiteral("agent_assigned"), 180000));
        QVERIFY(w.bed.waitUntilSettled(60000));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status <> 'delivered'")), 0);
        QVERIFY(
            w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations WHERE error = 'injected failure'"))
            > 0);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")), 24);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(DISTINCT order_id) FROM public.assignments")), 24);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.assignments")), 24);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT sum(active_orders) FROM public.drivers")), 24);
    }

    void alwaysFailingStepStopsOrdersUntilRedelivered()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_broken")));
        QVERIFY(w.fastRetries(2));
        QCOMPARE(w.setFault(QStringLiteral("payment"), { 0, 0, true, false }), QString());
        w.startWorker();
        QStringList orders;
        for (int i = 0; i < 5; ++i)
            orders.append(w.placeOrder(2, QStringLiteral("Dock %1").arg(i), { { 7, 2 } }));
        QVERIFY(w.waitForAll(orders, QStringLiteral("validated"), 60000));
        QVERIFY(w.bed.waitUntilSettled(60000));
        QCOMPARE(w.bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'payment' AND status = 'dead'")),
            5);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations WHERE trigger_name = 'payment' "
                                             "AND error = 'injected failure (always_fail)'")),
            15);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.orders WHERE status = 'validated'")), 5);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")),
            0); // the failed attempts' writes were undone

        std::optional<QString> cleared;
        w.faults->clear(
            QStringLiteral("payment"), &w.bed.context, [&cleared](const QString &error) { cleared = error; });
        QVERIFY(QTest::qWaitFor([&cleared] { return cleared.has_value(); }, 30000));
        QCOMPARE(*cleared, QString());
        events::EventFilter dead;
        dead.trigger = QStringLiteral("payment");
        dead.statuses = { QStringLiteral("dead") };
        QCOMPARE(w.redeliver(dead), 5);
        QVERIFY(w.waitForAll(orders, QStringLiteral("agent_assigned"), 60000));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")), 5);
    }

    // An event on public.orders whose payload has no uuid id (a hand-written manual payload) fails
    // on its own: its failure is recorded, the workflow goes on, and the Orders page's view of the
    // events still reads (the view and the failing-order index used to cast the id and raise).
    void eventWithoutAnOrderIdFailsAlone()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_no_order_id")));
        QVERIFY(w.fastRetries(0));
        QVERIFY(w.bed
                    .sql(QStringLiteral("INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data)"
                                        " VALUES ('payment', 'public', 'orders', 'MANUAL',"
                                        " '{\"old\": null, \"new\": {\"id\": \"not-a-uuid\"}}')"))
                    .ok());
        w.startWorker();
        const QString order = w.placeOrder(2, QStringLiteral("Quay 1"), { { 7, 1 } });
        QVERIFY(w.waitForAll({ order }, QStringLiteral("agent_assigned"), 60000));
        QVERIFY(w.bed.waitUntilSettled(60000));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'dead'"
                                             " AND last_error IS NOT NULL AND data -> 'new' ->> 'id' = 'not-a-uuid'")),
            1);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.order_events"
                                             " WHERE last_error IS NOT NULL AND order_id IS NULL")),
            1);
    }

    void redeliveringDeliveredEventsChangesNothing()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_idempotent")));
        w.startWorker();
        const QString done = w.placeOrder(1, QStringLiteral("10 Main Street"), { { 2, 1 } });
        const QString rejected = w.placeOrder(1, QStringLiteral("11 Main Street"), { { 4, 1 } });
        QVERIFY(w.waitForStatus(done, QStringLiteral("agent_assigned")));
        QVERIFY(w.waitForStatus(rejected, QStringLiteral("rejected")));
        QVERIFY(w.bed.waitUntilSettled(30000));
        const QString snapshotSql
            = QStringLiteral("SELECT (SELECT json_agg(o ORDER BY o.id) FROM public.orders o)::text"
                             "    || (SELECT json_agg(p ORDER BY p.id) FROM public.payments p)::text"
                             "    || (SELECT json_agg(a ORDER BY a.id) FROM public.assignments a)::text"
                             "    || (SELECT json_agg(d ORDER BY d.id) FROM public.drivers d)::text");
        const QString before = w.bed.sql(snapshotSql).text(0, 0);
        const qint64 invocations = w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations"));
        const qint64 events = w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events"));
        QCOMPARE(w.redeliver(events::EventFilter {}), events);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations")) == invocations + events;
            },
            60000));
        QVERIFY(w.bed.waitUntilSettled(30000));
        QCOMPARE(w.bed.sql(snapshotSql).text(0, 0), before);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")),
            events); // no status changed, so no new events
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status <> 'delivered'")), 0);
    }

    // Two worker processes, and every approved order raises two assignment events (a second
    // trigger on the same function), so both processes race for the same orders.
    void twoWorkerProcessesNeverAssignTwoDrivers()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_race")));
        const QByteArray duplicate = "{\"name\": \"agent-assignment-again\", \"table\": \"orders\", \"update\": "
                                     "{\"columns\": [\"status\"], \"payload\": [\"id\", \"status\"]},"
                                     " \"handler\": {\"builtin\": \"agent-assignment\"}}";
        QCOMPARE(w.bed.createTrigger(duplicate), QString());
        QVERIFY(w.fastRetries(50));
        std::vector<std::unique_ptr<QProcess>> children;
        for (int i = 0; i < 2; ++i) {
            auto child = std::make_unique<QProcess>();
            child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child->start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--worker-child"), w.bed.conninfo, QStringLiteral("child-%1").arg(i) });
            QVERIFY(child->waitForStarted());
            children.push_back(std::move(child));
        }
        QStringList orders;
        for (int i = 0; i < 40; ++i)
            orders.append(w.placeOrder(4, QStringLiteral("Green Street %1").arg(i), { { 11, 1 }, { 12, 2 } }));
        const bool all = w.waitForAll(orders, QStringLiteral("agent_assigned"), 180000);
        const bool settled = all && w.bed.waitUntilSettled(60000);
        for (auto &child : children) {
            child->terminate();
            child->waitForFinished();
        }
        QVERIFY(all);
        QVERIFY(settled);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.assignments")), 40);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(DISTINCT order_id) FROM public.assignments")), 40);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT sum(active_orders) FROM public.drivers")), 40);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name LIKE "
                                             "'agent-assignment%' AND data->'new'->>'status' = 'approved'")),
            80);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status <> 'delivered'")), 0);
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(DISTINCT worker_id) FROM trefoil.invocations")), 2);
    }

    void webhookEntryRunsTheSameSteps()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_webhook")));
        // No worker: the webhook calls alone move the order.
        const QString order = w.placeOrder(1, QStringLiteral("12 Main Street"), { { 3, 2 } });
        WebhookAnswer answer
            = callWebhook(w, QStringLiteral("validate-order"), hasuraPayload(order, QStringLiteral("placed")));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body.value(QLatin1String("decision")).toString(), QStringLiteral("advance"));
        QCOMPARE(answer.body.value(QLatin1String("total")).toString(), QStringLiteral("12.00"));
        QCOMPARE(w.status(order), QStringLiteral("validated"));
        answer = callWebhook(w, QStringLiteral("validate-order"), hasuraPayload(order, QStringLiteral("placed")));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body.value(QLatin1String("decision")).toString(), QStringLiteral("skip"));

        // Faults apply to webhook calls too, and a failed call leaves nothing behind.
        QCOMPARE(w.setFault(QStringLiteral("payment"), { 0, 0, true, false }), QString());
        answer = callWebhook(
            w, QStringLiteral("payment"), hasuraPayload(order, QStringLiteral("validated")), w.faults.get());
        QCOMPARE(answer.status, 500);
        QCOMPARE(
            answer.body.value(QLatin1String("error")).toString(), QStringLiteral("injected failure (always_fail)"));
        QCOMPARE(w.status(order), QStringLiteral("validated"));
        QCOMPARE(w.bed.scalar(QStringLiteral("SELECT count(*) FROM public.payments")), 0);
        QCOMPARE(w.setFault(QStringLiteral("payment"), { 0, 50, false, true }), QString());
        answer = callWebhook(
            w, QStringLiteral("payment"), hasuraPayload(order, QStringLiteral("validated")), w.faults.get());
        QCOMPARE(answer.status, 504);
        answer = callWebhook(w, QStringLiteral("payment"), hasuraPayload(order, QStringLiteral("validated")));
        QCOMPARE(answer.status, 200);
        QCOMPARE(w.status(order), QStringLiteral("paid"));

        QVERIFY(
            w.bed.sql(QStringLiteral("UPDATE public.restaurants SET preparation_delay_ms = 60000 WHERE id = 1")).ok());
        answer = callWebhook(w, QStringLiteral("restaurant-approval"), hasuraPayload(order, QStringLiteral("paid")));
        QCOMPARE(answer.status, 503);
        QVERIFY(answer.body.value(QLatin1String("retry_after_seconds")).toInt() > 50);
        QVERIFY(w.bed.sql(QStringLiteral("UPDATE public.restaurants SET preparation_delay_ms = 0 WHERE id = 1")).ok());
        QCOMPARE(
            callWebhook(w, QStringLiteral("restaurant-approval"), hasuraPayload(order, QStringLiteral("paid"))).status,
            200);
        answer = callWebhook(w, QStringLiteral("agent-assignment"), hasuraPayload(order, QStringLiteral("approved")));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.value(QLatin1String("driver_id")).toInt() > 0);
        QCOMPARE(w.status(order), QStringLiteral("agent_assigned"));

        QCOMPARE(
            callWebhook(w, QStringLiteral("no-such-function"), hasuraPayload(order, QStringLiteral("placed"))).status,
            404);
        QCOMPARE(callWebhook(w, QStringLiteral("payment"), QByteArray("{\"event\": {}}")).status, 400);
        QCOMPARE(callWebhook(w, QStringLiteral("payment"), QByteArray("not json")).status, 400);
    }

    void faultSettingsFollowPlainSql()
    {
        WorkflowBed w;
        QVERIFY(w.setUp(QStringLiteral("fn_faults")));
        QVERIFY(w.faults->settings(QStringLiteral("payment")).isNone());
        QVERIFY(
            w.bed
                .sql(QStringLiteral(
                    "INSERT INTO trefoil.function_faults (name, failure_rate, latency_ms) VALUES ('payment', 0.5, 20)"))
                .ok());
        QVERIFY(QTest::qWaitFor([&w] { return w.faults->settings(QStringLiteral("payment")).latencyMs == 20; }, 30000));
        QCOMPARE(w.faults->settings(QStringLiteral("payment")).failureRate, 0.5);
        QVERIFY(w.bed.sql(QStringLiteral("DELETE FROM trefoil.function_faults")).ok());
        QVERIFY(QTest::qWaitFor([&w] { return w.faults->settings(QStringLiteral("payment")).isNone(); }, 30000));
    }
};

// The test binary doubles as a worker process for the multi-process test:
//   tst_functions --worker-child CONNINFO WORKER_ID
static int runWorkerChild(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString conninfo = QString::fromLocal8Bit(argv[2]);
    pg::Pool pool(conninfo, 4);
    pg::Listener listener(conninfo);
    functions::FaultInjector faults(&pool, &listener);
    faults.start();
    events::HandlerRegistry handlers;
    functions::registerWorkflowFunctions(handlers, &faults);
    events::WorkerOptions options;
    options.workerId = QString::fromLocal8Bit(argv[3]);
    options.sweepIntervalMs = 200;
    events::EventWorker worker(&pool, &listener, &handlers, options);
    worker.start();
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    return app.exec();
}

int main(int argc, char *argv[])
{
    if (argc == 4 && std::strcmp(argv[1], "--worker-child") == 0)
        return runWorkerChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestFunctions test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_functions.moc"
