// graphql-transport-ws frames: every message both ways, every invalid frame with its close code
// and reason, and the close frames the server session sends.
#include "core/ws/transportwscodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace trefoil::ws;

namespace trefoil::ws {
// Failure messages show the messages as frames.
char *toString(const TransportWsClientMessage &message)
{
    return qstrdup(TransportWsCodec::encode(message).toUtf8());
}
char *toString(const TransportWsServerMessage &message)
{
    return qstrdup(TransportWsCodec::encode(message).toUtf8());
}
char *toString(const WsClose &close)
{
    return qstrdup((QString::number(int(close.code)) + u": "_s + close.reason).toUtf8());
}
} // namespace trefoil::ws

Q_DECLARE_METATYPE(trefoil::ws::TransportWsClientMessage)
Q_DECLARE_METATYPE(trefoil::ws::TransportWsServerMessage)

namespace {

QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonArray jsonArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

} // namespace

class tst_WsCodecTransport final : public QObject {
    Q_OBJECT

private slots:
    void clientMessagesBothWays_data();
    void clientMessagesBothWays();
    void serverMessagesBothWays_data();
    void serverMessagesBothWays();
    void lenientButValidClientFrames_data();
    void lenientButValidClientFrames();
    void subscribeOperationAccessors();
    void invalidClientFrames_data();
    void invalidClientFrames();
    void invalidServerFrames_data();
    void invalidServerFrames();
    void binaryFrame();
    void closeCodesAreTheProtocols();
    void closeReasons();
    void closeReasonsFitACloseFrame();
    void subProtocolName();
    void rawResultEncodesAsTheMessage();
};

void tst_WsCodecTransport::clientMessagesBothWays_data()
{
    QTest::addColumn<TransportWsClientMessage>("message");
    QTest::addColumn<QString>("frame");

    QTest::newRow("connection_init") << TransportWsClientMessage::connectionInit()
                                     << u"{\"type\":\"connection_init\"}"_s;
    QTest::newRow("connection_init with payload") << TransportWsClientMessage::connectionInit(
        json(uR"({"token":"abc"})"_s)) << uR"({"payload":{"token":"abc"},"type":"connection_init"})"_s;
    QTest::newRow("ping") << TransportWsClientMessage::ping() << u"{\"type\":\"ping\"}"_s;
    QTest::newRow("ping with payload") << TransportWsClientMessage::ping(json(uR"({"t":1})"_s))
                                       << uR"({"payload":{"t":1},"type":"ping"})"_s;
    QTest::newRow("pong") << TransportWsClientMessage::pong() << u"{\"type\":\"pong\"}"_s;
    QTest::newRow("pong with payload") << TransportWsClientMessage::pong(json(uR"({"t":2})"_s))
                                       << uR"({"payload":{"t":2},"type":"pong"})"_s;
    QTest::newRow("subscribe, query only") << TransportWsClientMessage::subscribe(u"1"_s,
        json(uR"({"query":"{ a }"})"_s)) << uR"({"id":"1","payload":{"query":"{ a }"},"type":"subscribe"})"_s;
    QTest::newRow("subscribe, every field")
        << TransportWsClientMessage::subscribe(u"op-7"_s,
               json(
                   uR"({"query":"subscription S($n: Int) { b(n: $n) }","operationName":"S","variables":{"n":3},"extensions":{"x":true}})"_s))
        << uR"({"id":"op-7","payload":{"extensions":{"x":true},"operationName":"S","query":"subscription S($n: Int) { b(n: $n) }","variables":{"n":3}},"type":"subscribe"})"_s;
    QTest::newRow("subscribe, nulls kept")
        << TransportWsClientMessage::subscribe(
               u"2"_s, json(uR"({"query":"{ a }","operationName":null,"variables":null,"extensions":null})"_s))
        << uR"({"id":"2","payload":{"extensions":null,"operationName":null,"query":"{ a }","variables":null},"type":"subscribe"})"_s;
    QTest::newRow("subscribe, unicode id and query")
        << TransportWsClientMessage::subscribe(u"ü-\"1\""_s, json(uR"({"query":"{ a(s: \"é😀\") }"})"_s))
        << uR"({"id":"ü-\"1\"","payload":{"query":"{ a(s: \"é😀\") }"},"type":"subscribe"})"_s;
    QTest::newRow("complete") << TransportWsClientMessage::complete(u"1"_s) << uR"({"id":"1","type":"complete"})"_s;
}

