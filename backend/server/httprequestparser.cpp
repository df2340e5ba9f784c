#include "backend/server/httprequestparser.h"

#include <QUrl>

#include <cstring>

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {

constexpr qsizetype MaxChunkLine = 4096;
constexpr qint64 MaxTrailerBytes = 16 * 1024;

// RFC 9110 token characters.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

// Calls f(token) for each comma-separated, trimmed, non-empty element.
template<typename F> void forEachListElement(QByteArrayView value, F &&f)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView element = trimmed(comma < 0 ? value : value.first(comma));
        if (!element.isEmpty())
            f(element);
        if (comma < 0)
            break;
        value = value.sliced(comma + 1);
    }
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

ParseOutcome fail(ParseError *error, int status, QString message)
{
    error->status = status;
    error->message = std::move(message);
    return ParseOutcome::Error;
}

// Content-Length: 1*DIGIT, at most 18 digits so it fits in qint64.
bool parseLength(QByteArrayView value, qint64 *out)
{
    if (value.isEmpty() || value.size() > 18)
        return false;
    qint64 n = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    *out = n;
    return true;
}

// Finds the end of the head: the position just after the first empty line at or after `from`.
qsizetype findHeadEnd(QByteArrayView data, qsizetype from, bool *crlf)
{
    qsizetype pos = from;
    while (true) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            return -1;
        if (nl + 1 < data.size() && data.at(nl + 1) == '\n') {
            *crlf = false;
            return nl + 2;
        }
        if (nl + 2 < data.size() && data.at(nl + 1) == '\r' && data.at(nl + 2) == '\n') {
            *crlf = nl > 0 && data.at(nl - 1) == '\r';
            return nl + 3;
        }
        pos = nl + 1;
    }
}

QString decodePath(QByteArrayView raw, bool *ok)
{
    *ok = true;
    QString path = QUrl::fromPercentEncoding(raw.toByteArray());
    if (path.contains(QChar(u'\0'))) {
        *ok = false;
        return {};
    }
    // Dot segments have no meaning to our routes; refusing them keeps prefix routes honest.
    for (QStringView segment : QStringView(path).split(u'/')) {
        if (segment == u".." || segment == u".")
            *ok = false;
    }
    return path;
}

} // namespace

