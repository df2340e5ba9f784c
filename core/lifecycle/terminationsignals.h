#pragma once

#include <QObject>

class QSocketNotifier;

namespace trefoil {

// Turns SIGINT and SIGTERM into a Qt signal delivered on the event loop, so a process can shut
// down cleanly (and stop its embedded database) instead of dying mid-write.
class TerminationSignals final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
    void onSignal();
};

} // namespace trefoil
