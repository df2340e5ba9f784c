#pragma once

#include "backend/pg/embeddedcluster.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace trefoil::test {

// A PostgreSQL server for tests: an EmbeddedCluster in a temporary directory (fsync off), or the
// server named by the TREFOIL_TEST_DATABASE_URL environment variable (a libpq conninfo or URI).
// Start-up waits in the event loop, so it needs a QCoreApplication (QTEST_MAIN provides one).
class PgTestCluster final {
    Q_DISABLE_COPY_MOVE(PgTestCluster)

public:
    PgTestCluster();
    ~PgTestCluster(); // stops the embedded server

    // One per test executable, started on first use and stopped when the application exits.
    static PgTestCluster &shared();

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QString conninfo() const { return m_conninfo; }
    // nullptr when an external server is used.
    pg::EmbeddedCluster *cluster() const { return m_cluster.get(); }

    // Drops (if it exists) and creates database `name`; returns a conninfo for it, or an empty
    // string (see errorString()).
    QString createDatabase(const QString &name);

    // `conninfo` with its database replaced by `database` (key=value strings and URIs).
    static QString withDatabase(const QString &conninfo, const QString &database);

    // Runs `sql` with psql -XAt -v ON_ERROR_STOP=1 (blocking, at most `msecs`). Returns the output
    // without the trailing newline, or a null string with the reason in *error.
    static QString psql(const QString &conninfo, const QString &sql, QString *error = nullptr, int msecs = 60000);

    // Server settings that make a throwaway cluster fast (durability is pointless in tests).
    static QStringList fastServerOptions();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<pg::EmbeddedCluster> m_cluster;
    QString m_conninfo;
    QString m_error;
};

// Starts `cluster` and waits in the event loop for started() or failed(): returns the conninfo,
// or an empty string with the failure message in *error.
QString startAndWait(pg::EmbeddedCluster &cluster, QString *error = nullptr, int msecs = 120000);
// Stops `cluster` and waits for stopped() or failed(); returns true when stopped.
bool stopAndWaitForSignal(pg::EmbeddedCluster &cluster, QString *error = nullptr, int msecs = 60000);

} // namespace trefoil::test
