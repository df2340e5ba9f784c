#include "ui/mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace trefoil::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_databaseLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_centralMessage(new QLabel(this))
{
    setWindowTitle(tr("Trefoil"));
    resize(1100, 700);

    m_centralMessage->setAlignment(Qt::AlignCenter);
    m_centralMessage->setWordWrap(true);
    m_centralMessage->setText(tr("Starting…"));
    setCentralWidget(m_centralMessage);

    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_connectionLabel);
    setDatabaseConnected(false, {});
}

void MainWindow::setDatabaseLocation(const QString &location)
{
    m_databaseLabel->setText(tr("Database: %1").arg(location));
}

void MainWindow::setDatabaseConnected(bool connected, const QString &detail)
{
    m_connectionLabel->setText(connected ? tr("● Connected") : tr("○ Not connected"));
    m_connectionLabel->setToolTip(detail);
    m_connectionLabel->setStyleSheet(connected ? QStringLiteral("color: #1a7f37") : QStringLiteral("color: #b35900"));
    if (connected)
        m_centralMessage->setText(
            tr("Connected to the database.\nThe dashboard's pages arrive with the next releases."));
    else if (!detail.isEmpty())
        m_centralMessage->setText(
            tr("The database connection was lost: %1\nTrefoil reconnects by itself.").arg(detail));
}

void MainWindow::showProgress(const QString &step)
{
    // Not statusBar()->showMessage(): that would hide where the database is.
    m_centralMessage->setText(step);
}

void MainWindow::showFailure(const QString &message)
{
    m_centralMessage->setText(tr("Trefoil could not start:\n%1").arg(message));
}

} // namespace trefoil::ui
