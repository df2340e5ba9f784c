#include "backend/pg/embeddedcluster.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QVersionNumber>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <utility>

#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace trefoil::pg {

namespace {

constexpr int DefaultPort = 5432;
// After a kill -9 of the postmaster its backends can hold the shared memory segment for a moment,
// and a new postmaster refuses to start until they are gone: retry with a growing delay.
constexpr int MaxStartAttempts = 6;
constexpr int FirstRetryDelayMs = 200;
constexpr int MaxReadyPolls = 150;
constexpr int ReadyPollIntervalMs = 200;
// sizeof(sockaddr_un::sun_path) is 108 on Linux, including the terminating NUL.
constexpr qsizetype MaxUnixSocketPath = 107;
const auto SocketFileName = u"/.s.PGSQL.%1.lock"_s;
const auto PrivateSocketDirPrefix = u"trefoil-pg-"_s;

QStringList serverPrograms()
{
    return { u"initdb"_s, u"pg_ctl"_s, u"postgres"_s };
}

bool hasServerPrograms(const QString &dir)
{
    if (dir.isEmpty())
        return false;
    const QStringList programs = serverPrograms();
    return std::all_of(programs.cbegin(), programs.cend(), [&dir](const QString &program) {
        const QFileInfo info(dir + u'/' + program);
        return info.isFile() && info.isExecutable();
    });
}

QString binDirFromPath()
{
    const QString initdb = QStandardPaths::findExecutable(u"initdb"_s);
    if (initdb.isEmpty())
        return {};
    // Distributions often link only some programs into PATH; the real directory holds all of
    // them (and psql), so prefer it.
    const QString realDir = QFileInfo(QFileInfo(initdb).canonicalFilePath()).absolutePath();
    if (hasServerPrograms(realDir))
        return realDir;
    const QString pathDir = QFileInfo(initdb).absolutePath();
    return hasServerPrograms(pathDir) ? pathDir : QString();
}

QString binDirFromPgConfigOutput(const QByteArray &output)
{
    const QString dir = QString::fromLocal8Bit(output).trimmed();
    return hasServerPrograms(dir) ? QFileInfo(dir).canonicalFilePath() : QString();
}

QString binDirFromInstalledVersions()
{
    const QDir root(u"/usr/lib/postgresql"_s);
    QList<std::pair<QVersionNumber, QString>> found;
    const QStringList entries = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        const QString bin = root.filePath(entry + u"/bin"_s);
        if (!version.isNull() && hasServerPrograms(bin))
            found.append({ version, bin });
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    return found.isEmpty() ? QString() : found.constFirst().second;
}

QString searchedPlaces()
{
    return EmbeddedCluster::tr("PATH, pg_config --bindir or /usr/lib/postgresql/*/bin");
}

QString missingProgramsMessage(const QString &where)
{
    return EmbeddedCluster::tr("The PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in %1. "
                               "Install the Debian package \"postgresql\" (apt install postgresql) and try again.")
        .arg(where);
}

QString lastLines(const QString &text, int maxLines = 15)
{
    QStringList lines = text.trimmed().split(u'\n');
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join(u'\n');
}

QString fileTail(const QString &path, qint64 from = 0)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 MaxBytes = 4096;
    file.seek(std::max(from, file.size() - MaxBytes));
    return lastLines(QString::fromLocal8Bit(file.readAll()));
}

QString shellQuote(const QString &value)
{
    QString escaped = value;
    escaped.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + escaped + u'\'';
}

QString conninfoValue(const QString &value)
{
    const bool plain = !value.isEmpty()
        && std::none_of(value.cbegin(), value.cend(), [](QChar c) { return c.isSpace() || c == u'\'' || c == u'\\'; });
    if (plain)
        return value;
    QString escaped = value;
    escaped.replace(u"\\"_s, u"\\\\"_s);
    escaped.replace(u"'"_s, u"\\'"_s);
    return u'\'' + escaped + u'\'';
}

