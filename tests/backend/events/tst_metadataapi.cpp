// Hasura's metadata calls, including the 3factor reference app's trigger setup, unchanged.
#include "backend/events/metadataapi.h"
#include "tests/backend/events/eventtestbed.h"

#include <QFile>
#include <QJsonArray>

using namespace trefoil;
using trefoil::test::EventTestbed;

namespace {
// The columns of the 3factor reference app's orders table that its trigger setup names.
const char *const ThreeFactorOrders
    = "CREATE TABLE public.orders (order_id text PRIMARY KEY, user_id text, restaurant_id int, address text,"
      " placed boolean DEFAULT true, approved boolean DEFAULT false, driver_assigned boolean DEFAULT false,"
      " food_picked boolean DEFAULT false, delivered boolean DEFAULT false, order_valid boolean DEFAULT false,"
      " payment_valid boolean DEFAULT false, created timestamptz DEFAULT now());";
} // namespace

class TestMetadataApi : public QObject {
    Q_OBJECT

    static std::pair<int, QJsonValue> call(events::MetadataApi &api, const QJsonValue &request)
    {
        std::optional<std::pair<int, QJsonValue>> outcome;
        api.handle(request, [&outcome](int status, const QJsonValue &body) { outcome = std::make_pair(status, body); });
        if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
            return { 0, {} };
        return *outcome;
    }

private Q_SLOTS:
    void threeFactorSetupWorksUnchanged()
    {
        QFile file(QStringLiteral(TREFOIL_SHARED_DIR "/fixtures/3factor-event-triggers.json"));
        if (!file.open(QIODevice::ReadOnly))
            QFAIL(
                qPrintable(QStringLiteral("%1 is missing: the tests read ../shared/fixtures, which must be beside this "
                                          "checkout (as CI lays it out)")
                               .arg(file.fileName())));
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("meta_3factor")));
        QVERIFY(bed.sql(QString::fromLatin1(ThreeFactorOrders)).ok());
        events::MetadataApi api(bed.store.get(), bed.operations.get());
        const auto [status, body] = call(api, QJsonDocument::fromJson(file.readAll()).object());
        QCOMPARE(status, 200);
        QCOMPARE(body.toArray().size(), 3);
        QCOMPARE(body.toArray().at(0).toObject().value(QLatin1String("message")).toString(), QStringLiteral("success"));
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.event_triggers WHERE handler_kind = 'webhook'")),
            3);

        // The reference app's flow: each step's write fires the next trigger.
        QVERIFY(
            bed
                .sql(QStringLiteral(
                    "INSERT INTO orders (order_id, user_id, restaurant_id, address) VALUES ('o1', 'u', 1, 'street')"))
                .ok());
        QVERIFY(bed.sql(QStringLiteral("UPDATE orders SET order_valid = true")).ok()); // no trigger watches this
        QVERIFY(bed.sql(QStringLiteral("UPDATE orders SET payment_valid = true")).ok());
        QVERIFY(bed.sql(QStringLiteral("UPDATE orders SET approved = true")).ok());
        const pg::Result events
            = bed.sql(QStringLiteral("SELECT trigger_name FROM trefoil.events ORDER BY created_at"));
        QCOMPARE(events.rowCount(), 3);
        QCOMPARE(events.text(0, 0), QStringLiteral("validate-order"));
        QCOMPARE(events.text(1, 0), QStringLiteral("restaurant-approval"));
        QCOMPARE(events.text(2, 0), QStringLiteral("agent-assignment"));

        // Again: the triggers exist now, as Hasura says.
        file.seek(0);
        const auto [again, error] = call(api, QJsonDocument::fromJson(file.readAll()).object());
        QCOMPARE(again, 400);
        QCOMPARE(error.toObject().value(QLatin1String("code")).toString(), QStringLiteral("already-exists"));
    }

    void redeliverInvokeDelete()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("meta_ops")));
        events::MetadataApi api(bed.store.get(), bed.operations.get());
        const QJsonObject create { { QStringLiteral("type"), QStringLiteral("pg_create_event_trigger") },
            { QStringLiteral("args"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("m") },
                    { QStringLiteral("table"), QStringLiteral("things") }, { QStringLiteral("enable_manual"), true },
                    { QStringLiteral("handler"),
                        QJsonObject { { QStringLiteral("builtin"), QStringLiteral("noop") } } } } } };
        QCOMPARE(call(api, create).first, 200);
        const auto [invoked, invokeBody] = call(api,
            QJsonObject { { QStringLiteral("type"), QStringLiteral("invoke_event_trigger") },
                { QStringLiteral("args"),
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("m") },
                        { QStringLiteral("payload"), QJsonObject { { QStringLiteral("a"), 1 } } } } } });
        QCOMPARE(invoked, 200);
        const QString eventId = invokeBody.toObject().value(QLatin1String("event_id")).toString();
        QVERIFY(!eventId.isEmpty());
        // Still pending: nothing to redeliver yet.
        const QJsonObject redeliver { { QStringLiteral("type"), QStringLiteral("redeliver_event") },
            { QStringLiteral("args"), QJsonObject { { QStringLiteral("event_id"), eventId } } } };
        QCOMPARE(call(api, redeliver).first, 400);
        QVERIFY(bed.sql(QStringLiteral("UPDATE trefoil.events SET status = 'dead'")).ok());
        QCOMPARE(call(api, redeliver).first, 200);
        QCOMPARE(bed.sql(QStringLiteral("SELECT status FROM trefoil.events")).text(0, 0), QStringLiteral("pending"));

        const QJsonObject remove { { QStringLiteral("type"), QStringLiteral("delete_event_trigger") },
            { QStringLiteral("args"), QJsonObject { { QStringLiteral("name"), QStringLiteral("m") } } } };
        QCOMPARE(call(api, remove).first, 200);
        QCOMPARE(call(api, remove).first, 400);
        QCOMPARE(bed.sql(QStringLiteral("SELECT status, cancel_reason FROM trefoil.events")).text(0, 0),
            QStringLiteral("cancelled"));
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("not an object") << QByteArray("[1,2]") << QStringLiteral("parse-failed");
        QTest::newRow("unknown type") << QByteArray("{\"type\":\"run_sql\",\"args\":{}}")
                                      << QStringLiteral("not-supported");
        QTest::newRow("args not object") << QByteArray("{\"type\":\"create_event_trigger\",\"args\":5}")
                                         << QStringLiteral("parse-failed");
        QTest::newRow("bad trigger") << QByteArray("{\"type\":\"create_event_trigger\",\"args\":{\"name\":\"x\"}}")
                                     << QStringLiteral("invalid-params");
        QTest::newRow("missing table") << QByteArray(
            "{\"type\":\"create_event_trigger\",\"args\":{\"name\":\"x\",\"table\":\"nope\",\"insert\":{},\"handler\":{"
            "\"builtin\":\"noop\"}}}") << QStringLiteral("not-exists");
        QTest::newRow("bulk not list") << QByteArray("{\"type\":\"bulk\",\"args\":{}}")
                                       << QStringLiteral("parse-failed");
        QTest::newRow("redeliver without id")
            << QByteArray("{\"type\":\"redeliver_event\",\"args\":{}}") << QStringLiteral("invalid-params");
    }

    void badRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        static EventTestbed bed;
        static const bool ready = bed.setUp(QStringLiteral("meta_bad"));
        QVERIFY(ready);
        events::MetadataApi api(bed.store.get(), bed.operations.get());
        const QJsonDocument document = QJsonDocument::fromJson(body);
        const auto [status, reply]
            = call(api, document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
        QCOMPARE(status, 400);
        QCOMPARE(reply.toObject().value(QLatin1String("code")).toString(), code);
        QVERIFY(!reply.toObject().value(QLatin1String("error")).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetadataApi)
#include "tst_metadataapi.moc"
