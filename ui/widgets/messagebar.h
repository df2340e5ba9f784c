#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace trefoil::ui {

// An inline message strip at the top of a page (errors, or information), instead of a modal
// dialog: the newest message replaces the last, and it stays until closed or replaced.
class MessageBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Kind { Information, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Error);
    QString text() const;

public Q_SLOTS:
    void clearMessage();

private:
    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace trefoil::ui
