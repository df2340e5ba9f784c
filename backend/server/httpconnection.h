#pragma once

#include "backend/server/httprequestparser.h"
#include "backend/server/httpresponse.h"
#include "backend/server/serveroptions.h"

#include <QHostAddress>
#include <QObject>

#include <functional>

class QTcpSocket;

namespace trefoil::server {

using Responder = std::function<void(HttpResponse)>;

class HttpConnection;

// What a connection needs from the server that owns it (implemented by ApiServer's private part).
class ConnectionHost {
public:
    virtual ~ConnectionHost() = default;
    virtual const ServerOptions &options() const = 0;
    virtual bool acceptsWebSocket(const QString &path) const = 0;
    // Takes the socket, whose unread bytes start with the upgrade request.
    virtual void handOffWebSocket(QTcpSocket *socket) = 0;
    virtual void dispatch(const HttpRequest &request, Responder responder) = 0;
    virtual void connectionFinished(HttpConnection *connection) = 0;
};

// One accepted TCP connection speaking HTTP/1.1: reads requests (keep-alive, pipelined ones one
// after the other), hands each to the host with a Responder, writes the answers in order, enforces
// limits and timeouts, and hands WebSocket upgrades over without consuming their bytes.
// Deletes itself (deleteLater) when the socket is gone.
class HttpConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(QTcpSocket *socket, ConnectionHost *host, QObject *parent = nullptr);
    ~HttpConnection() override;

    // The answer to request number `serial`; ignored if the connection moved on or closed.
    void respond(quint64 serial, HttpResponse response);
    // Called about once a second (and by tests more often) by the host.
    void checkTimeout(qint64 nowMs);

private:
    enum class State { Idle, Body, Handling, Closing, Closed };

    void onReadyRead();
    void onDisconnected();
    void onBytesWritten();
    void processInput();
    bool readHead();
    bool readBody();
    void dispatchCurrent();
    void writeResponse(const HttpResponse &response, bool keepAlive);
    void failRequest(int status, const QString &message);
    void startClosing();
    void finish();
    void compactInput();

    QTcpSocket *m_socket;
    ConnectionHost *m_host;
    const ServerOptions &m_options;
    ParseLimits m_limits;
    QHostAddress m_peer;
    State m_state = State::Idle;
    QByteArray m_in; // bytes read from the socket, not yet consumed
    qsizetype m_inPos = 0;
    RequestHead m_head;
    ChunkedDecoder m_chunked;
    quint64 m_serial = 0;
    bool m_dispatching = false;
    bool m_responded = false;
    bool m_requestStarted = false; // some bytes of the next request have arrived
    bool m_shutdownSent = false;
    qint64 m_deadlineMs = 0;
    qint64 m_discarded = 0;
};

} // namespace trefoil::server