// A path that survives pg_ctl's shell command line and PostgreSQL's directory-list parsing.
bool isPlainPath(const QString &path)
{
    return std::all_of(path.cbegin(), path.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == u'/' || c == u'.' || c == u'_' || c == u'-' || c == u'+' || c == u'@';
    });
}

struct PidFile {
    qint64 pid = 0;
    int port = 0;
    QString socketDir;
    QString status;
};

// postmaster.pid: pid, data dir, start time, port, first socket dir, listen address, shmem key, status.
PidFile readPidFile(const QString &pgdata)
{
    PidFile result;
    QFile file(pgdata + u"/postmaster.pid"_s);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    const QStringList lines = QString::fromLocal8Bit(file.readAll()).split(u'\n');
    result.pid = lines.value(0).trimmed().toLongLong();
    result.port = lines.value(3).trimmed().toInt();
    result.socketDir = lines.value(4).trimmed();
    result.status = lines.value(7).trimmed();
    return result;
}

// A zombie counts as dead: where nobody reaps orphans (some container inits), a killed
// postmaster stays a zombie and kill(pid, 0) still succeeds.
bool processAlive(qint64 pid)
{
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM))
        return false;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(')');
    return afterName < 0 || line.mid(afterName + 2, 1) != "Z";
}

QString userName(uid_t uid)
{
    const passwd *entry = ::getpwuid(uid);
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(uid);
}

QProcessEnvironment childEnvironment()
{
    // Inherited PGHOST, PGDATA, PGOPTIONS… would point our tools at some other server.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(u"PG"_s))
            env.remove(key);
    }
    return env;
}

} // namespace

struct EmbeddedCluster::Private {
    enum class State { Idle, Starting, Running, Stopping };
    using Done = std::function<void(int exitCode, const QString &out, const QString &err)>;

    EmbeddedCluster *q;
    Options options;
    State state = State::Idle;
    QString pgdata;
    QString logFile;
    QString binDir;
    QString runAsUser;
    uid_t runAsUid = 0;
    gid_t runAsGid = 0;
    bool useRunuser = false;
    QString runuserPath;
    QString socketDir;
    int port = DefaultPort;
    qint64 pid = 0;
    bool owned = false; // started or adopted here: the destructor stops it
    bool privateSocketDir = false; // socketDir is a short directory made here, removed after stop
    bool stopAfterStart = false;
    int startAttempt = 0;
    int readyPolls = 0;
    qint64 logOffset = 0;
    QTimer retryTimer;
    QPointer<QProcess> process;

    Private(EmbeddedCluster *owner, Options opts)
        : q(owner)
        , options(std::move(opts))
    {
        options.dataDir = QFileInfo(options.dataDir).absoluteFilePath();
        pgdata = options.dataDir + u"/pgdata"_s;
        logFile = options.dataDir + u"/postgres.log"_s;
        retryTimer.setSingleShot(true);
    }

    QString tool(const QString &name) const { return binDir + u'/' + name; }

    QString pgctl() const { return tool(u"pg_ctl"_s); }

    void fail(const QString &message)
    {
        retryTimer.stop();
        if (state == State::Starting)
            state = State::Idle;
        else if (state == State::Stopping)
            state = State::Running;
        stopAfterStart = false;
        Q_EMIT q->failed(message);
    }

    void configure(QProcess &proc, const QString &program, const QStringList &arguments, bool asServerUser) const
    {
        proc.setProcessEnvironment(childEnvironment());
        // Our own working directory may be unreachable for the server user (e.g. /root).
        if (QFileInfo(options.dataDir).isDir())
            proc.setWorkingDirectory(options.dataDir);
        if (asServerUser && useRunuser) {
            proc.setProgram(runuserPath);
            proc.setArguments(QStringList { u"-u"_s, runAsUser, u"--"_s, program } + arguments);
        } else {
            proc.setProgram(program);
            proc.setArguments(arguments);
        }
    }

