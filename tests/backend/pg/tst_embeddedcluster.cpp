#include "backend/pg/embeddedcluster.h"
#include "tests/support/pgtestcluster.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using trefoil::pg::EmbeddedCluster;
using trefoil::test::PgTestCluster;

namespace {

EmbeddedCluster::Options optionsFor(const QString &dataDir)
{
    EmbeddedCluster::Options options;
    options.dataDir = dataDir;
    options.serverOptions = PgTestCluster::fastServerOptions();
    return options;
}

QString valueOf(const QString &conninfo, const QString &key)
{
    const QStringList parts = conninfo.split(u' ', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.startsWith(key + u'='))
            return part.mid(key.size() + 1);
    }
    return {};
}

// The postmaster is re-parented to this process (a subreaper, see initTestCase) once pg_ctl exits:
// reap it here so that a dead postmaster does not linger as a zombie.
bool processGone(qint64 pid)
{
    const auto p = static_cast<pid_t>(pid);
    return QTest::qWaitFor(
        [p] {
            ::waitpid(p, nullptr, WNOHANG);
            return ::kill(p, 0) != 0 && errno == ESRCH;
        },
        20000);
}

QString sql(const QString &conninfo, const QString &statement)
{
    QString error;
    const QString out = PgTestCluster::psql(conninfo, statement, &error);
    if (out.isNull())
        qWarning("%s", qPrintable(error));
    return out;
}

uint modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 07777;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class TestEmbeddedCluster final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startConnectAndStop();
    void restartDoesNotRunInitdbAgain();
    void restartAfterKill9();
    void adoptsRunningServer();
    void stalePostmasterPid();
    void longDataDirUsesShortSocketDir();
    void rootRunsAsPostgres();
    void missingBinariesNamePackage();
    void destructorStopsServer();
    void destructorDuringStart();
    void sharedFixtureCreatesDatabases();
};

void TestEmbeddedCluster::initTestCase()
{
    QString error;
    if (EmbeddedCluster::findServerBinaries(&error).isEmpty())
        QSKIP(qPrintable(error));
    // Orphaned postmasters become our children, so processGone() can reap them even where PID 1
    // does not reap zombies.
    QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
}

void TestEmbeddedCluster::startConnectAndStop()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EmbeddedCluster cluster(optionsFor(dir.path()));
    QSignalSpy progress(&cluster, &EmbeddedCluster::progress);
    QString error;
    const QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(cluster.isRunning());
    QCOMPARE(cluster.conninfo(), conninfo);
    QVERIFY(progress.count() >= 3);
    QCOMPARE(valueOf(conninfo, u"dbname"_s), u"trefoil"_s);
    QCOMPARE(cluster.dataDirectory(), dir.path() + u"/pgdata"_s);

    QCOMPARE(sql(conninfo, u"SELECT 1"_s), u"1"_s);
    QCOMPARE(sql(conninfo, u"SELECT current_database()"_s), u"trefoil"_s);
    // No TCP listener: only the private Unix socket, in a directory nobody else can enter.
    QCOMPARE(sql(conninfo, u"SHOW listen_addresses"_s), u""_s);
    QCOMPARE(sql(conninfo, u"SHOW fsync"_s), u"off"_s);
    const QString socketDir = valueOf(conninfo, u"host"_s);
    QVERIFY(QFileInfo::exists(socketDir + u"/.s.PGSQL."_s + valueOf(conninfo, u"port"_s)));
    QCOMPARE(modeOf(socketDir), 0700u);
    const qint64 pid = cluster.postmasterPid();
    QVERIFY(pid > 0);
    QCOMPARE(sql(conninfo, u"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'checkpointer'"_s), u"1"_s);
    QFile cmdline(u"/proc/%1/cmdline"_s.arg(pid));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    QVERIFY(cmdline.readAll().contains("postgres"));
    QVERIFY2(trefoil::test::stopAndWaitForSignal(cluster, &error), qPrintable(error));
    QVERIFY(!cluster.isRunning());
    QCOMPARE(cluster.postmasterPid(), 0);
    QVERIFY(cluster.conninfo().isEmpty());
    QVERIFY(processGone(pid));
    QVERIFY(!QFileInfo::exists(cluster.dataDirectory() + u"/postmaster.pid"_s));

    // pg_ctl agrees (exit code 3: no server running). As root it has to run as postgres.
    const QString pgctl = EmbeddedCluster::findServerBinaries(nullptr) + u"/pg_ctl"_s;
    QProcess status;
    if (isRoot())
        status.start(
            u"runuser"_s, { u"-u"_s, u"postgres"_s, u"--"_s, pgctl, u"status"_s, u"-D"_s, cluster.dataDirectory() });
    else
        status.start(pgctl, { u"status"_s, u"-D"_s, cluster.dataDirectory() });
    QVERIFY(status.waitForFinished(30000));
    QCOMPARE(status.exitCode(), 3);

    // stop() on a stopped cluster just reports stopped().
    QVERIFY(trefoil::test::stopAndWaitForSignal(cluster, &error));
}

