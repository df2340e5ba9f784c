#pragma once

#include <QtGlobal>

#include <atomic>

namespace trefoil::metrics {

// A monotonically increasing value (events delivered, bytes sent). Lock-free; any thread may
// increment and any thread may read.
class Counter final {
    Q_DISABLE_COPY_MOVE(Counter)

public:
    Counter() = default;

    // Negative amounts are ignored: a counter never goes down.
    void inc(double amount = 1.0)
    {
        if (amount > 0)
            m_value.fetch_add(amount, std::memory_order_relaxed);
    }
    double value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value { 0.0 };
};

} // namespace trefoil::metrics
