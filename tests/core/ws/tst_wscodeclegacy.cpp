// Legacy graphql-ws (subscriptions-transport-ws) frames: every message both ways, and for every
// invalid client frame the message the server sends back instead of closing.
#include "core/ws/legacywscodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace trefoil::ws;

namespace trefoil::ws {
// Failure messages show the messages as frames.
char *toString(const LegacyWsClientMessage &message)
{
    return qstrdup(LegacyWsCodec::encode(message).toUtf8());
}
char *toString(const LegacyWsServerMessage &message)
{
    return qstrdup(LegacyWsCodec::encode(message).toUtf8());
}
} // namespace trefoil::ws

Q_DECLARE_METATYPE(trefoil::ws::LegacyWsClientMessage)
Q_DECLARE_METATYPE(trefoil::ws::LegacyWsServerMessage)

namespace {

QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject errorPayload(const QString &message)
{
    QJsonObject payload;
    payload.insert(u"message"_s, message);
    return payload;
}

LegacyWsServerMessage connectionError(const QString &message)
{
    return LegacyWsServerMessage::connectionError(errorPayload(message));
}

LegacyWsServerMessage operationError(const QString &id, const QString &message)
{
    return LegacyWsServerMessage::error(id, errorPayload(message));
}

} // namespace

class tst_WsCodecLegacy final : public QObject {
    Q_OBJECT

private slots:
    void clientMessagesBothWays_data();
    void clientMessagesBothWays();
    void serverMessagesBothWays_data();
    void serverMessagesBothWays();
    void lenientButValidClientFrames_data();
    void lenientButValidClientFrames();
    void startOperationAccessors();
    void invalidClientFrames_data();
    void invalidClientFrames();
    void repliesEncode();
    void invalidServerFrames_data();
    void invalidServerFrames();
    void binaryFrame();
    void subProtocolName();
    void rawResultEncodesAsTheMessage();
};

void tst_WsCodecLegacy::clientMessagesBothWays_data()
{
    QTest::addColumn<LegacyWsClientMessage>("message");
    QTest::addColumn<QString>("frame");

    QTest::newRow("connection_init") << LegacyWsClientMessage::connectionInit() << uR"({"type":"connection_init"})"_s;
    QTest::newRow("connection_init with parameters")
        << LegacyWsClientMessage::connectionInit(json(uR"({"headers":{"Authorization":"Bearer t"}})"_s))
        << uR"({"payload":{"headers":{"Authorization":"Bearer t"}},"type":"connection_init"})"_s;
    QTest::newRow("start, query only") << LegacyWsClientMessage::start(u"1"_s, json(uR"({"query":"{ a }"})"_s))
                                       << uR"({"id":"1","payload":{"query":"{ a }"},"type":"start"})"_s;
    QTest::newRow("start, every field")
        << LegacyWsClientMessage::start(u"2"_s,
               json(uR"({"query":"subscription S($n: Int) { b(n: $n) }","variables":{"n":1},"operationName":"S"})"_s))
        << uR"({"id":"2","payload":{"operationName":"S","query":"subscription S($n: Int) { b(n: $n) }","variables":{"n":1}},"type":"start"})"_s;
    QTest::newRow("start, nulls kept")
        << LegacyWsClientMessage::start(u"3"_s, json(uR"({"query":"{ a }","variables":null,"operationName":null})"_s))
        << uR"({"id":"3","payload":{"operationName":null,"query":"{ a }","variables":null},"type":"start"})"_s;
    QTest::newRow("stop") << LegacyWsClientMessage::stop(u"2"_s) << uR"({"id":"2","type":"stop"})"_s;
    QTest::newRow("connection_terminate")
        << LegacyWsClientMessage::connectionTerminate() << uR"({"type":"connection_terminate"})"_s;
}

void tst_WsCodecLegacy::clientMessagesBothWays()
{
    QFETCH(LegacyWsClientMessage, message);
    QFETCH(QString, frame);

    QCOMPARE(LegacyWsCodec::encode(message), frame);

    LegacyWsServerMessage reply;
    const std::optional<LegacyWsClientMessage> decoded = LegacyWsCodec::decodeClientMessage(frame, &reply);
    QVERIFY2(decoded, qPrintable(LegacyWsCodec::encode(reply)));
    QCOMPARE(*decoded, message);

    const auto again = LegacyWsCodec::decodeClientMessage(LegacyWsCodec::encode(*decoded), &reply);
    QVERIFY2(again, qPrintable(LegacyWsCodec::encode(reply)));
    QCOMPARE(*again, message);
}

