#include "backend/graphql/relationshipnames.h"

#include <QHash>
#include <QRegularExpression>

#include <utility>
#include <vector>

namespace trefoil::graphql {

namespace {

// Words whose singular and plural are the same.
bool isUncountable(const QString &word)
{
    static const QStringList words = { QStringLiteral("equipment"), QStringLiteral("information"),
        QStringLiteral("rice"), QStringLiteral("money"), QStringLiteral("species"), QStringLiteral("series"),
        QStringLiteral("fish"), QStringLiteral("sheep"), QStringLiteral("moose"), QStringLiteral("deer"),
        QStringLiteral("news"), QStringLiteral("data"), QStringLiteral("metadata"), QStringLiteral("feedback"),
        QStringLiteral("staff"), QStringLiteral("police"), QStringLiteral("software"), QStringLiteral("hardware") };
    return words.contains(word);
}

// singular → plural for words no suffix rule covers.
const QHash<QString, QString> &irregular()
{
    static const QHash<QString, QString> words = { { QStringLiteral("person"), QStringLiteral("people") },
        { QStringLiteral("man"), QStringLiteral("men") }, { QStringLiteral("woman"), QStringLiteral("women") },
        { QStringLiteral("child"), QStringLiteral("children") }, { QStringLiteral("tooth"), QStringLiteral("teeth") },
        { QStringLiteral("foot"), QStringLiteral("feet") }, { QStringLiteral("goose"), QStringLiteral("geese") },
        { QStringLiteral("movie"), QStringLiteral("movies") }, { QStringLiteral("cookie"), QStringLiteral("cookies") },
        { QStringLiteral("tie"), QStringLiteral("ties") }, { QStringLiteral("pie"), QStringLiteral("pies") },
        { QStringLiteral("shoe"), QStringLiteral("shoes") }, { QStringLiteral("move"), QStringLiteral("moves") } };
    return words;
}

using Rules = std::vector<std::pair<QRegularExpression, QString>>;

Rules makeRules(std::initializer_list<std::pair<const char *, const char *>> list)
{
    Rules rules;
    for (const auto &[pattern, replacement] : list)
        rules.emplace_back(QRegularExpression(QString::fromLatin1(pattern) + QLatin1Char('$'),
                               QRegularExpression::CaseInsensitiveOption),
            QString::fromLatin1(replacement));
    return rules;
}

// The first rule whose pattern ends the word applies; a rule that keeps the word stops the search too.
QString applyRules(const QString &word, const Rules &rules)
{
    for (const auto &[pattern, replacement] : rules) {
        if (word.contains(pattern)) {
            QString result = word;
            return result.replace(pattern, replacement);
        }
    }
    return word;
}

// Splits "menu_items" into "menu_" and "items": only the last word is inflected.
std::pair<QString, QString> splitLastWord(const QString &name)
{
    const qsizetype at = name.lastIndexOf(QLatin1Char('_')) + 1;
    return { name.left(at), name.mid(at) };
}

QString withCaseOf(const QString &original, const QString &lower)
{
    if (!original.isEmpty() && original.at(0).isUpper())
        return lower.at(0).toUpper() + lower.mid(1);
    return lower;
}

} // namespace

QString RelationshipNames::singular(const QString &name)
{
    static const Rules rules
        = makeRules({ { "(matr)ices", "\\1ix" }, { "(vert|ind)ices", "\\1ex" }, { "([ml])ice", "\\1ouse" },
            { "(quiz)zes", "\\1" }, { "(alias|status|bus|campus|virus)es", "\\1" }, { "(octop|vir)i", "\\1us" },
            { "(analy|ba|diagno|parenthe|progno|synop|the|cri)ses", "\\1sis" }, { "(x|ch|ss|sh|zz)es", "\\1" },
            { "([lr])ves", "\\1f" }, { "(kni|wi|li)ves", "\\1fe" }, { "([^aeiouy]|qu)ies", "\\1y" },
            { "(tomat|potat|ech|her|vet)oes", "\\1o" }, { "(ss|us|is)", "\\1" }, { "s", "" } });
    const auto [prefix, word] = splitLastWord(name);
    const QString lower = word.toLower();
    if (word.isEmpty() || isUncountable(lower))
        return name;
    const QHash<QString, QString> &words = irregular();
    for (auto it = words.cbegin(); it != words.cend(); ++it) {
        if (lower == it.value() || lower == it.key())
            return prefix + withCaseOf(word, it.key());
    }
    return prefix + applyRules(word, rules);
}

QString RelationshipNames::plural(const QString &name)
{
    static const Rules rules = makeRules({ { "(matr|vert|ind)(ix|ex)", "\\1ices" }, { "([ml])ouse", "\\1ice" },
        { "([ml])ice", "\\1ice" }, { "(quiz)", "\\1zes" }, { "(octop|vir)us", "\\1i" },
        { "(alias|status|bus|campus)", "\\1es" }, { "(analy|ba|diagno|parenthe|progno|synop|the|cri)sis", "\\1ses" },
        { "(x|ch|ss|sh|zz)", "\\1es" }, { "([^aeiouy]|qu)y", "\\1ies" }, { "([lr])f", "\\1ves" },
        { "([^f])fe", "\\1ves" }, { "(tomat|potat|ech|her|vet)o", "\\1oes" }, { "s", "s" }, { "", "s" } });
    const auto [prefix, word] = splitLastWord(name);
    const QString lower = word.toLower();
    if (word.isEmpty() || isUncountable(lower))
        return name;
    const QHash<QString, QString> &words = irregular();
    for (auto it = words.cbegin(); it != words.cend(); ++it) {
        if (lower == it.value() || lower == it.key())
            return prefix + withCaseOf(word, it.value());
    }
    return prefix + applyRules(word, rules);
}

QString RelationshipNames::lowerCamel(const QString &snake)
{
    const QStringList parts = snake.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QString result;
    for (const QString &part : parts)
        result += result.isEmpty() ? part.at(0).toLower() + part.mid(1) : part.at(0).toUpper() + part.mid(1);
    return result;
}

QString RelationshipNames::suggested(
    bool isArray, const QString &remoteTable, const QStringList &columns, const Taken &taken)
{
    const QString name = isArray ? plural(remoteTable) : singular(remoteTable);
    if (!taken(name))
        return name;
    const QString base = name + QLatin1String("_by_") + columns.join(QLatin1Char('_'));
    for (int counter = 0;; ++counter) {
        const QString candidate = lowerCamel(counter == 0 ? base : base + QLatin1Char('_') + QString::number(counter));
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace trefoil::graphql
