#include "backend/events/auditlog.h"

#include "backend/pg/pool.h"

namespace trefoil::events {

AuditLog::AuditLog(pg::Pool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
}

void AuditLog::record(const Entry &entry, QObject *context, std::function<void(const QString &error)> done)
{
    // QVariant() rather than a null QString: Qt 6 binds an empty string, not NULL, for the latter.
    auto orNull = [](const QString &text) { return text.isEmpty() ? QVariant() : QVariant(text); };
    m_pool->exec(
        QStringLiteral("INSERT INTO trefoil.audit_log (actor, action, target, filter, touched, details, action_id)"
                       " VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::uuid)"
                       " ON CONFLICT (action_id) DO UPDATE SET touched = audit_log.touched + EXCLUDED.touched,"
                       "   details = audit_log.details || EXCLUDED.details"),
        { entry.actor, entry.action, orNull(entry.target), entry.filter, entry.touched, entry.details,
            orNull(entry.actionId) },
        context, [done = std::move(done)](const pg::Result &result) {
            done(result.ok() ? QString() : result.error().describe());
        });
}

} // namespace trefoil::events
