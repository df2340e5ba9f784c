// The relationship names Hasura's console suggests, which Trefoil's automatic relationships follow.
#include "backend/graphql/relationshipnames.h"

#include <QTest>

using trefoil::graphql::RelationshipNames;

class TestRelationshipNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void inflection_data()
    {
        QTest::addColumn<QString>("singular");
        QTest::addColumn<QString>("plural");
        QTest::newRow("author") << QStringLiteral("author") << QStringLiteral("authors");
        QTest::newRow("article") << QStringLiteral("article") << QStringLiteral("articles");
        QTest::newRow("category") << QStringLiteral("category") << QStringLiteral("categories");
        QTest::newRow("person") << QStringLiteral("person") << QStringLiteral("people");
        QTest::newRow("child") << QStringLiteral("child") << QStringLiteral("children");
        QTest::newRow("address") << QStringLiteral("address") << QStringLiteral("addresses");
        QTest::newRow("box") << QStringLiteral("box") << QStringLiteral("boxes");
        QTest::newRow("match") << QStringLiteral("match") << QStringLiteral("matches");
        QTest::newRow("status") << QStringLiteral("status") << QStringLiteral("statuses");
        QTest::newRow("day") << QStringLiteral("day") << QStringLiteral("days");
        QTest::newRow("query") << QStringLiteral("query") << QStringLiteral("queries");
        QTest::newRow("shelf") << QStringLiteral("shelf") << QStringLiteral("shelves");
        QTest::newRow("knife") << QStringLiteral("knife") << QStringLiteral("knives");
        QTest::newRow("movie") << QStringLiteral("movie") << QStringLiteral("movies");
        QTest::newRow("analysis") << QStringLiteral("analysis") << QStringLiteral("analyses");
        QTest::newRow("news") << QStringLiteral("news") << QStringLiteral("news");
        QTest::newRow("menu_item") << QStringLiteral("menu_item") << QStringLiteral("menu_items");
        QTest::newRow("sales_person") << QStringLiteral("sales_person") << QStringLiteral("sales_people");
        QTest::newRow("order_category") << QStringLiteral("order_category") << QStringLiteral("order_categories");
    }

    void inflection()
    {
        QFETCH(QString, singular);
        QFETCH(QString, plural);
        QCOMPARE(RelationshipNames::plural(singular), plural);
        QCOMPARE(RelationshipNames::singular(plural), singular);
        // Either form in, the asked-for form out.
        QCOMPARE(RelationshipNames::plural(plural), plural);
        QCOMPARE(RelationshipNames::singular(singular), singular);
    }

    void suggestedNames()
    {
        const auto none = [](const QString &) { return false; };
        // Hasura's own fixture: article.author_id → author.
        QCOMPARE(RelationshipNames::suggested(false, QStringLiteral("author"), { QStringLiteral("author_id") }, none),
            QStringLiteral("author"));
        QCOMPARE(RelationshipNames::suggested(true, QStringLiteral("article"), { QStringLiteral("author_id") }, none),
            QStringLiteral("articles"));
        // Plural table names: product.category_id → categories, categories ← products.
        QCOMPARE(
            RelationshipNames::suggested(false, QStringLiteral("categories"), { QStringLiteral("category_id") }, none),
            QStringLiteral("category"));
        QCOMPARE(
            RelationshipNames::suggested(true, QStringLiteral("products"), { QStringLiteral("category_id") }, none),
            QStringLiteral("products"));
        QCOMPARE(RelationshipNames::suggested(false, QStringLiteral("people"), { QStringLiteral("owner_id") }, none),
            QStringLiteral("person"));
        QCOMPARE(RelationshipNames::suggested(true, QStringLiteral("person"), { QStringLiteral("team_id") }, none),
            QStringLiteral("people"));
    }

    void takenNamesFallBack()
    {
        // A second foreign key to the same table, or a column of that name: "<name>By<Columns>", then counted.
        QStringList taken = { QStringLiteral("author") };
        const auto isTaken = [&taken](const QString &name) { return taken.contains(name); };
        QCOMPARE(
            RelationshipNames::suggested(false, QStringLiteral("author"), { QStringLiteral("editor_id") }, isTaken),
            QStringLiteral("authorByEditorId"));
        taken.append(QStringLiteral("authorByEditorId"));
        QCOMPARE(
            RelationshipNames::suggested(false, QStringLiteral("author"), { QStringLiteral("editor_id") }, isTaken),
            QStringLiteral("authorByEditorId1"));
        taken = { QStringLiteral("articles") };
        QCOMPARE(RelationshipNames::suggested(true, QStringLiteral("article"),
                     { QStringLiteral("site_id"), QStringLiteral("author_id") }, isTaken),
            QStringLiteral("articlesBySiteIdAuthorId"));
    }
};

QTEST_GUILESS_MAIN(TestRelationshipNames)
#include "tst_relationshipnames.moc"
