// Parsing Hasura's create_event_trigger arguments, and the PL/pgSQL we generate from them.
#include "backend/events/triggerdefinition.h"
#include "backend/events/triggersql.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace trefoil::events;

class TestTriggerDefinition : public QObject {
    Q_OBJECT

    static QJsonObject json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }

private Q_SLOTS:
    void threeFactorFixtureParses()
    {
        QFile file(QStringLiteral(TREFOIL_SHARED_DIR "/fixtures/3factor-event-triggers.json"));
        if (!file.exists())
            QFAIL(
                qPrintable(QStringLiteral("%1 is missing: the tests read ../shared/fixtures, which must be beside this "
                                          "checkout (as CI lays it out)")
                               .arg(file.fileName())));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject bulk = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(bulk.value(QLatin1String("type")).toString(), QStringLiteral("bulk"));
        const QJsonArray args = bulk.value(QLatin1String("args")).toArray();
        QCOMPARE(args.size(), 3);
        QStringList names;
        for (const QJsonValue &entry : args) {
            QString error;
            const auto trigger
                = TriggerDefinition::fromHasuraArgs(entry.toObject().value(QLatin1String("args")).toObject(), &error);
            QVERIFY2(trigger, qPrintable(error));
            QCOMPARE(trigger->table, QStringLiteral("orders"));
            QCOMPARE(trigger->handlerKind, TriggerDefinition::HandlerKind::Webhook);
            names.append(trigger->name);
        }
        QCOMPARE(names,
            (QStringList { QStringLiteral("validate-order"), QStringLiteral("restaurant-approval"),
                QStringLiteral("agent-assignment") }));
    }

    void updateColumnsAndPayload()
    {
        QString error;
        const auto trigger = TriggerDefinition::fromHasuraArgs(
            json(
                R"({"name":"t","table":{"schema":"s","name":"orders"},"update":{"columns":["approved"],"payload":["id","approved"]},
                     "handler":{"builtin":"noop"},"retry_conf":{"num_retries":2,"interval_sec":1}})"),
            &error);
        QVERIFY2(trigger, qPrintable(error));
        QCOMPARE(trigger->schema, QStringLiteral("s"));
        QVERIFY(trigger->onUpdate && !trigger->onInsert && !trigger->onDelete);
        QCOMPARE(*trigger->updateColumns, QStringList { QStringLiteral("approved") });
        QCOMPARE(*trigger->payloadColumns, (QStringList { QStringLiteral("id"), QStringLiteral("approved") }));
        QCOMPARE(trigger->handlerKind, TriggerDefinition::HandlerKind::Builtin);
        QCOMPARE(trigger->retry.numRetries, 2);

        const QString function = TriggerSql::createFunction(*trigger);
        QVERIFY(function.contains(QLatin1String("OLD.\"approved\" IS DISTINCT FROM NEW.\"approved\"")));
        QVERIFY(function.contains(QLatin1String("jsonb_build_object('id', NEW.\"id\", 'approved', NEW.\"approved\")")));
        QVERIFY(function.contains(QLatin1String("trefoil.wake_workers('t')")));
        QCOMPARE(TriggerSql::createTrigger(*trigger),
            QStringLiteral("CREATE TRIGGER \"trefoil_event_t\" AFTER UPDATE ON \"s\".\"orders\" FOR EACH ROW EXECUTE "
                           "FUNCTION \"trefoil\".\"event_t\"()"));
    }

    void identifiersAreQuoted()
    {
        QString error;
        const auto trigger = TriggerDefinition::fromHasuraArgs(
            json("{\"name\":\"t\",\"table\":{\"schema\":\"we\\\"ird\",\"name\":\"ta\\\"ble\"},\"insert\":{\"columns\":"
                 "\"*\"},\"update\":{\"columns\":[\"co\\\"l\"]},\n"
                 "                     \"webhook\":\"http://localhost:1/x\"}"),
            &error);
        QVERIFY2(trigger, qPrintable(error));
        QVERIFY(TriggerSql::createTrigger(*trigger).contains(QLatin1String("\"we\"\"ird\".\"ta\"\"ble\"")));
        QVERIFY(TriggerSql::createFunction(*trigger).contains(QLatin1String("OLD.\"co\"\"l\"")));
    }

    void badArguments_data()
    {
        QTest::addColumn<QByteArray>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no name") << QByteArray("{\"table\":\"t\",\"insert\":{},\"webhook\":\"http://x/\"}")
                                 << QStringLiteral("name");
        QTest::newRow("bad name") << QByteArray(
            "{\"name\":\"a b\",\"table\":\"t\",\"insert\":{},\"webhook\":\"http://x/\"}")
                                  << QStringLiteral("name");
        QTest::newRow("no table") << QByteArray("{\"name\":\"a\",\"insert\":{},\"webhook\":\"http://x/\"}")
                                  << QStringLiteral("table");
        QTest::newRow("no operation") << QByteArray("{\"name\":\"a\",\"table\":\"t\",\"webhook\":\"http://x/\"}")
                                      << QStringLiteral("insert");
        QTest::newRow("no handler") << QByteArray(R"({"name":"a","table":"t","insert":{}})")
                                    << QStringLiteral("webhook");
        QTest::newRow("bad url") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"insert\":{},\"webhook\":\"ftp://x/\"}")
                                 << QStringLiteral("webhook");
        QTest::newRow("bad columns") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"update\":{\"columns\":5},\"webhook\":\"http://x/\"}")
                                     << QStringLiteral("update.columns");
        QTest::newRow("bad retry") << QByteArray("{\"name\":\"a\",\"table\":\"t\",\"insert\":{},\"webhook\":\"http://x/"
                                                 "\",\"retry_conf\":{\"num_retries\":\"x\"}}")
                                   << QStringLiteral("num_retries");
        QTest::newRow("bad headers") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"insert\":{},\"webhook\":\"http://x/\",\"headers\":[{\"value\":\"v\"}]}")
                                     << QStringLiteral("header");
        // Names and values written into the generated PL/pgSQL cannot hold NUL (pg::SqlBuilder).
        QTest::newRow("nul in table") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\\u0000x\",\"insert\":{},\"webhook\":\"http://x/\"}")
                                      << QStringLiteral("NUL");
        QTest::newRow("nul in schema") << QByteArray("{\"name\":\"a\",\"table\":{\"schema\":\"s\\u0000\",\"name\":"
                                                     "\"t\"},\"insert\":{},\"webhook\":\"http://x/\"}")
                                       << QStringLiteral("NUL");
        QTest::newRow("nul in update column") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"update\":{\"columns\":[\"c\\u0000\"]},\"webhook\":\"http://x/\"}")
                                              << QStringLiteral("NUL");
        QTest::newRow("nul in payload column") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"insert\":{\"payload\":[\"\\u0000\"]},\"webhook\":\"http://x/\"}")
                                               << QStringLiteral("NUL");
        QTest::newRow("nul in update value column") << QByteArray(
            "{\"name\":\"a\",\"table\":\"t\",\"update\":{\"values\":{\"s\\u0000\":[\"x\"]}},\"webhook\":\"http://x/\"}")
                                                    << QStringLiteral("NUL");
        QTest::newRow("nul in update value") << QByteArray("{\"name\":\"a\",\"table\":\"t\",\"update\":{\"values\":{"
                                                           "\"s\":[\"paid\\u0000x\"]}},\"webhook\":\"http://x/\"}")
                                             << QStringLiteral("NUL");
    }

    void badArguments()
    {
        QFETCH(QByteArray, args);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!TriggerDefinition::fromHasuraArgs(QJsonDocument::fromJson(args).object(), &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTriggerDefinition)
#include "tst_triggerdefinition.moc"
