#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace trefoil::ui {

// What the window shows until the backend answers: each start-up step as it happens (the first
// run's initdb takes seconds), or why the start failed and what to do.
class StartupView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupView)

public:
    explicit StartupView(QWidget *parent = nullptr);

public Q_SLOTS:
    void showStep(const QString &step);
    void showFailure(const QString &message);

private:
    QLabel *m_title;
    QLabel *m_step;
    QProgressBar *m_busy;
};

} // namespace trefoil::ui
