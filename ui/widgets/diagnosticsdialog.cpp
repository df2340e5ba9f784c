#include "ui/widgets/diagnosticsdialog.h"

#include "ui/diagnostics/guistallmonitor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace trefoil::ui {

DiagnosticsDialog::DiagnosticsDialog(const GuiStallMonitor *monitor, QWidget *parent)
    : QDialog(parent)
    , m_monitor(monitor)
    , m_lastMinute(new QLabel(this))
    , m_sinceStart(new QLabel(this))
    , m_p99(new QLabel(this))
{
    setWindowTitle(tr("Diagnostics"));
    auto *explanation = new QLabel(tr("How long the window went without answering input. Under 16 ms "
                                      "is smooth; over 100 ms is noticeable."),
        this);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Worst stall in the last minute:"), m_lastMinute);
    form->addRow(tr("Worst stall since start:"), m_sinceStart);
    form->addRow(tr("99th percentile since start:"), m_p99);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);

    m_refresh.setInterval(1000);
    connect(&m_refresh, &QTimer::timeout, this, &DiagnosticsDialog::refresh);
    m_refresh.start();
    refresh();
}

void DiagnosticsDialog::refresh()
{
    m_lastMinute->setText(tr("%1 ms").arg(m_monitor->worstStallLastMinuteMs()));
    m_sinceStart->setText(tr("%1 ms").arg(m_monitor->worstStallMs()));
    m_p99->setText(tr("%1 ms").arg(m_monitor->percentileStallMs(0.99)));
}

} // namespace trefoil::ui
