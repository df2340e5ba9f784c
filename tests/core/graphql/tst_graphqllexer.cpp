#include "core/graphql/lexer.h"

#include <QtTest>

#include <vector>

using namespace trefoil::graphql;

// Lexer unit tests: every token kind, number/string rules, block strings, unicode escapes
// and the exact graphql-js error messages with their positions.
class tst_GraphqlLexer final : public QObject {
    Q_OBJECT

private slots:
    void punctuators();
    void ignoredTokens();
    void names();
    void numbers_data();
    void numbers();
    void strings_data();
    void strings();
    void blockStrings_data();
    void blockStrings();
    void errors_data();
    void errors();
    void locations();
    void blockStringLocations();
};

namespace {

std::vector<Token> lexAll(QByteArrayView source)
{
    Lexer lexer(source);
    std::vector<Token> tokens;
    for (;;) {
        tokens.push_back(lexer.next());
        const TokenKind k = tokens.back().kind;
        if (k == TokenKind::Eof || k == TokenKind::Error)
            return tokens;
    }
}

Token lexOne(QByteArrayView source)
{
    return Lexer(source).next();
}

} // namespace

void tst_GraphqlLexer::punctuators()
{
    const QByteArray source("! $ & ( ) ... : = @ [ ] { | }");
    const std::vector<TokenKind> expected { TokenKind::Bang, TokenKind::Dollar, TokenKind::Amp, TokenKind::ParenL,
        TokenKind::ParenR, TokenKind::Spread, TokenKind::Colon, TokenKind::Equals, TokenKind::At, TokenKind::BracketL,
        TokenKind::BracketR, TokenKind::BraceL, TokenKind::Pipe, TokenKind::BraceR, TokenKind::Eof };
    const std::vector<Token> tokens = lexAll(source);
    QCOMPARE(tokens.size(), expected.size());
    for (size_t i = 0; i < tokens.size(); ++i)
        QCOMPARE(int(tokens[i].kind), int(expected[i]));
    QCOMPARE(tokens[5].raw, QByteArrayView("..."));
    QCOMPARE(tokens[5].column, 11);
}

void tst_GraphqlLexer::ignoredTokens()
{
    // BOM, commas, tabs, CR/LF/CRLF and comments are all insignificant.
    const QByteArray source("\xEF\xBB\xBF,,\t# comment { not a token\r\n  a,b # trailing\rc\n\xEF\xBB\xBF d");
    const std::vector<Token> tokens = lexAll(source);
    QCOMPARE(tokens.size(), size_t(5));
    QCOMPARE(tokens[0].raw, QByteArrayView("a"));
    QCOMPARE(tokens[0].line, 2);
    QCOMPARE(tokens[0].column, 3);
    QCOMPARE(tokens[1].raw, QByteArrayView("b"));
    QCOMPARE(tokens[2].raw, QByteArrayView("c"));
    QCOMPARE(tokens[2].line, 3);
    QCOMPARE(tokens[2].column, 1);
    QCOMPARE(tokens[3].raw, QByteArrayView("d"));
    QCOMPARE(tokens[3].line, 4);
    QCOMPARE(int(tokens[4].kind), int(TokenKind::Eof));
}

void tst_GraphqlLexer::names()
{
    const std::vector<Token> tokens = lexAll("_ a1 __typename Z_9z");
    QCOMPARE(tokens.size(), size_t(5));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(int(tokens[i].kind), int(TokenKind::Name));
    QCOMPARE(tokens[2].raw, QByteArrayView("__typename"));
    QCOMPARE(tokens[3].raw, QByteArrayView("Z_9z"));
}

void tst_GraphqlLexer::numbers_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<bool>("isFloat");
    QTest::newRow("zero") << QByteArray("0") << false;
    QTest::newRow("negative zero") << QByteArray("-0") << false;
    QTest::newRow("int") << QByteArray("1234567890") << false;
    QTest::newRow("negative int") << QByteArray("-42") << false;
    QTest::newRow("fraction") << QByteArray("4.123") << true;
    QTest::newRow("zero fraction") << QByteArray("-0.5") << true;
    QTest::newRow("exponent") << QByteArray("123e4") << true;
    QTest::newRow("exponent sign") << QByteArray("1E+10") << true;
    QTest::newRow("negative exponent") << QByteArray("1.5e-3") << true;
    QTest::newRow("zero exponent") << QByteArray("0e0") << true;
}

