#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace trefoil::pg {
class Pool;
} // namespace trefoil::pg

namespace trefoil::events {

// The operator audit log (trefoil.audit_log): who did what to which events. A bulk action run in
// batches keeps one row: each batch with the same action id adds its count to that row.
class AuditLog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLog)

public:
    struct Entry {
        QString actor;
        QString action;
        QString target; // a trigger or function name, when the action has one
        QJsonObject filter;
        qint64 touched = 0;
        QJsonObject details;
        QString actionId; // a uuid; empty: a row of its own
    };

    explicit AuditLog(pg::Pool *pool, QObject *parent = nullptr);

    void record(const Entry &entry, QObject *context, std::function<void(const QString &error)> done);

private:
    pg::Pool *m_pool;
};

} // namespace trefoil::events
