#include "ui/pages/settings/uipreferences.h"

#include "ui/widgets/darkpalette.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace trefoil::ui {

namespace {

const QString LanguageKey = QStringLiteral("ui/language");
const QString ThemeKey = QStringLiteral("ui/theme");

// The style the application started with, captured before any theme replaced it.
QString systemStyleName()
{
    static const QString name = QApplication::style() ? QApplication::style()->name() : QString();
    return name;
}

} // namespace

UiPreferences::Language UiPreferences::language()
{
    const QString value = QSettings().value(LanguageKey).toString();
    if (value == QLatin1String("en"))
        return Language::English;
    if (value == QLatin1String("de"))
        return Language::German;
    return Language::System;
}

void UiPreferences::setLanguage(Language language)
{
    QSettings settings;
    switch (language) {
    case Language::System:
        settings.remove(LanguageKey);
        break;
    case Language::English:
        settings.setValue(LanguageKey, QStringLiteral("en"));
        break;
    case Language::German:
        settings.setValue(LanguageKey, QStringLiteral("de"));
        break;
    }
}

UiPreferences::Theme UiPreferences::theme()
{
    const QString value = QSettings().value(ThemeKey).toString();
    if (value == QLatin1String("light"))
        return Theme::Light;
    if (value == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void UiPreferences::setTheme(Theme theme)
{
    QSettings settings;
    switch (theme) {
    case Theme::System:
        settings.remove(ThemeKey);
        break;
    case Theme::Light:
        settings.setValue(ThemeKey, QStringLiteral("light"));
        break;
    case Theme::Dark:
        settings.setValue(ThemeKey, QStringLiteral("dark"));
        break;
    }
}

QLocale UiPreferences::locale(Language language)
{
    switch (language) {
    case Language::English:
        return QLocale(QLocale::English, QLocale::UnitedStates);
    case Language::German:
        return QLocale(QLocale::German, QLocale::Germany);
    case Language::System:
        break;
    }
    return QLocale::system();
}

UiPreferences::Theme UiPreferences::startupTheme()
{
    if (qEnvironmentVariable("TREFOIL_PALETTE") == QLatin1String("dark"))
        return Theme::Dark;
    return theme();
}

void UiPreferences::applyTheme(QApplication &app, Theme theme)
{
    const QString systemStyle = systemStyleName();
    switch (theme) {
    case Theme::Dark:
        applyDarkFusionPalette(app);
        return;
    case Theme::Light: {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QApplication::setStyle(fusion);
        QApplication::setPalette(fusion->standardPalette());
        return;
    }
    case Theme::System:
        if (QApplication::style()->name() != systemStyle && !systemStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(systemStyle));
        // A palette that sets nothing: the platform's and the style's own colours again.
        QApplication::setPalette(QPalette());
        return;
    }
}

} // namespace trefoil::ui
