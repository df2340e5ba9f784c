#pragma once

class QApplication;

namespace trefoil::ui {

// Fusion with a dark palette, for people who want it (TREFOIL_PALETTE=dark) and for the dark
// screenshots that check no colour assumes a light background.
void applyDarkFusionPalette(QApplication &app);

} // namespace trefoil::ui