void tst_WsCodecLegacy::serverMessagesBothWays_data()
{
    QTest::addColumn<LegacyWsServerMessage>("message");
    QTest::addColumn<QString>("frame");

    QTest::newRow("connection_ack") << LegacyWsServerMessage::connectionAck() << uR"({"type":"connection_ack"})"_s;
    QTest::newRow("connection_error")
        << connectionError(u"Authentication failed"_s)
        << uR"({"payload":{"message":"Authentication failed"},"type":"connection_error"})"_s;
    QTest::newRow("ka") << LegacyWsServerMessage::keepAlive() << uR"({"type":"ka"})"_s;
    QTest::newRow("data") << LegacyWsServerMessage::data(u"1"_s, json(uR"({"data":{"orders":[{"id":1}]}})"_s))
                          << uR"({"id":"1","payload":{"data":{"orders":[{"id":1}]}},"type":"data"})"_s;
    QTest::newRow("data with resolver errors")
        << LegacyWsServerMessage::data(u"1"_s, json(uR"({"data":null,"errors":[{"message":"boom"}]})"_s))
        << uR"({"id":"1","payload":{"data":null,"errors":[{"message":"boom"}]},"type":"data"})"_s;
    QTest::newRow("error") << operationError(u"4"_s, u"Cannot query field \"x\""_s)
                           << uR"({"id":"4","payload":{"message":"Cannot query field \"x\""},"type":"error"})"_s;
    QTest::newRow("complete") << LegacyWsServerMessage::complete(u"4"_s) << uR"({"id":"4","type":"complete"})"_s;
}

void tst_WsCodecLegacy::serverMessagesBothWays()
{
    QFETCH(LegacyWsServerMessage, message);
    QFETCH(QString, frame);

    QCOMPARE(LegacyWsCodec::encode(message), frame);

    QString error;
    const std::optional<LegacyWsServerMessage> decoded = LegacyWsCodec::decodeServerMessage(frame, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(*decoded, message);

    const auto again = LegacyWsCodec::decodeServerMessage(LegacyWsCodec::encode(*decoded), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, message);
}

void tst_WsCodecLegacy::lenientButValidClientFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<LegacyWsClientMessage>("message");

    QTest::newRow("init, null payload") << uR"({"type":"connection_init","payload":null})"_s
                                        << LegacyWsClientMessage::connectionInit();
    QTest::newRow("unknown fields ignored")
        << uR"({"type":"stop","id":"1","payload":7,"x":true})"_s << LegacyWsClientMessage::stop(u"1"_s);
    QTest::newRow("terminate with payload")
        << uR"({"type":"connection_terminate","payload":"bye"})"_s << LegacyWsClientMessage::connectionTerminate();
    // The legacy spec names no extensions: they are neither checked nor dropped.
    QTest::newRow("start, extensions unchecked")
        << uR"({"type":"start","id":"1","payload":{"query":"{ a }","extensions":[1]}})"_s
        << LegacyWsClientMessage::start(u"1"_s, json(uR"({"query":"{ a }","extensions":[1]})"_s));
}

void tst_WsCodecLegacy::lenientButValidClientFrames()
{
    QFETCH(QString, frame);
    QFETCH(LegacyWsClientMessage, message);
    LegacyWsServerMessage reply;
    const std::optional<LegacyWsClientMessage> decoded = LegacyWsCodec::decodeClientMessage(frame, &reply);
    QVERIFY2(decoded, qPrintable(LegacyWsCodec::encode(reply)));
    QCOMPARE(*decoded, message);
}

void tst_WsCodecLegacy::startOperationAccessors()
{
    LegacyWsServerMessage reply;
    const auto start = LegacyWsCodec::decodeClientMessage(
        uR"({"type":"start","id":"1","payload":{"query":"query Q { a }","variables":{"v":1},"operationName":"Q"}})"_s,
        &reply);
    QVERIFY(start);
    QCOMPARE(start->query(), u"query Q { a }"_s);
    QCOMPARE(start->operationName(), u"Q"_s);
    QCOMPARE(start->variables(), json(uR"({"v":1})"_s));

    const auto bare
        = LegacyWsCodec::decodeClientMessage(uR"({"type":"start","id":"2","payload":{"query":"{ a }"}})"_s, &reply);
    QVERIFY(bare);
    QVERIFY(bare->operationName().isNull());
    QVERIFY(bare->variables().isEmpty());
}

