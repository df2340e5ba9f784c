#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace trefoil::pg {

// A private PostgreSQL cluster for one application: created once in a data directory, started
// listening only on a Unix socket inside that directory (no TCP, nobody else can connect),
// stopped cleanly on request. Everything runs through QProcess without blocking the caller's
// thread, except stopAndWait(), meant for the last moments of a process.
// When the process runs as root (PostgreSQL refuses root) the cluster is owned and run by the
// `postgres` OS user.
class EmbeddedCluster final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedCluster)

public:
    struct Options {
        QString dataDir; // created if missing; the cluster lives in dataDir + "/pgdata"
        QString binDir; // empty: search PATH, pg_config --bindir, /usr/lib/postgresql/*/bin (newest first)
        QString database = QStringLiteral("trefoil"); // created on first start
        QString runAsUser; // empty: "postgres" when root, else the current user
        QStringList serverOptions; // extra "name=value" server settings, e.g. "fsync=off" for tests
    };

    explicit EmbeddedCluster(Options options, QObject *parent = nullptr);
    ~EmbeddedCluster() override; // stops the server if this object started it

    // initdb when needed, start (handling a stale postmaster.pid), wait until it accepts
    // connections, create the database: then started(conninfo), or failed(message).
    void start();
    // pg_ctl stop -m fast; then stopped().
    void stop();
    // For shutdown paths: stop and wait at most msecs. Returns true if the server is down.
    bool stopAndWait(int msecs = 15000);

    bool isRunning() const;
    // libpq conninfo for the running cluster, e.g. "host=/…/pgdata port=5432 dbname=trefoil user=postgres".
    QString conninfo() const;
    QString dataDirectory() const;
    // The postmaster's process id once started (0 otherwise); tests kill -9 it.
    qint64 postmasterPid() const;

    // Where initdb/pg_ctl/postgres live, or an empty string and a message naming the package to install.
    static QString findServerBinaries(QString *errorMessage);

Q_SIGNALS:
    void progress(const QString &step);
    void started(const QString &conninfo);
    void failed(const QString &message);
    void stopped();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace trefoil::pg
