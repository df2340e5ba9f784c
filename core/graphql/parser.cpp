#include "core/graphql/parser.h"

#include "core/graphql/lexer.h"

namespace trefoil::graphql {

namespace {

// Thrown inside the parser only; parse() turns it into a ParseError value. Unwinding keeps
// the recursive descent free of error plumbing, and only the failure path pays for it.
struct Failure {
    ParseError error;
};

// Recursive-descent parser over a pull lexer, one token of lookahead, graphql-js messages.
class Parser {
public:
    Parser(QByteArrayView source, const ParseLimits &limits)
        : m_lexer(source)
        , m_limits(limits)
    {
        advance();
    }

    Document document()
    {
        Document doc;
        do {
            definition(doc);
        } while (m_tok.kind != TokenKind::Eof);
        return doc;
    }

    Value standaloneValue()
    {
        Value v = value(false);
        expect(TokenKind::Eof);
        return v;
    }

private:
    [[noreturn]] void fail(const QString &message, const Token &at)
    {
        throw Failure { ParseError { message, at.line, at.column } };
    }
    [[noreturn]] void unexpected(const Token &at)
    {
        fail(QStringLiteral("Syntax Error: Unexpected ") + tokenDescription(at) + u'.', at);
    }

    void advance()
    {
        m_tok = m_lexer.next();
        if (m_tok.kind == TokenKind::Error)
            fail(m_tok.value, m_tok);
        if (m_tok.kind != TokenKind::Eof && ++m_tokens > m_limits.maxTokens) {
            fail(QStringLiteral("Syntax Error: Document contains more than %1 tokens. "
                                "Parsing aborted.")
                     .arg(m_limits.maxTokens),
                m_tok);
        }
    }

    SourceLocation location() const { return { m_tok.line, m_tok.column }; }
    bool peek(TokenKind kind) const { return m_tok.kind == kind; }
    bool peekKeyword(QLatin1String keyword) const
    {
        return m_tok.kind == TokenKind::Name && m_tok.raw == QByteArrayView(keyword.data(), keyword.size());
    }

    void expect(TokenKind kind)
    {
        if (m_tok.kind != kind) {
            fail(QStringLiteral("Syntax Error: Expected ") + tokenKindDescription(kind) + QStringLiteral(", found ")
                    + tokenDescription(m_tok) + u'.',
                m_tok);
        }
        advance();
    }

    bool skip(TokenKind kind)
    {
        if (m_tok.kind != kind)
            return false;
        advance();
        return true;
    }

    void expectKeyword(QLatin1String keyword)
    {
        if (!peekKeyword(keyword)) {
            fail(QStringLiteral("Syntax Error: Expected \"") + keyword + QStringLiteral("\", found ")
                    + tokenDescription(m_tok) + u'.',
                m_tok);
        }
        advance();
    }

    // Called before every recursive descent, so hostile nesting fails fast at a fixed
    // stack depth instead of overflowing the stack.
    void enter()
    {
        if (++m_depth > m_limits.maxDepth) {
            fail(QStringLiteral("Syntax Error: Document exceeds the maximum nesting depth of %1.")
                     .arg(m_limits.maxDepth),
                m_tok);
        }
    }
    void leave() { --m_depth; }

    QString name()
    {
        if (m_tok.kind != TokenKind::Name)
            expect(TokenKind::Name);
        QString n = QString::fromLatin1(m_tok.raw);
        advance();
        return n;
    }

    void definition(Document &doc)
    {
        if (peek(TokenKind::BraceL)) {
            OperationDefinition op;
            op.location = location();
            op.selectionSet = selectionSet();
            doc.operations.push_back(std::move(op));
            return;
        }
        if (peek(TokenKind::Name)) {
            if (peekKeyword(QLatin1String("query")) || peekKeyword(QLatin1String("mutation"))
                || peekKeyword(QLatin1String("subscription"))) {
                doc.operations.push_back(operation());
                return;
            }
            if (peekKeyword(QLatin1String("fragment"))) {
                doc.fragments.push_back(fragmentDefinition());
                return;
            }
        }
        unexpected(m_tok);
    }

