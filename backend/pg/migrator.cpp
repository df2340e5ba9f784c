#include "backend/pg/migrator.h"

#include "backend/pg/pool.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace trefoil::pg {

namespace {
// Arbitrary but fixed: every Trefoil process takes the same advisory lock to migrate.
constexpr qint64 MigrationLockKey = 0x7472'6566'6f69'6c01; // "trefoil\1"

// One implicit transaction; SET LOCAL keeps its "already exists, skipping" notices off stderr on
// every start, where they would bury a failure line.
const QString Bootstrap = QStringLiteral("SET LOCAL client_min_messages = warning;"
                                         "CREATE SCHEMA IF NOT EXISTS trefoil;"
                                         "CREATE TABLE IF NOT EXISTS trefoil.schema_migrations ("
                                         "  migration text PRIMARY KEY,"
                                         "  applied_at timestamptz NOT NULL DEFAULT now());"
                                         // Tables created before checksums were kept gain the column
                                         // here; their rows are filled in from the files once.
                                         "ALTER TABLE trefoil.schema_migrations"
                                         "  ADD COLUMN IF NOT EXISTS checksum text");

// One row of trefoil.schema_migrations.
struct Record {
    QString migration;
    std::optional<QString> checksum; // none for migrations applied before checksums were kept
};

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString abbreviated(const QString &checksum)
{
    return checksum.left(12) + QChar(0x2026);
}

// Compares the records of the sets being applied with the files compiled in, in the order the sets
// are applied. Returns the first drift as an error (one line: it ends the process), and appends to
// *unrecorded the migrations whose record has no checksum yet.
Error checkRecorded(const QStringList &sets, const std::vector<Record> &records, QStringList *unrecorded)
{
    for (const QString &set : sets) {
        const QString prefix = set + QLatin1Char('/');
        for (const Record &record : records) {
            if (!record.migration.startsWith(prefix))
                continue;
            const QString current = Migrator::checksum(record.migration);
            if (current.isNull())
                return Error::connection(ErrorKind::Other,
                    Migrator::tr("migration %1 was applied to this database but this build does not have it: "
                                 "applied migrations must never be removed or renamed — restore the file, "
                                 "or run the Trefoil version that applied it")
                        .arg(record.migration));
            if (!record.checksum) {
                unrecorded->append(record.migration);
                continue;
            }
            if (*record.checksum != current)
                return Error::connection(ErrorKind::Other,
                    Migrator::tr("migration %1 was changed after it was applied (recorded checksum %2, file now %3): "
                                 "applied migrations must never be edited — restore the file and add a new "
                                 "migration instead")
                        .arg(record.migration, abbreviated(*record.checksum), abbreviated(current)));
        }
    }
    return {};
}

// The state of one run, kept alive by the callbacks that continue it.
struct Run {
    Session session;
    QStringList pending; // "set/file"
    QSet<QString> done;
    bool inTransaction = false; // a migration's BEGIN was sent and its COMMIT has not answered yet
    std::function<void(const Error &)> fail;
    std::function<void()> applyNext;
};
} // namespace

Migrator::Migrator(Pool *pool, QStringList sets, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_sets(std::move(sets))
{
}

QStringList Migrator::available(const QString &set)
{
    QStringList files
        = QDir(QLatin1String(":/migrations/") + set).entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name);
    return files;
}

QString Migrator::checksum(const QString &migration)
{
    QFile file(QLatin1String(":/migrations/") + migration);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return sha256Hex(file.readAll());
}

