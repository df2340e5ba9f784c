#include "core/events/retrypolicy.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace trefoil::events {

bool RetryPolicy::isPermanentHttpFailure(int status)
{
    // A request the receiver will never accept: retrying only burns the budget. 408 and 429 are
    // the receiver asking us to come back later.
    return status >= 400 && status < 500 && status != 408 && status != 429;
}

std::optional<qint64> RetryPolicy::nextDelayMs(int attempt, const AttemptOutcome &outcome, double random01) const
{
    if (outcome.kind == AttemptOutcome::Kind::Delivered)
        return std::nullopt;
    if (outcome.kind == AttemptOutcome::Kind::Rejected)
        return std::nullopt;
    if (outcome.kind == AttemptOutcome::Kind::HttpError && isPermanentHttpFailure(outcome.httpStatus))
        return std::nullopt;
    if (attempt > numRetries)
        return std::nullopt;

    const bool askedToWait = outcome.kind == AttemptOutcome::Kind::HttpError
        && (outcome.httpStatus == 429 || outcome.httpStatus == 503) && outcome.retryAfterSeconds;
    if (askedToWait)
        return qint64(std::clamp(*outcome.retryAfterSeconds, 0, maxRetryAfterSeconds)) * 1000;

    double seconds = intervalSeconds;
    if (backoff == Backoff::Exponential)
        seconds = intervalSeconds * std::pow(2.0, std::min(attempt - 1, 30));
    seconds = std::min(seconds, double(std::max(maxIntervalSeconds, intervalSeconds)));
    if (jitter > 0)
        seconds *= 1.0 + jitter * (random01 - 0.5);
    return qint64(std::llround(std::max(0.0, seconds) * 1000));
}

std::optional<RetryPolicy> RetryPolicy::fromJson(const QJsonObject &conf, QString *error)
{
    RetryPolicy policy;
    auto integer = [&](const char *key, int &target, int minimum) {
        const QJsonValue value = conf.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return true;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < minimum || number > 1e7 || number != std::floor(number)) {
            *error = QCoreApplication::translate("RetryPolicy", "retry_conf.%1 must be a whole number of at least %2")
                         .arg(QLatin1String(key))
                         .arg(minimum);
            return false;
        }
        target = int(number);
        return true;
    };
    if (!integer("num_retries", policy.numRetries, 0) || !integer("interval_sec", policy.intervalSeconds, 0)
        || !integer("timeout_sec", policy.timeoutSeconds, 1)
        || !integer("max_interval_sec", policy.maxIntervalSeconds, 0))
        return std::nullopt;
    const QString backoff = conf.value(QLatin1String("backoff")).toString(QStringLiteral("fixed"));
    if (backoff == QLatin1String("exponential"))
        policy.backoff = Backoff::Exponential;
    else if (backoff != QLatin1String("fixed")) {
        *error = QCoreApplication::translate("RetryPolicy", "retry_conf.backoff must be \"fixed\" or \"exponential\"");
        return std::nullopt;
    }
    const QJsonValue jitter = conf.value(QLatin1String("jitter"));
    if (!jitter.isUndefined() && !jitter.isNull()) {
        if (!jitter.isDouble() || jitter.toDouble() < 0 || jitter.toDouble() > 1) {
            *error = QCoreApplication::translate("RetryPolicy", "retry_conf.jitter must be a number from 0 to 1");
            return std::nullopt;
        }
        policy.jitter = jitter.toDouble();
    }
    return policy;
}

QJsonObject RetryPolicy::toJson() const
{
    return {
        { QStringLiteral("num_retries"), numRetries },
        { QStringLiteral("interval_sec"), intervalSeconds },
        { QStringLiteral("timeout_sec"), timeoutSeconds },
        { QStringLiteral("backoff"),
            backoff == Backoff::Exponential ? QStringLiteral("exponential") : QStringLiteral("fixed") },
        { QStringLiteral("max_interval_sec"), maxIntervalSeconds },
        { QStringLiteral("jitter"), jitter },
    };
}

} // namespace trefoil::events
