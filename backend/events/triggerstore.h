#pragma once

#include "backend/events/triggerdefinition.h"

#include <QObject>

#include <functional>
#include <optional>

namespace trefoil::pg {
class Pool;
class Result;
} // namespace trefoil::pg

namespace trefoil::events {

// Event trigger definitions in the database: creating one installs its PL/pgSQL trigger in the
// same transaction as its row, so definition and capture never disagree. Every change NOTIFYs
// the workers on channel trefoil_triggers.
class TriggerStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriggerStore)

public:
    // error is empty on success; code is Hasura-like ("already-exists", "not-exists", "invalid-params", …).
    using Done = std::function<void(const QString &error, const QString &code)>;

    explicit TriggerStore(pg::Pool *pool, QObject *parent = nullptr);

    void create(const TriggerDefinition &trigger, bool replace, QObject *context, Done done);
    void remove(const QString &name, QObject *context, Done done);
    void setPaused(const QString &name, bool paused, QObject *context, Done done);
    // Changes what is given of paused and enabled; answers both as they are afterwards.
    void setState(const QString &name, std::optional<bool> paused, std::optional<bool> enabled, QObject *context,
        std::function<void(bool paused, bool enabled, const QString &error, const QString &code)> done);
    void list(QObject *context, std::function<void(const QList<TriggerDefinition> &, const QString &error)> done);
    // Creates (or replaces) every trigger of a declarative file: {"event_triggers": [create_event_trigger args…]}.
    void loadFile(const QString &path, QObject *context, Done done);

    static TriggerDefinition fromRow(const pg::Result &result, int row);
    static constexpr const char *SelectColumns
        = "name, schema_name, table_name, on_insert, on_update, update_columns, update_values, on_delete, on_manual, "
          "payload_columns, "
          "handler_kind, handler, headers, num_retries, interval_sec, timeout_sec, backoff, max_interval_sec, jitter, "
          "max_concurrency, enabled, paused";

private:
    pg::Pool *m_pool;
    void install(const TriggerDefinition &trigger, bool replace, const QString &previousSchema,
        const QString &previousTable, QObject *context, Done done);
};

} // namespace trefoil::events
