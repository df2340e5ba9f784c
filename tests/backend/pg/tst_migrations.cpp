// Migrations: applied in order, each in a transaction, idempotent, safe for concurrent starts, and
// refused when an applied one was changed or removed.
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/backend/pg/pgwait.h"
#include "tests/support/pgtestcluster.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace trefoil;
using trefoil::test::execAndWait;

class TestMigrations : public QObject {
    Q_OBJECT

    static bool migrate(pg::Migrator &migrator, QString *error = nullptr)
    {
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000))
            return false;
        if (!failed.isEmpty() && error)
            *error = failed.at(0).at(0).value<pg::Error>().describe();
        return failed.isEmpty();
    }

    static QStringList allMigrations(const QStringList &sets)
    {
        QStringList all;
        for (const QString &set : sets) {
            const QStringList files = pg::Migrator::available(set);
            for (const QString &file : files)
                all.append(set + QLatin1Char('/') + file);
        }
        return all;
    }

    // SHA-256 of the compiled-in file, computed here rather than by the migrator under test.
    static QString fileChecksum(const QString &migration)
    {
        QFile file(QLatin1String(":/migrations/") + migration);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
    }

    // migration -> recorded checksum ("NULL" for none).
    static QMap<QString, QString> recordedChecksums(pg::Pool &pool)
    {
        const pg::Result rows = execAndWait(
            pool, QStringLiteral("SELECT migration, coalesce(checksum, 'NULL') FROM trefoil.schema_migrations"));
        QMap<QString, QString> recorded;
        for (int r = 0; r < rows.rowCount(); ++r)
            recorded.insert(rows.text(r, 0), rows.text(r, 1));
        return recorded;
    }

    static QMap<QString, QString> expectedChecksums(const QStringList &sets)
    {
        QMap<QString, QString> expected;
        const QStringList all = allMigrations(sets);
        for (const QString &migration : all)
            expected.insert(migration, fileChecksum(migration));
        return expected;
    }

