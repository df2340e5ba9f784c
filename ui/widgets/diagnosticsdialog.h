#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;

namespace trefoil::ui {

class GuiStallMonitor;

// Help → Diagnostics: how responsive the window has been (the GUI thread's worst stall in the
// last minute and since start), refreshed while it is open.
class DiagnosticsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsDialog)

public:
    explicit DiagnosticsDialog(const GuiStallMonitor *monitor, QWidget *parent = nullptr);

private:
    const GuiStallMonitor *m_monitor;
    QLabel *m_lastMinute;
    QLabel *m_sinceStart;
    QLabel *m_p99;
    QTimer m_refresh;

    void refresh();
};

} // namespace trefoil::ui
