#include "backend/pg/connection.h"

#include "core/config/conninfo.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QThreadPool>
#include <QTimer>
#include <QUuid>

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cmath>
#include <deque>

namespace trefoil::pg {

namespace {

struct ConnDeleter {
    void operator()(PGconn *conn) const { PQfinish(conn); }
};
struct ResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
struct NotifyDeleter {
    void operator()(PGnotify *notify) const { PQfreemem(notify); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;
using NotifyPtr = std::unique_ptr<PGnotify, NotifyDeleter>;

constexpr int StallCheckIntervalMs = 100;
constexpr int StallConfirmMs = 10;

bool socketReadable(int socket)
{
    pollfd descriptor { socket, POLLIN, 0 };
    return socket >= 0 && ::poll(&descriptor, 1, 0) > 0;
}

constexpr Oid BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Float8Oid = 701, DateOid = 1082, TimestamptzOid = 1184,
              UuidOid = 2950, TextArrayOid = 1009;

// Parameters in the shape PQsendQueryParams wants; the byte arrays own the memory.
struct BoundParams {
    std::vector<QByteArray> values;
    std::vector<Oid> types;
    std::vector<int> formats;
    std::vector<bool> nulls;

    void add(QByteArray value, Oid type, int format = 0)
    {
        values.push_back(std::move(value));
        types.push_back(type);
        formats.push_back(format);
        nulls.push_back(false);
    }
    void addNull()
    {
        values.emplace_back();
        types.push_back(0);
        formats.push_back(0);
        nulls.push_back(true);
    }
    // libpq takes the statement and text-format parameters as C strings: a NUL would silently
    // cut them short. Binary parameters (bytea) carry their length and may contain anything.
    bool hasNulInText() const
    {
        for (size_t i = 0; i < values.size(); ++i) {
            if (formats[i] == 0 && !nulls[i] && values[i].contains('\0'))
                return true;
        }
        return false;
    }
};

// What PostgreSQL itself answers for a NUL byte in text (SQLSTATE 22021), given before sending:
// see SqlBuilder for why NUL is refused rather than stripped.
Error nulRefused()
{
    Error error = Error::connection(ErrorKind::InvalidInput,
        Connection::tr(
            "the statement or one of its text parameters contains a NUL character, which PostgreSQL cannot store"));
    error.sqlState = QStringLiteral("22021");
    return error;
}

QByteArray arrayLiteral(const QStringList &items)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ',';
        QByteArray item = items.at(i).toUtf8();
        item.replace("\\", "\\\\").replace("\"", "\\\"");
        out += '"' + item + '"';
    }
    return out + '}';
}

QByteArray doubleText(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    return QByteArray::number(value, 'g', 17);
}

BoundParams bind(const QVariantList &params)
{
    BoundParams bound;
    for (const QVariant &param : params) {
        if (!param.isValid() || param.isNull()) {
            bound.addNull();
            continue;
        }
        switch (param.typeId()) {
        case QMetaType::Bool:
            bound.add(param.toBool() ? "true" : "false", BoolOid);
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
        case QMetaType::UShort:
            bound.add(QByteArray::number(param.toLongLong()), Int8Oid);
            break;
        case QMetaType::ULong:
        case QMetaType::ULongLong:
            bound.add(QByteArray::number(param.toULongLong()), 0);
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            bound.add(doubleText(param.toDouble()), Float8Oid);
            break;
        case QMetaType::QByteArray:
            bound.add(param.toByteArray(), ByteaOid, 1);
            break;
        case QMetaType::QDateTime:
            bound.add(param.toDateTime().toString(Qt::ISODateWithMs).toLatin1(), TimestamptzOid);
            break;
        case QMetaType::QDate:
            bound.add(param.toDate().toString(Qt::ISODate).toLatin1(), DateOid);
            break;
        case QMetaType::QUuid:
            bound.add(param.toUuid().toByteArray(QUuid::WithoutBraces), UuidOid);
            break;
        case QMetaType::QJsonObject:
            bound.add(QJsonDocument(param.toJsonObject()).toJson(QJsonDocument::Compact), 0);
            break;
        case QMetaType::QJsonArray:
            bound.add(QJsonDocument(param.toJsonArray()).toJson(QJsonDocument::Compact), 0);
            break;
        case QMetaType::QJsonDocument:
            bound.add(param.toJsonDocument().toJson(QJsonDocument::Compact), 0);
            break;
        case QMetaType::QStringList:
            bound.add(arrayLiteral(param.toStringList()), TextArrayOid);
            break;
        default:
            bound.add(param.toString().toUtf8(), 0);
            break;
        }
    }
    return bound;
}

Error errorFromResult(const PGresult *result)
{
    auto field = [result](int code) { return QString::fromUtf8(PQresultErrorField(result, code)); };
    Error error;
    error.sqlState = field(PG_DIAG_SQLSTATE);
    error.kind = error.sqlState.isEmpty() ? ErrorKind::Other : Error::kindForSqlState(error.sqlState);
    error.message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (error.message.isEmpty())
        error.message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    error.detail = field(PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(PG_DIAG_MESSAGE_HINT);
    return error;
}

} // namespace

// Copies a PGresult into the value type; the only place that knows both.
class ResultBuilder {
public:
    static Result build(const PGresult *pg)
    {
        Result result;
        const ExecStatusType status = PQresultStatus(pg);
        if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR) {
            result.m_error = errorFromResult(pg);
            return result;
        }
        const int rows = PQntuples(pg);
        const int columns = PQnfields(pg);
        result.m_rowCount = rows;
        result.m_columnNames.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            result.m_columnNames.append(QString::fromUtf8(PQfname(pg, c)));
            result.m_columnTypes.append(PQftype(pg, c));
        }
        result.m_cells.reserve(qsizetype(rows) * columns);
        result.m_nulls.reserve(qsizetype(rows) * columns);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) {
                const bool null = PQgetisnull(pg, r, c);
                result.m_nulls.append(null);
                result.m_cells.append(null ? QByteArray() : QByteArray(PQgetvalue(pg, r, c), PQgetlength(pg, r, c)));
            }
        }
        result.m_affectedRows = QByteArray(PQcmdTuples(const_cast<PGresult *>(pg))).toLongLong();
        return result;
    }
};

