#include "ui/models/eventstates.h"

#include <QJsonArray>
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

QString EventStates::tabLabel(const QString &state, qint64 count, bool estimated)
{
    if (count < 0)
        return text(state);
    //: A status tab: the state and how many events are in it, e.g. "Dead (1,234)" or "Delivered (~1.2M)"
    return tr("%1 (%2)").arg(text(state), countText(count, estimated));
}

QString EventStates::countText(qint64 count, bool estimated)
{
    const QLocale locale;
    if (!estimated)
        return locale.toString(count);
    // Rounded to what an estimate can say: 950, 1.2K, 12K, 120K, 1.2M, …
    const auto scaled = [&locale](double value) { return locale.toString(value, 'f', value < 9.95 ? 1 : 0); };
    QString shown;
    if (count < 1000)
        shown = locale.toString(count);
    else if (count < 999500)
        //: An estimated number of thousands, e.g. "12K"
        shown = tr("%1K").arg(scaled(count / 1e3));
    else if (count < 999500000)
        //: An estimated number of millions, e.g. "1.2M"
        shown = tr("%1M").arg(scaled(count / 1e6));
    else
        //: An estimated number of billions, e.g. "1.2B"
        shown = tr("%1B").arg(scaled(count / 1e9));
    //: An estimated count, e.g. "~1.2M"
    return tr("~%1").arg(shown);
}

qint64 EventStates::countOf(const QJsonObject &counts, const QString &state)
{
    const QJsonValue value = counts.value(state);
    return value.isDouble() ? value.toInteger(-1) : -1;
}

bool EventStates::isEstimated(const QJsonObject &counts, const QString &state)
{
    return counts.value(QLatin1String("estimated")).toArray().contains(QJsonValue(state));
}

} // namespace trefoil::ui
