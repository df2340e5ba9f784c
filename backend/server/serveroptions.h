#pragma once

#include <QString>

namespace trefoil::server {

// How the ApiServer listens and what it accepts.
struct ServerOptions {
    QString host = QStringLiteral("127.0.0.1"); // an IP address, or "localhost"
    quint16 port = 8080; // 0: pick a free port (ApiServer::port() tells which)
    QString adminSecret; // empty: no auth, and loopback addresses only
    qint64 maxBodyBytes = 8 * 1024 * 1024; // larger bodies get 413 (also WebSocket messages)
    qint64 maxHeaderBytes = 32 * 1024; // request line + headers; larger get 431
    int maxHeaderCount = 100; // more header lines get 431
    int requestTimeoutMs = 30'000; // a started request must arrive completely within (else 408)
    int idleTimeoutMs = 75'000; // a keep-alive connection without a request is closed after
    int maxConnections = 10'000; // further connections are closed at once
};

} // namespace trefoil::server