void tst_WsCodecTransport::clientMessagesBothWays()
{
    QFETCH(TransportWsClientMessage, message);
    QFETCH(QString, frame);

    QCOMPARE(TransportWsCodec::encode(message), frame);

    WsClose close;
    const std::optional<TransportWsClientMessage> decoded = TransportWsCodec::decodeClientMessage(frame, &close);
    QVERIFY2(decoded, qPrintable(close.reason));
    QCOMPARE(*decoded, message);

    const auto again = TransportWsCodec::decodeClientMessage(TransportWsCodec::encode(*decoded), &close);
    QVERIFY2(again, qPrintable(close.reason));
    QCOMPARE(*again, message);
}

void tst_WsCodecTransport::serverMessagesBothWays_data()
{
    QTest::addColumn<TransportWsServerMessage>("message");
    QTest::addColumn<QString>("frame");

    QTest::newRow("connection_ack") << TransportWsServerMessage::connectionAck() << u"{\"type\":\"connection_ack\"}"_s;
    QTest::newRow("connection_ack with payload") << TransportWsServerMessage::connectionAck(
        json(uR"({"server":"trefoil"})"_s)) << uR"({"payload":{"server":"trefoil"},"type":"connection_ack"})"_s;
    QTest::newRow("ping") << TransportWsServerMessage::ping() << u"{\"type\":\"ping\"}"_s;
    QTest::newRow("ping with payload") << TransportWsServerMessage::ping(json(uR"({"at":5})"_s))
                                       << uR"({"payload":{"at":5},"type":"ping"})"_s;
    QTest::newRow("pong") << TransportWsServerMessage::pong() << u"{\"type\":\"pong\"}"_s;
    QTest::newRow("pong with payload") << TransportWsServerMessage::pong(json(uR"({"at":6})"_s))
                                       << uR"({"payload":{"at":6},"type":"pong"})"_s;
    QTest::newRow("next") << TransportWsServerMessage::next(
        u"1"_s, json(uR"({"data":{"orders":[{"id":1,"total":"9.50"}]}})"_s))
                          << uR"({"id":"1","payload":{"data":{"orders":[{"id":1,"total":"9.50"}]}},"type":"next"})"_s;
    QTest::newRow("next with errors and null data")
        << TransportWsServerMessage::next(
               u"1"_s, json(uR"({"data":null,"errors":[{"message":"boom","path":["a"]}]})"_s))
        << uR"({"id":"1","payload":{"data":null,"errors":[{"message":"boom","path":["a"]}]},"type":"next"})"_s;
    QTest::newRow("error")
        << TransportWsServerMessage::error(u"3"_s,
               jsonArray(
                   uR"([{"message":"Cannot query field \"x\""},{"message":"second","locations":[{"line":1,"column":3}]}])"_s))
        << uR"({"id":"3","payload":[{"message":"Cannot query field \"x\""},{"locations":[{"column":3,"line":1}],"message":"second"}],"type":"error"})"_s;
    QTest::newRow("complete") << TransportWsServerMessage::complete(u"3"_s) << uR"({"id":"3","type":"complete"})"_s;
}

void tst_WsCodecTransport::serverMessagesBothWays()
{
    QFETCH(TransportWsServerMessage, message);
    QFETCH(QString, frame);

    QCOMPARE(TransportWsCodec::encode(message), frame);

    WsClose close;
    const std::optional<TransportWsServerMessage> decoded = TransportWsCodec::decodeServerMessage(frame, &close);
    QVERIFY2(decoded, qPrintable(close.reason));
    QCOMPARE(*decoded, message);

    const auto again = TransportWsCodec::decodeServerMessage(TransportWsCodec::encode(*decoded), &close);
    QVERIFY2(again, qPrintable(close.reason));
    QCOMPARE(*again, message);
}

