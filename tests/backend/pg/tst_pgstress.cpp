// Many pipelined statements of every shape over several connections: each answer must arrive
// through its read notification, never through the stall check's safety net.
#include "backend/pg/connection.h"
#include "backend/pg/pool.h"
#include "tests/backend/pg/pgwait.h"
#include "tests/support/pgtestcluster.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace trefoil;

namespace {

// Statements in total; TREFOIL_PGSTRESS_STATEMENTS=1000000 for the long run by hand.
qint64 statementCount()
{
    bool ok = false;
    const qint64 fromEnv = qEnvironmentVariableIntValue("TREFOIL_PGSTRESS_STATEMENTS", &ok);
    return ok && fromEnv > 0 ? fromEnv : 100000;
}

constexpr int Window = 256; // statements outstanding at any time, over all connections
constexpr int PoolSize = 4;
constexpr int NoProgressTimeoutMs = 30000;

// Keeps `Window` statements outstanding until `total` have been answered, each checked against
// what it must return. Statement n has a shape chosen by n, so every run is the same.
class StressDriver final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StressDriver)

public:
    StressDriver(pg::Pool *pool, pg::Connection *direct, qint64 total)
        : m_pool(pool)
        , m_direct(direct)
        , m_total(total)
    {
    }

    void start()
    {
        for (int i = 0; i < Window && m_issued < m_total; ++i)
            issueNext();
    }

    qint64 answered() const { return m_answered; }
    bool finished() const { return m_answered == m_total; }
    QStringList mismatches() const { return m_mismatches; }
    qint64 maxLatencyMs() const { return m_maxLatencyMs; }

private:
    using Check = std::function<QString(const pg::Result &)>;

    pg::Pool *m_pool;
    pg::Connection *m_direct;
    qint64 m_total;
    qint64 m_issued = 0;
    qint64 m_answered = 0;
    qint64 m_maxLatencyMs = 0;
    QStringList m_mismatches;
    QElapsedTimer m_clock;

    void issueNext()
    {
        if (!m_clock.isValid())
            m_clock.start();
        const qint64 n = m_issued++;
        const qint64 startedMs = m_clock.elapsed();
        Check check;
        QString sql;
        QVariantList params;
        bool script = false;
        const int shape = int(n % 1000);
        if (shape < 600) { // small prepared select
            sql = QStringLiteral("SELECT $1::int8 + 1");
            params = { n };
            check = [n](const pg::Result &r) { return expectInt(r, n + 1); };
        } else if (shape < 700) { // text in, text out
            sql = QStringLiteral("SELECT $1::text || 'x'");
            params = { QString::number(n) };
            check = [n](const pg::Result &r) {
                return r.ok() && r.text(0, 0) == QString::number(n) + QLatin1Char('x') ? QString() : describe(r);
            };
        } else if (shape < 780) { // error at execution: its statement only
            sql = QStringLiteral("SELECT 1 / $1::int");
            params = { 0 };
            check = [](const pg::Result &r) {
                return r.error().sqlState == QLatin1String("22012") ? QString() : describe(r);
            };
        } else if (shape < 840) { // many rows: answers spanning several socket reads
            const int rows = int(1 + (n * 7919) % 3000);
            sql = QStringLiteral("SELECT g, repeat('r', 20) FROM generate_series(1, $1::int) g");
            params = { rows };
            check = [rows](const pg::Result &r) {
                return r.ok() && r.rowCount() == rows && r.toInt(rows - 1, 0) == rows ? QString() : describe(r);
            };
        } else if (shape < 860) { // a large parameter: writes that do not fit at once
            const int length = 20000 + int(n % 50000);
            sql = QStringLiteral("SELECT length($1::text)");
            params = { QString(length, QLatin1Char('p')) };
            check = [length](const pg::Result &r) { return expectInt(r, length); };
        } else if (shape < 990) { // distinct texts: beyond the prepared-statement cap they run unnamed
            const qint64 variant = n % 400;
            sql = QStringLiteral("SELECT $1::int8 + %1").arg(variant);
            params = { n };
            check = [n, variant](const pg::Result &r) { return expectInt(r, n + variant); };
        } else if (shape < 995) { // fails to prepare
            sql = QStringLiteral("SELEC $1::int");
            params = { n };
            check = [](const pg::Result &r) {
                return r.error().kind == pg::ErrorKind::SyntaxError ? QString() : describe(r);
            };
        } else { // a script: several results, it leaves the pipeline and comes back
            script = true;
            sql = QStringLiteral("SELECT 1; SELECT %1").arg(n);
            check = [n](const pg::Result &r) { return expectInt(r, n); };
        }
        auto done = [this, n, startedMs, check](const pg::Result &result) {
            m_maxLatencyMs = std::max(m_maxLatencyMs, m_clock.elapsed() - startedMs);
            const QString problem = check(result);
            if (!problem.isEmpty() && m_mismatches.size() < 20)
                m_mismatches.append(QStringLiteral("statement %1: %2").arg(n).arg(problem));
            ++m_answered;
            if (m_issued < m_total)
                issueNext();
        };
        // One statement in eight goes to the connection outside the pool; scripts too.
        if (script || n % 8 == 7) {
            if (script)
                m_direct->execScript(sql, this, std::move(done));
            else
                m_direct->exec(sql, params, this, std::move(done));
        } else {
            m_pool->exec(sql, params, this, std::move(done));
        }
    }

    static QString describe(const pg::Result &r)
    {
        return r.ok() ? QStringLiteral("unexpected rows (%1): %2").arg(r.rowCount()).arg(r.text(0, 0))
                      : r.error().describe();
    }
    static QString expectInt(const pg::Result &r, qint64 expected)
    {
        return r.ok() && r.rowCount() == 1 && r.toInt(0, 0) == expected ? QString() : describe(r);
    }
};

} // namespace

