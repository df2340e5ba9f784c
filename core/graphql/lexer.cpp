#include "core/graphql/lexer.h"

#include <vector>

namespace trefoil::graphql {

namespace {

bool isNameStart(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isDigit(uchar c)
{
    return c >= '0' && c <= '9';
}

bool isNameContinue(uchar c)
{
    return isNameStart(c) || isDigit(c);
}

int hexValue(uchar c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isScalarValue(char32_t cp)
{
    return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

QString codePointName(char32_t cp)
{
    return QStringLiteral("U+") + QString::number(uint(cp), 16).toUpper().rightJustified(4, u'0');
}

QString quoted(QByteArrayView utf8)
{
    return QLatin1Char('"') + QString::fromUtf8(utf8) + QLatin1Char('"');
}

} // namespace

QString tokenKindDescription(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Eof:
        return QStringLiteral("<EOF>");
    case TokenKind::Bang:
        return QStringLiteral("\"!\"");
    case TokenKind::Dollar:
        return QStringLiteral("\"$\"");
    case TokenKind::Amp:
        return QStringLiteral("\"&\"");
    case TokenKind::ParenL:
        return QStringLiteral("\"(\"");
    case TokenKind::ParenR:
        return QStringLiteral("\")\"");
    case TokenKind::Spread:
        return QStringLiteral("\"...\"");
    case TokenKind::Colon:
        return QStringLiteral("\":\"");
    case TokenKind::Equals:
        return QStringLiteral("\"=\"");
    case TokenKind::At:
        return QStringLiteral("\"@\"");
    case TokenKind::BracketL:
        return QStringLiteral("\"[\"");
    case TokenKind::BracketR:
        return QStringLiteral("\"]\"");
    case TokenKind::BraceL:
        return QStringLiteral("\"{\"");
    case TokenKind::Pipe:
        return QStringLiteral("\"|\"");
    case TokenKind::BraceR:
        return QStringLiteral("\"}\"");
    case TokenKind::Name:
        return QStringLiteral("Name");
    case TokenKind::Int:
        return QStringLiteral("Int");
    case TokenKind::Float:
        return QStringLiteral("Float");
    case TokenKind::String:
        return QStringLiteral("String");
    case TokenKind::BlockString:
        return QStringLiteral("BlockString");
    case TokenKind::Error:
        return QStringLiteral("<error>");
    }
    return {};
}

QString tokenDescription(const Token &token)
{
    switch (token.kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
        return tokenKindDescription(token.kind) + QLatin1Char(' ') + quoted(token.raw);
    case TokenKind::String:
    case TokenKind::BlockString:
        return tokenKindDescription(token.kind) + QStringLiteral(" \"") + token.value + QLatin1Char('"');
    default:
        return tokenKindDescription(token.kind);
    }
}

Lexer::Lexer(QByteArrayView source)
    : m_src(source)
{
}

void Lexer::newLine(qsizetype lineStart)
{
    ++m_line;
    m_lineStart = lineStart;
}

int Lexer::columnAt(qsizetype pos)
{
    if (m_colPos < m_lineStart || m_colPos > pos) {
        m_colPos = m_lineStart;
        m_colUnits = 0;
    }
    for (; m_colPos < pos; ++m_colPos) {
        const uchar c = uchar(m_src[m_colPos]);
        // Continuation bytes add nothing; 4-byte sequences are surrogate pairs in UTF-16.
        if ((c & 0xC0) != 0x80)
            m_colUnits += c >= 0xF0 ? 2 : 1;
    }
    return m_colUnits + 1;
}

Token Lexer::make(TokenKind kind, qsizetype start, qsizetype end)
{
    Token t;
    t.kind = kind;
    t.line = m_line;
    t.column = columnAt(start);
    t.offset = start;
    t.raw = m_src.sliced(start, end - start);
    m_pos = end;
    return t;
}

Token Lexer::error(qsizetype pos, const QString &message)
{
    Token t;
    t.kind = TokenKind::Error;
    t.line = m_line;
    t.column = columnAt(pos);
    t.offset = pos;
    t.value = QStringLiteral("Syntax Error: ") + message;
    // Park at the end so a caller that keeps pulling sees Eof instead of looping.
    m_pos = m_src.size();
    return t;
}

int Lexer::utf8Length(qsizetype pos, char32_t *codePoint) const
{
    const uchar c = at(pos);
    int len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
        len = 1;
        cp = c;
    } else if (c >= 0xC2 && c < 0xE0) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c < 0xF0) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c < 0xF5) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (pos + len > m_src.size())
        return 0;
    for (int i = 1; i < len; ++i) {
        const uchar cc = uchar(m_src[pos + i]);
        if ((cc & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not Unicode scalar values.
    static constexpr char32_t minimum[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (cp < minimum[len] || !isScalarValue(cp))
        return 0;
    if (codePoint)
        *codePoint = cp;
    return len;
}

QString Lexer::printCharAt(qsizetype pos) const
{
    if (pos >= m_src.size())
        return QStringLiteral("<EOF>");
    const uchar c = uchar(m_src[pos]);
    if (c >= 0x20 && c < 0x7F)
        return c == '"' ? QStringLiteral("'\"'") : quoted(m_src.sliced(pos, 1));
    char32_t cp = c;
    if (c >= 0x80 && utf8Length(pos, &cp) == 0)
        return QStringLiteral("0x") + QString::number(c, 16).toUpper();
    return codePointName(cp);
}

Token Lexer::unexpectedCharacter(qsizetype pos)
{
    if (at(pos) == '\'') {
        return error(pos,
            QStringLiteral("Unexpected single quote character ('), did you mean "
                           "to use a double quote (\")?"));
    }
    if (at(pos) >= 0x80 && utf8Length(pos) == 0)
        return error(pos, QStringLiteral("Invalid UTF-8 byte: ") + printCharAt(pos) + u'.');
    return error(pos, QStringLiteral("Unexpected character: ") + printCharAt(pos) + u'.');
}

Token Lexer::next()
{
    const qsizetype n = m_src.size();
    qsizetype p = m_pos;
    // Ignored tokens: whitespace, line terminators, commas, comments and the BOM.
    while (p < n) {
        const uchar c = uchar(m_src[p]);
        if (c == ' ' || c == '\t' || c == ',') {
            ++p;
        } else if (c == '\n') {
            newLine(++p);
        } else if (c == '\r') {
            p += at(p + 1) == '\n' ? 2 : 1;
            newLine(p);
        } else if (c == '#') {
            while (p < n && m_src[p] != '\n' && m_src[p] != '\r')
                ++p;
        } else if (c == 0xEF && at(p + 1) == 0xBB && at(p + 2) == 0xBF) {
            p += 3;
        } else {
            break;
        }
    }
    if (p >= n)
        return make(TokenKind::Eof, n, n);

    const uchar c = uchar(m_src[p]);
    switch (c) {
    case '!':
        return make(TokenKind::Bang, p, p + 1);
    case '$':
        return make(TokenKind::Dollar, p, p + 1);
    case '&':
        return make(TokenKind::Amp, p, p + 1);
    case '(':
        return make(TokenKind::ParenL, p, p + 1);
    case ')':
        return make(TokenKind::ParenR, p, p + 1);
    case ':':
        return make(TokenKind::Colon, p, p + 1);
    case '=':
        return make(TokenKind::Equals, p, p + 1);
    case '@':
        return make(TokenKind::At, p, p + 1);
    case '[':
        return make(TokenKind::BracketL, p, p + 1);
    case ']':
        return make(TokenKind::BracketR, p, p + 1);
    case '{':
        return make(TokenKind::BraceL, p, p + 1);
    case '|':
        return make(TokenKind::Pipe, p, p + 1);
    case '}':
        return make(TokenKind::BraceR, p, p + 1);
    case '.':
        if (at(p + 1) == '.' && at(p + 2) == '.')
            return make(TokenKind::Spread, p, p + 3);
        return unexpectedCharacter(p);
    case '"':
        if (at(p + 1) == '"' && at(p + 2) == '"')
            return readBlockString(p);
        return readString(p);
    default:
        break;
    }
    if (c == '-' || isDigit(c))
        return readNumber(p);
    if (isNameStart(c)) {
        qsizetype e = p + 1;
        while (e < n && isNameContinue(uchar(m_src[e])))
            ++e;
        return make(TokenKind::Name, p, e);
    }
    return unexpectedCharacter(p);
}

Token Lexer::readNumber(qsizetype start)
{
    qsizetype p = start;
    bool isFloat = false;
    const auto digits = [this](qsizetype &q) {
        if (!isDigit(at(q)) || q >= m_src.size())
            return false;
        while (q < m_src.size() && isDigit(uchar(m_src[q])))
            ++q;
        return true;
    };
    const auto expectedDigit = [this](qsizetype q) {
        return error(q, QStringLiteral("Invalid number, expected digit but got: ") + printCharAt(q) + u'.');
    };

    if (at(p) == '-')
        ++p;
    if (at(p) == '0' && p < m_src.size()) {
        ++p;
        if (p < m_src.size() && isDigit(at(p))) {
            return error(p, QStringLiteral("Invalid number, unexpected digit after 0: ") + printCharAt(p) + u'.');
        }
    } else if (!digits(p)) {
        return expectedDigit(p);
    }
    if (p < m_src.size() && at(p) == '.') {
        isFloat = true;
        ++p;
        if (!digits(p))
            return expectedDigit(p);
    }
    if (p < m_src.size() && (at(p) == 'e' || at(p) == 'E')) {
        isFloat = true;
        ++p;
        if (at(p) == '+' || at(p) == '-')
            ++p;
        if (!digits(p))
            return expectedDigit(p);
    }
    // `1.2.3`, `0x1F` and `123abc` must not lex as a number followed by something else.
    if (p < m_src.size() && (at(p) == '.' || isNameStart(at(p))))
        return expectedDigit(p);
    return make(isFloat ? TokenKind::Float : TokenKind::Int, start, p);
}

Token Lexer::readString(qsizetype start)
{
    const qsizetype n = m_src.size();
    qsizetype p = start + 1;
    qsizetype chunk = p;
    QByteArray buffer; // only used once an escape forces decoding
    bool escaped = false;

    while (p < n) {
        const uchar c = uchar(m_src[p]);
        if (c == '"') {
            Token t = make(TokenKind::String, start, p + 1);
            if (escaped) {
                buffer.append(m_src.sliced(chunk, p - chunk));
                t.value = QString::fromUtf8(buffer);
            } else {
                t.value = QString::fromUtf8(m_src.sliced(chunk, p - chunk));
            }
            return t;
        }
        if (c == '\n' || c == '\r')
            break;
        if (c < 0x80) {
            if (c != '\\') {
                ++p;
                continue;
            }
        } else {
            const int len = utf8Length(p);
            if (len == 0) {
                return error(p, QStringLiteral("Invalid character within String: ") + printCharAt(p) + u'.');
            }
            p += len;
            continue;
        }

        // Escape sequence.
        buffer.append(m_src.sliced(chunk, p - chunk));
        escaped = true;
        const uchar e = at(p + 1);
        if (p + 1 >= n)
            break;
        char simple = 0;
        switch (e) {
        case '"':
            simple = '"';
            break;
        case '\\':
            simple = '\\';
            break;
        case '/':
            simple = '/';
            break;
        case 'b':
            simple = '\b';
            break;
        case 'f':
            simple = '\f';
            break;
        case 'n':
            simple = '\n';
            break;
        case 'r':
            simple = '\r';
            break;
        case 't':
            simple = '\t';
            break;
        default:
            break;
        }
        if (simple) {
            buffer.append(simple);
            p += 2;
            chunk = p;
            continue;
        }
        if (e != 'u') {
            const int len = e >= 0x80 ? qMax(utf8Length(p + 1), 1) : 1;
            return error(
                p, QStringLiteral("Invalid character escape sequence: ") + quoted(m_src.sliced(p, 1 + len)) + u'.');
        }

        char32_t cp = 0;
        qsizetype size = 0;
        if (at(p + 2) == '{') {
            // \u{...}: any number of hex digits, but the value must stay a scalar value.
            qsizetype q = p + 3;
            bool ok = false;
            while (q < n) {
                const uchar h = uchar(m_src[q]);
                if (h == '}') {
                    ok = q > p + 3 && isScalarValue(cp);
                    ++q;
                    break;
                }
                const int v = hexValue(h);
                if (v < 0 || cp > 0x10FFFF) {
                    ++q;
                    break;
                }
                cp = (cp << 4) | char32_t(v);
                ++q;
            }
            if (!ok || cp > 0x10FFFF) {
                const qsizetype end = qMin(q, n);
                return error(
                    p, QStringLiteral("Invalid Unicode escape sequence: ") + quoted(m_src.sliced(p, end - p)) + u'.');
            }
            size = q - p;
        } else {
            const auto read16 = [this](qsizetype q) {
                int v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(at(q + i));
                    if (h < 0 || q + i >= m_src.size())
                        return -1;
                    v = (v << 4) | h;
                }
                return v;
            };
            const int lead = read16(p + 2);
            size = 6;
            if (lead >= 0xD800 && lead <= 0xDBFF && at(p + 6) == '\\' && at(p + 7) == 'u') {
                const int trail = read16(p + 8);
                if (trail >= 0xDC00 && trail <= 0xDFFF) {
                    cp = 0x10000 + ((char32_t(lead) - 0xD800) << 10) + (char32_t(trail) - 0xDC00);
                    size = 12;
                }
            }
            if (size == 6) {
                if (lead < 0 || !isScalarValue(char32_t(lead))) {
                    return error(p,
                        QStringLiteral("Invalid Unicode escape sequence: ")
                            + quoted(m_src.sliced(p, qMin<qsizetype>(6, n - p))) + u'.');
                }
                cp = char32_t(lead);
            }
        }
        appendUtf8(buffer, cp);
        p += size;
        chunk = p;
    }
    return error(p, QStringLiteral("Unterminated string."));
}

Token Lexer::readBlockString(qsizetype start)
{
    const qsizetype n = m_src.size();
    // The token's location is its start, which is on the current line: take it now.
    Token t;
    t.kind = TokenKind::BlockString;
    t.line = m_line;
    t.column = columnAt(start);
    t.offset = start;

    qsizetype p = start + 3;
    qsizetype chunk = p;
    QByteArray buffer;
    bool escaped = false;
    while (p < n) {
        const uchar c = uchar(m_src[p]);
        if (c == '"' && at(p + 1) == '"' && at(p + 2) == '"' && p + 2 < n) {
            QByteArrayView raw = m_src.sliced(chunk, p - chunk);
            if (escaped) {
                buffer.append(raw);
                raw = buffer;
            }
            t.value = blockStringValue(raw);
            t.raw = m_src.sliced(start, p + 3 - start);
            m_pos = p + 3;
            return t;
        }
        if (c == '\\' && at(p + 1) == '"' && at(p + 2) == '"' && at(p + 3) == '"' && p + 3 < n) {
            buffer.append(m_src.sliced(chunk, p - chunk));
            buffer.append("\"\"\"");
            escaped = true;
            p += 4;
            chunk = p;
        } else if (c == '\n') {
            newLine(++p);
        } else if (c == '\r') {
            p += at(p + 1) == '\n' ? 2 : 1;
            newLine(p);
        } else if (c < 0x80) {
            ++p;
        } else {
            const int len = utf8Length(p);
            if (len == 0) {
                return error(p, QStringLiteral("Invalid character within String: ") + printCharAt(p) + u'.');
            }
            p += len;
        }
    }
    return error(p, QStringLiteral("Unterminated string."));
}

QString Lexer::blockStringValue(QByteArrayView raw)
{
    std::vector<QByteArrayView> lines;
    qsizetype s = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\n' || raw[i] == '\r') {
            lines.push_back(raw.sliced(s, i - s));
            if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')
                ++i;
            s = i + 1;
        }
    }
    lines.push_back(raw.sliced(s));

    const auto indentOf = [](QByteArrayView line) {
        qsizetype i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        return i;
    };
    qsizetype common = -1;
    for (size_t i = 1; i < lines.size(); ++i) {
        const qsizetype indent = indentOf(lines[i]);
        if (indent < lines[i].size() && (common < 0 || indent < common))
            common = indent;
    }
    if (common > 0) {
        for (size_t i = 1; i < lines.size(); ++i)
            lines[i] = lines[i].sliced(qMin(common, lines[i].size()));
    }
    size_t first = 0;
    size_t last = lines.size();
    while (first < last && indentOf(lines[first]) == lines[first].size())
        ++first;
    while (last > first && indentOf(lines[last - 1]) == lines[last - 1].size())
        --last;

    QByteArray out;
    out.reserve(raw.size());
    for (size_t i = first; i < last; ++i) {
        if (i > first)
            out.append('\n');
        out.append(lines[i]);
    }
    return QString::fromUtf8(out);
}

} // namespace trefoil::graphql
