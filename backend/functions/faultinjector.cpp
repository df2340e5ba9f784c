#include "backend/functions/faultinjector.h"

#include "backend/pg/listener.h"
#include "backend/pg/pool.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace trefoil::functions {

namespace {
Q_LOGGING_CATEGORY(lcFaults, "trefoil.functions.faults")
}

QJsonObject FaultSettings::toJson() const
{
    return { { QStringLiteral("failure_rate"), failureRate }, { QStringLiteral("latency_ms"), latencyMs },
        { QStringLiteral("always_fail"), alwaysFail }, { QStringLiteral("timeout"), timeout } };
}

FaultSettings FaultSettings::fromJson(const QJsonObject &json)
{
    FaultSettings settings;
    settings.failureRate = std::clamp(json.value(QLatin1String("failure_rate")).toDouble(), 0.0, 1.0);
    settings.latencyMs = std::clamp(json.value(QLatin1String("latency_ms")).toInt(), 0, 600000);
    settings.alwaysFail = json.value(QLatin1String("always_fail")).toBool();
    settings.timeout = json.value(QLatin1String("timeout")).toBool();
    return settings;
}

FaultInjector::FaultInjector(pg::Pool *pool, pg::Listener *listener, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_listener(listener)
{
}

void FaultInjector::start()
{
    if (m_started)
        return;
    m_started = true;
    const QString channel = QLatin1String(Channel);
    connect(m_listener, &pg::Listener::notification, this, [this, channel](const QString &notified, const QString &) {
        if (notified == channel)
            reload();
    });
    // NOTIFYs sent while the listener was away are lost: reload after every (re)connect.
    connect(m_listener, &pg::Listener::listening, this, [this] { reload(); });
    m_listener->listen(channel);
    reload();
}

void FaultInjector::reload(std::function<void()> then)
{
    // Reloads may finish out of order (different pooled connections): only the latest started counts.
    const quint64 number = ++m_reloadsStarted;
    m_pool->exec(
        QStringLiteral("SELECT name, failure_rate, latency_ms, always_fail, timeout FROM trefoil.function_faults"),
        this, [this, number, then](const pg::Result &result) {
            if (number > m_reloadApplied) {
                m_reloadApplied = number;
                if (result.ok()) {
                    QHash<QString, FaultSettings> settings;
                    for (int row = 0; row < result.rowCount(); ++row) {
                        FaultSettings s;
                        s.failureRate = result.toDouble(row, 1);
                        s.latencyMs = int(result.toInt(row, 2));
                        s.alwaysFail = result.toBool(row, 3);
                        s.timeout = result.toBool(row, 4);
                        settings.insert(result.text(row, 0), s);
                    }
                    m_settings = std::move(settings);
                } else {
                    // Without the table (a database without the demo schema) nothing is injected.
                    qCWarning(lcFaults) << "cannot read fault settings:" << result.error().describe();
                }
                m_loaded = true;
                Q_EMIT changed();
            }
            if (m_loaded) {
                for (const auto &waiting : std::exchange(m_waitingForLoad, {}))
                    waiting();
            }
            if (then)
                then();
        });
}

void FaultInjector::set(const QString &function, const FaultSettings &settings, QObject *context, Done done)
{
    m_pool->exec(
        QStringLiteral(
            "INSERT INTO trefoil.function_faults (name, failure_rate, latency_ms, always_fail, timeout)"
            " VALUES ($1, $2, $3, $4, $5)"
            " ON CONFLICT (name) DO UPDATE SET failure_rate = EXCLUDED.failure_rate, latency_ms = EXCLUDED.latency_ms,"
            "   always_fail = EXCLUDED.always_fail, timeout = EXCLUDED.timeout, updated_at = now()"),
        { function, std::clamp(settings.failureRate, 0.0, 1.0), std::clamp(settings.latencyMs, 0, 600000),
            settings.alwaysFail, settings.timeout },
        context, [this, context, done](const pg::Result &result) {
            if (!result.ok())
                return done(result.error().describe());
            QPointer<QObject> guard(context);
            reload([guard, done] {
                if (guard)
                    done({});
            });
        });
}

void FaultInjector::clear(const QString &function, QObject *context, Done done)
{
    m_pool->exec(QStringLiteral("DELETE FROM trefoil.function_faults WHERE $1 = '' OR name = $1"), { function },
        context, [this, context, done](const pg::Result &result) {
            if (!result.ok())
                return done(result.error().describe());
            QPointer<QObject> guard(context);
            reload([guard, done] {
                if (guard)
                    done({});
            });
        });
}

void FaultInjector::run(const QString &function, QObject *context, Body body, Answer done)
{
    if (!m_loaded) {
        if (!m_started)
            start();
        QPointer<QObject> guard(context);
        m_waitingForLoad.append([this, function, guard, body, done] {
            if (guard)
                apply(settings(function), guard, body, done);
        });
        return;
    }
    apply(settings(function), context, std::move(body), std::move(done));
}

void FaultInjector::apply(const FaultSettings &settings, QObject *context, Body body, Answer done)
{
    if (settings.isNone())
        return body(std::move(done));
    auto proceed = [settings, body, done] {
        if (settings.timeout) {
            events::HandlerResult timedOut = events::HandlerResult::failed(
                QStringLiteral("simulated timeout"), events::AttemptOutcome::Kind::Timeout);
            timedOut.untouched = true; // the function did not run
            return done(timedOut);
        }
        // The function runs first, so an injected failure also exercises undoing its writes.
        body([settings, done](events::HandlerResult result) {
            if (result.outcome.kind == events::AttemptOutcome::Kind::Delivered) {
                if (settings.alwaysFail)
                    return done(events::HandlerResult::failed(QStringLiteral("injected failure (always_fail)")));
                if (settings.failureRate > 0 && QRandomGenerator::global()->generateDouble() < settings.failureRate)
                    return done(events::HandlerResult::failed(QStringLiteral("injected failure")));
            }
            done(std::move(result));
        });
    };
    if (settings.latencyMs > 0)
        QTimer::singleShot(settings.latencyMs, context ? context : this, proceed);
    else
        proceed();
}

events::BuiltinHandler FaultInjector::wrap(const QString &function, events::BuiltinHandler handler)
{
    QPointer<FaultInjector> injector(this);
    auto inner = handler.run;
    handler.run = [injector, function, inner](
                      const events::Delivery &delivery, const pg::Session &session, QObject *context, Answer done) {
        Body body = [inner, delivery, session, context](
                        Answer answer) { inner(delivery, session, context, std::move(answer)); };
        if (!injector)
            return body(std::move(done));
        injector->run(function, context, std::move(body), std::move(done));
    };
    return handler;
}

} // namespace trefoil::functions
