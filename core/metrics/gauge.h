#pragma once

#include <QtGlobal>

#include <atomic>

namespace trefoil::metrics {

// A value that goes up and down (queue depth, open connections). Lock-free.
class Gauge final {
    Q_DISABLE_COPY_MOVE(Gauge)

public:
    Gauge() = default;

    void set(double value) { m_value.store(value, std::memory_order_relaxed); }
    void add(double amount) { m_value.fetch_add(amount, std::memory_order_relaxed); }
    void inc(double amount = 1.0) { add(amount); }
    void dec(double amount = 1.0) { add(-amount); }
    double value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value { 0.0 };
};

} // namespace trefoil::metrics
