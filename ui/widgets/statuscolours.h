#pragma once

#include <QColor>
#include <QPalette>

namespace trefoil::ui {

enum class StatusTone { Good, Warning, Bad };

// A status colour that reads on the given palette's window background: darker shades on a light
// palette, lighter ones on a dark palette (no fixed light-theme colours).
QColor statusColour(StatusTone tone, const QPalette &palette);
bool isDarkPalette(const QPalette &palette);

} // namespace trefoil::ui
