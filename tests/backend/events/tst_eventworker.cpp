// Reliable eventing against a real PostgreSQL: capture in the changing transaction, delivery,
// retries and dead events, operator actions, lease reclaim after kill -9, several worker
// processes sharing the work, and the webhook path against a local HTTP server.
#include "tests/backend/events/eventtestbed.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

#include <csignal>
#include <cstring>

using namespace trefoil;
using trefoil::test::EventTestbed;

namespace {

// A built-in handler that records its effect in the delivering transaction, and fails (after
// writing, so the rollback is visible) with the given probability.
events::BuiltinHandler recordingHandler(const QString &workerId, double failureProbability)
{
    return { [workerId, failureProbability](const events::Delivery &delivery, const pg::Session &session,
                 QObject *context, std::function<void(events::HandlerResult)> done) {
                session.exec(QStringLiteral("INSERT INTO effects (event_id, worker) VALUES ($1::uuid, $2)"),
                    { delivery.eventId, workerId }, context, [failureProbability, done](const pg::Result &result) {
                        if (!result.ok())
                            return done(events::HandlerResult::failed(result.error().describe()));
                        if (QRandomGenerator::global()->generateDouble() < failureProbability)
                            return done(events::HandlerResult::failed(QStringLiteral("injected failure")));
                        done(events::HandlerResult::delivered());
                    });
            },
        true };
}

// A handler that touches no database and succeeds once `succeed` is set.
events::BuiltinHandler switchableHandler(const bool &succeed, const QString &error)
{
    return { [&succeed, error](const events::Delivery &, const pg::Session &, QObject *,
                 std::function<void(events::HandlerResult)> done) {
                done(succeed ? events::HandlerResult::delivered() : events::HandlerResult::failed(error));
            },
        false };
}

// Events queued before any worker runs, so that one batch holds both kinds: `firstInserts` from
// inserts, then one from the update of each of those rows, then the rest of `inserts`.
bool queueInsertsAroundUpdates(EventTestbed &bed, int firstInserts, int inserts)
{
    return bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'x' || g FROM generate_series(1, $1) g"),
                  { firstInserts })
               .ok()
        && bed.sql(QStringLiteral("UPDATE things SET v = v || '!'")).ok()
        && bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'x' || g FROM generate_series($1, $2) g"),
                  { firstInserts + 1, inserts })
               .ok();
}

// A minimal HTTP server whose behaviour is chosen by the request path.
class WebhookServer : public QTcpServer {
public:
    QHash<QString, int> hits;
    QList<QByteArray> bodies;
    QList<QByteArray> heads;

    explicit WebhookServer(QObject *parent = nullptr)
        : QTcpServer(parent)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    for (;;) {
                        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                        if (headEnd < 0)
                            return;
                        const QByteArray head = buffer->left(headEnd);
                        qsizetype length = 0;
                        for (const QByteArray &line : head.split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (buffer->size() < headEnd + 4 + length)
                            return;
                        const QByteArray body = buffer->mid(headEnd + 4, length);
                        buffer->remove(0, headEnd + 4 + length);
                        const QString path = QString::fromLatin1(head.split(' ').value(1));
                        hits[path]++;
                        bodies.append(body);
                        heads.append(head);
                        respond(socket, path);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path);
    }

private:
    static void reply(
        QTcpSocket *socket, const QByteArray &status, const QByteArray &body, const QByteArray &extra = {})
    {
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body);
    }
    void respond(QTcpSocket *socket, const QString &path)
    {
        if (path == QLatin1String("/ok"))
            reply(socket, "200 OK", R"({"message":"ok"})");
        else if (path == QLatin1String("/fail500"))
            reply(socket, "500 Internal Server Error", R"({"error":"boom"})");
        else if (path == QLatin1String("/notfound"))
            reply(socket, "404 Not Found", R"({"error":"no"})");
        else if (path == QLatin1String("/ratelimit"))
            reply(socket, hits.value(path) == 1 ? "429 Too Many Requests" : "200 OK", "{}",
                hits.value(path) == 1 ? "Retry-After: 1\r\n" : "");
        else if (path == QLatin1String("/huge"))
            reply(socket, "200 OK", QByteArray(5 * 1024 * 1024, 'x'));
        else if (path == QLatin1String("/hang"))
            ; // never answers
        else
            reply(socket, "404 Not Found", "{}");
    }
};

} // namespace

class TestEventWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rolledBackChangeCreatesNoEvent()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_rollback")));
        const QByteArray definition1
            = R"({"name":"things-insert","table":"things","insert":{"columns":"*"},"handler":{"builtin":"noop"}})";
        QCOMPARE(bed.createTrigger(definition1), QString());
        QVERIFY(bed.sql(QStringLiteral("BEGIN; INSERT INTO things (v) VALUES ('gone'); ROLLBACK;")).ok());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")), 0);
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ($1)"), { QStringLiteral("kept") }).ok());
        const pg::Result event
            = bed.sql(QStringLiteral("SELECT op, data->'new'->>'v', data->'old' IS NULL OR data->'old' = 'null', "
                                     "status, trigger_name FROM trefoil.events"));
        QCOMPARE(event.rowCount(), 1);
        QCOMPARE(event.text(0, 0), QStringLiteral("INSERT"));
        QCOMPARE(event.text(0, 1), QStringLiteral("kept"));
        QVERIFY(event.toBool(0, 2));
        QCOMPARE(event.text(0, 3), QStringLiteral("pending"));
        QCOMPARE(event.text(0, 4), QStringLiteral("things-insert"));
    }

    // The claim and the completion run as prepared statements, whose generic plans are made
    // without the parameters' values: they must find the events through the primary key however
    // many rows the table holds (a generic LIMIT $2 is guessed at a tenth of the table, and the
    // claim used to join that to a scan of the whole table, once per batch).
    void claimAndCompletionFindEventsByKey()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_plans")));
        const QByteArray definition
            = R"({"name":"plans","table":"things","insert":{"columns":"*"},"handler":{"builtin":"noop"},"paused":true})";
        QCOMPARE(bed.createTrigger(definition), QString());
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'x' FROM generate_series(1, 20000)")).ok());
        QVERIFY(bed.sql(QStringLiteral("ANALYZE trefoil.events")).ok());
        const auto genericPlan = [&bed](const QString &types, const QString &statement, const QString &arguments) {
            const pg::Result plan = bed.sql(QStringLiteral("SET plan_cache_mode = force_generic_plan;"
                                                           "PREPARE s (%1) AS %2;"
                                                           "EXPLAIN (COSTS OFF) EXECUTE s (%3);")
                                                .arg(types, statement, arguments));
            QStringList lines;
            for (int row = 0; row < plan.rowCount(); ++row)
                lines.append(plan.text(row, 0));
            return lines.join(QLatin1Char('\n'));
        };
        const QString claim = genericPlan(QStringLiteral("text, int, text[], float8"), events::EventWorker::claimSql(),
            QStringLiteral("'w', 500, '{plans}', 60"));
        QVERIFY2(claim.contains(QLatin1String("Index Scan using events_pkey")), qPrintable(claim));
        QVERIFY2(!claim.contains(QLatin1String("Seq Scan")), qPrintable(claim));
        const QString completion = genericPlan(QStringLiteral("text, text[], jsonb"),
            events::EventWorker::completeSql(), QStringLiteral("'w', '{}', '{}'"));
        QVERIFY2(completion.contains(QLatin1String("using events_pkey")), qPrintable(completion));
        QVERIFY2(!completion.contains(QLatin1String("Seq Scan")), qPrintable(completion));
    }

    // With every batch slot busy, the worker claims the next batch ahead, so its claim overlaps
    // the running batch; it starts as soon as the slot frees, and nothing is delivered twice.
    void nextBatchIsClaimedWhileOneRuns()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_claim_ahead")));
        std::vector<std::function<void()>> heldBatch; // the first batch's handlers, answered later
        int handled = 0;
        bed.handlers.add(QStringLiteral("held"),
            { [&heldBatch, &handled](const events::Delivery &, const pg::Session &, QObject *,
                  std::function<void(events::HandlerResult)> done) {
                ++handled;
                heldBatch.push_back([done] { done(events::HandlerResult::delivered()); });
            } });
        QCOMPARE(bed.createTrigger(R"({"name":"ahead","table":"things","insert":{},"handler":{"builtin":"held"}})"),
            QString());
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'x' || g FROM generate_series(1, 30) g")).ok());
        events::WorkerOptions options;
        options.builtinConcurrency = 1;
        options.batchSize = 10;
        bed.startWorker(QStringLiteral("w1"), options);
        // The handlers of a batch run one after another: the first waits, and with it its batch.
        QTRY_COMPARE_WITH_TIMEOUT(handled, 1, 30000);
        const QString lockedByW1 = QStringLiteral("SELECT count(*) FROM trefoil.events WHERE locked_by = 'w1'");
        QTRY_COMPARE_WITH_TIMEOUT(bed.scalar(lockedByW1), 20, 30000);
        QCOMPARE(handled, 1); // the batch claimed ahead waits for the slot
        // Answer every held handler as it comes: the three batches finish, each event once.
        const auto answerHeldAndCheckSettled = [&heldBatch, &bed] {
            for (auto &answer : std::exchange(heldBatch, {}))
                answer();
            return bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'pending'")) == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(answerHeldAndCheckSettled(), 60000);
        QCOMPARE(handled, 30);
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered' AND tries = 1")),
            30);
    }

    void columnFilters()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_columns")));
        const QByteArray definition2
            = R"({"name":"v-changed","table":"things","update":{"columns":["v"]},"handler":{"builtin":"noop"}})";
        QCOMPARE(bed.createTrigger(definition2), QString());
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ('a')")).ok());
        QVERIFY(bed.sql(QStringLiteral("UPDATE things SET w = w + 1")).ok());
        QVERIFY(bed.sql(QStringLiteral("UPDATE things SET v = 'a'")).ok());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")), 0);
        QVERIFY(bed.sql(QStringLiteral("UPDATE things SET v = 'b'")).ok());
        // A value filter: only updates that make v one of the listed values.
        const QByteArray valueFilter
            = R"({"name":"v-becomes-x","table":"things","update":{"columns":["v"],"values":{"v":["x","y"]}},"handler":{"builtin":"noop"}})";
        QCOMPARE(bed.createTrigger(valueFilter), QString());
        QVERIFY(bed.sql(QStringLiteral("UPDATE things SET v = 'c'")).ok());
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'v-becomes-x'")), 0);
        QVERIFY(bed.sql(QStringLiteral("UPDATE things SET v = 'y'")).ok());
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'v-becomes-x'")), 1);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE op = 'UPDATE' AND "
                                           "data->'old'->>'v' = 'a' AND data->'new'->>'v' = 'b'")),
            1);
        // Unknown columns are refused up front, not at the first UPDATE.
        const QByteArray definition12
            = R"({"name":"bad","table":"things","update":{"columns":["nope"]},"handler":{"builtin":"noop"}})";
        QVERIFY(bed.createTrigger(definition12).contains(QLatin1String("nope")));
        const QByteArray definition13
            = R"({"name":"bad","table":"no_such_table","insert":{},"handler":{"builtin":"noop"}})";
        QVERIFY(bed.createTrigger(definition13).contains(QLatin1String("does not exist")));
    }

    void deliversHasuraPayload()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_payload")));
        QList<QJsonObject> payloads;
        bed.handlers.add(QStringLiteral("capture"),
            { [&payloads](const events::Delivery &delivery, const pg::Session &, QObject *,
                  std::function<void(events::HandlerResult)> done) {
                 payloads.append(QJsonDocument::fromJson(delivery.payload).object());
                 done(events::HandlerResult::delivered());
             },
                false });
        const QByteArray definition3
            = R"({"name":"cap","table":{"schema":"public","name":"things"},"insert":{"columns":"*"},
                                       "handler":{"builtin":"capture"},"retry_conf":{"num_retries":4}})";
        QCOMPARE(bed.createTrigger(definition3), QString());
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ('hello')")).ok());
        QVERIFY(QTest::qWaitFor([&payloads] { return !payloads.isEmpty(); }, 30000));
        const QJsonObject payload = payloads.first();
        QCOMPARE(payload.value(QLatin1String("event")).toObject().value(QLatin1String("op")).toString(),
            QStringLiteral("INSERT"));
        const QJsonObject data
            = payload.value(QLatin1String("event")).toObject().value(QLatin1String("data")).toObject();
        QVERIFY(data.value(QLatin1String("old")).isNull());
        QCOMPARE(
            data.value(QLatin1String("new")).toObject().value(QLatin1String("v")).toString(), QStringLiteral("hello"));
        QVERIFY(payload.value(QLatin1String("event")).toObject().contains(QLatin1String("session_variables")));
        QCOMPARE(payload.value(QLatin1String("trigger")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("cap"));
        QCOMPARE(payload.value(QLatin1String("table")).toObject().value(QLatin1String("schema")).toString(),
            QStringLiteral("public"));
        QCOMPARE(payload.value(QLatin1String("table")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("things"));
        QCOMPARE(
            payload.value(QLatin1String("delivery_info")).toObject().value(QLatin1String("max_retries")).toInt(), 4);
        QCOMPARE(
            payload.value(QLatin1String("delivery_info")).toObject().value(QLatin1String("current_retry")).toInt(), 0);
        QVERIFY(!payload.value(QLatin1String("id")).toString().isEmpty());
        QVERIFY(!payload.value(QLatin1String("created_at")).toString().isEmpty());
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered' AND "
                                           "delivered_at IS NOT NULL AND locked_by IS NULL")),
            1);
        QCOMPARE(
            bed.scalar(QStringLiteral(
                "SELECT count(*) FROM trefoil.invocations WHERE worker_id = 'w1' AND attempt = 1 AND error IS NULL")),
            1);
    }

    // A built-in step's writes commit with the delivered mark, or not at all.
    void builtinWritesShareTheDeliveringTransaction()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_atomic")));
        bed.handlers.add(QStringLiteral("record"), recordingHandler(QStringLiteral("w1"), 0.0));
        bed.handlers.add(QStringLiteral("record-then-fail"), recordingHandler(QStringLiteral("w1"), 1.0));
        const QByteArray definition4 = R"({"name":"good","table":"things","insert":{},"handler":{"builtin":"record"}})";
        QCOMPARE(bed.createTrigger(definition4), QString());
        const QByteArray definition5
            = R"({"name":"bad","table":"things","update":{},"handler":{"builtin":"record-then-fail"},"retry_conf":{"num_retries":0}})";
        QCOMPARE(bed.createTrigger(definition5), QString());
        // The events are there before the worker starts, so one batch holds good and bad ones:
        // the first failure undoes the batch, which runs again with a savepoint per handler.
        QVERIFY(queueInsertsAroundUpdates(bed, 10, 50));
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'good' AND status = 'delivered'")),
            50);
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'bad' AND status = 'dead'")),
            10);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM effects e JOIN trefoil.events v ON v.id = e.event_id "
                                           "WHERE v.trigger_name = 'good'")),
            50);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM effects e JOIN trefoil.events v ON v.id = e.event_id "
                                           "WHERE v.trigger_name = 'bad'")),
            0);
        QCOMPARE(
            bed.scalar(QStringLiteral(
                "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'bad' AND last_error = 'injected failure'")),
            10);
        // Running a batch again is not another attempt: one try and one log row per good event.
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'good' AND tries = 1")),
            50);
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations WHERE trigger_name = 'good'")), 50);
    }

    // A handler's failing statement aborts the batch's transaction: the batch runs again with a
    // savepoint per handler, and only that handler's event fails (once, not in a loop of undone
    // batches that never counts an attempt).
    void statementErrorFailsOnlyItsOwnEvent()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_stmt_error")));
        bed.handlers.add(QStringLiteral("record"), recordingHandler(QStringLiteral("w1"), 0.0));
        bed.handlers.add(QStringLiteral("divide-by-zero"),
            { [](const events::Delivery &, const pg::Session &session, QObject *context,
                  std::function<void(events::HandlerResult)> done) {
                session.exec(QStringLiteral("SELECT 1 / 0"), context, [done](const pg::Result &result) {
                    done(result.ok() ? events::HandlerResult::delivered()
                                     : events::HandlerResult::failed(result.error().message));
                });
            } });
        QCOMPARE(bed.createTrigger(R"({"name":"good","table":"things","insert":{},"handler":{"builtin":"record"}})"),
            QString());
        QCOMPARE(
            bed.createTrigger(
                R"({"name":"bad","table":"things","update":{},"handler":{"builtin":"divide-by-zero"},"retry_conf":{"num_retries":0}})"),
            QString());
        QVERIFY(queueInsertsAroundUpdates(bed, 5, 20));
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = 'good' AND status "
                                           "= 'delivered' AND tries = 1")),
            20);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM effects")), 20);
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'bad' AND status = 'dead' AND tries = 1"
                     " AND last_error LIKE '%division by zero%'")),
            5);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations")), 25);
    }

    // A failure that left the transaction untouched (the handler decided before writing) needs no
    // undoing: the batch goes on without running its handlers again.
    void untouchedFailureDoesNotRerunTheBatch()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_untouched")));
        int recordRuns = 0;
        bed.handlers.add(QStringLiteral("record"),
            { [&recordRuns](const events::Delivery &delivery, const pg::Session &session, QObject *context,
                  std::function<void(events::HandlerResult)> done) {
                ++recordRuns;
                session.exec(QStringLiteral("INSERT INTO effects (event_id, worker) VALUES ($1::uuid, 'w1')"),
                    { delivery.eventId }, context, [done](const pg::Result &result) {
                        done(result.ok() ? events::HandlerResult::delivered()
                                         : events::HandlerResult::failed(result.error().message));
                    });
            } });
        bed.handlers.add(QStringLiteral("refuse"),
            { [](const events::Delivery &, const pg::Session &, QObject *,
                  std::function<void(events::HandlerResult)> done) {
                events::HandlerResult refused = events::HandlerResult::failed(QStringLiteral("refused"));
                refused.untouched = true;
                done(refused);
            } });
        QCOMPARE(bed.createTrigger(R"({"name":"good","table":"things","insert":{},"handler":{"builtin":"record"}})"),
            QString());
        QCOMPARE(
            bed.createTrigger(
                R"({"name":"refused","table":"things","update":{},"handler":{"builtin":"refuse"},"retry_conf":{"num_retries":0}})"),
            QString());
        QVERIFY(queueInsertsAroundUpdates(bed, 5, 20));
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM effects")), 20);
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM trefoil.events WHERE trigger_name = 'refused' AND status = 'dead'")),
            5);
        QCOMPARE(recordRuns, 20);
    }

    void retriesFollowTheScheduleThenDie()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_retry")));
        bool succeed = false;
        bed.handlers.add(QStringLiteral("flaky"), switchableHandler(succeed, QStringLiteral("not yet")));
        const QByteArray definition6 = R"({"name":"flaky","table":"things","insert":{},"handler":{"builtin":"flaky"},
                                       "retry_conf":{"num_retries":2,"interval_sec":1}})";
        QCOMPARE(bed.createTrigger(definition6), QString());
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ('r')")).ok());
        QVERIFY(bed.waitUntilSettled(60000));
        QCOMPARE(bed.sql(QStringLiteral("SELECT status FROM trefoil.events")).text(0, 0), QStringLiteral("dead"));
        QCOMPARE(bed.scalar(QStringLiteral("SELECT tries FROM trefoil.events")), 3);
        // The invocation log has the attempts in order, at least interval_sec apart.
        const pg::Result log
            = bed.sql(QStringLiteral("SELECT attempt, extract(epoch FROM started_at - lag(started_at) OVER (ORDER BY "
                                     "attempt)) FROM trefoil.invocations ORDER BY attempt"));
        QCOMPARE(log.rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(log.toInt(row, 0), row + 1);
        QVERIFY2(log.toDouble(1, 1) >= 0.99 && log.toDouble(2, 1) >= 0.99,
            qPrintable(log.text(1, 1) + QLatin1Char(' ') + log.text(2, 1)));

        // The operator fixes the cause and redelivers: the event completes.
        succeed = true;
        events::EventFilter dead;
        dead.statuses = { QStringLiteral("dead") };
        std::optional<qint64> counted, redelivered;
        bed.operations->count(dead, &bed.context, [&counted](qint64 n, const QString &) { counted = n; });
        QVERIFY(QTest::qWaitFor([&counted] { return counted.has_value(); }, 30000));
        QCOMPARE(*counted, 1);
        bed.operations->redeliver(dead, &bed.context, [&redelivered](qint64 n, const QString &) { redelivered = n; });
        QVERIFY(QTest::qWaitFor([&redelivered] { return redelivered.has_value(); }, 30000));
        QCOMPARE(*redelivered, 1);
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.sql(QStringLiteral("SELECT status, redelivered FROM trefoil.events")).text(0, 0),
            QStringLiteral("delivered"));
        QCOMPARE(bed.scalar(QStringLiteral("SELECT redelivered FROM trefoil.events")), 1);
    }

    void bulkRedeliverByFilterInBatches()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_bulk")));
        bool succeed = false;
        bed.handlers.add(QStringLiteral("switch"), switchableHandler(succeed, QStringLiteral("payment gateway down")));
        const QByteArray definition7 = R"({"name":"bulk","table":"things","insert":{},"handler":{"builtin":"switch"}})";
        QCOMPARE(bed.createTrigger(definition7), QString());
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'b' FROM generate_series(1, 2500)")).ok());
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'dead'")), 2500);

        succeed = true;
        events::EventFilter filter;
        filter.trigger = QStringLiteral("bulk");
        filter.errorContains = QStringLiteral("GATEWAY");
        std::optional<qint64> redelivered;
        bed.operations->redeliver(filter, &bed.context, [&redelivered](qint64 n, const QString &) { redelivered = n; });
        QVERIFY(QTest::qWaitFor([&redelivered] { return redelivered.has_value(); }, 60000));
        QCOMPARE(*redelivered, 2500);
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered'")), 2500);
    }

    void pauseCancelAndRetention()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_pause")));
        const QByteArray definition8
            = R"({"name":"p","table":"things","insert":{},"handler":{"builtin":"noop"},"paused":true})";
        QCOMPARE(bed.createTrigger(definition8), QString());
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 'p' FROM generate_series(1, 20)")).ok());
        // Paused: captured, not delivered. A sweep runs every second; after two the events are still pending.
        QSignalSpy noAttempts(bed.workers.front().get(), &events::EventWorker::attemptsFinished);
        QVERIFY(!noAttempts.wait(2500));
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'pending'")), 20);

        events::EventFilter some;
        some.trigger = QStringLiteral("p");
        some.ids = { bed.sql(QStringLiteral("SELECT id FROM trefoil.events ORDER BY created_at LIMIT 1")).text(0, 0) };
        std::optional<qint64> cancelled;
        bed.operations->cancel(some, QStringLiteral("customer called"), &bed.context,
            [&cancelled](qint64 n, const QString &) { cancelled = n; });
        QVERIFY(QTest::qWaitFor([&cancelled] { return cancelled.has_value(); }, 30000));
        QCOMPARE(*cancelled, 1);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'cancelled' AND "
                                           "cancel_reason = 'customer called'")),
            1);

        std::optional<QString> resumed;
        bed.store->setPaused(QStringLiteral("p"), false, &bed.context,
            [&resumed](const QString &error, const QString &) { resumed = error; });
        QVERIFY(QTest::qWaitFor([&resumed] { return resumed.has_value(); }, 30000));
        QCOMPARE(*resumed, QString());
        QVERIFY(bed.waitUntilSettled());
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered'")), 19);

        // Retention: delivered and cancelled events older than the age go, with their logs.
        QVERIFY(bed.sql(QStringLiteral("UPDATE trefoil.events SET created_at = created_at - interval '2 days'")).ok());
        std::optional<qint64> removed;
        bed.operations->applyRetention(
            24 * 3600, 30 * 24 * 3600, &bed.context, [&removed](qint64 n, const QString &) { removed = n; });
        QVERIFY(QTest::qWaitFor([&removed] { return removed.has_value(); }, 30000));
        QCOMPARE(*removed, 20);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events")), 0);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations")), 0);
    }

    void manualInvocation()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_manual")));
        const QByteArray definition9
            = R"({"name":"m","table":"things","enable_manual":true,"handler":{"builtin":"noop"}})";
        QCOMPARE(bed.createTrigger(definition9), QString());
        std::optional<QString> id, error;
        bed.operations->invoke(QStringLiteral("m"), QJsonObject { { QStringLiteral("id"), 7 } }, &bed.context,
            [&id, &error](const QString &eventId, const QString &message) {
                id = eventId;
                error = message;
            });
        QVERIFY(QTest::qWaitFor([&id] { return id.has_value(); }, 30000));
        QVERIFY2(error->isEmpty(), qPrintable(*error));
        QCOMPARE(bed.sql(QStringLiteral("SELECT op FROM trefoil.events WHERE id = $1::uuid"), { *id }).text(0, 0),
            QStringLiteral("MANUAL"));
    }

    // A worker process dies mid-delivery: after its lease the event is delivered by another worker.
    void leaseReclaimedAfterKill9()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_kill")));
        const QByteArray definition10
            = R"({"name":"slow","table":"things","insert":{},"handler":{"builtin":"hang-in-child"},
                                       "retry_conf":{"num_retries":3,"timeout_sec":1}})";
        QCOMPARE(bed.createTrigger(definition10), QString());
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ('k')")).ok());

        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--worker-child"), bed.conninfo, QStringLiteral("doomed"), QStringLiteral("hang") });
        QVERIFY(child.waitForStarted());
        QVERIFY(QTest::qWaitFor(
            [&bed] {
                return bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE locked_by = 'doomed'"))
                    == 1;
            },
            60000));
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());

        bed.handlers.add(QStringLiteral("hang-in-child"), recordingHandler(QStringLiteral("survivor"), 0.0));
        events::WorkerOptions options;
        options.leaseGraceSeconds = 1;
        bed.startWorker(QStringLiteral("survivor"), options);
        QVERIFY(bed.waitUntilSettled(60000));
        const pg::Result event = bed.sql(QStringLiteral("SELECT status, tries FROM trefoil.events"));
        QCOMPARE(event.text(0, 0), QStringLiteral("delivered"));
        QCOMPARE(event.toInt(0, 1), 2); // the lost attempt counts
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM effects WHERE worker = 'survivor'")), 1);
    }

    // Three worker processes with randomly failing handlers drain 20,000 events: every event ends
    // delivered or dead, none is left in flight, and none has its effect applied twice.
    void threeProcessesDrainTwentyThousand()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_scale")));
        const QByteArray definition11
            = R"({"name":"scale","table":"things","insert":{},"handler":{"builtin":"flaky-in-child"},
                                       "retry_conf":{"num_retries":4,"interval_sec":0}})";
        QCOMPARE(bed.createTrigger(definition11), QString());
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) SELECT 's' FROM generate_series(1, 20000)")).ok());
        std::vector<std::unique_ptr<QProcess>> children;
        for (int i = 0; i < 3; ++i) {
            auto child = std::make_unique<QProcess>();
            child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child->start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--worker-child"), bed.conninfo, QStringLiteral("child-%1").arg(i),
                    QStringLiteral("flaky") });
            QVERIFY(child->waitForStarted());
            children.push_back(std::move(child));
        }
        QVERIFY(bed.waitUntilSettled(300000));
        for (auto &child : children) {
            child->terminate();
            child->waitForFinished();
        }
        QCOMPARE(
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status IN ('delivered', 'dead')")),
            20000);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE locked_by IS NOT NULL")), 0);
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT count(*) FROM (SELECT event_id FROM effects GROUP BY event_id HAVING count(*) > 1) d")),
            0);
        QCOMPARE(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events v JOIN effects e ON e.event_id = v.id "
                                           "WHERE v.status = 'delivered'")),
            bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'delivered'")));
        QCOMPARE(
            bed.scalar(QStringLiteral(
                "SELECT count(*) FROM trefoil.events v JOIN effects e ON e.event_id = v.id WHERE v.status = 'dead'")),
            0);
        QVERIFY(bed.scalar(QStringLiteral("SELECT count(DISTINCT worker_id) FROM trefoil.invocations")) >= 2);
        QVERIFY(bed.scalar(QStringLiteral("SELECT count(*) FROM trefoil.invocations WHERE error = 'injected failure'"))
            > 0);
    }

    void webhooks()
    {
        EventTestbed bed;
        QVERIFY(bed.setUp(QStringLiteral("ev_webhook")));
        WebhookServer server;
        QVERIFY(server.isListening());
        auto trigger = [&server](const char *name, const char *path, const char *retry) {
            static const char *const pattern
                = R"({"name":"%1","table":"things","insert":{},"webhook":"%2","retry_conf":%3,
                                      "headers":[{"name":"X-Trefoil-Test","value":"yes"}]})";
            return QString::fromLatin1(pattern)
                .arg(QLatin1String(name), server.url(QLatin1String(path)), QLatin1String(retry))
                .toUtf8();
        };
        const char *retryConf14 = R"({"num_retries":0})";
        QCOMPARE(bed.createTrigger(trigger("ok", "/ok", retryConf14)), QString());
        const char *retryConf15 = R"({"num_retries":1,"interval_sec":0})";
        QCOMPARE(bed.createTrigger(trigger("fail500", "/fail500", retryConf15)), QString());
        const char *retryConf16 = R"({"num_retries":3})";
        QCOMPARE(bed.createTrigger(trigger("notfound", "/notfound", retryConf16)), QString());
        const char *retryConf17 = R"({"num_retries":0,"timeout_sec":1})";
        QCOMPARE(bed.createTrigger(trigger("hang", "/hang", retryConf17)), QString());
        const char *retryConf18 = R"({"num_retries":0})";
        QCOMPARE(bed.createTrigger(trigger("huge", "/huge", retryConf18)), QString());
        const char *retryConf19 = R"({"num_retries":2,"interval_sec":100})";
        QCOMPARE(bed.createTrigger(trigger("ratelimit", "/ratelimit", retryConf19)), QString());
        const QByteArray refused = "{\"name\":\"refused\",\"table\":\"things\",\"insert\":{},\"webhook\":\"http://"
                                   "127.0.0.1:1/x\",\"retry_conf\":{\"num_retries\":0}}";
        QCOMPARE(bed.createTrigger(refused), QString());
        bed.startWorker(QStringLiteral("w1"));
        QVERIFY(bed.sql(QStringLiteral("INSERT INTO things (v) VALUES ('hook')")).ok());
        QVERIFY(bed.waitUntilSettled(60000));

        auto status = [&bed](const char *name) {
            return bed
                .sql(QStringLiteral("SELECT status FROM trefoil.events WHERE trigger_name = $1"),
                    { QLatin1String(name) })
                .text(0, 0);
        };
        QCOMPARE(status("ok"), QStringLiteral("delivered"));
        QCOMPARE(status("fail500"), QStringLiteral("dead"));
        QCOMPARE(server.hits.value(QStringLiteral("/fail500")), 2);
        QCOMPARE(status("notfound"), QStringLiteral("dead"));
        QCOMPARE(server.hits.value(QStringLiteral("/notfound")), 1); // 4xx: dead at once
        QCOMPARE(status("hang"), QStringLiteral("dead"));
        QVERIFY(bed.sql(QStringLiteral("SELECT error FROM trefoil.invocations WHERE trigger_name = 'hang'"))
                    .text(0, 0)
                    .contains(QLatin1String("timeout")));
        QCOMPARE(status("huge"), QStringLiteral("delivered"));
        QVERIFY(
            bed.scalar(QStringLiteral("SELECT length(response) FROM trefoil.invocations WHERE trigger_name = 'huge'"))
            <= 4096);
        QCOMPARE(status("ratelimit"), QStringLiteral("delivered")); // Retry-After: 1 beat interval_sec 100
        QCOMPARE(server.hits.value(QStringLiteral("/ratelimit")), 2);
        QCOMPARE(status("refused"), QStringLiteral("dead"));
        QVERIFY(!bed.sql(QStringLiteral("SELECT error FROM trefoil.invocations WHERE trigger_name = 'refused'"))
                     .text(0, 0)
                     .isEmpty());
        QCOMPARE(bed.scalar(QStringLiteral(
                     "SELECT http_status FROM trefoil.invocations WHERE trigger_name = 'fail500' AND attempt = 2")),
            500);

        // The body is Hasura's payload; the trigger's headers are sent.
        bool sawPayload = false;
        for (qsizetype i = 0; i < server.bodies.size(); ++i) {
            const QJsonObject body = QJsonDocument::fromJson(server.bodies.at(i)).object();
            if (body.value(QLatin1String("trigger")).toObject().value(QLatin1String("name")).toString()
                == QLatin1String("ok")) {
                sawPayload = body.value(QLatin1String("event"))
                                 .toObject()
                                 .value(QLatin1String("data"))
                                 .toObject()
                                 .value(QLatin1String("new"))
                                 .toObject()
                                 .value(QLatin1String("v"))
                                 .toString()
                    == QLatin1String("hook");
                QVERIFY(server.heads.at(i).toLower().contains("x-trefoil-test: yes"));
            }
        }
        QVERIFY(sawPayload);
    }
};