void TestEmbeddedCluster::restartDoesNotRunInitdbAgain()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EmbeddedCluster cluster(optionsFor(dir.path()));
    QString error;
    QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(!sql(conninfo, u"CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)"_s).isNull());
    const QString pgVersion = cluster.dataDirectory() + u"/PG_VERSION"_s;
    const QDateTime created = QFileInfo(pgVersion).lastModified();
    QVERIFY2(trefoil::test::stopAndWaitForSignal(cluster, &error), qPrintable(error));

    QSignalSpy progress(&cluster, &EmbeddedCluster::progress);
    conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QCOMPARE(QFileInfo(pgVersion).lastModified(), created);
    for (const QList<QVariant> &step : std::as_const(progress))
        QVERIFY2(!step.constFirst().toString().contains(u"Creating the database cluster"_s),
            qPrintable(step.constFirst().toString()));
    QCOMPARE(sql(conninfo, u"SELECT v FROM kept"_s), u"42"_s);
}

void TestEmbeddedCluster::restartAfterKill9()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Durable defaults, as in the application: a committed row must survive the crash.
    EmbeddedCluster::Options options;
    options.dataDir = dir.path();
    EmbeddedCluster cluster(options);
    QString error;
    QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(!sql(conninfo, u"CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)"_s).isNull());

    // Freeze a backend so that it keeps the old shared memory attached after the postmaster dies:
    // the first start attempt must fail, and a later one succeed once the backend is gone.
    const auto checkpointer = static_cast<pid_t>(
        sql(conninfo, u"SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"_s).toLongLong());
    QVERIFY(checkpointer > 0);
    QCOMPARE(::kill(checkpointer, SIGSTOP), 0);
    const qint64 pid = cluster.postmasterPid();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
    if (::waitpid(static_cast<pid_t>(pid), nullptr, 0) != static_cast<pid_t>(pid))
        QVERIFY(processGone(pid));
    QVERIFY(QFileInfo::exists(cluster.dataDirectory() + u"/postmaster.pid"_s));

    bool retried = false;
    connect(&cluster, &EmbeddedCluster::progress, this, [&retried, checkpointer](const QString &step) {
        if (!retried && step.contains(u"trying again"_s)) {
            retried = true;
            ::kill(checkpointer, SIGKILL);
        }
    });
    conninfo = trefoil::test::startAndWait(cluster, &error);
    ::kill(checkpointer, SIGKILL);
    QVERIFY(processGone(checkpointer));
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(retried);
    QVERIFY(cluster.postmasterPid() != pid);
    QCOMPARE(sql(conninfo, u"SELECT v FROM kept"_s), u"7"_s);
}

