#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace trefoil::ui {

// Where the client's connection stands, for the status bar: while reconnecting, when the next
// attempt is and why the last one ended; when failed, what to do about it.
struct ConnectionState {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ui::ConnectionState)

public:
    enum class Kind {
        Disconnected, // not opened, or closed on purpose
        Connecting, // the socket is opening or waiting for connection_ack
        Connected, // acknowledged: operations run
        Reconnecting, // the connection was lost or could not be made; the next attempt is at nextAttempt
        Failed, // retrying cannot help (the secret was refused, the server speaks another protocol)
    };

    Kind kind = Kind::Disconnected;
    QString message; // Reconnecting: why the last attempt ended; Failed: what happened and what to do
    QDateTime nextAttempt; // Reconnecting only
    int attempt = 0; // Reconnecting: the number of the attempt that comes next (1 = the first retry)

    // One line for a status bar: "Connected", "Reconnecting in 4 s (attempt 3): …".
    QString describe(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    friend bool operator==(const ConnectionState &, const ConnectionState &) = default;
};

} // namespace trefoil::ui

Q_DECLARE_METATYPE(trefoil::ui::ConnectionState)
