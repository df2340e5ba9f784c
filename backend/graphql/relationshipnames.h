#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace trefoil::graphql {

// The names Hasura's console suggests for relationships found from foreign keys, so that documents
// written against a Hasura project keep working: an object relationship is named after the referenced
// table in the singular (article.author_id → author: "author"), an array relationship after the
// referencing table in the plural (author ← article: "articles"). A name already taken by a column or
// relationship falls back to "<name>By<Columns>" in lower camel case, then with a counter.
class RelationshipNames {
public:
    using Taken = std::function<bool(const QString &name)>;

    // English inflection of the last word of a snake_case name: categories ↔ category, people ↔ person.
    static QString singular(const QString &word);
    static QString plural(const QString &word);
    // "author_by_author_id" → "authorByAuthorId".
    static QString lowerCamel(const QString &snake);

    // remoteTable: the referenced table for an object relationship, the referencing one for an array;
    // columns: the foreign key's columns on the side the fallback name mentions.
    static QString suggested(bool isArray, const QString &remoteTable, const QStringList &columns, const Taken &taken);
};

} // namespace trefoil::graphql
