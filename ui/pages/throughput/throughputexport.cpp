#include "ui/pages/throughput/throughputexport.h"

#include "ui/pages/throughput/orderhistory.h"
#include "ui/pages/throughput/ratehistory.h"

#include <QDateTime>
#include <QIODevice>
#include <QPixmap>
#include <QStringList>
#include <QWidget>

namespace trefoil::ui {

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString number(double value)
{
    return value < 0 ? QString() : QString::number(value, 'f', 1);
}

QString count(qint64 value)
{
    return value < 0 ? QString() : QString::number(value);
}

} // namespace

bool ThroughputExport::writeCsv(QIODevice *device, const RateHistory &rates, const OrderHistory *orders)
{
    using Stage = OrderHistory::Stage;
    using Percentile = OrderHistory::Percentile;
    // Column names are data for other programs, not user interface: not translated.
    QStringList header { QStringLiteral("time_utc") };
    if (orders) {
        for (int i = 0; i < OrderHistory::StageCount; ++i)
            header.append(QStringLiteral("orders_%1").arg(OrderHistory::key(static_cast<Stage>(i))));
        for (Stage stage : OrderHistory::TimedStages) {
            header.append(QStringLiteral("%1_p50_ms").arg(OrderHistory::key(stage)));
            header.append(QStringLiteral("%1_p95_ms").arg(OrderHistory::key(stage)));
        }
    }
    header.append(QStringLiteral("events_delivered"));
    const QStringList triggers = rates.triggers();
    for (const QString &trigger : triggers) {
        for (const char *what : { "delivered", "failed", "dead", "pending", "p95_ms" })
            header.append(csvField(trigger + QLatin1Char(' ') + QLatin1String(what)));
    }
    QByteArray out = header.join(QLatin1Char(',')).toUtf8() + '\n';

    const qint64 nowMs = std::max(rates.nowMs(), orders ? orders->nowMs() : 0);
    const int capacity = std::max(rates.capacitySeconds(), orders ? orders->capacitySeconds() : 0);
    if (nowMs > 0) {
        const qint64 last = nowMs / 1000 - 1;
        for (qint64 s = last - capacity + 2; s <= last; ++s) {
            QStringList row { QDateTime::fromSecsSinceEpoch(s, Qt::UTC).toString(Qt::ISODate) };
            if (orders) {
                for (int i = 0; i < OrderHistory::StageCount; ++i)
                    row.append(count(orders->count(static_cast<Stage>(i), s)));
                for (Stage stage : OrderHistory::TimedStages) {
                    row.append(number(orders->latencyMs(stage, Percentile::P50, s)));
                    row.append(number(orders->latencyMs(stage, Percentile::P95, s)));
                }
            }
            row.append(count(rates.count(RateHistory::Rate::Delivered, s)));
            for (const QString &trigger : triggers) {
                for (auto rate : { RateHistory::TriggerRate::Delivered, RateHistory::TriggerRate::Failed,
                         RateHistory::TriggerRate::Dead, RateHistory::TriggerRate::Pending })
                    row.append(count(rates.triggerCount(rate, trigger, s)));
                row.append(number(rates.latencyMs(trigger, s)));
            }
            out += row.join(QLatin1Char(',')).toUtf8() + '\n';
        }
    }
    return device->write(out) == out.size();
}

bool ThroughputExport::writePng(QWidget *widget, const QString &path)
{
    return widget->grab().save(path, "PNG");
}

} // namespace trefoil::ui
