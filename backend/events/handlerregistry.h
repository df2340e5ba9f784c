#pragma once

#include "core/events/retrypolicy.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>

class QObject;

namespace trefoil::pg {
class Session;
}

namespace trefoil::events {

// One delivery attempt of one event, as a handler sees it.
struct Delivery {
    QString eventId;
    QString triggerName;
    int attempt = 1; // 1 for the first attempt
    QByteArray payload; // Hasura's event payload, JSON
};

// What a handler made of its attempt.
struct HandlerResult {
    AttemptOutcome outcome;
    QString error; // for the invocation log and the operator
    QByteArray response; // truncated by the worker before it is stored
    // A failure that left the delivering transaction as the handler found it (it decided before
    // writing, and no statement of its failed): nothing to undo, so its batch need not run again
    // with savepoints. Only the handler can know; false is always safe.
    bool untouched = false;

    static HandlerResult delivered(QByteArray response = {})
    {
        HandlerResult result;
        result.outcome.kind = AttemptOutcome::Kind::Delivered;
        result.response = std::move(response);
        return result;
    }
    static HandlerResult failed(QString error, AttemptOutcome::Kind kind = AttemptOutcome::Kind::HandlerError)
    {
        HandlerResult result;
        result.outcome.kind = kind;
        result.error = std::move(error);
        return result;
    }
};

// A function run inside the worker process. `session` is the delivering transaction: the
// handler's writes commit together with the event's delivered mark, or not at all.
struct BuiltinHandler {
    using Function = std::function<void(
        const Delivery &, const pg::Session &session, QObject *context, std::function<void(HandlerResult)> done)>;
    Function run;
    // Whether the handler runs SQL on the session at all. When a batch runs with savepoints, each
    // such handler gets one, so that its failure (or its statement's error, which aborts the
    // transaction) undoes only its own work. Only a handler that never touches the session may
    // say false.
    bool usesSession = true;
};

// Built-in handlers by name; the functions module and tests register theirs here.
class HandlerRegistry {
public:
    HandlerRegistry();
    void add(const QString &name, BuiltinHandler handler) { m_handlers.insert(name, std::move(handler)); }
    const BuiltinHandler *find(const QString &name) const
    {
        const auto it = m_handlers.constFind(name);
        return it == m_handlers.cend() ? nullptr : &*it;
    }
    QStringList names() const { return m_handlers.keys(); }

private:
    QHash<QString, BuiltinHandler> m_handlers;
};

} // namespace trefoil::events
