// The async libpq layer against a real PostgreSQL: values, errors, ordering, NOTIFY, reconnect.
#include "backend/pg/connection.h"
#include "backend/pg/embeddedcluster.h"
#include "backend/pg/listener.h"
#include "backend/pg/pool.h"
#include "backend/pg/sqlbuilder.h"
#include "tests/backend/pg/pgwait.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace trefoil;
using trefoil::test::execAndWait;

class TestPgConnection : public QObject {
    Q_OBJECT

private:
    QString m_conninfo;

private Q_SLOTS:
    void initTestCase()
    {
        m_conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("connection"));
        QVERIFY(!m_conninfo.isEmpty());
    }

    void parameters_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("cast");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("null") << QVariant() << QStringLiteral("text") << QString();
        QTest::newRow("bool true") << QVariant(true) << QStringLiteral("boolean") << QStringLiteral("t");
        QTest::newRow("bool false") << QVariant(false) << QStringLiteral("boolean") << QStringLiteral("f");
        QTest::newRow("int") << QVariant(-42) << QStringLiteral("integer") << QStringLiteral("-42");
        QTest::newRow("int64") << QVariant(qint64(9007199254740993LL)) << QStringLiteral("bigint")
                               << QStringLiteral("9007199254740993");
        QTest::newRow("double") << QVariant(0.1) << QStringLiteral("double precision") << QStringLiteral("0.1");
        QTest::newRow("nan") << QVariant(qQNaN()) << QStringLiteral("double precision") << QStringLiteral("NaN");
        QTest::newRow("text quotes") << QVariant(QStringLiteral("it's \"quoted\"; DROP TABLE x; --"))
                                     << QStringLiteral("text") << QStringLiteral("it's \"quoted\"; DROP TABLE x; --");
        QTest::newRow("text unicode") << QVariant(QStringLiteral("Grüße, 寿司 🍣")) << QStringLiteral("text")
                                      << QStringLiteral("Grüße, 寿司 🍣");
        QTest::newRow("empty text") << QVariant(QString(QLatin1String(""))) << QStringLiteral("text") << QString();
        QTest::newRow("uuid") << QVariant(QUuid(QStringLiteral("{8f0c1c3e-0a4b-4c39-9d0c-6a2b9c1e7f00}")))
                              << QStringLiteral("uuid") << QStringLiteral("8f0c1c3e-0a4b-4c39-9d0c-6a2b9c1e7f00");
        QTest::newRow("date") << QVariant(QDate(2026, 2, 28)) << QStringLiteral("date") << QStringLiteral("2026-02-28");
        QTest::newRow("timestamptz") << QVariant(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC))
                                     << QStringLiteral("timestamptz") << QStringLiteral("2026-01-02 03:04:05.678+00");
        QTest::newRow("json object") << QVariant(QJsonObject { { QStringLiteral("a"), 1 } }) << QStringLiteral("jsonb")
                                     << QStringLiteral("{\"a\": 1}");
        QTest::newRow("json array") << QVariant(QJsonArray { 1, QStringLiteral("x") }) << QStringLiteral("jsonb")
                                    << QStringLiteral("[1, \"x\"]");
        QTest::newRow("text array") << QVariant(
            QStringList { QStringLiteral("a,b"), QStringLiteral("c\"d"), QStringLiteral("") })
                                    << QStringLiteral("text[]") << QStringLiteral("{\"a,b\",\"c\\\"d\",\"\"}");
    }

    void parameters()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, cast);
        QFETCH(QString, expectedText);
        pg::Pool pool(m_conninfo, 1);
        // The session time zone is fixed so that timestamps print the same everywhere.
        QVERIFY(execAndWait(pool, QStringLiteral("SET TIME ZONE 'UTC'")).ok());
        const pg::Result result
            = execAndWait(pool, QStringLiteral("SELECT $1::%1, $1::%1 IS NULL").arg(cast), { value });
        QVERIFY2(result.ok(), qPrintable(result.error().describe()));
        QCOMPARE(result.rowCount(), 1);
        QCOMPARE(result.isNull(0, 0), !value.isValid());
        QCOMPARE(result.toBool(0, 1), !value.isValid());
        QCOMPARE(result.text(0, 0), expectedText);
    }

    void byteaRoundTrip()
    {
        pg::Pool pool(m_conninfo, 1);
        QByteArray bytes;
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
        const pg::Result result = execAndWait(pool, QStringLiteral("SELECT $1::bytea, length($1::bytea)"), { bytes });
        QVERIFY2(result.ok(), qPrintable(result.error().describe()));
        QCOMPARE(result.value(0, 0).toByteArray(), bytes);
        QCOMPARE(result.toInt(0, 1), 256);
    }

    void typedValues()
    {
        pg::Pool pool(m_conninfo, 1);
        const pg::Result result = execAndWait(pool,
            QStringLiteral("SELECT 7::int4 AS i, 2.5::float8 AS f, true AS b, 'x'::text AS t, NULL::int AS n, "
                           "'2026-03-04 05:06:07.5+00'::timestamptz AS ts"));
        QVERIFY(result.ok());
        QCOMPARE(result.columnCount(), 6);
        QCOMPARE(result.columnName(3), QStringLiteral("t"));
        QCOMPARE(result.columnIndex(QStringLiteral("ts")), 5);
        QCOMPARE(result.value(0, 0), QVariant(qint64(7)));
        QCOMPARE(result.value(0, 1).toDouble(), 2.5);
        QCOMPARE(result.value(0, 2), QVariant(true));
        QCOMPARE(result.text(0, QStringLiteral("t")), QStringLiteral("x"));
        QVERIFY(!result.value(0, 4).isValid());
        QCOMPARE(result.toDateTime(0, 5).toUTC(), QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 500), Qt::UTC));
    }

    void errorKinds_data()
    {
        QTest::addColumn<QString>("sqlState");
        QTest::addColumn<int>("kind");
        QTest::newRow("unique") << QStringLiteral("23505") << int(pg::ErrorKind::UniqueViolation);
        QTest::newRow("foreign key") << QStringLiteral("23503") << int(pg::ErrorKind::ForeignKeyViolation);
        QTest::newRow("not null") << QStringLiteral("23502") << int(pg::ErrorKind::NotNullViolation);
        QTest::newRow("check") << QStringLiteral("23514") << int(pg::ErrorKind::CheckViolation);
        QTest::newRow("serialization") << QStringLiteral("40001") << int(pg::ErrorKind::SerializationFailure);
        QTest::newRow("deadlock") << QStringLiteral("40P01") << int(pg::ErrorKind::DeadlockDetected);
        QTest::newRow("lock not available") << QStringLiteral("55P03") << int(pg::ErrorKind::LockNotAvailable);
        QTest::newRow("data exception") << QStringLiteral("22P02") << int(pg::ErrorKind::InvalidInput);
        QTest::newRow("privilege") << QStringLiteral("42501") << int(pg::ErrorKind::InsufficientPrivilege);
        QTest::newRow("other") << QStringLiteral("P0001") << int(pg::ErrorKind::Other);
    }

    void errorKinds()
    {
        QFETCH(QString, sqlState);
        QFETCH(int, kind);
        pg::Pool pool(m_conninfo, 1);
        const pg::Result result = execAndWait(pool,
            QStringLiteral(
                "DO $$ BEGIN RAISE EXCEPTION 'raised on purpose' USING ERRCODE = '%1', DETAIL = 'some detail'; END $$")
                .arg(sqlState));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().sqlState, sqlState);
        QCOMPARE(int(result.error().kind), kind);
        QCOMPARE(result.error().message, QStringLiteral("raised on purpose"));
        QCOMPARE(result.error().detail, QStringLiteral("some detail"));
    }

    void realErrors()
    {
        pg::Pool pool(m_conninfo, 1);
        QVERIFY(execAndWait(pool, QStringLiteral("CREATE TABLE uniq (id int PRIMARY KEY)")).ok());
        QVERIFY(execAndWait(pool, QStringLiteral("INSERT INTO uniq VALUES ($1)"), { 1 }).ok());
        const pg::Result duplicate = execAndWait(pool, QStringLiteral("INSERT INTO uniq VALUES ($1)"), { 1 });
        QCOMPARE(duplicate.error().kind, pg::ErrorKind::UniqueViolation);
        QCOMPARE(execAndWait(pool, QStringLiteral("SELEC 1")).error().kind, pg::ErrorKind::SyntaxError);
        QCOMPARE(execAndWait(pool, QStringLiteral("SELECT * FROM no_such_table")).error().kind,
            pg::ErrorKind::UndefinedObject);
        QCOMPARE(execAndWait(pool, QStringLiteral("SELECT 1/0")).error().kind, pg::ErrorKind::InvalidInput);
        // The connection stays usable after errors.
        QCOMPARE(execAndWait(pool, QStringLiteral("SELECT count(*) FROM uniq")).toInt(0, 0), 1);
    }

    void statementsRunInOrder()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QList<int> order;
        QObject context;
        for (int i = 0; i < 200; ++i) {
            connection.exec(QStringLiteral("SELECT $1::int"), { i }, &context,
                [&order](const pg::Result &result) { order.append(int(result.toInt(0, 0))); });
        }
        QCOMPARE(connection.pendingCount(), 200);
        QVERIFY(QTest::qWaitFor([&order] { return order.size() == 200; }, 30000));
        for (int i = 0; i < 200; ++i)
            QCOMPARE(order.at(i), i);
        QCOMPARE(connection.pendingCount(), 0);
    }

    void statementsArePipelinedButIsolated()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QVERIFY(QTest::qWaitFor([&connection] { return connection.isReady(); }, 30000));
        // Queued in one go, all three are on the server before the first answer is read; the
        // failing one fails alone, as if they had run one by one.
        QList<pg::Result> results;
        QObject context;
        for (const char *sql : { "SELECT 1", "SELECT 1/0", "SELECT 3" })
            connection.exec(
                QString::fromLatin1(sql), &context, [&results](const pg::Result &result) { results.append(result); });
        QCOMPARE(connection.inFlightCount(), 3);
        QVERIFY(QTest::qWaitFor([&results] { return results.size() == 3; }, 30000));
        QCOMPARE(results.at(0).toInt(0, 0), 1);
        QCOMPARE(results.at(1).error().kind, pg::ErrorKind::InvalidInput);
        QCOMPARE(results.at(2).toInt(0, 0), 3);
        QCOMPARE(connection.inFlightCount(), 0);
    }

    void oneAtATimeWhenPipeliningIsOff()
    {
        pg::Connection connection(m_conninfo);
        connection.setPipelining(false);
        connection.open();
        QVERIFY(execAndWait(connection, QStringLiteral("SELECT $1::int"), { -1 }).ok()); // prepared now
        QList<qint64> results;
        QObject context;
        for (int i = 0; i < 3; ++i)
            connection.exec(QStringLiteral("SELECT $1::int"), { i }, &context,
                [&results](const pg::Result &result) { results.append(result.toInt(0, 0)); });
        QCOMPARE(connection.inFlightCount(), 1);
        QVERIFY(QTest::qWaitFor([&results] { return results.size() == 3; }, 30000));
        QCOMPARE(results, (QList<qint64> { 0, 1, 2 }));
    }

    void pipelinedTransactionKeepsItsSemantics()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QVERIFY(execAndWait(connection, QStringLiteral("CREATE TABLE IF NOT EXISTS piped (v int)")).ok());
        QList<pg::Result> results;
        QObject context;
        for (const char *sql :
            { "BEGIN", "INSERT INTO piped VALUES (1)", "SELECT 1/0", "INSERT INTO piped VALUES (2)", "COMMIT" })
            connection.exec(
                QString::fromLatin1(sql), &context, [&results](const pg::Result &result) { results.append(result); });
        QVERIFY(QTest::qWaitFor([&results] { return results.size() == 5; }, 30000));
        QVERIFY(results.at(1).ok());
        QCOMPARE(results.at(3).error().sqlState, QStringLiteral("25P02")); // in failed transaction
        // COMMIT of an aborted transaction rolls back: nothing was inserted.
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT count(*) FROM piped")).toInt(0, 0), 0);
    }

    void scriptsWaitForThePipelineAndKeepOrder()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QStringList order;
        QObject context;
        auto record = [&order](const QString &name) {
            return [&order, name](const pg::Result &result) {
                order.append(result.ok() ? name : name + QLatin1String(" failed"));
            };
        };
        connection.exec(QStringLiteral("SELECT 1"), &context, record(QStringLiteral("a")));
        connection.exec(QStringLiteral("SELECT 2"), &context, record(QStringLiteral("b")));
        connection.execScript(QStringLiteral("SELECT 3; SELECT 4"), &context, record(QStringLiteral("script")));
        connection.exec(QStringLiteral("SELECT 5"), &context, record(QStringLiteral("c")));
        connection.execScript(QStringLiteral("SELECT 6"), &context, record(QStringLiteral("script 2")));
        connection.exec(QStringLiteral("SELECT 7"), &context, record(QStringLiteral("d")));
        QVERIFY(QTest::qWaitFor([&order] { return order.size() == 6; }, 30000));
        QCOMPARE(order,
            (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("script"), QStringLiteral("c"),
                QStringLiteral("script 2"), QStringLiteral("d") }));
    }

    void nulIsRefusedNeverTruncated()
    {
        // libpq takes statements and text parameters as C strings: a NUL would cut them short
        // ("a\0b" bound as "a"). The connection refuses such a statement before sending it, with
        // PostgreSQL's own SQLSTATE for NUL, and answers it in its turn; bytea may hold NUL.
        pg::Connection connection(m_conninfo);
        connection.open();
        QVERIFY(QTest::qWaitFor([&connection] { return connection.isReady(); }, 30000));
        const QString nul = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
        QList<pg::Result> results;
        QObject context;
        auto record = [&results](const pg::Result &result) { results.append(result); };
        connection.exec(QStringLiteral("SELECT 1"), &context, record);
        connection.exec(QStringLiteral("SELECT $1::text"), { nul }, &context, record);
        connection.exec(QStringLiteral("SELECT $1::text[]"), { QStringList { nul } }, &context, record);
        connection.exec(QStringLiteral("SELECT ") + pg::SqlBuilder::quoteLiteral(nul), &context, record);
        connection.exec(QStringLiteral("SELECT 1 AS ") + pg::SqlBuilder::quoteIdentifier(nul), &context, record);
        connection.execScript(QStringLiteral("SELECT ") + pg::SqlBuilder::quoteLiteral(nul), &context, record);
        connection.exec(QStringLiteral("SELECT length($1::bytea)"), { nul.toUtf8() }, &context, record);
        connection.exec(QStringLiteral("SELECT $1::text"), { QStringLiteral("a") }, &context, record);
        QVERIFY(QTest::qWaitFor([&results] { return results.size() == 8; }, 30000));
        QCOMPARE(results.at(0).toInt(0, 0), 1);
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(results.at(i).error().kind, pg::ErrorKind::InvalidInput);
            QCOMPARE(results.at(i).error().sqlState, QStringLiteral("22021"));
        }
        QCOMPARE(results.at(6).toInt(0, 0), 3);
        QCOMPARE(results.at(7).text(0, 0), QStringLiteral("a"));
        QCOMPARE(connection.pendingCount(), 0);
    }

    void preparedStatementsReportTheirOwnErrors()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        // Statements are prepared on first use, in the same pipeline as their first run: a bad
        // one must report its own syntax error every time, not "prepared statement does not exist".
        QList<pg::Result> results;
        QObject context;
        for (int i = 0; i < 2; ++i)
            connection.exec(QStringLiteral("SELEC $1::int"), { i }, &context,
                [&results](const pg::Result &result) { results.append(result); });
        QVERIFY(QTest::qWaitFor([&results] { return results.size() == 2; }, 30000));
        QCOMPARE(results.at(0).error().kind, pg::ErrorKind::SyntaxError);
        QCOMPARE(results.at(1).error().kind, pg::ErrorKind::SyntaxError);
        QCOMPARE(
            execAndWait(connection, QStringLiteral("SELEC $1::int"), { 3 }).error().kind, pg::ErrorKind::SyntaxError);
        // The same text with other parameter types is another statement.
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT $1::text"), { 42 }).text(0, 0), QStringLiteral("42"));
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT $1::text"), { QStringLiteral("x") }).text(0, 0),
            QStringLiteral("x"));
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT $1::text"), { 42 }).text(0, 0), QStringLiteral("42"));
    }

    void preparedStatementRecoversFromChangedTable()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QVERIFY(execAndWait(connection, QStringLiteral("DROP TABLE IF EXISTS reshaped")).ok());
        QVERIFY(execAndWait(connection, QStringLiteral("CREATE TABLE reshaped (a int)")).ok());
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT * FROM reshaped")).columnCount(), 1);
        QVERIFY(execAndWait(connection, QStringLiteral("ALTER TABLE reshaped ADD COLUMN b int")).ok());
        // The cached plan may refuse once ("cached plan must not change result type"); the
        // statement is then prepared anew.
        const pg::Result changed = execAndWait(connection, QStringLiteral("SELECT * FROM reshaped"));
        QVERIFY(changed.ok() || changed.error().sqlState == QLatin1String("0A000"));
        QCOMPARE(execAndWait(connection, QStringLiteral("SELECT * FROM reshaped")).columnCount(), 2);
    }

    void sessionIsGrantedWhenABusyConnectionDrains()
    {
        pg::Pool pool(m_conninfo, 1);
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT 1")).ok());
        // The only connection has a statement queued: the session waits for it to drain, and
        // must then be granted without any other pool activity.
        bool answered = false;
        pool.exec(QStringLiteral("SELECT 2"), this, [&answered](const pg::Result &) { answered = true; });
        std::optional<pg::Session> session;
        pool.acquire(this, [&session](pg::Session granted, const pg::Error &) { session = granted; });
        QVERIFY(QTest::qWaitFor([&session] { return session.has_value(); }, 10000));
        QVERIFY(answered);
        QVERIFY(session->isValid());
    }

    void callbackSkippedWhenContextIsGone()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        bool called = false;
        auto *context = new QObject;
        connection.exec(QStringLiteral("SELECT 1"), context, [&called](const pg::Result &) { called = true; });
        delete context;
        QVERIFY(execAndWait(connection, QStringLiteral("SELECT 2")).ok());
        QVERIFY(!called);
    }

    void scriptReportsFirstError()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        std::optional<pg::Result> outcome;
        connection.execScript(QStringLiteral("SELECT 1; SELECT * FROM missing_table; SELECT 3"), this,
            [&outcome](const pg::Result &result) { outcome = result; });
        QVERIFY(QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000));
        QCOMPARE(outcome->error().kind, pg::ErrorKind::UndefinedObject);
        QVERIFY(execAndWait(connection, QStringLiteral("SELECT 1")).ok());
    }

    void cancelStatement()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QVERIFY(execAndWait(connection, QStringLiteral("SELECT 1")).ok());
        std::optional<pg::Result> outcome;
        connection.exec(
            QStringLiteral("SELECT pg_sleep(60)"), this, [&outcome](const pg::Result &result) { outcome = result; });
        QTRY_VERIFY(
            execAndWait(*std::make_unique<pg::Pool>(m_conninfo, 1),
                QStringLiteral(
                    "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'"))
                .toInt(0, 0)
            == 1);
        connection.cancelCurrent();
        QVERIFY(QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000));
        QCOMPARE(outcome->error().kind, pg::ErrorKind::QueryCanceled);
    }

    void badConninfoFailsToOpen()
    {
        pg::Connection connection(QStringLiteral("host=/nonexistent/socket/dir dbname=x connect_timeout=2"));
        QSignalSpy failed(&connection, &pg::Connection::openFailed);
        std::optional<pg::Result> outcome;
        connection.exec(QStringLiteral("SELECT 1"), this, [&outcome](const pg::Result &result) { outcome = result; });
        connection.open();
        QVERIFY(failed.count() == 1 || failed.wait(30000));
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->error().kind, pg::ErrorKind::ConnectionFailed);
    }

    void poolSessionsAreExclusive()
    {
        pg::Pool pool(m_conninfo, 2);
        QList<pg::Session> sessions;
        QObject context;
        for (int i = 0; i < 3; ++i)
            pool.acquire(&context, [&sessions](pg::Session session, const pg::Error &) { sessions.append(session); });
        QCOMPARE(sessions.size(), 2); // the third waits for a free connection
        QVERIFY(sessions.at(0).connection() != sessions.at(1).connection());
        sessions.removeFirst();
        QCOMPARE(sessions.size(), 2);
        // A transaction on one session is invisible to the other until it commits.
        std::optional<pg::Result> seen;
        const pg::Session writer = sessions.at(0);
        writer.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS tx_test (v int)"), &context, [](const pg::Result &) {});
        writer.exec(QStringLiteral("BEGIN"), &context, [](const pg::Result &) {});
        writer.exec(QStringLiteral("INSERT INTO tx_test VALUES (1)"), &context, [](const pg::Result &) {});
        writer.exec(QStringLiteral("SELECT 1"), &context, [&seen, &sessions, &context](const pg::Result &) {
            sessions.at(1).exec(QStringLiteral("SELECT count(*) FROM tx_test"), &context,
                [&seen](const pg::Result &result) { seen = result; });
        });
        QVERIFY(QTest::qWaitFor([&seen] { return seen.has_value(); }, 30000));
        QCOMPARE(seen->toInt(0, 0), 0);
        seen.reset();
        writer.exec(QStringLiteral("COMMIT"), &context, [&seen, &sessions, &context](const pg::Result &) {
            sessions.at(1).exec(QStringLiteral("SELECT count(*) FROM tx_test"), &context,
                [&seen](const pg::Result &result) { seen = result; });
        });
        QVERIFY(QTest::qWaitFor([&seen] { return seen.has_value(); }, 30000));
        QCOMPARE(seen->toInt(0, 0), 1);
    }

    void notifyBecomesSignal()
    {
        pg::Listener listener(m_conninfo);
        QSignalSpy listening(&listener, &pg::Listener::listening);
        QSignalSpy notified(&listener, &pg::Listener::notification);
        listener.listen(QStringLiteral("Mixed Case Channel"));
        QVERIFY(listening.wait(30000));
        pg::Pool pool(m_conninfo, 1);
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT pg_notify($1, $2)"),
            { QStringLiteral("Mixed Case Channel"), QStringLiteral("héllo") })
                    .ok());
        QVERIFY(notified.count() == 1 || notified.wait(30000));
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Mixed Case Channel"));
        QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("héllo"));
    }

    void notificationReadWithAnAnswerIsDelivered()
    {
        pg::Connection connection(m_conninfo);
        connection.open();
        QSignalSpy notified(&connection, &pg::Connection::notification);
        QVERIFY(execAndWait(connection, QStringLiteral("LISTEN self")).ok());
        // A session's own NOTIFY comes with the script's answer, in one write: libpq parses the
        // notification only while the answer is collected, and nothing more will arrive.
        std::optional<pg::Result> answer;
        connection.execScript(QStringLiteral("SELECT 1; NOTIFY self, 'mine'"), this,
            [&answer](const pg::Result &result) { answer = result; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 30000);
        QVERIFY(answer->ok());
        QVERIFY(notified.count() == 1 || notified.wait(5000));
        QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("mine"));
        QCOMPARE(notified.at(0).at(2).toInt(), connection.backendPid());
    }

    // The server goes away and comes back: in-flight work fails clearly, new work succeeds,
    // and the listener listens again by itself.
    void reconnectAfterServerRestart()
    {
        test::PgTestCluster own; // a private cluster, since this test restarts it
        if (!own.cluster())
            QSKIP("an external test database cannot be restarted");
        QVERIFY2(own.isValid(), qPrintable(own.errorString()));
        const QString conninfo = own.conninfo();
        pg::Pool pool(conninfo, 2);
        pg::Listener listener(conninfo);
        QSignalSpy listening(&listener, &pg::Listener::listening);
        QSignalSpy lost(&listener, &pg::Listener::lost);
        listener.listen(QStringLiteral("restart_channel"));
        QVERIFY(listening.wait(30000));
        QVERIFY(execAndWait(pool, QStringLiteral("SELECT 1")).ok());

        std::optional<pg::Result> inFlight;
        pool.exec(
            QStringLiteral("SELECT pg_sleep(60)"), this, [&inFlight](const pg::Result &result) { inFlight = result; });
        QSignalSpy stopped(own.cluster(), &pg::EmbeddedCluster::stopped);
        own.cluster()->stop();
        QVERIFY(stopped.count() == 1 || stopped.wait(30000));
        QVERIFY(QTest::qWaitFor([&inFlight] { return inFlight.has_value(); }, 30000));
        QVERIFY(!inFlight->ok());
        QVERIFY(inFlight->error().kind == pg::ErrorKind::ConnectionLost
            || inFlight->error().kind == pg::ErrorKind::AdminShutdown);
        QVERIFY(lost.count() >= 1 || lost.wait(30000));

        QSignalSpy started(own.cluster(), &pg::EmbeddedCluster::started);
        own.cluster()->start();
        QVERIFY(started.count() == 1 || started.wait(60000));
        const pg::Result after = execAndWait(pool, QStringLiteral("SELECT 42"));
        QVERIFY2(after.ok(), qPrintable(after.error().describe()));
        QCOMPARE(after.toInt(0, 0), 42);
        QVERIFY(QTest::qWaitFor([&listener] { return listener.isListening(); }, 30000));

        QSignalSpy notified(&listener, &pg::Listener::notification);
        QVERIFY(execAndWait(pool, QStringLiteral("NOTIFY restart_channel, 'back'")).ok());
        QVERIFY(notified.count() == 1 || notified.wait(30000));
        QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("back"));
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pgconnection.moc"
