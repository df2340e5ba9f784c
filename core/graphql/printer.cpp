#include "core/graphql/printer.h"

#include <QStringList>

namespace trefoil::graphql {

namespace {

constexpr qsizetype MaxLineLength = 80;

void appendIndent(QString &out, int level)
{
    out.append(QString(level * 2, u' '));
}

void appendValue(QString &out, const Value &v);

void appendArguments(QString &out, const std::vector<Argument> &args)
{
    if (args.empty())
        return;
    out.append(u'(');
    bool first = true;
    for (const Argument &a : args) {
        if (!first)
            out.append(QLatin1String(", "));
        first = false;
        out.append(a.name);
        out.append(QLatin1String(": "));
        appendValue(out, a.value);
    }
    out.append(u')');
}

void appendDirectives(QString &out, const std::vector<Directive> &directives)
{
    for (const Directive &d : directives) {
        out.append(QLatin1String(" @"));
        out.append(d.name);
        appendArguments(out, d.arguments);
    }
}

void appendValue(QString &out, const Value &v)
{
    switch (v.kind) {
    case Value::Kind::Variable:
        out.append(u'$');
        out.append(v.text);
        return;
    case Value::Kind::Int:
    case Value::Kind::Float:
    case Value::Kind::Enum:
        out.append(v.text);
        return;
    case Value::Kind::String:
        out.append(v.block ? printBlockString(v.text) : printString(v.text));
        return;
    case Value::Kind::Boolean:
        out.append(v.boolean ? QLatin1String("true") : QLatin1String("false"));
        return;
    case Value::Kind::Null:
        out.append(QLatin1String("null"));
        return;
    case Value::Kind::List: {
        out.append(u'[');
        bool first = true;
        for (const Value &item : v.list) {
            if (!first)
                out.append(QLatin1String(", "));
            first = false;
            appendValue(out, item);
        }
        out.append(u']');
        return;
    }
    case Value::Kind::Object: {
        out.append(u'{');
        bool first = true;
        for (const ObjectField &f : v.fields) {
            if (!first)
                out.append(QLatin1String(", "));
            first = false;
            out.append(f.name);
            out.append(QLatin1String(": "));
            appendValue(out, f.value);
        }
        out.append(u'}');
        return;
    }
    }
}

void appendType(QString &out, const TypeRef &t)
{
    switch (t.kind) {
    case TypeRef::Kind::Named:
        out.append(t.name);
        return;
    case TypeRef::Kind::List:
        out.append(u'[');
        appendType(out, t.inner());
        out.append(u']');
        return;
    case TypeRef::Kind::NonNull:
        appendType(out, t.inner());
        out.append(u'!');
        return;
    }
}

void appendSelectionSet(QString &out, const SelectionSet &set, int level);

void appendField(QString &out, const Selection &s, int level)
{
    const qsizetype lineStart = out.size();
    if (!s.alias.isEmpty()) {
        out.append(s.alias);
        out.append(QLatin1String(": "));
    }
    out.append(s.name);
    const qsizetype prefixEnd = out.size();
    appendArguments(out, s.arguments);
    if (out.size() - lineStart > MaxLineLength) {
        // Too long for one line: one argument per line, as graphql-js does.
        out.truncate(prefixEnd);
        out.append(u'(');
        for (const Argument &a : s.arguments) {
            out.append(u'\n');
            appendIndent(out, level + 1);
            out.append(a.name);
            out.append(QLatin1String(": "));
            appendValue(out, a.value);
        }
        out.append(u'\n');
        appendIndent(out, level);
        out.append(u')');
    }
    appendDirectives(out, s.directives);
    if (!s.selectionSet.empty()) {
        out.append(u' ');
        appendSelectionSet(out, s.selectionSet, level);
    }
}

void appendSelectionSet(QString &out, const SelectionSet &set, int level)
{
    out.append(u'{');
    for (const Selection &s : set) {
        out.append(u'\n');
        appendIndent(out, level + 1);
        switch (s.kind) {
        case Selection::Kind::Field:
            appendField(out, s, level + 1);
            break;
        case Selection::Kind::FragmentSpread:
            out.append(QLatin1String("..."));
            out.append(s.name);
            appendDirectives(out, s.directives);
            break;
        case Selection::Kind::InlineFragment:
            out.append(QLatin1String("..."));
            if (!s.typeCondition.isEmpty()) {
                out.append(QLatin1String(" on "));
                out.append(s.typeCondition);
            }
            appendDirectives(out, s.directives);
            out.append(u' ');
            appendSelectionSet(out, s.selectionSet, level + 1);
            break;
        }
    }
    out.append(u'\n');
    appendIndent(out, level);
    out.append(u'}');
}

void appendOperation(QString &out, const OperationDefinition &op)
{
    if (op.type != OperationType::Query || !op.name.isEmpty() || !op.variables.empty() || !op.directives.empty()) {
        out.append(operationTypeName(op.type));
        if (!op.name.isEmpty()) {
            out.append(u' ');
            out.append(op.name);
        }
        if (!op.variables.empty()) {
            out.append(op.name.isEmpty() ? QLatin1String(" (") : QLatin1String("("));
            bool first = true;
            for (const VariableDefinition &def : op.variables) {
                if (!first)
                    out.append(QLatin1String(", "));
                first = false;
                out.append(u'$');
                out.append(def.name);
                out.append(QLatin1String(": "));
                appendType(out, def.type);
                if (def.defaultValue) {
                    out.append(QLatin1String(" = "));
                    appendValue(out, *def.defaultValue);
                }
                appendDirectives(out, def.directives);
            }
            out.append(u')');
        }
        appendDirectives(out, op.directives);
        out.append(u' ');
    }
    appendSelectionSet(out, op.selectionSet, 0);
}

void appendFragment(QString &out, const FragmentDefinition &f)
{
    out.append(QLatin1String("fragment "));
    out.append(f.name);
    out.append(QLatin1String(" on "));
    out.append(f.typeCondition);
    appendDirectives(out, f.directives);
    out.append(u' ');
    appendSelectionSet(out, f.selectionSet, 0);
}

} // namespace

QString print(const Document &document)
{
    QString out;
    for (const OperationDefinition &op : document.operations) {
        if (!out.isEmpty())
            out.append(QLatin1String("\n\n"));
        appendOperation(out, op);
    }
    for (const FragmentDefinition &f : document.fragments) {
        if (!out.isEmpty())
            out.append(QLatin1String("\n\n"));
        appendFragment(out, f);
    }
    return out;
}

QString print(const OperationDefinition &operation)
{
    QString out;
    appendOperation(out, operation);
    return out;
}

QString print(const FragmentDefinition &fragment)
{
    QString out;
    appendFragment(out, fragment);
    return out;
}

QString printValue(const Value &value)
{
    QString out;
    appendValue(out, value);
    return out;
}

QString printType(const TypeRef &type)
{
    QString out;
    appendType(out, type);
    return out;
}

QString printString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out.append(u'"');
    for (const QChar ch : value) {
        const char16_t c = ch.unicode();
        switch (c) {
        case u'"':
            out.append(QLatin1String("\\\""));
            break;
        case u'\\':
            out.append(QLatin1String("\\\\"));
            break;
        case u'\b':
            out.append(QLatin1String("\\b"));
            break;
        case u'\f':
            out.append(QLatin1String("\\f"));
            break;
        case u'\n':
            out.append(QLatin1String("\\n"));
            break;
        case u'\r':
            out.append(QLatin1String("\\r"));
            break;
        case u'\t':
            out.append(QLatin1String("\\t"));
            break;
        default:
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                out.append(QLatin1String("\\u"));
                out.append(QString::number(c, 16).toUpper().rightJustified(4, u'0'));
            } else {
                out.append(ch);
            }
        }
    }
    out.append(u'"');
    return out;
}

