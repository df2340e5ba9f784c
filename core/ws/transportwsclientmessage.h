#pragma once

#include <QJsonObject>
#include <QString>

namespace trefoil::ws {

// A message a graphql-transport-ws client sends: what the server decodes and the desktop client
// encodes. Built through the named constructors, so each kind carries the fields it needs.
struct TransportWsClientMessage {
    enum class Kind { ConnectionInit, Ping, Pong, Subscribe, Complete };

    Kind kind = Kind::ConnectionInit;
    QString id; // Subscribe and Complete: the operation's id, never empty
    // ConnectionInit, Ping, Pong: optional details, empty when the message had none (or null).
    // Subscribe: the operation {query, operationName?, variables?, extensions?}, as sent.
    QJsonObject payload;

    static TransportWsClientMessage connectionInit(QJsonObject payload = {})
    {
        return { Kind::ConnectionInit, {}, std::move(payload) };
    }
    static TransportWsClientMessage ping(QJsonObject payload = {}) { return { Kind::Ping, {}, std::move(payload) }; }
    static TransportWsClientMessage pong(QJsonObject payload = {}) { return { Kind::Pong, {}, std::move(payload) }; }
    static TransportWsClientMessage subscribe(QString id, QJsonObject operation)
    {
        return { Kind::Subscribe, std::move(id), std::move(operation) };
    }
    static TransportWsClientMessage complete(QString id) { return { Kind::Complete, std::move(id), {} }; }

    // Subscribe's operation; a decoded message has already been checked to have the right types,
    // and a missing or null field reads as an empty string or object.
    QString query() const { return payload.value(QLatin1StringView("query")).toString(); }
    QString operationName() const { return payload.value(QLatin1StringView("operationName")).toString(); }
    QJsonObject variables() const { return payload.value(QLatin1StringView("variables")).toObject(); }
    QJsonObject extensions() const { return payload.value(QLatin1StringView("extensions")).toObject(); }

    friend bool operator==(const TransportWsClientMessage &, const TransportWsClientMessage &) = default;
};

} // namespace trefoil::ws
