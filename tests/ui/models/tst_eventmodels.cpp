// The Events page's models under QAbstractItemModelTester: the format proxy over successive
// seeded random event lists (states in words, short ids, local times, one-line errors, grouped
// counts), the old/new diff of an UPDATE with the changed columns first, and the tab labels.
#include "ui/models/eventformatmodel.h"
#include "ui/models/eventstates.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/models/rowdiffmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QRandomGenerator>
#include <QTest>

using namespace trefoil::ui;

namespace {

QJsonObject eventRow(int n, const QString &state, const QString &error = {})
{
    return { { QStringLiteral("id"), QStringLiteral("%1-0000-4000-8000-000000000000").arg(n, 8, 10, QLatin1Char('0')) },
        { QStringLiteral("trigger"), QStringLiteral("t%1").arg(n % 3) }, { QStringLiteral("state"), state },
        { QStringLiteral("tries"), n % 7 },
        { QStringLiteral("created_at"), QStringLiteral("2026-12-04T17:47:20.123456+00:00") },
        { QStringLiteral("last_error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error) } };
}

QList<KeyedRowModel::Column> eventColumns()
{
    return { { QStringLiteral("id"), QStringLiteral("Event") },
        { QStringLiteral("trigger"), QStringLiteral("Trigger") }, { QStringLiteral("state"), QStringLiteral("State") },
        { QStringLiteral("tries"), QStringLiteral("Tries") },
        { QStringLiteral("created_at"), QStringLiteral("Created") },
        { QStringLiteral("last_error"), QStringLiteral("Error") } };
}

} // namespace

class TestEventModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void tabLabelsCarryCounts()
    {
        QCOMPARE(EventStates::names().size(), 6);
        QCOMPARE(EventStates::tabLabel(QStringLiteral("dead"), 1234), QStringLiteral("Dead (1,234)"));
        QCOMPARE(EventStates::tabLabel(QStringLiteral("in_flight"), 0), QStringLiteral("In flight (0)"));
        QCOMPARE(EventStates::tabLabel(QStringLiteral("pending"), -1), QStringLiteral("Pending"));
        const QJsonObject counts { { QStringLiteral("dead"), 12 }, { QStringLiteral("pending"), 0 } };
        QCOMPARE(EventStates::countOf(counts, QStringLiteral("dead")), 12);
        QCOMPARE(EventStates::countOf(counts, QStringLiteral("pending")), 0);
        QCOMPARE(EventStates::countOf(counts, QStringLiteral("retrying")), -1);
        QVERIFY(!EventStates::isEstimated(counts, QStringLiteral("dead")));
    }

    // On a big table the server estimates the delivered count: the tab shows it rounded, with "~".
    void estimatedCountsAreShownAsEstimates()
    {
        const QJsonObject counts { { QStringLiteral("delivered"), 1234567 }, { QStringLiteral("dead"), 12 },
            { QStringLiteral("estimated"), QJsonArray { QStringLiteral("delivered") } } };
        QVERIFY(EventStates::isEstimated(counts, QStringLiteral("delivered")));
        QVERIFY(!EventStates::isEstimated(counts, QStringLiteral("dead")));
        QCOMPARE(EventStates::tabLabel(QStringLiteral("delivered"),
                     EventStates::countOf(counts, QStringLiteral("delivered")),
                     EventStates::isEstimated(counts, QStringLiteral("delivered"))),
            QStringLiteral("Delivered (~1.2M)"));
        QCOMPARE(EventStates::tabLabel(QStringLiteral("dead"), 12, false), QStringLiteral("Dead (12)"));
        QCOMPARE(EventStates::countText(950, true), QStringLiteral("~950"));
        QCOMPARE(EventStates::countText(1234, true), QStringLiteral("~1.2K"));
        QCOMPARE(EventStates::countText(123456, true), QStringLiteral("~123K"));
        QCOMPARE(EventStates::countText(12345678, true), QStringLiteral("~12M"));
        QCOMPARE(EventStates::countText(2500000000, true), QStringLiteral("~2.5B"));
        QCOMPARE(EventStates::countText(1234567, false), QStringLiteral("1,234,567"));
    }

    void formatsEventRows()
    {
        KeyedRowModel rows(QStringLiteral("id"), eventColumns());
        EventFormatModel format(&rows);
        QAbstractItemModelTester tester(&format, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rows.setRows({ eventRow(1, QStringLiteral("in_flight"), QStringLiteral("HTTP 500\nstack trace")),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("a") }, { QStringLiteral("tries"), 12345 } } });
        QCOMPARE(format.index(0, 0).data().toString(), QStringLiteral("…00000000"));
        QCOMPARE(format.index(0, 0).data(Qt::ToolTipRole).toString(),
            QStringLiteral("00000001-0000-4000-8000-000000000000"));
        QCOMPARE(format.index(0, 2).data().toString(), QStringLiteral("In flight"));
        QCOMPARE(format.index(0, 4).data().toString(),
            QDateTime(QDate(2026, 12, 4), QTime(17, 47, 20, 123), Qt::UTC)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(format.index(0, 5).data().toString(), QStringLiteral("HTTP 500"));
        QCOMPARE(format.index(0, 5).data(Qt::ToolTipRole).toString(), QStringLiteral("HTTP 500\nstack trace"));
        QCOMPARE(format.index(1, 3).data().toString(), QStringLiteral("12,345"));
        QVERIFY(!format.index(1, 5).data().isValid());
        QCOMPARE(EventFormatModel::oneLine(QString(300, QLatin1Char('x')), 10).size(), 10);
        QCOMPARE(EventFormatModel::actionText(QStringLiteral("redeliver")), QStringLiteral("Redeliver events"));
        QCOMPARE(EventFormatModel::actionText(QStringLiteral("set_settings")), QStringLiteral("Set settings"));
        QCOMPARE(EventFormatModel::keyValues({ { QStringLiteral("statuses"),
                                                   QJsonArray { QStringLiteral("dead"), QStringLiteral("retrying") } },
                     { QStringLiteral("table"), QStringLiteral("orders") } }),
            QStringLiteral("statuses: dead, retrying · table: orders"));
    }

    void followsSuccessiveResults()
    {
        KeyedRowModel rows(QStringLiteral("id"), eventColumns());
        EventFormatModel format(&rows);
        QAbstractItemModelTester tester(&format, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(1414);
        for (int round = 0; round < 60; ++round) {
            QJsonArray result;
            for (int n = 0; n < 40; ++n) {
                if (random.bounded(3) == 0)
                    continue;
                const QString state = EventStates::names().at(static_cast<int>(random.bounded(6)));
                result.append(eventRow(
                    n, state, random.bounded(2) ? QStringLiteral("error %1").arg(random.bounded(5)) : QString()));
            }
            rows.setRows(result);
            QCOMPARE(format.rowCount(), result.size());
            for (int row = 0; row < format.rowCount(); ++row)
                QCOMPARE(format.index(row, 2).data().toString(),
                    EventStates::text(result.at(row).toObject().value(QStringLiteral("state")).toString()));
        }
    }

    void diffShowsChangedColumnsFirst()
    {
        RowDiffModel diff;
        QAbstractItemModelTester tester(&diff, QAbstractItemModelTester::FailureReportingMode::QtTest);
        diff.setRows({ { QStringLiteral("id"), 7 }, { QStringLiteral("status"), QStringLiteral("placed") },
                         { QStringLiteral("gone"), true } },
            { { QStringLiteral("id"), 7 }, { QStringLiteral("status"), QStringLiteral("paid") },
                { QStringLiteral("extra"), QJsonObject { { QStringLiteral("a"), 1 } } } });
        QCOMPARE(diff.rowCount(), 4);
        QCOMPARE(diff.changedCount(), 3);
        QCOMPARE(diff.changeAt(3), RowDiffModel::Change::Same);
        QCOMPARE(diff.fieldAt(3), QStringLiteral("id"));
        int statusRow = -1;
        for (int row = 0; row < diff.rowCount(); ++row) {
            if (diff.fieldAt(row) == QLatin1String("status"))
                statusRow = row;
        }
        QVERIFY(statusRow >= 0 && statusRow < 3);
        QCOMPARE(diff.changeAt(statusRow), RowDiffModel::Change::Changed);
        QCOMPARE(diff.index(statusRow, RowDiffModel::OldColumn).data().toString(), QStringLiteral("placed"));
        QCOMPARE(diff.index(statusRow, RowDiffModel::NewColumn).data().toString(), QStringLiteral("paid"));
        QCOMPARE(diff.index(statusRow, RowDiffModel::ChangeColumn).data().toString(), QStringLiteral("changed"));

        // An INSERT: only a new row, nothing marked as changed.
        diff.setRows({}, { { QStringLiteral("id"), 8 } });
        QCOMPARE(diff.rowCount(), 1);
        QCOMPARE(diff.changedCount(), 0);
        diff.clear();
        QCOMPARE(diff.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventModels)
#include "tst_eventmodels.moc"