QString printBlockString(const QString &value)
{
    const auto isWhite = [](QChar c) { return c == u' ' || c == u'\t'; };
    QString escaped = value;
    escaped.replace(QLatin1String("\"\"\""), QLatin1String("\\\"\"\""));
    // Lines split like the lexer does: \r\n, \n or \r.
    QStringList lines;
    {
        qsizetype s = 0;
        for (qsizetype i = 0; i < escaped.size(); ++i) {
            if (escaped[i] == u'\n' || escaped[i] == u'\r') {
                lines.append(escaped.mid(s, i - s));
                if (escaped[i] == u'\r' && i + 1 < escaped.size() && escaped[i + 1] == u'\n')
                    ++i;
                s = i + 1;
            }
        }
        lines.append(escaped.mid(s));
    }
    const bool isSingleLine = lines.size() == 1;
    bool forceLeadingNewLine = lines.size() > 1;
    for (qsizetype i = 1; i < lines.size() && forceLeadingNewLine; ++i)
        forceLeadingNewLine = lines[i].isEmpty() || isWhite(lines[i][0]);
    const bool hasTrailingTripleQuotes = escaped.endsWith(QLatin1String("\\\"\"\""));
    const bool hasTrailingQuote = value.endsWith(u'"') && !hasTrailingTripleQuotes;
    const bool hasTrailingSlash = value.endsWith(u'\\');
    const bool forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
    const bool multipleLines
        = !isSingleLine || value.size() > 70 || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuotes;
    const bool skipLeadingNewLine = isSingleLine && !value.isEmpty() && isWhite(value[0]);

    QString out = QStringLiteral("\"\"\"");
    if ((multipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        out.append(u'\n');
    out.append(escaped);
    if (multipleLines || forceTrailingNewLine)
        out.append(u'\n');
    out.append(QLatin1String("\"\"\""));
    return out;
}

} // namespace trefoil::graphql
