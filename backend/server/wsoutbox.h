#pragma once

#include "backend/server/graphqlwebsocketoptions.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <deque>

class QWebSocket;

namespace trefoil::server {

// The sending side of one GraphQL WebSocket: writes text frames while the client keeps up, and
// bounds what a client that does not read can cost. Over the send budget, a live query's results
// are held and replaced by newer ones (only the latest matters), other results of an operation
// wait in order behind them; over the hard limit, or over budget for too long, the socket is
// closed. Closing also arms an abort, so a peer that never answers the close cannot keep it open.
class WsOutbox final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WsOutbox)

public:
    enum class Delivery {
        InOrder, // every message is delivered, in order
        LatestOnly, // may be replaced by a newer message of the same operation while held
    };

    WsOutbox(QWebSocket *socket, const GraphqlWebSocketOptions &options, QObject *parent = nullptr);

    // A connection-level message (ack, pong, ka): written at once.
    void send(const QString &text);
    // A message of operation `key`.
    void send(quint64 key, const QString &text, Delivery delivery);
    // Drops the held messages of an operation that ended on the client's side.
    void discard(quint64 key);
    // Sends a close frame (once) and aborts the socket if the peer has not closed within the grace.
    void close(quint16 code, const QString &reason);
    bool isClosing() const { return m_closing; }

    qint64 heldBytes() const { return m_heldBytes; }

private:
    struct Held {
        quint64 key;
        QString text;
        Delivery delivery;
    };

    void write(const QString &text);
    void hold(quint64 key, const QString &text, Delivery delivery);
    void drain();
    void checkBudget();
    bool overBudget() const;

    QWebSocket *m_socket;
    const GraphqlWebSocketOptions &m_options;
    std::deque<Held> m_held;
    QHash<quint64, int> m_heldPerKey;
    qint64 m_heldBytes = 0;
    QTimer m_stallTimer; // runs while the socket is over its send budget
    QTimer m_abortTimer; // runs after close()
    bool m_closing = false;
};

} // namespace trefoil::server
