// trefoil: the desktop application, backend and dashboard in one process.
#include "backend/backend.h"
#include "core/config/config.h"
#include "core/lifecycle/terminationsignals.h"
#include "ui/client/graphqlendpoint.h"
#include "ui/dashboardpages.h"
#include "ui/mainwindow.h"
#include "ui/pages/settings/uipreferences.h"
#include "ui/widgets/screenshottour.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <QUuid>

#include <cstdio>
#include <memory>

namespace {

// The UI's translation for the user's language — the system's, or the one chosen in Settings
// (compiled in) — and Qt's own where installed.
void installTranslations(QApplication &app)
{
    using trefoil::ui::UiPreferences;
    const UiPreferences::Language language = UiPreferences::language();
    const QLocale locale = UiPreferences::locale(language);
    if (language != UiPreferences::Language::System)
        QLocale::setDefault(locale);
    // No translation for the locale (C, or a language without one): English, for its plural forms.
    auto *trefoil = new QTranslator(&app);
    if (trefoil->load(locale, QStringLiteral("trefoil"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || trefoil->load(QStringLiteral("trefoil_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(trefoil);
    auto *qt = new QTranslator(&app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("trefoil"));
    QApplication::setOrganizationName(QStringLiteral("trefoil"));
    QApplication::setApplicationVersion(QStringLiteral(TREFOIL_VERSION));
    installTranslations(app);
    // The theme chosen in Settings (TREFOIL_PALETTE=dark for scripts and dark screenshots).
    if (const auto theme = trefoil::ui::UiPreferences::startupTheme();
        theme != trefoil::ui::UiPreferences::Theme::System)
        trefoil::ui::UiPreferences::applyTheme(app, theme);

    const auto loaded = trefoil::ConfigLoader::load(
        QApplication::translate(
            "main", "Trefoil: realtime GraphQL, reliable eventing and the order workflow on your desktop."),
        QApplication::arguments(), QProcessEnvironment::systemEnvironment(), trefoil::ConfigLoader::Program::Desktop);
    if (loaded.outcome != trefoil::ConfigLoader::Outcome::Ok) {
        const bool error = loaded.outcome == trefoil::ConfigLoader::Outcome::Error;
        std::fprintf(error ? stderr : stdout, "%s%s\n", error ? "trefoil: " : "", qPrintable(loaded.message));
        return error ? 2 : 0;
    }

    trefoil::Config config = loaded.config;
    trefoil::ui::MainWindow window;
    window.setPageFactory(&trefoil::ui::createDashboardPage);
    // With --connect the window is a client of a remote trefoild and this process runs no backend.
    std::unique_ptr<trefoil::Backend> backend;
    if (!config.connectUrl.isEmpty()) {
        const trefoil::ui::GraphqlEndpoint remote { QUrl(config.connectUrl), config.adminSecret };
        window.connectTo(remote, QApplication::translate("main", "behind %1").arg(remote.displayName()));
    } else {
        // The desktop serves its API on this machine only, guarded by a secret made for this run and
        // handed to its own dashboard, unless the user chose one.
        if (config.adminSecret.isEmpty())
            config.adminSecret = QString::fromLatin1(QUuid::createUuid().toByteArray(QUuid::Id128));
        backend = std::make_unique<trefoil::Backend>(config);
        window.setDatabaseLocation(backend->databaseDescription());
        // The window is handed the endpoint, never the Backend: it talks to it through the API alone.
        QObject::connect(backend.get(), &trefoil::Backend::ready, &window, [&backend, &window, &config] {
            const trefoil::ui::GraphqlEndpoint endpoint {
                QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/graphql").arg(backend->port())), config.adminSecret
            };
            window.setEmbeddedEndpoint(endpoint, backend->databaseDescription());
        });
        QObject::connect(backend.get(), &trefoil::Backend::progress, &window, &trefoil::ui::MainWindow::showProgress);
        QObject::connect(backend.get(), &trefoil::Backend::failed, &window, &trefoil::ui::MainWindow::showFailure);
        QObject::connect(backend.get(), &trefoil::Backend::databaseConnectionChanged, &window,
            &trefoil::ui::MainWindow::setDatabaseConnected);
    }

    trefoil::TerminationSignals termination;
    QObject::connect(&termination, &trefoil::TerminationSignals::terminationRequested, &app, &QCoreApplication::quit);
    if (backend)
        QObject::connect(&app, &QCoreApplication::aboutToQuit, backend.get(), &trefoil::Backend::shutdown);

    // For scripts/screenshots and CI: once connected, save every page as PNG into the directory,
    // then quit (exit status 1 if a picture could not be made). TREFOIL_SCREENSHOT_ORDERS demo
    // orders are placed first (default 12; 0 for none).
    const QString screenshotDir = qEnvironmentVariable("TREFOIL_SCREENSHOT_DIR");
    if (!screenshotDir.isEmpty()) {
        auto *tour = new trefoil::ui::ScreenshotTour(&window, screenshotDir, &window);
        bool ordersOk = false;
        const int orders = qEnvironmentVariableIntValue("TREFOIL_SCREENSHOT_ORDERS", &ordersOk);
        if (ordersOk)
            tour->setDemoOrders(orders);
        QObject::connect(tour, &trefoil::ui::ScreenshotTour::finished, &app, [](bool ok, const QString &problem) {
            if (!ok)
                std::fprintf(stderr, "trefoil: screenshots: %s\n", qPrintable(problem));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }

    window.show();
    if (backend)
        backend->start();
    return app.exec();
}
