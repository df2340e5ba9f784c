#pragma once

#include <QLocale>
#include <QString>

class QApplication;

namespace trefoil::ui {

// The dashboard's own preferences, kept in QSettings: the language (read once at start, when the
// translations are loaded) and the theme (applied at once and at every start).
class UiPreferences final {
public:
    UiPreferences() = delete;

    enum class Language { System, English, German };
    enum class Theme { System, Light, Dark };

    static Language language();
    static void setLanguage(Language language);
    static Theme theme();
    static void setTheme(Theme theme);

    // The locale the translations are loaded for: the system's, or the chosen language's.
    static QLocale locale(Language language);
    // Applies `theme` to the running application. System is the style and palette the
    // application started with.
    static void applyTheme(QApplication &app, Theme theme);
    // The theme at start: TREFOIL_PALETTE=dark wins (scripts, dark screenshots), else the stored one.
    static Theme startupTheme();
};

} // namespace trefoil::ui
