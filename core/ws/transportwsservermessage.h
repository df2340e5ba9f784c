#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace trefoil::ws {

// A message a graphql-transport-ws server sends: what the server encodes and the desktop client
// decodes. Built through the named constructors, so each kind carries the fields it needs.
struct TransportWsServerMessage {
    enum class Kind { ConnectionAck, Ping, Pong, Next, Error, Complete };

    Kind kind = Kind::ConnectionAck;
    QString id; // Next, Error and Complete: the operation's id, never empty
    // ConnectionAck, Ping, Pong: optional details, empty when there are none.
    // Next: the execution result {data?, errors?, extensions?}.
    QJsonObject payload;
    QJsonArray errors; // Error: the GraphQL errors, at least one, each an object with a "message"

    static TransportWsServerMessage connectionAck(QJsonObject payload = {})
    {
        return { Kind::ConnectionAck, {}, std::move(payload), {} };
    }
    static TransportWsServerMessage ping(QJsonObject payload = {})
    {
        return { Kind::Ping, {}, std::move(payload), {} };
    }
    static TransportWsServerMessage pong(QJsonObject payload = {})
    {
        return { Kind::Pong, {}, std::move(payload), {} };
    }
    static TransportWsServerMessage next(QString id, QJsonObject result)
    {
        return { Kind::Next, std::move(id), std::move(result), {} };
    }
    static TransportWsServerMessage error(QString id, QJsonArray errors)
    {
        return { Kind::Error, std::move(id), {}, std::move(errors) };
    }
    static TransportWsServerMessage complete(QString id) { return { Kind::Complete, std::move(id), {}, {} }; }

    friend bool operator==(const TransportWsServerMessage &, const TransportWsServerMessage &) = default;
};

} // namespace trefoil::ws
