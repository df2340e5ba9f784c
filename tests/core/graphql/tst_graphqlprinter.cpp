#include "core/graphql/lexer.h"
#include "core/graphql/parser.h"
#include "core/graphql/printer.h"

#include <QtTest>

using namespace trefoil::graphql;

// Printer unit tests: graphql-js compatible layout, string escaping, and the round-trip
// property print(parse(print(parse(x)))) == print(parse(x)).
class tst_GraphqlPrinter final : public QObject {
    Q_OBJECT

private slots:
    void canonical_data();
    void canonical();
    void roundTrip_data();
    void roundTrip();
    void strings_data();
    void strings();
    void blockStrings_data();
    void blockStrings();
};

namespace {

QString printParsed(const QByteArray &source)
{
    const ParseResult r = parse(QByteArrayView(source));
    if (!r.ok())
        return QStringLiteral("ERROR: ") + r.errors.front().message;
    return print(r.document);
}

const char kitchenSink[] = R"GQL(
query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id ,
    ... on User @onInlineFragment {
      field2 {
        id ,
        alias: field1(first:10, after:$foo,) @include(if: $foo) {
          id,
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription(
  $input: StoryLikeSubscribeInput @onVariableDefinition
)
  @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(
    size: $size
    bar: $b
    obj: {key: "value", block: """

      block string uses \"""

  """}
  )
}

{
  unnamed(truthy: true, falsy: false, nullish: null),
  query
}

query { __typename }
)GQL";

} // namespace

void tst_GraphqlPrinter::canonical_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("shorthand") << QByteArray("query { a }") << QStringLiteral("{\n  a\n}");
    QTest::newRow("named") << QByteArray("query Q{a b}") << QStringLiteral("query Q {\n  a\n  b\n}");
    QTest::newRow("anonymous mutation") << QByteArray("mutation{a}") << QStringLiteral("mutation {\n  a\n}");
    QTest::newRow("anonymous with variables")
        << QByteArray("query($a:Int=1,$b:[B!]!@d){a}") << QStringLiteral("query ($a: Int = 1, $b: [B!]! @d) {\n  a\n}");
    QTest::newRow("named with directive") << QByteArray("subscription S($a: Int) @live { a }")
                                          << QStringLiteral("subscription S($a: Int) @live {\n  a\n}");
    QTest::newRow("directive on shorthand") << QByteArray("query @d { a }") << QStringLiteral("query @d {\n  a\n}");
    QTest::newRow("fields") << QByteArray(
        "{ me: user(id: 4, tags: [\"a\", B], o: {x: null, y: 1.5}) @skip(if: $s) { id } }")
                            << QStringLiteral(
                                   "{\n  me: user(id: 4, tags: [\"a\", B], o: {x: null, y: 1.5}) @skip(if: $s) {\n"
                                   "    id\n  }\n}");
    QTest::newRow("fragments") << QByteArray("{ ...F @d ... on T { a } ... @include(if: true) { b } ... { c } }"
                                             " fragment F on T @x { a { b } }")
                               << QStringLiteral(
                                      "{\n  ...F @d\n  ... on T {\n    a\n  }\n  ... @include(if: true) {\n    b\n"
                                      "  }\n  ... {\n    c\n  }\n}\n\nfragment F on T @x {\n  a {\n    b\n  }\n}");
    QTest::newRow("hasura") << QByteArray(
        R"(query($uid: String!) { orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) { id status items { menu_item { name } quantity } } })")
                            << QStringLiteral(
                                   "query ($uid: String!) {\n"
                                   "  orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) "
                                   "{\n"
                                   "    id\n    status\n    items {\n      menu_item {\n        name\n      }\n"
                                   "      quantity\n    }\n  }\n}");
    QTest::newRow("long arguments wrap") << QByteArray(
        R"({ a { orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20, offset: 40) @cached { id } } })")
                                         << QStringLiteral(
                                                "{\n  a {\n    orders(\n      where: {user_id: {_eq: $uid}}\n"
                                                "      order_by: {created_at: desc}\n      limit: 20\n      offset: "
                                                "40\n"
                                                "    ) @cached {\n      id\n    }\n  }\n}");
    QTest::newRow("empty containers") << QByteArray("{ a(l: [], o: {}) }") << QStringLiteral("{\n  a(l: [], o: {})\n}");
    QTest::newRow("strings") << QByteArray(R"({ a(s: "x\"y\\z\n\u0001\u{1F600}", b: """ block """) })")
                             << QString::fromUtf8(
                                    "{\n  a(s: \"x\\\"y\\\\z\\n\\u0001\xF0\x9F\x98\x80\", b: \"\"\" block \"\"\")\n}");
    QTest::newRow("operations before fragments")
        << QByteArray("fragment F on T { a } { ...F }") << QStringLiteral("{\n  ...F\n}\n\nfragment F on T {\n  a\n}");
}

void tst_GraphqlPrinter::canonical()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, expected);
    QCOMPARE(printParsed(source), expected);
}

