#include "ui/pages/events/bulkactionbar.h"

#include "ui/pages/events/bulkactionrunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace trefoil::ui {

BulkActionBar::BulkActionBar(BulkActionRunner *runner, QWidget *parent)
    : QFrame(parent)
    , m_runner(runner)
    , m_label(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("bulkActionBar"));
    setFrameShape(QFrame::StyledPanel);
    m_cancel->setObjectName(QStringLiteral("bulkCancelButton"));
    m_progress->setMinimumWidth(240);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);
    hide();

    connect(m_runner, &BulkActionRunner::progress, this, &BulkActionBar::onProgress);
    connect(m_runner, &BulkActionRunner::finished, this, &QWidget::hide);
    connect(m_runner, &BulkActionRunner::failed, this, &QWidget::hide);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Stopping after this batch…"));
        m_runner->cancel();
    });
}

void BulkActionBar::onProgress(qint64 done, qint64 total)
{
    if (isHidden()) {
        m_cancel->setEnabled(true);
        show();
    }
    if (m_cancel->isEnabled()) {
        const QString n = QLocale().toString(done);
        const QString of = QLocale().toString(qMax<qint64>(total, 0));
        m_label->setText(m_runner->action() == BulkActionRunner::Action::Redeliver
                ? tr("Redelivering: %1 of %2 events").arg(n, of)
                : tr("Cancelling: %1 of %2 events").arg(n, of));
    }
    // QProgressBar counts in int: scale to per mille so that any count fits.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? static_cast<int>(qMin<qint64>(1000, done * 1000 / total)) : 0);
    m_progress->setFormat(total > 0 ? QStringLiteral("%p%") : QString());
}

} // namespace trefoil::ui