void TestEmbeddedCluster::adoptsRunningServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto first = std::make_unique<EmbeddedCluster>(optionsFor(dir.path()));
    QString error;
    const QString conninfo = trefoil::test::startAndWait(*first, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    const qint64 pid = first->postmasterPid();

    // A second owner of the same data directory (the application restarted after a crash while
    // the postmaster survived) uses the running server instead of failing.
    EmbeddedCluster second(optionsFor(dir.path()));
    QSignalSpy progress(&second, &EmbeddedCluster::progress);
    const QString adopted = trefoil::test::startAndWait(second, &error);
    QVERIFY2(!adopted.isEmpty(), qPrintable(error));
    QCOMPARE(adopted, conninfo);
    QCOMPARE(second.postmasterPid(), pid);
    for (const QList<QVariant> &step : std::as_const(progress))
        QVERIFY(!step.constFirst().toString().startsWith(u"Starting the database server"_s));
    QCOMPARE(sql(adopted, u"SELECT 1"_s), u"1"_s);

    // The adopter owns it now: stopping it stops the server.
    QVERIFY(second.stopAndWait());
    QVERIFY(processGone(pid));
    first.reset(); // its destructor finds nothing left to stop
}

void TestEmbeddedCluster::stalePostmasterPid()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EmbeddedCluster cluster(optionsFor(dir.path()));
    QString error;
    QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(!sql(conninfo, u"CREATE TABLE kept (v int); INSERT INTO kept VALUES (3)"_s).isNull());
    QVERIFY2(trefoil::test::stopAndWaitForSignal(cluster, &error), qPrintable(error));

    // A pid that surely belongs to no process: one that already exited and was reaped.
    QProcess exited;
    exited.start(u"true"_s, QStringList());
    QVERIFY(exited.waitForStarted());
    const qint64 deadPid = exited.processId();
    QVERIFY(exited.waitForFinished());
    QVERIFY(processGone(deadPid));

    const QString pidFile = cluster.dataDirectory() + u"/postmaster.pid"_s;
    {
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::number(deadPid) + '\n' + QFile::encodeName(cluster.dataDirectory())
            + "\n1700000000\n5432\n" + QFile::encodeName(cluster.dataDirectory()) + "\n\n  1234567  1\nready   \n");
    }
    if (isRoot()) {
        const passwd *pw = ::getpwnam("postgres");
        QVERIFY(pw);
        QCOMPARE(::chown(QFile::encodeName(pidFile).constData(), pw->pw_uid, pw->pw_gid), 0);
    }

    conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    QVERIFY(cluster.postmasterPid() != deadPid);
    QCOMPARE(sql(conninfo, u"SELECT v FROM kept"_s), u"3"_s);
}

void TestEmbeddedCluster::longDataDirUsesShortSocketDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // QTemporaryDir is 0700; the postgres user must be able to pass through it.
    QVERIFY(QFile::setPermissions(
        dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));
    const QString dataDir = dir.path() + u"/a-rather-long-directory-name-for-the-data/"_s
        + u"and-another-level-that-pushes-the-socket-path-past-107-bytes"_s;
    EmbeddedCluster cluster(optionsFor(dataDir));
    QString error;
    const QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    const QString socketDir = valueOf(conninfo, u"host"_s);
    QVERIFY2(!socketDir.startsWith(dataDir), qPrintable(socketDir));
    QVERIFY(socketDir.size() < 80);
    QCOMPARE(modeOf(socketDir), 0700u);
    if (isRoot())
        QCOMPARE(QFileInfo(socketDir).ownerId(), ::getpwnam("postgres")->pw_uid);
    QCOMPARE(sql(conninfo, u"SELECT 1"_s), u"1"_s);
    QVERIFY2(trefoil::test::stopAndWaitForSignal(cluster, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(socketDir));
}

