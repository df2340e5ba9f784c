#pragma once

#include <QRandomGenerator>
#include <QtGlobal>

namespace trefoil::ui {

// The delays between reconnect attempts: exponential from `initialMs`, capped at `maxMs`, with
// "equal jitter" (half the step fixed, half random), so many clients that lost the same server do
// not all come back at the same instant, while each still waits at least half its step.
class ReconnectBackoff final {
public:
    explicit ReconnectBackoff(
        int initialMs = 500, int maxMs = 30000, quint32 seed = QRandomGenerator::global()->generate());

    // The delay before the next attempt; each call is one more attempt.
    int nextDelayMs();
    // The step (the delay without jitter) of attempt `attempt` (0 = the first retry).
    int stepMs(int attempt) const;
    // After a successful connection: the next failure starts again at `initialMs`.
    void reset() { m_attempts = 0; }
    int attempts() const { return m_attempts; }

private:
    int m_initialMs;
    int m_maxMs;
    int m_attempts = 0;
    QRandomGenerator m_random;
};

} // namespace trefoil::ui
