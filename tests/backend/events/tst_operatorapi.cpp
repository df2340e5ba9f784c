// The operator console's GraphQL API (DASH2_API.md) on a real database: derived states and counts,
// failure fingerprints, batched bulk actions with their audit row, cancel's scope, settings and
// retention, triggers, and that only the admin role sees any of it.
#include "backend/events/operatorsettings.h"
#include "backend/events/retentionschedule.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/operatorfields.h"
#include "backend/server/graphqlhttp.h"
#include "backend/server/wsconnectionauth.h"
#include "tests/backend/events/eventtestbed.h"

#include <QJsonArray>
#include <QUuid>

using namespace trefoil;
using trefoil::test::EventTestbed;

namespace {
// Inserts `count` events of trigger t straight into the table, in a given state.
QString insertEvents(int count, const QString &status, int tries, const QString &lease, const QString &error)
{
    return QStringLiteral("INSERT INTO trefoil.events (trigger_name, schema_name, table_name, op, data, status, tries,"
                          " locked_by, locked_until, last_error)"
                          " SELECT 't', 'public', 'things', 'INSERT', jsonb_build_object('old', NULL, 'new',"
                          "   jsonb_build_object('id', g, 'v', 'item-' || g)), '%1', %2, %3, %4, %5"
                          " FROM generate_series(1, %6) g")
        .arg(status)
        .arg(tries)
        .arg(lease.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("'w1'"))
        .arg(lease.isEmpty() ? QStringLiteral("NULL") : lease)
        .arg(error.isEmpty() ? QStringLiteral("NULL") : error)
        .arg(count);
}
} // namespace

class TestOperatorApi : public QObject {
    Q_OBJECT

    EventTestbed m_bed;
    std::unique_ptr<graphql::GraphqlEngine> m_engine;
    std::unique_ptr<OperatorFields> m_fields;
    graphql::RequestSession m_alice;

