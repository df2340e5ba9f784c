#pragma once

#include "backend/events/triggerdefinition.h"

namespace trefoil::events {

// The PL/pgSQL that turns a table's changes into events in the same transaction: the function,
// the trigger that calls it, and the statements that remove them. Pure text generation, so it
// can be read and tested without a database.
class TriggerSql {
public:
    static QString functionName(const QString &triggerName);
    static QString triggerName(const QString &triggerName);
    static QString createFunction(const TriggerDefinition &trigger);
    static QString createTrigger(const TriggerDefinition &trigger);
    static QString dropTrigger(const QString &triggerName, const QString &schema, const QString &table);
    static QString dropFunction(const QString &triggerName);
};

} // namespace trefoil::events
