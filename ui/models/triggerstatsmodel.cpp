#include "ui/models/triggerstatsmodel.h"

#include "ui/models/keyedrowmodel.h"

#include <QLocale>

namespace trefoil::ui {

namespace {

QString operationsText(const QJsonArray &operations)
{
    QStringList words;
    for (const QJsonValue operation : operations) {
        const QString name = operation.toString();
        if (name == QLatin1String("insert"))
            words.append(TriggerStatsModel::tr("insert"));
        else if (name == QLatin1String("update"))
            words.append(TriggerStatsModel::tr("update"));
        else if (name == QLatin1String("delete"))
            words.append(TriggerStatsModel::tr("delete"));
        else if (name == QLatin1String("manual"))
            words.append(TriggerStatsModel::tr("manual"));
        else
            words.append(name);
    }
    return words.join(QLatin1String(", "));
}

QString stateText(bool enabled, bool paused)
{
    if (!enabled && paused)
        return TriggerStatsModel::tr("Disabled, paused");
    if (!enabled)
        return TriggerStatsModel::tr("Disabled");
    if (paused)
        return TriggerStatsModel::tr("Paused");
    return TriggerStatsModel::tr("Active");
}

} // namespace

TriggerStatsModel::TriggerStatsModel(QObject *parent)
    : QIdentityProxyModel(parent)
    , m_rows(new KeyedRowModel(QStringLiteral("name"),
          { { QStringLiteral("name"), tr("Trigger") }, { QStringLiteral("table"), tr("Table") },
              { QStringLiteral("operations_text"), tr("Operations") },
              { QStringLiteral("handler_text"), tr("Handler") }, { QStringLiteral("state_text"), tr("State") },
              { QStringLiteral("rate_text"), tr("Delivered/s") }, { QStringLiteral("failed"), tr("Failed") },
              { QStringLiteral("backlog"), tr("Backlog") }, { QStringLiteral("dead"), tr("Dead") } },
          this))
{
    setSourceModel(m_rows);
}

QJsonArray TriggerStatsModel::present(const QJsonArray &stats)
{
    QJsonArray rows;
    for (const QJsonValue value : stats) {
        QJsonObject row = value.toObject();
        row.insert(QStringLiteral("operations_text"), operationsText(row.value(QLatin1String("operations")).toArray()));
        const QString handler = row.value(QLatin1String("handler")).toString();
        row.insert(QStringLiteral("handler_text"),
            row.value(QLatin1String("handler_kind")).toString() == QLatin1String("builtin")
                ? tr("built-in: %1").arg(handler)
                : handler);
        row.insert(QStringLiteral("state_text"),
            stateText(row.value(QLatin1String("enabled")).toBool(true), row.value(QLatin1String("paused")).toBool()));
        row.insert(
            QStringLiteral("rate_text"), QLocale().toString(row.value(QLatin1String("rate")).toDouble(), 'f', 1));
        row.insert(QStringLiteral("backlog"),
            row.value(QLatin1String("pending")).toInteger() + row.value(QLatin1String("in_flight")).toInteger());
        rows.append(row);
    }
    return rows;
}

void TriggerStatsModel::setStats(const QJsonArray &stats)
{
    m_rows->setRows(present(stats));
}

QJsonObject TriggerStatsModel::trigger(const QString &name) const
{
    const int row = rowOfName(name);
    return row < 0 ? QJsonObject() : m_rows->rowObject(row);
}

QString TriggerStatsModel::nameAt(int row) const
{
    return row >= 0 && row < m_rows->rowCount() ? m_rows->keyAt(row) : QString();
}

int TriggerStatsModel::rowOfName(const QString &name) const
{
    return m_rows->rowOfKey(name);
}

QVariant TriggerStatsModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::TextAlignmentRole && index.isValid() && index.column() >= RateColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.isValid()) {
        const QJsonObject row = m_rows->rowObject(index.row());
        switch (index.column()) {
        case RateColumn:
            return tr("%n event(s) delivered in the window", nullptr,
                static_cast<int>(row.value(QLatin1String("delivered")).toInteger()));
        case FailedColumn:
            return tr("Failed delivery attempts in the window");
        case BacklogColumn:
            return tr("%1 pending, %2 being delivered")
                .arg(row.value(QLatin1String("pending")).toInteger())
                .arg(row.value(QLatin1String("in_flight")).toInteger());
        case DeadColumn:
            return tr("Events that used up their retries (all time)");
        default:
            break;
        }
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace trefoil::ui