    void run(const QString &program, const QStringList &arguments, bool asServerUser, Done done,
        const QByteArray &input = {})
    {
        auto *proc = new QProcess(q);
        process = proc;
        configure(*proc, program, arguments, asServerUser);
        const QString name = QFileInfo(program).fileName();
        QObject::connect(proc, &QProcess::errorOccurred, q, [this, proc, name](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart || process != proc)
                return;
            const QString why = proc->errorString();
            release(proc);
            fail(tr("Could not run %1: %2").arg(name, why));
        });
        QObject::connect(proc, &QProcess::finished, q,
            [this, proc, name, done = std::move(done)](int exitCode, QProcess::ExitStatus status) {
                if (process != proc)
                    return;
                const QString out = QString::fromLocal8Bit(proc->readAllStandardOutput());
                const QString err = QString::fromLocal8Bit(proc->readAllStandardError());
                release(proc);
                if (status == QProcess::CrashExit) {
                    fail(tr("%1 crashed: %2").arg(name, lastLines(err)));
                    return;
                }
                done(exitCode, out, err);
            });
        proc->start();
        if (process != proc) // failed to start, already reported
            return;
        if (!input.isEmpty())
            proc->write(input);
        proc->closeWriteChannel();
    }

    void release(QProcess *proc)
    {
        if (process == proc)
            process = nullptr;
        proc->disconnect(q);
        proc->deleteLater();
    }

    // Stops following the process in flight; waits for it so the server is in a known state.
    void abandonProcess(const QDeadlineTimer &deadline)
    {
        QProcess *proc = process;
        if (!proc)
            return;
        process = nullptr;
        proc->disconnect(q);
        if (!proc->waitForFinished(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 0)))) {
            proc->kill();
            proc->waitForFinished(1000);
        }
        delete proc;
    }

    // ---- start sequence -------------------------------------------------------------------

    void begin()
    {
        state = State::Starting;
        startAttempt = 0;
        readyPolls = 0;
        Q_EMIT q->progress(tr("Looking for the PostgreSQL server programs"));
        if (!options.binDir.isEmpty()) {
            if (!hasServerPrograms(options.binDir)) {
                fail(missingProgramsMessage(options.binDir));
                return;
            }
            binDir = options.binDir;
            prepare();
            return;
        }
        binDir = binDirFromPath();
        if (!binDir.isEmpty()) {
            prepare();
            return;
        }
        const QString pgConfig = QStandardPaths::findExecutable(u"pg_config"_s);
        if (pgConfig.isEmpty()) {
            useInstalledVersions();
            return;
        }
        auto *self = this;
        run(pgConfig, { u"--bindir"_s }, false, [self](int exitCode, const QString &out, const QString &) {
            self->binDir = exitCode == 0 ? binDirFromPgConfigOutput(out.toLocal8Bit()) : QString();
            if (self->binDir.isEmpty())
                self->useInstalledVersions();
            else
                self->prepare();
        });
    }

    void useInstalledVersions()
    {
        binDir = binDirFromInstalledVersions();
        if (binDir.isEmpty())
            fail(missingProgramsMessage(searchedPlaces()));
        else
            prepare();
    }

    bool resolveUser(QString *error)
    {
        const uid_t euid = ::geteuid();
        const QString current = userName(euid);
        runAsUser = options.runAsUser.isEmpty() ? (euid == 0 ? u"postgres"_s : current) : options.runAsUser;
        const passwd *entry = ::getpwnam(runAsUser.toLocal8Bit().constData());
        if (!entry) {
            *error = tr("The user \"%1\" that should run the database server does not exist. "
                        "Installing the Debian package \"postgresql\" creates the \"postgres\" user.")
                         .arg(runAsUser);
            return false;
        }
        runAsUid = entry->pw_uid;
        runAsGid = entry->pw_gid;
        if (runAsUid == 0) {
            *error = tr("PostgreSQL refuses to run as root: choose another user to run the database server.");
            return false;
        }
        useRunuser = runAsUid != euid;
        if (useRunuser && euid != 0) {
            *error = tr("Only root can run the database server as another user (%1); the current user is %2.")
                         .arg(runAsUser, current);
            return false;
        }
        if (useRunuser) {
            runuserPath = QStandardPaths::findExecutable(
                u"runuser"_s, { u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s });
            if (runuserPath.isEmpty()) {
                *error = tr("runuser was not found: it is needed to run the database server as %1 "
                            "(Debian package \"util-linux\").")
                             .arg(runAsUser);
                return false;
            }
        }
        return true;
    }

    // The server user must own the data directory and reach it through every parent.
    bool prepareDirectories(QString *error)
    {
        QStringList created;
        for (QString dir = options.dataDir; !QFileInfo::exists(dir); dir = QFileInfo(dir).absolutePath())
            created.prepend(dir);
        if (!QDir().mkpath(options.dataDir)) {
            *error = tr("Could not create the data directory %1.").arg(options.dataDir);
            return false;
        }
        if (!useRunuser)
            return true;

        const QByteArray dataDir = QFile::encodeName(options.dataDir);
        if (::chown(dataDir.constData(), runAsUid, runAsGid) != 0) {
            *error = tr("Could not give the data directory %1 to user %2: %3")
                         .arg(options.dataDir, runAsUser, QString::fromLocal8Bit(::strerror(errno)));
            return false;
        }
        for (QString dir = QFileInfo(options.dataDir).absolutePath();; dir = QFileInfo(dir).absolutePath()) {
            struct stat info = {};
            const QByteArray path = QFile::encodeName(dir);
            if (::stat(path.constData(), &info) != 0)
                break;
            const bool reachable = (info.st_mode & S_IXOTH) || (info.st_uid == runAsUid && (info.st_mode & S_IXUSR))
                || (info.st_gid == runAsGid && (info.st_mode & S_IXGRP));
            if (!reachable) {
                if (!created.contains(dir) || ::chmod(path.constData(), (info.st_mode & 07777) | S_IXOTH) != 0) {
                    *error = tr("The database server runs as user %1, which cannot reach %2. Make that "
                                "directory traversable (chmod o+x %2) or choose another data directory.")
                                 .arg(runAsUser, dir);
                    return false;
                }
            }
            if (dir == u"/"_s)
                break;
        }
        return true;
    }

    void prepare()
    {
        QString error;
        if (!resolveUser(&error) || !prepareDirectories(&error)) {
            fail(error);
            return;
        }
        if (QFileInfo::exists(pgdata + u"/PG_VERSION"_s))
            checkRunning();
        else
            initdb();
    }

    void initdb()
    {
        Q_EMIT q->progress(tr("Creating the database cluster in %1").arg(pgdata));
        const QStringList args
            = { u"-D"_s, pgdata, u"--auth=trust"_s, u"-U"_s, runAsUser, u"-E"_s, u"UTF8"_s, u"--locale=C.UTF-8"_s };
        run(tool(u"initdb"_s), args, true, [this](int exitCode, const QString &out, const QString &err) {
            if (exitCode != 0) {
                fail(tr("Could not create the database cluster in %1 (initdb exit code %2):\n%3")
                         .arg(pgdata)
                         .arg(exitCode)
                         .arg(lastLines(err + out)));
                return;
            }
            startServer();
        });
    }

    void checkRunning()
    {
        if (!QFileInfo::exists(pgdata + u"/postmaster.pid"_s)) {
            startServer();
            return;
        }
        Q_EMIT q->progress(tr("Checking for a database server already running on %1").arg(pgdata));
        // Exit code 0: running; 3: not running (a stale postmaster.pid, which pg_ctl start handles).
        run(pgctl(), { u"status"_s, u"-D"_s, pgdata }, true, [this](int exitCode, const QString &, const QString &) {
            if (exitCode == 0 && processAlive(readPidFile(pgdata).pid))
                adopt();
            else
                startServer();
        });
    }

    // A server from this data directory survived its owner (e.g. the application crashed).
    void adopt()
    {
        const PidFile pidFile = readPidFile(pgdata);
        if (pidFile.pid <= 0 || pidFile.port <= 0 || pidFile.socketDir.isEmpty()) {
            fail(tr("A database server is running on %1, but it does not listen on a Unix socket "
                    "this application can use. Stop it (pg_ctl stop -D %1) and try again.")
                     .arg(pgdata));
            return;
        }
        Q_EMIT q->progress(
            tr("Using the database server already running on %1 (process %2)").arg(pgdata).arg(pidFile.pid));
        pid = pidFile.pid;
        port = pidFile.port;
        socketDir = pidFile.socketDir;
        privateSocketDir = socketDir != pgdata && QFileInfo(socketDir).fileName().startsWith(PrivateSocketDirPrefix);
        owned = true;
        readyPolls = 0;
        waitUntilReady();
    }

    void waitUntilReady()
    {
        const QString isready = tool(u"pg_isready"_s);
        if (!QFileInfo(isready).isExecutable()) {
            createDatabase();
            return;
        }
        const QStringList args = { u"-q"_s, u"-h"_s, socketDir, u"-p"_s, QString::number(port), u"-U"_s, runAsUser,
            u"-d"_s, u"postgres"_s };
        run(isready, args, false, [this](int exitCode, const QString &, const QString &) {
            if (exitCode == 0) {
                createDatabase();
            } else if (++readyPolls < MaxReadyPolls && processAlive(pid)) {
                QTimer::singleShot(ReadyPollIntervalMs, q, [this] {
                    if (state == State::Starting)
                        waitUntilReady();
                });
            } else {
                fail(tr("The database server running on %1 does not accept connections.\nServer log (%2):\n%3")
                         .arg(pgdata, logFile, fileTail(logFile)));
            }
        });
    }

    bool chooseSocketDir(QString *error)
    {
        const QString socketFile = SocketFileName.arg(port);
        if (pgdata.size() + socketFile.size() <= MaxUnixSocketPath && isPlainPath(pgdata)) {
            socketDir = pgdata; // mode 0700, owned by the server user: nobody else can connect
            privateSocketDir = false;
            return true;
        }
        if (privateSocketDir && QFileInfo(socketDir).isDir())
            return true;
        const QString temp = QDir::tempPath();
        const QString base = temp.size() < 64 && isPlainPath(temp) ? temp : u"/tmp"_s;
        QByteArray pattern = QFile::encodeName(base + u'/' + PrivateSocketDirPrefix + u"XXXXXX"_s);
        if (!::mkdtemp(pattern.data())) { // mkdtemp makes the directory with mode 0700
            *error = tr("Could not create a socket directory in %1: %2")
                         .arg(base, QString::fromLocal8Bit(::strerror(errno)));
            return false;
        }
        if (useRunuser && ::chown(pattern.constData(), runAsUid, runAsGid) != 0) {
            *error = tr("Could not give the socket directory %1 to user %2: %3")
                         .arg(QFile::decodeName(pattern), runAsUser, QString::fromLocal8Bit(::strerror(errno)));
            ::rmdir(pattern.constData());
            return false;
        }
        socketDir = QFile::decodeName(pattern);
        privateSocketDir = true;
        return true;
    }

    void removePrivateSocketDir()
    {
        if (privateSocketDir && !socketDir.isEmpty())
            QDir().rmdir(socketDir); // only when empty: the server removes its socket files
        privateSocketDir = false;
    }

    void startServer()
    {
        QString error;
        if (!chooseSocketDir(&error)) {
            fail(error);
            return;
        }
        ++startAttempt;
        Q_EMIT q->progress(startAttempt == 1
                ? tr("Starting the database server")
                : tr("Starting the database server (attempt %1 of %2)").arg(startAttempt).arg(MaxStartAttempts));
        logOffset = QFileInfo(logFile).size();
        // pg_ctl runs the postmaster through /bin/sh, so -o values are shell-quoted.
        QString serverArgs = u"-c listen_addresses='' -c unix_socket_directories="_s + shellQuote(socketDir)
            + u" -c unix_socket_permissions=0700 -p "_s + QString::number(port);
        for (const QString &option : std::as_const(options.serverOptions))
            serverArgs += u" -c "_s + shellQuote(option);
        const QStringList args
            = { u"start"_s, u"-w"_s, u"-t"_s, u"120"_s, u"-D"_s, pgdata, u"-l"_s, logFile, u"-o"_s, serverArgs };
        run(pgctl(), args, true, [this](int exitCode, const QString &out, const QString &err) {
            if (exitCode == 0) {
                const PidFile pidFile = readPidFile(pgdata);
                pid = pidFile.pid;
                owned = true;
                createDatabase();
                return;
            }
            if (startAttempt < MaxStartAttempts) {
                const int delay = FirstRetryDelayMs << (startAttempt - 1);
                Q_EMIT q->progress(tr("The database server did not start; trying again in %1 ms").arg(delay));
                retryTimer.start(delay);
                return;
            }
            removePrivateSocketDir();
            fail(tr("The database server did not start (pg_ctl exit code %1):\n%2\nServer log (%3):\n%4")
                     .arg(exitCode)
                     .arg(lastLines(err + out), logFile, fileTail(logFile, logOffset)));
        });
    }

    QString conninfoFor(const QString &database) const
    {
        return u"host="_s + conninfoValue(socketDir) + u" port="_s + QString::number(port) + u" dbname="_s
            + conninfoValue(database) + u" user="_s + conninfoValue(runAsUser);
    }

    void createDatabase()
    {
        QString psql = tool(u"psql"_s);
        if (!QFileInfo(psql).isExecutable())
            psql = QStandardPaths::findExecutable(u"psql"_s);
        if (psql.isEmpty()) {
            fail(tr("psql was not found: install the Debian package \"postgresql-client\"."));
            return;
        }
        Q_EMIT q->progress(tr("Creating database %1").arg(options.database));
        // psql's :'var' quoting keeps the name a literal; format(%I) quotes it as an identifier.
        const QByteArray script = "SELECT format('CREATE DATABASE %I', :'dbname')\n"
                                  "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'dbname')\\gexec\n";
        const QStringList args = { u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-v"_s,
            u"dbname="_s + options.database, u"-d"_s, conninfoFor(u"postgres"_s), u"-f"_s, u"-"_s };
        run(
            psql, args, false,
            [this](int exitCode, const QString &out, const QString &err) {
                if (exitCode != 0) {
                    fail(tr("Could not create database %1:\n%2").arg(options.database, lastLines(err + out)));
                    return;
                }
                state = State::Running;
                Q_EMIT q->progress(tr("The database server is ready"));
                Q_EMIT q->started(conninfoFor(options.database));
                if (std::exchange(stopAfterStart, false))
                    stopServer();
            },
            script);
    }

    // ---- stop -----------------------------------------------------------------------------

    void stopServer()
    {
        state = State::Stopping;
        Q_EMIT q->progress(tr("Stopping the database server"));
        const QStringList args = { u"stop"_s, u"-D"_s, pgdata, u"-m"_s, u"fast"_s, u"-w"_s, u"-t"_s, u"60"_s };
        run(pgctl(), args, true, [this](int exitCode, const QString &out, const QString &err) {
            if (exitCode != 0 && processAlive(pid)) {
                fail(tr("Could not stop the database server (pg_ctl exit code %1):\n%2")
                         .arg(exitCode)
                         .arg(lastLines(err + out)));
                return;
            }
            markStopped();
            Q_EMIT q->stopped();
        });
    }

    void markStopped()
    {
        state = State::Idle;
        owned = false;
        pid = 0;
        removePrivateSocketDir();
    }

    bool stopAndWait(int msecs, bool announce)
    {
        const QDeadlineTimer deadline(msecs);
        retryTimer.stop();
        stopAfterStart = false;
        abandonProcess(deadline);
        const PidFile pidFile = readPidFile(pgdata);
        if (!processAlive(pidFile.pid)) {
            const bool wasUp = state == State::Running || state == State::Stopping;
            markStopped();
            if (announce && wasUp)
                Q_EMIT q->stopped();
            return true;
        }
        if (binDir.isEmpty())
            binDir = findServerBinaries(nullptr);
        if (runAsUser.isEmpty()) {
            QString ignored;
            resolveUser(&ignored);
        }
        QProcess proc;
        configure(proc, pgctl(), { u"stop"_s, u"-D"_s, pgdata, u"-m"_s, u"fast"_s, u"-w"_s }, true);
        proc.start();
        if (!proc.waitForFinished(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 0)))) {
            proc.kill();
            proc.waitForFinished(1000);
        }
        if (processAlive(pidFile.pid))
            return false;
        markStopped();
        if (announce)
            Q_EMIT q->stopped();
        return true;
    }
};