struct Connection::Private {
    struct Request {
        QByteArray sql;
        BoundParams params;
        bool script = false;
        bool prepare = false; // internal: prepares `statement` for the requests behind it
        QByteArray statement; // the server-side prepared statement to run, or empty
        bool hasContext = false;
        QPointer<QObject> context;
        ResultCallback callback;
        Result outcome;
        bool gotResult = false;
        Error refusal; // answered with this, in its turn, without being sent
    };

    QString conninfo;
    // libpq quotes parts of a connection string it cannot read, and those may be parts of the
    // password: its messages are scrubbed, and a string we cannot read either is reported by us.
    QString conninfoProblem;
    QStringList secrets;
    Error brokenBy; // why the connection broke: what statements queued afterwards are told
    ConnPtr conn;
    std::unique_ptr<QSocketNotifier> readNotifier;
    std::unique_ptr<QSocketNotifier> writeNotifier;
    int socket = -1;
    std::deque<Request> queue;
    // The first `sent` requests of the queue are on the server: in pipeline mode, several.
    qsizetype sent = 0;
    bool pipeline = false;
    bool inputCheckScheduled = false;
    bool pipelining = true; // several statements on the server at once, or one at a time
    // While statements are in flight, an answer nobody announced must not leave them waiting
    // forever: a tick that saw no answer since the last one looks for one (see checkForStall).
    QTimer stallCheck;
    QTimer stallConfirm; // single shot: is the socket still readable with no notification since?
    quint64 answered = 0;
    quint64 answeredAtLastCheck = 0;
    quint64 readNotifications = 0;
    quint64 readNotificationsAtTick = 0;
    quint64 stallRescues = 0;
    // Statements prepared on this connection, by text and parameter types: parsed and planned
    // once instead of every time. Bounded: beyond the cap, statements run unnamed.
    static constexpr qsizetype MaxPreparedStatements = 256;
    QHash<QByteArray, QByteArray> prepared;
    int preparedSerial = 0;
    // Prepared statements whose preparation failed: their runs report the preparation's error.
    QHash<QByteArray, Error> failedPreparations;

    QString libpqMessage() const { return scrubSecrets(QString::fromUtf8(PQerrorMessage(conn.get())), secrets); }

