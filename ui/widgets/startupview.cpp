#include "ui/widgets/startupview.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace trefoil::ui {

StartupView::StartupView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Starting Trefoil"), this))
    , m_step(new QLabel(tr("Starting…"), this))
    , m_busy(new QProgressBar(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_step->setAlignment(Qt::AlignCenter);
    m_step->setWordWrap(true);
    m_step->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy->setRange(0, 0); // the steps' durations are unknown: a busy indicator, not a percentage
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(360);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_title);
    layout->addSpacing(8);
    layout->addWidget(m_step);
    layout->addSpacing(8);
    layout->addWidget(m_busy, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void StartupView::showStep(const QString &step)
{
    m_step->setText(step);
}

void StartupView::showFailure(const QString &message)
{
    m_title->setText(tr("Trefoil could not start"));
    m_step->setText(message);
    m_busy->hide();
}

} // namespace trefoil::ui