void Migrator::run()
{
    m_applied.clear();
    m_pool->acquire(this, [this](Session session, const Error &acquireError) {
        if (!session.isValid()) {
            Q_EMIT failed(acquireError);
            return;
        }
        auto run = std::make_shared<Run>();
        run->session = session;
        for (const QString &set : std::as_const(m_sets)) {
            const QStringList files = available(set);
            for (const QString &file : files)
                run->pending.append(set + QLatin1Char('/') + file);
        }

        // The callbacks below hold `run`, and `run` holds these two: break the cycle when done.
        run->fail = [this, run](const Error &failure) {
            // Leave the transaction and the lock before the session goes back to the pool; a ROLLBACK
            // outside a transaction would print a warning next to the failure.
            const QString release = run->inTransaction ? QStringLiteral("ROLLBACK; SELECT pg_advisory_unlock_all()")
                                                       : QStringLiteral("SELECT pg_advisory_unlock_all()");
            run->session.connection()->execScript(release, this, [this, failure, run](const Result &) {
                run->fail = nullptr;
                run->applyNext = nullptr;
                Q_EMIT failed(failure);
            });
        };
        run->applyNext = [this, run] {
            while (!run->pending.isEmpty() && run->done.contains(run->pending.constFirst()))
                run->pending.removeFirst();
            if (run->pending.isEmpty()) {
                run->session.exec(QStringLiteral("SELECT pg_advisory_unlock_all()"), this, [this, run](const Result &) {
                    run->fail = nullptr;
                    run->applyNext = nullptr;
                    Q_EMIT finished();
                });
                return;
            }
            const QString migration = run->pending.takeFirst();
            QFile file(QLatin1String(":/migrations/") + migration);
            if (!file.open(QIODevice::ReadOnly))
                return run->fail(Error::connection(ErrorKind::Other, tr("cannot read migration %1").arg(migration)));
            const QByteArray bytes = file.readAll();
            const QString sql = QString::fromUtf8(bytes);
            Q_EMIT progress(tr("Applying migration %1").arg(migration));
            Connection *connection = run->session.connection();
            // Queued back to back: the script, its record and the commit form one transaction.
            connection->exec(QStringLiteral("BEGIN"), this, [](const Result &) {});
            run->inTransaction = true;
            auto scriptError = std::make_shared<Error>();
            connection->execScript(sql, this, [scriptError](const Result &result) { *scriptError = result.error(); });
            connection->exec(
                QStringLiteral("INSERT INTO trefoil.schema_migrations (migration, checksum) VALUES ($1, $2)"),
                { migration, sha256Hex(bytes) }, this, [](const Result &) {});
            connection->exec(
                QStringLiteral("COMMIT"), this, [this, run, migration, scriptError](const Result &committed) {
                    // Committed, or rolled back when the script failed (COMMIT of an aborted transaction).
                    run->inTransaction = false;
                    if (scriptError->isError()) {
                        Error failure = *scriptError;
                        failure.message = tr("migration %1 failed: %2").arg(migration, failure.message);
                        return run->fail(failure);
                    }
                    if (!committed.ok())
                        return run->fail(committed.error());
                    m_applied.append(migration);
                    run->applyNext();
                });
        };
        const auto fail = run->fail;

        Q_EMIT progress(tr("Waiting for the migration lock"));
        session.exec(QStringLiteral("SELECT pg_advisory_lock($1)"), { MigrationLockKey }, this,
            [this, run, fail](const Result &locked) {
                if (!locked.ok())
                    return fail(locked.error());
                run->session.connection()->execScript(Bootstrap, this, [this, run, fail](const Result &created) {
                    if (!created.ok())
                        return fail(created.error());
                    run->session.exec(QStringLiteral("SELECT migration, checksum FROM trefoil.schema_migrations"
                                                     " ORDER BY migration"),
                        this, [this, run, fail](const Result &rows) {
                            if (!rows.ok())
                                return fail(rows.error());
                            std::vector<Record> records;
                            for (int r = 0; r < rows.rowCount(); ++r) {
                                Record record { rows.text(r, 0), std::nullopt };
                                if (!rows.isNull(r, 1))
                                    record.checksum = rows.text(r, 1);
                                run->done.insert(record.migration);
                                records.push_back(std::move(record));
                            }
                            QStringList unrecorded;
                            const Error drift = checkRecorded(m_sets, records, &unrecorded);
                            if (drift.isError())
                                return fail(drift);
                            if (unrecorded.isEmpty())
                                return run->applyNext();
                            // From the files as they are now: nothing else tells what those migrations were.
                            Q_EMIT progress(tr("Recording the checksums of %n migration(s) applied before checksums "
                                               "were kept",
                                nullptr, int(unrecorded.size())));
                            QStringList checksums;
                            for (const QString &migration : std::as_const(unrecorded))
                                checksums.append(checksum(migration));
                            run->session.exec(
                                QStringLiteral("UPDATE trefoil.schema_migrations AS m SET checksum = f.checksum"
                                               " FROM unnest($1::text[], $2::text[]) AS f (migration, checksum)"
                                               " WHERE m.migration = f.migration AND m.checksum IS NULL"),
                                { unrecorded, checksums }, this, [run, fail](const Result &filled) {
                                    if (!filled.ok())
                                        return fail(filled.error());
                                    run->applyNext();
                                });
                        });
                });
            });
    });
}

} // namespace trefoil::pg
