#include "ui/client/reconnectbackoff.h"

#include <algorithm>

namespace trefoil::ui {

ReconnectBackoff::ReconnectBackoff(int initialMs, int maxMs, quint32 seed)
    : m_initialMs(std::max(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
    , m_random(seed)
{
}

int ReconnectBackoff::stepMs(int attempt) const
{
    qint64 step = m_initialMs;
    for (int i = 0; i < attempt && step < m_maxMs; ++i)
        step *= 2;
    return static_cast<int>(std::min<qint64>(step, m_maxMs));
}

int ReconnectBackoff::nextDelayMs()
{
    const int step = stepMs(m_attempts++);
    const int half = step / 2;
    return step - half + static_cast<int>(m_random.bounded(half + 1));
}

} // namespace trefoil::ui
