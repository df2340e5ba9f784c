#include "ui/widgets/counterlabel.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace trefoil::ui {

CounterLabel::CounterLabel(const QString &caption, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    m_valueLabel = new QLabel(this);
    m_valueLabel->setAlignment(Qt::AlignCenter);
    m_valueLabel->setTextFormat(Qt::PlainText);
    QFont big = m_valueLabel->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_valueLabel->setFont(big);
    m_captionLabel = new QLabel(caption, this);
    m_captionLabel->setAlignment(Qt::AlignCenter);
    m_captionLabel->setTextFormat(Qt::PlainText);
    m_captionLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(0);
    layout->addWidget(m_valueLabel);
    layout->addWidget(m_captionLabel);
    clear();
}

void CounterLabel::setValue(qint64 value)
{
    m_number = value;
    m_valueLabel->setText(QLocale().toString(value));
}

void CounterLabel::clear()
{
    m_number = -1;
    m_valueLabel->setText(QStringLiteral("–"));
}

void CounterLabel::setAccent(const QColor &color)
{
    QPalette palette = m_valueLabel->palette();
    palette.setColor(QPalette::WindowText, color);
    m_valueLabel->setPalette(palette);
}

QString CounterLabel::valueText() const
{
    return m_valueLabel->text();
}

} // namespace trefoil::ui
