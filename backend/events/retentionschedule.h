#pragma once

#include <QObject>
#include <QTimer>

namespace trefoil::events {

class EventOperations;
class OperatorSettings;

// Applies the stored retention settings every minute, so old events go without an operator
// asking. Each round reads the settings afresh (another process or the console may change them)
// and skips a round while the previous one still runs.
class RetentionSchedule final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionSchedule)

public:
    static constexpr int IntervalMs = 60000;

    RetentionSchedule(OperatorSettings *settings, EventOperations *operations, QObject *parent = nullptr);

    void start(int intervalMs = IntervalMs);
    // One round now.
    void runOnce();

Q_SIGNALS:
    // After each round: how many events it removed, or why it failed.
    void applied(qint64 removed, const QString &error);

private:
    OperatorSettings *m_settings;
    EventOperations *m_operations;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace trefoil::events
