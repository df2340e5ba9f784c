// Relationships through Hasura's metadata API against a real PostgreSQL, on Hasura's own fixture
// tables (author ← article): the console's automatic names, create/rename/drop (foreign key and
// manual), error bodies, export_metadata, the rebuild in another process, and (un)tracking tables.
#include "backend/events/eventoperations.h"
#include "backend/events/metadataapi.h"
#include "backend/events/triggerstore.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/graphql/relationshipmetadata.h"
#include "backend/graphql/tabletracking.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace trefoil;
using namespace trefoil::graphql;

class TestRelationshipMetadata : public QObject {
    Q_OBJECT

    QString m_conninfo;
    std::unique_ptr<pg::Pool> m_pool;
    std::unique_ptr<GraphqlEngine> m_engine;
    std::unique_ptr<events::TriggerStore> m_triggers;
    std::unique_ptr<events::EventOperations> m_operations;
    std::unique_ptr<RelationshipMetadata> m_relationships;
    std::unique_ptr<TableTracking> m_tracking;
    std::unique_ptr<events::MetadataApi> m_api;

    bool exec(const QString &sql)
    {
        std::optional<bool> ok;
        QObject context;
        m_pool->exec(sql, &context, [&ok](const pg::Result &r) { ok = r.ok(); });
        return QTest::qWaitFor([&] { return ok.has_value(); }, 30000) && *ok;
    }

