#include "core/graphql/parser.h"
#include "core/graphql/printer.h"
#include "core/graphql/values.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace trefoil::graphql;

// Parser unit tests: document structure, every literal, graphql-js error messages with
// locations, resource limits on hostile input, and seeded fuzzing for robustness.
class tst_GraphqlParser final : public QObject {
    Q_OBJECT

private slots:
    void shorthandQuery();
    void namedOperations();
    void variables();
    void fragments();
    void directivesAndAliases();
    void literals();
    void hasuraStyle();
    void qstringSource();
    void errors_data();
    void errors();
    void deepNesting_data();
    void deepNesting();
    void depthBoundary();
    void tokenLimit();
    void sizeLimit();
    void standaloneValue();
    void valueToJsonConversion();
    void includeSkip_data();
    void includeSkip();
    void documentLookup();
    void fuzzRandomBytes();
    void fuzzTruncationsAndMutations();
};

namespace {

Document parseOk(QByteArrayView source)
{
    ParseResult r = parse(source);
    if (!r.ok()) {
        qWarning("%s at %d:%d", qPrintable(r.errors.front().message), r.errors.front().line, r.errors.front().column);
    }
    return std::move(r.document);
}

const QByteArray hasura
    = R"(query($uid: String!) { orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) { id status items { menu_item { name } quantity } } })";

const QList<QByteArray> validDocuments {
    hasura,
    R"(query Q($a: Int = 1, $b: [String!]! = ["x"], $c: In = {k: [1.5, null, ENUM]}) @op {
         a: field(arg: $a) @include(if: true) { ...F ... on T { x } ... @skip(if: $b) { y } }
       }
       fragment F on T @frag { id name(first: 10, after: "c\u00e9") }
       mutation M { insert(objects: [{a: 1}, {b: """block
          text"""}]) { affected_rows } }
       subscription S { s { t } })",
    R"({ a { b { c { d { e(f: [[[{g: [$h]}]]]) } } } } })",
};

} // namespace

void tst_GraphqlParser::shorthandQuery()
{
    const ParseResult r = parse(QByteArrayView("{ hello }"));
    QVERIFY(r.ok());
    QCOMPARE(r.document.operations.size(), size_t(1));
    const OperationDefinition &op = r.document.operations.front();
    QCOMPARE(int(op.type), int(OperationType::Query));
    QVERIFY(op.name.isEmpty());
    QCOMPARE(op.location, (SourceLocation { 1, 1 }));
    QCOMPARE(op.selectionSet.size(), size_t(1));
    const Selection &s = op.selectionSet.front();
    QCOMPARE(int(s.kind), int(Selection::Kind::Field));
    QCOMPARE(s.name, QStringLiteral("hello"));
    QCOMPARE(s.responseKey(), QStringLiteral("hello"));
    QCOMPARE(s.location, (SourceLocation { 1, 3 }));
    QVERIFY(s.selectionSet.empty());
}

void tst_GraphqlParser::namedOperations()
{
    const Document doc = parseOk("query A { a }\nmutation B { b }\nsubscription C { c }\nquery { d }");
    QCOMPARE(doc.operations.size(), size_t(4));
    QCOMPARE(int(doc.operations[0].type), int(OperationType::Query));
    QCOMPARE(doc.operations[0].name, QStringLiteral("A"));
    QCOMPARE(int(doc.operations[1].type), int(OperationType::Mutation));
    QCOMPARE(doc.operations[1].location, (SourceLocation { 2, 1 }));
    QCOMPARE(int(doc.operations[2].type), int(OperationType::Subscription));
    QCOMPARE(doc.operations[2].name, QStringLiteral("C"));
    QVERIFY(doc.operations[3].name.isEmpty());
    // Keywords are only keywords in their position: they are fine as field names.
    const Document kw = parseOk("{ query mutation fragment on true null }");
    QCOMPARE(kw.operations.front().selectionSet.size(), size_t(6));
}

