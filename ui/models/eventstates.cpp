#include "ui/models/eventstates.h"

#include <QLocale>

namespace trefoil::ui {

const QList<QString> &EventStates::names()
{
    static const QList<QString> states { QStringLiteral("pending"), QStringLiteral("in_flight"),
        QStringLiteral("retrying"), QStringLiteral("delivered"), QStringLiteral("dead"), QStringLiteral("cancelled") };
    return states;
}

QString EventStates::text(const QString &state)
{
    if (state == QLatin1String("pending"))
        return tr("Pending");
    if (state == QLatin1String("in_flight"))
        return tr("In flight");
    if (state == QLatin1String("retrying"))
        return tr("Retrying");
    if (state == QLatin1String("delivered"))
        return tr("Delivered");
    if (state == QLatin1String("dead"))
        return tr("Dead");
    if (state == QLatin1String("cancelled"))
        return tr("Cancelled");
    return state;
}

QString EventStates::tabLabel(const QString &state, qint64 count)
{
    if (count < 0)
        return text(state);
    //: A status tab: the state and how many events are in it, e.g. "Dead (1,234)"
    return tr("%1 (%2)").arg(text(state), QLocale().toString(count));
}

qint64 EventStates::countOf(const QJsonObject &counts, const QString &state)
{
    const QJsonValue value = counts.value(state);
    return value.isDouble() ? value.toInteger(-1) : -1;
}

} // namespace trefoil::ui
