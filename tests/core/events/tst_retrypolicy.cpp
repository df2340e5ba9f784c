// The retry schedule: fixed and exponential backoff, caps, jitter, response classes, Retry-After.
#include "core/events/retrypolicy.h"

#include <QJsonObject>
#include <QTest>

using namespace trefoil::events;

class TestRetryPolicy : public QObject {
    Q_OBJECT

    static AttemptOutcome http(int status, std::optional<int> retryAfter = std::nullopt)
    {
        AttemptOutcome outcome;
        outcome.kind = AttemptOutcome::Kind::HttpError;
        outcome.httpStatus = status;
        outcome.retryAfterSeconds = retryAfter;
        return outcome;
    }
    static AttemptOutcome of(AttemptOutcome::Kind kind)
    {
        AttemptOutcome outcome;
        outcome.kind = kind;
        return outcome;
    }

private Q_SLOTS:
    void fixedSchedule()
    {
        RetryPolicy policy;
        policy.numRetries = 3;
        policy.intervalSeconds = 10;
        for (int attempt = 1; attempt <= 3; ++attempt)
            QCOMPARE(policy.nextDelayMs(attempt, http(500), 0.5), std::optional<qint64>(10000));
        QCOMPARE(policy.nextDelayMs(4, http(500), 0.5), std::nullopt); // dead after 1 + 3 attempts
    }

    void exponentialWithCap()
    {
        RetryPolicy policy;
        policy.numRetries = 10;
        policy.intervalSeconds = 2;
        policy.backoff = RetryPolicy::Backoff::Exponential;
        policy.maxIntervalSeconds = 30;
        const QList<qint64> expected = { 2000, 4000, 8000, 16000, 30000, 30000 };
        for (int attempt = 1; attempt <= expected.size(); ++attempt)
            QCOMPARE(*policy.nextDelayMs(attempt, of(AttemptOutcome::Kind::Timeout), 0.5), expected.at(attempt - 1));
    }

    void jitterSpreadsWithinBounds()
    {
        RetryPolicy policy;
        policy.numRetries = 1;
        policy.intervalSeconds = 10;
        policy.jitter = 0.2;
        QCOMPARE(*policy.nextDelayMs(1, http(502), 0.0), qint64(9000));
        QCOMPARE(*policy.nextDelayMs(1, http(502), 0.5), qint64(10000));
        QCOMPARE(*policy.nextDelayMs(1, http(502), 0.999999), qint64(11000));
    }

    void clientErrorsAreDeadAtOnce_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("dead");
        QTest::newRow("400") << 400 << true;
        QTest::newRow("401") << 401 << true;
        QTest::newRow("404") << 404 << true;
        QTest::newRow("422") << 422 << true;
        QTest::newRow("408 retried") << 408 << false;
        QTest::newRow("429 retried") << 429 << false;
        QTest::newRow("500 retried") << 500 << false;
        QTest::newRow("503 retried") << 503 << false;
    }

    void clientErrorsAreDeadAtOnce()
    {
        QFETCH(int, status);
        QFETCH(bool, dead);
        RetryPolicy policy;
        policy.numRetries = 5;
        QCOMPARE(!policy.nextDelayMs(1, http(status), 0.5).has_value(), dead);
    }

    void retryAfterHonouredButCappedAndBudgeted()
    {
        RetryPolicy policy;
        policy.numRetries = 2;
        policy.intervalSeconds = 10;
        policy.maxRetryAfterSeconds = 60;
        QCOMPARE(*policy.nextDelayMs(1, http(429, 3), 0.5), qint64(3000));
        QCOMPARE(*policy.nextDelayMs(1, http(503, 7200), 0.5), qint64(60000)); // capped
        QCOMPARE(*policy.nextDelayMs(1, http(500, 3), 0.5), qint64(10000)); // only 429/503 ask to wait
        QCOMPARE(policy.nextDelayMs(3, http(429, 1), 0.5), std::nullopt); // never past the budget
    }

    void deliveredAndRejectedNeverRetry()
    {
        RetryPolicy policy;
        policy.numRetries = 5;
        QCOMPARE(policy.nextDelayMs(1, of(AttemptOutcome::Kind::Delivered), 0.5), std::nullopt);
        QCOMPARE(policy.nextDelayMs(1, of(AttemptOutcome::Kind::Rejected), 0.5), std::nullopt);
    }

    void fromHasuraRetryConf()
    {
        QString error;
        const auto policy = RetryPolicy::fromJson(
            QJsonObject { { QStringLiteral("num_retries"), 4 }, { QStringLiteral("interval_sec"), 5 },
                { QStringLiteral("timeout_sec"), 30 }, { QStringLiteral("backoff"), QStringLiteral("exponential") } },
            &error);
        QVERIFY(policy);
        QCOMPARE(policy->numRetries, 4);
        QCOMPARE(policy->intervalSeconds, 5);
        QCOMPARE(policy->timeoutSeconds, 30);
        QCOMPARE(policy->backoff, RetryPolicy::Backoff::Exponential);
        QVERIFY(!RetryPolicy::fromJson(QJsonObject { { QStringLiteral("num_retries"), -1 } }, &error));
        QVERIFY(error.contains(QLatin1String("num_retries")));
        QVERIFY(!RetryPolicy::fromJson(QJsonObject { { QStringLiteral("timeout_sec"), 0 } }, &error));
        QVERIFY(
            !RetryPolicy::fromJson(QJsonObject { { QStringLiteral("interval_sec"), QStringLiteral("10") } }, &error));
        QVERIFY(
            !RetryPolicy::fromJson(QJsonObject { { QStringLiteral("backoff"), QStringLiteral("random") } }, &error));
        QVERIFY(!RetryPolicy::fromJson(QJsonObject { { QStringLiteral("jitter"), 2 } }, &error));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