EmbeddedCluster::EmbeddedCluster(Options options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    connect(&d->retryTimer, &QTimer::timeout, this, [this] {
        if (d->state == Private::State::Starting)
            d->startServer();
    });
}

EmbeddedCluster::~EmbeddedCluster()
{
    if (d->owned || d->state == Private::State::Starting || d->process)
        d->stopAndWait(15000, false);
}

void EmbeddedCluster::start()
{
    if (d->state == Private::State::Starting || d->state == Private::State::Stopping) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT failed(tr("The database server is already starting or stopping.")); },
            Qt::QueuedConnection);
        return;
    }
    d->begin();
}

void EmbeddedCluster::stop()
{
    switch (d->state) {
    case Private::State::Starting:
        d->stopAfterStart = true;
        return;
    case Private::State::Stopping:
        return;
    case Private::State::Idle:
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT stopped(); }, Qt::QueuedConnection);
        return;
    case Private::State::Running:
        d->stopServer();
        return;
    }
}

bool EmbeddedCluster::stopAndWait(int msecs)
{
    return d->stopAndWait(msecs, true);
}

bool EmbeddedCluster::isRunning() const
{
    return d->state == Private::State::Running;
}

QString EmbeddedCluster::conninfo() const
{
    return d->state == Private::State::Running ? d->conninfoFor(d->options.database) : QString();
}

QString EmbeddedCluster::dataDirectory() const
{
    return d->pgdata;
}

qint64 EmbeddedCluster::postmasterPid() const
{
    return d->state == Private::State::Running ? d->pid : 0;
}

QString EmbeddedCluster::findServerBinaries(QString *errorMessage)
{
    QString dir = binDirFromPath();
    if (dir.isEmpty()) {
        const QString pgConfig = QStandardPaths::findExecutable(u"pg_config"_s);
        if (!pgConfig.isEmpty()) {
            QProcess proc;
            proc.setProcessEnvironment(childEnvironment());
            proc.start(pgConfig, { u"--bindir"_s });
            if (proc.waitForFinished(5000) && proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0)
                dir = binDirFromPgConfigOutput(proc.readAllStandardOutput());
        }
    }
    if (dir.isEmpty())
        dir = binDirFromInstalledVersions();
    if (dir.isEmpty() && errorMessage)
        *errorMessage = missingProgramsMessage(searchedPlaces());
    return dir;
}

} // namespace trefoil::pg