void tst_WsCodecTransport::lenientButValidClientFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<TransportWsClientMessage>("message");

    QTest::newRow("init, null payload") << uR"({"type":"connection_init","payload":null})"_s
                                        << TransportWsClientMessage::connectionInit();
    QTest::newRow("init, empty payload") << uR"({"type":"connection_init","payload":{}})"_s
                                         << TransportWsClientMessage::connectionInit();
    QTest::newRow("ping, null payload") << uR"({"type":"ping","payload":null})"_s << TransportWsClientMessage::ping();
    QTest::newRow("pong, null payload") << uR"({"type":"pong","payload":null})"_s << TransportWsClientMessage::pong();
    QTest::newRow("unknown fields ignored")
        << uR"({"type":"complete","id":"9","payload":5,"extra":[1]})"_s << TransportWsClientMessage::complete(u"9"_s);
    QTest::newRow("id on init ignored") << uR"({"type":"connection_init","id":5})"_s
                                        << TransportWsClientMessage::connectionInit();
    QTest::newRow("whitespace around JSON") << u" \n{\"type\":\"ping\"}\t "_s << TransportWsClientMessage::ping();
    QTest::newRow("unknown payload fields kept")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","other":1}})"_s
        << TransportWsClientMessage::subscribe(u"1"_s, json(uR"({"query":"{ a }","other":1})"_s));
}

void tst_WsCodecTransport::lenientButValidClientFrames()
{
    QFETCH(QString, frame);
    QFETCH(TransportWsClientMessage, message);
    WsClose close;
    const std::optional<TransportWsClientMessage> decoded = TransportWsCodec::decodeClientMessage(frame, &close);
    QVERIFY2(decoded, qPrintable(close.reason));
    QCOMPARE(*decoded, message);
}

void tst_WsCodecTransport::subscribeOperationAccessors()
{
    WsClose close;
    const auto full = TransportWsCodec::decodeClientMessage(
        uR"({"type":"subscribe","id":"1","payload":{"query":"query Q { a }","operationName":"Q","variables":{"v":1},"extensions":{"e":2}}})"_s,
        &close);
    QVERIFY(full);
    QCOMPARE(full->query(), u"query Q { a }"_s);
    QCOMPARE(full->operationName(), u"Q"_s);
    QCOMPARE(full->variables(), json(uR"({"v":1})"_s));
    QCOMPARE(full->extensions(), json(uR"({"e":2})"_s));

    const auto bare = TransportWsCodec::decodeClientMessage(
        uR"({"type":"subscribe","id":"2","payload":{"query":"{ a }","operationName":null,"variables":null}})"_s,
        &close);
    QVERIFY(bare);
    QCOMPARE(bare->query(), u"{ a }"_s);
    QVERIFY(bare->operationName().isNull());
    QVERIFY(bare->variables().isEmpty());
    QVERIFY(bare->extensions().isEmpty());
}

