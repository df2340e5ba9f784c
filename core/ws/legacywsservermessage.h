#pragma once

#include <QJsonObject>
#include <QString>

namespace trefoil::ws {

// A message a legacy graphql-ws (subscriptions-transport-ws) server sends: what the server encodes
// and the desktop client decodes. Built through the named constructors, so each kind carries the
// fields it needs.
struct LegacyWsServerMessage {
    enum class Kind { ConnectionAck, ConnectionError, KeepAlive, Data, Error, Complete };

    Kind kind = Kind::ConnectionAck;
    QString id; // Data, Error and Complete: the operation's id, never empty
    // ConnectionError: the error, {"message": …}. Data: the execution result {data, errors?}.
    // Error: the error of the operation, {"message": …}.
    QJsonObject payload;

    static LegacyWsServerMessage connectionAck() { return { Kind::ConnectionAck, {}, {} }; }
    static LegacyWsServerMessage connectionError(QJsonObject error)
    {
        return { Kind::ConnectionError, {}, std::move(error) };
    }
    static LegacyWsServerMessage keepAlive() { return { Kind::KeepAlive, {}, {} }; }
    static LegacyWsServerMessage data(QString id, QJsonObject result)
    {
        return { Kind::Data, std::move(id), std::move(result) };
    }
    static LegacyWsServerMessage error(QString id, QJsonObject error)
    {
        return { Kind::Error, std::move(id), std::move(error) };
    }
    static LegacyWsServerMessage complete(QString id) { return { Kind::Complete, std::move(id), {} }; }

    friend bool operator==(const LegacyWsServerMessage &, const LegacyWsServerMessage &) = default;
};

} // namespace trefoil::ws
