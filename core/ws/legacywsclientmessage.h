#pragma once

#include <QJsonObject>
#include <QString>

namespace trefoil::ws {

// A message a legacy graphql-ws (subscriptions-transport-ws) client sends: what the server decodes
// and the desktop client encodes. Built through the named constructors, so each kind carries the
// fields it needs.
struct LegacyWsClientMessage {
    enum class Kind { ConnectionInit, Start, Stop, ConnectionTerminate };

    Kind kind = Kind::ConnectionInit;
    QString id; // Start and Stop: the operation's id, never empty
    // ConnectionInit: the optional connection parameters, empty when the message had none (or null).
    // Start: the operation {query, variables?, operationName?}, as sent.
    QJsonObject payload;

    static LegacyWsClientMessage connectionInit(QJsonObject parameters = {})
    {
        return { Kind::ConnectionInit, {}, std::move(parameters) };
    }
    static LegacyWsClientMessage start(QString id, QJsonObject operation)
    {
        return { Kind::Start, std::move(id), std::move(operation) };
    }
    static LegacyWsClientMessage stop(QString id) { return { Kind::Stop, std::move(id), {} }; }
    static LegacyWsClientMessage connectionTerminate() { return { Kind::ConnectionTerminate, {}, {} }; }

    // Start's operation; a decoded message has already been checked to have the right types, and a
    // missing or null field reads as an empty string or object.
    QString query() const { return payload.value(QLatin1StringView("query")).toString(); }
    QString operationName() const { return payload.value(QLatin1StringView("operationName")).toString(); }
    QJsonObject variables() const { return payload.value(QLatin1StringView("variables")).toObject(); }

    friend bool operator==(const LegacyWsClientMessage &, const LegacyWsClientMessage &) = default;
};

} // namespace trefoil::ws
