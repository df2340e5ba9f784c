#pragma once

#include "backend/events/triggerdefinition.h"

#include <QList>

namespace trefoil::functions {

// The event triggers that drive the order workflow: validate-order on INSERT into public.orders,
// and payment, restaurant-approval and agent-assignment on UPDATE of orders.status (each function
// skips the changes that are not its own). Canonical here; demo/0004_workflow_triggers.sql is
// their generated form (a test keeps the two equal). The migration runs once on a fresh schema,
// so unlike TriggerStore it has no trigger to drop first.
class WorkflowTriggers {
public:
    static QList<events::TriggerDefinition> definitions();
    // The migration's SQL: each trigger's row in trefoil.event_triggers plus the PL/pgSQL that
    // TriggerStore would install for it (TriggerSql), so the store can later replace or remove them.
    static QString migrationSql();
};

} // namespace trefoil::functions