// The test binary doubles as a worker process for the multi-process tests:
//   tst_eventworker --worker-child CONNINFO WORKER_ID hang|flaky
static int runWorkerChild(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString conninfo = QString::fromLocal8Bit(argv[2]);
    const QString workerId = QString::fromLocal8Bit(argv[3]);
    const QString mode = QString::fromLocal8Bit(argv[4]);
    pg::Pool pool(conninfo, 4);
    pg::Listener listener(conninfo);
    events::HandlerRegistry handlers;
    handlers.add(QStringLiteral("hang-in-child"),
        { [](const events::Delivery &, const pg::Session &, QObject *,
              std::function<void(events::HandlerResult)>) { /* never answers */ },
            false });
    handlers.add(
        QStringLiteral("flaky-in-child"), recordingHandler(workerId, mode == QLatin1String("flaky") ? 0.2 : 0.0));
    events::WorkerOptions options;
    options.workerId = workerId;
    options.leaseGraceSeconds = 1;
    events::EventWorker worker(&pool, &listener, &handlers, options);
    worker.start();
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    return app.exec();
}

int main(int argc, char *argv[])
{
    if (argc == 5 && std::strcmp(argv[1], "--worker-child") == 0)
        return runWorkerChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestEventWorker test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_eventworker.moc"