    QJsonObject run(GraphqlEngine &engine, const QString &query)
    {
        std::optional<QByteArray> response;
        QObject context;
        engine.execute(QJsonObject { { QStringLiteral("query"), query } }, QStringLiteral("admin"), &context,
            [&response](const QByteArray &r) { response = r; });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 30000))
            return QJsonObject { { QStringLiteral("timeout"), true } };
        return QJsonDocument::fromJson(*response).object();
    }
    QJsonObject run(const QString &query) { return run(*m_engine, query); }

    std::pair<int, QJsonValue> call(const QJsonObject &request)
    {
        std::optional<std::pair<int, QJsonValue>> outcome;
        m_api->handle(
            request, [&outcome](int status, const QJsonValue &body) { outcome = std::make_pair(status, body); });
        if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
            return { 0, {} };
        return *outcome;
    }

    static QJsonObject request(const QString &type, const QJsonObject &args)
    {
        return { { QStringLiteral("type"), type }, { QStringLiteral("args"), args } };
    }

    static QJsonObject table(const QString &name)
    {
        return { { QStringLiteral("schema"), QStringLiteral("public") }, { QStringLiteral("name"), name } };
    }

    static QString errorCode(const QJsonValue &body) { return body.toObject().value(QLatin1String("code")).toString(); }

    static QString firstError(const QJsonObject &response)
    {
        return response.value(QLatin1String("errors"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("message"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("relationships"));
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(test::PgTestCluster::shared().errorString()));
        m_pool = std::make_unique<pg::Pool>(m_conninfo, 4);
        pg::Migrator migrator(m_pool.get(), { QStringLiteral("engine") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        QSignalSpy failed(&migrator, &pg::Migrator::failed);
        migrator.run();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000));
        QVERIFY(failed.isEmpty());
        // Hasura's test fixture: singular table names.
        QVERIFY(exec(QStringLiteral("CREATE TABLE public.author (id integer PRIMARY KEY, name text NOT NULL)")));
        QVERIFY(exec(QStringLiteral("CREATE TABLE public.article (id integer PRIMARY KEY, title text NOT NULL,"
                                    " author_id integer NOT NULL REFERENCES public.author (id), editor text)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.author VALUES (1, 'Ann'), (2, 'Bob')")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.article VALUES (10, 'First', 1, 'Bob'),"
                                    " (11, 'Second', 1, NULL), (12, 'Third', 2, 'Ann')")));

        QVERIFY(exec(QStringLiteral("CREATE TABLE public.author_profile (author_id integer PRIMARY KEY"
                                    " REFERENCES public.author (id), bio text NOT NULL)")));
        QVERIFY(exec(QStringLiteral("INSERT INTO public.author_profile VALUES (2, 'Writes')")));

        m_engine = std::make_unique<GraphqlEngine>(m_pool.get());
        QSignalSpy ready(m_engine.get(), &GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(30000));
        m_triggers = std::make_unique<events::TriggerStore>(m_pool.get());
        m_operations = std::make_unique<events::EventOperations>(m_pool.get());
        m_relationships = std::make_unique<RelationshipMetadata>(m_pool.get(), m_engine.get());
        m_tracking = std::make_unique<TableTracking>(m_pool.get(), m_engine.get());
        m_api = std::make_unique<events::MetadataApi>(m_triggers.get(), m_operations.get());
        m_api->setTableMetadata(
            [this](const QString &type, const QJsonObject &args, const events::MetadataApi::Reply &reply) {
                return m_relationships->handle(type, args, reply) || m_tracking->handle(type, args, reply);
            },
            [this](QObject *context, std::function<void(QJsonArray, QString)> done) {
                m_relationships->exportTables(context, std::move(done));
            });
    }

    void automaticNamesAreTheConsoles()
    {
        // article.author_id → author: object "author", array "articles" (Hasura's fixture documents).
        const QJsonObject response
            = run(QStringLiteral("{ article(order_by: {id: asc}, limit: 1) { author { name } }"
                                 "  author(order_by: {id: asc}) { name articles(order_by: {id: asc}) { title }"
                                 "    articles_aggregate { aggregate { count } } } }"));
        QVERIFY2(!response.contains(QLatin1String("errors")), qPrintable(firstError(response)));
        const QJsonObject data = response.value(QLatin1String("data")).toObject();
        QCOMPARE(data[QStringLiteral("article")][0][QStringLiteral("author")][QStringLiteral("name")].toString(),
            QStringLiteral("Ann"));
        QCOMPARE(data[QStringLiteral("author")][0][QStringLiteral("articles")].toArray().size(), 2);
        QCOMPARE(data[QStringLiteral("author")][1][QStringLiteral("articles_aggregate")][QStringLiteral("aggregate")]
                     [QStringLiteral("count")]
                         .toInt(),
            1);
        // The name Trefoil gave before (the referencing table) keeps working.
        const QJsonObject earlier = run(QStringLiteral("{ author { article { title } } }"));
        QVERIFY2(!earlier.contains(QLatin1String("errors")), qPrintable(firstError(earlier)));
    }

    void foreignKeyObjectRelationship()
    {
        const QJsonObject args { { QStringLiteral("table"), table(QStringLiteral("article")) },
            { QStringLiteral("name"), QStringLiteral("writer") },
            { QStringLiteral("using"),
                QJsonObject { { QStringLiteral("foreign_key_constraint_on"), QStringLiteral("author_id") } } } };
        const auto [status, body] = call(request(QStringLiteral("pg_create_object_relationship"), args));
        QCOMPARE(status, 200);
        QCOMPARE(body.toObject().value(QLatin1String("message")).toString(), QStringLiteral("success"));
        // At once, in selections, where and order_by.
        const QJsonObject response = run(QStringLiteral(
            "{ article(where: {writer: {name: {_eq: \"Ann\"}}}, order_by: [{writer: {name: asc}}, {id: desc}])"
            "  { id writer { name } } }"));
        QVERIFY2(!response.contains(QLatin1String("errors")), qPrintable(firstError(response)));
        const QJsonArray rows = response[QStringLiteral("data")][QStringLiteral("article")].toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0)[QStringLiteral("id")].toInt(), 11);
        QCOMPARE(rows.at(0)[QStringLiteral("writer")][QStringLiteral("name")].toString(), QStringLiteral("Ann"));

        // Again: Hasura's already-exists.
        const auto [again, error] = call(request(QStringLiteral("pg_create_object_relationship"), args));
        QCOMPARE(again, 400);
        QCOMPARE(errorCode(error), QStringLiteral("already-exists"));
        QCOMPARE(error.toObject().value(QLatin1String("path")).toString(), QStringLiteral("$.args"));
    }

    void hasuraMetadataForTheAutomaticName()
    {
        // A Hasura project's metadata defines what Trefoil derives anyway: the same name, no copy.
        const QJsonObject on { { QStringLiteral("table"), table(QStringLiteral("article")) },
            { QStringLiteral("column"), QStringLiteral("author_id") } };
        const auto [status, body] = call(request(QStringLiteral("pg_create_array_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("author")) },
                { QStringLiteral("name"), QStringLiteral("articles") },
                { QStringLiteral("using"), QJsonObject { { QStringLiteral("foreign_key_constraint_on"), on } } } }));
        QCOMPARE(status, 200);
        const QJsonObject response
            = run(QStringLiteral("{ author(where: {articles: {title: {_eq: \"Third\"}}}) { name articles { id } } }"));
        QVERIFY2(!response.contains(QLatin1String("errors")), qPrintable(firstError(response)));
        QCOMPARE(response[QStringLiteral("data")][QStringLiteral("author")][0][QStringLiteral("name")].toString(),
            QStringLiteral("Bob"));
        QVERIFY(run(QStringLiteral("{ author { articlesByAuthorId { id } } }")).contains(QLatin1String("errors")));
    }

    void objectRelationshipThroughTheOtherTablesKey()
    {
        // author ← author_profile.author_id (its primary key): an object relationship on author.
        const QJsonObject on { { QStringLiteral("table"), table(QStringLiteral("author_profile")) },
            { QStringLiteral("column"), QStringLiteral("author_id") } };
        const auto [status, body] = call(request(QStringLiteral("pg_create_object_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("author")) },
                { QStringLiteral("name"), QStringLiteral("profile") },
                { QStringLiteral("using"), QJsonObject { { QStringLiteral("foreign_key_constraint_on"), on } } } }));
        QCOMPARE(status, 200);
        const QJsonObject response
            = run(QStringLiteral("{ author(order_by: {profile: {bio: asc}}) { name profile { bio } }"
                                 "  __type(name: \"author_insert_input\") { inputFields { name } } }"));
        QVERIFY2(!response.contains(QLatin1String("errors")), qPrintable(firstError(response)));
        const QJsonArray rows = response[QStringLiteral("data")][QStringLiteral("author")].toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0)[QStringLiteral("profile")][QStringLiteral("bio")].toString(), QStringLiteral("Writes"));
        QVERIFY(rows.at(1)[QStringLiteral("profile")].isNull());
        // A nested insert cannot write the profile first: the field is not offered.
        QStringList inputs;
        const QJsonArray fields
            = response[QStringLiteral("data")][QStringLiteral("__type")][QStringLiteral("inputFields")].toArray();
        for (const QJsonValue &f : fields)
            inputs.append(f[QStringLiteral("name")].toString());
        QVERIFY(inputs.contains(QStringLiteral("articles")));
        QVERIFY(!inputs.contains(QStringLiteral("profile")));
    }

    void manualArrayRelationshipWithTheOldCallName()
    {
        // /v1/query's name, without pg_; the table as a bare name.
        const QJsonObject manual { { QStringLiteral("remote_table"), QStringLiteral("article") },
            { QStringLiteral("column_mapping"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("editor") } } } };
        const auto [status, body] = call(request(QStringLiteral("create_array_relationship"),
            { { QStringLiteral("table"), QStringLiteral("author") },
                { QStringLiteral("name"), QStringLiteral("edited") },
                { QStringLiteral("using"), QJsonObject { { QStringLiteral("manual_configuration"), manual } } } }));
        QCOMPARE(status, 200);
        const QJsonObject response
            = run(QStringLiteral("{ author(where: {edited: {title: {_eq: \"First\"}}}) { name edited { title }"
                                 "  edited_aggregate { aggregate { count } } } }"));
        QVERIFY2(!response.contains(QLatin1String("errors")), qPrintable(firstError(response)));
        const QJsonArray rows = response[QStringLiteral("data")][QStringLiteral("author")].toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0)[QStringLiteral("name")].toString(), QStringLiteral("Bob"));
        QCOMPARE(rows.at(0)[QStringLiteral("edited")][0][QStringLiteral("title")].toString(), QStringLiteral("First"));
    }

    void badCallsGetHasuraErrors()
    {
        const auto create = [this](const QString &name, const QJsonValue &on) {
            return call(request(QStringLiteral("pg_create_object_relationship"),
                { { QStringLiteral("table"), table(QStringLiteral("article")) }, { QStringLiteral("name"), name },
                    { QStringLiteral("using"),
                        QJsonObject { { QStringLiteral("foreign_key_constraint_on"), on } } } }));
        };
        auto [status, body] = create(QStringLiteral("bad"), QStringLiteral("title"));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("invalid-params"));
        QVERIFY(body.toObject().value(QLatin1String("error")).toString().contains(QLatin1String("foreign constraint")));
        std::tie(status, body) = create(QStringLiteral("title"), QStringLiteral("author_id"));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("already-exists"));
        std::tie(status, body) = call(request(QStringLiteral("pg_create_object_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("nope")) },
                { QStringLiteral("name"), QStringLiteral("x") },
                { QStringLiteral("using"),
                    QJsonObject { { QStringLiteral("foreign_key_constraint_on"), QStringLiteral("id") } } } }));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("invalid-params"));
        std::tie(status, body) = call(request(QStringLiteral("pg_drop_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("article")) },
                { QStringLiteral("relationship"), QStringLiteral("author") } }));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("not-exists"));
    }

    void renameAndDrop()
    {
        auto [status, body] = call(request(QStringLiteral("pg_rename_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("article")) },
                { QStringLiteral("name"), QStringLiteral("writer") },
                { QStringLiteral("new_name"), QStringLiteral("penned_by") } }));
        QCOMPARE(status, 200);
        QVERIFY(!run(QStringLiteral("{ article { penned_by { name } } }")).contains(QLatin1String("errors")));
        QVERIFY(run(QStringLiteral("{ article { writer { name } } }")).contains(QLatin1String("errors")));

        std::tie(status, body) = call(request(QStringLiteral("pg_drop_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("article")) },
                { QStringLiteral("relationship"), QStringLiteral("penned_by") } }));
        QCOMPARE(status, 200);
        QVERIFY(run(QStringLiteral("{ article { penned_by { name } } }")).contains(QLatin1String("errors")));
        std::tie(status, body) = call(request(QStringLiteral("pg_drop_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("article")) },
                { QStringLiteral("relationship"), QStringLiteral("penned_by") } }));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("not-exists"));
    }

    void exportMetadataInVersion3Shape()
    {
        const auto [status, body] = call(request(QStringLiteral("export_metadata"), {}));
        QCOMPARE(status, 200);
        const QJsonObject metadata = body.toObject();
        QCOMPARE(metadata.value(QLatin1String("version")).toInt(), 3);
        const QJsonObject source = metadata.value(QLatin1String("sources")).toArray().at(0).toObject();
        QCOMPARE(source.value(QLatin1String("name")).toString(), QStringLiteral("default"));
        QCOMPARE(source.value(QLatin1String("kind")).toString(), QStringLiteral("postgres"));
        const QJsonArray tables = source.value(QLatin1String("tables")).toArray();
        QCOMPARE(tables.size(), 1);
        const QJsonObject author = tables.at(0).toObject();
        QCOMPARE(author.value(QLatin1String("object_relationships")).toArray().size(), 1);
        QCOMPARE(author.value(QLatin1String("table")).toObject(), table(QStringLiteral("author")));
        const QJsonArray arrays = author.value(QLatin1String("array_relationships")).toArray();
        QCOMPARE(arrays.size(), 2);
        QCOMPARE(
            arrays.at(0)[QStringLiteral("using")][QStringLiteral("foreign_key_constraint_on")][QStringLiteral("column")]
                .toString(),
            QStringLiteral("author_id"));
        const QJsonObject edited = arrays.at(1).toObject();
        QCOMPARE(edited.value(QLatin1String("name")).toString(), QStringLiteral("edited"));
        QCOMPARE(edited[QStringLiteral("using")][QStringLiteral("manual_configuration")][QStringLiteral("remote_table")]
                     .toString(),
            QStringLiteral("article"));
    }

    void otherProcessesRebuild()
    {
        // A second engine on its own connections, reloading on trefoil_schema as Backend does.
        pg::Pool pool(m_conninfo, 2);
        GraphqlEngine other(&pool);
        pg::Listener listener(m_conninfo);
        QSignalSpy listening(&listener, &pg::Listener::listening);
        connect(&listener, &pg::Listener::notification, &other, [&other](const QString &channel, const QString &) {
            if (channel == QLatin1String("trefoil_schema"))
                other.reloadSchema();
        });
        listener.listen(QStringLiteral("trefoil_schema"));
        QSignalSpy ready(&other, &GraphqlEngine::schemaReady);
        other.reloadSchema();
        QVERIFY(ready.wait(30000));
        QVERIFY(listening.count() > 0 || listening.wait(30000));
        QVERIFY(run(other, QStringLiteral("{ article { by_author { name } } }")).contains(QLatin1String("errors")));

        const auto [status, body] = call(request(QStringLiteral("pg_create_object_relationship"),
            { { QStringLiteral("table"), table(QStringLiteral("article")) },
                { QStringLiteral("name"), QStringLiteral("by_author") },
                { QStringLiteral("using"),
                    QJsonObject { { QStringLiteral("foreign_key_constraint_on"), QStringLiteral("author_id") } } } }));
        QCOMPARE(status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            !run(other, QStringLiteral("{ article { by_author { name } } }")).contains(QLatin1String("errors")), 30000);
    }

    void untrackAndTrack()
    {
        const QJsonObject profile { { QStringLiteral("table"), table(QStringLiteral("author_profile")) } };
        // author.profile depends on author_profile.
        auto [status, body] = call(request(QStringLiteral("pg_untrack_table"), profile));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("dependency-error"));
        QVERIFY(body.toObject().value(QLatin1String("error")).toString().contains(QLatin1String("author.profile")));

        QJsonObject cascade = profile;
        cascade.insert(QStringLiteral("cascade"), true);
        std::tie(status, body) = call(request(QStringLiteral("pg_untrack_table"), cascade));
        QCOMPARE(status, 200);
        QVERIFY(run(QStringLiteral("{ author_profile { bio } }")).contains(QLatin1String("errors")));
        QVERIFY(run(QStringLiteral("{ author { profile { bio } } }")).contains(QLatin1String("errors")));
        QVERIFY(!run(QStringLiteral("{ author { name } }")).contains(QLatin1String("errors")));
        std::tie(status, body) = call(request(QStringLiteral("pg_untrack_table"), profile));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("already-untracked"));

        // v1's spelling: {"schema", "name"} as the args.
        std::tie(status, body) = call(request(QStringLiteral("track_table"), table(QStringLiteral("author_profile"))));
        QCOMPARE(status, 200);
        QVERIFY(!run(QStringLiteral("{ author_profile { bio } }")).contains(QLatin1String("errors")));
        std::tie(status, body) = call(request(QStringLiteral("pg_track_table"), profile));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("already-tracked"));

        std::tie(status, body) = call(request(QStringLiteral("pg_untrack_table"),
            { { QStringLiteral("table"),
                QJsonObject { { QStringLiteral("schema"), QStringLiteral("trefoil") },
                    { QStringLiteral("name"), QStringLiteral("events") } } } }));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("not-supported"));
        std::tie(status, body)
            = call(request(QStringLiteral("pg_track_table"), { { QStringLiteral("table"), QStringLiteral("nope") } }));
        QCOMPARE(status, 400);
        QCOMPARE(errorCode(body), QStringLiteral("not-exists"));
    }
};

QTEST_GUILESS_MAIN(TestRelationshipMetadata)
#include "tst_relationshipmetadata.moc"
