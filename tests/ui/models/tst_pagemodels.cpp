// The Restaurant page's proxy models over a KeyedRowModel, under QAbstractItemModelTester with
// seeded random successive results: ages tick as one column's dataChanged, formatted as people
// read them; a check column asks for a toggle without changing the data, stays pending until the
// next result for its row, and springs back when the request fails.
#include "ui/models/agecolumnproxymodel.h"
#include "ui/models/checkcolumnproxymodel.h"
#include "ui/models/keyedrowmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace trefoil::ui;

namespace {

const QDateTime Epoch = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

QJsonObject order(int n, int ageSeconds)
{
    return { { QStringLiteral("id"), QStringLiteral("o%1").arg(n) },
        { QStringLiteral("created_at"), Epoch.addSecs(-ageSeconds).toString(Qt::ISODateWithMs) },
        { QStringLiteral("status"), n % 2 ? QStringLiteral("paid") : QStringLiteral("placed") } };
}

QJsonObject menuItem(int n, bool available)
{
    return { { QStringLiteral("id"), n }, { QStringLiteral("name"), QStringLiteral("item %1").arg(n) },
        { QStringLiteral("available"), available } };
}

} // namespace

class TestPageModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatsAges()
    {
        QCOMPARE(AgeColumnProxyModel::formatAge(0), QStringLiteral("0 s"));
        QCOMPARE(AgeColumnProxyModel::formatAge(59999), QStringLiteral("59 s"));
        QCOMPARE(AgeColumnProxyModel::formatAge(65000), QStringLiteral("1 min 05 s"));
        QCOMPARE(AgeColumnProxyModel::formatAge(3600000 + 4 * 60000), QStringLiteral("1 h 04 min"));
        QCOMPARE(AgeColumnProxyModel::formatAge(-5000), QStringLiteral("0 s"));
    }

    void agesTickAsOneColumn()
    {
        KeyedRowModel source(QStringLiteral("id"),
            { { QStringLiteral("created_at"), QStringLiteral("Age") },
                { QStringLiteral("status"), QStringLiteral("Status") } });
        AgeColumnProxyModel ages(0);
        ages.setSourceModel(&source);
        QAbstractItemModelTester tester(&ages, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ages.setNow(Epoch);
        QRandomGenerator random(1313);
        for (int round = 0; round < 50; ++round) {
            QJsonArray rows;
            for (int n = 0; n < 20; ++n) {
                if (random.bounded(3) != 0)
                    rows.append(order(n, n * 7 + round));
            }
            source.setRows(rows);
            ages.setNow(Epoch.addSecs(round));
        }
        source.setRows({ order(1, 30), order(2, 125) });
        ages.setNow(Epoch);
        QCOMPARE(ages.index(0, 0).data().toString(), QStringLiteral("30 s"));
        QCOMPARE(ages.index(1, 0).data().toString(), QStringLiteral("2 min 05 s"));
        QCOMPARE(ages.index(1, 0).data(AgeColumnProxyModel::AgeMsRole).toLongLong(), 125000);
        QCOMPARE(ages.index(1, 1).data().toString(), QStringLiteral("placed"));

        QSignalSpy changed(&ages, &QAbstractItemModel::dataChanged);
        ages.setNow(Epoch.addSecs(10));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), ages.index(0, 0));
        QCOMPARE(changed.first().at(1).toModelIndex(), ages.index(1, 0));
        QCOMPARE(ages.index(0, 0).data().toString(), QStringLiteral("40 s"));
    }

    void checkColumnAsksAndWaitsForTheResult()
    {
        KeyedRowModel source(QStringLiteral("id"),
            { { QStringLiteral("available"), QStringLiteral("Available") },
                { QStringLiteral("name"), QStringLiteral("Item") } });
        CheckColumnProxyModel checks(0);
        checks.setSourceModel(&source);
        QAbstractItemModelTester tester(&checks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(2024);
        for (int round = 0; round < 50; ++round) {
            QJsonArray rows;
            for (int n = 1; n <= 12; ++n) {
                if (random.bounded(4) != 0)
                    rows.append(menuItem(n, random.bounded(2) == 0));
            }
            source.setRows(rows);
        }
        source.setRows({ menuItem(1, true), menuItem(2, false) });
        const QModelIndex first = checks.index(0, 0);
        QVERIFY(checks.flags(first).testFlag(Qt::ItemIsUserCheckable));
        QVERIFY(!checks.flags(checks.index(0, 1)).testFlag(Qt::ItemIsUserCheckable));
        QCOMPARE(first.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(!first.data(Qt::DisplayRole).isValid());

        QSignalSpy requested(&checks, &CheckColumnProxyModel::toggleRequested);
        QVERIFY(!checks.setData(first, Qt::Checked, Qt::CheckStateRole)); // no change asked
        QVERIFY(checks.setData(first, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).toString(), QStringLiteral("1"));
        QCOMPARE(requested.first().at(1).toBool(), false);
        // Pending: shown as asked, not clickable again, the data itself unchanged.
        QVERIFY(checks.isPending(QStringLiteral("1")));
        QCOMPARE(first.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(!checks.flags(first).testFlag(Qt::ItemIsEnabled));
        QVERIFY(!checks.setData(first, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(source.rowObject(0).value(QStringLiteral("available")).toBool(), true);

        // The live result with the change ends the pending state.
        source.setRows({ menuItem(1, false), menuItem(2, false) });
        QVERIFY(!checks.isPending(QStringLiteral("1")));
        QCOMPARE(checks.index(0, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        // A refused request springs back.
        QVERIFY(checks.setData(checks.index(1, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(checks.index(1, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QSignalSpy changed(&checks, &QAbstractItemModel::dataChanged);
        checks.clearPending(QStringLiteral("2"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(checks.index(1, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }
};

QTEST_GUILESS_MAIN(TestPageModels)
#include "tst_pagemodels.moc"
