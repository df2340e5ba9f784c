// KeyedRowModel under QAbstractItemModelTester (fatal): small hand-made results that pin which
// signals each kind of change gives, and thousands of seeded random successive results after each
// of which the model must equal the result, with dataChanged only for the rows that changed.
#include "ui/models/keyedrowmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>
#include <random>

using trefoil::ui::KeyedRowModel;

namespace {

QJsonObject row(int id, int value, const QString &restaurant = QStringLiteral("Roma"))
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("value"), value },
        { QStringLiteral("restaurant"), QJsonObject { { QStringLiteral("name"), restaurant } } } };
}

QJsonArray rows(std::initializer_list<std::pair<int, int>> idValues)
{
    QJsonArray result;
    for (const auto &[id, value] : idValues)
        result.append(row(id, value));
    return result;
}

// Every signal a model can announce changes with, counted.
struct Signals {
    explicit Signals(KeyedRowModel *model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , moved(model, &QAbstractItemModel::rowsMoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , layout(model, &QAbstractItemModel::layoutChanged)
        , reset(model, &QAbstractItemModel::modelReset)
    {
    }
    int total() const
    {
        return int(inserted.size() + removed.size() + moved.size() + changed.size() + layout.size() + reset.size());
    }
    void clear()
    {
        for (QSignalSpy *spy : { &inserted, &removed, &moved, &changed, &layout, &reset })
            spy->clear();
    }
    QSignalSpy inserted, removed, moved, changed, layout, reset;
};

} // namespace

class TestKeyedRowModel : public QObject {
    Q_OBJECT

    std::unique_ptr<KeyedRowModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // The model shows exactly `result`, in its order.
    void verifyEquals(const QJsonArray &result)
    {
        QCOMPARE(m_model->rowCount(), result.size());
        for (int i = 0; i < result.size(); ++i) {
            const QJsonObject expected = result.at(i).toObject();
            QCOMPARE(m_model->rowObject(i), expected);
            QCOMPARE(
                m_model->data(m_model->index(i, 0)).toLongLong(), expected.value(QStringLiteral("id")).toInteger());
            QCOMPARE(m_model->data(m_model->index(i, 1)), expected.value(QStringLiteral("value")).toVariant());
            QCOMPARE(m_model->data(m_model->index(i, 2)).toString(),
                expected.value(QStringLiteral("restaurant")).toObject().value(QStringLiteral("name")).toString());
            QCOMPARE(m_model->rowOfKey(QString::number(expected.value(QStringLiteral("id")).toInteger())), i);
        }
    }

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<KeyedRowModel>(QStringLiteral("id"),
            QList<KeyedRowModel::Column> { { QStringLiteral("id"), QStringLiteral("Id") },
                { QStringLiteral("value"), QStringLiteral("Value") },
                { QStringLiteral("restaurant.name"), QStringLiteral("Restaurant") } });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void headersRolesAndNestedFields()
    {
        m_model->setRows(QJsonArray { row(7, 1, QStringLiteral("Sakura")) });
        QCOMPARE(m_model->columnCount(), 3);
        QCOMPARE(m_model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Restaurant"));
        QCOMPARE(m_model->data(m_model->index(0, 2)).toString(), QStringLiteral("Sakura"));
        QCOMPARE(m_model->data(m_model->index(0, 0), KeyedRowModel::KeyRole).toString(), QStringLiteral("7"));
        QCOMPARE(m_model->data(m_model->index(0, 1), KeyedRowModel::RowObjectRole).toJsonObject(),
            row(7, 1, QStringLiteral("Sakura")));
        QCOMPARE(m_model->data(m_model->index(0, 1), KeyedRowModel::ValueRole).value<QJsonValue>(), QJsonValue(1));
        QVERIFY(m_model->roleNames().contains(KeyedRowModel::RowObjectRole));
    }

    void rowsWithoutKeyOrWithARepeatedKeyAreLeftOut()
    {
        QJsonArray result = rows({ { 1, 10 }, { 2, 20 } });
        result.insert(1, QJsonObject { { QStringLiteral("value"), 5 } });
        result.append(row(1, 99));
        m_model->setRows(result);
        verifyEquals(rows({ { 1, 10 }, { 2, 20 } }));
    }

    void sameResultAgainSignalsNothing()
    {
        const QJsonArray result = rows({ { 1, 10 }, { 2, 20 }, { 3, 30 } });
        m_model->setRows(result);
        Signals spies(m_model.get());
        m_model->setRows(result);
        QCOMPARE(spies.total(), 0);
    }

    void oneChangedRowIsOneDataChanged()
    {
        m_model->setRows(rows({ { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 } }));
        Signals spies(m_model.get());
        m_model->setRows(rows({ { 1, 10 }, { 2, 21 }, { 3, 30 }, { 4, 40 } }));
        QCOMPARE(spies.total(), 1);
        QCOMPARE(spies.changed.size(), 1);
        QCOMPARE(spies.changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(spies.changed.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(spies.changed.at(0).at(1).toModelIndex().column(), 2);
    }

    void separateChangedRowsAreSeparateSignals()
    {
        m_model->setRows(rows({ { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 }, { 5, 50 } }));
        Signals spies(m_model.get());
        m_model->setRows(rows({ { 1, 11 }, { 2, 20 }, { 3, 30 }, { 4, 41 }, { 5, 50 } }));
        QCOMPARE(spies.changed.size(), 2);
        QCOMPARE(spies.total(), 2);
    }

    void mostRowsChangedIsOneRange()
    {
        m_model->setRows(rows({ { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 }, { 5, 50 } }));
        Signals spies(m_model.get());
        m_model->setRows(rows({ { 1, 11 }, { 2, 20 }, { 3, 31 }, { 4, 40 }, { 5, 51 } }));
        QCOMPARE(spies.total(), 1);
        QCOMPARE(spies.changed.at(0).at(0).toModelIndex(), m_model->index(0, 0));
        QCOMPARE(spies.changed.at(0).at(1).toModelIndex(), m_model->index(4, 2));
    }

    void removedRangesAreOneSignalEach()
    {
        m_model->setRows(rows({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 }, { 6, 6 }, { 7, 7 } }));
        Signals spies(m_model.get());
        m_model->setRows(rows({ { 1, 1 }, { 4, 4 }, { 7, 7 } }));
        QCOMPARE(spies.removed.size(), 2);
        QCOMPARE(spies.total(), 2);
        verifyEquals(rows({ { 1, 1 }, { 4, 4 }, { 7, 7 } }));
    }

    // A view that looks a key up while rows are being removed (a selection going with its row)
    // gets the row the key is at now, not where it was before the update.
    void keysAreFoundWhileRowsAreRemoved()
    {
        m_model->setRows(rows({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } }));
        QList<int> rowsOfFour;
        connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this,
            [this, &rowsOfFour] { rowsOfFour.append(m_model->rowOfKey(QStringLiteral("4"))); });
        m_model->setRows(rows({ { 1, 1 }, { 4, 4 } }));
        QCOMPARE(rowsOfFour, QList<int> { 1 });
        QCOMPARE(m_model->rowOfKey(QStringLiteral("2")), -1);
    }