void tst_WsCodecTransport::invalidClientFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("reason");

    // Not a JSON object.
    QTest::newRow("not JSON") << u"hello"_s << u"Message is not valid JSON: illegal value at offset 1"_s;
    QTest::newRow("empty frame") << QString() << u"Message is not valid JSON: illegal value at offset 0"_s;
    QTest::newRow("truncated") << u"{\"type\":"_s << u"Message is not valid JSON: unterminated object at offset 8"_s;
    QTest::newRow("trailing garbage")
        << u"{\"type\":\"ping\"} x"_s
        << u"Message is not valid JSON: garbage at the end of the document at offset 16"_s;
    QTest::newRow("array") << u"[{\"type\":\"ping\"}]"_s << u"Message is expected to be an object, but got array"_s;
    QTest::newRow("number") << u"42"_s << u"Message is expected to be an object, but got number"_s;
    QTest::newRow("string") << u"\"ping\""_s << u"Message is expected to be an object, but got string"_s;
    QTest::newRow("null") << u"null"_s << u"Message is expected to be an object, but got null"_s;
    QTest::newRow("boolean") << u" true "_s << u"Message is expected to be an object, but got boolean"_s;

    // The type.
    QTest::newRow("no type") << u"{}"_s << u"Message is missing the 'type' property"_s;
    QTest::newRow("null type") << uR"({"type":null})"_s << u"Message is missing the 'type' property"_s;
    QTest::newRow("empty type") << uR"({"type":""})"_s << u"Message is missing the 'type' property"_s;
    QTest::newRow("number type") << uR"({"type":1})"_s
                                 << u"Message expects the 'type' property to be a string, but got number"_s;
    QTest::newRow("object type") << uR"({"type":{}})"_s
                                 << u"Message expects the 'type' property to be a string, but got object"_s;
    QTest::newRow("unknown type") << uR"({"type":"start","id":"1"})"_s << u"Invalid message type \"start\""_s;
    QTest::newRow("type case matters") << uR"({"type":"PING"})"_s << u"Invalid message type \"PING\""_s;
    QTest::newRow("server's next") << uR"({"type":"next","id":"1","payload":{}})"_s
                                   << u"Unexpected message type \"next\": only the server sends it"_s;
    QTest::newRow("server's error") << uR"({"type":"error","id":"1","payload":[{"message":"x"}]})"_s
                                    << u"Unexpected message type \"error\": only the server sends it"_s;
    QTest::newRow("server's connection_ack")
        << uR"({"type":"connection_ack"})"_s
        << u"Unexpected message type \"connection_ack\": only the server sends it"_s;

    // Optional payloads.
    QTest::newRow("init, string payload")
        << uR"({"type":"connection_init","payload":"token"})"_s
        << u"\"connection_init\" message expects the 'payload' property to be an object, null or missing, but got string"_s;
    QTest::newRow("init, array payload")
        << uR"({"type":"connection_init","payload":[]})"_s
        << u"\"connection_init\" message expects the 'payload' property to be an object, null or missing, but got array"_s;
    QTest::newRow("ping, number payload")
        << uR"({"type":"ping","payload":1})"_s
        << u"\"ping\" message expects the 'payload' property to be an object, null or missing, but got number"_s;
    QTest::newRow("pong, boolean payload")
        << uR"({"type":"pong","payload":false})"_s
        << u"\"pong\" message expects the 'payload' property to be an object, null or missing, but got boolean"_s;

    // subscribe.
    QTest::newRow("subscribe, no id")
        << uR"({"type":"subscribe","payload":{"query":"{ a }"}})"_s
        << u"\"subscribe\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("subscribe, number id")
        << uR"({"type":"subscribe","id":1,"payload":{"query":"{ a }"}})"_s
        << u"\"subscribe\" message expects the 'id' property to be a string, but got number"_s;
    QTest::newRow("subscribe, null id")
        << uR"({"type":"subscribe","id":null,"payload":{"query":"{ a }"}})"_s
        << u"\"subscribe\" message expects the 'id' property to be a string, but got null"_s;
    QTest::newRow("subscribe, empty id") << uR"({"type":"subscribe","id":"","payload":{"query":"{ a }"}})"_s
                                         << u"\"subscribe\" message requires a non-empty 'id' property"_s;
    QTest::newRow("subscribe, no payload")
        << uR"({"type":"subscribe","id":"1"})"_s
        << u"\"subscribe\" message expects the 'payload' property to be an object, but got undefined"_s;
    QTest::newRow("subscribe, null payload")
        << uR"({"type":"subscribe","id":"1","payload":null})"_s
        << u"\"subscribe\" message expects the 'payload' property to be an object, but got null"_s;
    QTest::newRow("subscribe, array payload")
        << uR"({"type":"subscribe","id":"1","payload":[]})"_s
        << u"\"subscribe\" message expects the 'payload' property to be an object, but got array"_s;
    QTest::newRow("subscribe, no query")
        << uR"({"type":"subscribe","id":"1","payload":{}})"_s
        << u"\"subscribe\" message payload expects the 'query' property to be a string, but got undefined"_s;
    QTest::newRow("subscribe, null query")
        << uR"({"type":"subscribe","id":"1","payload":{"query":null}})"_s
        << u"\"subscribe\" message payload expects the 'query' property to be a string, but got null"_s;
    QTest::newRow("subscribe, document query")
        << uR"({"type":"subscribe","id":"1","payload":{"query":{"kind":"Document"}}})"_s
        << u"\"subscribe\" message payload expects the 'query' property to be a string, but got object"_s;
    QTest::newRow("subscribe, array variables")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","variables":[1]}})"_s
        << u"\"subscribe\" message payload expects the 'variables' property to be an object, null or missing, but got array"_s;
    QTest::newRow("subscribe, string variables")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","variables":"{}"}})"_s
        << u"\"subscribe\" message payload expects the 'variables' property to be an object, null or missing, but got string"_s;
    QTest::newRow("subscribe, number operationName")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","operationName":1}})"_s
        << u"\"subscribe\" message payload expects the 'operationName' property to be a string, null or missing, but got number"_s;
    QTest::newRow("subscribe, object operationName")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","operationName":{}}})"_s
        << u"\"subscribe\" message payload expects the 'operationName' property to be a string, null or missing, but got object"_s;
    QTest::newRow("subscribe, array extensions")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","extensions":[]}})"_s
        << u"\"subscribe\" message payload expects the 'extensions' property to be an object, null or missing, but got array"_s;
    QTest::newRow("subscribe, boolean extensions")
        << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }","extensions":true}})"_s
        << u"\"subscribe\" message payload expects the 'extensions' property to be an object, null or missing, but got boolean"_s;

    // complete.
    QTest::newRow("complete, no id")
        << uR"({"type":"complete"})"_s
        << u"\"complete\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("complete, number id")
        << uR"({"type":"complete","id":7})"_s
        << u"\"complete\" message expects the 'id' property to be a string, but got number"_s;
    QTest::newRow("complete, empty id") << uR"({"type":"complete","id":""})"_s
                                        << u"\"complete\" message requires a non-empty 'id' property"_s;
}