    OperationDefinition operation()
    {
        OperationDefinition op;
        op.location = location();
        op.type = peekKeyword(QLatin1String("query")) ? OperationType::Query
            : peekKeyword(QLatin1String("mutation"))  ? OperationType::Mutation
                                                      : OperationType::Subscription;
        advance();
        if (peek(TokenKind::Name))
            op.name = name();
        if (skip(TokenKind::ParenL)) {
            do {
                op.variables.push_back(variableDefinition());
            } while (!skip(TokenKind::ParenR));
        }
        op.directives = directives(false);
        op.selectionSet = selectionSet();
        return op;
    }

    VariableDefinition variableDefinition()
    {
        VariableDefinition def;
        def.location = location();
        expect(TokenKind::Dollar);
        def.name = name();
        expect(TokenKind::Colon);
        def.type = type();
        if (skip(TokenKind::Equals))
            def.defaultValue = value(true);
        def.directives = directives(true);
        return def;
    }

    TypeRef type()
    {
        TypeRef t;
        t.location = location();
        if (skip(TokenKind::BracketL)) {
            enter();
            t.kind = TypeRef::Kind::List;
            t.ofType.push_back(type());
            expect(TokenKind::BracketR);
            leave();
        } else {
            t.name = name();
        }
        if (peek(TokenKind::Bang)) {
            advance();
            TypeRef wrapped;
            wrapped.kind = TypeRef::Kind::NonNull;
            wrapped.location = t.location;
            wrapped.ofType.push_back(std::move(t));
            return wrapped;
        }
        return t;
    }

    SelectionSet selectionSet()
    {
        SelectionSet set;
        enter();
        expect(TokenKind::BraceL);
        do {
            set.push_back(selection());
        } while (!skip(TokenKind::BraceR));
        leave();
        return set;
    }

    Selection selection()
    {
        Selection s;
        s.location = location();
        if (skip(TokenKind::Spread)) {
            const bool hasTypeCondition = peekKeyword(QLatin1String("on"));
            if (!hasTypeCondition && peek(TokenKind::Name)) {
                s.kind = Selection::Kind::FragmentSpread;
                s.name = name();
                s.directives = directives(false);
                return s;
            }
            s.kind = Selection::Kind::InlineFragment;
            if (hasTypeCondition) {
                advance();
                s.typeCondition = name();
            }
            s.directives = directives(false);
            s.selectionSet = selectionSet();
            return s;
        }
        s.kind = Selection::Kind::Field;
        s.name = name();
        if (skip(TokenKind::Colon)) {
            s.alias = std::move(s.name);
            s.name = name();
        }
        s.arguments = arguments(false);
        s.directives = directives(false);
        if (peek(TokenKind::BraceL))
            s.selectionSet = selectionSet();
        return s;
    }

    std::vector<Argument> arguments(bool isConst)
    {
        std::vector<Argument> args;
        if (!skip(TokenKind::ParenL))
            return args;
        do {
            Argument a;
            a.location = location();
            a.name = name();
            expect(TokenKind::Colon);
            a.value = value(isConst);
            args.push_back(std::move(a));
        } while (!skip(TokenKind::ParenR));
        return args;
    }

    std::vector<Directive> directives(bool isConst)
    {
        std::vector<Directive> dirs;
        while (peek(TokenKind::At)) {
            Directive d;
            d.location = location();
            advance();
            d.name = name();
            d.arguments = arguments(isConst);
            dirs.push_back(std::move(d));
        }
        return dirs;
    }

    FragmentDefinition fragmentDefinition()
    {
        FragmentDefinition f;
        f.location = location();
        expectKeyword(QLatin1String("fragment"));
        if (peekKeyword(QLatin1String("on")))
            unexpected(m_tok);
        f.name = name();
        expectKeyword(QLatin1String("on"));
        f.typeCondition = name();
        f.directives = directives(false);
        f.selectionSet = selectionSet();
        return f;
    }

