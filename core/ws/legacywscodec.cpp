#include "core/ws/legacywscodec.h"

#include "core/ws/wsframejson.h"
#include "core/ws/wsmessagetypes.h"

namespace trefoil::ws {

using namespace Qt::StringLiterals;

namespace {

using ClientKind = LegacyWsClientMessage::Kind;
using ServerKind = LegacyWsServerMessage::Kind;

constexpr WsMessageTypes<ClientKind, 4> ClientTypes { { {
    { ClientKind::ConnectionInit, QLatin1StringView("connection_init") },
    { ClientKind::Start, QLatin1StringView("start") },
    { ClientKind::Stop, QLatin1StringView("stop") },
    { ClientKind::ConnectionTerminate, QLatin1StringView("connection_terminate") },
} } };

constexpr WsMessageTypes<ServerKind, 6> ServerTypes { { {
    { ServerKind::ConnectionAck, QLatin1StringView("connection_ack") },
    { ServerKind::ConnectionError, QLatin1StringView("connection_error") },
    { ServerKind::KeepAlive, QLatin1StringView("ka") },
    { ServerKind::Data, QLatin1StringView("data") },
    { ServerKind::Error, QLatin1StringView("error") },
    { ServerKind::Complete, QLatin1StringView("complete") },
} } };

QJsonObject errorPayload(const QString &why)
{
    QJsonObject payload;
    payload.insert(QLatin1StringView("message"), why);
    return payload;
}

} // namespace

std::optional<LegacyWsClientMessage> LegacyWsCodec::decodeClientMessage(
    const QString &text, LegacyWsServerMessage *reply)
{
    QString why;
    const std::optional<QJsonObject> object = WsFrameJson::parseObject(text, &why);
    if (!object) {
        *reply = LegacyWsServerMessage::connectionError(errorPayload(why));
        return std::nullopt;
    }
    // A fault in an operation's message is reported on that operation, if it has an id to report on.
    const QJsonValue idValue = object->value(QLatin1StringView("id"));
    const QString operationId = idValue.toString();
    const auto fault = [&](const QString &reason) {
        *reply = operationId.isEmpty() ? LegacyWsServerMessage::connectionError(errorPayload(reason))
                                       : LegacyWsServerMessage::error(operationId, errorPayload(reason));
        return std::nullopt;
    };

    QString type;
    if (!WsFrameJson::readType(*object, &type, &why))
        return fault(why);
    const std::optional<ClientKind> kind = ClientTypes.kindOf(type);
    if (!kind)
        return fault(
            WsFrameJson::unexpectedType(type, ServerTypes.kindOf(type).has_value(), QLatin1StringView("server")));

    LegacyWsClientMessage message;
    message.kind = *kind;
    switch (*kind) {
    case ClientKind::ConnectionInit:
        if (!WsFrameJson::readOptionalPayload(*object, type, &message.payload, &why)) {
            *reply = LegacyWsServerMessage::connectionError(errorPayload(why));
            return std::nullopt;
        }
        break;
    case ClientKind::Start:
        if (!WsFrameJson::readId(*object, type, &message.id, &why)) {
            *reply = LegacyWsServerMessage::connectionError(errorPayload(why));
            return std::nullopt;
        }
        if (!WsFrameJson::readPayload(*object, type, &message.payload, &why)
            || !WsFrameJson::checkOperation(message.payload, type, WsFrameJson::Extensions::Unchecked, &why)) {
            *reply = LegacyWsServerMessage::error(message.id, errorPayload(why));
            return std::nullopt;
        }
        break;
    case ClientKind::Stop:
        if (!WsFrameJson::readId(*object, type, &message.id, &why)) {
            *reply = LegacyWsServerMessage::connectionError(errorPayload(why));
            return std::nullopt;
        }
        break;
    case ClientKind::ConnectionTerminate:
        break;
    }
    return message;
}

std::optional<LegacyWsServerMessage> LegacyWsCodec::decodeServerMessage(const QString &text, QString *error)
{
    QString type;
    const std::optional<QJsonObject> object = WsFrameJson::parseObject(text, error);
    if (!object || !WsFrameJson::readType(*object, &type, error))
        return std::nullopt;
    const std::optional<ServerKind> kind = ServerTypes.kindOf(type);
    if (!kind) {
        *error = WsFrameJson::unexpectedType(type, ClientTypes.kindOf(type).has_value(), QLatin1StringView("client"));
        return std::nullopt;
    }

    LegacyWsServerMessage message;
    message.kind = *kind;
    bool valid = true;
    switch (*kind) {
    case ServerKind::ConnectionAck:
    case ServerKind::KeepAlive:
        break;
    case ServerKind::ConnectionError:
        valid = WsFrameJson::readPayload(*object, type, &message.payload, error);
        break;
    case ServerKind::Data:
    case ServerKind::Error:
        valid = WsFrameJson::readId(*object, type, &message.id, error)
            && WsFrameJson::readPayload(*object, type, &message.payload, error);
        break;
    case ServerKind::Complete:
        valid = WsFrameJson::readId(*object, type, &message.id, error);
        break;
    }
    if (!valid)
        return std::nullopt;
    return message;
}

LegacyWsServerMessage LegacyWsCodec::binaryFrame()
{
    return LegacyWsServerMessage::connectionError(
        errorPayload(u"Binary frames are not part of the protocol: messages are JSON text"_s));
}

QString LegacyWsCodec::encodeData(const QString &id, const QByteArray &resultJson)
{
    Q_ASSERT(!id.isEmpty());
    return WsFrameJson::encodeWithRawPayload(QLatin1StringView("data"), id, resultJson);
}

QString LegacyWsCodec::encode(const LegacyWsServerMessage &message)
{
    QJsonObject object = WsFrameJson::frame(ServerTypes.nameOf(message.kind));
    switch (message.kind) {
    case ServerKind::ConnectionAck:
    case ServerKind::KeepAlive:
        break;
    case ServerKind::ConnectionError:
        object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ServerKind::Data:
    case ServerKind::Error:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ServerKind::Complete:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        break;
    }
    return WsFrameJson::encode(object);
}

QString LegacyWsCodec::encode(const LegacyWsClientMessage &message)
{
    QJsonObject object = WsFrameJson::frame(ClientTypes.nameOf(message.kind));
    switch (message.kind) {
    case ClientKind::ConnectionInit:
        if (!message.payload.isEmpty())
            object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ClientKind::Start:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        object.insert(QLatin1StringView("payload"), message.payload);
        break;
    case ClientKind::Stop:
        Q_ASSERT(!message.id.isEmpty());
        object.insert(QLatin1StringView("id"), message.id);
        break;
    case ClientKind::ConnectionTerminate:
        break;
    }
    return WsFrameJson::encode(object);
}

} // namespace trefoil::ws
