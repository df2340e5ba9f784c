#include "core/ws/transportwscodec.h"

#include "core/ws/wsframejson.h"
#include "core/ws/wsmessagetypes.h"

namespace trefoil::ws {

using namespace Qt::StringLiterals;

namespace {

using ClientKind = TransportWsClientMessage::Kind;
using ServerKind = TransportWsServerMessage::Kind;

constexpr WsMessageTypes<ClientKind, 5> ClientTypes { { {
    { ClientKind::ConnectionInit, QLatin1StringView("connection_init") },
    { ClientKind::Ping, QLatin1StringView("ping") },
    { ClientKind::Pong, QLatin1StringView("pong") },
    { ClientKind::Subscribe, QLatin1StringView("subscribe") },
    { ClientKind::Complete, QLatin1StringView("complete") },
} } };

constexpr WsMessageTypes<ServerKind, 6> ServerTypes { { {
    { ServerKind::ConnectionAck, QLatin1StringView("connection_ack") },
    { ServerKind::Ping, QLatin1StringView("ping") },
    { ServerKind::Pong, QLatin1StringView("pong") },
    { ServerKind::Next, QLatin1StringView("next") },
    { ServerKind::Error, QLatin1StringView("error") },
    { ServerKind::Complete, QLatin1StringView("complete") },
} } };

// The GraphQL errors of an error message: a non-empty array of objects, each with a string message.
bool readErrors(const QJsonObject &message, QJsonArray *errors, QString *why)
{
    const QJsonValue value = message.value(QLatin1StringView("payload"));
    if (!value.isArray()) {
        *why = u"\"error\" message expects the 'payload' property to be an array of GraphQL errors, but got "_s
            + WsFrameJson::typeName(value);
        return false;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty()) {
        *why = u"\"error\" message expects at least one GraphQL error in its 'payload'"_s;
        return false;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).toObject().value(QLatin1StringView("message")).isString()) {
            *why = u"\"error\" message payload item "_s + QString::number(i)
                + u" is not a GraphQL error: it needs a string 'message'"_s;
            return false;
        }
    }
    *errors = array;
    return true;
}

} // namespace

std::optional<TransportWsClientMessage> TransportWsCodec::decodeClientMessage(const QString &text, WsClose *close)
{
    QString why;
    QString type;
    const std::optional<QJsonObject> object = WsFrameJson::parseObject(text, &why);
    if (!object || !WsFrameJson::readType(*object, &type, &why)) {
        *close = WsClose::invalidMessage(why);
        return std::nullopt;
    }
    const std::optional<ClientKind> kind = ClientTypes.kindOf(type);
    if (!kind) {
        *close = WsClose::invalidMessage(
            WsFrameJson::unexpectedType(type, ServerTypes.kindOf(type).has_value(), QLatin1StringView("server")));
        return std::nullopt;
    }

    TransportWsClientMessage message;
    message.kind = *kind;
    bool valid = true;
    switch (*kind) {
    case ClientKind::ConnectionInit:
    case ClientKind::Ping:
    case ClientKind::Pong:
        valid = WsFrameJson::readOptionalPayload(*object, type, &message.payload, &why);
        break;
    case ClientKind::Subscribe:
        valid = WsFrameJson::readId(*object, type, &message.id, &why)
            && WsFrameJson::readPayload(*object, type, &message.payload, &why)
            && WsFrameJson::checkOperation(message.payload, type, WsFrameJson::Extensions::Checked, &why);
        break;
    case ClientKind::Complete:
        valid = WsFrameJson::readId(*object, type, &message.id, &why);
        break;
    }
    if (!valid) {
        *close = WsClose::invalidMessage(why);
        return std::nullopt;
    }
    return message;
}

std::optional<TransportWsServerMessage> TransportWsCodec::decodeServerMessage(const QString &text, WsClose *close)
{
    QString why;
    QString type;
    const std::optional<QJsonObject> object = WsFrameJson::parseObject(text, &why);
    if (!object || !WsFrameJson::readType(*object, &type, &why)) {
        *close = WsClose::invalidMessage(why);
        return std::nullopt;
    }
    const std::optional<ServerKind> kind = ServerTypes.kindOf(type);
    if (!kind) {
        *close = WsClose::invalidMessage(
            WsFrameJson::unexpectedType(type, ClientTypes.kindOf(type).has_value(), QLatin1StringView("client")));
        return std::nullopt;
    }

    TransportWsServerMessage message;
    message.kind = *kind;
    bool valid = true;
    switch (*kind) {
    case ServerKind::ConnectionAck:
    case ServerKind::Ping:
    case ServerKind::Pong:
        valid = WsFrameJson::readOptionalPayload(*object, type, &message.payload, &why);
        break;
    case ServerKind::Next:
        valid = WsFrameJson::readId(*object, type, &message.id, &why)
            && WsFrameJson::readPayload(*object, type, &message.payload, &why);
        break;
    case ServerKind::Error:
        valid = WsFrameJson::readId(*object, type, &message.id, &why) && readErrors(*object, &message.errors, &why);
        break;
    case ServerKind::Complete:
        valid = WsFrameJson::readId(*object, type, &message.id, &why);
        break;
    }
    if (!valid) {
        *close = WsClose::invalidMessage(why);
        return std::nullopt;
    }
    return message;
}

WsClose TransportWsCodec::binaryFrame()
{
    return WsClose::invalidMessage(u"Binary frames are not part of the protocol: messages are JSON text"_s);
}

QString TransportWsCodec::encodeNext(const QString &id, const QByteArray &resultJson)
{
    Q_ASSERT(!id.isEmpty());
    return WsFrameJson::encodeWithRawPayload(QLatin1StringView("next"), id, resultJson);
}

QString TransportWsCodec::encode(const TransportWsServerMessage &message)
{
    QJsonObject object = WsFrameJson::frame(ServerTypes.nameOf(message.kind));
    switch (message.kind) {
    case ServerKind::ConnectionAck:
    case ServerKind::Ping:
    case ServerKind::Pong:
        if (!message.payload.isEmpty())
            object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ServerKind::Next:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ServerKind::Error:
        Q_ASSERT(!message.id.isEmpty() && !message.errors.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        object.insert(QLatin1StringView("payload"), message.errors);
        break;
    case ServerKind::Complete:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        break;
    }
    return WsFrameJson::encode(object);
}

QString TransportWsCodec::encode(const TransportWsClientMessage &message)
{
    QJsonObject object = WsFrameJson::frame(ClientTypes.nameOf(message.kind));
    switch (message.kind) {
    case ClientKind::ConnectionInit:
    case ClientKind::Ping:
    case ClientKind::Pong:
        if (!message.payload.isEmpty())
            object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ClientKind::Subscribe:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ClientKind::Complete:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        break;
    }
    return WsFrameJson::encode(object);
}

} // namespace trefoil::ws