    Value value(bool isConst)
    {
        Value v;
        v.location = location();
        switch (m_tok.kind) {
        case TokenKind::BracketL:
            v.kind = Value::Kind::List;
            enter();
            advance();
            while (!skip(TokenKind::BracketR))
                v.list.push_back(value(isConst));
            leave();
            return v;
        case TokenKind::BraceL:
            v.kind = Value::Kind::Object;
            enter();
            advance();
            while (!skip(TokenKind::BraceR)) {
                ObjectField f;
                f.location = location();
                f.name = name();
                expect(TokenKind::Colon);
                f.value = value(isConst);
                v.fields.push_back(std::move(f));
            }
            leave();
            return v;
        case TokenKind::Int:
        case TokenKind::Float:
            v.kind = m_tok.kind == TokenKind::Int ? Value::Kind::Int : Value::Kind::Float;
            v.text = QString::fromLatin1(m_tok.raw);
            advance();
            return v;
        case TokenKind::String:
        case TokenKind::BlockString:
            v.kind = Value::Kind::String;
            v.block = m_tok.kind == TokenKind::BlockString;
            v.text = std::move(m_tok.value);
            advance();
            return v;
        case TokenKind::Name:
            if (peekKeyword(QLatin1String("true")) || peekKeyword(QLatin1String("false"))) {
                v.kind = Value::Kind::Boolean;
                v.boolean = m_tok.raw.size() == 4;
            } else if (peekKeyword(QLatin1String("null"))) {
                v.kind = Value::Kind::Null;
            } else {
                v.kind = Value::Kind::Enum;
                v.text = QString::fromLatin1(m_tok.raw);
            }
            advance();
            return v;
        case TokenKind::Dollar:
            if (isConst) {
                const Token dollar = m_tok;
                advance();
                if (peek(TokenKind::Name)) {
                    fail(QStringLiteral("Syntax Error: Unexpected variable \"$") + QString::fromLatin1(m_tok.raw)
                            + QStringLiteral("\" in constant value."),
                        dollar);
                }
                unexpected(dollar);
            }
            v.kind = Value::Kind::Variable;
            advance();
            v.text = name();
            return v;
        default:
            unexpected(m_tok);
        }
    }

    Lexer m_lexer;
    const ParseLimits &m_limits;
    Token m_tok;
    int m_tokens = 0;
    int m_depth = 0;
};

bool checkSize(qsizetype size, const ParseLimits &limits, std::vector<ParseError> &errors)
{
    if (size <= limits.maxSourceBytes)
        return true;
    errors.push_back(
        { QStringLiteral("Document is larger than the maximum of %1 bytes.").arg(limits.maxSourceBytes), 1, 1 });
    return false;
}

} // namespace

ParseResult parse(QByteArrayView utf8Source, const ParseLimits &limits)
{
    ParseResult result;
    if (!checkSize(utf8Source.size(), limits, result.errors))
        return result;
    try {
        Parser parser(utf8Source, limits);
        result.document = parser.document();
    } catch (const Failure &f) {
        result.errors.push_back(f.error);
    }
    return result;
}

ParseResult parse(const QString &source, const ParseLimits &limits)
{
    // UTF-8 is never shorter than UTF-16 in code units, so this cheap check can only
    // reject sources that would fail after conversion anyway.
    if (source.size() > limits.maxSourceBytes) {
        ParseResult result;
        checkSize(source.size(), limits, result.errors);
        return result;
    }
    return parse(QByteArrayView(source.toUtf8()), limits);
}

ValueParseResult parseValue(QByteArrayView utf8Source, const ParseLimits &limits)
{
    ValueParseResult result;
    if (!checkSize(utf8Source.size(), limits, result.errors))
        return result;
    try {
        Parser parser(utf8Source, limits);
        result.value = parser.standaloneValue();
    } catch (const Failure &f) {
        result.errors.push_back(f.error);
    }
    return result;
}

} // namespace trefoil::graphql
