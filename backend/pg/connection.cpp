#include "backend/pg/connection.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QThreadPool>
#include <QUuid>

#include <libpq-fe.h>

#include <cmath>
#include <deque>

namespace trefoil::pg {

namespace {

struct ConnDeleter
{
    void operator()(PGconn *conn) const { PQfinish(conn); }
};
struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
struct NotifyDeleter
{
    void operator()(PGnotify *notify) const { PQfreemem(notify); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;
using NotifyPtr = std::unique_ptr<PGnotify, NotifyDeleter>;

constexpr Oid BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Float8Oid = 701, DateOid = 1082,
              TimestamptzOid = 1184, UuidOid = 2950, TextArrayOid = 1009;

// Parameters in the shape PQsendQueryParams wants; the byte arrays own the memory.
struct BoundParams
{
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
};

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
class ResultBuilder
{
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

struct Connection::Private
{
    struct Request
    {
        QByteArray sql;
        BoundParams params;
        bool script = false;
        bool hasContext = false;
        QPointer<QObject> context;
        ResultCallback callback;
        Result outcome;
        bool gotResult = false;
    };

    QString conninfo;
    ConnPtr conn;
    std::unique_ptr<QSocketNotifier> readNotifier;
    std::unique_ptr<QSocketNotifier> writeNotifier;
    int socket = -1;
    std::deque<Request> queue;
    bool inFlight = false;

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
}

Connection::~Connection()
{
    // Callbacks must not run into a half-destroyed object: drop them silently.
    d->readNotifier.reset();
    d->writeNotifier.reset();
}

int Connection::pendingCount() const
{
    return int(d->queue.size());
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
        const QString message = d->conn ? QString::fromUtf8(PQerrorMessage(d->conn.get()))
                                        : tr("out of memory while connecting");
        fail(Error::connection(ErrorKind::ConnectionFailed, message));
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
            connect(d->readNotifier.get(), &QSocketNotifier::activated, this, &Connection::onReadable);
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
        fail(Error::connection(ErrorKind::ConnectionFailed, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
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
    d->queue.push_back(std::move(request));
    startNext();
}

void Connection::cancelCurrent()
{
    if (!d->inFlight || !d->conn)
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
            failAllPending(Error::connection(ErrorKind::ConnectionLost, tr("the connection to the database was lost")));
        return;
    }
    if (d->inFlight || d->queue.empty())
        return;
    Private::Request &request = d->queue.front();
    int sent = 0;
    if (request.script) {
        sent = PQsendQuery(d->conn.get(), request.sql.constData());
    } else {
        const BoundParams &p = request.params;
        const int count = int(p.values.size());
        std::vector<const char *> values(count);
        std::vector<int> lengths(count);
        for (int i = 0; i < count; ++i) {
            values[i] = p.nulls[i] ? nullptr : p.values[i].constData();
            lengths[i] = int(p.values[i].size());
        }
        sent = PQsendQueryParams(d->conn.get(), request.sql.constData(), count, p.types.data(), values.data(),
                                 lengths.data(), p.formats.data(), 0);
    }
    if (!sent) {
        if (PQstatus(d->conn.get()) == CONNECTION_BAD) {
            fail(Error::connection(ErrorKind::ConnectionLost, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
            return;
        }
        request.outcome = Result::failure(Error::connection(ErrorKind::Other, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
        QPointer<Connection> self(this);
        {
            Private::Request done = std::move(request);
            d->queue.pop_front();
            Private::deliver(done);
        }
        if (self)
            startNext();
        return;
    }
    d->inFlight = true;
    flushOutput();
}

void Connection::flushOutput()
{
    const int pending = PQflush(d->conn.get());
    if (pending < 0) {
        fail(Error::connection(ErrorKind::ConnectionLost, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
        return;
    }
    d->writeNotifier->setEnabled(pending == 1);
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
        fail(Error::connection(ErrorKind::ConnectionLost, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
        return;
    }
    QPointer<Connection> self(this);
    while (NotifyPtr notify{PQnotifies(d->conn.get())}) {
        Q_EMIT notification(QString::fromUtf8(notify->relname), QString::fromUtf8(notify->extra), notify->be_pid);
        if (!self)
            return;
    }
    collectResults();
}

void Connection::collectResults()
{
    QPointer<Connection> self(this);
    while (d->inFlight && !PQisBusy(d->conn.get())) {
        ResultPtr pg{PQgetResult(d->conn.get())};
        Private::Request &request = d->queue.front();
        if (pg) {
            const ExecStatusType status = PQresultStatus(pg.get());
            if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
                // COPY is not supported through this interface; end it so the connection stays usable.
                PQputCopyEnd(d->conn.get(), "COPY is not supported");
                continue;
            }
            // For scripts, the first error wins; otherwise the last result.
            if (!request.gotResult || request.outcome.ok())
                request.outcome = ResultBuilder::build(pg.get());
            request.gotResult = true;
            continue;
        }
        {
            // The callback may own the last reference to this connection: let it (and its
            // captures) go before looking at `self`.
            Private::Request done = std::move(request);
            d->queue.pop_front();
            d->inFlight = false;
            if (PQstatus(d->conn.get()) == CONNECTION_BAD && done.outcome.ok()) {
                done.outcome = Result::failure(Error::connection(ErrorKind::ConnectionLost, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
            }
            Private::deliver(done);
        }
        if (!self)
            return;
        if (PQstatus(d->conn.get()) == CONNECTION_BAD) {
            fail(Error::connection(ErrorKind::ConnectionLost, QString::fromUtf8(PQerrorMessage(d->conn.get()))));
            return;
        }
        if (d->queue.empty()) {
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
    d->inFlight = false;
    setState(previous == State::Idle && error.kind == ErrorKind::ConnectionLost ? State::Idle : State::Broken);
    QPointer<Connection> self(this);
    failAllPending(error.kind == ErrorKind::ConnectionFailed ? error : Error::connection(ErrorKind::ConnectionLost, error.message));
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