void tst_GraphqlPrinter::roundTrip_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::newRow("kitchen sink") << QByteArray(kitchenSink);
    QTest::newRow("hasura mutation") << QByteArray(
        R"(mutation Insert($o: [orders_insert_input!]!) { insert_orders(objects: $o,)"
        R"( on_conflict: {constraint: orders_pkey, update_columns: [status]}) {)"
        R"( affected_rows returning { id } } })");
    QTest::newRow("block strings") << QByteArray(
        "{ a(x: \"\"\"\n  one\n    two\n\"\"\", y: \"\"\"  lead\n  b\"\"\", z: \"\"\"tail\"\"\","
        " w: \"\"\"ends with \"quote\"\n\"\"\", v: \"\"\"x\\\"\"\"\"\"\", u: \"\"\"trailing \\\n\"\"\") }");
    QTest::newRow("unicode") << QByteArray("{ a(s: \"\xC3\xA9\\u00e9\\uD83D\\uDE00\\u007F\\u0085\") }");
    QTest::newRow("deep values") << QByteArray("{ a(b: [[[{c: [{d: $e}]}]]]) { b { c { d } } } }");
}

void tst_GraphqlPrinter::roundTrip()
{
    QFETCH(QByteArray, source);
    const QString once = printParsed(source);
    QVERIFY2(!once.startsWith(QLatin1String("ERROR")), qPrintable(once));
    const QString twice = printParsed(once.toUtf8());
    QCOMPARE(twice, once);
}

void tst_GraphqlPrinter::strings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("printed");
    QTest::newRow("plain") << QStringLiteral("plain") << QStringLiteral("\"plain\"");
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << QStringLiteral("\"a\\\"b\\\\c\"");
    QTest::newRow("controls") << QStringLiteral("\b\f\n\r\t") << QStringLiteral("\"\\b\\f\\n\\r\\t\"");
    QTest::newRow("other controls") << QString(QChar(0)) + QChar(0x1F) + QChar(0x7F) + QChar(0x9F)
                                    << QStringLiteral("\"\\u0000\\u001F\\u007F\\u009F\"");
    QTest::newRow("unicode kept") << QString::fromUtf8("\xC3\xA9\xF0\x9F\x98\x80")
                                  << QString::fromUtf8("\"\xC3\xA9\xF0\x9F\x98\x80\"");
}

void tst_GraphqlPrinter::strings()
{
    QFETCH(QString, value);
    QFETCH(QString, printed);
    QCOMPARE(printString(value), printed);
    // And the lexer reads it back to the same value.
    const QByteArray utf8 = printed.toUtf8();
    const Token t = Lexer(utf8).next();
    QCOMPARE(int(t.kind), int(TokenKind::String));
    QCOMPARE(t.value, value);
}

void tst_GraphqlPrinter::blockStrings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("printed");
    // Expected forms follow graphql-js printBlockString.
    QTest::newRow("single line") << QStringLiteral("one line") << QStringLiteral("\"\"\"one line\"\"\"");
    QTest::newRow("leading space") << QStringLiteral("  indented") << QStringLiteral("\"\"\"  indented\"\"\"");
    QTest::newRow("multi line") << QStringLiteral("first\nsecond") << QStringLiteral("\"\"\"\nfirst\nsecond\n\"\"\"");
    QTest::newRow("indented rest") << QStringLiteral("a\n  b") << QStringLiteral("\"\"\"\na\n  b\n\"\"\"");
    QTest::newRow("first line indented") << QStringLiteral("  a\nb") << QStringLiteral("\"\"\"\n  a\nb\n\"\"\"");
    QTest::newRow("trailing quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"\"\"\nsay \"hi\"\n\"\"\"");
    QTest::newRow("trailing backslash") << QStringLiteral("a\\") << QStringLiteral("\"\"\"\na\\\n\"\"\"");
    QTest::newRow("triple quotes") << QStringLiteral("a \"\"\" b") << QStringLiteral("\"\"\"a \\\"\"\" b\"\"\"");
    QTest::newRow("trailing triple quotes")
        << QStringLiteral("a \"\"\"") << QStringLiteral("\"\"\"\na \\\"\"\"\n\"\"\"");
    QTest::newRow("long") << QString(71, u'x')
                          << QStringLiteral("\"\"\"\n") + QString(71, u'x') + QStringLiteral("\n\"\"\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"\"\"\"\"");
    QTest::newRow("blank middle line") << QStringLiteral("a\n\nb") << QStringLiteral("\"\"\"\na\n\nb\n\"\"\"");
}

void tst_GraphqlPrinter::blockStrings()
{
    QFETCH(QString, value);
    QFETCH(QString, printed);
    QCOMPARE(printBlockString(value), printed);
    const QByteArray utf8 = printed.toUtf8();
    const Token t = Lexer(utf8).next();
    QCOMPARE(int(t.kind), int(TokenKind::BlockString));
    QCOMPARE(t.value, value);
}

QTEST_GUILESS_MAIN(tst_GraphqlPrinter)
#include "tst_graphqlprinter.moc"
