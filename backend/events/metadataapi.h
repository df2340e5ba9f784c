#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

#include <functional>

namespace trefoil::events {

class EventOperations;
class TriggerStore;

// Hasura's metadata calls for event triggers, as POSTed to /v1/query and /v1/metadata:
// create_event_trigger, delete_event_trigger, redeliver_event, invoke_event_trigger (each also
// with the pg_ prefix) and bulk, plus Trefoil's pause_event_trigger and resume_event_trigger.
// Transport-agnostic: the server hands over the decoded body and sends back what it gets.
class MetadataApi final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetadataApi)

public:
    using Reply = std::function<void(int httpStatus, const QJsonValue &body)>;

    MetadataApi(TriggerStore *triggers, EventOperations *operations, QObject *parent = nullptr);

    void handle(const QJsonValue &request, Reply reply);

    // Hasura's error body: {"path", "error", "code"}.
    static QJsonObject errorBody(const QString &path, const QString &message, const QString &code);

private:
    TriggerStore *m_triggers;
    EventOperations *m_operations;

    void handleBulk(const QJsonArray &calls, Reply reply);
};

} // namespace trefoil::events
