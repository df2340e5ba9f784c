#include "backend/server/httprequestparser.h"

#include <QTest>

using namespace trefoil::server;
using namespace Qt::StringLiterals;

class TestHttpRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void simpleGet();
    void incompleteHeadNeedsMore();
    void pathAndQueryDecoding();
    void absoluteFormTarget();
    void bareLineFeedsAndLeadingEmptyLines();
    void connectionSemantics();
    void webSocketUpgrade();
    void errors_data();
    void errors();
    void chunkedInPieces();
    void chunkedErrors_data();
    void chunkedErrors();
};

static ParseOutcome parse(QByteArrayView data, RequestHead *head, ParseError *error, ParseLimits limits = {})
{
    return parseRequestHead(data, limits, head, error);
}

void TestHttpRequestParser::simpleGet()
{
    const QByteArray data = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Hasura-Admin-Secret:  s3cret \r\n\r\nNEXT";
    RequestHead head;
    ParseError error;
    QCOMPARE(parse(data, &head, &error), ParseOutcome::Complete);
    QCOMPARE(head.request.method, "GET"_ba);
    QCOMPARE(head.request.path, u"/healthz"_s);
    QCOMPARE(head.request.header("x-hasura-admin-secret"), "s3cret"_ba);
    QCOMPARE(head.request.header("X-HASURA-ADMIN-SECRET"), "s3cret"_ba);
    QVERIFY(head.request.header("missing").isEmpty());
    QCOMPARE(head.headLength, data.indexOf("NEXT"));
    QVERIFY(head.keepAlive);
    QVERIFY(head.crlfTerminated);
    QCOMPARE(head.body, RequestHead::Body::None);
}

void TestHttpRequestParser::incompleteHeadNeedsMore()
{
    const QByteArray data = "POST /v1/graphql HTTP/1.1\r\nContent-Length: 5\r\n\r\n";
    for (qsizetype n = 0; n < data.size(); ++n) {
        RequestHead head;
        ParseError error;
        QCOMPARE(parse(QByteArrayView(data).first(n), &head, &error), ParseOutcome::NeedMore);
    }
    RequestHead head;
    ParseError error;
    QCOMPARE(parse(data, &head, &error), ParseOutcome::Complete);
    QCOMPARE(head.body, RequestHead::Body::Length);
    QCOMPARE(head.contentLength, 5);
}

void TestHttpRequestParser::pathAndQueryDecoding()
{
    RequestHead head;
    ParseError error;
    QCOMPARE(parse("GET /v1/functions/caf%C3%A9?query=a+b%2Bc&x=%7B%7D HTTP/1.1\r\n\r\n", &head, &error),
        ParseOutcome::Complete);
    QCOMPARE(head.request.path, u"/v1/functions/caf\u00e9"_s);
    QCOMPARE(head.request.query.queryItemValue(u"query"_s, QUrl::FullyDecoded), u"a b+c"_s);
    QCOMPARE(head.request.query.queryItemValue(u"x"_s, QUrl::FullyDecoded), u"{}"_s);
}

void TestHttpRequestParser::absoluteFormTarget()
{
    RequestHead head;
    ParseError error;
    QCOMPARE(parse("GET http://example.com/a/b?c=1 HTTP/1.1\r\n\r\n", &head, &error), ParseOutcome::Complete);
    QCOMPARE(head.request.path, u"/a/b"_s);
    QCOMPARE(head.request.query.queryItemValue(u"c"_s), u"1"_s);
}

void TestHttpRequestParser::bareLineFeedsAndLeadingEmptyLines()
{
    RequestHead head;
    ParseError error;
    QCOMPARE(parse("\r\nGET / HTTP/1.1\nHost: x\n\n", &head, &error), ParseOutcome::Complete);
    QCOMPARE(head.request.path, u"/"_s);
    QCOMPARE(head.request.header("host"), "x"_ba);
    QVERIFY(!head.crlfTerminated);
}

void TestHttpRequestParser::connectionSemantics()
{
    RequestHead head;
    ParseError error;
    QCOMPARE(parse("GET / HTTP/1.0\r\n\r\n", &head, &error), ParseOutcome::Complete);
    QVERIFY(!head.keepAlive);
    QCOMPARE(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &head, &error), ParseOutcome::Complete);
    QVERIFY(head.keepAlive);
    QCOMPARE(parse("GET / HTTP/1.1\r\nConnection: foo, close\r\n\r\n", &head, &error), ParseOutcome::Complete);
    QVERIFY(!head.keepAlive);
    QCOMPARE(parse("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n", &head, &error),
        ParseOutcome::Complete);
    QVERIFY(head.expectContinue);
}

