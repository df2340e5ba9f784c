// The Events page against the real trefoild: the bulk runner redelivers N dead events in batches
// (one audit row, N touched) and Cancel stops it between batches; the page shows the count of
// each state on its tab and one failure group for events whose errors differ only in ids, numbers
// and times; the detail of an UPDATE event shows the old and new row side by side; Retry all
// matching asks first with the count, and the Audit log tab shows the action with its actor.
// The events are inserted for triggers that do not exist, so no worker claims them.
#include "tests/support/dashboardserver.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/diagnostics/guistallmonitor.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/models/rowdiffmodel.h"
#include "ui/pages/events/auditlogview.h"
#include "ui/pages/events/bulkactionbar.h"
#include "ui/pages/events/bulkactionrunner.h"
#include "ui/pages/events/eventdetailpanel.h"
#include "ui/pages/events/eventspage.h"
#include "ui/widgets/messagebar.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QJsonArray>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace trefoil::ui;
using trefoil::test::DashboardServer;

namespace {

// The OS user name the client sends (set before it connects): the audit log's actor.
const QString Operator = QStringLiteral("events-test-operator");

} // namespace

class TestEventsPage : public QObject {
    Q_OBJECT

    DashboardServer m_server { QStringLiteral(TREFOILD_PATH), QStringLiteral("eventspage") };
    GraphqlWsClient *m_client = nullptr;

    QString sql(const QString &statement)
    {
        QString error;
        const QString output = m_server.psql(statement, &error);
        [&] { QVERIFY2(error.isEmpty(), qPrintable(error)); }();
        return output;
    }

    // `count` events of `trigger` on public.`table` in `status`; the error differs per event only
    // in a uuid, a number and a timestamp, so all of them share one fingerprint.
    void insertEvents(const QString &trigger, const QString &table, const QString &status, int count,
        const QString &errorPrefix = QStringLiteral("HTTP 500 from handler"), int tries = 3)
    {
        sql(QStringLiteral(
            "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries, last_error,"
            "                            next_attempt_at)"
            " SELECT '%1', 'public', '%2', 'INSERT', jsonb_build_object('old', null, 'new', jsonb_build_object('id', g,"
            "        'note', 'row ' || g)), '%3', %5,"
            "        CASE WHEN %5 > 0 THEN '%4: order ' || gen_random_uuid() || ' failed after ' || g || ' ms at '"
            "             || to_char(clock_timestamp(), 'YYYY-MM-DD\"T\"HH24:MI:SS.US') END,"
            "        now() + interval '1 hour'"
            "   FROM generate_series(1, %6) g")
                .arg(trigger, table, status, errorPrefix)
                .arg(tries)
                .arg(count));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qputenv("USER", Operator.toUtf8());
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_client = m_server.client();
    }

    void pageWithoutClientIsAnEmptyFrame()
    {
        EventsPage page(nullptr);
        page.refresh();
        page.retryMatching();
        page.redeliverSelected();
        page.nextPage();
        QCOMPARE(page.events()->rowCount(), 0);
        QVERIFY(page.confirmation() == nullptr);
    }

