#pragma once

#include "backend/pg/error.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace trefoil::pg {

class Connection;

// The process's one LISTEN connection: turns NOTIFY into a Qt signal, and after the server comes
// back it reconnects, listens again and says so (so callers can catch up on what they missed).
class Listener final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Listener)

public:
    explicit Listener(QString conninfo, QObject *parent = nullptr);
    ~Listener() override;

    void listen(const QString &channel);
    bool isListening() const;

Q_SIGNALS:
    void notification(const QString &channel, const QString &payload);
    // Emitted every time all channels are listened to, the first time and after each reconnect.
    void listening();
    void lost(const trefoil::pg::Error &error);

private:
    QString m_conninfo;
    QSet<QString> m_channels;
    Connection *m_connection = nullptr;
    QTimer m_reconnectTimer;
    int m_attempt = 0;
    bool m_listening = false;

    void connectNow();
    void listenAll();
};

} // namespace trefoil::pg