    QString connectFailure() const
    {
        if (!conninfoProblem.isEmpty())
            return Connection::tr("cannot read the connection string: %1").arg(conninfoProblem);
        return conn ? libpqMessage() : Connection::tr("out of memory while connecting");
    }

    static QByteArray cacheKey(const Request &request)
    {
        QByteArray key = request.sql;
        for (Oid type : request.params.types)
            key += ',' + QByteArray::number(type);
        return key;
    }

    static void deliver(Request &request)
    {
        if (request.callback && (!request.hasContext || request.context))
            request.callback(request.outcome);
    }
};

Connection::Connection(QString conninfo, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->conninfo = std::move(conninfo);
    const Conninfo parsed = Conninfo::parse(d->conninfo);
    d->conninfoProblem = parsed.problem();
    d->secrets = parsed.secrets();
    d->secrets.append(qEnvironmentVariable("PGPASSWORD"));
    d->stallCheck.setInterval(StallCheckIntervalMs);
    connect(&d->stallCheck, &QTimer::timeout, this, &Connection::checkForStall);
    d->stallConfirm.setSingleShot(true);
    d->stallConfirm.setInterval(StallConfirmMs);
    connect(&d->stallConfirm, &QTimer::timeout, this, [this] {
        if (m_state == State::Ready && d->sent > 0 && d->readNotifications == d->readNotificationsAtTick
            && socketReadable(d->socket))
            rescueStalled();
    });
}

Connection::~Connection()
{
    // Callbacks must not run into a half-destroyed object: drop them silently.
    d->readNotifier.reset();
    d->writeNotifier.reset();
}

int Connection::pendingCount() const
{
    return int(std::count_if(d->queue.cbegin(), d->queue.cend(), [](const Private::Request &r) { return !r.prepare; }));
}

void Connection::setPipelining(bool enabled)
{
    d->pipelining = enabled;
}

int Connection::inFlightCount() const
{
    const auto sentEnd = d->queue.cbegin() + d->sent;
    return int(std::count_if(d->queue.cbegin(), sentEnd, [](const Private::Request &r) { return !r.prepare; }));
}

quint64 Connection::stallRescues() const
{
    return d->stallRescues;
}

int Connection::backendPid() const
{
    return d->conn && m_state == State::Ready ? PQbackendPID(d->conn.get()) : 0;
}

void Connection::setState(State state)
{
    m_state = state;
}

void Connection::open()
{
    if (m_state == State::Connecting || m_state == State::Ready)
        return;
    setState(State::Connecting);
    d->conn.reset(PQconnectStart(d->conninfo.toUtf8().constData()));
    if (!d->conn || PQstatus(d->conn.get()) == CONNECTION_BAD) {
        fail(Error::connection(ErrorKind::ConnectionFailed, d->connectFailure()));
        return;
    }
    PQsetnonblocking(d->conn.get(), 1);
    continueConnecting();
}

void Connection::close()
{
    if (m_state == State::Idle)
        return;
    fail(Error::connection(ErrorKind::ConnectionLost, tr("connection closed")));
}

void Connection::continueConnecting()
{
    const PostgresPollingStatusType poll = PQconnectPoll(d->conn.get());
    const int socket = PQsocket(d->conn.get());
    if (socket != d->socket) {
        // libpq may switch sockets while trying several hosts or SSL modes.
        d->readNotifier.reset();
        d->writeNotifier.reset();
        d->socket = socket;
        if (socket >= 0) {
            d->readNotifier = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
            d->writeNotifier = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
            connect(d->readNotifier.get(), &QSocketNotifier::activated, this, [this] {
                ++d->readNotifications;
                onReadable();
            });
            connect(d->writeNotifier.get(), &QSocketNotifier::activated, this, &Connection::onWritable);
        }
    }
    switch (poll) {
    case PGRES_POLLING_READING:
        d->readNotifier->setEnabled(true);
        d->writeNotifier->setEnabled(false);
        break;
    case PGRES_POLLING_WRITING:
        d->readNotifier->setEnabled(false);
        d->writeNotifier->setEnabled(true);
        break;
    case PGRES_POLLING_OK:
        d->readNotifier->setEnabled(true);
        d->writeNotifier->setEnabled(false);
        setState(State::Ready);
        Q_EMIT opened();
        startNext();
        break;
    case PGRES_POLLING_FAILED:
    default:
        fail(Error::connection(ErrorKind::ConnectionFailed, d->connectFailure()));
        break;
    }
}