ParseOutcome parseRequestHead(QByteArrayView data, const ParseLimits &limits, RequestHead *head, ParseError *error)
{
    // RFC 9112 §2.2: ignore empty lines before the request line (some clients send a CRLF after a body).
    qsizetype start = 0;
    while (start < data.size() && start < 8 && (data.at(start) == '\r' || data.at(start) == '\n'))
        ++start;

    bool crlf = false;
    const qsizetype end = findHeadEnd(data, start, &crlf);
    if (end < 0) {
        const qsizetype pending = data.size() - start;
        const qsizetype firstNewline = data.indexOf('\n', start);
        if (firstNewline < 0 && pending > 8192)
            return fail(error, 414, u"request line too long"_s);
        if (pending > limits.maxHeaderBytes)
            return fail(error, 431, u"request headers too large (limit %1 bytes)"_s.arg(limits.maxHeaderBytes));
        return ParseOutcome::NeedMore;
    }
    if (end - start > limits.maxHeaderBytes + 4)
        return fail(error, 431, u"request headers too large (limit %1 bytes)"_s.arg(limits.maxHeaderBytes));

    *head = RequestHead();
    head->headLength = end;
    head->crlfTerminated = crlf;
    HttpRequest &request = head->request;

    QByteArrayView rest = data.sliced(start, end - start);
    auto nextLine = [&rest]() {
        const qsizetype nl = rest.indexOf('\n');
        QByteArrayView line = rest.first(nl);
        rest = rest.sliced(nl + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    };

    // Request line: method SP request-target SP HTTP-version
    const QByteArrayView requestLine = nextLine();
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return fail(error, 400, u"malformed request line"_s);
    const QByteArrayView method = requestLine.first(sp1);
    QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method) || method.size() > 32)
        return fail(error, 400, u"malformed request method"_s);
    if (version == "HTTP/1.1") {
        head->versionMinor = 1;
    } else if (version == "HTTP/1.0") {
        head->versionMinor = 0;
        head->keepAlive = false;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.') {
        return fail(error, 505, u"only HTTP/1.0 and HTTP/1.1 are supported"_s);
    } else {
        return fail(error, 400, u"malformed HTTP version"_s);
    }
    if (target.isEmpty())
        return fail(error, 400, u"empty request target"_s);
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return fail(error, 400, u"invalid character in request target"_s);
    }
    request.method = method.toByteArray();

    if (target == "*") {
        if (method != "OPTIONS")
            return fail(error, 400, u"'*' is only valid for OPTIONS"_s);
        request.path = u"*"_s;
    } else {
        if (target.startsWith("http://") || target.startsWith("https://")) { // absolute-form
            const qsizetype authority = target.indexOf("//") + 2;
            const qsizetype slash = target.indexOf('/', authority);
            const qsizetype question = target.indexOf('?', authority);
            if (slash < 0 && question < 0)
                target = "/";
            else if (slash < 0 || (question >= 0 && question < slash))
                return fail(error, 400, u"malformed request target"_s);
            else
                target = target.sliced(slash);
        }
        if (!target.startsWith('/'))
            return fail(error, 400, u"malformed request target"_s);
        if (const qsizetype hash = target.indexOf('#'); hash >= 0)
            target = target.first(hash);
        const qsizetype question = target.indexOf('?');
        bool ok = false;
        request.path = decodePath(question < 0 ? target : target.first(question), &ok);
        if (!ok)
            return fail(error, 400, u"invalid path"_s);
        if (question >= 0 && question + 1 < target.size()) {
            QByteArray query = target.sliced(question + 1).toByteArray();
            query.replace('+', "%20");
            request.query.setQuery(QString::fromUtf8(query));
        }
    }

    // Header fields
    bool haveLength = false;
    bool connectionUpgrade = false;
    bool upgradeWebSocket = false;
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    while (true) {
        const QByteArrayView line = nextLine();
        if (line.isEmpty())
            break;
        if (request.headers.size() >= limits.maxHeaderCount)
            return fail(error, 431, u"too many request headers (limit %1)"_s.arg(limits.maxHeaderCount));
        if (line.front() == ' ' || line.front() == '\t')
            return fail(error, 400, u"obsolete header line folding is not accepted"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(error, 400, u"malformed header line"_s);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (const char c : value) {
            if (c == '\0' || c == '\r' || c == '\n')
                return fail(error, 400, u"invalid character in header value"_s);
        }
        const QByteArray name = line.first(colon).toByteArray().toLower();

        if (name == "content-length") {
            qint64 length = 0;
            if (!parseLength(value, &length))
                return fail(error, 400, u"invalid Content-Length"_s);
            if (haveLength && length != head->contentLength)
                return fail(error, 400, u"conflicting Content-Length headers"_s);
            haveLength = true;
            head->contentLength = length;
        } else if (name == "transfer-encoding") {
            if (!equalsIgnoringCase(value, "chunked"))
                return fail(error, 501, u"unsupported Transfer-Encoding (only chunked is accepted)"_s);
            if (head->body == RequestHead::Body::Chunked)
                return fail(error, 400, u"repeated Transfer-Encoding"_s);
            head->body = RequestHead::Body::Chunked;
        } else if (name == "connection") {
            forEachListElement(value, [&](QByteArrayView option) {
                if (equalsIgnoringCase(option, "close"))
                    connectionClose = true;
                else if (equalsIgnoringCase(option, "keep-alive"))
                    connectionKeepAlive = true;
                else if (equalsIgnoringCase(option, "upgrade"))
                    connectionUpgrade = true;
            });
        } else if (name == "upgrade") {
            forEachListElement(value, [&](QByteArrayView protocol) {
                if (equalsIgnoringCase(protocol, "websocket"))
                    upgradeWebSocket = true;
            });
        } else if (name == "expect") {
            if (!equalsIgnoringCase(value, "100-continue"))
                return fail(error, 417, u"unsupported expectation"_s);
            head->expectContinue = head->versionMinor >= 1;
        }
        request.headers.append({ name, value.toByteArray() });
    }

    if (head->body == RequestHead::Body::Chunked) {
        if (haveLength) // both framings at once is how requests get smuggled
            return fail(error, 400, u"both Content-Length and Transfer-Encoding"_s);
    } else if (haveLength && head->contentLength > 0) {
        head->body = RequestHead::Body::Length;
    }
    if (head->body == RequestHead::Body::Length && head->contentLength > limits.maxBodyBytes)
        return fail(error, 413, u"request body too large (limit %1 bytes)"_s.arg(limits.maxBodyBytes));
    if (head->body == RequestHead::Body::None)
        head->expectContinue = false;

    if (connectionClose)
        head->keepAlive = false;
    else if (connectionKeepAlive)
        head->keepAlive = true;
    head->webSocketUpgrade = upgradeWebSocket && connectionUpgrade && method == "GET";
    return ParseOutcome::Complete;
}