private Q_SLOTS:
    void compiledIn()
    {
        QVERIFY(!pg::Migrator::available(QStringLiteral("engine")).isEmpty());
        QVERIFY(!pg::Migrator::available(QStringLiteral("demo")).isEmpty());
        const QStringList engine = pg::Migrator::available(QStringLiteral("engine"));
        QStringList sorted = engine;
        sorted.sort();
        QCOMPARE(engine, sorted);
    }

    void appliesAllThenNothing()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_once"));
        pg::Pool pool(conninfo, 2);
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Migrator first(&pool, sets);
        QString error;
        QVERIFY2(migrate(first, &error), qPrintable(error));
        QCOMPARE(first.applied(), allMigrations(sets));

        pg::Migrator second(&pool, sets);
        QVERIFY(migrate(second));
        QCOMPARE(second.applied(), QStringList());

        const pg::Result recorded = execAndWait(
            pool, QStringLiteral("SELECT migration FROM trefoil.schema_migrations ORDER BY applied_at, migration"));
        QCOMPARE(recorded.rowCount(), int(allMigrations(sets).size()));
        // The demo's seed is there, and the engine's tables.
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT count(*) FROM public.restaurants")).toInt(0, 0) > 0);
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT count(*) FROM public.drivers")).toInt(0, 0) > 0);
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT count(*) FROM trefoil.events")).ok());
    }

    // A new database's hot tables leave the migrations unmeasured (a measured empty table is "one
    // page" to the planner, and the generic plans made then scan it as it grows) and are first
    // measured by autovacuum only once they have grown.
    void hotTablesAreNotMeasuredEmpty()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_stats"));
        pg::Pool pool(conninfo, 1);
        pg::Migrator migrator(&pool, { QStringLiteral("engine"), QStringLiteral("demo") });
        QVERIFY(migrate(migrator));
        const pg::Result hot = execAndWait(pool,
            QStringLiteral(
                "SELECT c.oid::regclass::text, c.reltuples, array_to_string(c.reloptions, ',') FROM pg_class c"
                " WHERE c.oid IN ('trefoil.events'::regclass, 'public.orders'::regclass,"
                "   'public.items'::regclass, 'public.payments'::regclass, 'public.assignments'::regclass)"));
        QCOMPARE(hot.rowCount(), 5);
        for (int row = 0; row < hot.rowCount(); ++row) {
            QVERIFY2(hot.toDouble(row, 1) < 0, qPrintable(hot.text(row, 0)));
            QVERIFY2(hot.text(row, 2).contains(QLatin1String("autovacuum_analyze_threshold=2000")),
                qPrintable(hot.text(row, 0)));
            QVERIFY2(hot.text(row, 2).contains(QLatin1String("autovacuum_vacuum_threshold=2000")),
                qPrintable(hot.text(row, 0)));
        }
    }

    void withoutDemo()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_nodemo"));
        pg::Pool pool(conninfo, 1);
        pg::Migrator migrator(&pool, { QStringLiteral("engine") });
        QVERIFY(migrate(migrator));
        QCOMPARE(execAndWait(pool, QStringLiteral("SELECT to_regclass('public.orders') IS NULL")).toBool(0, 0), true);
        QCOMPARE(execAndWait(pool, QStringLiteral("SELECT to_regclass('trefoil.events') IS NULL")).toBool(0, 0), false);
    }

    // Trigger functions generated before trefoil.wake_workers() existed called pg_notify
    // themselves; the engine migration that adds it points them at it.
    void olderTriggerFunctionsWakeThroughWakeWorkers()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_wake"));
        pg::Pool pool(conninfo, 1);
        QVERIFY(execAndWait(pool, QStringLiteral("CREATE SCHEMA trefoil")).ok());
        QVERIFY(execAndWait(pool,
            QStringLiteral("CREATE FUNCTION trefoil.\"event_old-style\"() RETURNS trigger LANGUAGE plpgsql"
                           " AS $f$ BEGIN PERFORM pg_notify('trefoil_events', 'old-style'); RETURN NULL; END $f$"))
                    .ok());
        pg::Migrator migrator(&pool, { QStringLiteral("engine") });
        QString error;
        QVERIFY2(migrate(migrator, &error), qPrintable(error));
        const QString body
            = execAndWait(pool, QStringLiteral("SELECT prosrc FROM pg_proc WHERE proname = 'event_old-style'"))
                  .text(0, 0);
        QVERIFY2(body.contains(QLatin1String("PERFORM trefoil.wake_workers('old-style')")), qPrintable(body));
        QVERIFY2(!body.contains(QLatin1String("pg_notify")), qPrintable(body));
    }

    // Two independent pools are two database sessions, exactly as two processes would be.
    void concurrentStartsApplyEachMigrationOnce()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_race"));
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Pool poolA(conninfo, 1);
        pg::Pool poolB(conninfo, 1);
        pg::Migrator a(&poolA, sets);
        pg::Migrator b(&poolB, sets);
        QSignalSpy aDone(&a, &pg::Migrator::finished);
        QSignalSpy bDone(&b, &pg::Migrator::finished);
        QSignalSpy aFailed(&a, &pg::Migrator::failed);
        QSignalSpy bFailed(&b, &pg::Migrator::failed);
        a.run();
        b.run();
        QVERIFY(QTest::qWaitFor(
            [&] { return aDone.count() + aFailed.count() > 0 && bDone.count() + bFailed.count() > 0; }, 60000));
        QCOMPARE(aFailed.count() + bFailed.count(), 0);
        QStringList both = a.applied() + b.applied();
        both.sort();
        QStringList expected = allMigrations(sets);
        expected.sort();
        QCOMPARE(both, expected);
        // Seed rows exist once, not twice.
        QCOMPARE(execAndWait(poolA, QStringLiteral("SELECT count(*) FROM public.restaurants")).toInt(0, 0), 5);
    }

    void recordsTheChecksumOfEveryAppliedFile()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_checksums"));
        pg::Pool pool(conninfo, 1);
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Migrator migrator(&pool, sets);
        QString error;
        QVERIFY2(migrate(migrator, &error), qPrintable(error));
        const QMap<QString, QString> expected = expectedChecksums(sets);
        for (const QString &checksum : expected)
            QCOMPARE(checksum.size(), 64);
        QCOMPARE(recordedChecksums(pool), expected);
        QCOMPARE(pg::Migrator::checksum(QStringLiteral("demo/0004_workflow_triggers.sql")),
            expected.value(QStringLiteral("demo/0004_workflow_triggers.sql")));
        QVERIFY(pg::Migrator::checksum(QStringLiteral("demo/no_such_file.sql")).isNull());
    }

    // Resources are compiled in, so an edited file is simulated by a record that no longer matches.
    void changedAppliedMigrationIsRefused()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_changed"));
        pg::Pool pool(conninfo, 1);
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Migrator first(&pool, sets);
        QString error;
        QVERIFY2(migrate(first, &error), qPrintable(error));
        const QString tampered = QStringLiteral("demo/0004_workflow_triggers.sql");
        QCOMPARE(
            execAndWait(pool, QStringLiteral("UPDATE trefoil.schema_migrations SET checksum = $2 WHERE migration = $1"),
                { tampered, QString(64, QLatin1Char('0')) })
                .affectedRows(),
            1);
        // Stands in for a migration added after the edit: nothing may be applied past the drift.
        QVERIFY(execAndWait(pool,
            QStringLiteral(
                "DELETE FROM trefoil.schema_migrations WHERE migration = 'demo/0005_orders_hot_updates.sql'"))
                    .ok());

        pg::Migrator second(&pool, sets);
        QVERIFY(!migrate(second, &error));
        QVERIFY2(error.startsWith(QLatin1String("migration ") + tampered + QLatin1String(" was changed")),
            qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("recorded checksum 000000000000")), qPrintable(error));
        QVERIFY2(error.contains(fileChecksum(tampered).left(12)), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("add a new migration")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        QCOMPARE(second.applied(), QStringList());
        QCOMPARE(execAndWait(pool,
                     QStringLiteral("SELECT count(*) FROM trefoil.schema_migrations WHERE migration = "
                                    "'demo/0005_orders_hot_updates.sql'"))
                     .toInt(0, 0),
            0);
        // The lock was released, so a later start is not blocked.
        QCOMPARE(
            execAndWait(pool, QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toInt(0, 0),
            0);
    }

    void missingAppliedMigrationIsRefused()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_missing"));
        pg::Pool pool(conninfo, 1);
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Migrator first(&pool, sets);
        QString error;
        QVERIFY2(migrate(first, &error), qPrintable(error));
        const QString gone = QStringLiteral("demo/0003a_removed.sql");
        QVERIFY(execAndWait(pool,
            QStringLiteral("INSERT INTO trefoil.schema_migrations (migration, checksum) VALUES ($1, $2)"),
            { gone, QString(64, QLatin1Char('a')) })
                    .ok());

        pg::Migrator second(&pool, sets);
        QVERIFY(!migrate(second, &error));
        QVERIFY2(
            error.startsWith(QLatin1String("migration ") + gone + QLatin1String(" was applied")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("restore the file")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));

        // Only the sets being applied are checked: without the demo, the start goes on.
        pg::Migrator engineOnly(&pool, { QStringLiteral("engine") });
        QVERIFY2(migrate(engineOnly, &error), qPrintable(error));
    }

    // Databases migrated before checksums were kept: the column is added, the rows filled in from
    // the files once, and from then on they are checked like any other.
    void recordsWithoutChecksumAreFilledOnce()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_backfill"));
        pg::Pool pool(conninfo, 1);
        const QStringList sets = { QStringLiteral("engine"), QStringLiteral("demo") };
        pg::Migrator first(&pool, sets);
        QString error;
        QVERIFY2(migrate(first, &error), qPrintable(error));
        QVERIFY(execAndWait(pool, QStringLiteral("ALTER TABLE trefoil.schema_migrations DROP COLUMN checksum")).ok());

        pg::Migrator second(&pool, sets);
        QSignalSpy progress(&second, &pg::Migrator::progress);
        QVERIFY2(migrate(second, &error), qPrintable(error));
        QCOMPARE(second.applied(), QStringList());
        QCOMPARE(recordedChecksums(pool), expectedChecksums(sets));
        bool announced = false;
        for (const QList<QVariant> &step : std::as_const(progress))
            announced = announced || step.at(0).toString().contains(QLatin1String("Recording the checksums"));
        QVERIFY(announced);

        // Filled once: a record that differs now is not overwritten from the files but refused.
        QVERIFY(execAndWait(pool,
            QStringLiteral("UPDATE trefoil.schema_migrations SET checksum = 'ff' WHERE migration = "
                           "'engine/0001_event_engine.sql'"))
                    .ok());
        pg::Migrator third(&pool, sets);
        QVERIFY(!migrate(third, &error));
        QVERIFY2(error.contains(QLatin1String("engine/0001_event_engine.sql was changed")), qPrintable(error));
        QCOMPARE(recordedChecksums(pool).value(QStringLiteral("engine/0001_event_engine.sql")), QStringLiteral("ff"));
    }

    void failedMigrationRollsBack()
    {
        const QString conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("migrate_fail"));
        pg::Pool pool(conninfo, 1);
        // A conflicting object makes the demo's first migration fail half way.
        QVERIFY(execAndWait(pool, QStringLiteral("CREATE TABLE public.orders (x int)")).ok());
        pg::Migrator migrator(&pool, { QStringLiteral("engine"), QStringLiteral("demo") });
        QString error;
        QVERIFY(!migrate(migrator, &error));
        QVERIFY2(error.contains(QLatin1String("demo/0001")), qPrintable(error));
        // Nothing of the failed migration is left: its earlier tables were rolled back too.
        QCOMPARE(
            execAndWait(pool, QStringLiteral("SELECT to_regclass('public.restaurants') IS NULL")).toBool(0, 0), true);
        QCOMPARE(execAndWait(pool,
                     QStringLiteral("SELECT count(*) FROM trefoil.schema_migrations WHERE migration LIKE 'demo/%'"))
                     .toInt(0, 0),
            0);
        // And the pool's connection is usable afterwards (the lock and transaction were released).
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT 1")).ok());
        QCOMPARE(
            execAndWait(pool, QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toInt(0, 0),
            0);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
