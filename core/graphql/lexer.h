#pragma once

#include <QByteArrayView>
#include <QString>

namespace trefoil::graphql {

enum class TokenKind : quint8 {
    Eof,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Error
};

// One lexical token; raw views into the source so names and numbers cost no allocation.
struct Token {
    TokenKind kind = TokenKind::Eof;
    int line = 1;
    int column = 1;
    qsizetype offset = 0; // byte offset of the first character
    QByteArrayView raw; // source bytes of the token
    QString value; // decoded String/BlockString value, or the Error message
};

// How graphql-js names a token kind in error messages: `"{"`, `Name`, `<EOF>`, ...
QString tokenKindDescription(TokenKind kind);
// The kind plus its value for value-carrying tokens: `Name "foo"`, `"}"`.
QString tokenDescription(const Token &token);

// Splits UTF-8 GraphQL source into tokens on demand, so the parser never buffers a token
// list; invalid input yields one Error token whose value is the graphql-js style message.
class Lexer {
public:
    explicit Lexer(QByteArrayView source);

    // Skips ignored tokens (whitespace, commas, comments, BOM); Eof at the end.
    Token next();

    // The spec's BlockStringValue(): strips common indentation and blank edge lines.
    static QString blockStringValue(QByteArrayView rawUtf8);

private:
    Token make(TokenKind kind, qsizetype start, qsizetype end);
    Token error(qsizetype pos, const QString &message);
    Token readNumber(qsizetype start);
    Token readString(qsizetype start);
    Token readBlockString(qsizetype start);
    Token unexpectedCharacter(qsizetype pos);
    // Non-zero length of a valid UTF-8 sequence at pos; 0 when invalid.
    int utf8Length(qsizetype pos, char32_t *codePoint = nullptr) const;
    QString printCharAt(qsizetype pos) const;
    int columnAt(qsizetype pos);
    void newLine(qsizetype lineStart);
    uchar at(qsizetype pos) const { return pos < m_src.size() ? uchar(m_src[pos]) : 0; }

    QByteArrayView m_src;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    // Column cache: tokens arrive in order, so counting resumes where it stopped and a
    // long single-line document stays linear.
    qsizetype m_colPos = 0;
    int m_colUnits = 0;
};

} // namespace trefoil::graphql
