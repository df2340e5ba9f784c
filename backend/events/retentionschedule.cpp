#include "backend/events/retentionschedule.h"

#include "backend/events/eventoperations.h"
#include "backend/events/operatorsettings.h"

namespace trefoil::events {

RetentionSchedule::RetentionSchedule(OperatorSettings *settings, EventOperations *operations, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_operations(operations)
{
    connect(&m_timer, &QTimer::timeout, this, &RetentionSchedule::runOnce);
}

void RetentionSchedule::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void RetentionSchedule::runOnce()
{
    if (m_running)
        return;
    m_running = true;
    m_settings->get(this, [this](const QJsonObject &settings, const QString &error) {
        if (!error.isEmpty()) {
            m_running = false;
            Q_EMIT applied(0, error);
            return;
        }
        const int delivered = OperatorSettings::deliveredAgeSeconds(settings);
        const int dead = OperatorSettings::deadAgeSeconds(settings);
        if (delivered < 0 && dead < 0) {
            m_running = false;
            Q_EMIT applied(0, {});
            return;
        }
        m_operations->applyRetention(delivered, dead, this, [this](qint64 removed, const QString &failure) {
            m_running = false;
            Q_EMIT applied(removed, failure);
        });
    });
}

} // namespace trefoil::events
