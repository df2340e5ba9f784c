#pragma once

#include "backend/graphql/schema.h"

#include <QObject>

namespace trefoil {

namespace pg {
class Pool;
}
namespace graphql {
class GraphqlEngine;
}
namespace functions {
class FaultInjector;
}
namespace events {
class AuditLog;
class EventMetrics;
class EventOperations;
class HandlerRegistry;
class OperatorSettings;
class OperatorStats;
class TriggerStore;
} // namespace events

// What the operator API's root fields work with; faults and metrics may be null.
struct OperatorServices {
    pg::Pool *pool = nullptr;
    events::EventOperations *operations = nullptr;
    events::TriggerStore *triggers = nullptr;
    const events::HandlerRegistry *handlers = nullptr;
    functions::FaultInjector *faults = nullptr; // only with the demo's fault table
    events::EventMetrics *metrics = nullptr;
};

// The operator console's GraphQL API (docs: DASH2_API.md): admin-only root fields that look at
// events, triggers and functions and act on them. Every mutation writes the audit log with the
// caller's x-hasura-user-id (or role). This class maps arguments and results; the work is done by
// EventOperations, TriggerStore, OperatorStats, OperatorSettings and AuditLog.
class OperatorFields final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorFields)

public:
    explicit OperatorFields(OperatorServices services, QObject *parent = nullptr);

    void registerOn(graphql::GraphqlEngine *engine);
    events::OperatorSettings *settings() const { return m_settings; }

private:
    using Reply = graphql::CustomRootField::Reply;
    OperatorServices m_services;
    events::AuditLog *m_audit;
    events::OperatorStats *m_stats;
    events::OperatorSettings *m_settings;

    void registerQueries(graphql::GraphqlEngine *engine);
    void registerEventMutations(graphql::GraphqlEngine *engine);
    void registerTriggerMutations(graphql::GraphqlEngine *engine);
    void registerSettingsMutations(graphql::GraphqlEngine *engine);

    // Writes the audit row, then replies with `result` (or with the audit's failure).
    void audited(const graphql::RequestSession &session, const QString &action, const QString &target,
        const QJsonObject &filter, qint64 touched, const QJsonObject &details, const QString &actionId,
        const QJsonValue &result, const Reply &reply);
    void redeliver(const QJsonObject &args, const graphql::RequestSession &session, const Reply &reply);
    void cancel(const QJsonObject &args, const graphql::RequestSession &session, const Reply &reply);
};

} // namespace trefoil
