#pragma once

#include <QFrame>

class QLabel;

namespace trefoil::ui {

// A large live number with a small caption under it (a dashboard counter). The number is formatted
// for the locale; a colour may mark counters that stand for trouble.
class CounterLabel final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CounterLabel)

public:
    explicit CounterLabel(const QString &caption, QWidget *parent = nullptr);

    void setValue(qint64 value);
    // No value known (shown as a dash).
    void clear();
    void setAccent(const QColor &color);

    QString valueText() const;
    // -1 when cleared.
    qint64 value() const { return m_number; }

private:
    QLabel *m_valueLabel = nullptr;
    QLabel *m_captionLabel = nullptr;
    qint64 m_number = -1;
};

} // namespace trefoil::ui