    void insertedRunsAreOneSignalEach()
    {
        m_model->setRows(rows({ { 1, 1 }, { 4, 4 } }));
        Signals spies(m_model.get());
        const QJsonArray result = rows({ { 9, 9 }, { 8, 8 }, { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 } });
        m_model->setRows(result);
        QCOMPARE(spies.inserted.size(), 3);
        QCOMPARE(spies.total(), 3);
        verifyEquals(result);
    }

    void aRowThatMovedIsMoved()
    {
        m_model->setRows(rows({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } }));
        const QPersistentModelIndex four(m_model->index(3, 1));
        Signals spies(m_model.get());
        const QJsonArray result = rows({ { 4, 4 }, { 1, 1 }, { 2, 2 }, { 3, 3 } });
        m_model->setRows(result);
        QCOMPARE(spies.moved.size(), 1);
        QCOMPARE(spies.total(), 1);
        verifyEquals(result);
        QCOMPARE(four.row(), 0);
        QCOMPARE(four.column(), 1);
    }

    void aNewSortOrderIsOneLayoutChange()
    {
        QJsonArray result;
        for (int i = 0; i < 200; ++i)
            result.append(row(i, i));
        m_model->setRows(result);
        const QPersistentModelIndex ten(m_model->index(10, 2));
        Signals spies(m_model.get());
        QJsonArray reversed;
        for (qsizetype i = result.size() - 1; i >= 0; --i)
            reversed.append(result.at(i));
        result = reversed;
        m_model->setRows(result);
        QCOMPARE(spies.layout.size(), 1);
        QCOMPARE(spies.total(), 1);
        verifyEquals(result);
        QCOMPARE(ten.row(), 189);
        QCOMPARE(ten.column(), 2);
    }