void tst_GraphqlLexer::numbers()
{
    QFETCH(QByteArray, source);
    QFETCH(bool, isFloat);
    const std::vector<Token> tokens = lexAll(source);
    QCOMPARE(tokens.size(), size_t(2));
    QCOMPARE(int(tokens[0].kind), int(isFloat ? TokenKind::Float : TokenKind::Int));
    QCOMPARE(tokens[0].raw, QByteArrayView(source));
}

void tst_GraphqlLexer::strings_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("value");
    QTest::newRow("empty") << QByteArray(R"("")") << QString();
    QTest::newRow("simple") << QByteArray(R"("simple")") << QStringLiteral("simple");
    QTest::newRow("whitespace") << QByteArray(R"(" white space ")") << QStringLiteral(" white space ");
    QTest::newRow("quote") << QByteArray(R"("quote \"")") << QStringLiteral("quote \"");
    QTest::newRow("escapes") << QByteArray(R"("\\ \/ \b \f \n \r \t")") << QStringLiteral("\\ / \b \f \n \r \t");
    QTest::newRow("utf8 source") << QByteArray("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"")
                                 << QString::fromUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80");
    QTest::newRow("fixed unicode") << QByteArray(R"("\u00e9\u00C9x")") << QString::fromUtf8("\xC3\xA9\xC3\x89x");
    QTest::newRow("variable unicode") << QByteArray(R"("\u{1F600}\u{41}\u{0000000041}")")
                                      << QString::fromUtf8("\xF0\x9F\x98\x80"
                                                           "AA");
    QTest::newRow("surrogate pair") << QByteArray(R"("\uD83D\uDE00!")") << QString::fromUtf8("\xF0\x9F\x98\x80!");
    QTest::newRow("max code point") << QByteArray(R"("\u{10FFFF}")") << QString::fromUcs4(U"\U0010FFFF");
    QTest::newRow("nul") << QByteArray(R"("\u0000")") << QString(QChar(0));
    QTest::newRow("hash is not a comment") << QByteArray(R"("# x")") << QStringLiteral("# x");
}

void tst_GraphqlLexer::strings()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, value);
    const Token t = lexOne(source);
    QCOMPARE(int(t.kind), int(TokenKind::String));
    QCOMPARE(t.value, value);
    QCOMPARE(t.raw, QByteArrayView(source));
}