class TestPgStress : public QObject {
    Q_OBJECT

private:
    QString m_conninfo;

private Q_SLOTS:
    void initTestCase()
    {
        m_conninfo = test::PgTestCluster::shared().createDatabase(QStringLiteral("stress"));
        QVERIFY(!m_conninfo.isEmpty());
    }

    void everyAnswerIsAnnounced()
    {
        pg::Pool pool(m_conninfo, PoolSize);
        pg::Connection direct(m_conninfo);
        direct.open();
        QSignalSpy poolRescues(&pool, &pg::Pool::stallRescued);
        QSignalSpy directRescues(&direct, &pg::Connection::stallRescued);
        const qint64 total = statementCount();
        StressDriver driver(&pool, &direct, total);
        QElapsedTimer clock;
        clock.start();
        driver.start();
        // No progress for a long time means a statement hung despite the safety net.
        while (!driver.finished()) {
            const qint64 before = driver.answered();
            QVERIFY2(QTest::qWaitFor([&] { return driver.answered() != before; }, NoProgressTimeoutMs),
                qPrintable(QStringLiteral("stuck after %1 of %2 statements").arg(before).arg(total)));
        }
        const qint64 elapsedMs = std::max<qint64>(1, clock.elapsed());
        const quint64 rescues = pool.stallRescues() + direct.stallRescues();
        qInfo("%lld statements in %lld ms (%lld/s) over %d connections, longest wait %lld ms, stall rescues %llu",
            total, elapsedMs, total * 1000 / elapsedMs, PoolSize + 1, driver.maxLatencyMs(),
            static_cast<unsigned long long>(rescues));
        QVERIFY2(driver.mismatches().isEmpty(), qPrintable(driver.mismatches().join(QLatin1Char('\n'))));
        QCOMPARE(quint64(poolRescues.size() + directRescues.size()), rescues);
        QCOMPARE(rescues, quint64(0));
    }
};

QTEST_MAIN(TestPgStress)
#include "tst_pgstress.moc"
