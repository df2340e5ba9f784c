#include "tests/support/pgtestcluster.h"

#include "backend/pg/sqlbuilder.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace trefoil::test {

namespace {

QString psqlProgram()
{
    const QString binDir = pg::EmbeddedCluster::findServerBinaries(nullptr);
    const QString beside = binDir + u"/psql"_s;
    if (!binDir.isEmpty() && QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(u"psql"_s);
}

PgTestCluster *sharedInstance = nullptr;

} // namespace

PgTestCluster::PgTestCluster()
{
    const QString external = qEnvironmentVariable("TREFOIL_TEST_DATABASE_URL");
    if (!external.isEmpty()) {
        m_conninfo = external;
        return;
    }
    if (!m_dir.isValid()) {
        m_error = u"could not create a temporary directory: "_s + m_dir.errorString();
        return;
    }
    pg::EmbeddedCluster::Options options;
    options.dataDir = m_dir.path();
    options.serverOptions = fastServerOptions();
    m_cluster = std::make_unique<pg::EmbeddedCluster>(options);
    m_conninfo = startAndWait(*m_cluster, &m_error);
}

PgTestCluster::~PgTestCluster()
{
    if (m_cluster)
        m_cluster->stopAndWait();
}

PgTestCluster &PgTestCluster::shared()
{
    if (!sharedInstance) {
        sharedInstance = new PgTestCluster;
        // Stop while the application (and its event dispatcher) still exists.
        qAddPostRoutine([] {
            delete sharedInstance;
            sharedInstance = nullptr;
        });
    }
    return *sharedInstance;
}

QString PgTestCluster::createDatabase(const QString &name)
{
    if (!isValid())
        return {};
    const QString ident = pg::SqlBuilder::quoteIdentifier(name);
    QString error;
    const QString admin = withDatabase(m_conninfo, u"postgres"_s);
    if (psql(admin, u"DROP DATABASE IF EXISTS "_s + ident + u" WITH (FORCE)"_s, &error).isNull()
        || psql(admin, u"CREATE DATABASE "_s + ident, &error).isNull()) {
        m_error = error;
        return {};
    }
    return withDatabase(m_conninfo, name);
}

QString PgTestCluster::withDatabase(const QString &conninfo, const QString &database)
{
    if (conninfo.startsWith(u"postgres://"_s) || conninfo.startsWith(u"postgresql://"_s)) {
        QUrl url(conninfo);
        url.setPath(u'/' + database);
        return url.toString(QUrl::FullyEncoded);
    }
    QString escaped = database;
    escaped.replace(u"\\"_s, u"\\\\"_s);
    escaped.replace(u"'"_s, u"\\'"_s);
    // In a key=value conninfo the last value of a keyword wins.
    return conninfo + u" dbname='"_s + escaped + u'\'';
}

QString PgTestCluster::psql(const QString &conninfo, const QString &sql, QString *error, int msecs)
{
    const QString program = psqlProgram();
    if (program.isEmpty()) {
        if (error)
            *error = u"psql not found (Debian package postgresql-client)"_s;
        return {};
    }
    QProcess proc;
    proc.start(program,
        { u"-X"_s, u"-A"_s, u"-t"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, conninfo, u"-c"_s, sql });
    const bool finished = proc.waitForFinished(msecs);
    if (!finished || proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        if (error) {
            *error = u"psql failed ("_s
                + (finished ? u"exit code "_s + QString::number(proc.exitCode()) : u"timed out"_s) + u"): "_s
                + QString::fromLocal8Bit(proc.readAllStandardError()).trimmed();
        }
        proc.kill();
        proc.waitForFinished(1000);
        return {};
    }
    QString out = QString::fromLocal8Bit(proc.readAllStandardOutput());
    if (out.endsWith(u'\n'))
        out.chop(1);
    return out.isNull() ? u""_s : out;
}

QStringList PgTestCluster::fastServerOptions()
{
    return { u"fsync=off"_s, u"synchronous_commit=off"_s, u"full_page_writes=off"_s };
}

QString startAndWait(pg::EmbeddedCluster &cluster, QString *error, int msecs)
{
    QSignalSpy started(&cluster, &pg::EmbeddedCluster::started);
    QSignalSpy failed(&cluster, &pg::EmbeddedCluster::failed);
    cluster.start();
    if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, msecs)) {
        if (error)
            *error = u"the cluster did not start within %1 ms"_s.arg(msecs);
        return {};
    }
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.constFirst().constFirst().toString();
        return {};
    }
    return started.constFirst().constFirst().toString();
}

bool stopAndWaitForSignal(pg::EmbeddedCluster &cluster, QString *error, int msecs)
{
    QSignalSpy stopped(&cluster, &pg::EmbeddedCluster::stopped);
    QSignalSpy failed(&cluster, &pg::EmbeddedCluster::failed);
    cluster.stop();
    if (!QTest::qWaitFor([&] { return !stopped.isEmpty() || !failed.isEmpty(); }, msecs)) {
        if (error)
            *error = u"the cluster did not stop within %1 ms"_s.arg(msecs);
        return false;
    }
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.constFirst().constFirst().toString();
        return false;
    }
    return true;
}

} // namespace trefoil::test