void tst_WsCodecTransport::invalidClientFrames()
{
    QFETCH(QString, frame);
    QFETCH(QString, reason);
    WsClose close = WsClose::normalClosure();
    QCOMPARE(TransportWsCodec::decodeClientMessage(frame, &close), std::nullopt);
    QCOMPARE(close, (WsClose { WsCloseCode::InvalidMessage, reason }));
}

void tst_WsCodecTransport::invalidServerFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("reason");

    QTest::newRow("not JSON") << u"{"_s << u"Message is not valid JSON: unterminated object at offset 1"_s;
    QTest::newRow("array") << u"[]"_s << u"Message is expected to be an object, but got array"_s;
    QTest::newRow("no type") << uR"({"id":"1"})"_s << u"Message is missing the 'type' property"_s;
    QTest::newRow("unknown type") << uR"({"type":"data","id":"1","payload":{}})"_s
                                  << u"Invalid message type \"data\""_s;
    QTest::newRow("client's subscribe") << uR"({"type":"subscribe","id":"1","payload":{"query":"{ a }"}})"_s
                                        << u"Unexpected message type \"subscribe\": only the client sends it"_s;
    QTest::newRow("client's connection_init")
        << uR"({"type":"connection_init"})"_s
        << u"Unexpected message type \"connection_init\": only the client sends it"_s;
    QTest::newRow("ack, string payload")
        << uR"({"type":"connection_ack","payload":"ok"})"_s
        << u"\"connection_ack\" message expects the 'payload' property to be an object, null or missing, but got string"_s;
    QTest::newRow("ping, array payload")
        << uR"({"type":"ping","payload":[]})"_s
        << u"\"ping\" message expects the 'payload' property to be an object, null or missing, but got array"_s;
    QTest::newRow("pong, number payload")
        << uR"({"type":"pong","payload":3})"_s
        << u"\"pong\" message expects the 'payload' property to be an object, null or missing, but got number"_s;
    QTest::newRow("next, no id") << uR"({"type":"next","payload":{}})"_s
                                 << u"\"next\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("next, empty id") << uR"({"type":"next","id":"","payload":{}})"_s
                                    << u"\"next\" message requires a non-empty 'id' property"_s;
    QTest::newRow("next, no payload")
        << uR"({"type":"next","id":"1"})"_s
        << u"\"next\" message expects the 'payload' property to be an object, but got undefined"_s;
    QTest::newRow("next, array payload")
        << uR"({"type":"next","id":"1","payload":[]})"_s
        << u"\"next\" message expects the 'payload' property to be an object, but got array"_s;
    QTest::newRow("error, no id") << uR"({"type":"error","payload":[{"message":"x"}]})"_s
                                  << u"\"error\" message expects the 'id' property to be a string, but got undefined"_s;
    QTest::newRow("error, no payload")
        << uR"({"type":"error","id":"1"})"_s
        << u"\"error\" message expects the 'payload' property to be an array of GraphQL errors, but got undefined"_s;
    QTest::newRow("error, object payload")
        << uR"({"type":"error","id":"1","payload":{"message":"x"}})"_s
        << u"\"error\" message expects the 'payload' property to be an array of GraphQL errors, but got object"_s;
    QTest::newRow("error, no errors") << uR"({"type":"error","id":"1","payload":[]})"_s
                                      << u"\"error\" message expects at least one GraphQL error in its 'payload'"_s;
    QTest::newRow("error, error without message")
        << uR"({"type":"error","id":"1","payload":[{"message":"a"},{"path":["x"]}]})"_s
        << u"\"error\" message payload item 1 is not a GraphQL error: it needs a string 'message'"_s;
    QTest::newRow("error, number message")
        << uR"({"type":"error","id":"1","payload":[{"message":5}]})"_s
        << u"\"error\" message payload item 0 is not a GraphQL error: it needs a string 'message'"_s;
    QTest::newRow("error, string error")
        << uR"({"type":"error","id":"1","payload":["boom"]})"_s
        << u"\"error\" message payload item 0 is not a GraphQL error: it needs a string 'message'"_s;
    QTest::newRow("complete, no id")
        << uR"({"type":"complete"})"_s
        << u"\"complete\" message expects the 'id' property to be a string, but got undefined"_s;
}

