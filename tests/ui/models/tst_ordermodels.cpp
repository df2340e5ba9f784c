// The Orders page's models: OrderWorkflow (which step is done, current or red, from an order row
// and its failing event) and OrderListModel (the table as people read it) under
// QAbstractItemModelTester, fed successive results through a KeyedRowModel.
#include "ui/models/keyedrowmodel.h"
#include "ui/models/orderlistmodel.h"
#include "ui/models/orderworkflow.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using trefoil::ui::KeyedRowModel;
using trefoil::ui::OrderListModel;
using trefoil::ui::OrderWorkflow;
using State = OrderWorkflow::StepState;

namespace {

const QDateTime Now = QDateTime::fromString(QStringLiteral("2026-12-04T12:00:00Z"), Qt::ISODate);

QString at(int secondsAgo)
{
    return Now.addSecs(-secondsAgo).toString(Qt::ISODateWithMs);
}

QJsonObject order(const QString &id, const QString &status, int ageSeconds = 5, double total = 12.5)
{
    QJsonObject o { { QStringLiteral("id"), id }, { QStringLiteral("user_id"), QStringLiteral("user-1") },
        { QStringLiteral("restaurant"), QJsonObject { { QStringLiteral("name"), QStringLiteral("Trattoria Roma") } } },
        { QStringLiteral("status"), status }, { QStringLiteral("total"), total },
        { QStringLiteral("created_at"), at(ageSeconds) } };
    const QStringList times { QStringLiteral("validated_at"), QStringLiteral("paid_at"), QStringLiteral("approved_at"),
        QStringLiteral("agent_assigned_at") };
    const QStringList statuses { QStringLiteral("validated"), QStringLiteral("paid"), QStringLiteral("approved"),
        QStringLiteral("agent_assigned") };
    const int reached = int(statuses.indexOf(status));
    for (int i = 0; i <= reached; ++i)
        o.insert(times.at(i), at(ageSeconds - 1));
    return o;
}

QList<KeyedRowModel::Column> columns()
{
    return { { QStringLiteral("id"), QStringLiteral("Order") }, { QStringLiteral("user_id"), QStringLiteral("User") },
        { QStringLiteral("restaurant.name"), QStringLiteral("Restaurant") },
        { QStringLiteral("total"), QStringLiteral("Total") }, { QStringLiteral("status"), QStringLiteral("Workflow") },
        { QStringLiteral("created_at"), QStringLiteral("Age") } };
}

QString uuid(int n)
{
    return QStringLiteral("%1-0000-4000-8000-000000000000").arg(n, 8, 16, QLatin1Char('0'));
}

} // namespace

class TestOrderModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void workflowFromStatus()
    {
        const OrderWorkflow placed = OrderWorkflow::fromRow(order(uuid(1), QStringLiteral("placed")));
        QCOMPARE(placed.stateOf(0), State::Done);
        QCOMPARE(placed.stateOf(1), State::Current);
        QCOMPARE(placed.stateOf(2), State::Pending);
        QCOMPARE(placed.failedStep, -1);

        const OrderWorkflow paid = OrderWorkflow::fromRow(order(uuid(1), QStringLiteral("paid")));
        QCOMPARE(paid.stateOf(2), State::Done);
        QCOMPARE(paid.stateOf(3), State::Current);

        const OrderWorkflow assigned = OrderWorkflow::fromRow(order(uuid(1), QStringLiteral("agent_assigned")));
        QVERIFY(assigned.finished);
        for (int step = 0; step < OrderWorkflow::StepCount; ++step)
            QCOMPARE(assigned.stateOf(step), State::Done);
    }

    void terminalFailureIsTheStepAfterTheLastDone()
    {
        QJsonObject rejected = order(uuid(1), QStringLiteral("paid"));
        rejected.insert(QStringLiteral("status"), QStringLiteral("rejected"));
        rejected.insert(QStringLiteral("status_reason"), QStringLiteral("kitchen closed"));
        const OrderWorkflow workflow = OrderWorkflow::fromRow(rejected);
        QCOMPARE(workflow.reached, 2);
        QCOMPARE(workflow.failedStep, 3);
        QCOMPARE(workflow.stateOf(3), State::Failed);
        QCOMPARE(workflow.stateOf(4), State::Pending);
        QCOMPARE(workflow.error, QStringLiteral("kitchen closed"));

        QJsonObject invalid = order(uuid(2), QStringLiteral("placed"));
        invalid.insert(QStringLiteral("status"), QStringLiteral("failed"));
        QCOMPARE(OrderWorkflow::fromRow(invalid).failedStep, 1);
    }

    void failingEventMarksItsStep()
    {
        const QJsonArray orders { order(uuid(1), QStringLiteral("validated")), order(uuid(2), QStringLiteral("paid")) };
        const QJsonArray failing { QJsonObject { { QStringLiteral("order_id"), uuid(1) },
                                       { QStringLiteral("trigger_name"), QStringLiteral("payment") },
                                       { QStringLiteral("status"), QStringLiteral("pending") },
                                       { QStringLiteral("tries"), 3 },
                                       { QStringLiteral("last_error"), QStringLiteral("injected failure") } },
            // An event of a step the order has since passed is stale and ignored.
            QJsonObject { { QStringLiteral("order_id"), uuid(2) },
                { QStringLiteral("trigger_name"), QStringLiteral("validate-order") },
                { QStringLiteral("status"), QStringLiteral("pending") }, { QStringLiteral("tries"), 1 },
                { QStringLiteral("last_error"), QStringLiteral("old") } } };
        const QJsonArray merged = OrderWorkflow::withFailures(orders, failing);
        QCOMPARE(merged.size(), 2);
        const OrderWorkflow first = OrderWorkflow::fromRow(merged.at(0).toObject());
        QCOMPARE(first.failedStep, 2);
        QCOMPARE(first.stateOf(2), State::Failed);
        QCOMPARE(first.stateOf(1), State::Done);
        QCOMPARE(first.tries, 3);
        QVERIFY(!first.dead);
        QCOMPARE(first.error, QStringLiteral("injected failure"));
        const OrderWorkflow second = OrderWorkflow::fromRow(merged.at(1).toObject());
        QCOMPARE(second.failedStep, -1);
        QCOMPARE(second.stateOf(3), State::Current);
        QVERIFY(
            !merged.at(0).toObject().value(QStringLiteral("failing")).toObject().contains(QStringLiteral("order_id")));
    }

    // The order row can be older than its failing event (they come from two live queries): the
    // event's step implies the steps before it are done.
    void failingEventIsNewerThanTheRow()
    {
        const QJsonArray merged = OrderWorkflow::withFailures({ order(uuid(1), QStringLiteral("placed")) },
            { QJsonObject { { QStringLiteral("order_id"), uuid(1) },
                { QStringLiteral("trigger_name"), QStringLiteral("payment") },
                { QStringLiteral("status"), QStringLiteral("pending") }, { QStringLiteral("tries"), 1 },
                { QStringLiteral("last_error"), QStringLiteral("injected failure") } } });
        const OrderWorkflow workflow = OrderWorkflow::fromRow(merged.at(0).toObject());
        QCOMPARE(workflow.stateOf(1), State::Done);
        QCOMPARE(workflow.stateOf(2), State::Failed);
        QCOMPARE(workflow.stateOf(3), State::Pending);
    }

    void formats()
    {
        QCOMPARE(OrderListModel::formatAge(0), QStringLiteral("0 s"));
        QCOMPARE(OrderListModel::formatAge(59), QStringLiteral("59 s"));
        QCOMPARE(OrderListModel::formatAge(61), QStringLiteral("1 min"));
        QCOMPARE(OrderListModel::formatAge(7200), QStringLiteral("2 h"));
        QCOMPARE(OrderListModel::formatAge(3 * 86400), QStringLiteral("3 d"));
        QCOMPARE(OrderListModel::formatAge(-5), QStringLiteral("0 s"));
        QCOMPARE(OrderListModel::shortId(uuid(0x1a2b3c4d)), QStringLiteral("1a2b3c4d"));
    }

    void listModelShowsReadableValues()
    {
        KeyedRowModel rows(QStringLiteral("id"), columns());
        OrderListModel model(&rows);
        model.setAgeUpdatesEnabled(false);
        model.setNow(Now);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setRows({ order(uuid(0x1bcdef12), QStringLiteral("agent_assigned"), 125, 21) });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("1bcdef12"));
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), uuid(0x1bcdef12));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("Trattoria Roma"));
        QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("21.00"));
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("assigned"));
        QCOMPARE(model.index(0, 5).data().toString(), QStringLiteral("2 min"));
        // The row object passes through for the workflow delegate.
        QCOMPARE(model.index(0, 4).data(KeyedRowModel::RowObjectRole).toJsonObject().value(QStringLiteral("status")),
            QStringLiteral("agent_assigned"));
    }

    void agesMoveOnAsOneColumnChange()
    {
        KeyedRowModel rows(QStringLiteral("id"), columns());
        OrderListModel model(&rows);
        model.setAgeUpdatesEnabled(false);
        model.setNow(Now);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setRows({ order(uuid(1), QStringLiteral("placed"), 10), order(uuid(2), QStringLiteral("paid"), 20) });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setNow(Now.addSecs(60));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, 5));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(1, 5));
        QCOMPARE(model.index(0, 5).data().toString(), QStringLiteral("1 min"));
        QCOMPARE(reset.size(), 0);
    }

    // Seeded random successive windows (statuses advancing, rows entering and leaving, failures
    // coming and going) through KeyedRowModel and the proxy, under the tester; after each, the
    // proxy shows exactly the window.
    void randomSuccessiveWindows()
    {
        KeyedRowModel rows(QStringLiteral("id"), columns());
        OrderListModel model(&rows);
        model.setAgeUpdatesEnabled(false);
        model.setNow(Now);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QRandomGenerator random(1234);
        const QStringList statuses { QStringLiteral("placed"), QStringLiteral("validated"), QStringLiteral("paid"),
            QStringLiteral("approved"), QStringLiteral("agent_assigned") };
        QHash<int, int> progress; // order number → status index
        int next = 0;
        for (int round = 0; round < 300; ++round) {
            // New orders arrive, old ones leave the window of 40, some advance.
            for (int n = int(random.bounded(4)); n > 0; --n)
                progress.insert(next++, 0);
            for (auto it = progress.begin(); it != progress.end(); ++it) {
                if (it.value() < 4 && random.bounded(3) == 0)
                    ++it.value();
            }
            QList<int> keys = progress.keys();
            std::sort(keys.begin(), keys.end(), std::greater<>());
            QJsonArray window;
            QJsonArray failing;
            for (int i = 0; i < std::min<qsizetype>(40, keys.size()); ++i) {
                const int key = keys.at(i);
                window.append(order(uuid(key), statuses.at(progress.value(key)), next - key));
                if (progress.value(key) < 4 && random.bounded(10) == 0)
                    failing.append(QJsonObject { { QStringLiteral("order_id"), uuid(key) },
                        { QStringLiteral("trigger_name"), QStringLiteral("agent-assignment") },
                        { QStringLiteral("status"), QStringLiteral("pending") }, { QStringLiteral("tries"), 2 },
                        { QStringLiteral("last_error"), QStringLiteral("no driver") } });
            }
            rows.setRows(OrderWorkflow::withFailures(window, failing));
            QCOMPARE(model.rowCount(), window.size());
            for (int i = 0; i < window.size(); ++i) {
                const QJsonObject expected = window.at(i).toObject();
                QCOMPARE(model.index(i, 0).data(Qt::ToolTipRole).toString(),
                    expected.value(QStringLiteral("id")).toString());
                QCOMPARE(model.index(i, 4).data().toString(),
                    OrderListModel::statusText(expected.value(QStringLiteral("status")).toString()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestOrderModels)
#include "tst_ordermodels.moc"