ParseOutcome ChunkedDecoder::feed(
    QByteArrayView data, qsizetype *consumed, QByteArray *body, qint64 maxBodyBytes, ParseError *error)
{
    qsizetype pos = 0;
    auto done = [&](ParseOutcome outcome) {
        *consumed = pos;
        return outcome;
    };
    while (true) {
        switch (m_state) {
        case State::Size: {
            const qsizetype nl = data.indexOf('\n', pos);
            if (nl < 0) {
                if (data.size() - pos > MaxChunkLine)
                    return done(fail(error, 400, u"chunk size line too long"_s));
                return done(ParseOutcome::NeedMore);
            }
            QByteArrayView line = data.sliced(pos, nl - pos);
            if (line.endsWith('\r'))
                line.chop(1);
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line = line.first(semicolon);
            line = trimmed(line);
            if (line.isEmpty() || line.size() > 15)
                return done(fail(error, 400, u"invalid chunk size"_s));
            qint64 size = 0;
            for (const char c : line) {
                int digit = -1;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                if (digit < 0)
                    return done(fail(error, 400, u"invalid chunk size"_s));
                size = size * 16 + digit;
            }
            pos = nl + 1;
            if (size > maxBodyBytes - body->size())
                return done(fail(error, 413, u"request body too large (limit %1 bytes)"_s.arg(maxBodyBytes)));
            m_remaining = size;
            m_state = size == 0 ? State::Trailer : State::Data;
            break;
        }
        case State::Data: {
            const qsizetype available = qMin<qint64>(m_remaining, data.size() - pos);
            body->append(data.sliced(pos, available));
            pos += available;
            m_remaining -= available;
            if (m_remaining > 0)
                return done(ParseOutcome::NeedMore);
            m_state = State::DataEnd;
            break;
        }
        case State::DataEnd: {
            if (pos >= data.size())
                return done(ParseOutcome::NeedMore);
            if (data.at(pos) == '\n') {
                ++pos;
            } else if (data.at(pos) == '\r') {
                if (pos + 1 >= data.size())
                    return done(ParseOutcome::NeedMore);
                if (data.at(pos + 1) != '\n')
                    return done(fail(error, 400, u"malformed chunk"_s));
                pos += 2;
            } else {
                return done(fail(error, 400, u"malformed chunk"_s));
            }
            m_state = State::Size;
            break;
        }
        case State::Trailer: {
            const qsizetype nl = data.indexOf('\n', pos);
            if (nl < 0) {
                if (m_trailerBytes + (data.size() - pos) > MaxTrailerBytes)
                    return done(fail(error, 431, u"chunked trailer too large"_s));
                return done(ParseOutcome::NeedMore);
            }
            QByteArrayView line = data.sliced(pos, nl - pos);
            m_trailerBytes += nl + 1 - pos;
            pos = nl + 1;
            if (m_trailerBytes > MaxTrailerBytes)
                return done(fail(error, 431, u"chunked trailer too large"_s));
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.isEmpty())
                m_state = State::Done;
            break;
        }
        case State::Done:
            return done(ParseOutcome::Complete);
        }
    }
}

} // namespace trefoil::server
