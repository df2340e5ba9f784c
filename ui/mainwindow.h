#pragma once

#include <QMainWindow>

class QLabel;

namespace trefoil::ui {

// The dashboard's frame: pages in the middle, where the database is and whether it is reachable
// in the status bar.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);

public Q_SLOTS:
    void setDatabaseLocation(const QString &location);
    void setDatabaseConnected(bool connected, const QString &detail);
    void showProgress(const QString &step);
    void showFailure(const QString &message);

private:
    QLabel *m_databaseLabel;
    QLabel *m_connectionLabel;
    QLabel *m_centralMessage;
};

} // namespace trefoil::ui
