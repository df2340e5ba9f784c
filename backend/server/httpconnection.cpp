#include "backend/server/httpconnection.h"

#include <QPointer>
#include <QTcpSocket>

#include <chrono>
#include <ctime>
#include <memory>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {

constexpr qint64 LingerMs = 2000;
constexpr qint64 MaxLingerDiscard = 1024 * 1024;
constexpr qint64 SocketReadBuffer = 256 * 1024;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// RFC 9110 IMF-fixdate, recomputed at most once a second.
const QByteArray &httpDate()
{
    static thread_local QByteArray cached;
    static thread_local std::time_t cachedSecond = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond || cached.isEmpty()) {
        static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
        static const char *const months[]
            = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        std::tm tm {};
        gmtime_r(&now, &tm);
        char buffer[64];
        const int n = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
            tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cached = QByteArray(buffer, n);
        cachedSecond = now;
    }
    return cached;
}

bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == ':' || c == 0x7f)
            return false;
    }
    for (const char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

// Shared by the copies of one Responder: answers at most once, and with a 500 if every copy is
// dropped unanswered, so a forgetful handler cannot hang a keep-alive connection.
struct ResponderState {
    QPointer<HttpConnection> connection;
    quint64 serial = 0;
    bool answered = false;

    ResponderState(HttpConnection *c, quint64 s)
        : connection(c)
        , serial(s)
    {
    }
    Q_DISABLE_COPY_MOVE(ResponderState)
    ~ResponderState()
    {
        if (!answered && connection)
            connection->respond(serial, HttpResponse::error(500, u"the request handler did not answer"_s));
    }
    void answer(HttpResponse response)
    {
        if (answered) {
            qWarning("trefoil::server: a Responder was called more than once; ignoring the extra answer");
            return;
        }
        answered = true;
        if (connection)
            connection->respond(serial, std::move(response));
    }
};

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, ConnectionHost *host, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_host(host)
    , m_options(host->options())
{
    m_limits.maxBodyBytes = m_options.maxBodyBytes;
    m_limits.maxHeaderBytes = m_options.maxHeaderBytes;
    m_limits.maxHeaderCount = m_options.maxHeaderCount;
    m_peer = socket->peerAddress();
    socket->setParent(this);
    socket->setReadBufferSize(qMax<qint64>(SocketReadBuffer, m_options.maxHeaderBytes * 2));
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    m_deadlineMs = nowMs() + m_options.idleTimeoutMs;
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead()
{
    if (m_state == State::Closing) {
        // Lingering close: drain what the client still sends so the kernel does not answer with a
        // reset that could destroy our response before the client read it.
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > MaxLingerDiscard)
            m_socket->abort();
        return;
    }
    if (m_state == State::Idle || m_state == State::Body)
        processInput();
}

void HttpConnection::onDisconnected()
{
    finish();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closing && !m_shutdownSent && m_socket->bytesToWrite() == 0) {
        m_shutdownSent = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        m_deadlineMs = nowMs() + LingerMs;
    }
}

void HttpConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadlineMs = 0;
    m_host->connectionFinished(this);
    deleteLater();
}

void HttpConnection::checkTimeout(qint64 now)
{
    if (m_deadlineMs == 0 || now < m_deadlineMs)
        return;
    switch (m_state) {
    case State::Idle:
        if (m_requestStarted) {
            failRequest(408, u"request not received in time"_s);
        } else {
            m_socket->abort();
        }
        break;
    case State::Body:
        failRequest(408, u"request body not received in time"_s);
        break;
    case State::Closing:
        m_socket->abort();
        break;
    case State::Handling:
    case State::Closed:
        break;
    }
}

void HttpConnection::compactInput()
{
    if (m_inPos >= m_in.size()) {
        m_in.clear();
        m_inPos = 0;
    } else if (m_inPos > 64 * 1024 && m_inPos > m_in.size() / 2) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
}