void TestEmbeddedCluster::rootRunsAsPostgres()
{
    if (!isRoot())
        QSKIP("only meaningful when the tests run as root");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EmbeddedCluster cluster(optionsFor(dir.path()));
    QString error;
    const QString conninfo = trefoil::test::startAndWait(cluster, &error);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(error));
    const passwd *pw = ::getpwnam("postgres");
    QVERIFY(pw);
    QCOMPARE(valueOf(conninfo, u"user"_s), u"postgres"_s);
    QCOMPARE(QFileInfo(cluster.dataDirectory()).ownerId(), pw->pw_uid);
    QCOMPARE(QFileInfo(dir.path()).ownerId(), pw->pw_uid);
    QCOMPARE(sql(conninfo, u"SELECT current_user"_s), u"postgres"_s);
    QFile status(u"/proc/%1/status"_s.arg(cluster.postmasterPid()));
    QVERIFY(status.open(QIODevice::ReadOnly));
    const QByteArray text = status.readAll();
    const QByteArray uidLine = QByteArray("\nUid:\t") + QByteArray::number(pw->pw_uid) + '\t';
    QVERIFY2(text.contains(uidLine), text.constData());
}

void TestEmbeddedCluster::missingBinariesNamePackage()
{
    QTemporaryDir dir;
    QTemporaryDir emptyBin;
    QVERIFY(dir.isValid() && emptyBin.isValid());
    EmbeddedCluster::Options options = optionsFor(dir.path());
    options.binDir = emptyBin.path();
    EmbeddedCluster cluster(options);
    QSignalSpy started(&cluster, &EmbeddedCluster::started);
    QString error;
    QVERIFY(trefoil::test::startAndWait(cluster, &error).isEmpty());
    QVERIFY2(error.contains(u"\"postgresql\""_s), qPrintable(error));
    QVERIFY2(error.contains(emptyBin.path()), qPrintable(error));
    QVERIFY(started.isEmpty());
    QVERIFY(!cluster.isRunning());
    QVERIFY(!QFileInfo::exists(cluster.dataDirectory()));
}

void TestEmbeddedCluster::destructorStopsServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qint64 pid = 0;
    QString dataDirectory;
    {
        EmbeddedCluster cluster(optionsFor(dir.path()));
        QString error;
        QVERIFY2(!trefoil::test::startAndWait(cluster, &error).isEmpty(), qPrintable(error));
        pid = cluster.postmasterPid();
        dataDirectory = cluster.dataDirectory();
        QVERIFY(pid > 0);
    }
    QVERIFY(processGone(pid));
    QVERIFY(!QFileInfo::exists(dataDirectory + u"/postmaster.pid"_s));
}

void TestEmbeddedCluster::destructorDuringStart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString pidFile;
    {
        EmbeddedCluster cluster(optionsFor(dir.path()));
        pidFile = cluster.dataDirectory() + u"/postmaster.pid"_s;
        QSignalSpy progress(&cluster, &EmbeddedCluster::progress);
        cluster.start();
        // Destroyed while pg_ctl start is in flight: it waits for it, then stops the server.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !progress.isEmpty() && progress.constLast().constFirst().toString().startsWith(u"Starting"_s);
            },
            120000));
    }
    QVERIFY(!QFileInfo::exists(pidFile));
}

void TestEmbeddedCluster::sharedFixtureCreatesDatabases()
{
    PgTestCluster &shared = PgTestCluster::shared();
    QVERIFY2(shared.isValid(), qPrintable(shared.errorString()));
    QCOMPARE(&PgTestCluster::shared(), &shared);
    const QString conninfo = shared.createDatabase(u"tst_fixture"_s);
    QVERIFY2(!conninfo.isEmpty(), qPrintable(shared.errorString()));
    QCOMPARE(sql(conninfo, u"SELECT current_database()"_s), u"tst_fixture"_s);
    QVERIFY(!sql(conninfo, u"CREATE TABLE t (v int)"_s).isNull());
    // A second call gives a fresh, empty database.
    QCOMPARE(shared.createDatabase(u"tst_fixture"_s), conninfo);
    QCOMPARE(sql(conninfo, u"SELECT count(*) FROM pg_class WHERE relname = 't'"_s), u"0"_s);
}

QTEST_GUILESS_MAIN(TestEmbeddedCluster)
#include "tst_embeddedcluster.moc"
