#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

namespace trefoil::pg {
class Pool;
} // namespace trefoil::pg

namespace trefoil::events {

// The console's stored settings (trefoil.operator_settings, one row): how long delivered and dead
// events are kept. As JSON: {"delivered_retention_hours": n|null, "dead_retention_days": n|null},
// null meaning "keep for ever".
class OperatorSettings final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorSettings)

public:
    using Done = std::function<void(const QJsonObject &settings, const QString &error)>;

    explicit OperatorSettings(pg::Pool *pool, QObject *parent = nullptr);

    void get(QObject *context, Done done);
    // Changes the keys present in `changes` (others stay); answers the settings after the change.
    void set(const QJsonObject &changes, QObject *context, Done done);

    // The retention ages in seconds for EventOperations::applyRetention (negative: keep for ever).
    static int deliveredAgeSeconds(const QJsonObject &settings);
    static int deadAgeSeconds(const QJsonObject &settings);

private:
    pg::Pool *m_pool;
};

} // namespace trefoil::events
