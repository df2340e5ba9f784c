#pragma once

#include "backend/events/handlerregistry.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace trefoil::pg {
class Pool;
class Listener;
} // namespace trefoil::pg

namespace trefoil::functions {

// How one function is to misbehave.
struct FaultSettings {
    double failureRate = 0; // 0..1: this share of successful attempts is turned into failures (their writes undone)
    int latencyMs = 0; // added before the function runs (a timer, never a sleep)
    bool alwaysFail = false; // every attempt fails
    bool timeout = false; // every attempt answers "simulated timeout" after the latency, without running

    bool isNone() const { return failureRate <= 0 && latencyMs <= 0 && !alwaysFail && !timeout; }
    bool operator==(const FaultSettings &) const = default;
    // {failure_rate, latency_ms, always_fail, timeout}, as the table's columns.
    QJsonObject toJson() const;
    static FaultSettings fromJson(const QJsonObject &json);
};

// Fault injection for the workflow functions, outside their logic: it wraps a handler. Settings
// live in trefoil.function_faults so every process sees them; each process caches them and
// reloads on NOTIFY trefoil_function_faults (sent by the table's trigger, so plain SQL works too)
// and after the listener reconnects. Calls that arrive before the first load wait for it.
class FaultInjector final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultInjector)

public:
    using Done = std::function<void(const QString &error)>;
    using Answer = std::function<void(events::HandlerResult)>;
    using Body = std::function<void(Answer)>;

    FaultInjector(pg::Pool *pool, pg::Listener *listener, QObject *parent = nullptr);

    // Listens and loads the settings.
    void start();
    bool isLoaded() const { return m_loaded; }

    // The cached settings of one function (none when unset).
    FaultSettings settings(const QString &function) const { return m_settings.value(function); }
    QHash<QString, FaultSettings> allSettings() const { return m_settings; }

    // Stores the settings; `done` runs once this process uses them (others follow on NOTIFY).
    void set(const QString &function, const FaultSettings &settings, QObject *context, Done done);
    // Removes the settings of one function, or of all when `function` is empty.
    void clear(const QString &function, QObject *context, Done done);

    // Runs `body` under the function's faults and passes on its answer, or a failure in its place.
    void run(const QString &function, QObject *context, Body body, Answer done);
    // A handler that runs `handler` under the function's faults. The handler keeps a weak
    // reference: once the injector is gone it runs without faults.
    events::BuiltinHandler wrap(const QString &function, events::BuiltinHandler handler);

    static constexpr const char *Channel = "trefoil_function_faults";

Q_SIGNALS:
    // The cache was (re)loaded.
    void changed();

private:
    pg::Pool *m_pool;
    pg::Listener *m_listener;
    QHash<QString, FaultSettings> m_settings;
    bool m_loaded = false;
    bool m_started = false;
    quint64 m_reloadsStarted = 0;
    quint64 m_reloadApplied = 0;
    QList<std::function<void()>> m_waitingForLoad;

    void reload(std::function<void()> then = {});
    void apply(const FaultSettings &settings, QObject *context, Body body, Answer done);
};

} // namespace trefoil::functions