    void runnerRedeliversInBatchesAndReportsTheCount()
    {
        insertEvents(QStringLiteral("bulk_redeliver"), QStringLiteral("bulk"), QStringLiteral("dead"), 1200);
        BulkActionRunner runner(m_client);
        runner.setBatchSize(500);
        QSignalSpy counted(&runner, &BulkActionRunner::counted);
        QSignalSpy progress(&runner, &BulkActionRunner::progress);
        QSignalSpy finished(&runner, &BulkActionRunner::finished);
        QSignalSpy failed(&runner, &BulkActionRunner::failed);
        const QJsonObject filter { { QStringLiteral("trigger"), QStringLiteral("bulk_redeliver") },
            { QStringLiteral("statuses"), QJsonArray { QStringLiteral("dead") } } };
        runner.prepare(BulkActionRunner::Action::Redeliver, filter);
        QTRY_COMPARE_WITH_TIMEOUT(counted.size() + failed.size(), 1, 30000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(counted.first().first().toLongLong(), 1200);
        QCOMPARE(runner.stage(), BulkActionRunner::Stage::Counted);
        runner.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(finished.first().at(0).toLongLong(), 1200);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QVERIFY2(runner.batches() >= 3, qPrintable(QString::number(runner.batches())));
        QVERIFY(progress.size() >= 3); // the GUI heard of each batch
        QCOMPARE(BulkActionRunner::summary(runner.action(), runner.done(), false),
            QStringLiteral("Redelivered 1,200 events."));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'bulk_redeliver'"
                                    " AND status = 'pending' AND redelivered = 1")),
            QStringLiteral("1200"));
        // All the batches are one operator action: one audit row that touched them all.
        QCOMPARE(sql(QStringLiteral("SELECT count(*) || ' ' || max(touched) FROM trefoil.audit_log"
                                    " WHERE filter->>'trigger' = 'bulk_redeliver'")),
            QStringLiteral("1 1200"));
    }

    void cancelStopsBetweenBatches()
    {
        insertEvents(QStringLiteral("bulk_stop"), QStringLiteral("bulk"), QStringLiteral("dead"), 1000);
        BulkActionRunner runner(m_client);
        runner.setBatchSize(100);
        QSignalSpy finished(&runner, &BulkActionRunner::finished);
        QSignalSpy failed(&runner, &BulkActionRunner::failed);
        // Cancel as the first batch reports: the next one is never sent.
        connect(&runner, &BulkActionRunner::progress, &runner, [&runner](qint64 done) {
            if (done > 0)
                runner.cancel();
        });
        connect(&runner, &BulkActionRunner::counted, &runner, &BulkActionRunner::run);
        runner.prepare(BulkActionRunner::Action::Redeliver,
            { { QStringLiteral("trigger"), QStringLiteral("bulk_stop") },
                { QStringLiteral("statuses"), QJsonArray { QStringLiteral("dead") } } });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(finished.first().at(0).toLongLong(), 100);
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(runner.batches(), 1);
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'bulk_stop'"
                                    " AND status = 'pending'")),
            QStringLiteral("100"));
    }

    void pageShowsCountsPerTabAndOneGroupPerCause()
    {
        insertEvents(QStringLiteral("tabs_trigger"), QStringLiteral("tabs_tbl"), QStringLiteral("dead"), 3);
        insertEvents(
            QStringLiteral("tabs_trigger"), QStringLiteral("tabs_tbl"), QStringLiteral("pending"), 2, QString(), 0);
        insertEvents(QStringLiteral("tabs_trigger"), QStringLiteral("tabs_tbl"), QStringLiteral("pending"), 1,
            QStringLiteral("connection refused"), 1);
        insertEvents(
            QStringLiteral("tabs_trigger"), QStringLiteral("tabs_tbl"), QStringLiteral("delivered"), 4, QString(), 0);
        EventsPage page(m_client);
        QAbstractItemModelTester events(page.events(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester groups(page.groups(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("tabs_tbl"));
        const auto label = [&page](const QString &state) {
            for (int i = 0; i < page.stateTabs()->count(); ++i) {
                if (page.stateTabs()->tabData(i).toString() == state)
                    return page.stateTabs()->tabText(i);
            }
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(label(QStringLiteral("dead")), QStringLiteral("Dead (3)"), 30000);
        QCOMPARE(label(QStringLiteral("pending")), QStringLiteral("Pending (2)"));
        QCOMPARE(label(QStringLiteral("retrying")), QStringLiteral("Retrying (1)"));
        QCOMPARE(label(QStringLiteral("delivered")), QStringLiteral("Delivered (4)"));
        QCOMPARE(label(QStringLiteral("in_flight")), QStringLiteral("In flight (0)"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 10, 30000);
        page.setCurrentState(QStringLiteral("dead"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 3, 30000);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(page.events()->rowObject(row).value(QStringLiteral("state")).toString(), QStringLiteral("dead"));

        // Three errors that differ in ids, numbers and times are one group; the other cause is another.
        page.tabs()->setCurrentIndex(EventsPage::GroupsTab);
        QTRY_COMPARE_WITH_TIMEOUT(page.groups()->rowCount(), 2, 30000);
        const QJsonObject biggest = page.groups()->rowObject(0);
        QCOMPARE(biggest.value(QStringLiteral("count")).toInt(), 3);
        QCOMPARE(biggest.value(QStringLiteral("trigger")).toString(), QStringLiteral("tabs_trigger"));
        QVERIFY(biggest.value(QStringLiteral("sample_error")).toString().startsWith(QStringLiteral("HTTP 500")));
        QCOMPARE(page.groups()->rowObject(1).value(QStringLiteral("count")).toInt(), 1);

        // Show events of the group narrows the list to its three events.
        page.groupTable()->selectRow(0);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("showGroupButton")), Qt::LeftButton);
        QCOMPARE(page.tabs()->currentIndex(), int(EventsPage::EventsTab));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 3, 30000);
        QVERIFY2(page.messageBar()->text().isEmpty(), qPrintable(page.messageBar()->text()));
    }

    void detailShowsTheDifferenceOfAnUpdate()
    {
        const QString id = sql(QStringLiteral(
            "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries, delivered_at)"
            " VALUES ('diff_trigger', 'public', 'diff_tbl', 'UPDATE',"
            "   '{\"old\": {\"id\": 1, \"status\": \"placed\", \"total\": 5}, \"new\": {\"id\": 1, \"status\": "
            "\"paid\","
            "     \"total\": 5}}', 'delivered', 1, now()) RETURNING id"));
        QVERIFY(!id.isEmpty());
        sql(QStringLiteral("INSERT INTO trefoil.invocations (event_id, trigger_name, attempt, worker_id, started_at,"
                           " duration_ms, http_status, request, response)"
                           " VALUES ('%1', 'diff_trigger', 1, 'worker-a', now(), 12.5, 200, '{\"event\": 1}', 'ok')")
                .arg(id));
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("diff_tbl"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 1, 30000);
        page.eventTable()->selectRow(0);
        QCOMPARE(page.detail()->eventId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(!page.detail()->eventObject().isEmpty(), 30000);
        QCOMPARE(page.detail()->tabs()->currentIndex(), int(EventDetailPanel::ChangesTab));
        RowDiffModel *diff = page.detail()->diff();
        QAbstractItemModelTester tester(diff, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(diff->changedCount(), 1);
        QCOMPARE(diff->fieldAt(0), QStringLiteral("status"));
        QCOMPARE(diff->index(0, RowDiffModel::OldColumn).data().toString(), QStringLiteral("placed"));
        QCOMPARE(diff->index(0, RowDiffModel::NewColumn).data().toString(), QStringLiteral("paid"));
        QVERIFY(page.detail()->payloadView()->toPlainText().contains(QStringLiteral("\"status\": \"paid\"")));
        QCOMPARE(page.detail()->invocations().size(), 1);
        QCOMPARE(page.detail()->invocations().first().toObject().value(QStringLiteral("http_status")).toInt(), 200);
        QVERIFY(page.detail()->releaseButton()->isHidden()); // not in flight
        QVERIFY2(page.messageBar()->text().isEmpty(), qPrintable(page.messageBar()->text()));
    }

    void retryMatchingConfirmsWithTheCountAndIsAudited()
    {
        insertEvents(QStringLiteral("audit_trigger"), QStringLiteral("audit_tbl"), QStringLiteral("dead"), 2);
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("audit_tbl"));
        page.setCurrentState(QStringLiteral("dead"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 2, 30000);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("retryMatchingButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.confirmation() != nullptr, 30000);
        QVERIFY2(page.confirmation()->text().startsWith(QStringLiteral("Redeliver 2 dead events")),
            qPrintable(page.confirmation()->text()));
        QTest::mouseClick(page.confirmation()->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.messageBar()->text(), QStringLiteral("Redelivered 2 events."), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 0, 30000); // none dead any more

        page.tabs()->setCurrentIndex(EventsPage::AuditTab);
        KeyedRowModel *audit = page.auditLog()->entries();
        QAbstractItemModelTester tester(audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto auditRow = [audit] {
            for (int row = 0; row < audit->rowCount(); ++row) {
                const QJsonObject entry = audit->rowObject(row);
                if (entry.value(QStringLiteral("filter")).toObject().value(QStringLiteral("table")).toString()
                    == QLatin1String("audit_tbl"))
                    return entry;
            }
            return QJsonObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!auditRow().isEmpty(), 30000);
        QCOMPARE(auditRow().value(QStringLiteral("actor")).toString(), Operator);
        QCOMPARE(auditRow().value(QStringLiteral("touched")).toInt(), 2);
        QVERIFY(auditRow().value(QStringLiteral("action")).toString().contains(QStringLiteral("redeliver")));
    }

    void redeliverSelectedTouchesOnlyTheSelection()
    {
        insertEvents(QStringLiteral("select_trigger"), QStringLiteral("select_tbl"), QStringLiteral("dead"), 5);
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("select_tbl"));
        page.setCurrentState(QStringLiteral("dead"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 5, 30000);
        auto *redeliver = page.findChild<QPushButton *>(QStringLiteral("redeliverSelectedButton"));
        QVERIFY(!redeliver->isEnabled()); // nothing selected
        const QStringList chosen { page.events()->keyAt(1), page.events()->keyAt(3) };
        page.eventTable()->selectionModel()->select(
            page.eventTable()->model()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        page.eventTable()->selectionModel()->select(
            page.eventTable()->model()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(redeliver->isEnabled());
        QTest::mouseClick(redeliver, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.messageBar()->text(), QStringLiteral("Redelivered 2 events."), 30000);
        QStringList sorted = chosen;
        sorted.sort();
        QCOMPARE(sql(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) FROM trefoil.events"
                                    " WHERE table_name = 'select_tbl' AND status = 'pending'")),
            sorted.join(QLatin1Char(',')));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 3, 30000);
    }

    void releaseLeaseOfAnInFlightEvent()
    {
        const QString id = sql(QStringLiteral(
            "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries, locked_by,"
            "                            locked_until)"
            " VALUES ('lease_trigger', 'public', 'lease_tbl', 'INSERT', '{\"old\": null, \"new\": {\"id\": 1}}',"
            "         'pending', 1, 'worker-stuck', now() + interval '1 hour') RETURNING id"));
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("lease_tbl"));
        page.setCurrentState(QStringLiteral("in_flight"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 1, 30000);
        page.eventTable()->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(!page.detail()->releaseButton()->isHidden(), 30000);
        QCOMPARE(
            page.detail()->eventObject().value(QStringLiteral("locked_by")).toString(), QStringLiteral("worker-stuck"));
        QTest::mouseClick(page.detail()->releaseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.detail()->releaseButton()->isHidden(), 30000);
        QCOMPARE(sql(QStringLiteral("SELECT locked_until IS NULL OR locked_until <= now() FROM trefoil.events"
                                    " WHERE id = '%1'")
                         .arg(id)),
            QStringLiteral("t"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 0, 30000); // no longer in flight
        QVERIFY(page.messageBar()->text().startsWith(QStringLiteral("Lease released")));
    }

    void cancelPendingAsksForAReason()
    {
        insertEvents(
            QStringLiteral("cancel_trigger"), QStringLiteral("cancel_tbl"), QStringLiteral("pending"), 4, QString(), 0);
        insertEvents(QStringLiteral("cancel_trigger"), QStringLiteral("cancel_tbl"), QStringLiteral("dead"), 2);
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("cancel_tbl"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), 6, 30000);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("cancelPendingButton")), Qt::LeftButton);
        auto *reason = page.findChild<QInputDialog *>(QStringLiteral("cancelReasonDialog"));
        QVERIFY(reason);
        reason->setTextValue(QStringLiteral("customer withdrew"));
        reason->accept();
        QTRY_VERIFY_WITH_TIMEOUT(page.confirmation() != nullptr, 30000);
        QVERIFY2(page.confirmation()->text().startsWith(QStringLiteral("Cancel 4 pending events")),
            qPrintable(page.confirmation()->text()));
        page.confirmation()->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.messageBar()->text(), QStringLiteral("Cancelled 4 events."), 30000);
        QCOMPARE(
            sql(QStringLiteral(
                "SELECT status || ' ' || coalesce(cancel_reason, '-') || ' ' || count(*)"
                " FROM trefoil.events WHERE table_name = 'cancel_tbl' GROUP BY status, cancel_reason ORDER BY status")),
            QStringLiteral("cancelled customer withdrew 4\ndead - 2"));
    }

    // 100,000 dead events retried from the page: batches behind a progress bar, the GUI thread
    // never held up for long, and the count reported at the end.
    void hundredThousandDeadEventsRetryInBatches()
    {
        sql(QStringLiteral(
            "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries, last_error)"
            " SELECT 'bulk_100k', 'public', 'bulk100k', 'INSERT', jsonb_build_object('old', null, 'new',"
            "        jsonb_build_object('id', g)), 'dead', 3, 'HTTP 500 after ' || g || ' ms'"
            "   FROM generate_series(1, 100000) g; ANALYZE trefoil.events"));
        EventsPage page(m_client);
        page.resize(1400, 800);
        page.show();
        page.findChild<QLineEdit *>(QStringLiteral("tableFilter"))->setText(QStringLiteral("bulk100k"));
        page.setCurrentState(QStringLiteral("dead"));
        QTRY_COMPARE_WITH_TIMEOUT(page.events()->rowCount(), EventsPage::PageSize, 30000);
        page.retryMatching();
        QTRY_VERIFY_WITH_TIMEOUT(page.confirmation() != nullptr, 30000);
        QVERIFY2(page.confirmation()->text().startsWith(QStringLiteral("Redeliver 100,000 dead events")),
            qPrintable(page.confirmation()->text()));
        GuiStallMonitor stalls;
        stalls.start();
        QElapsedTimer timer;
        timer.start();
        auto *progress = page.bulkBar()->findChild<QProgressBar *>();
        QVERIFY(progress);
        QSignalSpy progressed(progress, &QProgressBar::valueChanged);
        page.confirmation()->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(page.bulkBar()->isVisible(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(page.messageBar()->text(), QStringLiteral("Redelivered 100,000 events."), 280000);
        QVERIFY(!page.bulkBar()->isVisible());
        qInfo("100,000 redelivered in %d batches, %lld ms; GUI stalls: worst %lld ms, p99 %lld ms",
            page.runner()->batches(), timer.elapsed(), stalls.worstStallMs(), stalls.percentileStallMs(0.99));
        QVERIFY(page.runner()->batches() >= 100000 / BulkActionRunner::DefaultBatchSize);
        // The window kept living between batches: the progress bar moved with (nearly) every one.
        // How long the GUI thread was held up is a figure for the benchmarks, printed above.
        QVERIFY2(progressed.count() >= page.runner()->batches() / 2, qPrintable(QString::number(progressed.count())));
        QCOMPARE(sql(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE table_name = 'bulk100k' AND status = 'pending'")),
            QStringLiteral("100000"));
    }

    void pauseAndResumeATrigger()
    {
        EventsPage page(m_client);
        page.show();
        auto *trigger = page.findChild<QComboBox *>(QStringLiteral("triggerFilter"));
        QTRY_VERIFY_WITH_TIMEOUT(trigger->findData(QStringLiteral("payment")) >= 0, 30000);
        trigger->setCurrentIndex(trigger->findData(QStringLiteral("payment")));
        auto *pause = page.findChild<QPushButton *>(QStringLiteral("pauseTriggerButton"));
        QCOMPARE(pause->text(), QStringLiteral("Pause trigger"));
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(pause->text(), QStringLiteral("Resume trigger"), 30000);
        QCOMPARE(sql(QStringLiteral("SELECT paused FROM trefoil.event_triggers WHERE name = 'payment'")),
            QStringLiteral("t"));
        QTRY_VERIFY(pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(pause->text(), QStringLiteral("Pause trigger"), 30000);
        QCOMPARE(sql(QStringLiteral("SELECT paused FROM trefoil.event_triggers WHERE name = 'payment'")),
            QStringLiteral("f"));
    }

    // Not a check: renders the page with the events above, an UPDATE selected, to
    // $TREFOIL_SCREENSHOT_DIR/eventspage.png (or /tmp) for a person to look at.
    void screenshot()
    {
        insertEvents(QStringLiteral("payment_webhook"), QStringLiteral("payments"), QStringLiteral("dead"), 37,
            QStringLiteral("HTTP 502 Bad Gateway from https://pay.example.com/charge"));
        insertEvents(QStringLiteral("notify_courier"), QStringLiteral("deliveries"), QStringLiteral("pending"), 12,
            QStringLiteral("timeout after 30 s"), 2);
        insertEvents(QStringLiteral("notify_courier"), QStringLiteral("deliveries"), QStringLiteral("pending"), 3,
            QStringLiteral("timeout after 30 s"), 1);
        const QString updated = sql(QStringLiteral(
            "INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries, last_error)"
            " VALUES ('payment_webhook', 'public', 'payments', 'UPDATE',"
            "   '{\"old\": {\"id\": 41, \"status\": \"authorised\", \"amount\": 23.5, \"currency\": \"EUR\"},"
            "     \"new\": {\"id\": 41, \"status\": \"captured\", \"amount\": 23.5, \"currency\": \"EUR\"}}',"
            "   'dead', 2, 'HTTP 502 Bad Gateway from https://pay.example.com/charge') RETURNING id"));
        sql(QStringLiteral(
            "INSERT INTO trefoil.invocations (event_id, trigger_name, attempt, worker_id, started_at,"
            " duration_ms, http_status, request, response, error)"
            " SELECT '%1', 'payment_webhook', a, 'worker-7f3a', now() - make_interval(secs => 30 - a),"
            "   210.4 * a, 502, '{\"event\": {\"op\": \"UPDATE\"}, \"trigger\": {\"name\": \"payment_webhook\"}}',"
            "   '{\"error\": \"upstream unavailable\"}', 'HTTP 502 Bad Gateway'"
            "   FROM generate_series(1, 2) a")
                .arg(updated));
        {
            BulkActionRunner runner(m_client);
            QSignalSpy finished(&runner, &BulkActionRunner::finished);
            connect(&runner, &BulkActionRunner::counted, &runner, &BulkActionRunner::run);
            runner.prepare(BulkActionRunner::Action::Cancel,
                { { QStringLiteral("trigger"), QStringLiteral("notify_courier") } },
                QStringLiteral("courier API retired"));
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        }
        EventsPage page(m_client);
        page.resize(1440, 860);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.events()->rowCount() > 20, 30000);
        const int row = [&page] {
            for (int r = 0; r < page.events()->rowCount(); ++r) {
                if (page.events()->rowObject(r).value(QStringLiteral("op")).toString() == QLatin1String("UPDATE"))
                    return r;
            }
            return 0;
        }();
        page.eventTable()->selectRow(row);
        QTRY_VERIFY_WITH_TIMEOUT(!page.detail()->eventObject().isEmpty(), 30000);
        const QString dir = qEnvironmentVariable("TREFOIL_SCREENSHOT_DIR", QStringLiteral("/tmp"));
        const auto grab = [&page, &dir](const QString &name) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            return page.grab().save(dir + QLatin1Char('/') + name);
        };
        QVERIFY(grab(QStringLiteral("eventspage.png")));

        // A bulk retry of the dead events on the Dead tab, caught while its progress bar runs.
        page.setCurrentState(QStringLiteral("dead"));
        page.runner()->setBatchSize(10);
        bool grabbed = false;
        connect(page.runner(), &BulkActionRunner::progress, &page, [&](qint64 done) {
            if (done > 0 && !grabbed)
                grabbed = grab(QStringLiteral("eventspage-bulk.png"));
        });
        page.retryMatching();
        QTRY_VERIFY_WITH_TIMEOUT(page.confirmation() != nullptr, 30000);
        QVERIFY(grab(QStringLiteral("eventspage-confirm.png")));
        page.confirmation()->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(page.messageBar()->text().startsWith(QStringLiteral("Redelivered")), 60000);
        QVERIFY(grabbed);
        page.tabs()->setCurrentIndex(EventsPage::GroupsTab);
        QTRY_VERIFY_WITH_TIMEOUT(page.groups()->rowCount() >= 2, 30000);
        QVERIFY(grab(QStringLiteral("eventspage-groups.png")));
        page.tabs()->setCurrentIndex(EventsPage::AuditTab);
        QTRY_VERIFY_WITH_TIMEOUT(page.auditLog()->entries()->rowCount() >= 1, 30000);
        QVERIFY(grab(QStringLiteral("eventspage-audit.png")));
    }
};

QTEST_MAIN(TestEventsPage)
#include "tst_eventspage.moc"