void tst_GraphqlParser::variables()
{
    const Document doc = parseOk("query Q($id: ID!, $list: [[Int!]]! = [[1], [2, 3]], $opt: String = null, "
                                 "$o: Input = {a: {b: \"x\"}} @deprecated) { a }");
    const std::vector<VariableDefinition> &vars = doc.operations.front().variables;
    QCOMPARE(vars.size(), size_t(4));

    QCOMPARE(vars[0].name, QStringLiteral("id"));
    QCOMPARE(vars[0].location, (SourceLocation { 1, 9 }));
    QCOMPARE(int(vars[0].type.kind), int(TypeRef::Kind::NonNull));
    QCOMPARE(int(vars[0].type.inner().kind), int(TypeRef::Kind::Named));
    QCOMPARE(vars[0].type.namedType(), QStringLiteral("ID"));
    QVERIFY(!vars[0].defaultValue);

    const TypeRef &t = vars[1].type;
    QCOMPARE(int(t.kind), int(TypeRef::Kind::NonNull));
    QCOMPARE(int(t.inner().kind), int(TypeRef::Kind::List));
    QCOMPARE(int(t.inner().inner().kind), int(TypeRef::Kind::List));
    QCOMPARE(int(t.inner().inner().inner().kind), int(TypeRef::Kind::NonNull));
    QCOMPARE(t.namedType(), QStringLiteral("Int"));
    QCOMPARE(printType(t), QStringLiteral("[[Int!]]!"));
    QVERIFY(vars[1].defaultValue);
    QCOMPARE(vars[1].defaultValue->list.size(), size_t(2));
    QCOMPARE(vars[1].defaultValue->list[1].list[1].text, QStringLiteral("3"));

    QCOMPARE(int(vars[2].defaultValue->kind), int(Value::Kind::Null));
    QCOMPARE(int(vars[3].defaultValue->kind), int(Value::Kind::Object));
    QCOMPARE(vars[3].defaultValue->fields.front().value.fields.front().value.text, QStringLiteral("x"));
    QCOMPARE(vars[3].directives.size(), size_t(1));
    QCOMPARE(vars[3].directives.front().name, QStringLiteral("deprecated"));
}

void tst_GraphqlParser::fragments()
{
    const Document doc = parseOk("{ user { ...UserParts ... on Admin { level } ... @include(if: $x) { extra } } }\n"
                                 "fragment UserParts on User @keep { id name }");
    const SelectionSet &set = doc.operations.front().selectionSet.front().selectionSet;
    QCOMPARE(set.size(), size_t(3));
    QCOMPARE(int(set[0].kind), int(Selection::Kind::FragmentSpread));
    QCOMPARE(set[0].name, QStringLiteral("UserParts"));
    QCOMPARE(int(set[1].kind), int(Selection::Kind::InlineFragment));
    QCOMPARE(set[1].typeCondition, QStringLiteral("Admin"));
    QCOMPARE(set[1].selectionSet.front().name, QStringLiteral("level"));
    QCOMPARE(int(set[2].kind), int(Selection::Kind::InlineFragment));
    QVERIFY(set[2].typeCondition.isEmpty());
    QCOMPARE(set[2].directives.front().name, QStringLiteral("include"));
    QCOMPARE(set[2].location, (SourceLocation { 1, 46 }));

    QCOMPARE(doc.fragments.size(), size_t(1));
    const FragmentDefinition &f = doc.fragments.front();
    QCOMPARE(f.name, QStringLiteral("UserParts"));
    QCOMPARE(f.typeCondition, QStringLiteral("User"));
    QCOMPARE(f.directives.front().name, QStringLiteral("keep"));
    QCOMPARE(f.selectionSet.size(), size_t(2));
    QCOMPARE(f.location, (SourceLocation { 2, 1 }));
}

