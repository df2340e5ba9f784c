#pragma once

#include <QWidget>

namespace trefoil::ui {

// A page whose content is not built yet: says what it will show, so the navigation is honest.
class PlaceholderPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace trefoil::ui