void Connection::exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback)
{
    Private::Request request;
    request.sql = sql.toUtf8();
    request.params = bind(params);
    request.hasContext = context != nullptr;
    request.context = context;
    request.callback = std::move(callback);
    if (request.sql.contains('\0') || request.params.hasNulInText()) {
        request.refusal = nulRefused();
        d->queue.push_back(std::move(request));
        startNext();
        return;
    }
    const QByteArray key = Private::cacheKey(request);
    if (const auto known = d->prepared.constFind(key); known != d->prepared.cend()) {
        request.statement = *known;
    } else if (d->prepared.size() < Private::MaxPreparedStatements) {
        // Prepared in the same pipeline, right ahead of its first run.
        Private::Request prepare;
        prepare.prepare = true;
        prepare.sql = request.sql;
        prepare.params.types = request.params.types;
        prepare.statement = "trefoil_" + QByteArray::number(++d->preparedSerial);
        request.statement = prepare.statement;
        d->prepared.insert(key, prepare.statement);
        d->queue.push_back(std::move(prepare));
    }
    d->queue.push_back(std::move(request));
    startNext();
}

void Connection::execScript(const QString &sql, QObject *context, ResultCallback callback)
{
    Private::Request request;
    request.sql = sql.toUtf8();
    request.script = true;
    request.hasContext = context != nullptr;
    request.context = context;
    request.callback = std::move(callback);
    if (request.sql.contains('\0'))
        request.refusal = nulRefused();
    d->queue.push_back(std::move(request));
    startNext();
}

void Connection::cancelCurrent()
{
    if (d->sent == 0 || !d->conn)
        return;
    PGcancel *cancel = PQgetCancel(d->conn.get());
    if (!cancel)
        return;
    // PQcancel opens its own connection and waits for it: keep that off this thread.
    QThreadPool::globalInstance()->start([cancel] {
        char buffer[256];
        PQcancel(cancel, buffer, sizeof buffer);
        PQfreeCancel(cancel);
    });
}