void tst_GraphqlParser::directivesAndAliases()
{
    const Document doc
        = parseOk("query @live { me: user(id: 4) @skip(if: false) @cached(ttl: 60) { smallPic: pic(size: 64) } }");
    const OperationDefinition &op = doc.operations.front();
    QCOMPARE(op.directives.size(), size_t(1));
    QCOMPARE(op.directives.front().name, QStringLiteral("live"));
    const Selection &user = op.selectionSet.front();
    QCOMPARE(user.alias, QStringLiteral("me"));
    QCOMPARE(user.name, QStringLiteral("user"));
    QCOMPARE(user.responseKey(), QStringLiteral("me"));
    QCOMPARE(user.arguments.size(), size_t(1));
    QCOMPARE(user.arguments.front().name, QStringLiteral("id"));
    QCOMPARE(user.arguments.front().location, (SourceLocation { 1, 24 }));
    QCOMPARE(user.directives.size(), size_t(2));
    QCOMPARE(user.directives[1].name, QStringLiteral("cached"));
    QCOMPARE(user.directives[1].arguments.front().value.text, QStringLiteral("60"));
    QCOMPARE(user.directives[0].location, (SourceLocation { 1, 31 }));
    QCOMPARE(user.selectionSet.front().alias, QStringLiteral("smallPic"));
}

