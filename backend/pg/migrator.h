#pragma once

#include "backend/pg/error.h"

#include <QObject>
#include <QStringList>

namespace trefoil::pg {

class Pool;

// Applies the versioned .sql files compiled in under :/migrations/<set>/ in order, each in its own
// transaction, recording them in trefoil.schema_migrations. A session-level advisory lock makes
// concurrent starts of several processes safe: the second waits, then finds nothing left to do.
// Each record keeps the SHA-256 of the file it applied; a recorded migration of a set being applied
// whose file has since changed or gone stops the run before anything is applied.
class Migrator final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Migrator)

public:
    // sets: e.g. {"engine", "demo"}; applied in that order.
    Migrator(Pool *pool, QStringList sets, QObject *parent = nullptr);

    void run();
    // Migrations (as "set/file") applied by the last run.
    QStringList applied() const { return m_applied; }

    // The compiled-in migrations of one set, sorted by name.
    static QStringList available(const QString &set);
    // SHA-256 (lower-case hex) of the compiled-in file of `migration` ("set/file"); a null string
    // when there is no such file.
    static QString checksum(const QString &migration);

Q_SIGNALS:
    void progress(const QString &step);
    void finished();
    void failed(const trefoil::pg::Error &error);

private:
    Pool *m_pool;
    QStringList m_sets;
    QStringList m_applied;
};

} // namespace trefoil::pg