    QJsonObject run(const QString &query, const QJsonObject &variables = {}, graphql::RequestSession session = {})
    {
        std::optional<QByteArray> out;
        m_engine->execute(
            QJsonObject { { QStringLiteral("query"), query }, { QStringLiteral("variables"), variables } }, session,
            &m_bed.context, [&out](const QByteArray &json) { out = json; });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, 60000))
            return {};
        return QJsonDocument::fromJson(*out).object();
    }
    // The field's data, failing the test on GraphQL errors.
    QJsonValue data(const QString &field, const QString &query, const QJsonObject &variables = {},
        const graphql::RequestSession &session = {})
    {
        const QJsonObject response = run(query, variables, session);
        if (response.contains(QLatin1String("errors")))
            qWarning("%s", QJsonDocument(response).toJson().constData());
        return response.value(QLatin1String("data")).toObject().value(field);
    }
    bool reset()
    {
        return m_bed.sql(QStringLiteral("DELETE FROM trefoil.events; DELETE FROM trefoil.audit_log;")).ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_bed.setUp(QStringLiteral("operator_api")));
        m_bed.handlers.add(QStringLiteral("noop"), events::BuiltinHandler {});
        m_engine = std::make_unique<graphql::GraphqlEngine>(m_bed.pool.get());
        m_fields = std::make_unique<OperatorFields>(OperatorServices {
            m_bed.pool.get(), m_bed.operations.get(), m_bed.store.get(), &m_bed.handlers, nullptr, nullptr });
        m_fields->registerOn(m_engine.get());
        QSignalSpy ready(m_engine.get(), &graphql::GraphqlEngine::schemaReady);
        m_engine->reloadSchema();
        QVERIFY(ready.wait(60000));
        // As a header object from HTTP: the name's case does not matter, and the secret is dropped.
        m_alice = graphql::RequestSession::fromHeaders(QStringLiteral("admin"),
            QJsonObject { { QStringLiteral("X-Hasura-User-Id"), QStringLiteral("alice") },
                { QStringLiteral("x-hasura-admin-secret"), QStringLiteral("s3cret") } });
        QCOMPARE(m_alice.actor(), QStringLiteral("alice"));
        QVERIFY(!m_alice.variables.contains(QLatin1String("x-hasura-admin-secret")));
    }

    void derivedStatesFilterAndCount()
    {
        QVERIFY(reset());
        QVERIFY(m_bed.sql(insertEvents(2, QStringLiteral("pending"), 0, {}, {})).ok());
        QVERIFY(m_bed.sql(insertEvents(3, QStringLiteral("pending"), 2, {}, QStringLiteral("'HTTP 500'"))).ok());
        // A lease that ran out is no lease: that event is retrying again.
        QVERIFY(m_bed
                    .sql(insertEvents(1, QStringLiteral("pending"), 1, QStringLiteral("now() - interval '1 minute'"),
                        QStringLiteral("'HTTP 500'")))
                    .ok());
        QVERIFY(
            m_bed.sql(insertEvents(1, QStringLiteral("pending"), 0, QStringLiteral("now() + interval '1 hour'"), {}))
                .ok());
        QVERIFY(m_bed.sql(insertEvents(4, QStringLiteral("delivered"), 1, {}, {})).ok());
        QVERIFY(m_bed.sql(insertEvents(5, QStringLiteral("dead"), 3, {}, QStringLiteral("'HTTP 503'"))).ok());
        QVERIFY(m_bed.sql(insertEvents(1, QStringLiteral("cancelled"), 0, {}, {})).ok());

        // statuses is ignored by the counts: they are the status tabs.
        const QJsonObject counts = data(QStringLiteral("trefoil_event_counts"),
            QStringLiteral("query($f: jsonb) { trefoil_event_counts(filter: $f) }"),
            { { QStringLiteral("f"),
                QJsonObject { { QStringLiteral("statuses"), QJsonArray { QStringLiteral("dead") } } } } })
                                       .toObject();
        QCOMPARE(counts,
            (QJsonObject { { QStringLiteral("pending"), 2 }, { QStringLiteral("in_flight"), 1 },
                { QStringLiteral("retrying"), 4 }, { QStringLiteral("delivered"), 4 }, { QStringLiteral("dead"), 5 },
                { QStringLiteral("cancelled"), 1 } }));

        const QString list = QStringLiteral("query($f: jsonb) { trefoil_list_events(filter: $f, limit: 50) }");
        auto listed = [&](const QJsonObject &filter) {
            return data(QStringLiteral("trefoil_list_events"), list, { { QStringLiteral("f"), filter } }).toArray();
        };
        const QJsonArray retrying
            = listed({ { QStringLiteral("statuses"), QJsonArray { QStringLiteral("retrying") } } });
        QCOMPARE(retrying.size(), 4);
        for (const QJsonValue &event : retrying) {
            QCOMPARE(event[QLatin1String("state")].toString(), QStringLiteral("retrying"));
            QCOMPARE(event[QLatin1String("trigger")].toString(), QStringLiteral("t"));
            QVERIFY(event[QLatin1String("fingerprint")].toString().startsWith(QLatin1String("t | retrying | ")));
        }
        const QJsonArray waiting = listed(
            { { QStringLiteral("statuses"), QJsonArray { QStringLiteral("pending"), QStringLiteral("in_flight") } } });
        QCOMPARE(waiting.size(), 3);
        QCOMPARE(listed({ { QStringLiteral("statuses"), QJsonArray { QStringLiteral("in_flight") } } })
                     .first()[QLatin1String("locked_by")]
                     .toString(),
            QStringLiteral("w1"));
        // payload_contains reads data as text, case-insensitively; combined with a stored status.
        const QJsonArray item3 = listed({ { QStringLiteral("payload_contains"), QStringLiteral("ITEM-3\"") },
            { QStringLiteral("statuses"), QJsonArray { QStringLiteral("dead") } } });
        QCOMPARE(item3.size(), 1);
        QCOMPARE(item3.first()[QLatin1String("state")].toString(), QStringLiteral("dead"));
        // Wildcards are text: "%" matches no payload.
        QCOMPARE(listed({ { QStringLiteral("payload_contains"), QStringLiteral("%") } }).size(), 0);

        // The detail: the event with its data and its attempts, oldest first; null for an unknown id.
        const QString id = item3.first()[QLatin1String("id")].toString();
        QVERIFY(
            m_bed
                .sql(QStringLiteral("INSERT INTO trefoil.invocations (event_id, trigger_name, attempt, worker_id,"
                                    " started_at, duration_ms, error) VALUES ($1::uuid, 't', 2, 'w1', now(), 5, 'b'),"
                                    " ($1::uuid, 't', 1, 'w1', now(), 4, 'a')"),
                    { id })
                .ok());
        const QString detail = QStringLiteral("query($id: uuid!) { trefoil_event_detail(id: $id) }");
        const QJsonObject shown
            = data(QStringLiteral("trefoil_event_detail"), detail, { { QStringLiteral("id"), id } }).toObject();
        QCOMPARE(
            shown[QLatin1String("event")][QLatin1String("data")][QLatin1String("new")][QLatin1String("v")].toString(),
            QStringLiteral("item-3"));
        const QJsonArray attempts = shown[QLatin1String("invocations")].toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0)[QLatin1String("attempt")].toInt(), 1);
        QCOMPARE(attempts.at(1)[QLatin1String("error")].toString(), QStringLiteral("b"));
        QVERIFY(data(QStringLiteral("trefoil_event_detail"), detail,
            { { QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces) } })
                    .isNull());
    }

    void fingerprintGroupsFailuresThatDifferOnlyInIds()
    {
        QVERIFY(reset());
        QVERIFY(m_bed
                    .sql(insertEvents(
                        1, QStringLiteral("dead"), 3, {}, QStringLiteral("'order 123 failed at 2026-12-04T10:00:00Z'")))
                    .ok());
        QVERIFY(m_bed
                    .sql(insertEvents(1, QStringLiteral("dead"), 3, {},
                        QStringLiteral("'order 456 failed at 2026-12-05 11:22:33.123+00'")))
                    .ok());
        QVERIFY(m_bed
                    .sql(insertEvents(2, QStringLiteral("dead"), 3, {},
                        QStringLiteral("'payment 3f2a9c1b-0d4e-4b7a-9a1e-2b3c4d5e6f70 declined by deadbeef42'")))
                    .ok());
        QVERIFY(m_bed
                    .sql(insertEvents(1, QStringLiteral("dead"), 3, {},
                        QStringLiteral("'payment 11111111-2222-3333-4444-555555555555 declined by 0badf00d99'")))
                    .ok());
        QVERIFY(m_bed.sql(insertEvents(4, QStringLiteral("delivered"), 1, {}, {})).ok()); // no error: no group

        const QJsonArray groups
            = data(QStringLiteral("trefoil_failure_groups"), QStringLiteral("{ trefoil_failure_groups }")).toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.at(0)[QLatin1String("count")].toInt(), 3);
        QCOMPARE(groups.at(0)[QLatin1String("fingerprint")].toString(),
            QStringLiteral("t | dead | payment <uuid> declined by <hex>"));
        QCOMPARE(groups.at(1)[QLatin1String("count")].toInt(), 2);
        const QString orders = groups.at(1)[QLatin1String("fingerprint")].toString();
        QCOMPARE(orders, QStringLiteral("t | dead | order <n> failed at <time>"));
        QCOMPARE(groups.at(1)[QLatin1String("status")].toString(), QStringLiteral("dead"));
        QVERIFY(groups.at(1)[QLatin1String("sample_error")].toString().startsWith(QLatin1String("order ")));

        // The filter takes the fingerprint, so the UI can act on one group.
        const QJsonObject counts = data(QStringLiteral("trefoil_event_counts"),
            QStringLiteral("query($f: jsonb) { trefoil_event_counts(filter: $f) }"),
            { { QStringLiteral("f"), QJsonObject { { QStringLiteral("fingerprint"), orders } } } })
                                       .toObject();
        QCOMPARE(counts[QLatin1String("dead")].toInt(), 2);
        QCOMPARE(counts[QLatin1String("delivered")].toInt(), 0);
    }

    void batchedRedeliverTouchesEachOnceWithOneAuditRow()
    {
        QVERIFY(reset());
        QVERIFY(m_bed.sql(insertEvents(2500, QStringLiteral("dead"), 3, {}, QStringLiteral("'HTTP 500'"))).ok());
        QVERIFY(m_bed.sql(insertEvents(7, QStringLiteral("delivered"), 1, {}, {})).ok()); // outside the filter
        const QString actionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject filter { { QStringLiteral("statuses"), QJsonArray { QStringLiteral("dead") } } };
        const QString mutation
            = QStringLiteral("mutation($f: jsonb, $b: jsonb) { trefoil_redeliver_events(filter: $f, batch: $b) }");

        QList<int> batches;
        QJsonValue afterId = QJsonValue::Null;
        for (int round = 0; round < 10; ++round) {
            const QJsonObject result = data(QStringLiteral("trefoil_redeliver_events"), mutation,
                { { QStringLiteral("f"), filter },
                    { QStringLiteral("b"),
                        QJsonObject { { QStringLiteral("limit"), 1000 }, { QStringLiteral("after_id"), afterId },
                            { QStringLiteral("action_id"), actionId } } } },
                m_alice)
                                           .toObject();
            QVERIFY(result.contains(QLatin1String("last_id")));
            batches.append(result[QLatin1String("redelivered")].toInt(-1));
            if (batches.last() == 0) {
                QVERIFY(result[QLatin1String("last_id")].isNull());
                break;
            }
            afterId = result[QLatin1String("last_id")];
            QVERIFY(afterId.isString());
        }
        QCOMPARE(batches, (QList<int> { 1000, 1000, 500, 0 }));
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE redelivered = 1")), 2500);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE redelivered > 1")), 0);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered'")), 7);
        const pg::Result audit = m_bed.sql(QStringLiteral("SELECT actor, action, touched, action_id::text, filter::text"
                                                          " FROM trefoil.audit_log"));
        QCOMPARE(audit.rowCount(), 1);
        QCOMPARE(audit.text(0, 0), QStringLiteral("alice"));
        QCOMPARE(audit.text(0, 1), QStringLiteral("redeliver"));
        QCOMPARE(audit.toInt(0, 2), 2500);
        QCOMPARE(audit.text(0, 3), actionId);
        QVERIFY(audit.text(0, 4).contains(QLatin1String("dead")));

        // A limit beyond 5000 is refused with a message, not clamped silently.
        const QJsonObject refused
            = run(mutation, { { QStringLiteral("b"), QJsonObject { { QStringLiteral("limit"), 5001 } } } }, m_alice);
        QVERIFY(
            refused[QLatin1String("errors")][0][QLatin1String("message")].toString().contains(QLatin1String("5000")));
    }

    void cancelTouchesOnlyPendingAndRetrying()
    {
        QVERIFY(reset());
        QVERIFY(m_bed.sql(insertEvents(2, QStringLiteral("pending"), 0, {}, {})).ok());
        QVERIFY(m_bed.sql(insertEvents(3, QStringLiteral("pending"), 1, {}, QStringLiteral("'x'"))).ok());
        QVERIFY(
            m_bed.sql(insertEvents(1, QStringLiteral("pending"), 1, QStringLiteral("now() + interval '1 hour'"), {}))
                .ok());
        QVERIFY(m_bed.sql(insertEvents(2, QStringLiteral("dead"), 3, {}, QStringLiteral("'x'"))).ok());
        QVERIFY(m_bed.sql(insertEvents(2, QStringLiteral("delivered"), 1, {}, {})).ok());

        const QString mutation = QStringLiteral(
            "mutation($f: jsonb, $b: jsonb) { trefoil_cancel_events(filter: $f, reason: \"bad deploy\", batch: $b) }");
        // A batch first (ids in order), then the rest at once.
        const QJsonObject first = data(QStringLiteral("trefoil_cancel_events"), mutation,
            { { QStringLiteral("b"), QJsonObject { { QStringLiteral("limit"), 2 } } } })
                                      .toObject();
        QCOMPARE(first[QLatin1String("cancelled")].toInt(), 2);
        QVERIFY(first[QLatin1String("last_id")].isString());
        const QJsonObject rest = data(QStringLiteral("trefoil_cancel_events"), mutation).toObject();
        QCOMPARE(rest[QLatin1String("cancelled")].toInt(), 3);
        QVERIFY(rest.contains(QLatin1String("last_id")) && rest[QLatin1String("last_id")].isNull());
        QCOMPARE(
            m_bed.scalar(QStringLiteral(
                "SELECT count(*) FROM trefoil.events WHERE status = 'cancelled' AND cancel_reason = 'bad deploy'")),
            5);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'pending'")), 1);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'dead'")), 2);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered'")), 2);
        // Without a user id the role is the actor; without an action id each call has its own row.
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.audit_log WHERE actor = 'admin'"
                                             " AND action = 'cancel' AND details->>'reason' = 'bad deploy'")),
            2);

        // A reason is required.
        const QJsonObject noReason
            = run(QStringLiteral("mutation { trefoil_cancel_events(filter: {}, reason: \"  \") }"));
        QVERIFY(noReason.contains(QLatin1String("errors")));

        const QJsonObject released = data(
            QStringLiteral("trefoil_release_leases"), QStringLiteral("mutation { trefoil_release_leases(filter: {}) }"))
                                         .toObject();
        QCOMPARE(released[QLatin1String("released")].toInt(), 1);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE locked_until IS NOT NULL")), 0);
    }

    void settingsRoundTripAndRetention()
    {
        QVERIFY(reset());
        const QString get = QStringLiteral("{ trefoil_settings }");
        QCOMPARE(data(QStringLiteral("trefoil_settings"), get).toObject(),
            (QJsonObject { { QStringLiteral("delivered_retention_hours"), 168 },
                { QStringLiteral("dead_retention_days"), QJsonValue::Null } }));
        const QString set = QStringLiteral("mutation($s: jsonb!) { trefoil_set_settings(settings: $s) }");
        QCOMPARE(data(QStringLiteral("trefoil_set_settings"), set,
                     { { QStringLiteral("s"), QJsonObject { { QStringLiteral("dead_retention_days"), 7 } } } }, m_alice)
                     .toObject(),
            (QJsonObject {
                { QStringLiteral("delivered_retention_hours"), 168 }, { QStringLiteral("dead_retention_days"), 7 } }));
        QCOMPARE(data(QStringLiteral("trefoil_set_settings"), set,
                     { { QStringLiteral("s"),
                         QJsonObject { { QStringLiteral("delivered_retention_hours"), QJsonValue::Null } } } })
                     .toObject(),
            (QJsonObject { { QStringLiteral("delivered_retention_hours"), QJsonValue::Null },
                { QStringLiteral("dead_retention_days"), 7 } }));
        QCOMPARE(data(QStringLiteral("trefoil_settings"), get).toObject(),
            (QJsonObject { { QStringLiteral("delivered_retention_hours"), QJsonValue::Null },
                { QStringLiteral("dead_retention_days"), 7 } }));
        for (const QJsonObject &bad : { QJsonObject { { QStringLiteral("dead_retention_days"), 0 } },
                 QJsonObject { { QStringLiteral("dead_retention_days"), 1.5 } },
                 QJsonObject { { QStringLiteral("keep"), 1 } } })
            QVERIFY(run(set, { { QStringLiteral("s"), bad } }).contains(QLatin1String("errors")));
        QCOMPARE(
            m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.audit_log WHERE action = 'set_settings'")), 2);

        // The schedule applies what is stored: dead older than 7 days go, delivered stay (kept for ever).
        QVERIFY(m_bed.sql(insertEvents(3, QStringLiteral("dead"), 3, {}, QStringLiteral("'x'"))).ok());
        QVERIFY(m_bed.sql(insertEvents(2, QStringLiteral("delivered"), 1, {}, {})).ok());
        QVERIFY(m_bed.sql(QStringLiteral("UPDATE trefoil.events SET created_at = now() - interval '8 days'")).ok());
        QVERIFY(m_bed.sql(insertEvents(1, QStringLiteral("dead"), 3, {}, QStringLiteral("'x'"))).ok());
        events::RetentionSchedule schedule(m_fields->settings(), m_bed.operations.get());
        QSignalSpy applied(&schedule, &events::RetentionSchedule::applied);
        schedule.runOnce();
        QVERIFY(applied.wait(60000));
        QCOMPARE(applied.first().at(1).toString(), QString());
        QCOMPARE(applied.first().at(0).toLongLong(), 3);
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")), 3);

        QVERIFY(run(set,
            { { QStringLiteral("s"),
                QJsonObject { { QStringLiteral("delivered_retention_hours"), 168 },
                    { QStringLiteral("dead_retention_days"), QJsonValue::Null } } } })
                    .value(QLatin1String("data"))
                    .isObject());
    }

    void triggersThroughTheApi()
    {
        QVERIFY(reset());
        const QJsonObject definition { { QStringLiteral("name"), QStringLiteral("things_api") },
            { QStringLiteral("table"),
                QJsonObject { { QStringLiteral("schema"), QStringLiteral("public") },
                    { QStringLiteral("name"), QStringLiteral("things") } } },
            { QStringLiteral("insert"), QJsonObject { { QStringLiteral("columns"), QStringLiteral("*") } } },
            { QStringLiteral("enable_manual"), true },
            { QStringLiteral("webhook"), QStringLiteral("http://127.0.0.1:9/hook") } };
        QCOMPARE(data(QStringLiteral("trefoil_create_event_trigger"),
                     QStringLiteral("mutation($d: jsonb!) { trefoil_create_event_trigger(definition: $d) }"),
                     { { QStringLiteral("d"), definition } }, m_alice)[QLatin1String("name")]
                     .toString(),
            QStringLiteral("things_api"));
        // The metadata API's parser answers for a bad definition.
        QVERIFY(run(QStringLiteral("mutation { trefoil_create_event_trigger(definition: {name: \"x\"}) }"))
                    .contains(QLatin1String("errors")));

        QCOMPARE(data(QStringLiteral("trefoil_set_trigger_state"),
                     QStringLiteral("mutation { trefoil_set_trigger_state(name: \"things_api\", paused: true) }"))
                     .toObject(),
            (QJsonObject { { QStringLiteral("name"), QStringLiteral("things_api") }, { QStringLiteral("paused"), true },
                { QStringLiteral("enabled"), true } }));
        const QJsonArray stats
            = data(QStringLiteral("trefoil_trigger_stats"), QStringLiteral("{ trefoil_trigger_stats(seconds: 60) }"))
                  .toArray();
        QCOMPARE(stats.size(), 1);
        const QJsonObject row = stats.first().toObject();
        QCOMPARE(row[QLatin1String("table")].toString(), QStringLiteral("public.things"));
        QCOMPARE(row[QLatin1String("operations")].toArray(),
            (QJsonArray { QStringLiteral("insert"), QStringLiteral("manual") }));
        QCOMPARE(row[QLatin1String("handler_kind")].toString(), QStringLiteral("webhook"));
        QCOMPARE(row[QLatin1String("paused")].toBool(), true);
        QCOMPARE(row[QLatin1String("definition")][QLatin1String("name")].toString(), QStringLiteral("things_api"));

        const QString eventId = data(QStringLiteral("trefoil_invoke_event_trigger"),
            QStringLiteral("mutation { trefoil_invoke_event_trigger(name: \"things_api\", payload: {id: 7}) }"))
                                    .toObject()[QLatin1String("event_id")]
                                    .toString();
        QVERIFY(!QUuid::fromString(eventId).isNull());
        QCOMPARE(data(QStringLiteral("trefoil_delete_event_trigger"),
                     QStringLiteral(
                         "mutation { trefoil_delete_event_trigger(name: \"things_api\") }"))[QLatin1String("name")]
                     .toString(),
            QStringLiteral("things_api"));
        QCOMPARE(m_bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.audit_log WHERE target = 'things_api'")), 4);

        // Without the demo's fault table, the fault mutation says so; the function list is still there.
        QVERIFY(run(QStringLiteral("mutation { trefoil_set_function_fault(name: \"noop\", always_fail: true) }"))
                    .value(QLatin1String("errors"))[0][QLatin1String("message")]
                    .toString()
                    .contains(QLatin1String("demo")));
        const QJsonArray functions
            = data(QStringLiteral("trefoil_function_stats"), QStringLiteral("{ trefoil_function_stats }")).toArray();
        QVERIFY(!functions.isEmpty());
        for (const QJsonValue &function : functions)
            QVERIFY(function[QLatin1String("fault")].isNull());
    }

    // Both transports hand the x-hasura-* headers on as session variables, never the secret.
    void transportsPassTheSession()
    {
        server::HttpRequest request;
        request.method = "POST";
        request.headers = { { "content-type", "application/json" }, { "x-hasura-user-id", "bob" },
            { "x-hasura-admin-secret", "s3cret" }, { "x-hasura-role", "user" } };
        request.body = R"({"query": "{ x }"})";
        std::optional<graphql::RequestSession> overHttp;
        server::GraphqlHttp::handle(
            request,
            [&overHttp](
                const QJsonObject &, const graphql::RequestSession &session, std::function<void(QByteArray)> done) {
                overHttp = session;
                done("{}");
            },
            [](server::HttpResponse) {});
        QVERIFY(overHttp.has_value());
        QCOMPARE(overHttp->role, QStringLiteral("user"));
        QCOMPARE(overHttp->actor(), QStringLiteral("bob"));
        QVERIFY(!overHttp->variables.contains(QLatin1String("x-hasura-admin-secret")));

        // Over WebSocket, connection_init's payload.headers win over the upgrade request's.
        QNetworkRequest upgrade;
        upgrade.setRawHeader("X-Hasura-User-Id", "from-upgrade");
        upgrade.setRawHeader("x-hasura-org", "acme");
        const server::AdminSecret secret(QStringLiteral("s3cret"));
        const QJsonObject payload { { QStringLiteral("headers"),
            QJsonObject { { QStringLiteral("x-hasura-admin-secret"), QStringLiteral("s3cret") },
                { QStringLiteral("x-hasura-user-id"), QStringLiteral("carol") } } } };
        const std::optional<graphql::RequestSession> overWs
            = server::WsConnectionAuth::session(secret, upgrade, payload);
        QVERIFY(overWs.has_value());
        QCOMPARE(overWs->role, QStringLiteral("admin"));
        QCOMPARE(overWs->actor(), QStringLiteral("carol"));
        QCOMPARE(overWs->variables.value(QLatin1String("x-hasura-org")).toString(), QStringLiteral("acme"));
        QVERIFY(!overWs->variables.contains(QLatin1String("x-hasura-admin-secret")));
        QVERIFY(!server::WsConnectionAuth::session(secret, upgrade, {}).has_value());
    }

    void onlyTheAdminRoleSeesTheFields()
    {
        graphql::RequestSession user;
        user.role = QStringLiteral("user");
        for (const QString &query :
            { QStringLiteral("{ trefoil_event_counts }"), QStringLiteral("{ trefoil_settings }"),
                QStringLiteral("mutation { trefoil_redeliver_events(filter: {}) }"),
                QStringLiteral("mutation { trefoil_set_settings(settings: {}) }") }) {
            const QJsonObject response = run(query, {}, user);
            QVERIFY2(response.contains(QLatin1String("errors")), qPrintable(query));
            QVERIFY(!response.contains(QLatin1String("data")));
        }
        QVERIFY(run(QStringLiteral("{ trefoil_settings }")).value(QLatin1String("data")).isObject());
        // The audit log is readable as the generic table field (admin only, as the trefoil schema is).
        QVERIFY(run(QStringLiteral("{ trefoil_audit_log(order_by: {id: desc}, limit: 1) { id actor action } }"))
                    .value(QLatin1String("data"))
                    .isObject());
        QVERIFY(run(QStringLiteral("{ trefoil_audit_log { id } }"), {}, user).contains(QLatin1String("errors")));
    }
};

QTEST_GUILESS_MAIN(TestOperatorApi)
#include "tst_operatorapi.moc"
