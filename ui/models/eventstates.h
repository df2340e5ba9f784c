#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace trefoil::ui {

// The six states an event is shown in (the Events page's tabs), in words people read, with the
// counts the server gives per state.
class EventStates final {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ui::EventStates)

public:
    EventStates() = delete;

    // The API's names, in tab order: pending, in_flight, retrying, delivered, dead, cancelled.
    static const QList<QString> &names();
    // "In flight" for in_flight; the name itself for one it does not know.
    static QString text(const QString &state);
    // "Dead (1,234)", the count in the locale's digits; "Dead" while the count is unknown (< 0);
    // "Delivered (~1.2M)" when the count is the server's estimate.
    static QString tabLabel(const QString &state, qint64 count, bool estimated = false);
    // "1,234", or when estimated a rounded "~1.2M" (an estimate's last digits mean nothing).
    static QString countText(qint64 count, bool estimated);
    // The count of `state` in a trefoil_event_counts answer, or -1.
    static qint64 countOf(const QJsonObject &counts, const QString &state);
    // Whether that answer's count of `state` is an estimate (listed in its "estimated").
    static bool isEstimated(const QJsonObject &counts, const QString &state);
};

} // namespace trefoil::ui
