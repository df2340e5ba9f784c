#pragma once

#include "backend/server/httprequest.h"

#include <QByteArrayView>
#include <QString>

namespace trefoil::server {

// The request line and headers of one HTTP/1.x request, and how its body is framed.
struct RequestHead {
    enum class Body { None, Length, Chunked };

    HttpRequest request; // everything but body and peer
    int versionMinor = 1; // HTTP/1.<versionMinor>
    bool keepAlive = true;
    bool expectContinue = false;
    bool webSocketUpgrade = false; // GET with Upgrade: websocket and Connection: upgrade
    bool crlfTerminated = false; // the head ended with "\r\n\r\n" (QWebSocketServer needs exactly that)
    Body body = Body::None;
    qint64 contentLength = 0;
    qsizetype headLength = 0; // bytes the head took, including leading empty lines
};

struct ParseError {
    int status = 400;
    QString message;
};

struct ParseLimits {
    qint64 maxHeaderBytes = 32 * 1024;
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    int maxHeaderCount = 100;
};

enum class ParseOutcome { NeedMore, Complete, Error };

// Parses a request head from the start of data; never reads past the blank line. Bad input is an
// error carrying the status to answer (400, 413, 414, 417, 431, 501, 505), never a crash.
ParseOutcome parseRequestHead(QByteArrayView data, const ParseLimits &limits, RequestHead *head, ParseError *error);

// Decodes a chunked request body incrementally (extensions and trailers are ignored).
class ChunkedDecoder {
public:
    // Consumes what it can of data (*consumed bytes), appending the payload to *body.
    ParseOutcome feed(
        QByteArrayView data, qsizetype *consumed, QByteArray *body, qint64 maxBodyBytes, ParseError *error);
    void reset() { *this = ChunkedDecoder(); }

private:
    enum class State { Size, Data, DataEnd, Trailer, Done };
    State m_state = State::Size;
    qint64 m_remaining = 0;
    qint64 m_trailerBytes = 0;
};

} // namespace trefoil::server