void tst_GraphqlParser::literals()
{
    const Document doc
        = parseOk(R"({ f(v: $var, i: -12, fl: 1.5e3, s: "t\u00e9xt", bs: """ block """, t: true, fa: false,)"
                  R"( n: null, e: RED, l: [1, "two", [3]], o: {k: 1, nested: {z: []}}, eo: {}) })");
    const std::vector<Argument> &args = doc.operations.front().selectionSet.front().arguments;
    QCOMPARE(args.size(), size_t(12));
    const auto kind = [&args](size_t i) { return int(args[i].value.kind); };
    QCOMPARE(kind(0), int(Value::Kind::Variable));
    QCOMPARE(args[0].value.text, QStringLiteral("var"));
    QCOMPARE(kind(1), int(Value::Kind::Int));
    QCOMPARE(args[1].value.text, QStringLiteral("-12"));
    QCOMPARE(kind(2), int(Value::Kind::Float));
    QCOMPARE(args[2].value.text, QStringLiteral("1.5e3"));
    QCOMPARE(kind(3), int(Value::Kind::String));
    QCOMPARE(args[3].value.text, QString::fromUtf8("t\xC3\xA9xt"));
    QVERIFY(!args[3].value.block);
    QCOMPARE(kind(4), int(Value::Kind::String));
    QVERIFY(args[4].value.block);
    QCOMPARE(args[4].value.text, QStringLiteral(" block "));
    QCOMPARE(kind(5), int(Value::Kind::Boolean));
    QVERIFY(args[5].value.boolean);
    QCOMPARE(kind(6), int(Value::Kind::Boolean));
    QVERIFY(!args[6].value.boolean);
    QCOMPARE(kind(7), int(Value::Kind::Null));
    QCOMPARE(kind(8), int(Value::Kind::Enum));
    QCOMPARE(args[8].value.text, QStringLiteral("RED"));
    QCOMPARE(kind(9), int(Value::Kind::List));
    QCOMPARE(args[9].value.list.size(), size_t(3));
    QCOMPARE(int(args[9].value.list[2].kind), int(Value::Kind::List));
    QCOMPARE(args[9].value.list[1].location, (SourceLocation { 1, 112 }));
    QCOMPARE(kind(10), int(Value::Kind::Object));
    QCOMPARE(args[10].value.fields[1].name, QStringLiteral("nested"));
    QVERIFY(args[10].value.fields[1].value.fields.front().value.list.empty());
    QCOMPARE(kind(11), int(Value::Kind::Object));
    QVERIFY(args[11].value.fields.empty());
}

void tst_GraphqlParser::hasuraStyle()
{
    const Document doc = parseOk(hasura);
    const OperationDefinition &op = doc.operations.front();
    QCOMPARE(op.variables.front().name, QStringLiteral("uid"));
    QCOMPARE(printType(op.variables.front().type), QStringLiteral("String!"));
    const Selection &orders = op.selectionSet.front();
    QCOMPARE(orders.name, QStringLiteral("orders"));
    QCOMPARE(orders.arguments.size(), size_t(3));

    const QJsonObject vars { { QStringLiteral("uid"), QStringLiteral("u-1") } };
    const QJsonValue where = valueToJson(orders.arguments[0].value, vars);
    QCOMPARE(
        QJsonDocument(where.toObject()).toJson(QJsonDocument::Compact), QByteArray(R"({"user_id":{"_eq":"u-1"}})"));
    QCOMPARE(valueToJson(orders.arguments[1].value, vars).toObject().value(QStringLiteral("created_at")),
        QJsonValue(QStringLiteral("desc")));
    QCOMPARE(valueToJson(orders.arguments[2].value, vars), QJsonValue(20));

    QCOMPARE(orders.selectionSet.size(), size_t(3));
    const Selection &items = orders.selectionSet[2];
    QCOMPARE(items.name, QStringLiteral("items"));
    QCOMPARE(items.selectionSet[0].selectionSet[0].name, QStringLiteral("name"));
    QCOMPARE(items.selectionSet[1].name, QStringLiteral("quantity"));
}

void tst_GraphqlParser::qstringSource()
{
    // Columns after non-ASCII text count UTF-16 units whichever overload is used.
    const ParseResult r = parse(QString::fromUtf8("{ a(s: \"\xC3\xA9\xF0\x9F\x98\x80\") b }"));
    QVERIFY(r.ok());
    QCOMPARE(r.document.operations.front().selectionSet[1].location, (SourceLocation { 1, 15 }));
    const ParseResult bad = parse(QString::fromUtf8("{ \xC3\xA9 }"));
    QCOMPARE(bad.errors.front().message, QStringLiteral("Syntax Error: Unexpected character: U+00E9."));
}

void tst_GraphqlParser::errors_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const auto row = [](const char *name, const QByteArray &source, const char *message, int line, int column) {
        QTest::newRow(name) << source << QString::fromUtf8(message) << line << column;
    };
    row("empty", "", "Unexpected <EOF>.", 1, 1);
    row("only comment", "# nothing", "Unexpected <EOF>.", 1, 10);
    row("open brace", "{", "Expected Name, found <EOF>.", 1, 2);
    row("empty selection", "{ }", "Expected Name, found \"}\".", 1, 3);
    row("unclosed", "{ a }\n{ b", "Expected Name, found <EOF>.", 2, 4);
    row("missing value", "{ a(b: ) }", "Unexpected \")\".", 1, 8);
    row("empty arguments", "{ a() }", "Expected Name, found \")\".", 1, 5);
    row("dollar alone", "{ a(b: $) }", "Expected Name, found \")\".", 1, 9);
    row("empty variables", "query () { a }", "Expected \"$\", found \")\".", 1, 8);
    row("variable in default", "query ($a: Int = $b) { a }", "Unexpected variable \"$b\" in constant value.", 1, 18);
    row("variable in const directive", "query ($a: Int @d(x: $y)) { a }",
        "Unexpected variable \"$y\" in constant value.", 1, 22);
    row("missing type", "query ($a) { a }", "Expected \":\", found \")\".", 1, 10);
    row("bad list type", "query ($a: [Int) { a }", "Expected \"]\", found \")\".", 1, 16);
    row("fragment named on", "fragment on on T { a }", "Unexpected Name \"on\".", 1, 10);
    row("fragment missing on", "fragment F T { a }", "Expected \"on\", found Name \"T\".", 1, 12);
    row("fragment without selection", "fragment F on T", "Expected \"{\", found <EOF>.", 1, 16);
    row("type system", "type Query { a: Int }", "Unexpected Name \"type\".", 1, 1);
    row("bare name", "notAKeyword", "Unexpected Name \"notAKeyword\".", 1, 1);
    row("int at top", "123", "Unexpected Int \"123\".", 1, 1);
    row("string at top", "\"str\"", "Unexpected String \"str\".", 1, 1);
    row("block string at top", "\"\"\"blk\"\"\"", "Unexpected BlockString \"blk\".", 1, 1);
    row("operation without selection", "query Q", "Expected \"{\", found <EOF>.", 1, 8);
    row("spread without name", "{ ... }", "Expected \"{\", found \"}\".", 1, 7);
    row("on without type", "{ ... on { a } }", "Expected Name, found \"{\".", 1, 10);
    row("object without colon", "{ a(o: {b}) }", "Expected \":\", found \"}\".", 1, 10);
    row("unclosed list", "{ a(l: [1, 2) }", "Unexpected \")\".", 1, 13);
    row("alias without name", "{ a: }", "Expected Name, found \"}\".", 1, 6);
    row("directive without name", "{ a @ }", "Expected Name, found \"}\".", 1, 7);
    row("pipe", "{ a | b }", "Expected Name, found \"|\".", 1, 5);
    row("lexer error", "{ a(s: \"x) }", "Unterminated string.", 1, 13);
    row("lexer error line 3", "{\n  a\n  b(x: 01)\n}", "Invalid number, unexpected digit after 0: \"1\".", 3, 9);
    row("bad char", "{ a ? }", "Unexpected character: \"?\".", 1, 5);
}

void tst_GraphqlParser::errors()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const ParseResult r = parse(QByteArrayView(source));
    QVERIFY(!r.ok());
    QCOMPARE(r.errors.size(), size_t(1));
    QCOMPARE(r.errors.front().message, QStringLiteral("Syntax Error: ") + message);
    QCOMPARE(r.errors.front().line, line);
    QCOMPARE(r.errors.front().column, column);
}

void tst_GraphqlParser::deepNesting_data()
{
    QTest::addColumn<QByteArray>("source");
    // Bare braces fail on the second token; the rows below reach the depth limit.
    QTest::newRow("braces") << QByteArray(100000, '{');
    QTest::newRow("selection sets with names") << QByteArray("{") + QByteArray("a {").repeated(100000);
    QTest::newRow("lists") << QByteArray("{ a(b: ") + QByteArray(100000, '[');
    QTest::newRow("closed lists") << QByteArray("{ a(b: ") + QByteArray(100000, '[') + QByteArray(100000, ']') + ") }";
    QTest::newRow("objects") << QByteArray("{ a(b: ") + QByteArray("{c: ").repeated(100000);
    QTest::newRow("list types") << QByteArray("query ($v: ") + QByteArray(100000, '[');
    QTest::newRow("default values") << QByteArray("query ($v: T = ") + QByteArray(100000, '[');
    QTest::newRow("inline fragments") << QByteArray("{ ") + QByteArray("... { ").repeated(100000);
    QTest::newRow("directive arguments") << QByteArray("{ a @d(x: ") + QByteArray(100000, '[');
    QTest::newRow("standalone value") << QByteArray(100000, '[');
}

void tst_GraphqlParser::deepNesting()
{
    QFETCH(QByteArray, source);
    QElapsedTimer timer;
    timer.start();
    const ParseResult r = parse(QByteArrayView(source));
    const ValueParseResult v = parseValue(QByteArrayView(source));
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.front().message.contains(QLatin1String("maximum nesting depth of 64"))
            || qstrcmp(QTest::currentDataTag(), "braces") == 0
            || qstrcmp(QTest::currentDataTag(), "standalone value") == 0,
        qPrintable(r.errors.front().message));
    QVERIFY(!v.ok());
    if (qstrcmp(QTest::currentDataTag(), "standalone value") == 0)
        QVERIFY(v.errors.front().message.contains(QLatin1String("maximum nesting depth of 64")));
}

void tst_GraphqlParser::depthBoundary()
{
    // Depth counts selection sets: 64 nested ones parse, 65 do not.
    const auto nested = [](int depth) -> QByteArray {
        return QByteArray("{a") + QByteArray(" {a").repeated(depth - 1) + QByteArray(" }").repeated(depth);
    };
    QVERIFY(parse(QByteArrayView(nested(64))).ok());
    const ParseResult tooDeep = parse(QByteArrayView(nested(65)));
    QVERIFY(!tooDeep.ok());
    QCOMPARE(tooDeep.errors.front().message,
        QStringLiteral("Syntax Error: Document exceeds the maximum nesting depth of 64."));
    // The 65th "{" is the failing token.
    QCOMPARE(tooDeep.errors.front().column, 2 + 3 * 63 + 2);

    ParseLimits limits;
    limits.maxDepth = 3;
    QVERIFY(parse(QByteArrayView("{ a(x: [1]) { b } }"), limits).ok());
    QVERIFY(parse(QByteArrayView("{ a(x: [[1]]) { b } }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("{ a(x: [[[1]]]) { b } }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("{ a(x: {y: {z: {w: 1}}}) }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("{ a { b { c { d } } } }"), limits).ok());
    QVERIFY(parse(QByteArrayView("query($v: [[[Int]]]) { a }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("query($v: [[[[Int]]]]) { a }"), limits).ok());
}

void tst_GraphqlParser::tokenLimit()
{
    // "{", 20000 names and "}" make 20002 tokens.
    const QByteArray tooMany = "{" + QByteArray(" a").repeated(20000) + " }";
    QElapsedTimer timer;
    timer.start();
    const ParseResult r = parse(QByteArrayView(tooMany));
    QVERIFY(!r.ok());
    QCOMPARE(r.errors.front().message,
        QStringLiteral("Syntax Error: Document contains more than 20000 tokens. Parsing aborted."));
    // The 20001st token is the last "a".
    QCOMPARE(r.errors.front().column, 2 * 20000 + 1);
    QVERIFY(timer.elapsed() < 1000);

    const QByteArray justEnough = "{" + QByteArray(" a").repeated(19998) + " }";
    QVERIFY(parse(QByteArrayView(justEnough)).ok());

    ParseLimits limits;
    limits.maxTokens = 3;
    QVERIFY(parse(QByteArrayView("{ a }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("{ a b }"), limits).ok());
}

void tst_GraphqlParser::sizeLimit()
{
    const QByteArray big = "{ a }" + QByteArray(1024 * 1024, ' ');
    const ParseResult r = parse(QByteArrayView(big));
    QVERIFY(!r.ok());
    QCOMPARE(r.errors.front().message, QStringLiteral("Document is larger than the maximum of 1048576 bytes."));
    QVERIFY(!parse(QString::fromLatin1(big)).ok());

    ParseLimits limits;
    limits.maxSourceBytes = 5;
    QVERIFY(parse(QByteArrayView("{ a }"), limits).ok());
    QVERIFY(!parse(QByteArrayView("{ ab }"), limits).ok());
    // UTF-8 can be longer than UTF-16: the QString overload still checks bytes.
    QVERIFY(!parse(QString::fromUtf8("{a(b:\"\xC3\xA9\")}"), ParseLimits { 10, 100, 10 }).ok());
    QVERIFY(parse(QString::fromUtf8("{a(b:\"\xC3\xA9\")}"), ParseLimits { 11, 100, 10 }).ok());
}

void tst_GraphqlParser::standaloneValue()
{
    const ValueParseResult r = parseValue(QByteArrayView(R"( {a: [1, $b], c: "x", d: ENUM} )"));
    QVERIFY(r.ok());
    QCOMPARE(int(r.value.kind), int(Value::Kind::Object));
    QCOMPARE(r.value.fields.size(), size_t(3));
    QCOMPARE(int(r.value.fields[0].value.list[1].kind), int(Value::Kind::Variable));
    QCOMPARE(printValue(r.value), QStringLiteral(R"({a: [1, $b], c: "x", d: ENUM})"));

    const ValueParseResult trailing = parseValue(QByteArrayView("1 2"));
    QVERIFY(!trailing.ok());
    QCOMPARE(trailing.errors.front().message, QStringLiteral("Syntax Error: Expected <EOF>, found Int \"2\"."));
    QVERIFY(!parseValue(QByteArrayView("")).ok());
}

void tst_GraphqlParser::valueToJsonConversion()
{
    const ValueParseResult r = parseValue(
        QByteArrayView(R"({i: 42, big: 123456789012345, huge: 99999999999999999999, f: -1.5e2, s: "s", b: true,)"
                       R"( n: null, e: ASC, l: [1, $missing, $x], o: {v: $x, gone: $missing}})"));
    QVERIFY(r.ok());
    const QJsonObject vars { { QStringLiteral("x"), QJsonArray { 1, 2 } } };
    const QJsonObject o = valueToJson(r.value, vars).toObject();
    QCOMPARE(o.value(QStringLiteral("i")), QJsonValue(42));
    QCOMPARE(o.value(QStringLiteral("big")).toInteger(), Q_INT64_C(123456789012345));
    QCOMPARE(o.value(QStringLiteral("huge")).toDouble(), 1e20);
    QCOMPARE(o.value(QStringLiteral("f")).toDouble(), -150.0);
    QCOMPARE(o.value(QStringLiteral("s")).toString(), QStringLiteral("s"));
    QCOMPARE(o.value(QStringLiteral("b")), QJsonValue(true));
    QVERIFY(o.value(QStringLiteral("n")).isNull());
    QCOMPARE(o.value(QStringLiteral("e")).toString(), QStringLiteral("ASC"));
    const QJsonArray l = o.value(QStringLiteral("l")).toArray();
    QCOMPARE(l.size(), 3);
    QVERIFY(l.at(1).isNull());
    QCOMPARE(l.at(2), QJsonValue(QJsonArray { 1, 2 }));
    const QJsonObject inner = o.value(QStringLiteral("o")).toObject();
    QCOMPARE(inner.size(), 1);
    QVERIFY(!inner.contains(QStringLiteral("gone")));

    Value missing;
    missing.kind = Value::Kind::Variable;
    missing.text = QStringLiteral("nope");
    QVERIFY(valueToJson(missing, vars).isUndefined());
}

void tst_GraphqlParser::includeSkip_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<bool>("included");
    QTest::newRow("no directives") << QByteArray("a") << true;
    QTest::newRow("other directive") << QByteArray("a @cached") << true;
    QTest::newRow("include true") << QByteArray("a @include(if: true)") << true;
    QTest::newRow("include false") << QByteArray("a @include(if: false)") << false;
    QTest::newRow("skip true") << QByteArray("a @skip(if: true)") << false;
    QTest::newRow("skip false") << QByteArray("a @skip(if: false)") << true;
    QTest::newRow("include var true") << QByteArray("a @include(if: $yes)") << true;
    QTest::newRow("include var false") << QByteArray("a @include(if: $no)") << false;
    QTest::newRow("skip var true") << QByteArray("a @skip(if: $yes)") << false;
    QTest::newRow("skip missing var") << QByteArray("a @skip(if: $missing)") << true;
    QTest::newRow("include missing var") << QByteArray("a @include(if: $missing)") << false;
    QTest::newRow("both, skip wins") << QByteArray("a @include(if: true) @skip(if: true)") << false;
    QTest::newRow("both, included") << QByteArray("a @skip(if: $no) @include(if: $yes)") << true;
    QTest::newRow("include excludes") << QByteArray("a @skip(if: false) @include(if: false)") << false;
}

void tst_GraphqlParser::includeSkip()
{
    QFETCH(QByteArray, field);
    QFETCH(bool, included);
    const Document doc = parseOk(QByteArray("{ " + field + " }"));
    const QJsonObject vars { { QStringLiteral("yes"), true }, { QStringLiteral("no"), false } };
    QCOMPARE(shouldInclude(doc.operations.front().selectionSet.front().directives, vars), included);
}

void tst_GraphqlParser::documentLookup()
{
    const Document doc = parseOk("query A { a } query B { b } fragment F on T { f }");
    QVERIFY(!doc.operation());
    QCOMPARE(doc.operation(QStringLiteral("B"))->selectionSet.front().name, QStringLiteral("b"));
    QVERIFY(!doc.operation(QStringLiteral("C")));
    QCOMPARE(doc.fragment(QStringLiteral("F"))->typeCondition, QStringLiteral("T"));
    QVERIFY(!doc.fragment(QStringLiteral("G")));
    QVERIFY(parseOk("{ a }").operation());
}

namespace {

// Either a document or exactly one located error; a parsed document must print to text
// that parses again and prints identically.
void checkOutcome(const QByteArray &source)
{
    const ParseResult r = parse(QByteArrayView(source));
    if (r.ok()) {
        QVERIFY(!r.document.operations.empty() || !r.document.fragments.empty());
        const QString printed = print(r.document);
        const ParseResult again = parse(printed);
        QVERIFY2(again.ok(), source.constData());
        QCOMPARE(print(again.document), printed);
    } else {
        QCOMPARE(r.errors.size(), size_t(1));
        QVERIFY(r.errors.front().message.startsWith(QLatin1String("Syntax Error: ")));
        QVERIFY(r.errors.front().line >= 1);
        QVERIFY(r.errors.front().column >= 1);
    }
    const ValueParseResult v = parseValue(QByteArrayView(source));
    QVERIFY(v.ok() || v.errors.size() == 1);
}

} // namespace

void tst_GraphqlParser::fuzzRandomBytes()
{
    QRandomGenerator rng(20240611);
    // Random bytes biased towards GraphQL punctuation so the parser gets past the first token.
    static const char alphabet[] = "{}()[]:$@!=.\"\\ \n,#abconqueryfragment0123456789-eE_u\xC3\xA9\xFF";
    for (int i = 0; i < 3000; ++i) {
        const int length = rng.bounded(64);
        QByteArray source;
        source.reserve(length);
        const bool anyByte = i % 4 == 0;
        for (int j = 0; j < length; ++j) {
            source.append(anyByte ? char(rng.bounded(256)) : alphabet[rng.bounded(int(sizeof(alphabet) - 1))]);
        }
        checkOutcome(source);
        if (QTest::currentTestFailed())
            QFAIL(source.toHex().constData());
    }
}

void tst_GraphqlParser::fuzzTruncationsAndMutations()
{
    QRandomGenerator rng(7);
    static const char inserts[] = "{}()[]:$@!=.\"#\n ";
    for (const QByteArray &doc : validDocuments) {
        checkOutcome(doc);
        for (qsizetype cut = 0; cut <= doc.size(); ++cut) {
            checkOutcome(doc.left(cut));
            if (QTest::currentTestFailed())
                QFAIL(doc.left(cut).constData());
        }
        for (int i = 0; i < 500; ++i) {
            QByteArray mutated = doc;
            for (int m = 0, n = 1 + rng.bounded(3); m < n; ++m) {
                const qsizetype at = rng.bounded(int(mutated.size()));
                switch (rng.bounded(3)) {
                case 0:
                    mutated.remove(at, 1 + rng.bounded(4));
                    break;
                case 1:
                    mutated.insert(at, inserts[rng.bounded(int(sizeof(inserts) - 1))]);
                    break;
                default:
                    mutated[at] = char(rng.bounded(256));
                    break;
                }
            }
            checkOutcome(mutated);
            if (QTest::currentTestFailed())
                QFAIL(mutated.constData());
        }
    }
}

QTEST_GUILESS_MAIN(tst_GraphqlParser)
#include "tst_graphqlparser.moc"