void tst_WsCodecLegacy::invalidClientFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<LegacyWsServerMessage>("reply");

    // Parsing errors: connection_error, the socket stays open.
    QTest::newRow("not JSON") << u"hello"_s
                              << connectionError(u"Message is not valid JSON: illegal value at offset 1"_s);
    QTest::newRow("empty frame") << QString()
                                 << connectionError(u"Message is not valid JSON: illegal value at offset 0"_s);
    QTest::newRow("array") << uR"([{"type":"start"}])"_s
                           << connectionError(u"Message is expected to be an object, but got array"_s);
    QTest::newRow("number") << u"1"_s << connectionError(u"Message is expected to be an object, but got number"_s);
    QTest::newRow("null") << u"null"_s << connectionError(u"Message is expected to be an object, but got null"_s);

    // The type: on the operation when the message names one, else on the connection.
    QTest::newRow("no type") << u"{}"_s << connectionError(u"Message is missing the 'type' property"_s);
    QTest::newRow("no type, with id") << uR"({"id":"5"})"_s
                                      << operationError(u"5"_s, u"Message is missing the 'type' property"_s);
    QTest::newRow("number type, with id")
        << uR"({"type":2,"id":"5"})"_s
        << operationError(u"5"_s, u"Message expects the 'type' property to be a string, but got number"_s);
    QTest::newRow("unknown type") << uR"({"type":"subscribe"})"_s
                                  << connectionError(u"Invalid message type \"subscribe\""_s);
    QTest::newRow("unknown type, with id") << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }"}})"_s
                                           << operationError(u"1"_s, u"Invalid message type \"subscribe\""_s);
    QTest::newRow("unknown type, empty id")
        << uR"({"type":"ping","id":""})"_s << connectionError(u"Invalid message type \"ping\""_s);
    QTest::newRow("unknown type, number id")
        << uR"({"type":"ping","id":3})"_s << connectionError(u"Invalid message type \"ping\""_s);
    QTest::newRow("server's data") << uR"({"type":"data","id":"1","payload":{}})"_s
                                   << operationError(
                                          u"1"_s, u"Unexpected message type \"data\": only the server sends it"_s);
    QTest::newRow("server's ka") << uR"({"type":"ka"})"_s
                                 << connectionError(u"Unexpected message type \"ka\": only the server sends it"_s);

    // connection_init.
    QTest::newRow("init, string payload")
        << uR"({"type":"connection_init","payload":"token"})"_s
        << connectionError(
               u"\"connection_init\" message expects the 'payload' property to be an object, null or missing, but got string"_s);
    QTest::newRow("init, array payload")
        << uR"({"type":"connection_init","payload":[]})"_s
        << connectionError(
               u"\"connection_init\" message expects the 'payload' property to be an object, null or missing, but got array"_s);

    // start: without a usable id, on the connection; with one, on the operation.
    QTest::newRow("start, no id")
        << uR"({"type":"start","payload":{"query":"{ a }"}})"_s
        << connectionError(u"\"start\" message expects the 'id' property to be a string, but got undefined"_s);
    QTest::newRow("start, number id")
        << uR"({"type":"start","id":1,"payload":{"query":"{ a }"}})"_s
        << connectionError(u"\"start\" message expects the 'id' property to be a string, but got number"_s);
    QTest::newRow("start, empty id") << uR"({"type":"start","id":"","payload":{"query":"{ a }"}})"_s
                                     << connectionError(u"\"start\" message requires a non-empty 'id' property"_s);
    QTest::newRow("start, no payload")
        << uR"({"type":"start","id":"1"})"_s
        << operationError(
               u"1"_s, u"\"start\" message expects the 'payload' property to be an object, but got undefined"_s);
    QTest::newRow("start, array payload")
        << uR"({"type":"start","id":"1","payload":[]})"_s
        << operationError(u"1"_s, u"\"start\" message expects the 'payload' property to be an object, but got array"_s);
    QTest::newRow("start, no query")
        << uR"({"type":"start","id":"1","payload":{}})"_s
        << operationError(
               u"1"_s, u"\"start\" message payload expects the 'query' property to be a string, but got undefined"_s);
    QTest::newRow("start, document query")
        << uR"({"type":"start","id":"1","payload":{"query":{"kind":"Document"}}})"_s
        << operationError(
               u"1"_s, u"\"start\" message payload expects the 'query' property to be a string, but got object"_s);
    QTest::newRow("start, array variables")
        << uR"({"type":"start","id":"1","payload":{"query":"{ a }","variables":[]}})"_s
        << operationError(u"1"_s,
               u"\"start\" message payload expects the 'variables' property to be an object, null or missing, but got array"_s);
    QTest::newRow("start, number operationName")
        << uR"({"type":"start","id":"1","payload":{"query":"{ a }","operationName":5}})"_s
        << operationError(u"1"_s,
               u"\"start\" message payload expects the 'operationName' property to be a string, null or missing, but got number"_s);

    // stop.
    QTest::newRow("stop, no id")
        << uR"({"type":"stop"})"_s
        << connectionError(u"\"stop\" message expects the 'id' property to be a string, but got undefined"_s);
    QTest::newRow("stop, empty id") << uR"({"type":"stop","id":""})"_s
                                    << connectionError(u"\"stop\" message requires a non-empty 'id' property"_s);
}

