#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace trefoil::pg {
class SqlBuilder;
} // namespace trefoil::pg

namespace trefoil::events {

// Which events an operator means: every set field narrows the selection. The one translation of
// an operator's filter into SQL, so lists, counts, groups and bulk actions agree on what matches.
struct EventFilter {
    QStringList ids;
    QString trigger;
    // Stored (pending, delivered, dead, cancelled) or derived (in_flight, retrying; pending then
    // means "not yet tried and not leased") — see stateExpression().
    QStringList statuses;
    QString schema;
    QString table;
    QDateTime createdFrom;
    QDateTime createdTo;
    QString errorContains;
    QString payloadContains;
    QString fingerprint;

    static EventFilter fromJson(const QJsonObject &json);
    // The WHERE condition over `trefoil.events e`; its values become the builder's parameters.
    // withStatuses false leaves the statuses out (the per-status counts).
    QString where(pg::SqlBuilder &sql, bool withStatuses = true) const;

    // The operator's six states of an event `e`: one of pending, in_flight, retrying, delivered,
    // dead, cancelled. A live lease (locked_until in the future) makes a pending event in_flight.
    static QString stateExpression();
    // The stable part of a state for grouping failures: the lease is left out, so an event being
    // retried right now stays in its group (retrying).
    static QString fingerprintExpression();
    static const QStringList &stateNames();
    // The condition that an event `e` is in one of the six states (empty for an unknown name).
    static QString stateCondition(const QString &state);
};

} // namespace trefoil::events