void tst_WsCodecTransport::invalidServerFrames()
{
    QFETCH(QString, frame);
    QFETCH(QString, reason);
    WsClose close = WsClose::normalClosure();
    QCOMPARE(TransportWsCodec::decodeServerMessage(frame, &close), std::nullopt);
    QCOMPARE(close, (WsClose { WsCloseCode::InvalidMessage, reason }));
}

void tst_WsCodecTransport::binaryFrame()
{
    QCOMPARE(TransportWsCodec::binaryFrame(),
        (WsClose {
            WsCloseCode::InvalidMessage, u"Binary frames are not part of the protocol: messages are JSON text"_s }));
}

void tst_WsCodecTransport::closeCodesAreTheProtocols()
{
    QCOMPARE(int(WsCloseCode::NormalClosure), 1000);
    QCOMPARE(int(WsCloseCode::InvalidMessage), 4400);
    QCOMPARE(int(WsCloseCode::Unauthorized), 4401);
    QCOMPARE(int(WsCloseCode::Forbidden), 4403);
    QCOMPARE(int(WsCloseCode::SubprotocolNotAcceptable), 4406);
    QCOMPARE(int(WsCloseCode::ConnectionInitialisationTimeout), 4408);
    QCOMPARE(int(WsCloseCode::SubscriberAlreadyExists), 4409);
    QCOMPARE(int(WsCloseCode::TooManyInitialisationRequests), 4429);
    QCOMPARE(int(WsCloseCode::InternalServerError), 4500);
}