    void randomSuccessiveResults_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("keys");
        QTest::addColumn<int>("steps");
        for (quint32 seed : { 1u, 2u, 3u, 42u, 2026u })
            QTest::addRow("seed %u, 40 keys", seed) << seed << 40 << 1500;
        // Results of a few hundred rows: a shuffle is then a layout change rather than row moves.
        QTest::addRow("seed 7, 400 keys") << 7u << 400 << 200;
    }

    void randomSuccessiveResults()
    {
        QFETCH(quint32, seed);
        QFETCH(int, keys);
        QFETCH(int, steps);
        QRandomGenerator random(seed);
        QList<QJsonObject> previous;
        Signals spies(m_model.get());
        int layoutChanges = 0;
        int moves = 0;
        int merged = 0;

        for (int step = 0; step < steps; ++step) {
            // The next result: the previous one edited (removals, insertions, moves, value changes),
            // sometimes shuffled whole, sometimes empty.
            QList<QJsonObject> next = previous;
            const quint32 kind = random.bounded(20u);
            if (kind == 0) {
                next.clear();
            } else if (kind == 1) {
                std::shuffle(next.begin(), next.end(), std::mt19937(random.generate()));
            } else {
                for (int n = int(random.bounded(4u)); n > 0 && !next.isEmpty(); --n)
                    next.removeAt(random.bounded(int(next.size())));
                for (int n = int(random.bounded(keys > 100 ? 60u : 5u)); n > 0; --n)
                    next.insert(random.bounded(int(next.size()) + 1), row(int(random.bounded(keys)), 0));
                for (int n = int(random.bounded(3u)); n > 0 && next.size() > 1; --n)
                    next.move(random.bounded(int(next.size())), random.bounded(int(next.size())));
                const bool changeMost = random.bounded(10u) == 0;
                for (QJsonObject &object : next) {
                    if (changeMost || random.bounded(8u) == 0)
                        object.insert(QStringLiteral("value"), int(random.bounded(1000u)));
                }
            }
            // Keys are unique within a result: keep the first of each.
            QSet<int> seen;
            QJsonArray result;
            QList<QJsonObject> kept;
            for (const QJsonObject &object : std::as_const(next)) {
                const int id = object.value(QStringLiteral("id")).toInt();
                if (seen.contains(id))
                    continue;
                seen.insert(id);
                kept.append(object);
                result.append(object);
            }

            QHash<int, QJsonObject> before;
            for (const QJsonObject &object : std::as_const(previous))
                before.insert(object.value(QStringLiteral("id")).toInt(), object);
            QSet<QString> changedKeys;
            for (const QJsonObject &object : std::as_const(kept)) {
                const int id = object.value(QStringLiteral("id")).toInt();
                if (before.contains(id) && before.value(id) != object)
                    changedKeys.insert(QString::number(id));
            }

            // A persistent index on a random row must follow that row, or go with it.
            QPersistentModelIndex watched;
            QString watchedKey;
            if (m_model->rowCount() > 0) {
                const int watchedRow = random.bounded(m_model->rowCount());
                watched = m_model->index(watchedRow, 1);
                watchedKey = m_model->keyAt(watchedRow);
            }

            spies.clear();
            QSet<QString> signalled;
            bool wholeRange = false;
            const auto connection = connect(m_model.get(), &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    if (topLeft.row() == 0 && bottomRight.row() == m_model->rowCount() - 1
                        && changedKeys.size() * 2 > m_model->rowCount())
                        wholeRange = true;
                    for (int r = topLeft.row(); r <= bottomRight.row(); ++r)
                        signalled.insert(m_model->keyAt(r));
                });
            m_model->setRows(result);
            disconnect(connection);

            verifyEquals(result);
            QCOMPARE(spies.reset.size(), 0);
            if (wholeRange) {
                QCOMPARE(spies.changed.size(), 1);
                ++merged;
            } else {
                QCOMPARE(signalled, changedKeys); // changed rows, and only those
            }
            if (!watchedKey.isEmpty()) {
                const int now = m_model->rowOfKey(watchedKey);
                QCOMPARE(watched.row(), now);
                if (now >= 0)
                    QCOMPARE(watched.column(), 1);
            }
            layoutChanges += int(spies.layout.size());
            moves += int(spies.moved.size());
            previous = kept;
            if (QTest::currentTestFailed())
                return;
        }
        // The random walk reached every path of the update.
        QVERIFY(moves > 0);
        QVERIFY(merged > 0);
        if (keys > 100)
            QVERIFY(layoutChanges > 0);
    }
};

QTEST_GUILESS_MAIN(TestKeyedRowModel)
#include "tst_keyedrowmodel.moc"
