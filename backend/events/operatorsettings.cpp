#include "backend/events/operatorsettings.h"

#include "backend/pg/pool.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace trefoil::events {

namespace {
const QLatin1String DeliveredKey("delivered_retention_hours");
const QLatin1String DeadKey("dead_retention_days");
// Small enough that the age in seconds (days × 86400) fits an int.
constexpr int MaxRetention = 20000;

const QLatin1String SettingsJson("json_build_object('delivered_retention_hours', delivered_retention_hours,"
                                 " 'dead_retention_days', dead_retention_days)");

// A retention value: absent (unchanged), null (for ever) or a positive whole number.
bool readRetention(const QJsonObject &changes, const QLatin1String &key, QVariant *value, bool *present, QString *error)
{
    *present = changes.contains(key);
    if (!*present)
        return true;
    const QJsonValue v = changes.value(key);
    if (v.isNull()) {
        *value = QVariant();
        return true;
    }
    const double number = v.toDouble(-1);
    if (!v.isDouble() || number < 1 || number != double(qint64(number)) || number > MaxRetention) {
        *error = OperatorSettings::tr("%1 must be a whole number from 1 to %2, or null to keep events for ever")
                     .arg(key)
                     .arg(MaxRetention);
        return false;
    }
    *value = int(number);
    return true;
}

void answer(const pg::Result &result, const OperatorSettings::Done &done)
{
    if (!result.ok())
        return done({}, result.error().describe());
    if (result.rowCount() == 0)
        return done({}, OperatorSettings::tr("the settings row is missing; run the engine migrations again"));
    done(QJsonDocument::fromJson(result.raw(0, 0)).object(), {});
}
} // namespace

OperatorSettings::OperatorSettings(pg::Pool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

void OperatorSettings::get(QObject *context, Done done)
{
    m_pool->exec(QLatin1String("SELECT ") + SettingsJson + QLatin1String(" FROM trefoil.operator_settings"), context,
        [done](const pg::Result &result) { answer(result, done); });
}

void OperatorSettings::set(const QJsonObject &changes, QObject *context, Done done)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.key() != DeliveredKey && it.key() != DeadKey)
            return done({}, tr("unknown setting \"%1\"").arg(it.key()));
    }
    QVariant delivered;
    QVariant dead;
    bool setDelivered = false;
    bool setDead = false;
    QString error;
    if (!readRetention(changes, DeliveredKey, &delivered, &setDelivered, &error)
        || !readRetention(changes, DeadKey, &dead, &setDead, &error))
        return done({}, error);
    m_pool->exec(
        QLatin1String("UPDATE trefoil.operator_settings SET"
                      " delivered_retention_hours = CASE WHEN $1 THEN $2::int ELSE delivered_retention_hours END,"
                      " dead_retention_days = CASE WHEN $3 THEN $4::int ELSE dead_retention_days END,"
                      " updated_at = now() RETURNING ")
            + SettingsJson,
        { setDelivered, delivered, setDead, dead }, context,
        [done](const pg::Result &result) { answer(result, done); });
}

int OperatorSettings::deliveredAgeSeconds(const QJsonObject &settings)
{
    const QJsonValue hours = settings.value(DeliveredKey);
    return hours.isDouble() ? hours.toInt() * 3600 : -1;
}

int OperatorSettings::deadAgeSeconds(const QJsonObject &settings)
{
    const QJsonValue days = settings.value(DeadKey);
    return days.isDouble() ? days.toInt() * 86400 : -1;
}

} // namespace trefoil::events