void tst_WsCodecTransport::closeReasons()
{
    QCOMPARE(WsClose::normalClosure(), (WsClose { WsCloseCode::NormalClosure, u"Normal Closure"_s }));
    QCOMPARE(WsClose::invalidMessage(u"bad"_s), (WsClose { WsCloseCode::InvalidMessage, u"bad"_s }));
    QCOMPARE(WsClose::unauthorized(), (WsClose { WsCloseCode::Unauthorized, u"Unauthorized"_s }));
    QCOMPARE(WsClose::forbidden(), (WsClose { WsCloseCode::Forbidden, u"Forbidden"_s }));
    QCOMPARE(WsClose::subprotocolNotAcceptable(),
        (WsClose { WsCloseCode::SubprotocolNotAcceptable, u"Subprotocol not acceptable"_s }));
    QCOMPARE(WsClose::connectionInitialisationTimeout(),
        (WsClose { WsCloseCode::ConnectionInitialisationTimeout, u"Connection initialisation timeout"_s }));
    QCOMPARE(WsClose::subscriberAlreadyExists(u"op-1"_s),
        (WsClose { WsCloseCode::SubscriberAlreadyExists, u"Subscriber for op-1 already exists"_s }));
    QCOMPARE(WsClose::tooManyInitialisationRequests(),
        (WsClose { WsCloseCode::TooManyInitialisationRequests, u"Too many initialisation requests"_s }));
    QCOMPARE(
        WsClose::internalServerError(), (WsClose { WsCloseCode::InternalServerError, u"Internal server error"_s }));
}

void tst_WsCodecTransport::closeReasonsFitACloseFrame()
{
    // 30 bytes around the id: an id of 93 bytes still fits, one of 94 does not.
    const QString fits(93, u'x');
    QCOMPARE(WsClose::subscriberAlreadyExists(fits).reason, u"Subscriber for "_s + fits + u" already exists"_s);
    QCOMPARE(WsClose::subscriberAlreadyExists(fits + u'x').reason, u"Subscriber already exists"_s);
    // Bytes count, not characters: 47 two-byte characters are 94 bytes.
    QCOMPARE(WsClose::subscriberAlreadyExists(QString(46, QChar(0xE9))).reason.size(), 30 + 46);
    QCOMPARE(WsClose::subscriberAlreadyExists(QString(47, QChar(0xE9))).reason, u"Subscriber already exists"_s);

    QCOMPARE(WsClose::fitReason(QString(123, u'a')), QString(123, u'a'));
    QCOMPARE(WsClose::fitReason(QString(124, u'a')), QString(123, u'a'));
    // Two-byte characters: 61 of them take 122 bytes, a 62nd would make 124.
    QCOMPARE(WsClose::fitReason(QString(70, QChar(0xE9))), QString(61, QChar(0xE9)));
    // A four-byte character (a surrogate pair) is kept whole or dropped whole.
    const QString emoji = u"😀"_s;
    const QString cut = WsClose::fitReason(QString(121, u'a') + emoji);
    QCOMPARE(cut, QString(121, u'a'));
    QCOMPARE(WsClose::fitReason(QString(119, u'a') + emoji), QString(119, u'a') + emoji);

    // A long unknown type makes a long reason: it is cut to fit, never sent too long.
    WsClose close;
    QVERIFY(!TransportWsCodec::decodeClientMessage(u"{\"type\":\""_s + QString(500, u't') + u"\"}"_s, &close));
    QCOMPARE(close.code, WsCloseCode::InvalidMessage);
    QCOMPARE(close.reason.toUtf8().size(), WsClose::MaxReasonBytes);
    QVERIFY(close.reason.startsWith(u"Invalid message type \"ttt"_s));
}

void tst_WsCodecTransport::subProtocolName()
{
    QCOMPARE(TransportWsCodec::SubProtocol, "graphql-transport-ws"_L1);
}

// A result spliced in as compact JSON decodes exactly as the message built from the parsed result,
// ids with characters JSON must escape included.
void tst_WsCodecTransport::rawResultEncodesAsTheMessage()
{
    const QByteArray result = R"({"data":{"orders":[{"id":1,"note":"a \"quoted\" \u00e9 text"}]}})";
    for (const QString &id :
        { QStringLiteral("1"), QStringLiteral("id \"with\" quotes\\ and \n newline"), QStringLiteral("é") }) {
        WsClose close;
        const auto spliced = TransportWsCodec::decodeServerMessage(TransportWsCodec::encodeNext(id, result), &close);
        QVERIFY(spliced.has_value());
        QCOMPARE(*spliced, TransportWsServerMessage::next(id, QJsonDocument::fromJson(result).object()));
    }
}

QTEST_GUILESS_MAIN(tst_WsCodecTransport)
#include "tst_wscodectransport.moc"
