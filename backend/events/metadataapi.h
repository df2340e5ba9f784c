#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

#include <functional>

namespace trefoil::events {

class EventOperations;
class TriggerStore;

// Hasura's metadata calls for event triggers, as POSTed to /v1/query and /v1/metadata:
// create_event_trigger, delete_event_trigger, redeliver_event, invoke_event_trigger (each also
// with the pg_ prefix) and bulk, plus Trefoil's pause_event_trigger and resume_event_trigger;
// export_metadata (Hasura's v3 shape), and the table calls another module registers.
// Transport-agnostic: the server hands over the decoded body and sends back what it gets.
class MetadataApi final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetadataApi)

public:
    using Reply = std::function<void(int httpStatus, const QJsonValue &body)>;

    MetadataApi(TriggerStore *triggers, EventOperations *operations, QObject *parent = nullptr);

    void handle(const QJsonValue &request, Reply reply);

    // Calls other modules answer (table relationships): `type` comes without the pg_ prefix; the
    // handler returns false for a type it does not know.
    using TableCalls = std::function<bool(const QString &type, const QJsonObject &args, const Reply &reply)>;
    // export_metadata's tables, each {"table", "object_relationships", "array_relationships"}.
    using TablesExport = std::function<void(QObject *context, std::function<void(QJsonArray, QString)> done)>;
    void setTableMetadata(TableCalls calls, TablesExport exportTables);

    // Hasura's error body: {"path", "error", "code"}.
    static QJsonObject errorBody(const QString &path, const QString &message, const QString &code);

private:
    TriggerStore *m_triggers;
    EventOperations *m_operations;
    TableCalls m_tableCalls;
    TablesExport m_exportTables;

    void handleBulk(const QJsonArray &calls, Reply reply);
    void exportMetadata(const Reply &reply);
};

} // namespace trefoil::events
