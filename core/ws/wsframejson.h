#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace trefoil::ws {

// The JSON side of a WebSocket text frame, shared by both sub-protocol codecs: parsing a frame
// into its message object, compact encoding, and the checks of the fields both protocols share
// ({type, id?, payload?}). Each check returns false with `*why` saying precisely what is wrong,
// in the words the codecs send back ("\"subscribe\" message requires a non-empty 'id' property").
class WsFrameJson final {
public:
    WsFrameJson() = delete;

    // The frame's JSON object, or nullopt with `*error` saying why not: not JSON at all, or
    // JSON of another type ("Message is expected to be an object, but got array").
    static std::optional<QJsonObject> parseObject(const QString &text, QString *error);

    // The object as compact JSON text, ready for a text frame.
    static QString encode(const QJsonObject &message);
    // {"type":…,"id":…,"payload":<payloadJson>} around a payload that is already compact JSON
    // text (a GraphQL result from the engine), without parsing and printing it again: with many
    // subscribers of one shape, that round trip was most of the cost of a push.
    static QString encodeWithRawPayload(QLatin1StringView type, const QString &id, const QByteArray &payloadJson);

    // "object", "array", "string", "number", "boolean", "null", or "undefined" for a missing field.
    static QString typeName(const QJsonValue &value);

    // A message object with its type set, for encoding.
    static QJsonObject frame(QLatin1StringView type);
    // Why a message of a type this side does not receive is invalid: `sentTheOtherWay` when the
    // protocol has the type, but only `otherSide` ("server", "client") sends it.
    static QString unexpectedType(const QString &type, bool sentTheOtherWay, QLatin1StringView otherSide);

    // The message's type: a non-empty string.
    static bool readType(const QJsonObject &message, QString *type, QString *why);
    // The id of a message of type `type`: a non-empty string.
    static bool readId(const QJsonObject &message, const QString &type, QString *id, QString *why);
    // An optional object payload: nothing or null read as an empty object.
    static bool readOptionalPayload(
        const QJsonObject &message, const QString &type, QJsonObject *payload, QString *why);
    // A required object payload.
    static bool readPayload(const QJsonObject &message, const QString &type, QJsonObject *payload, QString *why);
    // An operation payload: query a string; variables an object or null or missing; operationName a
    // string or null or missing; with `extensions`, extensions too an object or null or missing.
    enum class Extensions { Unchecked, Checked };
    static bool checkOperation(const QJsonObject &payload, const QString &type, Extensions extensions, QString *why);

    // Nothing, null or an object: how both protocols spell an optional object field.
    static bool isObjectOrNullish(const QJsonValue &value) { return value.isObject() || isNullish(value); }
    // Nothing or null.
    static bool isNullish(const QJsonValue &value) { return value.isUndefined() || value.isNull(); }
};

} // namespace trefoil::ws