void Connection::startNext()
{
    if (m_state != State::Ready) {
        if (m_state == State::Broken && !d->queue.empty())
            failAllPending(d->brokenBy.isError()
                    ? d->brokenBy
                    : Error::connection(ErrorKind::ConnectionLost, tr("the connection to the database was lost")));
        return;
    }
    // Statements go out without waiting for earlier results (libpq pipeline mode), each followed
    // by its own Sync: an error ends only its own statement, exactly as if they ran one by one,
    // but a caller that queues several pays one round trip instead of several. Scripts need the
    // simple query protocol, which pipeline mode forbids: they wait until the pipeline is empty.
    QPointer<Connection> self(this);
    while (d->sent < qsizetype(d->queue.size())) {
        Private::Request &request = d->queue[size_t(d->sent)];
        if (d->sent > 0 && (request.script || !d->pipeline || !d->pipelining))
            break; // a script runs alone: it waits for the pipeline to empty, and later statements for it
        if (request.refusal.isError()) {
            // Never sent; its answer must not overtake earlier ones, so it waits to be first in line.
            if (d->sent > 0)
                break;
            Private::Request done = std::move(request);
            done.outcome = Result::failure(done.refusal);
            d->queue.pop_front();
            Private::deliver(done);
            if (!self)
                return;
            continue;
        }
        if (request.script && d->pipeline) {
            if (!PQexitPipelineMode(d->conn.get()))
                break;
            d->pipeline = false;
        } else if (!request.script && !d->pipeline) {
            if (!PQenterPipelineMode(d->conn.get())) {
                fail(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
                return;
            }
            d->pipeline = true;
        }
        int sent = 0;
        if (request.script) {
            sent = PQsendQuery(d->conn.get(), request.sql.constData());
        } else if (request.prepare) {
            sent = PQsendPrepare(d->conn.get(), request.statement.constData(), request.sql.constData(),
                       int(request.params.types.size()), request.params.types.data())
                && PQpipelineSync(d->conn.get());
        } else {
            const BoundParams &p = request.params;
            const int count = int(p.values.size());
            std::vector<const char *> values(count);
            std::vector<int> lengths(count);
            for (int i = 0; i < count; ++i) {
                values[i] = p.nulls[i] ? nullptr : p.values[i].constData();
                lengths[i] = int(p.values[i].size());
            }
            sent = (request.statement.isEmpty() ? PQsendQueryParams(d->conn.get(), request.sql.constData(), count,
                        p.types.data(), values.data(), lengths.data(), p.formats.data(), 0)
                                                : PQsendQueryPrepared(d->conn.get(), request.statement.constData(),
                                                    count, values.data(), lengths.data(), p.formats.data(), 0))
                && PQpipelineSync(d->conn.get());
        }
        if (!sent) {
            if (PQstatus(d->conn.get()) == CONNECTION_BAD) {
                fail(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
                return;
            }
            // Refused before anything was written (e.g. too many parameters). Its answer must
            // not overtake earlier ones: it is retried, and answered, once it is first in line.
            if (d->sent > 0)
                break;
            Private::Request done = std::move(request);
            done.outcome = Result::failure(Error::connection(ErrorKind::Other, d->libpqMessage()));
            d->queue.pop_front();
            Private::deliver(done);
            if (!self)
                return;
            continue;
        }
        ++d->sent;
        if (request.script)
            break; // nothing follows a script until it has finished
    }
    if (d->sent > 0) {
        if (!d->stallCheck.isActive())
            d->stallCheck.start();
        flushOutput();
    }
}

void Connection::flushOutput()
{
    const int pending = PQflush(d->conn.get());
    if (pending < 0) {
        fail(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
        return;
    }
    d->writeNotifier->setEnabled(pending == 1);
    // A non-blocking libpq that cannot write everything reads what the server sent meanwhile, so
    // that neither side blocks the other: those answers are then in libpq's buffer, not in the
    // socket, and the read notifier will not announce them. With statements pipelined, answers
    // do arrive while we write: look at the buffer once control is back in the event loop.
    if (d->sent > 0 && !d->inputCheckScheduled) {
        d->inputCheckScheduled = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                d->inputCheckScheduled = false;
                if (m_state == State::Ready)
                    onReadable();
            },
            Qt::QueuedConnection);
    }
}

void Connection::onWritable()
{
    if (m_state == State::Connecting)
        continueConnecting();
    else if (m_state == State::Ready)
        flushOutput();
}

void Connection::onReadable()
{
    if (m_state == State::Connecting) {
        continueConnecting();
        return;
    }
    if (m_state != State::Ready)
        return;
    if (!PQconsumeInput(d->conn.get())) {
        fail(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
        return;
    }
    QPointer<Connection> self(this);
    if (!emitNotifications())
        return;
    collectResults();
    // Notifications read together with answers were parsed while collecting them: they are in
    // libpq's list now, not in the socket, and no notifier would announce them.
    if (self)
        emitNotifications();
}

bool Connection::emitNotifications()
{
    QPointer<Connection> self(this);
    while (d->conn) {
        NotifyPtr notify { PQnotifies(d->conn.get()) };
        if (!notify)
            break;
        Q_EMIT notification(QString::fromUtf8(notify->relname), QString::fromUtf8(notify->extra), notify->be_pid);
        if (!self)
            return false;
    }
    return true;
}

void Connection::checkForStall()
{
    if (d->sent == 0) {
        d->stallCheck.stop();
        return;
    }
    if (d->answered != d->answeredAtLastCheck || m_state != State::Ready) {
        d->answeredAtLastCheck = d->answered;
        return;
    }
    // No answer for a whole tick: usually a slow statement. A complete answer already in libpq's
    // buffer is a real miss (no socket event will ever announce it). Data in the socket may have
    // landed after this iteration's poll, while earlier sources were dispatched: the read
    // notifier, dispatched before timers, announces it in the next iteration. Only if it stays
    // silent is it a miss. Reading it here at once would race the notifier and hide which it was.
    if (!PQisBusy(d->conn.get())) {
        rescueStalled();
        return;
    }
    if (socketReadable(d->socket)) {
        d->readNotificationsAtTick = d->readNotifications;
        d->stallConfirm.start();
    }
}

void Connection::rescueStalled()
{
    const int waiting = inFlightCount();
    ++d->stallRescues;
    qWarning("trefoil::pg: connection to backend %d: an answer waited unannounced, reading it now (%d statement(s) "
             "in flight)",
        backendPid(), waiting);
    QPointer<Connection> self(this);
    Q_EMIT stallRescued(waiting);
    if (!self)
        return;
    onReadable();
}

void Connection::collectResults()
{
    QPointer<Connection> self(this);
    // In pipeline mode libpq returns NULL between a statement's results and its Sync; two NULLs
    // in a row mean nothing more has arrived yet.
    int nullsInARow = 0;
    while (d->sent > 0 && !PQisBusy(d->conn.get())) {
        ResultPtr pg { PQgetResult(d->conn.get()) };
        Private::Request &request = d->queue.front();
        bool finished = false;
        if (!pg) {
            if (d->pipeline) {
                if (++nullsInARow >= 2)
                    break;
                continue;
            }
            finished = true; // a script's results end with NULL
        } else {
            nullsInARow = 0;
            const ExecStatusType status = PQresultStatus(pg.get());
            if (status == PGRES_PIPELINE_SYNC) {
                finished = true;
            } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
                // COPY is not supported through this interface; end it so the connection stays usable.
                PQputCopyEnd(d->conn.get(), "COPY is not supported");
                continue;
            } else {
                // For scripts, the first error wins; otherwise the last result.
                if (!request.gotResult || request.outcome.ok())
                    request.outcome = ResultBuilder::build(pg.get());
                request.gotResult = true;
                continue;
            }
        }
        if (!finished)
            continue;
        {
            // The callback may own the last reference to this connection: let it (and its
            // captures) go before looking at `self`.
            Private::Request done = std::move(request);
            d->queue.pop_front();
            --d->sent;
            ++d->answered;
            if (PQstatus(d->conn.get()) == CONNECTION_BAD && done.outcome.ok()) {
                done.outcome = Result::failure(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
            }
            if (done.prepare) {
                // A statement that does not parse is not cached: its runs already sent fail with
                // this error (not "prepared statement does not exist"), a later run prepares again.
                if (!done.outcome.ok()) {
                    d->prepared.remove(Private::cacheKey(done));
                    d->failedPreparations.insert(done.statement, done.outcome.error());
                }
            } else if (!done.statement.isEmpty() && !done.outcome.ok()) {
                if (const auto failed = d->failedPreparations.constFind(done.statement);
                    failed != d->failedPreparations.cend())
                    done.outcome = Result::failure(*failed);
                else if (done.outcome.error().sqlState == QLatin1String("0A000"))
                    d->prepared.remove(
                        Private::cacheKey(done)); // "cached plan must not change result type": prepare anew
            }
            Private::deliver(done);
        }
        if (!self)
            return;
        if (PQstatus(d->conn.get()) == CONNECTION_BAD) {
            fail(Error::connection(ErrorKind::ConnectionLost, d->libpqMessage()));
            return;
        }
        if (d->queue.empty()) {
            d->failedPreparations.clear(); // nothing queued can refer to them any more
            Q_EMIT drained();
            if (!self)
                return;
        }
        startNext();
        if (!self)
            return;
    }
}

void Connection::fail(const Error &error)
{
    const State previous = m_state;
    d->readNotifier.reset();
    d->writeNotifier.reset();
    d->socket = -1;
    d->conn.reset();
    d->sent = 0;
    d->pipeline = false;
    d->prepared.clear();
    d->failedPreparations.clear();
    setState(previous == State::Idle && error.kind == ErrorKind::ConnectionLost ? State::Idle : State::Broken);
    d->brokenBy = error;
    QPointer<Connection> self(this);
    failAllPending(error.kind == ErrorKind::ConnectionFailed
            ? error
            : Error::connection(ErrorKind::ConnectionLost, error.message));
    if (!self)
        return;
    if (previous == State::Connecting)
        Q_EMIT openFailed(error);
    else if (previous == State::Ready)
        Q_EMIT lost(error);
}

void Connection::failAllPending(const Error &error)
{
    QPointer<Connection> self(this);
    std::deque<Private::Request> failed;
    failed.swap(d->queue);
    for (Private::Request &request : failed) {
        request.outcome = Result::failure(error);
        Private::deliver(request);
        if (!self)
            return;
    }
}

} // namespace trefoil::pg