void HttpConnection::processInput()
{
    while (m_state == State::Idle || m_state == State::Body) {
        if (m_state == State::Idle) {
            if (!readHead())
                return;
        }
        if (m_state == State::Body) {
            if (!readBody())
                return;
        }
        dispatchCurrent();
    }
}

// Returns true when a complete head was consumed (state is then Body).
bool HttpConnection::readHead()
{
    ParseError error;
    ParseOutcome outcome;
    if (m_inPos >= m_in.size()) {
        // Nothing buffered: peek, so an upgrade request stays unread for QWebSocketServer.
        m_in.clear();
        m_inPos = 0;
        if (m_socket->bytesAvailable() == 0)
            return false;
        const QByteArray peeked = m_socket->peek(m_options.maxHeaderBytes + 8192);
        outcome = parseRequestHead(peeked, m_limits, &m_head, &error);
        if (outcome == ParseOutcome::Complete && m_head.webSocketUpgrade
            && m_host->acceptsWebSocket(m_head.request.path)) {
            if (!m_head.crlfTerminated) {
                m_in = m_socket->readAll();
                failRequest(400, u"a WebSocket upgrade request must use CRLF line endings"_s);
                return false;
            }
            QTcpSocket *socket = m_socket;
            disconnect(socket, nullptr, this, nullptr);
            socket->setParent(nullptr);
            m_state = State::Closed;
            m_deadlineMs = 0;
            m_host->connectionFinished(this);
            m_host->handOffWebSocket(socket);
            deleteLater();
            return false;
        }
        if (outcome != ParseOutcome::NeedMore)
            m_in = m_socket->readAll();
    } else {
        if (m_socket->bytesAvailable() > 0)
            m_in.append(m_socket->readAll());
        outcome = parseRequestHead(QByteArrayView(m_in).sliced(m_inPos), m_limits, &m_head, &error);
        if (outcome == ParseOutcome::Complete && m_head.webSocketUpgrade
            && m_host->acceptsWebSocket(m_head.request.path)) {
            failRequest(400, u"a WebSocket upgrade must not be pipelined behind other requests"_s);
            return false;
        }
    }

    switch (outcome) {
    case ParseOutcome::NeedMore:
        if (!m_requestStarted) {
            m_requestStarted = true;
            m_deadlineMs = nowMs() + m_options.requestTimeoutMs;
        }
        return false;
    case ParseOutcome::Error:
        failRequest(error.status, error.message);
        return false;
    case ParseOutcome::Complete:
        break;
    }
    if (!m_requestStarted) {
        m_requestStarted = true;
        m_deadlineMs = nowMs() + m_options.requestTimeoutMs;
    }
    m_inPos += m_head.headLength;
    m_head.request.peer = m_peer;
    m_chunked.reset();
    m_state = State::Body;
    if (m_head.expectContinue && m_inPos >= m_in.size() && m_socket->bytesAvailable() == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
}

// Returns true when the body is complete.
bool HttpConnection::readBody()
{
    if (m_socket->bytesAvailable() > 0) {
        if (m_inPos >= m_in.size()) {
            m_in = m_socket->readAll();
            m_inPos = 0;
        } else {
            m_in.append(m_socket->readAll());
        }
    }
    HttpRequest &request = m_head.request;
    switch (m_head.body) {
    case RequestHead::Body::None:
        return true;
    case RequestHead::Body::Length: {
        const qint64 missing = m_head.contentLength - request.body.size();
        const qint64 available = qMin<qint64>(missing, m_in.size() - m_inPos);
        if (request.body.isEmpty() && available == m_head.contentLength) {
            request.body = m_in.sliced(m_inPos, available); // the common case: one copy
        } else {
            if (request.body.isEmpty())
                request.body.reserve(m_head.contentLength);
            request.body.append(QByteArrayView(m_in).sliced(m_inPos, available));
        }
        m_inPos += available;
        compactInput();
        return request.body.size() == m_head.contentLength;
    }
    case RequestHead::Body::Chunked: {
        qsizetype consumed = 0;
        ParseError error;
        const ParseOutcome outcome = m_chunked.feed(
            QByteArrayView(m_in).sliced(m_inPos), &consumed, &request.body, m_options.maxBodyBytes, &error);
        m_inPos += consumed;
        compactInput();
        if (outcome == ParseOutcome::Error) {
            failRequest(error.status, error.message);
            return false;
        }
        return outcome == ParseOutcome::Complete;
    }
    }
    return false;
}

void HttpConnection::dispatchCurrent()
{
    m_state = State::Handling;
    m_deadlineMs = 0; // the handler owns the time now
    m_requestStarted = false;
    m_responded = false;
    const quint64 serial = ++m_serial;
    auto state = std::make_shared<ResponderState>(this, serial);
    m_dispatching = true;
    m_host->dispatch(m_head.request, [state](HttpResponse response) { state->answer(std::move(response)); });
    m_dispatching = false;
    // A synchronous answer has already moved the state on; processInput()'s loop continues.
}

void HttpConnection::respond(quint64 serial, HttpResponse response)
{
    if (serial != m_serial || m_state != State::Handling || m_responded)
        return;
    m_responded = true;
    const bool keepAlive = m_head.keepAlive;
    writeResponse(response, keepAlive);
    if (!m_dispatching)
        m_head.request = HttpRequest(); // release the body now; a synchronous handler may still read it
    if (!keepAlive) {
        startClosing();
        return;
    }
    m_state = State::Idle;
    m_deadlineMs = nowMs() + m_options.idleTimeoutMs;
    if (!m_dispatching)
        processInput();
}

void HttpConnection::failRequest(int status, const QString &message)
{
    // The framing of whatever follows is unknown: answer and close.
    HttpResponse response = HttpResponse::error(status, message);
    m_head.request.method.clear(); // not a HEAD request as far as the body goes
    writeResponse(response, false);
    m_head.request = HttpRequest();
    m_in.clear();
    m_inPos = 0;
    startClosing();
}

void HttpConnection::startClosing()
{
    m_state = State::Closing;
    m_deadlineMs = nowMs() + LingerMs;
    m_in.clear();
    m_inPos = 0;
    m_socket->flush();
    onBytesWritten();
    onReadyRead();
}

void HttpConnection::writeResponse(const HttpResponse &r, bool keepAlive)
{
    int status = r.status;
    if (status < 200 || status > 599)
        status = 500;
    const bool bodyless = status == 204 || status == 304;
    const bool head = m_head.request.method == "HEAD";

    QByteArray out;
    out.reserve(256 + (head || bodyless ? 0 : r.body.size()));
    out += m_head.versionMinor == 0 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += QByteArray::number(status) + ' ' + HttpResponse::reasonPhrase(status) + "\r\n";
    out += "Date: " + httpDate() + "\r\n";
    if (!bodyless) {
        if (!r.contentType.isEmpty() && (!r.body.isEmpty() || head))
            out += "Content-Type: " + r.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    }
    if (!keepAlive)
        out += "Connection: close\r\n";
    else if (m_head.versionMinor == 0)
        out += "Connection: keep-alive\r\n";
    bool ownCors = false;
    for (const auto &[name, value] : r.headers) {
        if (!isSafeHeader(name, value)) {
            qWarning("trefoil::server: dropping response header with invalid characters");
            continue;
        }
        if (name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || name.compare("connection", Qt::CaseInsensitive) == 0 || name.compare("date", Qt::CaseInsensitive) == 0)
            continue;
        if (name.compare("access-control-allow-origin", Qt::CaseInsensitive) == 0)
            ownCors = true;
        out += name + ": " + value + "\r\n";
    }
    if (!ownCors)
        out += "Access-Control-Allow-Origin: *\r\n";
    out += "\r\n";
    if (!head && !bodyless)
        out += r.body;
    m_socket->write(out);
}

} // namespace trefoil::server
