#include "core/ws/wsframejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace trefoil::ws {

using namespace Qt::StringLiterals;

std::optional<QJsonObject> WsFrameJson::parseObject(const QString &text, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (document.isObject())
        return document.object();
    if (document.isArray()) {
        *error = u"Message is expected to be an object, but got array"_s;
        return std::nullopt;
    }
    // QJsonDocument takes only objects and arrays at the top: a lone scalar is valid JSON that it
    // calls an "illegal value". Wrapped in brackets it parses as an array of exactly one element.
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + utf8 + ']');
    if (wrapped.isArray() && wrapped.array().size() == 1) {
        *error = u"Message is expected to be an object, but got "_s + typeName(wrapped.array().at(0));
        return std::nullopt;
    }
    *error = u"Message is not valid JSON: "_s + parseError.errorString() + u" at offset "_s
        + QString::number(parseError.offset);
    return std::nullopt;
}

QString WsFrameJson::encode(const QJsonObject &message)
{
    return QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

QString WsFrameJson::encodeWithRawPayload(QLatin1StringView type, const QString &id, const QByteArray &payloadJson)
{
    // The id goes through QJsonDocument for its escaping: it is the client's text.
    const QByteArray idJson = QJsonDocument(QJsonArray { id }).toJson(QJsonDocument::Compact);
    QByteArray frame;
    frame.reserve(payloadJson.size() + idJson.size() + type.size() + 32);
    frame.append("{\"type\":\"").append(type.data(), type.size()).append("\",\"id\":");
    frame.append(idJson.constData() + 1, idJson.size() - 2); // without the array's brackets
    frame.append(",\"payload\":").append(payloadJson).append('}');
    return QString::fromUtf8(frame);
}

namespace {

QString quoted(const QString &type)
{
    return u'"' + type + u'"';
}

} // namespace

QJsonObject WsFrameJson::frame(QLatin1StringView type)
{
    QJsonObject object;
    object.insert(QLatin1StringView("type"), type);
    return object;
}

QString WsFrameJson::unexpectedType(const QString &type, bool sentTheOtherWay, QLatin1StringView otherSide)
{
    if (sentTheOtherWay)
        return u"Unexpected message type \""_s + type + u"\": only the "_s + otherSide + u" sends it"_s;
    return u"Invalid message type \""_s + type + u'"';
}

bool WsFrameJson::readType(const QJsonObject &message, QString *type, QString *why)
{
    const QJsonValue value = message.value(QLatin1StringView("type"));
    if (isNullish(value) || (value.isString() && value.toString().isEmpty())) {
        *why = u"Message is missing the 'type' property"_s;
        return false;
    }
    if (!value.isString()) {
        *why = u"Message expects the 'type' property to be a string, but got "_s + typeName(value);
        return false;
    }
    *type = value.toString();
    return true;
}

bool WsFrameJson::readId(const QJsonObject &message, const QString &type, QString *id, QString *why)
{
    const QJsonValue value = message.value(QLatin1StringView("id"));
    if (!value.isString()) {
        *why = quoted(type) + u" message expects the 'id' property to be a string, but got "_s + typeName(value);
        return false;
    }
    if (value.toString().isEmpty()) {
        *why = quoted(type) + u" message requires a non-empty 'id' property"_s;
        return false;
    }
    *id = value.toString();
    return true;
}

bool WsFrameJson::readOptionalPayload(
    const QJsonObject &message, const QString &type, QJsonObject *payload, QString *why)
{
    const QJsonValue value = message.value(QLatin1StringView("payload"));
    if (!isObjectOrNullish(value)) {
        *why = quoted(type) + u" message expects the 'payload' property to be an object, null or missing, but got "_s
            + typeName(value);
        return false;
    }
    *payload = value.toObject();
    return true;
}

bool WsFrameJson::readPayload(const QJsonObject &message, const QString &type, QJsonObject *payload, QString *why)
{
    const QJsonValue value = message.value(QLatin1StringView("payload"));
    if (!value.isObject()) {
        *why = quoted(type) + u" message expects the 'payload' property to be an object, but got "_s + typeName(value);
        return false;
    }
    *payload = value.toObject();
    return true;
}

bool WsFrameJson::checkOperation(const QJsonObject &payload, const QString &type, Extensions extensions, QString *why)
{
    const auto fault = [&](QLatin1StringView field, QLatin1StringView expected) {
        *why = quoted(type) + u" message payload expects the '"_s + field + u"' property to be "_s + expected
            + u", but got "_s + typeName(payload.value(field));
        return false;
    };
    if (!payload.value(QLatin1StringView("query")).isString())
        return fault(QLatin1StringView("query"), QLatin1StringView("a string"));
    if (!isObjectOrNullish(payload.value(QLatin1StringView("variables"))))
        return fault(QLatin1StringView("variables"), QLatin1StringView("an object, null or missing"));
    const QJsonValue operationName = payload.value(QLatin1StringView("operationName"));
    if (!operationName.isString() && !isNullish(operationName))
        return fault(QLatin1StringView("operationName"), QLatin1StringView("a string, null or missing"));
    if (extensions == Extensions::Checked && !isObjectOrNullish(payload.value(QLatin1StringView("extensions"))))
        return fault(QLatin1StringView("extensions"), QLatin1StringView("an object, null or missing"));
    return true;
}

QString WsFrameJson::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"undefined"_s;
}

} // namespace trefoil::ws
