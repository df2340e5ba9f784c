#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace trefoil::ui {

class BulkActionRunner;

// A non-modal strip that shows a running bulk action: what it does, a progress bar of the events
// touched out of those counted, and Cancel. Shown while the runner runs, hidden when it ends.
class BulkActionBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActionBar)

public:
    explicit BulkActionBar(BulkActionRunner *runner, QWidget *parent = nullptr);

    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    void onProgress(qint64 done, qint64 total);

    BulkActionRunner *m_runner;
    QLabel *m_label;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace trefoil::ui
