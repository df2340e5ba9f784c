#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace trefoil::events {

// What one delivery attempt came to, as far as retrying is concerned.
struct AttemptOutcome {
    enum class Kind { Delivered, HttpError, Timeout, NetworkError, HandlerError, Rejected };
    Kind kind = Kind::HandlerError;
    int httpStatus = 0;
    std::optional<int> retryAfterSeconds; // from a Retry-After header
};

// When to try an event again, or that it is dead. Pure: the worker supplies the attempt number
// and a random number, so schedules are testable without clocks.
struct RetryPolicy {
    enum class Backoff { Fixed, Exponential };

    int numRetries = 0; // attempts after the first
    int intervalSeconds = 10; // base delay
    int timeoutSeconds = 60; // per attempt
    Backoff backoff = Backoff::Fixed;
    int maxIntervalSeconds = 3600;
    double jitter = 0; // 0..1: the delay is spread by ±jitter/2 of itself
    int maxRetryAfterSeconds = 3600; // a Retry-After beyond this is capped

    // Delay in milliseconds before the next attempt after attempt number `attempt` (1-based) ended
    // with `outcome`, or nullopt when the event is dead. `random01` is uniform in [0, 1).
    std::optional<qint64> nextDelayMs(int attempt, const AttemptOutcome &outcome, double random01) const;

    // Hasura's retry_conf object: {num_retries, interval_sec, timeout_sec} plus our backoff fields.
    static std::optional<RetryPolicy> fromJson(const QJsonObject &retryConf, QString *error);
    QJsonObject toJson() const;

    static bool isPermanentHttpFailure(int status);
};

} // namespace trefoil::events
