#include "ui/widgets/placeholderpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace trefoil::ui {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto *text = new QLabel(explanation, this);
    text->setWordWrap(true);
    text->setMaximumWidth(560);
    text->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(12);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch(1);
}

} // namespace trefoil::ui