void TestHttpRequestParser::webSocketUpgrade()
{
    RequestHead head;
    ParseError error;
    QCOMPARE(parse("GET /v1/graphql HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n\r\n", &head,
                 &error),
        ParseOutcome::Complete);
    QVERIFY(head.webSocketUpgrade);
    QCOMPARE(parse("GET /v1/graphql HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", &head, &error), ParseOutcome::Complete);
    QVERIFY(!head.webSocketUpgrade); // no Connection: upgrade
}

void TestHttpRequestParser::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("status");
    QTest::newRow("no version") << "GET /\r\n\r\n"_ba << 400;
    QTest::newRow("double space") << "GET  / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("bad method") << "G(T / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("relative target") << "GET foo HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("dot segments") << "GET /a/../b HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("encoded dot segments") << "GET /a/%2e%2e/b HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("nul in path") << "GET /a%00 HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("star not options") << "GET * HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("http2") << "GET / HTTP/2.0\r\n\r\n"_ba << 505;
    QTest::newRow("garbage version") << "GET / FTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("header without colon") << "GET / HTTP/1.1\r\nHost\r\n\r\n"_ba << 400;
    QTest::newRow("space before colon") << "GET / HTTP/1.1\r\nHost : x\r\n\r\n"_ba << 400;
    QTest::newRow("folding") << "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n"_ba << 400;
    QTest::newRow("bad length") << "POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n"_ba << 400;
    QTest::newRow("negative length") << "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"_ba << 400;
    QTest::newRow("conflicting lengths") << "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"_ba
                                         << 400;
    QTest::newRow("huge length") << "POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n"_ba << 413;
    QTest::newRow("overflowing length") << "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"_ba
                                        << 400;
    QTest::newRow("length and chunked")
        << "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400;
    QTest::newRow("gzip encoding") << "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba << 501;
    QTest::newRow("odd expectation") << "POST / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n"_ba << 417;
    QTest::newRow("control char in target") << "GET /a\x01 HTTP/1.1\r\n\r\n"_ba << 400;
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        many += "X-" + QByteArray::number(i) + ": y\r\n";
    QTest::newRow("too many headers") << many + "\r\n" << 431;
    QTest::newRow("huge header incomplete") << "GET / HTTP/1.1\r\nX: " + QByteArray(40000, 'a') << 431;
    QTest::newRow("huge request line") << "GET /" + QByteArray(40000, 'a') << 414;
}

void TestHttpRequestParser::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(int, status);
    RequestHead head;
    ParseError error;
    QCOMPARE(parse(data, &head, &error), ParseOutcome::Error);
    QCOMPARE(error.status, status);
    QVERIFY(!error.message.isEmpty());
}

void TestHttpRequestParser::chunkedInPieces()
{
    const QByteArray wire = "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\nREST";
    // Feed byte by byte, keeping unconsumed bytes like the connection does.
    ChunkedDecoder decoder;
    QByteArray body;
    QByteArray pending;
    ParseOutcome outcome = ParseOutcome::NeedMore;
    qsizetype fed = 0;
    while (outcome == ParseOutcome::NeedMore && fed < wire.size()) {
        pending += wire.at(fed++);
        qsizetype consumed = 0;
        ParseError error;
        outcome = decoder.feed(pending, &consumed, &body, 1024, &error);
        pending.remove(0, consumed);
    }
    QCOMPARE(outcome, ParseOutcome::Complete);
    QCOMPARE(body, "Wikipedia in\r\n\r\nchunks."_ba);
    QCOMPARE(fed, wire.indexOf("REST"));
}

void TestHttpRequestParser::chunkedErrors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::newRow("not hex") << "zz\r\n"_ba << 400;
    QTest::newRow("too large") << "800\r\n"_ba << 413;
    QTest::newRow("overflow") << "ffffffffffffffffffff\r\n"_ba << 400;
    QTest::newRow("missing crlf after data") << "1\r\naXX"_ba << 400;
    QTest::newRow("endless size line") << QByteArray(5000, '1') << 400;
}

void TestHttpRequestParser::chunkedErrors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    ChunkedDecoder decoder;
    QByteArray body;
    qsizetype consumed = 0;
    ParseError error;
    QCOMPARE(decoder.feed(wire, &consumed, &body, 1024, &error), ParseOutcome::Error);
    QCOMPARE(error.status, status);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
