#include "backend/pg/migrator.h"

#include "backend/pg/pool.h"

#include <QDir>
#include <QFile>
#include <QSet>

#include <memory>

namespace trefoil::pg {

namespace {
// Arbitrary but fixed: every Trefoil process takes the same advisory lock to migrate.
constexpr qint64 MigrationLockKey = 0x7472'6566'6f69'6c01; // "trefoil\1"

const QString Bootstrap = QStringLiteral("CREATE SCHEMA IF NOT EXISTS trefoil;"
                                         "CREATE TABLE IF NOT EXISTS trefoil.schema_migrations ("
                                         "  migration text PRIMARY KEY,"
                                         "  applied_at timestamptz NOT NULL DEFAULT now())");

// The state of one run, kept alive by the callbacks that continue it.
struct Run {
    Session session;
    QStringList pending; // "set/file"
    QSet<QString> done;
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
            // Leave the transaction and the lock before the session goes back to the pool.
            run->session.connection()->execScript(QStringLiteral("ROLLBACK; SELECT pg_advisory_unlock_all()"), this,
                [this, failure, run](const Result &) {
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
            const QString sql = QString::fromUtf8(file.readAll());
            Q_EMIT progress(tr("Applying migration %1").arg(migration));
            Connection *connection = run->session.connection();
            // Queued back to back: the script, its record and the commit form one transaction.
            connection->exec(QStringLiteral("BEGIN"), this, [](const Result &) {});
            auto scriptError = std::make_shared<Error>();
            connection->execScript(sql, this, [scriptError](const Result &result) { *scriptError = result.error(); });
            connection->exec(QStringLiteral("INSERT INTO trefoil.schema_migrations (migration) VALUES ($1)"),
                { migration }, this, [](const Result &) {});
            connection->exec(
                QStringLiteral("COMMIT"), this, [this, run, migration, scriptError](const Result &committed) {
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
                    run->session.exec(QStringLiteral("SELECT migration FROM trefoil.schema_migrations"), this,
                        [run, fail](const Result &rows) {
                            if (!rows.ok())
                                return fail(rows.error());
                            for (int r = 0; r < rows.rowCount(); ++r)
                                run->done.insert(rows.text(r, 0));
                            run->applyNext();
                        });
                });
            });
    });
}

} // namespace trefoil::pg
