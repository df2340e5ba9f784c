// The order workflow's decisions (the "operate" part of each function), without a database.
#include "core/workflow/approval.h"
#include "core/workflow/assignment.h"
#include "core/workflow/money.h"
#include "core/workflow/payment.h"
#include "core/workflow/validation.h"

#include <QTest>

using namespace trefoil::workflow;

namespace {
OrderLine line(int id, const char *name, int quantity, qint64 priceCents, bool onMenu = true, bool available = true)
{
    OrderLine l;
    l.menuItemId = id;
    l.name = QLatin1String(name);
    l.quantity = quantity;
    l.priceCents = priceCents;
    l.onMenu = onMenu;
    l.available = available;
    return l;
}

ValidationInput goodOrder()
{
    ValidationInput input;
    input.status = OrderStatus::Placed;
    input.address = QStringLiteral("1 Main Street");
    input.restaurantName = QStringLiteral("Trattoria Roma");
    input.restaurantOpen = true;
    input.lines = { line(1, "Margherita pizza", 2, 950), line(3, "Tiramisu", 1, 600) };
    return input;
}

DriverCandidate driver(int id, int active, const QDateTime &last = {})
{
    return { id, active, last };
}
} // namespace

class TestWorkflow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statusNames()
    {
        for (OrderStatus s : { OrderStatus::Placed, OrderStatus::Validated, OrderStatus::Paid, OrderStatus::Approved,
                 OrderStatus::AgentAssigned, OrderStatus::Rejected, OrderStatus::PaymentDeclined, OrderStatus::Failed })
            QCOMPARE(orderStatusFromString(statusName(s)).value(), s);
        QCOMPARE(statusName(OrderStatus::AgentAssigned), QStringLiteral("agent_assigned"));
        QVERIFY(!orderStatusFromString(QStringLiteral("Placed")));
        QVERIFY(isFinal(OrderStatus::PaymentDeclined));
        QVERIFY(isFinal(OrderStatus::AgentAssigned));
        QVERIFY(!isFinal(OrderStatus::Paid));
    }

    void money()
    {
        QCOMPARE(money::parseCents(QStringLiteral("12.50")).value_or(-1), 1250);
        QCOMPARE(money::parseCents(QStringLiteral("12.5")).value_or(-1), 1250);
        QCOMPARE(money::parseCents(QStringLiteral("7")).value_or(-1), 700);
        QCOMPARE(money::parseCents(QStringLiteral("0.07")).value_or(-1), 7);
        QCOMPARE(money::parseCents(QStringLiteral("-3.10")).value_or(-1), -310);
        QVERIFY(!money::parseCents(QStringLiteral("1.234")));
        QVERIFY(!money::parseCents(QStringLiteral("abc")));
        QVERIFY(!money::parseCents(QStringLiteral("")));
        QVERIFY(!money::parseCents(QStringLiteral(".5")));
        QCOMPARE(money::format(1250), QStringLiteral("12.50"));
        QCOMPARE(money::format(7), QStringLiteral("0.07"));
        QCOMPARE(money::format(0), QStringLiteral("0.00"));
        QCOMPARE(money::format(-310), QStringLiteral("-3.10"));
    }

    void stepDecisionKinds()
    {
        QVERIFY(StepDecision::skip({}).delivers());
        QVERIFY(!StepDecision::skip({}).changesOrder());
        QVERIFY(StepDecision::wait({}).delivers());
        QVERIFY(StepDecision::advance(OrderStatus::Paid).changesOrder());
        QVERIFY(StepDecision::terminate(OrderStatus::Rejected, QStringLiteral("x")).changesOrder());
        QVERIFY(!StepDecision::retryLater(5, {}).delivers());
        QVERIFY(!StepDecision::fail({}).delivers());
        QCOMPARE(StepDecision::retryLater(5, {}).actionName(), QStringLiteral("retry_later"));
    }

    // validate-order

    void validOrderIsValidatedWithItsTotal()
    {
        const ValidationDecision d = Validation::decide(goodOrder());
        QCOMPARE(d.step.action, StepAction::Advance);
        QCOMPARE(d.step.status, OrderStatus::Validated);
        QCOMPARE(d.totalCents, 2 * 950 + 600);
    }

    void validationSkipsOrdersNotPlaced()
    {
        for (OrderStatus s : { OrderStatus::Validated, OrderStatus::AgentAssigned, OrderStatus::Rejected }) {
            ValidationInput input = goodOrder();
            input.status = s;
            const ValidationDecision d = Validation::decide(input);
            QCOMPARE(d.step.action, StepAction::Skip);
            QVERIFY(d.step.reason.contains(statusName(s)));
        }
    }

    void closedRestaurantRejects()
    {
        ValidationInput input = goodOrder();
        input.restaurantOpen = false;
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.action, StepAction::Terminate);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QCOMPARE(d.step.reason, QStringLiteral("Trattoria Roma is closed"));
    }

    void emptyAddressRejects()
    {
        ValidationInput input = goodOrder();
        input.address = QStringLiteral("   ");
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QCOMPARE(d.step.reason, QStringLiteral("the delivery address is empty"));
    }

    void noItemsRejects()
    {
        ValidationInput input = goodOrder();
        input.lines.clear();
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QCOMPARE(d.step.reason, QStringLiteral("the order has no items"));
    }

    void tooManyLinesRejects()
    {
        ValidationInput input = goodOrder();
        input.lines.clear();
        for (int i = 0; i <= Validation::MaxLines; ++i)
            input.lines.append(line(1, "Margherita pizza", 1, 950));
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QVERIFY(d.step.reason.contains(QLatin1String("more than the 100 allowed")));
    }

    void quantitiesMustBeFromOneToFifty_data()
    {
        QTest::addColumn<int>("quantity");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("zero") << 0 << false;
        QTest::newRow("negative") << -2 << false;
        QTest::newRow("one") << 1 << true;
        QTest::newRow("fifty") << 50 << true;
        QTest::newRow("fifty-one") << 51 << false;
    }
    void quantitiesMustBeFromOneToFifty()
    {
        QFETCH(int, quantity);
        QFETCH(bool, accepted);
        ValidationInput input = goodOrder();
        input.lines = { line(1, "Margherita pizza", quantity, 950) };
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.action, accepted ? StepAction::Advance : StepAction::Terminate);
        if (accepted)
            QCOMPARE(d.totalCents, qint64(quantity) * 950);
        else
            QVERIFY2(d.step.reason.contains(QLatin1String("\"Margherita pizza\"")), qPrintable(d.step.reason));
    }

    void itemNotOnThisMenuRejects()
    {
        ValidationInput input = goodOrder();
        input.lines.append(line(5, "Salmon nigiri (2)", 1, 550, false));
        input.lines.append(line(999, "", 1, 0, false));
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QCOMPARE(d.step.reason,
            QStringLiteral("\"Salmon nigiri (2)\" is not on the menu of Trattoria Roma; item #999 is not on the menu "
                           "of Trattoria Roma"));
    }

    void unavailableItemRejects()
    {
        ValidationInput input = goodOrder();
        input.lines.append(line(4, "Truffle risotto", 1, 1800, true, false));
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QCOMPARE(d.step.reason, QStringLiteral("\"Truffle risotto\" is not available"));
    }

    void everyProblemIsNamed()
    {
        ValidationInput input = goodOrder();
        input.restaurantOpen = false;
        input.address.clear();
        input.lines = { line(4, "Truffle risotto", 60, 1800, true, false) };
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.reason.split(QStringLiteral("; ")).size(), 4);
    }

    void totalBeyondNumericRejects()
    {
        ValidationInput input = goodOrder();
        input.lines = { line(1, "Gold", 50, money::MaxCents / 10) };
        const ValidationDecision d = Validation::decide(input);
        QCOMPARE(d.step.status, OrderStatus::Rejected);
        QVERIFY(d.step.reason.contains(QLatin1String("more than can be paid")));
    }

    // payment

    void paymentSkipsOrdersNotValidated()
    {
        PaymentInput input { OrderStatus::Paid, PaymentMode::Automatic, 1000 };
        QCOMPARE(Payment::decide(input).step.action, StepAction::Skip);
        input.status = OrderStatus::Placed;
        QCOMPARE(Payment::decide(input).step.action, StepAction::Skip);
    }

    void automaticPaymentPaysTheTotal()
    {
        const PaymentDecision d = Payment::decide({ OrderStatus::Validated, PaymentMode::Automatic, 2500 });
        QCOMPARE(d.step.action, StepAction::Advance);
        QCOMPARE(d.step.status, OrderStatus::Paid);
        QCOMPARE(d.amountCents, 2500);
    }

    void manualPaymentWaits()
    {
        const PaymentDecision d = Payment::decide({ OrderStatus::Validated, PaymentMode::Manual, 2500 });
        QCOMPARE(d.step.action, StepAction::Wait);
        QVERIFY(d.step.delivers());
        QVERIFY(!d.step.changesOrder());
    }

    void paymentWithoutTotalFails()
    {
        const PaymentDecision d = Payment::decide({ OrderStatus::Validated, PaymentMode::Automatic, std::nullopt });
        QCOMPARE(d.step.action, StepAction::Terminate);
        QCOMPARE(d.step.status, OrderStatus::Failed);
        QVERIFY(!d.step.reason.isEmpty());
    }

    // restaurant-approval

    void approvalSkipsOrdersNotPaid()
    {
        ApprovalInput input;
        input.status = OrderStatus::Validated;
        QCOMPARE(Approval::decide(input).action, StepAction::Skip);
        input.status = OrderStatus::Approved;
        QCOMPARE(Approval::decide(input).action, StepAction::Skip);
    }

    void paidOrderIsApproved()
    {
        ApprovalInput input;
        input.status = OrderStatus::Paid;
        const StepDecision d = Approval::decide(input);
        QCOMPARE(d.action, StepAction::Advance);
        QCOMPARE(d.status, OrderStatus::Approved);
    }

    void manualApprovalWaits()
    {
        ApprovalInput input;
        input.status = OrderStatus::Paid;
        input.mode = ApprovalMode::Manual;
        input.restaurantName = QStringLiteral("Curry Corner");
        input.preparationDelayMs = 5000;
        const StepDecision d = Approval::decide(input);
        QCOMPARE(d.action, StepAction::Wait);
        QVERIFY(d.delivers());
        QVERIFY(!d.changesOrder());
        QVERIFY(d.reason.contains(QLatin1String("Curry Corner")));
        // What the restaurant cannot make is still declined without asking anyone.
        input.unavailableItems = { QStringLiteral("Dal") };
        QCOMPARE(Approval::decide(input).action, StepAction::Terminate);
        input.unavailableItems.clear();
        input.restaurantOpen = false;
        QCOMPARE(Approval::decide(input).action, StepAction::Terminate);
        input.restaurantOpen = true;
        input.status = OrderStatus::Approved;
        QCOMPARE(Approval::decide(input).action, StepAction::Skip);
    }

    void closedRestaurantDeclines()
    {
        ApprovalInput input;
        input.status = OrderStatus::Paid;
        input.restaurantName = QStringLiteral("Taco Loco");
        input.restaurantOpen = false;
        const StepDecision d = Approval::decide(input);
        QCOMPARE(d.status, OrderStatus::Rejected);
        QCOMPARE(d.reason, QStringLiteral("Taco Loco declined the order: it has closed"));
    }

    void unavailableItemDeclines()
    {
        ApprovalInput input;
        input.status = OrderStatus::Paid;
        input.restaurantName = QStringLiteral("Taco Loco");
        input.unavailableItems = { QStringLiteral("Burrito") };
        QCOMPARE(Approval::decide(input).reason,
            QStringLiteral("Taco Loco declined the order: Burrito is no longer available"));
        input.unavailableItems.append(QStringLiteral("Guacamole"));
        QCOMPARE(Approval::decide(input).reason,
            QStringLiteral("Taco Loco declined the order: Burrito, Guacamole are no longer available"));
        QCOMPARE(Approval::decide(input).action, StepAction::Terminate);
    }

    void preparationDelayAsksForALaterRetry()
    {
        ApprovalInput input;
        input.status = OrderStatus::Paid;
        input.preparationDelayMs = 5000;
        input.msSincePaid = 1200;
        const StepDecision d = Approval::decide(input);
        QCOMPARE(d.action, StepAction::RetryLater);
        QCOMPARE(d.retryAfterMs, 3800);
        QVERIFY(!d.delivers());
        input.msSincePaid = 5000;
        QCOMPARE(Approval::decide(input).action, StepAction::Advance);
        // A decline does not wait for the delay.
        input.msSincePaid = 0;
        input.restaurantOpen = false;
        QCOMPARE(Approval::decide(input).action, StepAction::Terminate);
    }

    // agent-assignment

    void assignmentSkipsOrdersNotApproved()
    {
        AssignmentInput input;
        input.status = OrderStatus::Paid;
        input.candidates = { driver(1, 0) };
        QCOMPARE(Assignment::decide(input).step.action, StepAction::Skip);
        input.status = OrderStatus::AgentAssigned;
        input.assignedDriver = 1;
        QCOMPARE(Assignment::decide(input).step.action, StepAction::Skip);
    }

    void existingAssignmentIsKept()
    {
        AssignmentInput input;
        input.status = OrderStatus::Approved;
        input.assignedDriver = 4;
        input.candidates = { driver(1, 0) };
        const AssignmentDecision d = Assignment::decide(input);
        QCOMPARE(d.step.action, StepAction::Advance);
        QCOMPARE(d.driverId, 4);
        QVERIFY(!d.newAssignment);
    }

    void noFreeDriverFailsTheAttempt()
    {
        AssignmentInput input;
        input.status = OrderStatus::Approved;
        const AssignmentDecision d = Assignment::decide(input);
        QCOMPARE(d.step.action, StepAction::Fail);
        QVERIFY(!d.step.delivers());
        QCOMPARE(d.step.reason, QStringLiteral("no driver is available"));
    }

    void leastLoadedThenLongestIdle()
    {
        const QDateTime early = QDateTime::fromSecsSinceEpoch(1000, Qt::UTC);
        const QDateTime late = QDateTime::fromSecsSinceEpoch(2000, Qt::UTC);
        AssignmentInput input;
        input.status = OrderStatus::Approved;
        input.candidates = { driver(1, 2), driver(2, 1, late), driver(3, 1, early), driver(4, 3) };
        AssignmentDecision d = Assignment::decide(input);
        QCOMPARE(d.driverId, 3);
        QVERIFY(d.newAssignment);
        QCOMPARE(d.step.status, OrderStatus::AgentAssigned);
        // Never assigned beats any time; then the lowest id.
        input.candidates = { driver(7, 1, early), driver(6, 1), driver(5, 1) };
        QCOMPARE(Assignment::decide(input).driverId, 5);
        input.candidates = { driver(9, 0, late), driver(8, 1) };
        QCOMPARE(Assignment::decide(input).driverId, 9);
    }
};

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
