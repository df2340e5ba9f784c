#include "ui/widgets/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace trefoil::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    hide();
}

void MessageBar::showMessage(const QString &text, Kind kind)
{
    m_label->setText(text);
    // Tinted backgrounds that read on light and dark palettes alike.
    setStyleSheet(kind == Kind::Error
            ? QStringLiteral("#messageBar { background: rgba(217, 83, 79, 45); border: 1px solid rgb(217, 83, 79); }")
            : QStringLiteral(
                "#messageBar { background: rgba(66, 139, 202, 40); border: 1px solid rgb(66, 139, 202); }"));
    show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void MessageBar::clearMessage()
{
    m_label->clear();
    hide();
}

} // namespace trefoil::ui
