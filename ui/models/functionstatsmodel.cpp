#include "ui/models/functionstatsmodel.h"

#include "ui/models/keyedrowmodel.h"

#include <QLocale>

namespace trefoil::ui {

namespace {

QString milliseconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return QStringLiteral("—");
    return FunctionStatsModel::tr("%1 ms").arg(QLocale().toString(value.toDouble(), 'f', 0));
}

} // namespace

FunctionStatsModel::FunctionStatsModel(QObject *parent)
    : QIdentityProxyModel(parent)
    , m_rows(new KeyedRowModel(QStringLiteral("name"),
          { { QStringLiteral("name"), tr("Function") }, { QStringLiteral("rate_text"), tr("Calls/s") },
              { QStringLiteral("error_rate_text"), tr("Errors") }, { QStringLiteral("avg_text"), tr("Average") },
              { QStringLiteral("p95_text"), tr("95th percentile") }, { QStringLiteral("fault_text"), tr("Fault") } },
          this))
{
    setSourceModel(m_rows);
}

QString FunctionStatsModel::faultText(const QJsonValue &fault)
{
    if (!fault.isObject())
        return tr("not available");
    const QJsonObject object = fault.toObject();
    QStringList parts;
    const double rate = object.value(QLatin1String("failure_rate")).toDouble();
    if (rate > 0)
        parts.append(tr("fails %1 %").arg(QLocale().toString(rate * 100, 'f', 0)));
    const qint64 latency = object.value(QLatin1String("latency_ms")).toInteger();
    if (latency > 0)
        parts.append(tr("+%1 ms").arg(latency));
    if (object.value(QLatin1String("timeout")).toBool())
        parts.append(tr("times out"));
    if (object.value(QLatin1String("always_fail")).toBool())
        parts.append(tr("always fails"));
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(" · "));
}

QJsonArray FunctionStatsModel::present(const QJsonArray &stats)
{
    QJsonArray rows;
    const QLocale locale;
    for (const QJsonValue value : stats) {
        QJsonObject row = value.toObject();
        row.insert(QStringLiteral("rate_text"), locale.toString(row.value(QLatin1String("rate")).toDouble(), 'f', 1));
        row.insert(QStringLiteral("error_rate_text"),
            tr("%1 %").arg(locale.toString(row.value(QLatin1String("error_rate")).toDouble() * 100, 'f', 1)));
        row.insert(QStringLiteral("avg_text"), milliseconds(row.value(QLatin1String("avg_ms"))));
        row.insert(QStringLiteral("p95_text"), milliseconds(row.value(QLatin1String("p95_ms"))));
        row.insert(QStringLiteral("fault_text"), faultText(row.value(QLatin1String("fault"))));
        rows.append(row);
    }
    return rows;
}

void FunctionStatsModel::setStats(const QJsonArray &stats)
{
    m_rows->setRows(present(stats));
}

QJsonObject FunctionStatsModel::function(const QString &name) const
{
    const int row = rowOfName(name);
    return row < 0 ? QJsonObject() : m_rows->rowObject(row);
}

QString FunctionStatsModel::nameAt(int row) const
{
    return row >= 0 && row < m_rows->rowCount() ? m_rows->keyAt(row) : QString();
}

int FunctionStatsModel::rowOfName(const QString &name) const
{
    return m_rows->rowOfKey(name);
}

QVariant FunctionStatsModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::TextAlignmentRole && index.isValid() && index.column() >= RateColumn && index.column() <= P95Column)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.isValid()) {
        const QJsonObject row = m_rows->rowObject(index.row());
        if (index.column() == RateColumn || index.column() == ErrorRateColumn)
            return tr("%1 calls, %2 failed, in the window")
                .arg(row.value(QLatin1String("calls")).toInteger())
                .arg(row.value(QLatin1String("errors")).toInteger());
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace trefoil::ui