void tst_WsCodecLegacy::invalidClientFrames()
{
    QFETCH(QString, frame);
    QFETCH(LegacyWsServerMessage, reply);
    LegacyWsServerMessage actual = LegacyWsServerMessage::keepAlive();
    QCOMPARE(LegacyWsCodec::decodeClientMessage(frame, &actual), std::nullopt);
    QCOMPARE(actual, reply);
}

void tst_WsCodecLegacy::repliesEncode()
{
    LegacyWsServerMessage reply;
    QVERIFY(!LegacyWsCodec::decodeClientMessage(u"{"_s, &reply));
    QCOMPARE(LegacyWsCodec::encode(reply),
        uR"({"payload":{"message":"Message is not valid JSON: unterminated object at offset 1"},"type":"connection_error"})"_s);
    QVERIFY(!LegacyWsCodec::decodeClientMessage(uR"({"type":"start","id":"7","payload":{}})"_s, &reply));
    QCOMPARE(LegacyWsCodec::encode(reply),
        uR"({"id":"7","payload":{"message":"\"start\" message payload expects the 'query' property to be a string, but got undefined"},"type":"error"})"_s);
}

void tst_WsCodecLegacy::invalidServerFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("error");

    QTest::newRow("not JSON") << u"{"_s << u"Message is not valid JSON: unterminated object at offset 1"_s;
    QTest::newRow("string") << u"\"ka\""_s << u"Message is expected to be an object, but got string"_s;
    QTest::newRow("no type") << uR"({"id":"1"})"_s << u"Message is missing the 'type' property"_s;
    QTest::newRow("unknown type") << uR"({"type":"next","id":"1","payload":{}})"_s
                                  << u"Invalid message type \"next\""_s;
    QTest::newRow("client's start") << uR"({"type":"start","id":"1","payload":{"query":"{ a }"}})"_s
                                    << u"Unexpected message type \"start\": only the client sends it"_s;
    QTest::newRow("connection_error, no payload")
        << uR"({"type":"connection_error"})"_s
        << u"\"connection_error\" message expects the 'payload' property to be an object, but got undefined"_s;
    QTest::newRow("connection_error, string payload")
        << uR"({"type":"connection_error","payload":"no"})"_s
        << u"\"connection_error\" message expects the 'payload' property to be an object, but got string"_s;
    QTest::newRow("data, no id") << uR"({"type":"data","payload":{}})"_s
                                 << u"\"data\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("data, empty id") << uR"({"type":"data","id":"","payload":{}})"_s
                                    << u"\"data\" message requires a non-empty 'id' property"_s;
    QTest::newRow("data, no payload")
        << uR"({"type":"data","id":"1"})"_s
        << u"\"data\" message expects the 'payload' property to be an object, but got undefined"_s;
    QTest::newRow("error, no id") << uR"({"type":"error","payload":{"message":"x"}})"_s
                                  << u"\"error\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("error, array payload")
        << uR"({"type":"error","id":"1","payload":[{"message":"x"}]})"_s
        << u"\"error\" message expects the 'payload' property to be an object, but got array"_s;
    QTest::newRow("complete, no id")
        << uR"({"type":"complete"})"_s
        << u"\"complete\" message expects the 'id' property to be a string, but got undefined"_s;
}

void tst_WsCodecLegacy::invalidServerFrames()
{
    QFETCH(QString, frame);
    QFETCH(QString, error);
    QString actual;
    QCOMPARE(LegacyWsCodec::decodeServerMessage(frame, &actual), std::nullopt);
    QCOMPARE(actual, error);
}

void tst_WsCodecLegacy::binaryFrame()
{
    QCOMPARE(LegacyWsCodec::binaryFrame(),
        connectionError(u"Binary frames are not part of the protocol: messages are JSON text"_s));
}

void tst_WsCodecLegacy::subProtocolName()
{
    QCOMPARE(LegacyWsCodec::SubProtocol, "graphql-ws"_L1);
}

// A result spliced in as compact JSON decodes exactly as the message built from the parsed result,
// ids with characters JSON must escape included.
void tst_WsCodecLegacy::rawResultEncodesAsTheMessage()
{
    const QByteArray result = R"({"data":{"orders":[{"id":1,"note":"a \"quoted\" \u00e9 text"}]}})";
    for (const QString &id :
        { QStringLiteral("1"), QStringLiteral("id \"with\" quotes\\ and \n newline"), QStringLiteral("é") }) {
        QString error;
        const auto spliced = LegacyWsCodec::decodeServerMessage(LegacyWsCodec::encodeData(id, result), &error);
        QVERIFY(spliced.has_value());
        QCOMPARE(*spliced, LegacyWsServerMessage::data(id, QJsonDocument::fromJson(result).object()));
    }
}

QTEST_GUILESS_MAIN(tst_WsCodecLegacy)
#include "tst_wscodeclegacy.moc"