void tst_GraphqlLexer::blockStrings_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("value");
    // The example from the spec's BlockStringValue section.
    QTest::newRow("spec example") << QByteArray(
        "\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"")
                                  << QStringLiteral("Hello,\n  World!\n\nYours,\n  GraphQL.");
    QTest::newRow("simple") << QByteArray(R"("""simple""")") << QStringLiteral("simple");
    QTest::newRow("white space") << QByteArray(R"("""  white space  """)") << QStringLiteral("  white space  ");
    QTest::newRow("escaped triple quote")
        << QByteArray(R"("""contains \""" triple quote""")") << QStringLiteral("contains \"\"\" triple quote");
    QTest::newRow("escapes are raw") << QByteArray(R"("""unescaped \n\r\b\t\f\u1234""")")
                                     << QStringLiteral("unescaped \\n\\r\\b\\t\\f\\u1234");
    QTest::newRow("slashes") << QByteArray(R"("""slashes \\ \/""")") << QStringLiteral("slashes \\\\ \\/");
    QTest::newRow("quotes") << QByteArray(R"(""""quoted" and "" """)") << QStringLiteral("\"quoted\" and \"\" ");
    QTest::newRow("multi-line") << QByteArray("\"\"\"multi\nline\"\"\"") << QStringLiteral("multi\nline");
    QTest::newRow("crlf normalised") << QByteArray("\"\"\"multi\r\nline\r\nnormalized\"\"\"")
                                     << QStringLiteral("multi\nline\nnormalized");
    QTest::newRow("cr normalised") << QByteArray("\"\"\"a\rb\"\"\"") << QStringLiteral("a\nb");
    QTest::newRow("first line keeps indent")
        << QByteArray("\"\"\"  first\n    second\n      third\"\"\"") << QStringLiteral("  first\nsecond\n  third");
    QTest::newRow("blank edge lines removed")
        << QByteArray("\"\"\"\n\n   \n  spans\n    lines\n \t \n\n\"\"\"") << QStringLiteral("spans\n  lines");
    QTest::newRow("whitespace-only lines do not set indent")
        << QByteArray("\"\"\"\n    a\n  \n    b\n\"\"\"") << QStringLiteral("a\n\nb");
    QTest::newRow("tabs count as indent") << QByteArray("\"\"\"\n\t\ta\n\t\t\tb\n\"\"\"") << QStringLiteral("a\n\tb");
    QTest::newRow("empty") << QByteArray(R"("""""")") << QString();
    QTest::newRow("only blank lines") << QByteArray("\"\"\"\n   \n\n\"\"\"") << QString();
    QTest::newRow("unicode") << QByteArray("\"\"\"\n  \xE2\x82\xAC\n\"\"\"") << QString::fromUtf8("\xE2\x82\xAC");
}

void tst_GraphqlLexer::blockStrings()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, value);
    const std::vector<Token> tokens = lexAll(source);
    QCOMPARE(tokens.size(), size_t(2));
    QCOMPARE(int(tokens[0].kind), int(TokenKind::BlockString));
    QCOMPARE(tokens[0].value, value);
}

void tst_GraphqlLexer::errors_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const auto row = [](const char *name, const QByteArray &source, const char *message, int line, int column) {
        QTest::newRow(name) << source << QString::fromUtf8(message) << line << column;
    };
    row("leading zero", "00", "Invalid number, unexpected digit after 0: \"0\".", 1, 2);
    row("leading zero 2", "-01", "Invalid number, unexpected digit after 0: \"1\".", 1, 3);
    row("dot eof", "1.", "Invalid number, expected digit but got: <EOF>.", 1, 3);
    row("dot exponent", "1.e1", "Invalid number, expected digit but got: \"e\".", 1, 3);
    row("leading dot", ".123", "Unexpected character: \".\".", 1, 1);
    row("exponent eof", "1e", "Invalid number, expected digit but got: <EOF>.", 1, 3);
    row("exponent sign eof", "1.0e+", "Invalid number, expected digit but got: <EOF>.", 1, 6);
    row("minus alone", "-", "Invalid number, expected digit but got: <EOF>.", 1, 2);
    row("minus letter", "-A", "Invalid number, expected digit but got: \"A\".", 1, 2);
    row("name after int", "123abc", "Invalid number, expected digit but got: \"a\".", 1, 4);
    row("underscore after int", "1_000", "Invalid number, expected digit but got: \"_\".", 1, 2);
    row("hex", "0xF1", "Invalid number, expected digit but got: \"x\".", 1, 2);
    row("two dots", "1.2.3", "Invalid number, expected digit but got: \".\".", 1, 4);
    row("name after float", "1.23f", "Invalid number, expected digit but got: \"f\".", 1, 5);
    row("unterminated", "\"no end", "Unterminated string.", 1, 8);
    row("newline in string", "\"multi\nline\"", "Unterminated string.", 1, 7);
    row("cr in string", "\"multi\rline\"", "Unterminated string.", 1, 7);
    row("bad escape", R"("bad \z esc")", "Invalid character escape sequence: \"\\z\".", 1, 6);
    row("bad escape x", R"("bad \x esc")", "Invalid character escape sequence: \"\\x\".", 1, 6);
    row("short unicode", R"("bad \u1 esc")", "Invalid Unicode escape sequence: \"\\u1 es\".", 1, 6);
    row("non-hex unicode", R"("bad \uXXXF esc")", "Invalid Unicode escape sequence: \"\\uXXXF\".", 1, 6);
    row("lone lead surrogate", R"("\uD83D")", "Invalid Unicode escape sequence: \"\\uD83D\".", 1, 2);
    row("lone trail surrogate", R"("\uDE00")", "Invalid Unicode escape sequence: \"\\uDE00\".", 1, 2);
    row("lead then non-trail", R"("\uD83D\u0041")", "Invalid Unicode escape sequence: \"\\uD83D\".", 1, 2);
    row("braced surrogate", R"("\u{D800}")", "Invalid Unicode escape sequence: \"\\u{D800}\".", 1, 2);
    row("braced too big", R"("\u{110000}")", "Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 2);
    row("braced empty", R"("\u{}")", "Invalid Unicode escape sequence: \"\\u{}\".", 1, 2);
    row("braced unterminated", R"("\u{12 ")", "Invalid Unicode escape sequence: \"\\u{12 \".", 1, 2);
    row("invalid utf8 in string", "\"a\xFF\"", "Invalid character within String: 0xFF.", 1, 3);
    row("overlong utf8 in string", "\"\xC0\xAF\"", "Invalid character within String: 0xC0.", 1, 2);
    row("encoded surrogate", "\"\xED\xA0\x80\"", "Invalid character within String: 0xED.", 1, 2);
    row("unterminated block", "\"\"\"abc\n  def", "Unterminated string.", 2, 6);
    row("invalid utf8 in block", "\"\"\"\xFE\"\"\"", "Invalid character within String: 0xFE.", 1, 4);
    row("question mark", "?", "Unexpected character: \"?\".", 1, 1);
    row("bell", "\x07", "Unexpected character: U+0007.", 1, 1);
    row("non-ascii", "\xC3\xA9", "Unexpected character: U+00E9.", 1, 1);
    row("invalid utf8", "\xFF", "Invalid UTF-8 byte: 0xFF.", 1, 1);
    row("single quote", "'x'", "Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 1);
    row("two dots", "..", "Unexpected character: \".\".", 1, 1);
}

void tst_GraphqlLexer::errors()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const std::vector<Token> tokens = lexAll(source);
    const Token &t = tokens.back();
    QCOMPARE(int(t.kind), int(TokenKind::Error));
    QCOMPARE(t.value, QStringLiteral("Syntax Error: ") + message);
    QCOMPARE(t.line, line);
    QCOMPARE(t.column, column);
    // After an error the lexer is parked at the end instead of producing garbage.
    Lexer lexer(source);
    while (lexer.next().kind != TokenKind::Error) { }
    QCOMPARE(int(lexer.next().kind), int(TokenKind::Eof));
}

void tst_GraphqlLexer::locations()
{
    // Columns count UTF-16 code units: é is one, the emoji two.
    const QByteArray source("\"\xC3\xA9\" x\n  \"\xF0\x9F\x98\x80\" y # \xE2\x82\xAC\n\tz");
    const std::vector<Token> tokens = lexAll(source);
    QCOMPARE(tokens.size(), size_t(6));
    QCOMPARE(tokens[1].raw, QByteArrayView("x"));
    QCOMPARE(tokens[1].line, 1);
    QCOMPARE(tokens[1].column, 5);
    QCOMPARE(tokens[2].line, 2);
    QCOMPARE(tokens[2].column, 3);
    QCOMPARE(tokens[3].raw, QByteArrayView("y"));
    QCOMPARE(tokens[3].column, 8);
    QCOMPARE(tokens[4].line, 3);
    QCOMPARE(tokens[4].column, 2);
}

void tst_GraphqlLexer::blockStringLocations()
{
    const std::vector<Token> tokens = lexAll("a \"\"\"x\r\ny\n\"\"\" b");
    QCOMPARE(tokens.size(), size_t(4));
    QCOMPARE(tokens[1].line, 1);
    QCOMPARE(tokens[1].column, 3);
    QCOMPARE(tokens[1].value, QStringLiteral("x\ny"));
    QCOMPARE(tokens[2].line, 3);
    QCOMPARE(tokens[2].column, 5);
}

QTEST_GUILESS_MAIN(tst_GraphqlLexer)
#include "tst_graphqllexer.moc"
