#pragma once

#include <QString>

class QIODevice;
class QWidget;

namespace trefoil::ui {

class OrderHistory;
class RateHistory;

// What the Throughput page's Export writes, apart from any dialog (so tests can call it): the
// charts as a PNG, and the buffered per-second series as CSV.
class ThroughputExport final {
public:
    // One row per complete second in the buffers, oldest first: the time (UTC, ISO 8601), the
    // orders reaching each stage and the stages' p50/p95 latency (when `orders` is given), events
    // delivered in all, then per trigger delivered, failed, dead, pending and p95 latency. Unknown
    // values are empty. Returns false when the device could not be written.
    static bool writeCsv(QIODevice *device, const RateHistory &rates, const OrderHistory *orders);
    // The widget as it is drawn now, as a PNG file. Returns false when the file could not be written.
    static bool writePng(QWidget *widget, const QString &path);
};

} // namespace trefoil::ui
